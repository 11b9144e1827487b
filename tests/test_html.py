"""notice.html for the government website: content, no remote resources, and a real browser."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from conftest import ROOT, chromium_browser, example_path, squash
from zwgk_docs.context import build_context
from zwgk_docs.load import load_plan
from zwgk_docs.writers import html as html_writer

SHENYANG = example_path("shenyang-2021")
PLAN = SHENYANG if SHENYANG.exists() else ROOT / "tests" / "data" / "mini.yaml"


class Collect(HTMLParser):
    """Tags with their attributes, and the visible text."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.text: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        self._skip += tag in ("style", "script")

    def handle_endtag(self, tag):
        self._skip -= tag in ("style", "script")

    def handle_data(self, data):
        if not self._skip:
            self.text.append(data)


def build(plan, out: Path):
    ctx = build_context(plan)
    (output,) = html_writer.write(ctx, out)
    page = Collect()
    page.feed(output.path.read_text(encoding="utf-8"))
    return ctx, output.path, page


@pytest.fixture(scope="module")
def example(tmp_path_factory):
    return build(load_plan(PLAN), tmp_path_factory.mktemp("html"))


@pytest.fixture(scope="module")
def table_only(tmp_path_factory):
    return build(load_plan(example_path("chizhou-2018")), tmp_path_factory.mktemp("html-cz"))


def task_key(task) -> str:
    return squash(task.title or task.text)[:16]


@pytest.mark.parametrize("which", ["example", "table_only"])
def test_every_task_has_an_anchor_and_its_text(which, request):
    ctx, _, page = request.getfixturevalue(which)
    ids = {attrs.get("id") for _, attrs in page.tags}
    text = squash("".join(page.text))
    for task in ctx.tasks:
        assert task.id in ids, task.id
        assert task_key(task) in text, task.id
        assert squash(task.label) in text


def test_language_headings_and_a_real_table(example):
    ctx, path, page = example
    html = path.read_text(encoding="utf-8")
    assert re.search(r'<html lang="zh-CN">', html)
    names = [t for t, _ in page.tags]
    assert names.count("h1") == 1 and "h2" in names
    assert "table" in names
    ths = [a for t, a in page.tags if t == "th"]
    assert [a.get("scope") for a in ths[: len(ctx.table.columns)]] == ["col"] * len(ctx.table.columns)
    spans = sorted(int(a["rowspan"]) for t, a in page.tags if t == "td" and "rowspan" in a)
    expected = sorted(c.rowspan for r in ctx.table.rows for c in r.cells if c.rowspan > 1 and not c.covered)
    assert spans == expected  # the table's merges, as rowspans
    assert all(h in "".join(page.text) for h in ctx.table.headers)


def test_metadata_block(example):
    ctx, _, page = example
    text = "".join(page.text)
    for label, value, _ in html_writer.metadata(ctx):
        assert label in text and value in text
    if ctx.notice:
        assert {"发文机关", "成文日期", "标题", "发文字号"} <= {row[0] for row in html_writer.metadata(ctx)}


@pytest.mark.parametrize("which", ["example", "table_only"])
def test_no_remote_resources(which, request):
    _, path, page = request.getfixturevalue(which)
    for tag, attrs in page.tags:
        for key in ("src", "href", "srcset", "data", "action"):
            value = (attrs.get(key) or "").strip().lower()
            assert not value.startswith(("http:", "https:", "//")), (tag, key, value)
        assert not (tag == "link" and attrs.get("rel") == "stylesheet")
        assert tag != "script"
    assert not re.search(r"url\(|@import", path.read_text(encoding="utf-8"))


def test_user_text_is_escaped(tmp_path):
    plan = load_plan(ROOT / "tests" / "data" / "mini.yaml")
    plan.plan.parts[0].tasks[0].title = '<script>alert("x")</script>{{ 7*7 }}'
    _, path, page = build(plan, tmp_path)
    html = path.read_text(encoding="utf-8")
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "{{ 7*7 }}" in "".join(page.text)  # printed, never evaluated


@pytest.fixture(scope="module")
def browser():
    with chromium_browser() as b:
        yield b


@pytest.mark.parametrize("width", [375, 1280])
def test_in_a_real_browser(example, browser, width, artifacts):
    ctx, path, _ = example
    page = browser.new_page(viewport={"width": width, "height": 900})
    page.goto(path.as_uri())
    for task in ctx.tasks:
        text = page.evaluate("id => { const e = document.getElementById(id); return e ? e.innerText : null }", task.id)
        assert text is not None and task_key(task) in squash(text), task.id
    scroll, inner = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    assert scroll <= inner, f"page scrolls sideways at {width}px"
    page.screenshot(path=str(artifacts / f"html-{width}.png"))
    box = page.query_selector(".table-scroll")
    assert box is not None
    box.scroll_into_view_if_needed()
    page.screenshot(path=str(artifacts / f"html-{width}-table.png"))
    if width == 375:  # the wide table scrolls inside its own box, not the page
        assert page.evaluate("e => e.scrollWidth > e.clientWidth", box)
    page.close()
