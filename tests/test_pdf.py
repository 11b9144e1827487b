"""notice.pdf and tasks.pdf (WeasyPrint): GB/T 9704 geometry, fonts, page numbers, every task.

Positions are read with pdfplumber, whose character box is the font's em box lowered by the
descent in the PDF font descriptor; tolerances below allow for that (about 1 mm at 16 pt).
"""

from __future__ import annotations

import os
import re
import subprocess
import time
import unicodedata
from collections import Counter
from pathlib import Path

import pdfplumber
import pytest

from conftest import ROOT, example_path, opened_pdf, squash
from zwgk_docs.context import build_context
from zwgk_docs.fonts import CJK_FALLBACKS, resolve_fonts
from zwgk_docs.load import load_plan
from zwgk_docs.writers import get_writer
from zwgk_docs.writers.pdf import fit, notice_html, print_html, write_tasks
from zwgk_docs.writers.pdf import geometry as g
from zwgk_docs.parallel import parallel_pdf
from zwgk_docs.writers.pdf.render import (_DEFERRED, defer, deferred_jobs, harfbuzz_subsetter, html_to_pdf,
                                         in_background, layout)

MM = 72 / 25.4
SHENYANG = example_path("shenyang-2021")
PLAN = SHENYANG if SHENYANG.exists() else ROOT / "tests" / "data" / "mini.yaml"
CJK_TEXT = "政务公开工作要点任务分解表沈阳市人民政府办公室规划信息" * 4


def build(plan, out: Path):
    ctx = build_context(plan)
    return ctx, {o.kind: o.path for o in get_writer("pdf")(ctx, out)}


@pytest.fixture(scope="module")
def example(built_plan):
    """The 沈阳 notice.pdf and tasks.pdf as `zwgk build -f pdf` writes them (conftest.built_plan: one
    build per run, shared with test_alignment; read only)."""
    built = built_plan(PLAN, "pdf", by_unit=False)
    return build_context(load_plan(PLAN)), {o.kind: o.path for o in built.outputs}


@pytest.fixture(scope="module")
def long_notice(tmp_path_factory):
    """A notice whose 正文 fills several pages: for the text grid and page numbers."""
    plan = load_plan(ROOT / "tests" / "data" / "mini.yaml")
    plan.notice.body = [CJK_TEXT * 2] * 12
    plan.notice.cc = ["市委办公厅", "市人大常委会办公厅", "市政协办公厅"]
    plan.notice.printer = "沈阳市人民政府办公室"
    return build(plan, tmp_path_factory.mktemp("long"))


def body_chars(page):
    return [c for c in page.chars if abs(c["size"] - g.BODY_PT) < 0.1]


def lines_of(chars):
    return sorted(Counter(round(c["top"], 1) for c in chars).items())


def text_of(path: Path) -> str:
    with opened_pdf(path) as pdf:
        return squash("".join(p.extract_text() or "" for p in pdf.pages))


def table_text(path: Path) -> str:
    """Text read column by column between the table's vertical rules, so wrapped cells read as one string."""
    parts = []
    with opened_pdf(path) as pdf:
        for page in pdf.pages:
            xs = sorted({round(e["x0"]) for e in page.edges if e["orientation"] == "v"})
            for x0, x1 in zip(xs, xs[1:]):
                if x1 - x0 > 5:
                    parts.append(squash(page.crop((x0, 0, x1, page.height)).extract_text() or ""))
    return "|".join(parts)


def task_key(task) -> str:
    return squash(task.title or task.text)[:16]


# ---------------------------------------------------------------- geometry


def test_first_page_is_a4_portrait(example):
    _, out = example
    with opened_pdf(out["notice.pdf"]) as pdf:
        page = pdf.pages[0]
        assert abs(page.width / MM - 210) < 0.5 and abs(page.height / MM - 297) < 0.5


def test_body_text_is_16pt_in_the_type_area(long_notice):
    _, out = long_notice
    with opened_pdf(out["notice.pdf"]) as pdf:
        chars = body_chars(pdf.pages[1])  # a page of running text
        assert len(chars) > 500
        assert abs(min(c["x0"] for c in chars) / MM - g.MARGIN_LEFT) < 0.5
        assert max(c["x1"] for c in chars) / MM <= g.MARGIN_LEFT + g.TEXT_W + 0.3
        first_top = min(c["top"] for c in chars) / MM
        assert g.MARGIN_TOP <= first_top <= g.MARGIN_TOP + 4, first_top
        assert max(c["bottom"] for c in chars) / MM <= g.MARGIN_TOP + g.TEXT_H


