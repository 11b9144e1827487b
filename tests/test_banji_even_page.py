"""notice.banji_even_page: the 版记 alone at the foot of the next even page, a blank page before it
when the 通知 ends on an even page, neither page numbered (§7.5) — in the PDF; the .docx as
LibreOffice lays it out is measured in test_docx_libreoffice.py."""

from __future__ import annotations

import zipfile

import pdfplumber

from conftest import ROOT
from zwgk_docs.build import build
from zwgk_docs.load import load_plan
from zwgk_docs.standard import gbt9704 as std

MM = 72 / 25.4


def test_pdf_and_docx_put_the_banji_on_an_even_page(tmp_path):
    plan = load_plan(ROOT / "tests" / "data" / "notice-full.yaml")
    plan.notice.banji_even_page = True
    build(plan, tmp_path, ["pdf", "docx"])
    with pdfplumber.open(tmp_path / "notice.pdf") as pdf:
        pages = pdf.pages
        assert len(pages) % 2 == 0
        last, blank = pages[-1], pages[-2]
        text = last.extract_text() or ""
        assert text.startswith("抄送：") and "—" not in text, text  # the 版记 alone, no page number
        assert not (blank.extract_text() or "").strip()  # the 通知 ends on page 4: page 5 left blank
        rules = sorted(e["top"] / MM for e in last.horizontal_edges if e["width"] / MM > 150)
        assert abs(rules[-1] - (std.MARGIN_TOP_MM + std.TEXT_H_MM)) < 0.6
    xml = zipfile.ZipFile(tmp_path / "notice.docx").read("word/document.xml").decode()
    final = xml[xml.rindex("<w:sectPr"):]
    assert '<w:type w:val="evenPage"/>' in final and xml.count('w:val="evenPage"') == 1


def test_off_by_default():
    plan = load_plan(ROOT / "tests" / "data" / "notice-full.yaml")
    assert plan.notice.banji_even_page is False
