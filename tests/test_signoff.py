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
