"""版记 (§7.4): 抄送 and 印发机关/印发日期 between separators, at the bottom of the last page.

A one-column table (table style 版记表格: thick first and last lines of 0.35 mm, a thin line of
0.25 mm between the elements, no side lines) inside a text box anchored to the last paragraph
and aligned to the bottom of the 版心 (positionV align="bottom" against the margin), so its last
line sits on the 版心's bottom edge however much text precedes it. Word, WPS and LibreOffice all
honour this construction; LibreOffice 7.4 ignores a floating table's bottom alignment and a
framePr's. The box has a fixed height (the lines, the rules and a little slack) and its text
anchored at the bottom (bodyPr anchor="b"), so the last rule lands on the 版心's bottom edge in
both: a growing box (spAutoFit) is set ~2.5 mm too tall by LibreOffice, which then ends the
版记 that much above the edge.
"""

from __future__ import annotations

from docx.oxml import parse_xml

from ...context import NoticeInfo
from ...standard import gbt9704 as std
from . import geometry as g
from .ooxml import Body, Xml, el, paragraph, run, text_paragraph
from .text import width_in_chars


def has_banji(notice: NoticeInfo) -> bool:
    return bool(notice.cc or notice.printer or notice.print_date_text)


def _table(notice: NoticeInfo) -> Xml:
    rows = []
    if notice.cc:
        rows.append(text_paragraph(notice.cc_text, "BanJiCc"))
    if notice.printer or notice.print_date_text:
        rows.append(paragraph("BanJi", [run(f"\t{notice.printer}\t{notice.printed_text}")]))
    tbl = el("w:tbl", [
        el("w:tblPr", [el("w:tblStyle", val="BanJiTable"), el("w:tblW", w=g.TEXT_W, type="dxa"),
                       el("w:tblLayout", type="fixed")]),
        el("w:tblGrid", [el("w:gridCol", w=g.TEXT_W)]),
    ])
    for p in rows:
        tbl.append(el("w:tr", [el("w:trPr", [el("w:cantSplit")]),
                               el("w:tc", [el("w:tcPr", [el("w:tcW", w=g.TEXT_W, type="dxa")]), p])]))
    return tbl


def _lines(notice: NoticeInfo) -> int:
    """Printed lines of the 版记 (抄送 wraps after 抄送：, 1 字 in on both sides, at 4号)."""
    per_line = std.TEXT_W_MM * std.PT_PER_MM / std.FOOTER_PT - 2 * std.BANJI_INDENT_ZI
    cc = 0
    if notice.cc:
        width = width_in_chars(notice.cc_text)
        cc = 1 + max(0, int((width - per_line + 3 - 0.01) // (per_line - 3)) + (1 if width > per_line else 0))
    return cc + (1 if notice.printer or notice.print_date_text else 0)


# Slack under the table's computed height: the box must never be shorter than its content
# (LibreOffice would then let the table hang below the 版心, Word would clip it).
_SLACK_MM = 0.5
# The paragraph a text box's content has to end with, as low as Word and LibreOffice set it.
_END_LINE = 2  # twips


def box_height_mm(notice: NoticeInfo) -> float:
    """Lines at the body pitch, the rules (two thick, thin ones between the elements), the end paragraph."""
    rows = (1 if notice.cc else 0) + (1 if notice.printer or notice.print_date_text else 0)
    rules = 2 * std.BANJI_THICK_MM + max(rows - 1, 0) * std.BANJI_THIN_MM
    return _lines(notice) * std.LINE_PT / std.PT_PER_MM + rules + _END_LINE / 20 / std.PT_PER_MM + _SLACK_MM


def add_banji(body: Body, notice: NoticeInfo) -> None:
    tbl = _table(notice)
    width, height = g.TEXT_W * g.EMU_PER_TWIP, int(round(box_height_mm(notice) * g.EMU_PER_MM))
    ns = ('xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
          'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
          'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
          'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"')
    drawing = parse_xml(
        f'<w:r {ns}><w:drawing><wp:anchor distT="0" distB="0" distL="0" distR="0" simplePos="0" relativeHeight="251661312" '
        'behindDoc="0" locked="0" layoutInCell="1" allowOverlap="0"><wp:simplePos x="0" y="0"/>'
        '<wp:positionH relativeFrom="margin"><wp:align>center</wp:align></wp:positionH>'
        '<wp:positionV relativeFrom="margin"><wp:align>bottom</wp:align></wp:positionV>'
        f'<wp:extent cx="{width}" cy="{height}"/><wp:effectExtent l="0" t="0" r="0" b="0"/><wp:wrapTopAndBottom/>'
        '<wp:docPr id="9003" name="版记"/><wp:cNvGraphicFramePr/>'
        '<a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">'
        '<wps:wsp><wps:cNvSpPr txBox="1"/><wps:spPr>'
        f'<a:xfrm><a:off x="0" y="0"/><a:ext cx="{width}" cy="{height}"/></a:xfrm>'
        '<a:prstGeom prst="rect"><a:avLst/></a:prstGeom><a:noFill/><a:ln><a:noFill/></a:ln></wps:spPr>'
        '<wps:txbx><w:txbxContent/></wps:txbx>'
        '<wps:bodyPr rot="0" vert="horz" wrap="square" lIns="0" tIns="0" rIns="0" bIns="0" anchor="b" anchorCtr="0">'
        '<a:noAutofit/></wps:bodyPr></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing></w:r>'
    )
    content = drawing.find(".//{*}txbxContent")
    assert content is not None  # in the XML just above
    content.append(tbl)
    end = paragraph("TableEnd", ppr_extra=[el("w:spacing", line=_END_LINE, lineRule="exact")])
    content.append(end)  # a text box's content ends with a paragraph
    body.add(paragraph("TableEnd", [drawing]))
