"""GB/T 9704-2012 page geometry for the PDFs, in one place so CSS and tests agree.

Lengths are in mm unless the name says pt. See docs/fonts.md and the spec §2–§8.
"""

from __future__ import annotations

PT_PER_MM = 72 / 25.4

PAGE_W, PAGE_H = 210.0, 297.0
# 天头 37, 订口 28; 版心 156 × 225 leaves 26 (切口) and 35 (bottom) — spec §2.
MARGIN_TOP, MARGIN_RIGHT, MARGIN_BOTTOM, MARGIN_LEFT = 37.0, 26.0, 35.0, 28.0
TEXT_W, TEXT_H = 156.0, 225.0

BODY_PT = 16.0  # 三号
TITLE_PT = 22.0  # 二号
FOOTER_PT = 14.0  # 四号: page numbers and 版记

# Fixed line pitch. §3.2's 行 (16 + 14 = 30 pt) gives 22 lines = 227.9 mm, more than the
# 225 mm 版心, so like Word templates we use 固定值 28.95 pt: 22 × 28.95 pt = 224.7 mm.
LINE_PT = 28.95
LINES_PER_PAGE = 22

# 28 characters per line: the pitch is 156 mm / 28 = 15.79 pt, so a 16 pt glyph needs
# -0.22 pt tracking (28 × 15.78 pt = 441.8 pt ≤ 442.2 pt of 版心 width).
CHARS_PER_LINE = 28
LETTER_SPACING_PT = -0.22
CHAR_PT = BODY_PT + LETTER_SPACING_PT  # one 字, used for indents

ISSUER_MARK_TOP = 35.0  # 发文机关标志 top edge below the 版心 top (§7.2.4)
RED_RULE_GAP = 4.0  # red separator below the 发文字号
RED_RULE_WIDTH = 0.5  # thickness: not specified by the standard (§5 of the spec)
PAGE_NUMBER_GAP = 7.0  # 一字线 7 mm below the 版心 bottom (taken to the line's centre)
RED = "#FF0000"  # digital red; the standard only gives ink (Y80 M80)

# Landscape table pages: the portrait 版心 turned head-to-the-left (spec §9), so the
# margins rotate too: portrait right→top, top→left, left→bottom, bottom→right.
WIDE_MARGINS = (MARGIN_RIGHT, MARGIN_BOTTOM, MARGIN_LEFT, MARGIN_TOP)  # top right bottom left
TABLE_PT = 12.0  # 小四; table type size is not set by the standard


def issuer_mark_pt(text: str) -> float:
    """Size the red 发文机关标志 to fit the 版心 width: the standard leaves size open."""
    width_pt = TEXT_W * 0.95 * PT_PER_MM
    return round(min(36.0, width_pt / max(len(text), 1)), 1)
