"""One GB/T 9704 geometry (standard/gbt9704.py): the .docx (as LibreOffice lays it out) and the PDF
measure the same on the 版头 and on a landscape 附件 page, whose page number stays in the portrait position."""

from __future__ import annotations

import shutil
from pathlib import Path

import pdfplumber
import pypdfium2 as pdfium
import pytest

from conftest import ROOT, example_path, soffice_convert
from zwgk_docs.build import build
from zwgk_docs.load import load_plan
from zwgk_docs.standard import gbt9704 as std
from zwgk_docs.writers.docx import geometry as dg
from zwgk_docs.writers.pdf import geometry as pg

MM = 72 / 25.4
RED = ((1, 0, 0), [1, 0, 0], (1.0, 0.0, 0.0))


def test_adapters_read_the_standard():
    assert (dg.TOP, dg.LEFT) == (dg.mm(std.MARGIN_TOP_MM), dg.mm(std.MARGIN_LEFT_MM))
    assert abs(dg.TEXT_W - dg.mm(std.TEXT_W_MM)) <= 1 and dg.LINE == round(std.LINE_PT * 20)
    assert dg.TRACKING / 20 == pg.LETTER_SPACING_PT == std.TRACKING_PT
    assert (dg.WIDE_TOP, dg.WIDE_RIGHT, dg.WIDE_BOTTOM, dg.WIDE_LEFT) == tuple(dg.mm(v) for v in pg.WIDE_MARGINS)
    assert std.CHARS_PER_LINE * (std.BODY_PT + std.TRACKING_PT) <= std.TEXT_W_MM * MM
    # the landscape page: head to the sheet's left edge — portrait left (订口) becomes the top
    assert std.WIDE_MARGINS_MM[0] == std.MARGIN_LEFT_MM and std.WIDE_MARGINS_MM[1] == std.MARGIN_TOP_MM
    assert std.issuer_mark_pt("沈阳市政务公开领导小组文件") == 32.0 and std.issuer_mark_pt("某市政府文件") == 36.0


def head(path: Path) -> dict[str, float]:
    """mm from the page top of the 标志, 发文字号, red rule, 标题 and 主送 on page 1."""
    with pdfplumber.open(path) as pdf:
        page = pdf.pages[0]
        red = [c for c in page.chars if c.get("non_stroking_color") in RED]
        number = next(c for c in page.chars if c["text"] == "〔")
        rule = next(r for r in page.rects + page.lines
                    if r.get("non_stroking_color") in RED or r.get("stroking_color") in RED)
        title = [c for c in page.chars if abs(c["size"] - std.TITLE_PT) < 0.3]
        title_top = min(c["top"] for c in title)
        body = [c for c in page.chars if abs(c["size"] - std.BODY_PT) < 0.3 and c["top"] > title_top + 10 * MM]
        return {"标志": min(c["top"] for c in red) / MM, "发文字号": number["top"] / MM, "分隔线": rule["top"] / MM,
                "分隔线宽": rule["width"] / MM, "标题": title_top / MM, "主送": min(c["top"] for c in body) / MM}


def page_numbers(path: Path) -> list[tuple[bool, float, float, float]]:
    """Per page: (landscape, across, start, end) of the "— N —" line in mm: across is the distance
    of the line from the sheet's foot (portrait) or left edge (landscape); start/end along the line."""
    out = []
    pdf = pdfium.PdfDocument(str(path))
    for page in pdf:
        w, h = page.get_width(), page.get_height()
        text = page.get_textpage()
        boxes = [text.get_charbox(i) for i in range(text.count_chars()) if text.get_text_range(i, 1) == "—"]
        dashes = [(l / MM, (h - t) / MM, r / MM, (h - b) / MM) for l, b, r, t in boxes]
        landscape = w > h
        if landscape:
            across = sum((d[0] + d[2]) / 2 for d in dashes) / len(dashes)
            out.append((True, across, min(d[1] for d in dashes), max(d[3] for d in dashes)))
        else:
            across = std.PAGE_H_MM - sum((d[1] + d[3]) / 2 for d in dashes) / len(dashes)
            out.append((False, across, min(d[0] for d in dashes), max(d[2] for d in dashes)))
    return out


BANJI_CC = ["市委各部门", "市人大常委会办公厅", "市政协办公厅", "市中级人民法院", "市人民检察院",
            "各人民团体", "各民主党派", "驻市部队", "各新闻单位"]


