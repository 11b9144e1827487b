"""A document with both the 要点 text and its 任务分解表 (沈阳): the text gives titles and
paragraphs, the table gives rows, units and deadlines; tasks are paired by their order."""

from __future__ import annotations

import re
import unicodedata

from ..model.vocab import ASSIGNMENT_FIELDS
from .draft import Draft, set_assigned

_ASSIGNED = (*ASSIGNMENT_FIELDS, "extra")


def _squash(text: object) -> str:
    text = "".join(text) if isinstance(text, list) else str(text or "")
    return re.sub(r"[\s。.]", "", unicodedata.normalize("NFKC", text))


def combine(prose: Draft, table: Draft) -> Draft:
    out = prose
    out.columns, out.table_title, out.part_rows, out.unit_separator = table.columns, table.table_title, table.part_rows, table.unit_separator
    out.warnings = prose.warnings + table.warnings
    out.decisions = prose.decisions + table.decisions
    ptasks, ttasks = prose.tasks(), table.tasks()
    if len(ptasks) != len(ttasks):
        out.warnings.append(f"正文有 {len(ptasks)} 项任务，表中有 {len(ttasks)} 项；按顺序对应前 {min(len(ptasks), len(ttasks))} 项，请核对其余各项。")
    pairs = list(zip(ptasks, ttasks))
    # The table column holding the text: when its cells are the prose's task titles, it is the title column.
    if pairs and all(t.get("text") and p.get("title") and _squash(t["text"]) == _squash(p["title"]) for p, t in pairs) \
            and not any(c["field"] in ("task", "task_title", "task_full") for c in out.columns):
        for c in out.columns:
            if c["field"] == "content":
                c["field"] = "task_title"
                out.decisions.append(f"表中“{c['header']}”列与正文各项任务的标题相同：作为任务名称列。")
        for _p, t in pairs:
            t.pop("text")
    if not any(c["field"] in ("part", "section") for c in out.columns) and any(p.get("title") for p in prose.parts) and not table.part_rows:
        out.part_rows = True  # the text's parts would vanish from a table printed without them
        out.decisions.append("正文分为几个部分而表中没有分类列：生成的表格中各部分作为通栏行。")
    for n, (p, t) in enumerate(pairs, 1):
        if t.get("title") and p.get("title") and _squash(t["title"]) != _squash(p["title"]):
            out.warnings.append(f"第 {n} 项任务的标题：表中为“{t['title']}”，正文为“{p['title']}”，采用正文。")
            out.note(n - 1, f"表中标题：{t['title']}")
        for key in _ASSIGNED:
            if key in t and key not in p:
                set_assigned(p, key, t.get(key))
        if t.get("subtasks"):
            p["subtasks"] = t["subtasks"]
        elif t.get("text") and _squash(t["text"]) not in _squash(p.get("title", "")) + _squash(p.get("text", "")):
            # The table's own wording of the task: keep it as the row's content.
            p["subtasks"] = [{"text": t["text"]}]
    if out.notice is not None and not out.notice.get("attachments") and out.table_title:
        out.notice["attachments"] = [{"title": out.table_title, "content": "table"}]
    return out
