"""The 任务分解表 as a real Word table, from ctx.table (rows, merges and widths are given).

Widths go into tblW, every gridCol and every tcW (WPS lays out from gridCol); the header
row repeats on each page (tblHeader); rowspans become vMerge, part rows one gridSpan cell.
"""

from __future__ import annotations

from ...context import TableModel
from ...model.vocab import column_align
from . import geometry as g
from .ooxml import Xml, markup, parse, text_paragraph_markup
from .text import width_in_chars



# Cell margins left and right (the TaskTable style's tblCellMar), and a little room for the
# header's 黑体 glyphs being set wider than the 字 grid by LibreOffice and Word.
CELL_MARGINS = 2 * g.TABLE_CELL_PAD
HEADER_ROOM = 1.1


def _header_twips(line: str) -> float:
    return width_in_chars(line) * g.TABLE_PT * 20 * HEADER_ROOM + CELL_MARGINS


def column_widths(model: TableModel, total_twips: int) -> list[int]:
    widths = [int(w) for w in model.widths(total_twips, _header_twips)]
    widths[-1] += total_twips - sum(widths)
    return widths


def _cell(width: int, lines: str, *, span: int = 1, merge: str = "", centre: bool = True) -> str:
    tcpr = markup("w:tcW", w=width, type="dxa")
    if span > 1:
        tcpr += markup("w:gridSpan", val=span)
    if merge:
        tcpr += markup("w:vMerge", val=merge) if merge == "restart" else markup("w:vMerge")
    if centre:
        tcpr += markup("w:vAlign", val="center")
    return markup("w:tc", markup("w:tcPr", tcpr) + (lines or text_paragraph_markup("", "TableText")))


def _lines(text: str, style: str, centred: bool) -> str:
    extra = markup("w:jc", val="center") if centred else ""
    return "".join(text_paragraph_markup(line, style, ppr_extra=extra) for line in text.split("\n")) if text else ""


def task_table(model: TableModel, total_twips: int) -> Xml:
    """The w:tbl, written as markup and parsed once (see ooxml.parse)."""
    widths = column_widths(model, total_twips)
    head = markup("w:tblPr", "".join([
        markup("w:tblStyle", val="TaskTable"),
        markup("w:tblW", w=sum(widths), type="dxa"),
        markup("w:jc", val="center"),
        markup("w:tblLayout", type="fixed"),
        markup("w:tblLook", val="04A0", firstRow=1, lastRow=0, firstColumn=0, lastColumn=0, noHBand=1, noVBand=1),
    ])) + markup("w:tblGrid", "".join(markup("w:gridCol", w=w) for w in widths))
    rows = [markup("w:tr", markup("w:trPr", "<w:cantSplit/><w:tblHeader/>") + "".join(
        _cell(width, _lines(col.header, "TableHeader", False)) for col, width in zip(model.columns, widths)))]
    for row in model.rows:
        if row.kind == "part":
            cells = _cell(sum(widths), _lines(row.cells[0].text, "TablePart", False), span=len(widths))
        else:
            cells = "".join(
                _cell(width, "" if cell.covered else _lines(cell.text, "TableText", column_align(col.field) == "center"),
                      merge="continue" if cell.covered else ("restart" if cell.rowspan > 1 else ""))
                for col, width, cell in zip(model.columns, widths, row.cells))
        rows.append(markup("w:tr", cells))
    return parse(markup("w:tbl", head + "".join(rows)))
