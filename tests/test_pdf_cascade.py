"""The cascade done once per kind of element (writers/pdf/cascade.py) gives WeasyPrint's own styles, shared
alike, and the same PDF (issue 16: less CPU before layout)."""

from __future__ import annotations

import random
import sys
from typing import Any

import pytest

from conftest import EXAMPLES, ROOT
from zwgk_docs.context import build_context
from zwgk_docs.load import load_plan, loads
from zwgk_docs.writers.pdf import cascade, notice_html, print_html
from zwgk_docs.writers.pdf.render import _font_config, layout, write

sys.path.insert(0, str(ROOT / "benchmarks"))
sys.path.insert(0, str(ROOT / "tests"))
from plangen import plan_yaml  # noqa: E402
from test_pdf_html_tree import _page, _random_children  # noqa: E402


def _installed() -> Any:
    import weasyprint
    from weasyprint import css

    layout("<p>字</p>")  # imports WeasyPrint, installs
    assert cascade.install()
    assert css.StyleFor.__init__.__wrapped__ is not None
    return weasyprint


def _styles(html: Any, own: bool, every: bool) -> list[tuple[Any, ...]]:
    """Every (element, pseudo-element) style: its key, which style it is (the sharing), its parent's, its cascade."""
    from weasyprint import css

    ours = css.StyleFor.__init__
    if own:
        css.StyleFor.__init__ = ours.__wrapped__
    try:
        style_for = css.get_all_computed_styles(html, font_config=_font_config())
    finally:
        css.StyleFor.__init__ = ours
    number: dict[int, int] = {}
    out = []
    for key, style in style_for.get_computed_styles().items():
        parent = style.parent_style
        first = id(style) not in number
        out.append((key, number.setdefault(id(style), len(number)),
                    None if parent is None else number.get(id(parent), "?"), style.pseudo_type,
                    sorted(style.cascaded.items()), _values(style, every) if first else None,
                    _values(style.anonymous_style, every) if first else None))
    return out


_SOME = ("display", "float", "position", "anchor", "margin_left", "padding_top", "width", "border_left_width", "page",
         "text_decoration_line", "break_after")


def _values(style: Any, every: bool) -> list[tuple[str, Any]]:
    """The computed values of the style (every: all properties; else those cascaded, inherited and _SOME),
    and the specified values WeasyPrint keeps."""
    from weasyprint.css.properties import INHERITED, INITIAL_VALUES

    names = list(INITIAL_VALUES) if every else sorted(set(INHERITED) | set(_SOME) | set(getattr(style, "cascaded", ())))
    values = []
    for name in names:
        try:
            values.append((name, style[name]))
        except KeyError as error:  # WeasyPrint computes no such value here (logical properties of anonymous styles)
            values.append((name, repr(error)))
    return values + [("specified", sorted(style.specified.items()) if style.specified is not style else None)]


def _same_styles(source: str, every: bool = False) -> None:
    weasyprint = _installed()
    html = weasyprint.HTML(string=source)
    assert _styles(html, own=False, every=every) == _styles(html, own=True, every=every)


@pytest.mark.parametrize("plan", ["example:shenyang-2021.yaml", "example:jilin-2018.yaml", "example:teda-2018.yaml",
                                  "plangen:12"])
def test_our_documents_get_weasyprints_styles(plan):
    kind, name = plan.split(":")
    ctx = build_context(load_plan(EXAMPLES / name) if kind == "example" else loads(plan_yaml(int(name))))
    documents = [print_html(ctx, "tasks_print.html"), print_html(ctx, "tasks_print.html", slots=2)]
    if ctx.notice is not None:
        documents.append(notice_html(ctx))
    for source in documents:
        _same_styles(source)


# Selectors of every sort: sibling combinators, structural pseudo-classes, attributes, :not, :is, :has, :lang.
CSS = """
p + p { text-indent: 2em } li ~ li { margin-left: 1px } td:first-child { font-size: 20px }
tr:nth-child(2n) td { margin-left: 3px } p:empty { display: none } span:last-of-type { font-size: 9px }
[rowspan="2"] { margin-left: 7px } [class~=x] > b { font-size: 11px } div [title^="a"] { display: inline }
:not(.y) > em { margin-left: 2px } :is(h2, h3) span { font-size: 13px } div:has(> table) { margin-left: 5px }
section p::first-letter { font-size: 30px } li::marker { font-size: 8px } :lang(zh) td { margin-left: 4px }
body > * { margin-left: 6px } .x.y { display: block } #x { font-size: 15px } ul:only-child { margin-left: 9px }
"""


def test_random_documents_get_weasyprints_styles():
    for seed in range(20):
        rng = random.Random(seed)
        body = _random_children(rng, "body", 0)
        source = _page(body).replace("p > span { color: red; }", CSS)
        _same_styles(source)


def test_elements_with_ids_get_weasyprints_styles():
    """Paragraphs and headings with ids (the 要点's anchors): styles of their own with their own anchors, the
    same values as WeasyPrint computes for each, their children's and pseudo-elements' too."""
    body = "".join(f"<h2 id='h{n}'>标题{n}</h2><p class='body task' id='t{n}'><span class='lead'>{n}.</span>内容"
                   f"<b id='b{n}'>粗</b></p>" for n in range(6))
    body += "<p id='x'>以 id 选中</p><table><tbody><tr><td id='c1'>格</td><td id='c2' style='margin-left: 2px'>格</td></tr></tbody></table>"
    _same_styles(_page(body).replace("p > span { color: red; }", CSS + " td { border: 1px solid } table {"
                                     " border-collapse: collapse; margin: 3px; padding: 2px }"), every=True)
    from weasyprint import css

    html = _installed().HTML(string=_page(body))
    styles = css.get_all_computed_styles(html, font_config=_font_config()).get_computed_styles()
    twins = [key for key, style in styles.items() if type(style).__name__ == "TwinStyle"]
    assert len(twins) > 30  # the later paragraphs, headings, spans and their pseudo-elements
    assert {styles[key]["anchor"] for key in twins if key[1] is None} >= {f"t{n}" for n in range(1, 6)}


def test_a_style_attribute_and_an_id_are_cascaded_on_their_own():
    _same_styles(_page("<p>一</p><p style='margin-left: 3px'>二</p><p>三</p><p id='x'>四</p><p lang='en'>五</p>"
                       "<p class='x y'>六</p><p class='y x'>七</p>"))


def test_an_unknown_weasyprint_keeps_its_own_cascade(monkeypatch):
    from weasyprint import css

    _installed()
    ours = css.StyleFor.__init__
    monkeypatch.setattr(css.StyleFor, "__init__", ours.__wrapped__)
    monkeypatch.setattr(cascade, "KNOWN_INIT", set())
    cascade.install.cache_clear()
    try:
        assert not cascade.install()
        assert css.StyleFor.__init__ is ours.__wrapped__
    finally:
        cascade.install.cache_clear()
        monkeypatch.undo()
        assert cascade.install()  # (the cache says so; ours is back in place)


def test_the_pdf_is_byte_for_byte_weasyprints(tmp_path, monkeypatch):
    """A notice with its task table on landscape pages."""
    from weasyprint import css

    ctx = build_context(loads(plan_yaml(8)))
    html = notice_html(ctx)
    _installed()
    ours = write(layout(html), tmp_path / "ours.pdf").read_bytes()
    monkeypatch.setattr(css.StyleFor, "__init__", css.StyleFor.__init__.__wrapped__)
    theirs = write(layout(html), tmp_path / "theirs.pdf").read_bytes()
    assert ours == theirs
