"""The pipeline's shape: one writer registry, writers that read only the context."""

from __future__ import annotations

import re
from pathlib import Path

from zwgk_docs.writers import FORMATS, REGISTRY, writer

PACKAGE = Path(__file__).resolve().parent.parent / "zwgk_docs"


def test_every_registered_writer_exists() -> None:
    for document, fmt in REGISTRY:
        assert callable(writer(document, fmt))
    assert {fmt for _, fmt in REGISTRY} == set(FORMATS)


def test_no_writer_reads_the_plan() -> None:
    writers = [*(PACKAGE / "writers").rglob("*.py"), *(PACKAGE / "report").glob("write_*.py")]
    offenders = [f"{p.relative_to(PACKAGE)}:{n}" for p in writers
                 for n, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1)
                 if re.search(r"\bctx\.plan\b", line)]
    assert offenders == []


def test_tests_start_libreoffice_and_chromium_through_conftest() -> None:
    """One helper each (tests/conftest.py soffice_convert, chromium_browser): they batch LibreOffice runs,
    keep parallel workers' profiles apart and fail a test that lacks its libreoffice/browser marker."""
    tests = PACKAGE.parent / "tests"
    offenders = [f"{p.name}:{n}" for p in sorted(tests.glob("test_*.py"))
                 for n, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1)
                 if re.search(r"""which\(["'](soffice|libreoffice)|\.chromium\.launch\(""", line)]
    assert offenders == []