def test_22_lines_of_28_characters_fit(long_notice):
    _, out = long_notice
    with opened_pdf(out["notice.pdf"]) as pdf:
        lines = lines_of(body_chars(pdf.pages[1]))
    assert len(lines) == g.LINES_PER_PAGE
    tops = [t for t, _ in lines]
    pitches = {round(b - a, 1) for a, b in zip(tops, tops[1:])}
    assert all(abs(p - g.LINE_PT) < 0.15 for p in pitches), pitches
    # Full lines hold exactly 28 characters (the paragraph's first line has its 2-字 indent).
    assert Counter(n for _, n in lines).most_common(1)[0][0] == g.CHARS_PER_LINE


def test_page_numbers_odd_right_even_left(long_notice):
    _, out = long_notice
    with opened_pdf(out["notice.pdf"]) as pdf:
        assert len(pdf.pages) >= 3
        for number, page in enumerate(pdf.pages, 1):
            if page.width > page.height:  # landscape: turned, in the left margin (the portrait foot); see test_geometry
                chars = [c for c in page.chars if c["x1"] < g.WIDE_MARGINS[3] * MM]
                assert squash("".join(c["text"] for c in sorted(chars, key=lambda c: c["top"]))) == f"—{number}—"
                continue
            foot = (g.MARGIN_TOP + g.TEXT_H) * MM
            chars = [c for c in page.chars if abs(c["size"] - g.FOOTER_PT) < 0.1 and c["top"] > foot]
            assert squash("".join(c["text"] for c in chars)) == f"—{number}—"
            assert [c["text"] for c in chars if c["text"].strip()] == ["—", *str(number), "—"]
            middle = (chars[0]["top"] + chars[0]["bottom"]) / 2 / MM
            assert abs(middle - (g.MARGIN_TOP + g.TEXT_H + g.PAGE_NUMBER_GAP)) < 1.5, middle
            one_char = g.TEXT_W / g.CHARS_PER_LINE
            if number % 2:
                assert abs(max(c["x1"] for c in chars) / MM - (g.MARGIN_LEFT + g.TEXT_W - one_char)) < 1
            else:
                assert abs(min(c["x0"] for c in chars) / MM - (g.MARGIN_LEFT + one_char)) < 1


def test_banji_sits_at_the_foot_of_the_last_page(long_notice):
    _, out = long_notice
    with opened_pdf(out["notice.pdf"]) as pdf:
        last = pdf.pages[-1]
        cc = [c for c in last.chars if c["text"] == "抄"]
        assert cc and abs(cc[0]["size"] - g.FOOTER_PT) < 0.1
        rules = [r for r in last.rects + last.lines if r["width"] / MM > 150]
        assert rules and abs(max(r["bottom"] for r in rules) / MM - (g.MARGIN_TOP + g.TEXT_H)) < 1


def test_red_mark_and_22pt_title_on_page_one(example):
    ctx, out = example
    with opened_pdf(out["notice.pdf"]) as pdf:
        page = pdf.pages[0]
        red = [c for c in page.chars if c["non_stroking_color"] in ((1, 0, 0), [1, 0, 0], (1.0, 0.0, 0.0))]
        assert squash("".join(c["text"] for c in red)) == squash(ctx.notice.issuer_mark)
        assert abs(min(c["top"] for c in red) / MM - (g.MARGIN_TOP + g.ISSUER_MARK_TOP)) < 1.5
        centre = (min(c["x0"] for c in red) + max(c["x1"] for c in red)) / 2 / MM
        assert abs(centre - (g.MARGIN_LEFT + g.TEXT_W / 2)) < 1.5
        title = [c for c in page.chars if abs(c["size"] - g.TITLE_PT) < 0.1]
        assert squash("".join(c["text"] for c in title)) == squash(ctx.notice.title)
        rules = [r for r in page.rects + page.lines if r["non_stroking_color"] == (1, 0, 0) or r.get("stroking_color") == (1, 0, 0)]
        assert any(abs(r["width"] / MM - g.TEXT_W) < 0.5 for r in rules), "red separator as wide as the 版心"


# ---------------------------------------------------------------- sign-off with the 正文 (§7.3.5.5)


