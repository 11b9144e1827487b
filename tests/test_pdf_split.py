"""A long notice laid out as head and tail at once and joined (writers/pdf/split.py, merge.py; issue 16,
scale) is the notice of the single layout: pages, their text (page numbers included), sizes, outline,
named destinations, metadata — and the same bytes for the same input."""

from __future__ import annotations

import sys
from types import SimpleNamespace

import pdfplumber
import pikepdf
import pytest

from conftest import ROOT
from zwgk_docs.context import build_context
from zwgk_docs.load import loads
from zwgk_docs.writers import pdf
from zwgk_docs.writers.pdf import merge, notice_html, segments, split
from zwgk_docs.writers.pdf.render import layout, write

sys.path.insert(0, str(ROOT / "benchmarks"))
from plangen import plan_yaml  # noqa: E402

BANJI = ("  note: 此件公开发布\n", "  note: 此件公开发布\n  cc: [市委办公室]\n"
         "  printer: 示例市政务公开领导小组办公室\n  print_date: 2021-06-23\n")


PLAN_AFTER_TABLE = ("    - title: 示例市2021年政务公开工作要点任务分解表\n",
                    "    - title: 示例市2021年政务公开工作要点任务分解表\n    - title: 示例市2021年政务公开工作要点\n      content: plan\n")

PLAN_BEFORE_TABLE = ("  attachments:\n", "  attachments:\n    - title: 示例市2021年政务公开工作要点\n      content: plan\n")


def context(tasks: int, *changes: tuple[str, str]):
    text = plan_yaml(tasks).replace(*BANJI)
    for change in changes:
        assert change[0] in text
        text = text.replace(*change)
    return build_context(loads(text))


def pages(path) -> list[tuple[float, float, str]]:
    """Each page's size and text (page number included)."""
    with pdfplumber.open(path) as document:
        return [(round(p.width, 2), round(p.height, 2), p.extract_text()) for p in document.pages]


def placed(path) -> list[list[tuple[str, float, float]]]:
    """Each page's characters where they are drawn: the same page, not only the same text."""
    with pdfplumber.open(path) as document:
        return [[(c["text"], round(c["x0"], 1), round(c["top"], 1)) for c in p.chars] for p in document.pages]


def outline(path) -> tuple[list, list, dict]:
    """Outline entries (level, title, page, position, closed), named destinations (name, page, y), metadata."""
    with pikepdf.open(path) as document:
        def page_of(destination) -> int:
            return document.pages.index(pikepdf.Page(destination[0]))

        def walk(items, level=0) -> list:
            found = []
            for item in items:
                d = item.destination
                found.append((level, str(item.title), page_of(d), [float(d[2]), float(d[3])], item.is_closed))
                found += walk(item.children, level + 1)
            return found

        with document.open_outline() as tree:
            entries = walk(tree.root)
        names = document.Root.Names.Dests.Names if "/Names" in document.Root else []
        dests = [(bytes(names[i]), page_of(names[i + 1]), float(names[i + 1][3])) for i in range(0, len(names), 2)]
        return entries, dests, {str(k): str(v) for k, v in document.docinfo.items()}


def split_notice(ctx, tmp_path, name="split.pdf"):
    tail_from = next(a.number for a in ctx.notice.attachments if a.content == "table")
    head = layout(notice_html(ctx, "head", tail_from))
    with split.numbered_after(lambda: len(head.pages)):
        tail = layout(notice_html(ctx, "tail", tail_from))
    write(head, tmp_path / "head.pdf")
    write(tail, tmp_path / "tail.pdf")
    return merge.merge(tmp_path / "head.pdf", tmp_path / "tail.pdf", tmp_path / name), len(head.pages)


@pytest.mark.parametrize(("tasks", "changes", "head_pages"), [
    (6, (), 3),  # the tail starts on an even page (the quick round keeps this one)
    pytest.param(4, (), 2, marks=pytest.mark.slow),
    pytest.param(4, (PLAN_BEFORE_TABLE,), 2, marks=pytest.mark.slow),  # the 要点 as 附件1 in the head, the table 附件2
])
def test_split_notice_is_the_single_layout(tmp_path, tasks, changes, head_pages):
    ctx = context(tasks, *changes)
    assert [a.content for a in ctx.notice.attachments] == ["plan"] * len(changes) + ["table"]
    single = write(layout(notice_html(ctx)), tmp_path / "single.pdf")
    joined, laid_out = split_notice(ctx, tmp_path)
    assert laid_out == head_pages
    ours, theirs = pages(joined), pages(single)
    assert len(ours) == len(theirs) > head_pages
    assert ours == theirs  # text with the page numbers ("— 4 —" at the left on an even page), sizes
    assert placed(joined) == placed(single)
    first_table_page = ours[head_pages]
    assert first_table_page[0] > first_table_page[1]  # landscape, its number turned in the margin
    assert "".join(first_table_page[2].split()).endswith(f"—{head_pages + 1}—")
    assert "抄送" in ours[-1][2]  # the 版记 on the last page, as in the single layout
    assert outline(joined) == outline(single)
    assert_distinct_subsets(joined)


