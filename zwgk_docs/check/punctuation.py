"""GB/T 9704 §9 → GB/T 15834: no half-width , : ; ( ) ? ! between Chinese characters."""

from __future__ import annotations

from ..model.punctuation import context, find_fixes
from .docxread import Document
from .findings import Report, where

_SHOWN = 5  # places listed in the report; the count covers all


def check_punctuation(doc: Document, report: Report) -> None:
    places = []
    for para in doc.paragraphs + doc.table_paragraphs:
        for fix in find_fixes(para.text):
            places.append((para, fix))
    if not places:
        report.ok("9", "标点符号", "中文之间没有半角标点（GB/T 15834）。")
        return
    for para, fix in places[:_SHOWN]:
        report.fail("9", "标点符号", f"{fix.describe()}（GB/T 15834）：“{context(para.text, fix)}”", where(para))
    if len(places) > _SHOWN:
        report.fail("9", "标点符号", f"另有 {len(places) - _SHOWN} 处半角标点应为全角（共 {len(places)} 处）。")
