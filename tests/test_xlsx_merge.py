"""cells.merge() gives the workbook openpyxl's own ws.merge_cells() gives, byte for byte."""

from __future__ import annotations

import io
import zipfile

from openpyxl import Workbook
from openpyxl.styles import Border, NamedStyle, Protection, Side

from zwgk_docs.writers.xlsx.cells import merge

RANGES = [(1, 1, 1, 5), (2, 1, 4, 1), (2, 3, 5, 3), (6, 2, 6, 4), (7, 1, 10, 2), (8, 8, 9, 9), (11, 4, 12, 5)]


def workbook(ours: bool) -> dict[str, bytes]:
    wb = Workbook()
    ws = wb.active
    wb.add_named_style(NamedStyle("body", border=Border(left=Side("thin"), right=Side("thin"),
                                                         top=Side("thin"), bottom=Side("medium"))))
    for r in range(1, 12):
        for c in range(1, 6):
            ws.cell(r, c).style = "body"
    ws.cell(1, 1).value = "一、标题"
    ws.cell(8, 8).protection = Protection(locked=False)
    ws.cell(12, 5).border = Border(right=Side("thick"), bottom=Side("double"))  # the end cell's edges go to the start
    for rng in RANGES:
        if ours:
            merge(ws, *rng)
        else:
            ws.merge_cells(start_row=rng[0], start_column=rng[1], end_row=rng[2], end_column=rng[3])
    out = io.BytesIO()
    wb.save(out)
    package = zipfile.ZipFile(out)
    return {n: package.read(n) for n in package.namelist() if n != "docProps/core.xml"}  # core.xml: the clock


def test_merge_writes_what_openpyxl_writes():
    assert workbook(True) == workbook(False)


def styled(ours: bool) -> dict[str, bytes]:
    """Named styles (one of them built in, registered on first use) over cells, some with own formats."""
    from openpyxl.styles import Font

    from zwgk_docs.writers.xlsx.cells import set_style

    wb = Workbook()
    ws = wb.active
    wb.add_named_style(NamedStyle("正文", font=Font(name="仿宋_GB2312", size=12), border=Border(left=Side("thin"))))
    wb.add_named_style(NamedStyle("表头", font=Font(name="黑体", size=12)))
    for r in range(1, 9):
        for c in range(1, 5):
            ws.cell(r, c).value = "'=1" if c == 2 else f"{r}-{c}"
            if c == 2:
                ws.cell(r, c).quotePrefix = True  # a named style resets it, either way
            name = ("正文", "表头", "Percent")[(r + c) % 3]
            if ours:
                set_style(ws.cell(r, c), name)
            else:
                ws.cell(r, c).style = name
            if r == 3:
                ws.cell(r, c).number_format = "0.0"
    out = io.BytesIO()
    wb.save(out)
    package = zipfile.ZipFile(out)
    return {n: package.read(n) for n in package.namelist() if n != "docProps/core.xml"}


def test_set_style_writes_what_openpyxl_writes():
    assert styled(True) == styled(False)


def test_templates_kept_in_the_user_cache_give_the_same_workbook(tmp_path, monkeypatch):
    """sheet._template keeps each pickled template in the user cache: a later process reads it
    from there, and the workbook it saves is the one read from the template itself."""
    from zwgk_docs.writers.xlsx import sheet

    def saved() -> dict[str, bytes]:
        out = io.BytesIO()
        sheet.open_template("ledger.xlsx", "plain").save(out)
        package = zipfile.ZipFile(out)
        return {n: package.read(n) for n in package.namelist() if n != "docProps/core.xml"}

    monkeypatch.setenv("ZWGK_CACHE_DIR", str(tmp_path))
    sheet._template.cache_clear()
    try:
        read = saved()
        kept = list((tmp_path / "xlsx").iterdir())
        assert len(kept) == 1
        sheet._template.cache_clear()  # as a new process: from the user cache
        assert saved() == read
        kept[0].write_bytes(b"")  # an empty entry is not a workbook: read the template again
        sheet._template.cache_clear()
        assert saved() == read
    finally:
        sheet._template.cache_clear()