def assert_distinct_subsets(path) -> None:
    """Each font subset its own tag (ISO 32000 §9.6.4): the parts' subsets of one face are different fonts."""
    with pikepdf.open(path) as document:
        fonts = [str(o.BaseFont) for o in document.objects
                 if isinstance(o, pikepdf.Dictionary) and o.get("/Subtype") == "/Type0"]
    assert len(fonts) == len(set(fonts)) > 0, fonts


def test_merge_gives_the_same_bytes(tmp_path):
    ctx = context(4)
    first, _ = split_notice(ctx, tmp_path, "first.pdf")
    second = merge.merge(tmp_path / "head.pdf", tmp_path / "tail.pdf", tmp_path / "second.pdf")
    assert first.read_bytes() == second.read_bytes()


def test_page_rules_that_depend_on_more_than_the_number_are_refused():
    def style_for(*selectors):
        rules = [(None, [((0, 0, 0), pseudo, SimpleNamespace(first=first, index=index, side=side))], [])
                 for pseudo, first, index, side in selectors]
        return SimpleNamespace(_sheets=[(SimpleNamespace(page_rules=rules), "author", None)])

    assert split._page_rules_allow(style_for(("@bottom-right", None, None, "right"), (None, None, None, None)))
    assert not split._page_rules_allow(style_for((None, True, None, None)))  # :first
    assert not split._page_rules_allow(style_for(("@top-center", None, (2, 0, None), None)))  # :nth(2n)
    assert not split._page_rules_allow(style_for((None, None, None, "left")))  # :left { margin… }


def test_unsupported_page_rules_fall_back_to_the_single_layout():
    """A document whose @page rules depend on the page's index: Unsupported, found before anything is written."""
    layout("<p>字</p>")
    html = "<style>@page { @bottom-right { content: counter(page) } } @page :first { margin: 1cm }</style><p>字</p>"
    with pytest.raises(split.Unsupported), split.numbered_after(lambda: 3):
        layout(html)


def test_without_the_hook_the_notice_is_not_split(tmp_path, monkeypatch):
    """An unknown WeasyPrint (available() False): _write_both lays the notice out once, as before."""
    ctx = context(4)
    monkeypatch.setattr(split, "MIN_ROWS", 1)
    assert split.wanted(ctx) == 1
    monkeypatch.setattr(split, "available", lambda: False)
    monkeypatch.setattr(pdf, "may_fork", lambda: True)
    monkeypatch.setattr(pdf, "_write_split", lambda *args: pytest.fail("split without the hook"))
    pdf._write_both(ctx, tmp_path / "notice.pdf", tmp_path / "tasks.pdf")
    assert pages(tmp_path / "notice.pdf")[-1][2].count("抄送") == 1


SEGMENTED = """<html><head><style>
@page { size: 120mm 90mm; margin: 10mm; @bottom-right { content: "— " counter(page) " —" } }
@page :left { @bottom-right { content: none } @bottom-left { content: "— " counter(page) " —" } }
body { margin: 0; } p { margin: 0; padding-bottom: 2mm; } h2 { break-after: avoid; margin: 0; padding: 3mm 0 1mm; }
table { border-collapse: collapse; width: 100%; } td, th { border: 0.5pt solid; } tr { break-inside: avoid; }
</style></head><body><main><section>{blocks}</section><section>
<table class="tasks"><thead><tr><th>任务</th><th>单位</th></tr></thead><tbody>{rows}</tbody></table></section></main></body></html>"""