def signoff_page(ctx, path: Path):
    """(page text, body-size line tops) of the page holding the 附注, or of the 成文日期 without one."""
    mark = squash(ctx.notice.note_text or ctx.notice.date_text)
    with opened_pdf(path) as pdf:
        for page in pdf.pages:
            text = squash(page.extract_text() or "")
            if mark in text:
                return text, [t for t, _ in lines_of(body_chars(page))]
    raise AssertionError(f"{mark} not found")


def test_shenyang_signoff_stays_with_the_body(example):
    ctx, out = example
    n = ctx.notice
    # The example needs tightening: at the standard spacing the sign-off leaves the 正文's page.
    assert not fit.signoff_with_text(layout(print_html(ctx, "notice_print.html", probe=True)))
    text, _ = signoff_page(ctx, out["notice.pdf"])
    assert squash(n.note_text) in text and squash(n.signature) in text and squash(n.date_text) in text
    assert squash(n.body[-1])[-10:] in text, "the page of the sign-off holds 正文"


def test_short_notice_keeps_the_standard_spacing(tmp_path):
    ctx = build_context(load_plan(ROOT / "tests" / "data" / "mini.yaml"))
    assert fit.choose(lambda s: layout(print_html(ctx, "notice_print.html", s, probe=True))) == fit.STANDARD
    text, tops = signoff_page(ctx, html_to_pdf(notice_html(ctx), tmp_path / "notice.pdf"))
    assert squash(ctx.notice.body[0]) in text
    # From 主送 to 附注 every line (and blank line) keeps the standard pitch.
    tops = tops[1:]  # tops[0] is the 发文字号 in the 版头
    steps = [(b - a) / g.LINE_PT for a, b in zip(tops, tops[1:])]
    assert len(steps) >= 3 and all(abs(s - round(s)) < 0.01 for s in steps), steps


def test_too_full_page_carries_the_last_lines_over(tmp_path):
    """When even the tightest spacing does not fit, two 正文 lines go over with the sign-off."""
    plan = load_plan(ROOT / "tests" / "data" / "mini.yaml")
    plan.notice.body = [CJK_TEXT[:28] * 6]  # fills page 1 so that nothing fits
    ctx = build_context(plan)
    assert fit.choose(lambda s: layout(print_html(ctx, "notice_print.html", s, probe=True))) is None
    text, tops = signoff_page(ctx, html_to_pdf(notice_html(ctx), tmp_path / "notice.pdf"))
    assert squash(ctx.notice.signature) in text
    assert len(tops) >= 2 + 3, "at least two 正文 lines above 署名, 日期 and 附注"


# ---------------------------------------------------------------- fonts


def _pdffonts(path: Path) -> list[list[str]]:
    out = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout
    return [line.split() for line in out.splitlines()[2:] if line.strip()]


def _cjk_families() -> list[str]:
    names = {f.family for f in resolve_fonts().values()} | set(CJK_FALLBACKS)
    return [re.sub(r"[\s_-]", "", n).lower() for n in names if n]


def _is_cjk(ch: str) -> bool:
    return ord(ch) >= 0x2E80 or unicodedata.east_asian_width(ch) in ("F", "W")


@pytest.mark.parametrize("kind", ["notice.pdf", "tasks.pdf"])
def test_fonts_embedded_subset_and_chinese(example, kind):
    _, out = example
    rows = _pdffonts(out[kind])
    assert rows
    for row in rows:  # name type encoding emb sub uni object ID: emb/sub/uni are the 3 columns before "object ID"
        assert row[-5:-2] == ["yes", "yes", "yes"], row
    families = _cjk_families()
    with opened_pdf(out[kind]) as pdf:
        for page in pdf.pages:
            for c in page.chars:
                face = re.sub(r"[\s_-]", "", c["fontname"].split("+")[-1]).lower()
                assert "dejavu" not in face and "liberation" not in face, c
                if _is_cjk(c["text"]):
                    assert any(face.startswith(f) for f in families), (c["text"], c["fontname"])


def test_weasyprint_subsets_with_harfbuzz():
    assert harfbuzz_subsetter(), "libharfbuzz-subset0 missing: PDFs would take ~8 s each"


