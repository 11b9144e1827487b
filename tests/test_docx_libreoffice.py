"""The 通知 .docx as LibreOffice lays it out (one conversion for the module): page 1 keeps its 正文
when the sign-off goes over (§7.3.3, §7.3.5.5), numbers are not broken across lines in the title,
the 版记's last rule lies on the 版心's bottom edge (§7.4.1) and the task-table header does not wrap."""

from __future__ import annotations

import re
from pathlib import Path

import pdfplumber
import pytest

from conftest import ROOT, example_path, soffice_convert, squash
from zwgk_docs.context import build_context
from zwgk_docs.load import load_plan
from zwgk_docs.standard import gbt9704 as std
from zwgk_docs.writers.docx import write as write_docx

pytestmark = pytest.mark.libreoffice

MM = 72 / 25.4
FILL = "各级行政机关要认真落实政务公开各项制度，全面推进决策、执行、管理、服务、结果公开，不断提升政务公开工作质量和实效。"


def short_notice(chars: int, closing: str | None, seal: bool, before: int = 0):
    """A 印发 notice whose 正文 ends with a paragraph of about `chars` characters (+ "特此通知。"),
    after a paragraph of `before` characters."""
    plan = load_plan(ROOT / "tests" / "data" / "mini.yaml")
    plan.notice.body = ([FILL[:before - 1] + "。"] if before else []) + [(FILL * 8)[:chars - 3] + "为要。"] + (
        [closing] if closing else [])
    if seal:
        plan.notice.seal_image = str(ROOT / "tests" / "data" / "seal.png")
    return build_context(plan)


def banji_notice():
    plan = load_plan(ROOT / "tests" / "data" / "notice-full.yaml")
    plan.notice.cc = ["市委各部门", "市人大常委会办公厅", "市政协办公厅", "市中级人民法院", "市人民检察院"]
    return build_context(plan)


def even_page_notice(cc: bool):
    """The 版记 on an even page of its own (notice-full ends on landscape page 4; 沈阳 on page 25)."""
    plan = load_plan(ROOT / "tests" / "data" / "notice-full.yaml") if cc else load_plan(example_path("shenyang-2021"))
    plan.notice.banji_even_page = True
    if not cc:
        plan.notice.cc, plan.notice.printer = ["市委办公室"], "沈阳市人民政府办公室"
    return build_context(plan)


CASES = {
    "shenyang": lambda: build_context(load_plan(example_path("shenyang-2021"))),
    "jilin": lambda: build_context(load_plan(example_path("jilin-2018"))),
    "tutorial": lambda: build_context(load_plan(ROOT / "docs" / "tutorial" / "plan.yaml")),
    "banji": banji_notice,
    "even4": lambda: even_page_notice(True),
    "even25": lambda: even_page_notice(False),
    **{f"short{chars}{'t' if closing else 'n'}{'s' if seal else 'u'}": (lambda c=chars, t=closing, s=seal: short_notice(c, t, s))
       for chars, closing, seal in [(100, "特此通知。", False), (130, "特此通知。", True), (160, None, False),
                                    (190, None, True), (60, "特此通知。", False)]},
    # longer than page 1 (LibreOffice would still move it whole), and a last paragraph after a first
    "long300t": lambda: short_notice(300, "特此通知。", False),
    "second140": lambda: short_notice(140, None, False, before=40),
}


@pytest.fixture(scope="module")
def laid_out(tmp_path_factory) -> dict[str, tuple[object, Path]]:
    out = tmp_path_factory.mktemp("lo-docx")
    docs, contexts = [], {}
    for name, make in CASES.items():
        ctx = make()
        (out / name).mkdir()
        docs.append(write_docx(ctx, out / name)[0].path.rename(out / f"{name}.docx"))
        contexts[name] = ctx
    # with the blank pages a section starting on an even page inserts (headless export skips them)
    soffice_convert(docs, out / "pdf", to='pdf:writer_pdf_Export:{"IsSkipEmptyPages":{"type":"boolean","value":"false"}}')
    return {name: (contexts[name], out / "pdf" / f"{name}.pdf") for name in CASES}


