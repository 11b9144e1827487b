"""writers/xlsx/save.py writes each sheet's cells itself: the saved parts must be exactly openpyxl's."""

from __future__ import annotations

import datetime as dt
import io
import pickle
import zipfile

import openpyxl
import pytest
from conftest import EXAMPLES
from hypothesis import example, given
from hypothesis import strategies as st
from openpyxl.comments import Comment
from openpyxl.styles import Font

from zwgk_docs.writers.xlsx import save as fast


def _parts(wb: openpyxl.Workbook, saver) -> dict[str, bytes]:
    buffer = io.BytesIO()
    saver(wb, buffer)
    with zipfile.ZipFile(io.BytesIO(buffer.getvalue())) as z:  # docProps/core.xml holds the save time
        return {i.filename: z.read(i) for i in z.infolist() if i.filename != "docProps/core.xml"}


def _same_as_openpyxl(wb: openpyxl.Workbook) -> None:
    data = pickle.dumps(wb)
    theirs, ours = pickle.loads(data), pickle.loads(data)
    assert _parts(ours, fast.save) == _parts(theirs, lambda w, f: w.save(f))


# Text as users write it, and what XML must escape: & < > " ' ]]>, CR/LF/tab, spaces at either end,
# characters beyond ASCII and beyond the BMP (written as character references).
TEXT = st.text(st.sampled_from(list("a 中文，（）&<>\"']\r\n\t=+-@😀ÿ€0.")), max_size=12)
VALUES = st.one_of(st.none(), TEXT, st.integers(-10**12, 10**12), st.floats(allow_nan=True, allow_infinity=True),
                   st.booleans(), st.dates(dt.date(1900, 3, 1), dt.date(2100, 1, 1)),
                   st.datetimes(dt.datetime(1900, 3, 1), dt.datetime(2100, 1, 1)), st.sampled_from(["=A1", '=IF(A1="<>","&",1)']))


@given(cells=st.lists(st.tuples(st.integers(1, 30), st.integers(1, 8), VALUES, st.booleans()), max_size=40),
       heights=st.lists(st.tuples(st.integers(1, 40), st.floats(1, 100)), max_size=5), iso=st.booleans())
@example(cells=[(1, 1, " 前后有空格\r\n&<>\"']]>😀 ", True), (2, 2, '=IF(A1="<>","&",1)', False), (3, 1, dt.date(2021, 3, 1), True),
                (3, 2, 1.5, False), (4, 4, True, True), (5, 1, None, True)], heights=[(6, 20.0)], iso=False)
def test_random_sheets_are_saved_byte_for_byte_as_openpyxl_saves_them(cells, heights, iso):
    wb = openpyxl.Workbook()
    wb.iso_dates = iso
    ws = wb.active
    for row, col, value, bold in cells:
        cell = ws.cell(row, col)
        cell.value = value
        if isinstance(value, str) and value and not value.startswith("="):
            cell.data_type = "s"  # as writers/xlsx/cells.set_text stores user text
        if bold:
            cell.font = Font(bold=True)
    for row, height in heights:
        ws.row_dimensions[row].height = height
    ws.merge_cells("B2:C3")
    wb.create_sheet("空表")
    _same_as_openpyxl(wb)


def test_a_sheet_with_a_comment_or_a_link_is_left_to_openpyxl():
    wb = openpyxl.Workbook()
    ws = wb.active
    ws["A1"] = "有批注"
    ws["A1"].comment = Comment("批注", "作者")
    ws["B2"] = "链接"
    ws["B2"].hyperlink = "https://www.gov.cn/"
    _same_as_openpyxl(wb)


@pytest.mark.parametrize("writer", ["tasks", "ledger"])
def test_the_writers_save_what_openpyxl_saves(tmp_path, monkeypatch, writer):
    from zwgk_docs import load_plan
    from zwgk_docs.context import build_context
    from zwgk_docs.writers import writer as registered

    ctx = build_context(load_plan(EXAMPLES / "shenyang-2021.yaml"))
    write = registered(writer, "xlsx")
    for side in ("ours", "openpyxl"):
        (tmp_path / side).mkdir()
    write(ctx, tmp_path / "ours")
    monkeypatch.setattr(fast, "SUPPORTED", False)
    write(ctx, tmp_path / "openpyxl")
    files = sorted(p.relative_to(tmp_path / "ours") for p in (tmp_path / "ours").rglob("*.xlsx"))
    assert files and files == sorted(p.relative_to(tmp_path / "openpyxl") for p in (tmp_path / "openpyxl").rglob("*.xlsx"))
    for name in files:
        ours, theirs = (zipfile.ZipFile(tmp_path / side / name) for side in ("ours", "openpyxl"))
        assert ours.namelist() == theirs.namelist()
        for part in ours.namelist():
            if part != "docProps/core.xml":  # the save time
                assert ours.read(part) == theirs.read(part), (name, part)