def test_background_job_failure_is_reported(tmp_path):
    """notice.pdf is written by a forked child on the command line: its file appears, and its
    failure is not silent."""
    with parallel_pdf():
        job = in_background(lambda: (tmp_path / "done").write_text("ok"))
        assert job.pid is not None
        job.wait()
        assert (tmp_path / "done").read_text() == "ok"
        with pytest.raises(RuntimeError):
            in_background(lambda: 1 / 0).wait()


def test_library_use_never_forks(tmp_path):
    job = in_background(lambda: (tmp_path / "done").write_text("ok"))
    assert job.pid is None and (tmp_path / "done").exists()


def test_failed_build_stops_its_background_pdf(tmp_path):
    """A writer failing after the notice's child started: the child is killed and reaped."""
    with parallel_pdf(), pytest.raises(ZeroDivisionError):
        with deferred_jobs():
            defer(in_background(lambda: time.sleep(60)))
            pid = _DEFERRED.get()[0].pid
            1 / 0  # noqa: B018 — the failure under test
    with pytest.raises(ChildProcessError):
        os.waitpid(pid, os.WNOHANG)  # already reaped: no zombie, no orphan


def test_notice_pdf_is_small(example):
    _, out = example
    assert out["notice.pdf"].stat().st_size < 2 * 1024 * 1024


# ---------------------------------------------------------------- content


def test_every_task_in_both_pdfs(example):
    ctx, out = example
    notice = text_of(out["notice.pdf"]) + table_text(out["notice.pdf"])
    tasks = table_text(out["tasks.pdf"])
    for task in ctx.tasks:
        assert task_key(task) in notice, task.id
        assert task_key(task) in tasks, task.id
        for sub in task.subtasks:
            assert squash(sub.text)[:16] in tasks, sub.id


def test_task_pages_are_landscape_with_the_header_on_each(example):
    ctx, out = example
    header = squash("".join(ctx.table.headers))
    with opened_pdf(out["tasks.pdf"]) as pdf:
        assert all(p.width > p.height for p in pdf.pages)
        for page in pdf.pages:
            assert squash("".join(page.extract_tables()[0][0])) == header
    with opened_pdf(out["notice.pdf"]) as pdf:
        wide = [p for p in pdf.pages if any(squash("".join(t[0])) == header for t in p.extract_tables())]
        assert wide and all(p.width > p.height for p in wide)


def test_merged_cells_print_once(example):
    """A task spanning several rows prints its 事项 once (one merged cell), not per row."""
    ctx, out = example
    merged = [r.cells for r in ctx.table.rows if r.kind == "data" and any(c.rowspan > 1 for c in r.cells)]
    if not merged:
        pytest.skip("no merged cells in this plan")
    text = table_text(out["tasks.pdf"])
    cell = next(c for c in merged[0] if c.rowspan > 1)
    assert text.count(squash(cell.text)) == sum(1 for r in ctx.table.rows for c in r.cells if c.text == cell.text)


def test_plan_without_notice_writes_tasks_pdf_only(tmp_path):
    ctx, out = build(load_plan(example_path("chizhou-2018")), tmp_path)
    assert set(out) == {"tasks.pdf"}
    text = table_text(out["tasks.pdf"])
    assert all(squash(t.text)[:16] in text for t in ctx.tasks)


@pytest.mark.slow  # PNGs of every page to look at, no assertion beyond their existence (~2.5 s)
def test_pages_look_right(example, long_notice, artifacts):
    """Keep PNGs of the pages to look at (test-artifacts/pdf-*.png)."""
    for name, (_, out) in (("example", example), ("long", long_notice)):
        for kind, path in out.items():
            subprocess.run(["pdftoppm", "-r", "40", "-png", str(path), str(artifacts / f"pdf-{name}-{kind[:-4]}")], check=True)
    assert list(artifacts.glob("pdf-example-notice*.png"))


# ---------------------------------------------------------------- justified 正文, 22-line pages (issue 13)


def text_rows(page):
    """Body-size rows of a portrait page, top to bottom: (top, x0, x1, text). A row's characters
    may sit a little apart vertically (a 楷体 heading span), so rows are clustered, not rounded."""
    rows: list[list[dict]] = []
    for c in sorted(body_chars(page), key=lambda c: c["top"]):
        if c["top"] > (g.MARGIN_TOP + g.TEXT_H) * MM:
            continue  # the page number
        if rows and c["top"] - rows[-1][0]["top"] < g.BODY_PT / 2:
            rows[-1].append(c)
        else:
            rows.append([c])
    return [(r[0]["top"], min(c["x0"] for c in r), max(c["x1"] for c in r),
             "".join(c["text"] for c in sorted(r, key=lambda c: c["x0"]))) for r in rows]


