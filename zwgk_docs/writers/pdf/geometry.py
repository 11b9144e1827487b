"""GB/T 9704-2012 geometry for the PDFs' CSS: standard/gbt9704.py in the units CSS takes (mm, pt).

No number of the standard is decided here (see standard/gbt9704.py); the .docx reads the same
values through writers/docx/geometry.py, so both measure the same.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from markupsafe import Markup, escape

from ...standard import gbt9704 as std

if TYPE_CHECKING:
    from ...context import TableModel

PT_PER_MM = std.PT_PER_MM

PAGE_W, PAGE_H = std.PAGE_W_MM, std.PAGE_H_MM
MARGIN_TOP, MARGIN_RIGHT, MARGIN_BOTTOM, MARGIN_LEFT = (
    std.MARGIN_TOP_MM, std.MARGIN_RIGHT_MM, std.MARGIN_BOTTOM_MM, std.MARGIN_LEFT_MM)
TEXT_W, TEXT_H = std.TEXT_W_MM, std.TEXT_H_MM

BODY_PT = std.BODY_PT
TITLE_PT = std.TITLE_PT
FOOTER_PT = std.FOOTER_PT
LINE_PT = std.LINE_PT
LINES_PER_PAGE = std.LINES_PER_PAGE
CHARS_PER_LINE = std.CHARS_PER_LINE
LETTER_SPACING_PT = std.TRACKING_PT
CHAR_PT = std.ZI_PT  # one 字, used for indents
FOOTER_ZI_PT = std.zi_pt(std.FOOTER_PT)

ISSUER_MARK_TOP = std.ISSUER_MARK_TOP_MM
RED_RULE_GAP = std.RED_RULE_GAP_MM
RED_RULE_WIDTH = std.RED_RULE_PT / PT_PER_MM  # mm
PAGE_NUMBER_GAP = std.PAGE_NUMBER_GAP_MM
RED = "#" + std.RED
BANJI_THICK = std.BANJI_THICK_MM
BANJI_THIN = std.BANJI_THIN_MM
SEAL = std.SEAL_MM

# Where Word/LibreOffice put a glyph inside a line box differs from WeasyPrint's; these offsets
# (measured on LibreOffice's PDF of our .docx, same fonts) make the 版头 of both outputs measure
# the same (tests/test_geometry.py): the 标志's line ends MARK_DESCENT_EM below its glyph, the
# 3号 字号 sits LO_BODY_DROP lower in its line (the rule keeps its 4 mm to the type), and the
# 标题 and 主送 follow by these corrections.
MARK_DESCENT_EM = 0.184
LO_BODY_DROP_MM = 0.99
TITLE_CORRECTION_MM = -2.21
RECIPIENTS_CORRECTION_MM = 0.87

WIDE_MARGINS = std.WIDE_MARGINS_MM  # top right bottom left of a landscape page
WIDE_TEXT_W = TEXT_H  # the 版心 turned: a landscape page's line length
TABLE_PT = std.TABLE_PT
TABLE_CELL_PAD_MM = std.TABLE_CELL_PAD_MM  # left and right inside a task-table cell (print CSS)
HEADER_ROOM = 1.08  # 黑体 header glyphs run a little wider than the 字 grid; room for the rules


def header_width_mm(line: str) -> float:
    """What one line of a task-table header needs, padding included, so it never wraps mid-word."""
    return std.width_in_zi(line) * TABLE_PT / PT_PER_MM * HEADER_ROOM + 2 * TABLE_CELL_PAD_MM


def task_table_percents(table: "TableModel") -> list[float]:
    """Column widths in % of the landscape 版心: the plan's proportions, each column at least as
    wide as its header (TableModel.widths, shared with the .docx)."""
    return [100 * w / WIDE_TEXT_W for w in table.widths(WIDE_TEXT_W, header_width_mm)]


TABLE_LINE_PT = std.TABLE_LINE_PT  # the cells' line-height (print CSS)
TABLE_CELL_PAD_Y_MM = std.TABLE_CELL_PAD_Y_MM
# A row estimated taller than this may split over a page break; shorter rows move whole, so
# that a row never leaves a sliver of itself at a page foot. A third of the landscape 版心.
SPLIT_ROW_MM = TEXT_W / 3


def split_rows(table: "TableModel", percents: list[float]) -> set[int]:
    """Indices of the data rows too tall to move to the next page whole (estimated from their
    text: 字 per line of each column at the table's type size)."""
    chars_per_line = [max((WIDE_TEXT_W * p / 100 - 2 * TABLE_CELL_PAD_MM) * PT_PER_MM / TABLE_PT, 1.0)
                      for p in percents]
    tall: set[int] = set()
    for index, row in enumerate(table.rows):
        if row.kind != "data":
            continue
        lines = max((sum(max(math.ceil(std.width_in_zi(line) / chars_per_line[col]), 1)
                         for line in cell.text.split("\n"))
                     for col, cell in enumerate(row.cells) if not cell.covered and cell.rowspan == 1),
                    default=1)
        if lines * TABLE_LINE_PT / PT_PER_MM + 2 * TABLE_CELL_PAD_Y_MM > SPLIT_ROW_MM:
            tall.add(index)
    return tall


# Rows per <tbody> of the printed table at most. WeasyPrint's table layout walks every row of the
# row group a page starts in, on every page: one group of all rows made a long table quadratic
# (5,000 tasks: ~1,300 pages × ~5,500 rows). Rows are grouped as they are, so nothing else changes.
ROW_GROUP = 24


def row_groups(table: "TableModel") -> set[int]:
    """Indices of the rows that start a new <tbody>: every 部分 band row, and a row after ROW_GROUP
    rows with no merged cell reaching into it (a rowspan never crosses a row group)."""
    starts: set[int] = set()
    start, merged_until = 0, -1
    for index, row in enumerate(table.rows):
        if index and index > merged_until and (row.kind == "part" or index - start >= ROW_GROUP):
            starts.add(index)
            start = index
        merged_until = max([merged_until] + [index + c.rowspan - 1 for c in row.cells if not c.covered])
    return starts


def issuer_mark_pt(text: str) -> float:
    return std.issuer_mark_pt(text)


# Landscape pages keep the page number where the portrait pages have it (§8, spec §9): a line
# WIDE_NUMBER_LINE_MM high in the left margin box, turned 90° clockwise. WeasyPrint lays the
# @left-top box out TEXT_W wide, right-aligned to the page area, at the area's top; the shift
# moves the turned box so the line's centre lands on the portrait position.
WIDE_NUMBER_LINE_MM = 7.0
_x, _y = std.portrait_to_landscape_mm(0.0, std.page_number_portrait_mm(True)[2])
WIDE_NUMBER_SHIFT_MM = _x + WIDE_NUMBER_LINE_MM / 2 - (WIDE_MARGINS[3] - TEXT_W)
WIDE_NUMBER_INSET_PT = std.PAGE_NUMBER_INSET_ZI * FOOTER_ZI_PT


def title_html(lines: list[str]) -> Markup:
    """The 标题 as HTML, its lines as the context chose them (<br>), and in each line every
    std.TITLE_UNBREAKABLE run in a nowrap span (should a line still be too long, WeasyPrint would
    part "2022" from "年" at its end)."""
    out = []
    for text in lines:
        parts, pos = [], 0
        for m in std.TITLE_UNBREAKABLE.finditer(text):
            parts += [escape(text[pos:m.start()]), Markup('<span class="nobr">'), escape(m.group(0)), Markup("</span>")]
            pos = m.end()
        parts.append(escape(text[pos:]))
        out.append(Markup("").join(parts))
    return Markup("<br>").join(out)
