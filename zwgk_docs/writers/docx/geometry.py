"""GB/T 9704-2012 geometry for Word: standard/gbt9704.py in twips (1/20 pt), EMU and eighths of a point.

No number of the standard is decided here; this module only converts (and holds the few
Word-specific offsets measured in Word/LibreOffice, each with its reason).
"""

from __future__ import annotations

from ...standard import gbt9704 as std

TWIPS_PER_MM = 1440 / 25.4
EMU_PER_TWIP = 635


def mm(value: float) -> int:
    return int(round(value * TWIPS_PER_MM))


def pt(value: float) -> int:
    return int(round(value * 20))


PAGE_W, PAGE_H = mm(std.PAGE_W_MM), mm(std.PAGE_H_MM)
TOP, BOTTOM, LEFT, RIGHT = mm(std.MARGIN_TOP_MM), mm(std.MARGIN_BOTTOM_MM), mm(std.MARGIN_LEFT_MM), mm(std.MARGIN_RIGHT_MM)
TEXT_W, TEXT_H = PAGE_W - LEFT - RIGHT, PAGE_H - TOP - BOTTOM

# Not a "linesAndChars" grid: LibreOffice gives a 16 pt character two cells of a 15.79 pt grid and
# sets only 14 per line, while tracking reads the same in Word, WPS and LibreOffice.
LINE = pt(std.LINE_PT)
LINES_PER_PAGE = std.LINES_PER_PAGE
CHARS_PER_LINE = std.CHARS_PER_LINE
BODY_PT = std.BODY_PT
CHAR_PITCH_PT = std.ZI_PT
TRACKING = pt(std.TRACKING_PT)  # w:spacing w:val is in 1/20 pt


def chars(n: float, size_pt: float = std.BODY_PT) -> int:
    """n 字 in twips (body grid pitch at 3号, the type size otherwise)."""
    return int(round(n * std.zi_pt(size_pt) * 20))


# 发文机关标志 (§7.2.4): one line exactly as high as the type (as in the PDF), the space before it
# what remains of the 35 mm under the three 版头 lines, less the glyph's offset inside its line
# (MARK_GLYPH_OFFSET em, measured in LibreOffice with the 小标宋 face).
MARK_PT = std.ISSUER_MARK_MAX_PT
MARK_GLYPH_OFFSET = -0.184  # LibreOffice sets the glyph 0.184 em above an exact line of its own size


def mark_spacing(size_pt: float) -> tuple[int, int]:
    """(exact line height, space before) in twips of the 标志 paragraph at a type size."""
    return pt(size_pt), mm(std.ISSUER_MARK_TOP_MM) - 3 * LINE - pt(size_pt * MARK_GLYPH_OFFSET)


MARK_LINE, MARK_BEFORE = mark_spacing(MARK_PT)
RED = std.RED
RED_RULE_SZ = int(round(std.RED_RULE_PT * 8))  # eighths of a point
RED_RULE_SPACE = 3  # pt between the 发文字号 line and the rule: 4 mm below the type (measured in LibreOffice)

WIDE_TOP, WIDE_RIGHT, WIDE_BOTTOM, WIDE_LEFT = (mm(v) for v in std.WIDE_MARGINS_MM)
WIDE_TEXT_W = PAGE_H - WIDE_LEFT - WIDE_RIGHT
TABLE_PT = std.TABLE_PT
TABLE_LINE = pt(std.TABLE_LINE_PT)  # exact, as in the PDF
TABLE_CELL_PAD, TABLE_CELL_PAD_Y = mm(std.TABLE_CELL_PAD_MM), mm(std.TABLE_CELL_PAD_Y_MM)  # tblCellMar

# 页码 (§7.5): the 一字线 PAGE_NUMBER_GAP_MM below the 版心 (to the line's middle); Word's footer
# distance is to the bottom of the footer line (about 6.4 mm high at 4号).
FOOTER = mm(std.MARGIN_BOTTOM_MM - std.PAGE_NUMBER_GAP_MM - 3.2)
HEADER = mm(15)
# The unnumbered page the 版记 moves to (an even-page section): LibreOffice 7.4 drops the footer's
# spacing on such a page style and ends the body at the footer's top, so that footer is one line
# of exactly BARE_FOOTER_LINE set right under the 版心; Word, whose body ends at the bottom margin,
# shows the same.
BARE_FOOTER_LINE = mm(5.0)
BARE_FOOTER = BOTTOM - BARE_FOOTER_LINE

# 版记 separators (§7.4.1) in eighths of a point: 0.35 mm ≈ 1 pt, 0.25 mm ≈ 0.75 pt.
BANJI_THICK = int(round(std.BANJI_THICK_MM * std.PT_PER_MM * 8))
BANJI_THIN = int(round(std.BANJI_THIN_MM * std.PT_PER_MM * 8))

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


EMU_PER_MM = 36000


def landscape_number_xml(odd: bool) -> str:
    """A landscape footer's content: "— N —" turned 90° clockwise, in the portrait position.

    A one-cell table floating at page coordinates (w:tblpPr), NUMBER_LINE_MM wide and TEXT_W tall
    in the left margin, its text running top to bottom (w:textDirection tbRl), then the empty
    paragraph a footer must end with. Not a text box: LibreOffice loses a text box's position on
    the first page of a landscape section that starts on an even page (it drew it at the sheet's
    corner); Word, WPS and LibreOffice all place a floating table. Wrapped in <w:wrap>: the caller
    appends the children.
    """
    x_start, x_end, y = std.page_number_portrait_mm(odd)
    cx, _ = std.portrait_to_landscape_mm(0.0, y)  # the line's centre across the landscape page
    top = std.WIDE_MARGINS_MM[0]  # the portrait 版心's left edge, now the top of the landscape 版心
    length, width = mm(std.TEXT_W_MM), mm(NUMBER_LINE_MM)
    style = "PageNumber" if odd else "PageNumberEven"
    zero = "".join(f'<w:{side} w:w="0" w:type="dxa"/>' for side in ("top", "left", "bottom", "right"))
    return (
        f"<w:wrap {_W}><w:tbl><w:tblPr>"
        '<w:tblpPr w:leftFromText="0" w:rightFromText="0" w:topFromText="0" w:bottomFromText="0" '
        f'w:vertAnchor="page" w:horzAnchor="page" w:tblpX="{mm(cx - NUMBER_LINE_MM / 2)}" w:tblpY="{mm(top)}"/>'
        f'<w:tblW w:w="{width}" w:type="dxa"/><w:tblLayout w:type="fixed"/><w:tblCellMar>{zero}</w:tblCellMar>'
        f'</w:tblPr><w:tblGrid><w:gridCol w:w="{width}"/></w:tblGrid>'
        f'<w:tr><w:trPr><w:trHeight w:val="{length}" w:hRule="exact"/></w:trPr>'
        f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/><w:textDirection w:val="tbRl"/><w:vAlign w:val="center"/></w:tcPr>'
        f'<w:p><w:pPr><w:pStyle w:val="{style}"/></w:pPr>'
        + page_number_runs_xml()[len(f"<w:wrap {_W}>"):-len("</w:wrap>")]
        + f'</w:p></w:tc></w:tr></w:tbl><w:p><w:pPr><w:pStyle w:val="{style}"/></w:pPr></w:p></w:wrap>'
    )


NUMBER_LINE_MM = 7.0
