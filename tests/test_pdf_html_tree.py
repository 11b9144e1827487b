"""Our print HTML parsed by expat (writers/pdf/html_tree.py) into exactly tinyhtml5's tree, else by tinyhtml5
(issue 16: less CPU before layout, the same PDF)."""

from __future__ import annotations

import random
import sys
from typing import Any

import pytest
import tinyhtml5

from conftest import EXAMPLES, ROOT
from zwgk_docs.context import build_context
from zwgk_docs.load import load_plan, loads
from zwgk_docs.writers.pdf import fit, html_tree, notice_html, print_html, split
from zwgk_docs.writers.pdf.render import layout, write

sys.path.insert(0, str(ROOT / "benchmarks"))
from plangen import plan_yaml  # noqa: E402


def _node(element: Any) -> tuple[Any, ...]:
    return (element.tag, list(element.attrib.items()), element.text, element.tail, [_node(child) for child in element])


def _tinyhtml5(source: str) -> Any:
    return tinyhtml5.parse(source, namespace_html_elements=False)


def _documents(ctx: Any) -> list[str]:
    """Every print document a build parses: the notice, its fit probe, each split part, tasks.pdf and its frame."""
    documents = [print_html(ctx, "tasks_print.html"), print_html(ctx, "tasks_print.html", slots=3)]
    if ctx.notice is not None:
        documents += [notice_html(ctx), print_html(ctx, "notice_print.html", fit.STANDARD, probe=True)]
        tail_from = split.wanted(ctx)
        if tail_from is not None:
            documents += [notice_html(ctx, "head", tail_from), notice_html(ctx, "tail", tail_from)]
    return documents


PLANS = [*(f"example:{path.name}" for path in sorted(EXAMPLES.glob("*.yaml"))
           if not path.name.endswith((".progress.yaml", ".stats.yaml"))), "plangen:10", "plangen:60", "plangen:160"]


@pytest.mark.parametrize("plan", PLANS)
def test_our_documents_parse_to_tinyhtml5s_tree(plan):
    kind, name = plan.split(":")
    ctx = build_context(load_plan(EXAMPLES / name) if kind == "example" else loads(plan_yaml(int(name))))
    for source in _documents(ctx):
        ours = html_tree.parsed(source)
        assert ours is not None  # our templates take the fast path
        assert _node(ours) == _node(_tinyhtml5(source))


WELL_FORMED = ("<!DOCTYPE html>\n<html lang='zh-CN'>\n<head>\n<meta charset=\"utf-8\">\n<title>标题 &amp; 说明</title>\n"
               "<style>p > span { color: red; }</style>\n</head>\n<body>\n{body}\n</body>\n</html>\n")


def _page(body: str) -> str:
    return WELL_FORMED.replace("{body}", body)


@pytest.mark.parametrize("body", [
    "<p>一<br>二<br/>三 &lt;四&gt; &#34;五&#39; &#x4E00;</p>",
    "<div class='a'><p><span class='nobr'>2022年</span></p>\n<ul><li>一</li> <li><ol><li>二</li></ol></li></ul></div>",
    "<table class='tasks'><colgroup><col style='width: 10%'><col></colgroup>\n<thead><tr><th>序号</th></tr></thead>\n"
    "<tbody>\n<tr data-task='1'><td rowspan='2'>1</td><td>内容<br>第二行</td></tr>\n</tbody></table>",
    "<h2>一、标题</h2><section><h3>（一）</h3><a href='#x'><div>块</div></a></section><hr class='red-rule'>",
    "", "文字", "<img class='seal' src='data:image/png;base64,AAAA' alt=''>",
])
def test_well_formed_documents_parse_to_tinyhtml5s_tree(body):
    source = _page(body)
    ours = html_tree.parsed(source)
    assert ours is not None
    assert _node(ours) == _node(_tinyhtml5(source))


@pytest.mark.parametrize("body", [
    "<p><div>HTML closes the p before a div</div></p>",
    "<table><tr><td>an implied tbody</td></tr></table>",
    "<table><col><tbody></tbody></table>",
    "<table>text in a table<tbody></tbody></table>",
    "<td>a cell outside a table</td>",
    "<p>&nbsp;HTML's own entities</p>",
    "<P>upper case</P>", "<p CLASS='x'>upper-case attribute</p>",
    "<div/>a self-closed div holds what follows",
    "<!-- a comment -->", "<![CDATA[x]]>", "<?pi x?>",
    "<p title='a\nb'>a line break in an attribute</p>",
    "<p>&#150; a windows-1252 reference</p>",
    "<svg xmlns='http://www.w3.org/2000/svg'></svg>", "<p xmlns:x='urn:x'>x</p>",
    "<h2><h3>a heading in a heading</h3></h2>", "<a href='#'><a href='#'>nested links</a></a>",
    "<li>a list item outside a list</li>", "<pre>\nthe first line break is dropped</pre>",
    "<p>unclosed", "<p class=x>unquoted</p>", "<input disabled>", "<custom-tag>x</custom-tag>",
])
def test_what_html5_reads_otherwise_is_left_to_tinyhtml5(body):
    assert html_tree.parsed(_page(body)) is None


def test_what_the_source_must_not_hold_is_left_to_tinyhtml5():
    plain = _page("<p>字</p>")
    assert html_tree.parsed(plain) is not None
    for source in (plain.replace("<!DOCTYPE html>", ""),  # quirks mode
                   plain.replace("<!DOCTYPE html>", "<!DOCTYPE html [<!ENTITY x 'y'>]>"),
                   "\ufeff" + plain,
                   plain.replace("color: red;", "content: '&amp;';"),  # raw text in HTML: no entities
                   plain.replace("<title>", "<title><b>x</b>"),
                   plain.replace("</head>", "</head>text"),
                   plain.replace("<body>", "<body>\n<meta charset='utf-8'>").replace("<head>", "<head><p>x</p>")):
        assert html_tree.parsed(source) is None, source[:120]


