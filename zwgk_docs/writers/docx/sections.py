"""Section breaks: portrait 通知 pages, landscape task-table pages, page numbers running on.

Word keeps a section's page set-up in a w:sectPr inside the section's last paragraph; the
body's final w:sectPr describes the last section. Footers are referenced by the first
section only, so later sections inherit them and the page numbers continue.
"""

from __future__ import annotations

import copy

from docx.oxml import parse_xml
from docx.oxml.ns import qn

from . import geometry as g
from .ooxml import Body, el, paragraph

_PAGE_TAGS = ("w:pgSz", "w:pgMar", "w:cols", "w:docGrid")


def _set_page(sect, landscape: bool) -> None:
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


class Sections:
    """Tracks the orientation of the running (last) section."""

    def __init__(self, body: Body) -> None:
        self.body = body
        self.landscape = False

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
        ppr.append(closing)
        # later sections inherit the footers of the first one
        for ref in final.findall(qn("w:footerReference")) + final.findall(qn("w:headerReference")):
            final.remove(ref)
        self.landscape = landscape

    def finish(self) -> None:
        _set_page(self.body.sectPr, self.landscape)
