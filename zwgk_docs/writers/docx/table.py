"""The 任务分解表 as a real Word table, from ctx.table (rows, merges and widths are given).

Widths go into tblW, every gridCol and every tcW (WPS lays out from gridCol); the header
row repeats on each page (tblHeader); rowspans become vMerge, part rows one gridSpan cell.
"""

from __future__ import annotations

from ...context import TableModel
from ...model.vocab import column_align
from . import geometry as g
from .ooxml import Xml, el, text_paragraph
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


def _cell(width: int, lines: list[Xml], *, span: int = 1, merge: str = "", centre: bool = True) -> Xml:
    tcpr = el("w:tcPr", [el("w:tcW", w=width, type="dxa")])
    if span > 1:
        tcpr.append(el("w:gridSpan", val=span))
    if merge:
        tcpr.append(el("w:vMerge", val=merge) if merge == "restart" else el("w:vMerge"))
    if centre:
        tcpr.append(el("w:vAlign", val="center"))
    return el("w:tc", [tcpr, *(lines or [text_paragraph("", "TableText")])])


def _lines(text: str, style: str, centred: bool) -> list[Xml]:
    paras = [text_paragraph(line, style) for line in text.split("\n")] if text else []
    if centred:
        for p in paras:
            p.find("{*}pPr").append(el("w:jc", val="center"))
    return paras


def task_table(model: TableModel, total_twips: int) -> Xml:
    widths = column_widths(model, total_twips)
    tbl = el("w:tbl", [
        el("w:tblPr", [
            el("w:tblStyle", val="TaskTable"),
            el("w:tblW", w=sum(widths), type="dxa"),
            el("w:jc", val="center"),
            el("w:tblLayout", type="fixed"),
            el("w:tblLook", val="04A0", firstRow=1, lastRow=0, firstColumn=0, lastColumn=0, noHBand=1, noVBand=1),
        ]),
        el("w:tblGrid", [el("w:gridCol", w=w) for w in widths]),
    ])
    header = el("w:tr", [el("w:trPr", [el("w:cantSplit"), el("w:tblHeader")])])
    for col, width in zip(model.columns, widths):
        header.append(_cell(width, _lines(col.header, "TableHeader", False)))
    tbl.append(header)
    for row in model.rows:
        tr = el("w:tr")
        if row.kind == "part":
            tr.append(_cell(sum(widths), _lines(row.cells[0].text, "TablePart", False), span=len(widths)))
        else:
            for col, width, cell in zip(model.columns, widths, row.cells):
                merge = "continue" if cell.covered else ("restart" if cell.rowspan > 1 else "")
                lines = [] if cell.covered else _lines(cell.text, "TableText", column_align(col.field) == "center")
                tr.append(_cell(width, lines, merge=merge))
        tbl.append(tr)
    return tbl
