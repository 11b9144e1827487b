"""§7.5 页码: "— N —" in 4号宋体, odd pages right, even pages left."""

from __future__ import annotations

import re

from .docxread import Document
from .findings import Report
from .fonts import describe, is_font


def check_page_numbers(doc: Document, report: Report) -> None:
    numbered = [f for f in doc.footers if f.has_page_field]
    if not numbered:
        report.fail("7.5", "页码", "页脚中没有页码（PAGE 域）")
        return
    problems = []
    for f in numbered:
        if not re.search(r"—\s*\S+\s*—", f.text):
            problems.append(f"页码两侧应各有一条一字线“—”（现为“{f.text.strip()}”）")
        digit_run = next((r for r in f.runs if r.text.strip()), None)
        if not is_font(digit_run, "宋体", 14):
            problems.append(f"页码应为4号宋体，现为 {describe(digit_run)}")
    kinds = {f.kind: f for f in numbered}
    if not doc.even_odd or "even" not in kinds:
        problems.append("未设置奇偶页不同：单页码应居右、双页码应居左")
    else:
        if kinds.get("default") and kinds["default"].jc not in ("right", "end"):
            problems.append("单页码应居右空一字")
        if kinds["even"].jc not in ("left", "start", "both"):
            problems.append("双页码应居左空一字")
    if problems:
        report.fail("7.5", "页码", "；".join(dict.fromkeys(problems)))
    else:
        report.ok("7.5", "页码", "“— N —”4号宋体，单页居右、双页居左")
