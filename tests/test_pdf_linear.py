"""Long documents lay out in time linear in their length (issue 16, scale): the printed task table
in row groups (geometry.row_groups) and page styles without a walk over every earlier page
and no walk over every other page for fixed boxes
(writers/pdf/long_documents.py) give exactly the PDF WeasyPrint's own code gives."""

from __future__ import annotations

import sys
from types import SimpleNamespace

from conftest import ROOT
from zwgk_docs.context import build_context
from zwgk_docs.load import loads
from zwgk_docs.writers.pdf import notice_html, long_documents
from zwgk_docs.writers.pdf.render import layout, write

sys.path.insert(0, str(ROOT / "benchmarks"))
from plangen import plan_yaml  # noqa: E402


def test_long_documents_give_weasyprints_pdf(tmp_path, monkeypatch):
    """Portrait and landscape pages, left and right page numbers, the 版记 page: byte for byte."""
    text = plan_yaml(16).replace("  note: 此件公开发布\n", "  note: 此件公开发布\n  cc: [市委办公室]\n"
                                 "  printer: 示例市政务公开领导小组办公室\n  print_date: 2021-06-23\n")
    ctx = build_context(loads(text))
    assert ctx.notice is not None and ctx.notice.cc
    html = notice_html(ctx)
    layout("<p>字</p>")  # installs the replacement
    assert long_documents.install()
    document = layout(html)
    assert len(document.pages) > 5 and {p.width > p.height for p in document.pages} == {True, False}
    ours = write(document, tmp_path / "ours.pdf").read_bytes()
    from weasyprint.layout import page

    import weasyprint.layout

    monkeypatch.setattr(page, "set_page_type_computed_styles", long_documents._original)
    monkeypatch.setattr(weasyprint.layout, "layout_fixed_boxes", weasyprint.layout.layout_fixed_boxes.__wrapped__)
    theirs = write(layout(html), tmp_path / "theirs.pdf").read_bytes()
    assert ours == theirs


def test_margin_box_types_in_rule_order():
    """What the replacement looks up: each margin box the @page rules name, once, in rule order."""
    rule = [((0, 0, 0), None, None), ((0, 1, 0), "@bottom-right", None)]
    sheets = [(SimpleNamespace(page_rules=[(None, rule, []), (None, [((0, 0, 1), "@left-top", None)], [])]), "author", None),
              (SimpleNamespace(page_rules=[(None, [((0, 0, 0), "@bottom-right", None)], [])]), "author", None)]
    assert long_documents.margin_pseudo_types(SimpleNamespace(_sheets=sheets)) == ["@bottom-right", "@left-top"]


def test_page_kinds_give_weasyprints_pdf(tmp_path, monkeypatch):
    """Pages styled once per kind (side, blank, name, :first): rules on each of them, a blank page by a forced
    right break, a named page, byte for byte; a rule by :nth() cascades each page as before."""
    rules = ("@page { size: A5; margin: 20mm; @bottom-center { content: counter(page) } }"
             "@page :first { margin-top: 30mm; @top-center { content: '首页' } }"
             "@page :left { @bottom-left { content: '左' } } @page :right { @bottom-right { content: '右' } }"
             "@page :blank { @top-center { content: '空白' } } @page wide { size: A5 landscape }"
             "section { break-before: right } .wide { page: wide }")
    body = "".join(f"<section><p>{'段落文字。' * 300}</p></section><div class='wide'><p>横排{n}</p></div>" for n in range(4))
    from weasyprint.layout import page

    layout("<p>字</p>")  # installs the replacement
    assert long_documents.install()
    for extra in ("", "@page :nth(3) { @top-left { content: '第三页' } }"):
        html = f"<html lang='zh-CN'><style>{rules}{extra}</style><body>{body}</body></html>"
        document = layout(html)
        assert len(document.pages) > 10
        ours = write(document, tmp_path / "ours.pdf").read_bytes()
        with monkeypatch.context() as patched:
            patched.setattr(page, "set_page_type_computed_styles", long_documents._original)
            theirs = write(layout(html), tmp_path / "theirs.pdf").read_bytes()
        assert ours == theirs
