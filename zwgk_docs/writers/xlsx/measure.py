"""Row heights that show all text when printed: Excel and LibreOffice do not grow
rows for wrapped text on open, so each row's height is estimated and written.

Column widths are in characters of the default font (≈ 11 pt digits); a Chinese
character is about two of them at 11 pt, and scales with the cell's font size.
"""

from __future__ import annotations

import math
import unicodedata

PADDING_CHARS = 1.2  # cell margins left and right, in width units
SAFETY = 1.0  # a Chinese character is ~1.8 units in Excel with 宋体 digits: 2 leaves the margin
LINE_SPACING = 1.45  # CJK faces (Noto, 仿宋) have tall line boxes
ROW_PADDING_PT = 6.0
MAX_ROW_PT = 409.0  # Excel's limit


def text_units(text: str) -> float:
    """Width in halves of a CJK character: wide, full-width and ambiguous (“”、…) count 2."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WFA" else 1 for ch in text)


def line_count(text: str, width_chars: float, font_pt: float) -> int:
    usable = max(width_chars - PADDING_CHARS, 1.0)
    scale = font_pt / 11.0
    return sum(max(1, math.ceil(text_units(p) * scale * SAFETY / usable)) for p in (text or "").split("\n"))


def height_pt(lines: int, font_pt: float) -> float:
    return lines * font_pt * LINE_SPACING + ROW_PADDING_PT


def text_height(text: str, width_chars: float, font_pt: float) -> float:
    return height_pt(line_count(text, width_chars, font_pt), font_pt)
