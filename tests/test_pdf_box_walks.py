"""A box's descendants walked by one generator and anchors gathered past plain boxes (writers/pdf/box_walks.py):
the same boxes in the same order as WeasyPrint's own Box.descendants, with and without placeholders, for every box
of laid-out documents (a notice with its task table; absolutely positioned boxes), and the same anchors, links,
bookmarks and forms as its gather_anchors; tests/test_pdf_shortcuts.py compares the PDFs (issue 16)."""

from __future__ import annotations

import sys

from conftest import ROOT
from zwgk_docs.context import build_context
from zwgk_docs.load import loads
from zwgk_docs.writers.pdf import box_walks, notice_html
from zwgk_docs.writers.pdf.render import layout

sys.path.insert(0, str(ROOT / "benchmarks"))
from plangen import plan_yaml  # noqa: E402

POSITIONED = ("<p>正文<span style='position: absolute; top: 0'>角标<b>粗</b></span>续<img style='position: fixed'>"
              "<i style='float: left'>浮动</i></p><table><tr><td>单元格<sup>1</sup></td></tr></table>")


def test_same_walk_as_weasyprints_own():
    from weasyprint.formatting_structure.boxes import Box

    assert box_walks.install()
    own = Box.descendants.__wrapped__
    assert Box.descendants.__module__ == box_walks.__name__
    compared = 0
    for html in (notice_html(build_context(loads(plan_yaml(8)))), POSITIONED):
        for page in layout(html).pages:
            stack = [page._page_box]
            while stack:
                box = stack.pop()
                for placeholders in (False, True):
                    assert list(box.descendants(placeholders)) == list(own(box, placeholders))
                compared += 1
                stack.extend(child for child in box.children if isinstance(child, Box))
    assert compared > 300


def test_installed_only_over_the_function_followed(monkeypatch):
    """WeasyPrint 70.0's Box.descendants is replaced; another source is left alone."""
    from weasyprint.formatting_structure.boxes import Box

    layout("<p>字</p>")
    own = Box.descendants.__wrapped__
    assert box_walks.known(own)
    monkeypatch.setattr(box_walks, "KNOWN_SOURCES", set())
    assert not box_walks.known(own)
    monkeypatch.setattr(Box, "descendants", own)
    assert box_walks.install.__wrapped__() is False
    assert Box.descendants is own
    from weasyprint import anchors, document

    gather = anchors.gather_anchors.__wrapped__
    assert box_walks.known_source(gather, box_walks.KNOWN_ANCHOR_SOURCES)
    monkeypatch.setattr(box_walks, "KNOWN_ANCHOR_SOURCES", set())
    monkeypatch.setattr(anchors, "gather_anchors", gather)
    monkeypatch.setattr(document, "gather_anchors", gather)
    assert box_walks.install_anchors.__wrapped__() is False
    assert document.gather_anchors is gather


LINKED = ("<h1>一、总体要求</h1><p id='a'>正文<a href='https://www.gov.cn/'>链接<b>粗</b></a>"
          "<a href='#b'>内部</a></p><h2 id='b' style='transform: rotate(3deg)'>（一）<a href='#a'>回到</a></h2>"
          "<div style='transform: scale(2)'><p id='c'>变换<a href='https://example.org/'>里</a></p></div>"
          "<form><input name='x' value='1'><p>表单</p></form><h3 id='a'>重复的标识</h3><p>完</p>" * 3)


def _gathered(html: str) -> list[tuple]:
    found = []
    for page in layout(html).pages:
        found.append((page.anchors, [(kind, target, rectangle) for kind, target, rectangle, _ in page.links],
                      page.bookmarks, [(len(inputs), [rectangle for _, rectangle in inputs])
                                       for inputs in page.forms.values()]))
    return found


def test_same_anchors_as_weasyprints_own(monkeypatch):
    """Links (external, internal, inside a transformed box), anchors (one repeated), bookmarks, forms and inputs."""
    from weasyprint import anchors, document

    assert box_walks.install_anchors()
    assert document.gather_anchors.__module__ == box_walks.__name__
    for html in (LINKED, notice_html(build_context(loads(plan_yaml(8))))):
        ours = _gathered(html)
        with monkeypatch.context() as patched:
            own = anchors.gather_anchors.__wrapped__
            patched.setattr(document, "gather_anchors", own)
            patched.setattr(anchors, "gather_anchors", own)
            theirs = _gathered(html)
        assert ours == theirs
    assert all(any(page[i] for page in _gathered(LINKED)) for i in range(4))
