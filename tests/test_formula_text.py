"""User text is data in every workbook: a task, unit or title starting with = + - @ stays text."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from openpyxl import load_workbook

from conftest import soffice_convert
import zwgk_docs
from zwgk_docs.writers.xlsx.cells import set_text


PAYLOADS = ["=1+1", "@SUM(A1)", "+cmd|' /C calc'!A0", "-2+3", "=HYPERLINK(\"http://x\",\"y\")"]


def hostile_plan() -> dict:
    """Every field that reaches a cell carries a payload."""
    p = PAYLOADS
    return {
        "version": 1,
        "notice": {"issuer": "某市政务公开办", "title": "关于印发的通知", "date": "2022-03-01"},
        "plan": {
            "title": p[0] + "要点", "year": 2022,
            "numbering": {"part": {"style": "none"}, "task": {"style": "none"}},
            "parts": [{"title": p[1], "tasks": [
                {"title": p[2], "text": p[3], "lead": [p[0], p[1]], "responsible": p[2], "cooperate": p[3],
                 "deadline": "全年", "disclosure_time": p[0], "disclosure_method": p[1], "extra": {"备注": p[2]},
                 "subtasks": [{"text": p[4], "responsible": p[4]}, {"text": p[0], "lead": p[3]}]},
            ]}],
        },
        "table": {"title": p[4], "columns": [
            {"header": p[0], "field": "part"}, {"header": p[1], "field": "task"},
            {"header": "内容", "field": "content"}, {"header": "牵头", "field": "lead"},
            {"header": "责任", "field": "responsible"}, {"header": "配合", "field": "cooperate"},
            {"header": "公开时限", "field": "disclosure_time"}, {"header": "公开方式", "field": "disclosure_method"},
            {"header": "备注", "field": "extra:备注"},
        ]},
    }


@pytest.fixture(scope="module")
def workbooks(tmp_path_factory) -> list[Path]:
    out = tmp_path_factory.mktemp("formula")
    plan = zwgk_docs.loads(json.dumps(hostile_plan(), ensure_ascii=False, indent=1))
    outputs = zwgk_docs.build(plan, out, formats=["xlsx"], by_unit=True)
    books = [o.path for o in outputs if o.path.suffix == ".xlsx"]
    assert {o.kind for o in outputs} >= {"tasks.xlsx", "ledger.xlsx", "units.xlsx"}
    return books


def test_no_workbook_contains_a_formula(workbooks):
    """The only formulas are the ledger's own 汇总 counts (never user text: column A is a string)."""
    for book in workbooks:
        for ws in load_workbook(book).worksheets:
            for row in ws.iter_rows():
                for cell in row:
                    if cell.data_type == "f":
                        assert ws.title == "汇总" and cell.column > 1, f"{book.name}!{ws.title}!{cell.coordinate}"
                        assert str(cell.value).startswith(("=COUNTIF", "=IF(B")), cell.value


def test_every_payload_is_a_quoted_string_cell(workbooks):
    seen = set()
    for book in workbooks:
        for ws in load_workbook(book).worksheets:
            for row in ws.iter_rows():
                for cell in row:
                    if ws.title == "汇总" and cell.column > 1:
                        continue  # the ledger's own COUNTIFS (test_no_workbook_contains_a_formula)
                    if isinstance(cell.value, str) and cell.value[:1] in "=+-@":
                        assert cell.data_type == "s", f"{book.name}!{cell.coordinate}"
                        assert cell.quotePrefix, f"{book.name}!{cell.coordinate} can turn into a formula on edit"
                        seen.update(p for p in PAYLOADS if p in cell.value)
    assert seen == set(PAYLOADS)


def test_set_text_on_formula_like_strings():
    from openpyxl import Workbook

    ws = Workbook().active
    for i, text in enumerate(PAYLOADS + ["\t=1", "\r=1", "＝1"], start=1):
        set_text(ws.cell(i, 1), text)
        assert ws.cell(i, 1).data_type == "s" and ws.cell(i, 1).quotePrefix
    set_text(ws.cell(20, 1), "市财政局")
    assert not ws.cell(20, 1).quotePrefix


@pytest.mark.libreoffice
def test_libreoffice_shows_the_literal_text(workbooks, tmp_path):
    book = next(b for b in workbooks if b.name == "tasks.xlsx")
    (csv_path,) = soffice_convert([book], tmp_path, to="csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true")
    text = csv_path.read_text(encoding="utf-8")
    cells = {c for row in csv.reader(text.splitlines()) for c in row}
    for payload in PAYLOADS:
        assert any(payload in c for c in cells), payload
    assert "2" not in cells and "1" not in cells  # neither =1+1 nor -2+3 was evaluated
