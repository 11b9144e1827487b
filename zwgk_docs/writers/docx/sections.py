"""Section breaks: portrait 通知 pages, landscape task-table pages, page numbers running on.

Word keeps a section's page set-up in a w:sectPr inside the section's last paragraph; the
body's final w:sectPr describes the last section. Every section names its footers: portrait
sections the template's, landscape sections footers whose page number is a turned text box in
the portrait position (§8, spec §9). Page numbers run on through all sections.
"""

from __future__ import annotations

import copy

from docx.oxml import parse_xml
from docx.oxml.ns import qn

from . import geometry as g
from .geometry import landscape_number_xml
from .ooxml import Body, Xml, el, paragraph, run

_PAGE_TAGS = ("w:pgSz", "w:pgMar", "w:cols", "w:docGrid")


def _set_page(sect: Xml, landscape: bool) -> None:
    """Replace the page set-up of a w:sectPr, keeping the schema's child order."""
    for tag in _PAGE_TAGS:
        for node in sect.findall(qn(tag)):
            sect.remove(node)
    size, margins, cols, grid = parse_xml(
        f'<w:wrap xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">{g.page_xml(landscape)}</w:wrap>'
    )
    before = {qn(t) for t in ("w:headerReference", "w:footerReference", "w:footnotePr", "w:endnotePr", "w:type")}
    at = max((i + 1 for i, child in enumerate(sect) if child.tag in before), default=0)
    sect.insert(at, size)
    sect.insert(at + 1, margins)
    after = {qn(t) for t in ("w:paperSrc", "w:pgBorders", "w:lnNumType", "w:pgNumType")}
    at = max((i + 1 for i, child in enumerate(sect) if child.tag in after), default=at + 2)
    sect.insert(at, cols)
    printer = sect.find(qn("w:printerSettings"))
    if printer is not None:
        printer.addprevious(grid)
    else:
        sect.append(grid)


_REF = qn("w:footerReference")


class Sections:
    """Tracks the orientation of the running (last) section."""

    def __init__(self, body: Body, document: Xml = None) -> None:  # a python-docx Document, for its parts
        self.body = body
        self.document = document
        self.landscape = False
        self.even_page = False  # the running section starts on an even page, without page numbers
        self.portrait_refs = {r.get(qn("w:type")): r.get(qn("r:id")) for r in body.sectPr.findall(_REF)}
        self.landscape_refs: dict[str, str] = {}
        self.bare_refs: dict[str, str] = {}

    def _bare_refs(self) -> dict[str, str]:
        """Footers without the page number: the page the 版记 is moved to has none (§7.5)."""
        if not self.bare_refs and self.document is not None:
            for kind in ("default", "even"):
                part, rid = self.document.part.add_footer_part()
                for child in list(part.element):
                    part.element.remove(child)
                # one line of a known height (see geometry.BARE_FOOTER)
                style = "PageNumber" if kind == "default" else "PageNumberEven"
                exact = el("w:spacing", before=0, after=0, line=g.BARE_FOOTER_LINE, lineRule="exact")
                part.element.append(paragraph(style, [run("\u00a0")], [exact]))
                self.bare_refs[kind] = rid
        return self.bare_refs

    def _refs(self, landscape: bool) -> dict[str, str]:
        if self.even_page and not landscape:
            return self._bare_refs()
        if not landscape or self.document is None:
            return self.portrait_refs
        if not self.landscape_refs:
            for kind, odd in (("default", True), ("even", False)):
                part, rid = self.document.part.add_footer_part()
                footer = part.element
                for child in list(footer):
                    footer.remove(child)
                footer.extend(list(parse_xml(landscape_number_xml(odd))))
                self.landscape_refs[kind] = rid
        return self.landscape_refs

    def _set_refs(self, sect: Xml, landscape: bool) -> None:
        for ref in sect.findall(_REF):
            sect.remove(ref)
        for i, (kind, rid) in enumerate(sorted(self._refs(landscape).items())):
            ref = el("w:footerReference", type=kind)
            ref.set(qn("r:id"), rid)
            sect.insert(i, ref)

    def start(self, landscape: bool) -> None:
        """End the running section here; what follows starts on a new page."""
        last = self.body.last
        if last is None or last.tag != qn("w:p") or last.find(qn("w:pPr") + "/" + qn("w:sectPr")) is not None:
            last = paragraph("TableEnd")
            self.body.add(last)
        final = self.body.sectPr
        closing = copy.deepcopy(final)
        _set_page(closing, self.landscape)
        ppr = last.find(qn("w:pPr"))
        if ppr is None:
            ppr = el("w:pPr")
            last.insert(0, ppr)
        self._set_refs(closing, self.landscape)
        _set_start(closing, self.even_page)
        ppr.append(closing)
        self.landscape = landscape

    def start_even_page(self) -> None:
        """A portrait section of its own on the next even page (the 版记 convention for duplex printing)."""
        self.start(landscape=False)
        self.even_page = True

    def finish(self) -> None:
        _set_page(self.body.sectPr, self.landscape)
        self._set_refs(self.body.sectPr, self.landscape)
        _set_start(self.body.sectPr, self.even_page)


def _set_start(sect: Xml, even_page: bool) -> None:
    """w:type evenPage (after the header/footer references, before pgSz) or the default next page."""
    for node in sect.findall(qn("w:type")):
        sect.remove(node)
    if even_page:
        sect.find(qn("w:pgSz")).addprevious(el("w:type", val="evenPage"))
        sect.find(qn("w:pgMar")).set(qn("w:footer"), str(g.BARE_FOOTER))
