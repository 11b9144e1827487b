"""`zwgk check`: a clause-by-clause GB/T 9704-2012 report for any .docx, ours or hand-made.

Only facts the spec marks [V]/[P] are checked as requirements (shared/spec/gbt9704.md);
conventions the standard does not state (bold headings, table fonts, 份号 in 黑体, the red
rule's thickness, 版记 on an even page) are never reported as violations.
"""

from __future__ import annotations

from pathlib import Path

from .body import body_line_twips, body_size, check_body
from .docxread import read
from .findings import Finding, Report
from .footer import check_page_numbers
from .head import check_head, check_pre_mark, check_title
from .page import check_grid, check_page
from .punctuation import check_punctuation
from .structure import find
from .tail import check_annex_pages, check_attachment_note, check_banji, check_signature

__all__ = ["check_docx", "Report", "Finding"]


def check_docx(path: Path | str) -> Report:
    doc = read(Path(path))
    lay = find(doc)
    report = Report(str(path))
    check_page(doc, report)
    check_grid(doc, body_line_twips(doc, lay), body_size(doc, lay), report)
    check_head(doc, lay, report)
    check_pre_mark(doc, lay, report)
    check_title(doc, lay, report)
    check_body(doc, lay, report)
    check_attachment_note(doc, lay, report)
    check_signature(doc, lay, report)
    check_annex_pages(doc, lay, report)
    check_banji(doc, lay, report)
    check_page_numbers(doc, report)
    check_punctuation(doc, report)
    return report


def self_check(paths: list[Path]) -> list[str]:
    """`zwgk build` checks its own notice.docx: one line per 不符合 (a build that fails its checker is a bug)."""
    lines = []
    for path in paths:
        if Path(path).name != "notice.docx":
            continue
        for f in check_docx(path).failures:
            where = f"（{f.where}）" if f.where else ""
            lines.append(f"自检 {path}：[不符合] {f.clause} {f.item}：{f.message}{where}")
    return lines