@pytest.mark.parametrize("again", [False, pytest.param(True, marks=pytest.mark.slow)])
def test_segments_are_the_pages_of_the_whole_document(tmp_path, monkeypatch, again):
    """A document of headings, paragraphs and a table (rows under a rowspan never start a segment) laid out
    in segments of a few pages: the pages of the whole document — text, numbers, where each character is.
    `again`: the second segment's first page seen as different from the page it replaces: AGAIN, then the
    document in one piece."""
    blocks = "".join(f"<h2>第{n}节</h2>" + "<p>" + "政务公开。" * (7 + n % 13) + "</p>" for n in range(24))
    rows = "".join(f"<tr><td>任务{n}</td>" + (f'<td rowspan="3">单位{n}</td>' if n % 7 == 0 else "<td>单位</td>" if n % 7 > 2 else "")
                   + "</tr>" for n in range(60))
    html = SEGMENTED.replace("{blocks}", blocks).replace("{rows}", rows)
    monkeypatch.setattr(segments, "SEGMENT_PAGES", 3)
    monkeypatch.setattr(segments, "WHOLE_SEGMENTS", 0)  # even a short part in segments
    with split.numbered_after(lambda: 5):
        whole = write(layout(html), tmp_path / "whole.pdf")
    if again:
        drawn, calls = segments._drawn, []
        monkeypatch.setattr(segments, "_drawn", lambda page: [*drawn(page), calls.append(1) or len(calls)])
    made = list(segments.laid_out(html, offset=5))
    if again:
        assert made[1] is segments.AGAIN and len(made) == 3
        made = made[2:]
    assert len(made) >= (1 if again else 3) and [s.first_page for s in made] == [sum(len(m.document.pages) for m in made[:n]) for n in range(len(made))]
    parts = [merge.Part(write(s.document, tmp_path / f"{n}.pdf"), s.levels) for n, s in enumerate(made)]
    joined = merge.join(parts, tmp_path / "joined.pdf")
    assert pages(joined) == pages(whole) and placed(joined) == placed(whole)
    assert "— 6 —" in pages(joined)[0][2]
    assert outline(joined) == outline(whole)


def test_numbers_again_share_the_page_styles_of_a_side(tmp_path, monkeypatch):
    """The tail's numbers in the notice (numbered_again), each page's margin boxes styled from the first page of its
    side, blank and name (split._styled): the bytes of WeasyPrint's own cascade of every page's type."""
    from weasyprint.layout import page

    blocks = "".join("<p>" + "政务公开。" * (9 + n % 11) + "</p>" for n in range(30))
    rows = "".join(f"<tr><td>任务{n}</td><td>单位</td></tr>" for n in range(40))
    html = SEGMENTED.replace("{blocks}", blocks).replace("{rows}", rows).replace(
        "</style>", "@page wide { size: 90mm 120mm; @top-center { content: '表' } } table { page: wide }</style>")
    kept: list = []
    with split.numbered_after(lambda: 0), split.pages_kept(kept):
        laid_out = layout(html)
    assert len(kept) == len(laid_out.pages) > 6
    shared = write(segments.page_numbers(html, kept, 3), tmp_path / "shared.pdf")

    def own(context, page_type):  # as before: every page type cascaded on its own
        if context.style_for(page_type) is None:
            page.set_page_type_computed_styles(page_type, context._zwgk_html, context.style_for)
        return page_type

    monkeypatch.setattr(split, "_styled", own)
    each = write(segments.page_numbers(html, kept, 3), tmp_path / "each.pdf")
    assert shared.read_bytes() == each.read_bytes()
    assert "— 4 —" in pages(shared)[0][2] and "表" in pages(shared)[-1][2]


@pytest.mark.parametrize("changes", [
    (),  # the quick round keeps this one
    pytest.param((PLAN_AFTER_TABLE,), marks=pytest.mark.slow),  # the tail: the table, then the 要点 as 附件2
    pytest.param((PLAN_BEFORE_TABLE,), marks=pytest.mark.slow),  # the head: the 通知, then the 要点 as 附件1
])
def test_write_split_in_one_process(tmp_path, monkeypatch, changes):
    """_write_split without a fork (the jobs run one after the other), each part in segments of a few pages
    (segments.py): notice.pdf and tasks.pdf as the single path writes them — the pages, the characters where
    they are drawn, the page numbers, the outline nested across segments — tasks.pdf drawn from the tail's
    pages, its own numbers over them; no part files left."""
    ctx = context(6, *changes)
    assert len(ctx.notice.attachments) == 1 + len(changes)
    monkeypatch.setattr(split, "MIN_ROWS", 1)
    monkeypatch.setattr(segments, "SEGMENT_PAGES", 3)
    monkeypatch.setattr(segments, "WHOLE_SEGMENTS", 0)  # even a short part in segments
    seen: list = []
    laid_out = segments.laid_out
    monkeypatch.setattr(segments, "laid_out", lambda html, offset=0: (seen.append(s) or s for s in laid_out(html, offset)))
    single = tmp_path / "single"
    single.mkdir()
    pdf._write_both(ctx, single / "notice.pdf", single / "tasks.pdf")  # may_fork() False here: not split
    pdf._write_split(ctx, split.wanted(ctx), tmp_path / "notice.pdf", tmp_path / "tasks.pdf")
    assert pages(tmp_path / "notice.pdf") == pages(single / "notice.pdf")
    assert outline(tmp_path / "notice.pdf") == outline(single / "notice.pdf")
    tasks = pages(tmp_path / "tasks.pdf")
    assert tasks == pages(single / "tasks.pdf") and len(tasks) > 1  # the numbers from 1 ("— 1 —"), sizes
    assert placed(tmp_path / "tasks.pdf") == placed(single / "tasks.pdf")
    assert placed(tmp_path / "notice.pdf") == placed(single / "notice.pdf")
    assert outline(tmp_path / "tasks.pdf") == outline(single / "tasks.pdf")  # title, bookmark, dates
    with pikepdf.open(tmp_path / "tasks.pdf") as document:
        assert document.Root.Lang == "zh-CN"
    assert_distinct_subsets(tmp_path / "notice.pdf")  # the segments, the numbers
    assert_distinct_subsets(tmp_path / "tasks.pdf")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notice.pdf", "single", "tasks.pdf"]
    assert len(seen) == 2 and [s.first_page for s in seen] == [0, 0]  # the head, the tail; tasks.pdf from the tail


