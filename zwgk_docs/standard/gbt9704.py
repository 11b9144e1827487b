"""Every GB/T 9704-2012 number the project uses, in mm or pt, with the clause it comes from.

The .docx writer (writers/docx/geometry.py: twips, EMU), the PDF writer (writers/pdf/geometry.py:
CSS) and `zwgk check` all read these values, so the two outputs measure the same. Values the
standard leaves open are marked "choice" (see shared/spec/gbt9704.md: [U]/[NOT-IN-STD]); the
checker never reports a choice as a violation.
"""

from __future__ import annotations

import re

from ..east_asian import wide_count

PT_PER_MM = 72 / 25.4

# §5.1 paper: A4
PAGE_W_MM, PAGE_H_MM = 210.0, 297.0
# §5.2.1 天头 37 mm, 订口 28 mm, 版心 156 × 225 mm → 切口 26 mm, bottom 35 mm (spec §2, [D])
MARGIN_TOP_MM, MARGIN_LEFT_MM = 37.0, 28.0
TEXT_W_MM, TEXT_H_MM = 156.0, 225.0
MARGIN_RIGHT_MM = PAGE_W_MM - MARGIN_LEFT_MM - TEXT_W_MM
MARGIN_BOTTOM_MM = PAGE_H_MM - MARGIN_TOP_MM - TEXT_H_MM
MARGIN_TOLERANCE_MM = 1.0  # §5.2.1 "± 1 mm"

# §5.2.2 / §7: type sizes (字号 → pt is the typographic convention, spec §1)
BODY_PT = 16.0  # 三号: 正文 and most elements
TITLE_PT = 22.0  # 二号: 标题 (§7.3.1)
# §7.3.1 标题回行 "词意完整": a Latin word or a number never breaks, and a number keeps the
# character after it ("2021年", "3号"); standard/title_breaks.py never turns a line inside one.
TITLE_UNBREAKABLE = re.compile(r"[!-~]+(?:(?<=[0-9])[\u3400-\u9fff])?")
FOOTER_PT = 14.0  # 四号: 页码 (§7.5), 版记 (§7.4)
TABLE_PT = 12.0  # 小四: the task table (choice: not set by the standard)
# Task-table cells (choices): exact line pitch, padding left/right and top/bottom; the PDF and the
# .docx use the same, so that a table takes the same pages in both.
TABLE_LINE_PT = TABLE_PT * 1.45
TABLE_CELL_PAD_MM = 1.5
TABLE_CELL_PAD_Y_MM = 1.2

# §5.2.3 22 lines × 28 characters. A line pitch of 225 mm / 22 = 28.99 pt, rounded down (choice)
# so that 22 lines fit; 156 mm / 28 = 15.79 pt per 字, so the 16 pt type is tracked −0.25 pt
# (28 × 15.75 pt = 441.0 pt ≤ 442.2 pt). One 字 of indent is the grid pitch.
LINES_PER_PAGE = 22
CHARS_PER_LINE = 28
LINE_PT = 28.95
TRACKING_PT = -0.25
ZI_PT = TEXT_W_MM * PT_PER_MM / CHARS_PER_LINE  # 一字 (§3.1) on the 28-字 grid

# §7.2.4 发文机关标志: top edge 35 mm below the 版心 top; red; size open ("醒目、美观、庄重").
ISSUER_MARK_TOP_MM = 35.0
ISSUER_MARK_MAX_PT = 36.0  # choice; long names shrink to 95 % of the 版心 width
ISSUER_MARK_FILL = 0.95
# §7.2.5 发文字号 two blank lines ("下空二行") below the 标志; §7.2.7 red rule 4 mm below the 字号.
DOC_NUMBER_BLANK_LINES = 2
RED_RULE_GAP_MM = 4.0
RED_RULE_PT = 1.5  # thickness: not specified (choice)
RED = "FF0000"  # digital red (choice): the standard gives ink Y80 M80 only (spec §13)
# §7.3.1 标题 two blank lines below the red rule; §7.3.2 主送 one blank line below the 标题.
TITLE_BLANK_LINES = 2
RECIPIENTS_BLANK_LINES = 1

# §7.3.5 署名/日期 right indents in 字 (no seal: 2; seal: date 4, 署名 centred on it).
SIGNATURE_RIGHT_ZI = 2.0
SEALED_DATE_RIGHT_ZI = 4.0
DATE_OFFSET_ZI = 2.0  # unsealed: the date starts 2 字 right of the 署名
SEAL_MM = 42.0  # a common 4.2 cm round seal (choice)

# §7.4 版记: separators 版心 wide, first/last 0.35 mm, between 0.25 mm; 4号; 1 字 in on both sides.
BANJI_THICK_MM = 0.35
BANJI_THIN_MM = 0.25
BANJI_INDENT_ZI = 1.0
# §7.5 页码: 4号半角宋体 "— N —", the 一字线 7 mm below the 版心, odd right / even left, 1 字 in.
PAGE_NUMBER_GAP_MM = 7.0
PAGE_NUMBER_INSET_ZI = 1.0

# §8 (spec §9) landscape tables: the portrait 版心 turned so the table head faces the sheet's
# left edge on odd and even pages: portrait left → top, top → right, right → bottom, bottom → left.
# (top, right, bottom, left) margins of the landscape page, in mm:
WIDE_MARGINS_MM = (MARGIN_LEFT_MM, MARGIN_TOP_MM, MARGIN_RIGHT_MM, MARGIN_BOTTOM_MM)


def zi_pt(size_pt: float = BODY_PT) -> float:
    """One 字 at a type size: the body grid pitch at 3号, the type size otherwise (4号 版记, 页码)."""
    return ZI_PT if size_pt == BODY_PT else size_pt


def width_in_zi(text: str) -> float:
    """Printed width in 字: full-width characters 1, half-width (digits, Latin) ½."""
    wide = wide_count(text)
    return wide + (len(text) - wide) * 0.5


def issuer_mark_pt(text: str) -> float:
    """The 标志 size: ISSUER_MARK_MAX_PT, or less (in ½ pt steps) when the name is too wide."""
    width_pt = TEXT_W_MM * PT_PER_MM * ISSUER_MARK_FILL
    fit = width_pt / max(width_in_zi(text), 1)
    return ISSUER_MARK_MAX_PT if fit >= ISSUER_MARK_MAX_PT else int(fit * 2) / 2


def page_number_portrait_mm(odd: bool) -> tuple[float, float, float]:
    """(x_start, x_end, y_centre) of the page-number line on the portrait sheet, in mm from its top left.

    The text is right-aligned at x_end on odd pages and left-aligned at x_start on even pages.
    """
    inset = PAGE_NUMBER_INSET_ZI * FOOTER_PT / PT_PER_MM
    y = MARGIN_TOP_MM + TEXT_H_MM + PAGE_NUMBER_GAP_MM
    return MARGIN_LEFT_MM + inset, MARGIN_LEFT_MM + TEXT_W_MM - inset, y


def portrait_to_landscape_mm(x: float, y: float) -> tuple[float, float]:
    """A point of the portrait sheet in the coordinates of the landscape page (turned per §8)."""
    return PAGE_H_MM - y, x