def short_full_lines(path: Path, tolerance_mm: float = 1.0) -> tuple[int, list[tuple[float, str]]]:
    """(full lines, those ending more than `tolerance_mm` short of the 版心's right edge). A line is
    full when the next one continues its paragraph: it starts at the left edge (no indent)."""
    left, right = g.MARGIN_LEFT * MM, (g.MARGIN_LEFT + g.TEXT_W) * MM
    with opened_pdf(path) as pdf:
        rows = [r for p in pdf.pages if p.width < p.height for r in text_rows(p)]
    indent = 2 * g.CHAR_PT  # a paragraph's first line, or a line continuing one
    full = [a for a, b in zip(rows, rows[1:])
            if abs(b[1] - left) < 0.5 * MM and min(abs(a[1] - left), abs(a[1] - left - indent)) < 0.5 * MM]
    return len(full), [(round((right - a[2]) / MM, 1), a[3]) for a in full if right - a[2] > tolerance_mm * MM]


def test_body_lines_are_justified(example, long_notice):
    """Every line but a paragraph's last reaches the 版心's right edge (two-sided, as in the .docx):
    the slack goes between the characters (writers/pdf/cjk_justify.py), not into spaces."""
    for _, out in (example, long_notice):
        full, short = short_full_lines(out["notice.pdf"])
        assert full > 50 and not short, short[:5]


def test_cjk_justification_installed_for_this_weasyprint():
    from weasyprint.layout import inline

    from zwgk_docs.writers.pdf import cjk_justify

    assert cjk_justify.install() and hasattr(inline.justify_line, "__wrapped__")
    # A WeasyPrint we have not tried, or whose function changed, is left alone.
    assert not cjk_justify._known("99.0", inline.justify_line.__wrapped__)
    assert not cjk_justify._known("70.0", lambda context, line: None)


def test_latin_lines_keep_weasyprint_justification(tmp_path):
    """Lines without Chinese text are justified by WeasyPrint (spaces), lines too short to spread
    stay ragged rather than strewn; both end within the box."""
    from zwgk_docs.writers.pdf.render import font_css

    words = "Open government information is published on the portal every week " * 6
    html = (f"<html lang='zh-CN'><style>{font_css()} @page {{ size: A4; margin: 20mm }} body {{ margin: 0 }}"
            f" p {{ text-align: justify; width: 100mm; margin: 0; font-size: 12pt; line-height: 20pt }}</style>"
            f"<p>{words}</p><p>短行 https://www.example.gov.cn/a/very/long/unbreakable/address/page.html</p></html>")
    with pdfplumber.open(html_to_pdf(html, tmp_path / "latin.pdf")) as pdf:
        chars = pdf.pages[0].chars
    right = (20 + 100) * MM
    latin = [c["x1"] for c in chars if c["top"] < 30 * MM]  # the first line of the Latin paragraph
    assert abs(max(latin) - right) < 0.5 * MM
    short = [c for c in chars if c["text"] in "短行"]
    assert short[-1]["x0"] - short[0]["x1"] < 2 * MM, "not strewn over the line"


def test_full_pages_hold_22_lines(example):
    """GB/T 9704 §5.2.2: 22 lines on every page of the 工作要点 but its first (title) and last —
    no widow/orphan control pushing a line over (the .docx sets none either)."""
    ctx, out = example
    with opened_pdf(out["notice.pdf"]) as pdf:
        pages = list(pdf.pages)
        first = next(i for i, p in enumerate(pages)
                     if squash("".join(c["text"] for c in p.chars if abs(c["size"] - g.TITLE_PT) < 0.1)) == squash(ctx.plan_title))
        end = next(i for i, p in enumerate(pages) if i > first and (p.width > p.height or not text_rows(p)
                                                                    or squash(text_rows(p)[0][3]).startswith("附件")))
        counts = {i + 1: len(text_rows(pages[i])) for i in range(first + 1, end - 1)}
    assert len(counts) >= 3 and set(counts.values()) == {g.LINES_PER_PAGE}, counts


# ---------------------------------------------------------------- task table: headers, rows over page breaks (issue 13)