# Random documents (seeded, mostly placed as HTML expects, now and then anywhere): whatever the fast path
# takes must be tinyhtml5's tree.
_ANY = ["p", "div", "span", "b", "a", "br", "img", "h2", "h3", "ul", "ol", "li", "table", "tbody", "tr", "td", "th",
        "colgroup", "col", "section", "main", "hr", "dl", "dt", "dd", "em", "P", "pre", "caption", "thead", "title"]
_CHILDREN = {
    "flow": ["p", "div", "ul", "ol", "table", "h2", "h3", "span", "a", "b", "br", "img", "section", "hr", "dl"],
    "phrasing": ["span", "a", "b", "em", "br", "img"],
    "ul": ["li"], "ol": ["li"], "dl": ["dt", "dd"], "table": ["colgroup", "thead", "tbody", "caption"],
    "colgroup": ["col"], "thead": ["tr"], "tbody": ["tr"], "tr": ["td", "th"],
}
_TEXTS = ["", "", " ", "\n", "字", " 文字 ", "&amp;", "&lt;", "&#34;", "&#x4E00;", "&#x9F;", "&nbsp;", "\t", "a&b",
          "\u3000", "\r\n"]
_TABLE_PARTS = {"table", "colgroup", "thead", "tbody", "tr"}
_VOIDS = {"br", "img", "hr", "col"}
_ATTRIBUTES = ["", "", " class='x'", ' rowspan="2"', " title='a b'", ' data-x="1" class="y"', " title='a\nb'"]


def _random_children(rng: random.Random, parent: str, depth: int) -> str:
    kind = parent if parent in _CHILDREN else "phrasing" if parent in ("p", "span", "a", "b", "em", "h2", "h3") else "flow"
    out = []
    for _ in range(rng.randrange(4 if depth < 4 else 1)):
        tag = rng.choice(_ANY) if rng.random() < 0.03 else rng.choice(_CHILDREN[kind])
        out.append(_random_element(rng, tag, depth + 1))
    between = (lambda: rng.choice(["", " ", "\n"])) if parent in _TABLE_PARTS else (lambda: rng.choice(_TEXTS))
    return between() + "".join(child + between() for child in out)


def _random_element(rng: random.Random, tag: str, depth: int) -> str:
    attributes = rng.choice(_ATTRIBUTES)
    if tag in _VOIDS:
        return f"<{tag}{attributes}{rng.choice(['', '/', ' /'])}>"
    return f"<{tag}{attributes}>{_random_children(rng, tag, depth)}</{tag}>"


def test_random_documents_parse_to_tinyhtml5s_tree_or_fall_back():
    taken = 0
    for seed in range(600):
        rng = random.Random(seed)
        source = _page(_random_children(rng, "body", 0)) + rng.choice(["", "\n", " \n "])
        ours = html_tree.parsed(source)
        if ours is not None:
            taken += 1
            assert _node(ours) == _node(_tinyhtml5(source)), source
    assert taken > 150  # most are documents the fast path takes


def test_weasyprint_parses_through_the_fast_path_and_falls_back(monkeypatch):
    import weasyprint

    layout("<p>字</p>")  # imports WeasyPrint, installs
    assert html_tree.install()
    assert isinstance(weasyprint.tinyhtml5, html_tree._StandIn)
    calls: list[str] = []
    parse = html_tree.parsed
    monkeypatch.setattr(html_tree, "parsed", lambda source: calls.append(source) or parse(source))
    good, bad = _page("<p>字</p>"), _page("<p><div>字</div></p>")
    for source in (good, bad):
        html = weasyprint.HTML(string=source)
        assert _node(html.etree_element) == _node(_tinyhtml5(source))
    assert calls == [good, bad]


def test_a_restyled_template_falls_back_to_the_same_tree():
    """An office's template that is not well-formed (HTML's optional end tags, upper case) is parsed by tinyhtml5."""
    import weasyprint

    ctx = build_context(loads(plan_yaml(4)))
    restyled = notice_html(ctx).replace("</p>", "").replace("<br>", "<BR>")
    assert html_tree.parsed(restyled) is None
    layout("<p>字</p>")
    assert _node(weasyprint.HTML(string=restyled).etree_element) == _node(_tinyhtml5(restyled))


def test_an_unknown_weasyprint_html_is_left_alone(monkeypatch):
    import weasyprint

    layout("<p>字</p>")
    html_tree.uninstall()
    try:
        monkeypatch.setattr(html_tree, "KNOWN_HTML_INIT", set())
        assert not html_tree.install()
        assert weasyprint.tinyhtml5 is tinyhtml5
    finally:
        monkeypatch.undo()
        html_tree.uninstall()
        assert html_tree.install()


def test_the_pdf_is_byte_for_byte_tinyhtml5s(tmp_path, monkeypatch):
    """A notice with its task table on landscape pages, laid out from either tree."""
    ctx = build_context(loads(plan_yaml(8)))
    html = notice_html(ctx)
    layout("<p>字</p>")
    assert html_tree.install()
    assert html_tree.parsed(html) is not None
    ours = write(layout(html), tmp_path / "ours.pdf").read_bytes()
    monkeypatch.setattr(html_tree, "parsed", lambda source: None)  # every document to tinyhtml5
    theirs = write(layout(html), tmp_path / "theirs.pdf").read_bytes()
    assert ours == theirs