@pytest.fixture(scope="module")
def lo_pdfs(tmp_path_factory) -> dict[str, tuple[Path, Path]]:
    """沈阳 and notice-full (抄送 over three lines) as our PDF and as LibreOffice lays out the .docx:
    one LibreOffice run for both."""
    out = tmp_path_factory.mktemp("geometry")
    shenyang = load_plan(example_path("shenyang-2021"))
    full = load_plan(ROOT / "tests" / "data" / "notice-full.yaml")
    full.notice.cc = list(BANJI_CC)
    for name, plan in (("shenyang", shenyang), ("banji", full)):
        build(plan, out / name, ["docx", "pdf"])
        shutil.copy(out / name / "notice.docx", out / f"{name}.docx")
    soffice_convert([out / "shenyang.docx", out / "banji.docx"], out / "lo")
    return {name: (out / name / "notice.pdf", out / "lo" / f"{name}.pdf") for name in ("shenyang", "banji")}


@pytest.fixture(scope="module")
def both(lo_pdfs) -> tuple[Path, Path]:
    return lo_pdfs["shenyang"]


@pytest.mark.libreoffice
def test_banner_measures_the_same_in_docx_and_pdf(both):
    pdf, lo = head(both[0]), head(both[1])
    for key in pdf:
        assert abs(pdf[key] - lo[key]) < 0.5, (key, pdf[key], lo[key])
    assert abs(pdf["标志"] - (std.MARGIN_TOP_MM + std.ISSUER_MARK_TOP_MM)) < 1.0  # §7.2.4: 35 mm below the 版心 top
    assert abs(pdf["分隔线宽"] - std.TEXT_W_MM) < 0.5


@pytest.mark.libreoffice
def test_landscape_page_numbers_in_the_portrait_position(both, lo_pdfs):
    """沈阳's 附件 table starts on an odd page; notice-full's (one landscape page) on an even one,
    where LibreOffice used to lose a text box's position (the number sat at the sheet's corner)."""
    for path in [*both, *lo_pdfs["banji"]]:
        numbers = page_numbers(path)
        portrait = [n for n in numbers if not n[0]]
        landscape = [n for n in numbers if n[0]]
        assert landscape, path
        foot = portrait[0][1]  # distance of the portrait number line from the sheet's foot
        x_start, x_end, _ = std.page_number_portrait_mm(True)
        for i, (_wide, across, start, end) in enumerate(numbers, 1):
            # landscape: the line lies along the left edge (the portrait foot), as far from it as on portrait pages
            assert abs(across - foot) < 1.0, (path.name, i, across, foot)
            if i % 2:  # odd: ends 1 字 in from the 版心's right edge (the landscape page's lower part)
                assert abs(end - x_end) < 1.0, (path.name, i, end)
            else:
                assert abs(start - x_start) < 1.0, (path.name, i, start)
    assert [n[0] for n in page_numbers(both[0])].count(True) > 0


def banji_rules(path: Path) -> tuple[list[float], list[tuple[str, float]]]:
    """(separator tops, (word, x0)) in mm on the last page."""
    with pdfplumber.open(path) as pdf:
        page = pdf.pages[-1]
        edges = sorted(e["top"] / MM for e in page.horizontal_edges if e["width"] / MM > 150)
        rules: list[float] = []
        for y in edges:  # a drawn line has two edges 0.1-0.4 mm apart: one rule each
            if rules and y - rules[-1] < 0.6:
                rules[-1] = (rules[-1] + y) / 2
            else:
                rules.append(y)
        words = [(w["text"], w["x0"] / MM) for w in page.extract_words() if w["top"] / MM > 150]
        return rules, words


@pytest.fixture(scope="module")
def banji(lo_pdfs) -> tuple[Path, Path, list[str]]:
    """notice-full with 抄送 over three lines, as PDF and as LibreOffice lays out the .docx."""
    return (*lo_pdfs["banji"], BANJI_CC)


@pytest.mark.libreoffice
def test_banji_at_the_foot_of_the_last_page_in_both(banji):
    bottom = std.MARGIN_TOP_MM + std.TEXT_H_MM
    for path, tolerance in ((banji[0], 0.6), (banji[1], 0.5)):
        rules, words = banji_rules(path)
        assert len(rules) == 3, (path.name, rules)
        assert abs(rules[-1] - bottom) < tolerance, (path.name, rules)
        # 抄送 continuation lines start under the first organ, after "抄送：" (§7.4.2)
        first = next(x for w, x in words if w.startswith("抄送："))
        continued = [x for w, x in words if not w.startswith(("抄送", "某某", "—", "20")) and x < 60]
        assert continued and all(abs(x - (first + 3 * std.FOOTER_PT / MM)) < 0.8 for x in continued), (path.name, first, continued)


@pytest.mark.libreoffice
def test_docx_and_pdf_take_the_same_pages(both):
    """The task table's cells measure the same (standard/gbt9704.py TABLE_*): the 沈阳 通知 with its
    要点 and table takes as many pages in LibreOffice as in the PDF."""
    counts = []
    for path in both:
        with pdfplumber.open(path) as pdf:
            counts.append(len(pdf.pages))
    assert counts[0] == counts[1], counts
