"""GB/T 9704-2012 page geometry for Word, in twips (1/20 pt) unless the name says otherwise.

One place for the template script and the writer; see the spec §2–§8. Values the
standard leaves open ([U]/[NOT-IN-STD] in the spec) are marked "choice".
"""

from __future__ import annotations

TWIPS_PER_MM = 1440 / 25.4


def mm(value: float) -> int:
    return int(round(value * TWIPS_PER_MM))


PAGE_W, PAGE_H = mm(210), mm(297)  # A4 (§5.1)
TOP, BOTTOM, LEFT, RIGHT = mm(37), mm(35), mm(28), mm(26)  # 天头 37, 订口 28; 版心 156 × 225 (§5.2.1)
TEXT_W, TEXT_H = PAGE_W - LEFT - RIGHT, PAGE_H - TOP - BOTTOM

# 22 lines × 28 characters (§5.2.3). Lines: a document line grid of 225 mm / 22 = 28.99 pt,
# rounded down to 28.95 pt (579 twips) so 22 lines fit. Characters: 156 mm / 28 = 15.79 pt
# per 字, so the 16 pt body type is tracked −0.25 pt (28 × 15.75 pt ≤ 442.2 pt). Not a
# "linesAndChars" grid: LibreOffice gives a 16 pt character two cells of a 15.79 pt grid and
# sets only 14 per line, while tracking reads the same in Word, WPS and LibreOffice.
LINE = 579
LINES_PER_PAGE = 22
CHARS_PER_LINE = 28
BODY_PT = 16.0
CHAR_PITCH_PT = TEXT_W / 20 / CHARS_PER_LINE
TRACKING = -5  # in 1/20 pt


def chars(n: float, pt: float = CHAR_PITCH_PT) -> int:
    """n 字 in twips: one 字 is a character pitch of the given size (body grid by default)."""
    return int(round(n * pt * 20))


# 发文机关标志 (§7.2.4): top edge 35 mm below the 版心 top. Size is open (choice: 36 pt,
# shrunk by the writer to fit long names); fixed 48 pt line; the space before it is what
# remains of the 35 mm under the three 版头 lines, less the type's offset inside its line.
MARK_PT = 36.0
MARK_LINE = 960
MARK_BEFORE = mm(35) - 3 * LINE - 150
RED = "FF0000"  # choice: the standard gives ink (Y80 M80) only
RED_RULE_SZ = 12  # 1.5 pt; thickness not specified (choice)
RED_RULE_SPACE = 3  # pt between the 发文字号 line and the rule: 4 mm below the type (measured in LibreOffice)

# Task table on landscape A4: the portrait 版心 turned so the table head faces the portrait
# page's left edge (spec §9): portrait left → top, bottom → left, top → right, right → bottom.
WIDE_TOP, WIDE_RIGHT, WIDE_BOTTOM, WIDE_LEFT = LEFT, TOP, RIGHT, BOTTOM
WIDE_TEXT_W = PAGE_H - WIDE_LEFT - WIDE_RIGHT
TABLE_PT = 12.0  # 小四: table type size is not set by the standard (choice)
TABLE_LINE = 264  # 1.1 lines (auto)

# 页码 (§7.5): the 一字线 7 mm below the 版心 (taken to the line's middle); Word's footer
# distance is to the bottom of the footer line (about 6.4 mm high at 4号).
FOOTER = mm(35 - 7 - 3.2)
HEADER = mm(15)

# 版记 separators (§7.4.1): 0.35 mm first/last, 0.25 mm between, in eighths of a point.
BANJI_THICK = 8  # 1 pt ≈ 0.35 mm
BANJI_THIN = 6  # 0.75 pt ≈ 0.26 mm

_W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def page_xml(landscape: bool = False) -> str:
    """pgSz, pgMar, cols and docGrid children of a w:sectPr."""
    grid = f'<w:docGrid {_W} w:type="lines" w:linePitch="{LINE}"/>'
    if landscape:
        size = f'<w:pgSz {_W} w:w="{PAGE_H}" w:h="{PAGE_W}" w:orient="landscape"/>'
        margins = (WIDE_TOP, WIDE_RIGHT, WIDE_BOTTOM, WIDE_LEFT)
    else:
        size = f'<w:pgSz {_W} w:w="{PAGE_W}" w:h="{PAGE_H}"/>'
        margins = (TOP, RIGHT, BOTTOM, LEFT)
    t, r, b, l = margins
    return (
        size + f'<w:pgMar {_W} w:top="{t}" w:right="{r}" w:bottom="{b}" w:left="{l}" '
        f'w:header="{HEADER}" w:footer="{FOOTER if not landscape else mm(12)}" w:gutter="0"/>'
        f'<w:cols {_W} w:space="425"/>' + grid
    )


def portrait_page_xml() -> str:
    return f"<w:wrap {_W}>" + page_xml(False) + "</w:wrap>"


def page_number_runs_xml() -> str:
    """'— N —' with a PAGE field: em dashes (U+2014) and half-width spaces (spec §8)."""
    def r(inner: str) -> str:
        return f"<w:r>{inner}</w:r>"

    return (
        f"<w:wrap {_W}>" + r('<w:t xml:space="preserve">— </w:t>') + r('<w:fldChar w:fldCharType="begin"/>')
        + r('<w:instrText xml:space="preserve"> PAGE </w:instrText>') + r('<w:fldChar w:fldCharType="separate"/>')
        + r("<w:t>1</w:t>") + r('<w:fldChar w:fldCharType="end"/>') + r('<w:t xml:space="preserve"> —</w:t>') + "</w:wrap>"
    )
