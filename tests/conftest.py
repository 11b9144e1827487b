"""Shared test helpers: the examples, LibreOffice as the real client, PDF text."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from typing import Optional
import unicodedata
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
SEEDS = ROOT / "tests" / "data" / "seeds"  # copies of shared/seeds: the published documents
EXAMPLE_NAMES = ["siping-2018", "jilin-2018", "chizhou-2018", "teda-2018", "shenyang-2021"]
ARTIFACTS = ROOT / "test-artifacts"


@pytest.fixture(scope="session", autouse=True)
def _isolated_user_cache(tmp_path_factory):
    """The user cache (zwgk_docs/user_cache.py) in this run's own folder, not the developer's ~/.cache."""
    os.environ["ZWGK_CACHE_DIR"] = str(tmp_path_factory.mktemp("user-cache"))


def example_path(name: str) -> Path:
    return EXAMPLES / f"{name}.yaml"


def squash(text: str) -> str:
    """Compare texts across formats: NFKC (full/half width), no whitespace."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def soffice_to_pdf(src: Path, out_dir: Path) -> Path:
    """Convert with LibreOffice headless, the real client offices also use."""
    exe = shutil.which("soffice") or shutil.which("libreoffice")
    if exe is None:
        pytest.fail("LibreOffice (soffice) is not installed: run scripts/setup.sh")
    profile = out_dir / ".lo-profile"
    subprocess.run(
        [exe, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf", "--outdir", str(out_dir), str(src)],
        check=True, capture_output=True, timeout=240,
    )
    pdf = out_dir / (src.stem + ".pdf")
    assert pdf.exists(), f"LibreOffice did not convert {src}"
    return pdf


def pdf_text(path: Path) -> str:
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        return "\n".join(page.extract_text() or "" for page in pdf.pages)


@dataclass
class Ran:
    """What a `zwgk` command did, as subprocess.run reports it."""

    returncode: int
    stdout: str
    stderr: str


def zwgk(*args: object, cwd: Optional[Path] = None, input: Optional[str] = None,
         env: Optional[dict[str, str]] = None) -> Ran:
    """Run the `zwgk` command line in this process (click's CliRunner): the suite's default.

    End-to-end tests that need a real process (signals, packaging, `python -m`) use zwgk_process.
    """
    from click.testing import CliRunner

    from zwgk_docs.cli import main

    runner = CliRunner()
    old = Path.cwd()
    if cwd is not None:
        os.chdir(cwd)
    try:
        result = runner.invoke(main, [str(a) for a in args], input=input, env=env, prog_name="zwgk")
    finally:
        os.chdir(old)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return Ran(result.exit_code, result.stdout, result.stderr)


def zwgk_process(*args: object, cwd: Optional[Path] = None, env: Optional[dict[str, str]] = None,
                 timeout: float = 600) -> "subprocess.CompletedProcess[str]":
    """`python -m zwgk_docs` in a real process, importing this tree."""
    env = {**os.environ, **(env or {}), "PYTHONPATH": str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", "")}
    return subprocess.run([sys.executable, "-m", "zwgk_docs", *map(str, args)], capture_output=True, text=True,
                          cwd=cwd, env=env, timeout=timeout)


@pytest.fixture
def artifacts() -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS


# Fixtures that start LibreOffice or Chromium: tests using them get the marker, so that
# `pytest -m "not libreoffice and not browser"` is the quick suite and `-m libreoffice` runs them alone.
LIBREOFFICE_FIXTURES = {"pdfs", "shenyang_pdf"}
BROWSER_FIXTURES = {"browser"}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        names = set(getattr(item, "fixturenames", ()))
        if names & LIBREOFFICE_FIXTURES:
            item.add_marker(pytest.mark.libreoffice)
        if names & BROWSER_FIXTURES:
            item.add_marker(pytest.mark.browser)
