"""Only the margin boxes a page keeps are made (writers/pdf/margin_boxes.py): the same PDF as WeasyPrint's own
make_margin_boxes, byte for byte, with margin boxes on every side, in corners and on none (issue 16)."""

from __future__ import annotations

import pytest

from zwgk_docs.writers.pdf import margin_boxes
from zwgk_docs.writers.pdf.render import layout, write

PAGE_RULES = (
    "@page { size: A4; margin: 37mm 26mm 35mm 28mm; @bottom-center { content: '— ' counter(page) ' —' } }",
    "@page :left { @bottom-left { content: counter(page) } } @page :right { @bottom-right { content: counter(page) } }"
    " @page { margin: 30mm }",
    "@page { margin: 25mm; @top-left { content: '示例市' } @top-right { content: counter(page) '/' counter(pages) }"
    " @left-middle { content: '附件'; width: 10mm } @right-top { content: 'x' }"
    " @top-left-corner { content: '角'; background: #eee } @bottom-right-corner { content: counter(page) } }",
    "@page { margin: 20mm }",
    "@page { margin: 20mm; @bottom-center { content: none } @top-center { content: normal } }",
    "@page { margin: 20mm; @top-center { content: '标题'; border-bottom: 1px solid } @top-left { width: 30% } }",
)


@pytest.mark.parametrize("rules", PAGE_RULES)
def test_same_pdf_as_weasyprints_own(tmp_path, monkeypatch, rules):
    from weasyprint import layout as layouts
    from weasyprint.layout import page

    html = (f"<html lang='zh-CN'><head><style>{rules}</style></head><body>"
            + "<p>认真做好政务公开工作，推进决策、执行、管理、服务、结果公开。</p>" * 90 + "</body></html>")
    layout("<p>字</p>")  # installs the replacements
    assert margin_boxes.install()
    own = page.make_margin_boxes
    monkeypatch.setattr(layouts, "make_margin_boxes", margin_boxes.kept_only(own))  # not under split.py's wrapper
    ours = write(layout(html), tmp_path / "ours.pdf").read_bytes()
    monkeypatch.setattr(layouts, "make_margin_boxes", own)
    theirs = write(layout(html), tmp_path / "theirs.pdf").read_bytes()
    assert ours == theirs


def test_installed_only_over_the_function_followed(monkeypatch):
    """WeasyPrint 70.0's make_margin_boxes is replaced; another source (or another wrapper) is left alone."""
    from weasyprint import layout as layouts
    from weasyprint.layout import page

    layout("<p>字</p>")
    chain, function = [], layouts.make_margin_boxes
    while function is not None:
        chain.append(function.__module__)
        function = getattr(function, "__wrapped__", None)
    assert chain[-2:] == ["zwgk_docs.writers.pdf.margin_boxes", "weasyprint.layout.page"]
    assert margin_boxes.known(page.make_margin_boxes)
    monkeypatch.setattr(margin_boxes, "KNOWN_SOURCES", set())
    assert not margin_boxes.known(page.make_margin_boxes)
    monkeypatch.setattr(layouts, "make_margin_boxes", page.make_margin_boxes)
    assert margin_boxes.install.__wrapped__() is False
    assert layouts.make_margin_boxes is page.make_margin_boxes
