"""版记 (§7.4): 抄送 and 印发机关/印发日期 between separators, at the bottom of the last page.

A one-column table floating at the bottom of the 版心 (tblpYSpec="bottom"), so its last
line sits on the 版心's bottom edge however much text precedes it: thick first and last
lines (0.35 mm), a thin line between the elements (0.25 mm), no side lines (table style 版记表格).
Word and WPS honour the float; LibreOffice 7.4 lays the table out where it stands, right
after the text (still on the last page, with the same lines).
"""

from __future__ import annotations

from ...context import NoticeInfo
from . import geometry as g
from .ooxml import Body, el, paragraph, run, text_paragraph


def has_banji(notice: NoticeInfo) -> bool:
    return bool(notice.cc or notice.printer or notice.print_date_text)


def add_banji(body: Body, notice: NoticeInfo) -> None:
    rows = []
    if notice.cc:
        rows.append(text_paragraph(notice.cc_text, "BanJiCc"))
    if notice.printer or notice.print_date_text:
        date = notice.printed_text
        rows.append(paragraph("BanJi", [run(f"\t{notice.printer}\t{date}")]))
    tbl = el("w:tbl", [
        el("w:tblPr", [
            el("w:tblStyle", val="BanJiTable"),
            el("w:tblpPr", leftFromText=0, rightFromText=0, topFromText=0, bottomFromText=0,
               vertAnchor="margin", horzAnchor="margin", tblpXSpec="center", tblpYSpec="bottom"),
            el("w:tblW", w=g.TEXT_W, type="dxa"),
            el("w:tblLayout", type="fixed"),
        ]),
        el("w:tblGrid", [el("w:gridCol", w=g.TEXT_W)]),
    ])
    for p in rows:
        tbl.append(el("w:tr", [el("w:trPr", [el("w:cantSplit")]),
                               el("w:tc", [el("w:tcPr", [el("w:tcW", w=g.TEXT_W, type="dxa")]), p])]))
    body.add(tbl, paragraph("TableEnd"))