def body_rows(page, below_mm: float = 0.0) -> list[str]:
    """Rows of 3号 text inside the 版心 below a height, top to bottom."""
    rows: dict[int, list] = {}
    for c in page.chars:
        if abs(c["size"] - std.BODY_PT) < 0.6 and below_mm * MM < c["top"] < (std.MARGIN_TOP_MM + std.TEXT_H_MM) * MM:
            rows.setdefault(round(c["top"]), []).append(c)
    return ["".join(c["text"] for c in sorted(rows[k], key=lambda c: c["x0"])) for k in sorted(rows)]


@pytest.mark.parametrize("name", [n for n in CASES if n not in ("banji", "even4", "even25")])
def test_page_one_keeps_its_text_and_the_signoff_is_not_alone(laid_out, name):
    ctx, pdf_path = laid_out[name]
    n = ctx.notice
    recipients = squash(n.recipients)[-4:]
    with pdfplumber.open(pdf_path) as pdf:
        first = body_rows(pdf.pages[0])
        after = next(i for i, row in enumerate(first) if recipients in squash("".join(first[max(i - 1, 0):i + 1])))
        assert len(first) - after - 1 >= (6 if name == "long300t" else 2), (name, first)  # 正文 on page 1 (§7.3.3)
        for page in pdf.pages:
            rows = body_rows(page)
            at = next((i for i, row in enumerate(rows) if squash(n.signature) in squash(row)), None)
            if at is None:
                continue
            text_rows = [r for r in rows[:at] if squash(r) not in (squash(n.signature), "")]
            assert len(text_rows) >= 2 or page.page_number == 1, (name, page.page_number, rows)
            return
    raise AssertionError(f"{name}: 署名 not found")


@pytest.mark.parametrize("name", ["shenyang", "tutorial"])
def test_numbers_are_not_broken_in_the_title(laid_out, name):
    """Not inside "2021" (Latin text in en-US) and not between "2022" and 年 (a line break before the number)."""
    ctx, pdf_path = laid_out[name]
    with pdfplumber.open(pdf_path) as pdf:
        page = pdf.pages[0]
        rows: dict[int, list] = {}
        for c in page.chars:
            if abs(c["size"] - std.TITLE_PT) < 0.6:
                rows.setdefault(round(c["top"]), []).append(c)
        lines = ["".join(c["text"] for c in sorted(rows[k], key=lambda c: c["x0"])) for k in sorted(rows)]
    assert "".join(lines) == squash(ctx.notice.title) and len(lines) == 2
    year = re.search(r"\d{4}年", ctx.notice.title).group(0)
    assert any(year in line for line in lines) and not any(re.search(r"\d$", line) for line in lines), lines


def test_banji_ends_on_the_bottom_of_the_type_area(laid_out):
    _, pdf_path = laid_out["banji"]
    with pdfplumber.open(pdf_path) as pdf:
        rule = last_rule_mm(pdf.pages[-1])
    assert abs(rule - (std.MARGIN_TOP_MM + std.TEXT_H_MM)) < 0.5, rule  # §7.4.1: on the 版心 bottom


def test_task_table_header_on_one_line(laid_out):
    ctx, pdf_path = laid_out["shenyang"]
    with pdfplumber.open(pdf_path) as pdf:
        wide = next(p for p in pdf.pages if p.width > p.height)
        words = [w["text"] for w in wide.extract_words()]
    for header in ctx.table.headers:
        assert header in words, (header, words[:12])


def last_rule_mm(page) -> float:
    rules = sorted({round(e["top"] / MM, 2) for e in page.horizontal_edges if e["width"] / MM > 150})
    assert rules, "版记 rules not found"
    return rules[-1]


@pytest.mark.parametrize("name,pages", [("even4", 6), ("even25", 26)])
def test_banji_on_an_even_page_of_its_own(laid_out, name, pages):
    """banji_even_page: the 版记 alone at the foot of the next even page (a blank page inserted when
    needed); neither that page nor the blank one carries a page number (§7.5)."""
    _, pdf_path = laid_out[name]
    with pdfplumber.open(pdf_path) as pdf:
        assert len(pdf.pages) == pages and pages % 2 == 0
        last = pdf.pages[-1]
        text = last.extract_text() or ""
        assert text.startswith("抄送：") and "—" not in text, text
        assert abs(last_rule_mm(last) - (std.MARGIN_TOP_MM + std.TEXT_H_MM)) < 0.5
        if name == "even4":  # content ends on page 4: page 5 is left blank
            assert not (pdf.pages[-2].extract_text() or "").strip()
