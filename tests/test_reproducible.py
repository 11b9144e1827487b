"""Same plan, same templates → byte-identical outputs, in every format; dates from the plan or SOURCE_DATE_EPOCH."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

import zwgk_docs
from zwgk_docs.report import prepare, write_report

from conftest import EXAMPLES, ROOT

MINI = ROOT / "tests" / "data" / "mini.yaml"
REPORT_DATA = ROOT / "tests" / "data" / "report"


def tree(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def build_all(plan_path: Path, out: Path, formats) -> dict[str, bytes]:
    zwgk_docs.build(zwgk_docs.load_plan(plan_path), out, formats=formats, by_unit=True)
    return tree(out)


def differing(a: dict, b: dict) -> list[str]:
    return sorted(k for k in a.keys() | b.keys() if a.get(k) != b.get(k))


def test_two_builds_are_byte_identical(tmp_path, monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    first = build_all(MINI, tmp_path / "a", ["docx", "xlsx", "html"])
    second = build_all(MINI, tmp_path / "b", ["docx", "xlsx", "html"])
    assert {"notice.docx", "tasks.xlsx", "ledger.xlsx", "notice.html"} <= set(first)
    assert any(k.startswith("units/") for k in first)
    assert differing(first, second) == []


@pytest.mark.slow  # two PDF builds and two reports
def test_pdf_and_report_are_byte_identical(tmp_path, monkeypatch):
    """Under SOURCE_DATE_EPOCH, as a packager would build; the PDF dates are the epoch's."""
    import pdfplumber

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")  # 2023-11-14T22:13:20Z
    outs = []
    for name in ("a", "b"):
        zwgk_docs.build(zwgk_docs.load_plan(MINI), tmp_path / name, formats=["pdf"])
        prepared = prepare(MINI, REPORT_DATA / "mini.progress.yaml", EXAMPLES / "shenyang-2021.stats.yaml")
        write_report(prepared.report, tmp_path / name / "report")
        outs.append(tree(tmp_path / name))
    assert {"notice.pdf", "tasks.pdf", "report/report.docx", "report/report.pdf", "report/report.html"} <= set(outs[0])
    assert differing(*outs) == []
    with pdfplumber.open(tmp_path / "a" / "notice.pdf") as pdf:
        assert pdf.metadata["CreationDate"].startswith("D:20231114221320")
        assert pdf.metadata["Author"] == "沈阳市政务公开领导小组"


def core(path: Path) -> str:
    with zipfile.ZipFile(path) as z:
        return z.read("docProps/core.xml").decode() + z.read("docProps/app.xml").decode()


def test_docprops_come_from_the_plan(tmp_path, monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    files = build_all(MINI, tmp_path, ["docx", "xlsx"])
    for name in ("notice.docx", "tasks.xlsx", "ledger.xlsx"):
        props = core(tmp_path / name)
        assert "2021-06-22T00:00:00Z" in props, name  # 成文日期
        assert "<dc:creator>沈阳市政务公开领导小组</dc:creator>" in props, name
        for leftover in ("Macintosh", "2013-", "openpyxl", "Microsoft", "make_docx_template"):
            assert leftover not in props, (name, leftover)
    assert "<dc:title>沈阳市2021年政务公开工作要点</dc:title>" in core(tmp_path / "tasks.xlsx")
    with zipfile.ZipFile(tmp_path / "tasks.xlsx") as z:
        infos = z.infolist()
    assert [i.filename for i in infos][:2] == ["[Content_Types].xml", "_rels/.rels"]
    assert {i.date_time for i in infos} == {(2021, 6, 22, 0, 0, 0)}
    assert {i.external_attr >> 16 for i in infos} == {0o100644}
    assert files


def test_source_date_epoch_wins(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")  # 2023-11-14T22:13:20Z
    a = build_all(MINI, tmp_path / "a", ["docx", "xlsx"])
    b = build_all(MINI, tmp_path / "b", ["docx", "xlsx"])
    assert differing(a, b) == []
    assert "2023-11-14T22:13:20Z" in core(tmp_path / "a" / "notice.docx")
    with zipfile.ZipFile(tmp_path / "a" / "tasks.xlsx") as z:
        assert {i.date_time for i in z.infolist()} == {(2023, 11, 14, 22, 13, 20)}
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000002")
    c = build_all(MINI, tmp_path / "c", ["xlsx"])
    assert c["tasks.xlsx"] != a["tasks.xlsx"]
