"""GB/T 9704 §7.3.5.5: 署名, 日期 and 附注 never stand alone on a page — in the PDF and in the
.docx as LibreOffice lays it out; short and long notices, one-line last paragraphs, with and without seal."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pdfplumber
import pytest

from conftest import ROOT, soffice_convert
from zwgk_docs.context import build_context
from zwgk_docs.load import load_plan
from zwgk_docs.writers.docx import write as write_docx
from zwgk_docs.writers.pdf import notice_html
from zwgk_docs.writers.pdf.render import html_to_pdf

FILL = "各级行政机关要认真落实政务公开各项制度，全面推进决策、执行、管理、服务、结果公开，不断提升政务公开工作质量和实效。"


def squash(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def variant(paragraphs: int, closing: str | None, seal: bool):
    """A notice whose sign-off falls near a page end: n numbered paragraphs (+ a one-line closing)."""
    plan = load_plan(ROOT / "tests" / "data" / "mini.yaml")
    n = plan.notice
    n.body = [FILL * (1 + i % 2) + f"第{i}段止。" for i in range(paragraphs)] + ([closing] if closing else [])
    if seal:
        n.seal_image = str(ROOT / "tests" / "data" / "seal.png")
    return build_context(plan)


def body_lines_with_signoff(pdf_path: Path, ctx) -> int:
    """Lines of 正文 on the page of the 成文日期 (body-size text above the 署名)."""
    n = ctx.notice
    with pdfplumber.open(pdf_path) as pdf:
        for page in pdf.pages:
            if squash(n.date_text) not in squash(page.extract_text() or ""):
                continue
            sig_top = min(w["top"] for w in page.extract_words() if squash(n.signature)[:3] in squash(w["text"]))
            tops = {round(c["top"]) for c in page.chars if c["top"] < sig_top - 5 and abs(c["size"] - 16) < 0.5}
            return len(tops)
    raise AssertionError("成文日期 not found")


# (paragraphs, closing, seal): each puts the sign-off at the foot of page 2 at the standard spacing
VARIANTS = [(7, "特此通知。", True), (7, "特此通知。", False), (6, None, True), (2, "特此通知。", False)]


@pytest.mark.parametrize("paragraphs,closing,seal", VARIANTS)
def test_pdf_signoff_has_text_on_its_page(tmp_path, paragraphs, closing, seal):
    ctx = variant(paragraphs, closing, seal)
    pdf = html_to_pdf(notice_html(ctx), tmp_path / "notice.pdf")
    assert body_lines_with_signoff(pdf, ctx) >= 2


@pytest.mark.libreoffice
def test_libreoffice_signoff_has_text_on_its_page(tmp_path):
    """LibreOffice is the real client: the keep-with-next chain carries 正文 over with the sign-off."""
    cases = {}
    for paragraphs, closing, seal in [(6, "特此通知。", False), (7, "特此通知。", True), (7, None, False)]:
        ctx = variant(paragraphs, closing, seal)
        out = tmp_path / f"v{paragraphs}{int(bool(closing))}{int(seal)}"
        out.mkdir()
        path = write_docx(ctx, out)[0].path.rename(tmp_path / f"{out.name}.docx")
        cases[path] = ctx
    soffice_convert(list(cases), tmp_path / "lo")
    for path, ctx in cases.items():
        assert body_lines_with_signoff(tmp_path / "lo" / f"{path.stem}.pdf", ctx) >= 2, path.name


# ---------------------------------------------------------------- the annual report (report.pdf)

REPORT_FILL = "各单位认真落实政务公开各项工作要求，持续推进决策、执行、管理、服务、结果公开。"


def report_pdf(tmp_path: Path, problems: int, last: str) -> Path:
    """A stats-only report (examples/shenyang-2021.stats.yaml) whose 五 has `problems` one-line
    paragraphs and whose 六 ends with `last`: each variant puts the sign-off at the foot of a page."""
    from zwgk_docs.report import prepare
    from zwgk_docs.report.write_html import write_pdf

    lines = "\n".join(f"    - 第{i}条：公开质量有待进一步提高。" for i in range(problems))
    stats = tmp_path / "report.stats.yaml"
    stats.write_text((ROOT / "examples" / "shenyang-2021.stats.yaml").read_text(encoding="utf-8")
                     + f"\nreport:\n  organ: 沈阳市人民政府办公室\n  date: 2022-01-20\n  overview:\n    - 概况。\n"
                     f"  problems:\n{lines}\n  other:\n    - {last}\n", encoding="utf-8")
    return write_pdf(prepare(stats=stats).report, tmp_path)[0].path


# (problems, last paragraph): a five-line last paragraph whose sign-off does not fit after it
# (its last two lines go over), and a one-line last paragraph (it takes what is before it along)
REPORT_VARIANTS = [(3, REPORT_FILL * 3), (7, "本年度无其他需要报告的事项。")]


@pytest.mark.parametrize("problems,last", REPORT_VARIANTS)
def test_report_pdf_signoff_has_text_on_its_page(tmp_path, problems, last):
    pdf = report_pdf(tmp_path, problems, last)
    with pdfplumber.open(pdf) as doc:
        page = next(p for p in doc.pages if "2022年1月20日" in squash(p.extract_text() or ""))
        sig_top = min(w["top"] for w in page.extract_words() if "沈阳市" in w["text"])
        tops = {round(c["top"]) for c in page.chars if c["top"] < sig_top - 5 and abs(c["size"] - 16) < 0.5}
    assert len(tops) >= 2, len(tops)


def test_pdf_attachment_note_stays_whole_with_text_and_signoff(tmp_path):
    """A full 版头 (份号, 密级, 紧急, 签发人), a three-line title, a short 正文 ending "特此通知。",
    three attachments and a seal: the 附件说明 is not split over pages, and the sign-off's page
    carries 正文 above it (the last lines go over with the 附件说明 and the sign-off)."""
    plan = load_plan(ROOT / "tests" / "data" / "notice-full.yaml")
    n = plan.notice
    n.title = "某某市人民政府办公室关于印发某某市2022年政务公开工作要点和某某市2022年政务公开重点任务分工方案的通知"
    n.body = ["现将《某某市2022年政务公开工作要点》印发给你们，请结合实际认真贯彻执行。", "特此通知。"]
    ctx = build_context(plan)
    pdf = html_to_pdf(notice_html(ctx), tmp_path / "notice.pdf")
    with pdfplumber.open(pdf) as doc:
        page = next(squash(p.extract_text() or "") for p in doc.pages if squash(ctx.notice.date_text) in squash(p.extract_text() or ""))
    for line in ctx.notice.attachment_note:
        assert squash(line.title) in page
    assert "特此通知。" in page and "贯彻执行" in page