LONG_TASK = "".join(f"第{i}句：各单位要认真落实规划信息公开工作。" for i in range(1, 80))


@pytest.fixture(scope="module")
def long_cell(tmp_path_factory):
    """The 沈阳 table with one task text longer than two pages and a narrow 完成时限 column."""
    plan = load_plan(PLAN)
    plan.plan.parts[0].tasks[0].subtasks[0].text = LONG_TASK
    for column in plan.table.columns:
        if column.field == "deadline":
            column.width = 4
    ctx = build_context(plan)
    return ctx, {o.kind: o.path for o in write_tasks(ctx, tmp_path_factory.mktemp("cell"))}


def column_text(page, header: str) -> str:
    """The text in the column under `header` on a table page, header row left out."""
    head = [w for w in page.extract_words() if w["text"] == header]
    assert head, header
    table = page.find_tables()[0]
    cell = next(c for c in table.rows[0].cells if c and c[0] <= head[0]["x0"] < c[2])
    return squash(page.crop((cell[0], cell[3], cell[2], page.height)).extract_text() or "")


def test_headers_never_wrap_mid_word(example, long_cell):
    """Each header on one line, even in a column the plan makes narrower than the header."""
    for ctx, out in (example, long_cell):
        with opened_pdf(out["tasks.pdf"]) as pdf:
            for page in pdf.pages:
                header = page.find_tables()[0].rows[0]
                for h, cell in zip(ctx.table.headers, header.cells):
                    chars = [c for c in page.crop(cell).chars if c["text"].strip()]
                    assert squash("".join(c["text"] for c in chars)) == squash(h)
                    assert len({round(c["top"]) for c in chars}) == 1, (h, page.page_number)


def test_long_cell_continues_on_the_next_page(long_cell):
    """A cell longer than a page goes on over the break: every sentence printed once, in order."""
    ctx, out = long_cell
    header = next(c.header for c in ctx.table.columns if c.field == "content")
    with opened_pdf(out["tasks.pdf"]) as pdf:
        text = "".join(column_text(p, header) for p in pdf.pages)
        pages = [i for i, p in enumerate(pdf.pages) if squash("句：") in column_text(p, header)]
    assert len(pages) >= 3 and pages == list(range(pages[0], pages[-1] + 1))
    assert squash(LONG_TASK) in text


def test_rows_move_to_the_next_page_whole(example):
    """A row that fits on a page is never split over a break (WeasyPrint would leave a sliver with
    its short cells and a blank long cell); only rows taller than geometry.SPLIT_ROW_MM may split."""
    from weasyprint.formatting_structure.boxes import TableRowBox

    ctx, out = example
    document = layout(print_html(ctx, "tasks_print.html"))
    pages_of: dict[int, set[int]] = {}
    rows = {}
    for number, page in enumerate(document.pages):
        stack = [page._page_box]  # private, as in fit.py: WeasyPrint has no public box API
        while stack:
            box = stack.pop()
            if isinstance(box, TableRowBox) and box.element is not None and box.element.get("data-task"):
                pages_of.setdefault(id(box.element), set()).add(number)
                rows[id(box.element)] = box.element
            stack.extend(getattr(box, "children", ()))
    split = [e for k, e in rows.items() if len(pages_of[k]) > 1]
    assert len(rows) > 20 and len(set(pages_of_one for v in pages_of.values() for pages_of_one in v)) > 3
    assert all("split" in (e.get("class") or "") for e in split), [(e.get("data-task"), e.attrib) for e in split]


def test_headings_in_the_notice_text_use_the_heading_faces(tmp_path):
    """"一、" in 黑体 and "（一）" in 楷体 (§7.3.3) inside the 通知's own 正文, the rest of the paragraph in 仿宋."""
    plan = load_plan(ROOT / "tests" / "data" / "mini.yaml")
    plan.notice.body = ["一、总体要求。坚持以公开为常态、不公开为例外。", "（一）加强组织领导。各单位要明确分管负责人。", "特此通知。"]
    ctx = build_context(plan)
    fonts = resolve_fonts(ctx.font_profile)

    def face(name: str) -> str:
        return re.sub(r"[\s_-]", "", name.split("+")[-1]).lower()

    with pdfplumber.open(html_to_pdf(notice_html(ctx), tmp_path / "notice.pdf")) as pdf:
        chars = body_chars(pdf.pages[0])
    text = "".join(c["text"] for c in chars)
    for head, rest, role in (("一、总体要求。", "坚持", "heading1"), ("（一）加强组织领导。", "各单位", "heading2")):
        start = text.index(head)
        assert {face(c["fontname"]) for c in chars[start:start + len(head)]} == {face(fonts[role].family)}, role
        after = chars[start + len(head):start + len(head) + len(rest)]
        assert {face(c["fontname"]) for c in after} == {face(fonts["body"].family)}


