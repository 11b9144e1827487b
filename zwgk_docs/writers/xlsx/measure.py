"""Row heights that show all text when printed: Excel and LibreOffice do not grow
rows for wrapped text on open, so each row's height is estimated and written.

Column widths are in characters of the default font (≈ 11 pt digits); a Chinese
character is about two of them at 11 pt, and scales with the cell's font size.
"""

from __future__ import annotations

import functools
import math

from ...east_asian import wide_count

PADDING_CHARS = 1.2  # cell margins left and right, in width units
SAFETY = 1.0  # a Chinese character is ~1.8 units in Excel with 宋体 digits: 2 leaves the margin
LINE_SPACING = 1.45  # CJK faces (Noto, 仿宋) have tall line boxes
ROW_PADDING_PT = 6.0
MAX_ROW_PT = 409.0  # Excel's limit
CELL_CHARS = 32767  # Excel's limit on the text of one cell (openpyxl cuts silently beyond it)


# a task's texts are measured for the table, the ledger and each unit's list (5,000 tasks: ~30,000 texts)
@functools.lru_cache(maxsize=1 << 16)
def text_units(text: str) -> float:
    """Width in halves of a CJK character: wide, full-width and ambiguous (“”、…) count 2."""
    return len(text) + wide_count(text, ambiguous=True)  # the wide characters count once more


def line_count(text: str, width_chars: float, font_pt: float) -> int:
    usable = max(width_chars - PADDING_CHARS, 1.0)
    scale = font_pt / 11.0
    if not text or "\n" not in text:  # one paragraph (most cells): no generator
        return max(1, math.ceil(text_units(text or "") * scale * SAFETY / usable))
    return sum(max(1, math.ceil(text_units(p) * scale * SAFETY / usable)) for p in text.split("\n"))


def height_pt(lines: int, font_pt: float) -> float:
    return lines * font_pt * LINE_SPACING + ROW_PADDING_PT


def text_height(text: str, width_chars: float, font_pt: float) -> float:
    return height_pt(line_count(text, width_chars, font_pt), font_pt)


# ---- page breaks: keep a task's merged cells on one printed page where it fits

A4_PT = (595.3, 841.9)  # portrait width, height
EXCEL_PX_PER_UNIT = 7  # narrowest usual digit (Calibri/宋体 11): the largest print scale, so breaks are safe


def print_scale(widths: "list[float]", printable_width_pt: float) -> float:
    """Fit-to-width scale, estimated as Excel computes column pixels (width × 7 + 5 px)."""
    table_pt = sum(int(w * EXCEL_PX_PER_UNIT + 5) for w in widths) * 0.75
    return min(1.0, printable_width_pt / table_pt) if table_pt else 1.0


def page_breaks(heights: "list[float]", costs: "list[int]", capacity: float, first_used: float, repeat: float) -> "list[int]":
    """Row indices that should start a new page.

    heights: row heights (pt, unscaled); costs[i]: how bad a break just above row i is
    (merged cells it cuts; 0 is free); capacity: unscaled page height for rows;
    first_used: title and header on page 1; repeat: the header repeated on later pages.
    Breaks greedily, choosing the cheapest point in the last half page before overflowing.
    """
    breaks: list[int] = []
    start, used = 0, first_used
    i = 0
    while i < len(heights):
        if used + heights[i] <= capacity or i == start:
            used += heights[i]
            i += 1
            continue
        # overflow at row i: choose a break in (start, i], not earlier than half a page
        floor, acc, candidates = capacity / 2, used, []
        for b in range(i, start, -1):
            if acc < floor:
                break
            candidates.append((costs[b], -b))
            acc -= heights[b - 1]
        b = -min(candidates)[1] if candidates else i
        breaks.append(b)
        start, used, i = b, repeat, b
    return breaks
