"""Every .docx and .xlsx the project writes passes a schema-level validator (openxml-audit, strict).

Findings we judge false positives of the validator are listed in FALSE_POSITIVES with the reason;
anything else fails the test.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import ROOT, example_path
from zwgk_docs.build import build
from zwgk_docs.load import load_plan


FALSE_POSITIVES = [
    # ECMA-376 transitional ST_OnOff admits true/false/on/off/1/0 (Part 1 §22.9.2.7); Word writes and
    # reads w:val="true". The validator checks the Strict subset (on/off) only.
    (re.compile(r"Invalid value for attribute 'val': Value '(true|false)' is not in allowed values: \['off', 'on'\]"),
     "ST_OnOff true/false is transitional OOXML"),
    # CT_Font (sml.xsd) is an xsd:choice maxOccurs="unbounded": its children may come in any order.
    # openpyxl writes name, family, b, color, sz …; Excel, WPS and LibreOffice read it.
    (re.compile(r"/xl/styles\.xml:/styleSheet\[1\]/fonts\[1\]/font\[\d+\]: Unexpected element '(sz|color|b|i|u|name|family|scheme|charset|vertAlign|strike)' found"),
     "CT_Font children are an unordered choice"),
    # CT_RPrElt (a rich-text run's properties, sml.xsd) is the same unbounded choice as CT_Font;
    # openpyxl's InlineFont writes color before sz.
    (re.compile(r"/is\[1\]/r\[\d+\]/rPr\[1\]: Unexpected element '(sz|color|b|i|u|rFont|family|scheme|charset|vertAlign|strike)' found"),
     "CT_RPrElt children are an unordered choice"),
    # Inline strings are valid SpreadsheetML (§18.3.1.53 is); the note is that Excel converts them to
    # shared strings when it next saves — a rewrite, not a fault.
    (re.compile(r"inline-string cell\(s\) .* but the package has no populated `xl/sharedStrings\.xml`"),
     "inline strings are valid"),
]


def real_findings(path: Path) -> list[str]:
    openxml_audit = pytest.importorskip("openxml_audit")  # imported here: ~1 s that collection need not pay
    result = openxml_audit.OpenXmlValidator().validate(str(path))
    return [str(e) for e in result.errors if not any(p.search(str(e)) for p, _ in FALSE_POSITIVES)]


@pytest.fixture(scope="module")
def written(tmp_path_factory) -> list[Path]:
    out = tmp_path_factory.mktemp("ooxml")
    files: list[Path] = []
    for name, plan in (("full", ROOT / "tests" / "data" / "notice-full.yaml"), ("shenyang", example_path("shenyang-2021"))):
        build(load_plan(plan), out / name, ["docx", "xlsx"], by_unit=True)
        files += sorted((out / name).rglob("*.docx")) + sorted((out / name).rglob("*.xlsx"))[:6]
    from click.testing import CliRunner

    from zwgk_docs.cli import main

    result = CliRunner().invoke(main, ["report", str(example_path("shenyang-2021")), "--progress",
                                       str(ROOT / "examples" / "shenyang-2021.progress.yaml"), "--stats",
                                       str(ROOT / "examples" / "shenyang-2021.stats.yaml"), "-o", str(out / "report")])
    assert result.exit_code == 0, result.output
    files += sorted((out / "report").glob("*.docx"))
    result = CliRunner().invoke(main, ["report-template", "-o", str(out / "report" / "stats.xlsx"), "--year", "2021"])
    assert result.exit_code == 0, result.output
    files.append(out / "report" / "stats.xlsx")
    for suffix in (".docx", ".xlsx"):  # the 对照表 of zwgk diff
        result = CliRunner().invoke(main, ["diff", str(ROOT / "tests" / "data" / "notice-full.yaml"),
                                           str(example_path("shenyang-2021")), "-o", str(out / f"diff{suffix}")])
        assert result.exit_code == 0, result.output
        files.append(out / f"diff{suffix}")
    return files


@pytest.mark.slow  # the validator reads every part of 21 packages
def test_every_package_is_valid(written):
    kinds = {p.name if p.suffix == ".docx" else p.suffix for p in written}
    assert {"notice.docx", "report.docx", ".xlsx"} <= kinds
    assert {p.name for p in written} >= {"tasks.xlsx", "ledger.xlsx", "stats.xlsx", "diff.docx", "diff.xlsx"}
    problems = {p.name: real_findings(p) for p in written}
    assert not any(problems.values()), {k: v[:5] for k, v in problems.items() if v}


def test_notice_package_is_clean(notice_docx):
    """zh-CN East Asian language, current compatibility mode, only styles the 通知 uses (plus Word's own)."""
    import zipfile

    notice = notice_docx["full"]
    z = zipfile.ZipFile(notice)
    settings = z.read("word/settings.xml").decode()
    styles = z.read("word/styles.xml").decode()
    assert 'w:eastAsia="zh-CN"' in settings and "ja-JP" not in settings
    assert re.search(r'compatibilityMode" w:uri="[^"]+" w:val="15"', settings)
    assert "word/stylesWithEffects.xml" not in z.namelist()
    assert 'w:lang w:val="en-US" w:eastAsia="zh-CN"' in styles  # Latin text breaks by word (not inside "2021")
    assert len(re.findall(r"<w:style ", styles)) < 60


@pytest.mark.slow  # openxml-audit over every template part (~2 s), with the other OOXML validations
def test_templates_are_valid():
    """The binary templates themselves (an office opens and restyles them in Word/WPS)."""
    for path in sorted((ROOT / "templates" / "docx").glob("*.docx")):
        assert not real_findings(path), (path.name, real_findings(path)[:5])