def test_line_breaks_follow_chinese_rules(example):
    """No line of the 通知 or 要点 starts with a closing mark (，。、）》”) or ends with an opening one (（《“)."""
    _, out = example
    with opened_pdf(out["notice.pdf"]) as pdf:
        rows = [r[3] for p in pdf.pages if p.width < p.height for r in text_rows(p)]
    assert len(rows) > 150
    assert not [r for r in rows if r[0] in "，。、；：）》”’！？〕" or r[-1] in "（《“‘〔"]


def test_justified_mixed_text_stays_in_the_box(tmp_path):
    """Chinese with Latin words, digits, spaces and nested inline elements: every line but the
    last of a paragraph ends at the right edge, none past it, and no text is lost."""
    from zwgk_docs.writers.pdf.render import font_css

    parts = ["按照《中华人民共和国政府信息公开条例》（国务院令第711号）", "要求，", "<b>依法</b>公开",
             "政府网站 www.gov.cn 和 “互联网+政务服务” 平台", "2021年12月31日前", "完成 3 项 OA 系统对接，",
             "<span style='font-weight:700'>做好解读</span>回应、", "Open Data 与 API 服务。"]
    paragraphs = ["".join(parts[i:] + parts[:i]) * 2 for i in range(len(parts))]
    html = (f"<html lang='zh-CN'><style>{font_css()} @page {{ size: A4; margin: 20mm }} body {{ margin: 0 }}"
            f" p {{ text-align: justify; width: 150mm; margin: 0 0 10pt; font-size: 14pt; line-height: 22pt;"
            f" text-indent: 28pt }}</style>" + "".join(f"<p>{p}</p>" for p in paragraphs) + "</html>")
    right = (20 + 150) * MM
    with pdfplumber.open(html_to_pdf(html, tmp_path / "mixed.pdf")) as pdf:
        chars = [c for page in pdf.pages for c in page.chars]
        text = squash("".join(c["text"] for c in chars))
        rows: dict[tuple[int, int], list[dict]] = {}
        for c in chars:
            rows.setdefault((c["page_number"], round(c["top"] / 11)), []).append(c)
    lines = [max(c["x1"] for c in r) for _, r in sorted(rows.items())]
    assert max(lines) <= right + 0.3 * MM
    short = [x for x in lines if right - x > 0.5 * MM]
    assert len(short) <= len(paragraphs), "only each paragraph's last line ends short"
    for p in paragraphs:
        assert squash(re.sub(r"<[^>]+>", "", p)) in text


def test_title_keeps_numbers_with_their_unit(tmp_path):
    """§7.3.1: a title line never ends inside "2022年" (WeasyPrint broke it as 2022 / 年)."""
    import pdfplumber

    from zwgk_docs.context import build_context
    from zwgk_docs.load import load_plan
    from zwgk_docs.writers.pdf import notice_html
    from zwgk_docs.writers.pdf.render import html_to_pdf

    plan = load_plan(ROOT / "tests" / "data" / "notice-full.yaml")
    plan.notice.title = "某某市人民政府办公室关于印发某某市2022年政务公开工作要点和某某市2022年政务公开重点任务分工方案的通知"
    ctx = build_context(plan)
    pdf = html_to_pdf(notice_html(ctx), tmp_path / "notice.pdf")
    with pdfplumber.open(pdf) as doc:
        chars = [c for c in doc.pages[0].chars if abs(c["size"] - 22) < 0.5]  # 二号: the title only
    rows: dict[int, list] = {}
    for c in chars:
        rows.setdefault(round(c["top"]), []).append(c)
    title = ["".join(c["text"] for c in sorted(row, key=lambda c: c["x0"])).strip() for _, row in sorted(rows.items())]
    assert len(title) == 3 and "".join(title).replace(" ", "") == ctx.notice.title
    for a, b in zip(title, title[1:]):
        assert not (a[-1].isdigit() and not b[0].isdigit()), (a, b)