def test_when_to_split_is_a_property_of_the_plan():
    assert split.wanted(context(4)) is None  # the examples' size: one layout
    ctx = context(split.MIN_ROWS)
    assert split.wanted(ctx) == 1
    ctx.notice.banji_even_page = True  # a blank page by the page's side: not split
    assert split.wanted(ctx) is None


FORKED = """
import sys
from pathlib import Path
sys.path.insert(0, {benchmarks!r})
from plangen import plan_yaml
from zwgk_docs.context import build_context
from zwgk_docs.load import loads
from zwgk_docs.parallel import parallel_pdf
from zwgk_docs.writers import pdf
from zwgk_docs.writers.pdf import segments, split
from zwgk_docs.writers.pdf.render import may_fork

split.MIN_ROWS = 1
segments.SEGMENT_PAGES = 3  # each part in segments, each written by a forked writer
segments.WHOLE_SEGMENTS = 0
ctx = build_context(loads(plan_yaml(12).replace(*{banji!r})))
if {head_dies!r}:
    import os
    pdf._write_head = lambda *args: os._exit(3)  # the head's process dies before sending its count
with parallel_pdf():
    assert may_fork()
    try:
        pdf._write_split(ctx, split.wanted(ctx), Path({out!r}) / "notice.pdf", Path({out!r}) / "tasks.pdf")
    except RuntimeError as error:
        print("failed:", error)
"""


@pytest.mark.slow  # real forks (~3 s): the head and the tail's writer in processes of their own
@pytest.mark.parametrize("head_dies", [False, True])
def test_forked_split(tmp_path, head_dies):
    """Forked as the command line forks: the single layout's pages; a head process that dies fails the
    notice with a Chinese message, no notice.pdf, no part left, no process left (none to wait for)."""
    import os
    import subprocess
    from pathlib import Path

    out = tmp_path / "out"
    out.mkdir()
    script = FORKED.format(benchmarks=str(ROOT / "benchmarks"), banji=BANJI, head_dies=head_dies, out=str(out))
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=300,
                          env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert done.returncode == 0, done.stderr
    if head_dies:
        assert done.stdout.startswith("failed: PDF 生成子进程失败"), done.stdout
        assert not any(Path(out).iterdir()) or sorted(p.name for p in out.iterdir()) == ["tasks.pdf"]
        return
    ctx = context(12)
    single = write(layout(notice_html(ctx)), tmp_path / "single.pdf")
    assert placed(out / "notice.pdf") == placed(single)
    assert sorted(p.name for p in out.iterdir()) == ["notice.pdf", "tasks.pdf"]


@pytest.mark.slow  # a real build of 150 tasks (~8 CPU-s)
def test_a_build_just_above_the_threshold(tmp_path):
    """`zwgk build` of a plan of MIN_ROWS tasks splits its notice: notice.pdf is the single layout's."""
    from conftest import zwgk_process

    plan = tmp_path / "plan.yaml"
    plan.write_text(plan_yaml(split.MIN_ROWS), encoding="utf-8")
    done = zwgk_process("build", plan, "-o", tmp_path / "out", "-f", "pdf")
    assert done.returncode == 0, done.stderr
    ctx = build_context(loads(plan_yaml(split.MIN_ROWS)))
    assert split.wanted(ctx) is not None
    single = write(layout(notice_html(ctx)), tmp_path / "single.pdf")
    assert pages(tmp_path / "out" / "notice.pdf") == pages(single)
    entries, dests, metadata = outline(tmp_path / "out" / "notice.pdf")
    assert (entries, dests) == outline(single)[:2]
    assert metadata["/Title"] == ctx.notice.title and metadata["/CreationDate"] == "D:20210622000000Z"  # the build's date
