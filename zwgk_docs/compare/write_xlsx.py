"""A review Sheet as .xlsx: A4 landscape, one worksheet per table, header row repeated on every
printed page, insertions underlined in red and deletions struck through (rich text), named styles."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Literal, Optional, TypedDict

from openpyxl import Workbook
from openpyxl.cell.rich_text import CellRichText, TextBlock
from openpyxl.cell.text import InlineFont
from openpyxl.styles import Alignment, Border, Font, NamedStyle, PatternFill, Side
from openpyxl.styles.colors import Color
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from ..fonts import office_fonts
from ..writers.xlsx.cells import cell_at, set_text
from ..writers.xlsx.measure import text_height
from .sheet import Cell, Sheet, Table, cell_text

FONT_PT = 10.5
TOTAL_WIDTH = 150.0  # characters across an A4 landscape page at about 10.5 pt
THIN = Side(style="thin", color="808080")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)


class Ink(TypedDict, total=False):
    """InlineFont arguments of a run style."""

    color: Color
    u: Literal["single"]
    strike: bool
    i: bool
    b: bool


INK: dict[str, Ink] = {"ins": Ink(color=Color("C00000"), u="single"), "del": Ink(color=Color("7F7F7F"), strike=True),
                       "hint": Ink(color=Color("44546A"), i=True), "strong": Ink(b=True), "alert": Ink(b=True, color=Color("C00000")),
                       "": Ink()}


def _styles(wb: Workbook) -> dict[str, str]:
    fonts = office_fonts("gb2312")
    body, head = fonts["number"], fonts["heading1"]
    styles = [
        NamedStyle("对照表标题", font=Font(name=head, size=16), alignment=Alignment(horizontal="center", vertical="center", wrap_text=True)),
        NamedStyle("对照表说明", font=Font(name=body, size=FONT_PT), alignment=Alignment(vertical="top", wrap_text=True)),
        NamedStyle("对照表表头", font=Font(name=head, size=FONT_PT), border=BOX, fill=PatternFill("solid", fgColor="E3EAF3"),
                   alignment=Alignment(horizontal="center", vertical="center", wrap_text=True)),
        NamedStyle("对照表正文", font=Font(name=body, size=FONT_PT), border=BOX, alignment=Alignment(vertical="top", wrap_text=True)),
        NamedStyle("对照表分组", font=Font(name=head, size=FONT_PT), border=BOX, fill=PatternFill("solid", fgColor="F2F2F2"),
                   alignment=Alignment(vertical="center", wrap_text=True)),
    ]
    for s in styles:
        wb.add_named_style(s)
    return {"body": body}


def _sheet_name(title: str, used: set[str]) -> str:
    name = re.sub(r"[\[\]:*?/\\']", "", title)[:28] or "表"
    base, n = name, 2
    while name in used:
        name, n = f"{base[:26]}{n}", n + 1
    used.add(name)
    return name


def _write_cell(ws: Worksheet, row: int, col: int, cell: Cell, font_name: str) -> None:
    target = cell_at(ws, row, col)
    target.style = "对照表正文"
    if any(r.style for r in cell) and len(cell) > 0:
        target.value = CellRichText(*[TextBlock(InlineFont(rFont=font_name, sz=FONT_PT, **INK.get(r.style, Ink())), r.text)
                                      for r in cell if r.text])
    else:
        set_text(target, "".join(r.text for r in cell))


def _table(ws: Worksheet, table: Table, first_row: int, font_name: str) -> int:
    """Write `table` from first_row; returns the next free row."""
    scale = TOTAL_WIDTH / sum(table.widths)
    widths = [w * scale for w in table.widths]
    for c, w in enumerate(widths, 1):
        letter = get_column_letter(c)
        ws.column_dimensions[letter].width = max(ws.column_dimensions[letter].width or 0, w)
    r = first_row
    ws.cell(row=r, column=1).style = "对照表分组"  # style first: a named style resets the text's quotePrefix
    set_text(cell_at(ws, r, 1), table.title)
    ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=len(widths))
    r += 1

    for c, h in enumerate(table.headers, 1):
        ws.cell(row=r, column=c).style = "对照表表头"
        set_text(cell_at(ws, r, c), h)
    ws.row_dimensions[r].height = max(text_height(h, widths[c], FONT_PT) for c, h in enumerate(table.headers))
    r += 1
    if not table.rows:
        ws.cell(row=r, column=1).style = "对照表正文"
        set_text(cell_at(ws, r, 1), table.empty)
        ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=len(widths))
        return r + 2
    for row in table.rows:
        if row.group:
            for c in range(1, len(widths) + 1):
                ws.cell(row=r, column=c).style = "对照表分组"
            set_text(cell_at(ws, r, 1), row.group)
            ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=len(widths))
            ws.row_dimensions[r].height = text_height(row.group, TOTAL_WIDTH, FONT_PT)
        else:
            for c, cell in enumerate(row.cells, 1):
                _write_cell(ws, r, c, cell, font_name)
            ws.row_dimensions[r].height = min(409.0, max(text_height(cell_text(cell), widths[c], FONT_PT) for c, cell in enumerate(row.cells)))
        r += 1
    return r + 1


def _print_setup(ws: Worksheet, title_rows: Optional[str]) -> None:
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    if ws.sheet_properties.pageSetUpPr is None:  # a new sheet has one; the stubs allow none
        ws.sheet_properties.pageSetUpPr = PageSetupProperties()
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_margins.left = ws.page_margins.right = 0.6
    ws.page_margins.top = ws.page_margins.bottom = 0.7
    ws.print_options.horizontalCentered = True
    if ws.oddFooter is not None:  # always, on a new sheet
        ws.oddFooter.center.text = "第 &P 页，共 &N 页"
    if title_rows:
        ws.print_title_rows = title_rows


def write_xlsx(sheet: Sheet, path: Path) -> Path:
    wb = Workbook()
    font_name = _styles(wb)["body"]
    used: set[str] = set()
    ws = wb.worksheets[0]  # a new Workbook has one sheet
    ws.title = _sheet_name("说明和汇总", used)
    ncols = len(sheet.tables[0].headers)
    set_text(cell_at(ws, 1, 1), sheet.title)
    ws.cell(row=1, column=1).style = "对照表标题"
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=ncols)
    ws.row_dimensions[1].height = 48
    r = 2
    notes = sheet.notes + (["内容变化一栏：红色下划线为新增的文字，灰色删除线为删去的文字。"] if sheet.legend else [])
    for note in notes:
        set_text(cell_at(ws, r, 1), note)
        ws.cell(row=r, column=1).style = "对照表说明"
        ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=ncols)
        ws.row_dimensions[r].height = text_height(note, TOTAL_WIDTH, FONT_PT)
        r += 1
    _table(ws, sheet.tables[0], r + 1, font_name)
    _print_setup(ws, None)
    for table in sheet.tables[1:]:
        ws = wb.create_sheet(_sheet_name(table.title, used))
        _table(ws, table, 1, font_name)
        ws.freeze_panes = "A3"
        _print_setup(ws, "2:2")
    wb.save(path)
    return path
