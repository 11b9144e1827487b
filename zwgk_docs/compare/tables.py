"""The review documents of `zwgk diff` and `zwgk trace`, as Sheets (see sheet.py)."""

from __future__ import annotations

from typing import Sequence, Union

from ..context import TaskInfo
from .diff import KINDS, Change, PlanDiff, task_text
from .sheet import Cell, Row, Run, Sheet, Table, plain
from .text import ID_FLOOR, MATCH_THRESHOLD, PART_THRESHOLD, SUGGEST_THRESHOLD
from .trace import Item, Local, Trace

EXCERPT = 160  # characters of a task's text shown beside its title


def _excerpt(text: str, limit: int = EXCERPT) -> str:
    text = text.replace("\n", " ").strip()
    return text if len(text) <= limit else text[:limit] + "……"


def _tasks(tasks: Sequence[TaskInfo], with_text: bool = False) -> Cell:
    runs: Cell = []
    for k, t in enumerate(tasks):
        if k:
            runs.append(Run("\n"))
        runs.append(Run(t.heading or t.label, "strong"))
        if with_text and t.text and t.text != t.title:
            runs.append(Run("\n" + _excerpt(t.text)))
    return runs


def _content(c: Change) -> Cell:
    if c.text_diff:
        return [Run(s.text, {"insert": "ins", "delete": "del"}.get(s.op, "")) for s in c.text_diff]
    if c.kind in ("拆分", "合并"):
        return [Run(f"原文 {len(c.old)} 项、现 {len(c.new)} 项，内容见左两栏（{round(c.score * 100)}% 以上文字相同）", "hint")]
    if c.kind == "新增":
        return plain(_excerpt(task_text(c.new[0]), 400))
    if c.kind == "删除":
        return [Run(_excerpt(task_text(c.old[0]), 400), "del")]
    return [Run("文字未变", "hint")]


def _other(c: Change) -> Cell:
    lines = [u.text() for u in c.units]
    if c.deadline:
        lines.append(f"完成时限：{c.deadline[0]} → {c.deadline[1]}")
    if c.moved:
        lines.append(f"所在部分：{c.moved[0]} → {c.moved[1]}")
    if c.renumbered and c.kind == "修改":
        lines.append(f"编号：{c.renumbered[0]} → {c.renumbered[1]}")
    return plain("\n".join(lines))


def _match_note(c: Change) -> str:
    if c.kind in ("新增", "删除"):
        return ""
    if c.kind in ("拆分", "合并"):
        return f"文字包含 {round(c.score * 100)}%"
    return ("同一 id，" if c.by_id else "") + f"相似度 {round(c.score * 100)}%"


def diff_sheet(d: PlanDiff, old_name: str, new_name: str) -> Sheet:
    notes = [
        f"原计划：{d.old_title}（{old_name}，{d.old_count} 项任务）",
        f"新计划：{d.new_title}（{new_name}，{d.new_count} 项任务）",
        f"任务对应方法：两份计划 id 相同且文字相似度不低于 {round(ID_FLOOR * 100)}% 的视为同一任务；其余按文字相似度对应，"
        f"不低于 {round(MATCH_THRESHOLD * 100)}% 的视为同一任务（修改）；一项任务 {round(PART_THRESHOLD * 100)}% 以上的文字包含在另一份计划的"
        "某项任务中时，视为拆分或合并。",
        "合计：" + "，".join(f"{k} {d.count(k)} 项" for k in KINDS) + "。未变的任务不逐项列出。",
    ]
    widths = [40.0] + [8.0] * len(KINDS)
    summary = Table("各部分变化汇总", ["部分（按新计划）"] + list(KINDS), widths)
    for p in d.by_part():
        summary.rows.append(Row([plain(p.part)] + [plain(str(p.counts[k])) for k in KINDS]))
    summary.rows.append(Row([[Run("合计", "strong")]] + [[Run(str(d.count(k)), "strong")] for k in KINDS]))
    table = Table("逐项变化", ["变化", "原计划任务", "新计划任务", "内容变化（删除线为删去，下划线为新增）", "单位、时限、位置", "对应依据"],
                  [7, 25, 25, 52, 26, 10], empty="两份计划的任务完全相同。")
    part = None
    for c in d.changes:
        if c.kind == "未变":
            continue
        if c.part_key != part:
            part = c.part_key
            table.rows.append(Row([], group=c.part or "（未分部分）"))
        table.rows.append(Row([[Run(c.kind, "strong")], _tasks(c.old, c.kind in ("拆分", "合并")),
                               _tasks(c.new, c.kind in ("拆分", "合并")), _content(c), _other(c), plain(_match_note(c))]))
    return Sheet(f"计划对照表：{d.old_title} → {d.new_title}", notes, [summary, table], legend=True)


def _item(i: Item) -> Cell:
    return [Run(i.display, "strong")] + ([Run("\n" + _excerpt(i.text))] if i.text else [])


def _local(t: Local) -> Cell:
    return [Run(t.heading or t.label, "strong")]


def _suggestions(pairs: Sequence[tuple[float, Union[Item, Local]]]) -> Cell:
    runs: Cell = []
    for k, (score, x) in enumerate(pairs):
        name = x.display if isinstance(x, Item) else (x.heading or x.label)
        runs.append(Run(("\n" if k else "") + f"建议：{name}（相似度 {round(score * 100)}%，待确认）", "hint"))
    return runs


def trace_sheet(t: Trace, plan_name: str, superior_name: str) -> Sheet:
    answered = len(t.links) - len(t.unanswered)
    notes = [
        f"本级计划：{t.plan_title}（{plan_name}）",
        f"上级计划：{t.superior_title}（{superior_name}）",
        f"上级要点 {len(t.links)} 项：已有本级任务落实 {answered} 项，尚无对应 {len(t.unanswered)} 项；"
        f"本级任务中未注明对应上级要点的 {len(t.orphans)} 项；无法识别的对应关系 {len(t.unresolved)} 处。",
        "“对应任务”来自计划文件中各任务的 answers（对应上级要点）；“建议”是按文字相似度"
        f"（不低于 {round(SUGGEST_THRESHOLD * 100)}%）找出的可能对应，仅供参考，需人工确认后写入 answers。",
    ]
    items = Table("上级要点逐项对照", ["上级要点", "本级落实任务", "状态", "可能对应的本级任务（建议）"], [48, 38, 10, 40])
    for link in t.links:
        state = "已对应" if link.tasks else "未对应"
        tasks: Cell = []
        for k, x in enumerate(link.tasks):
            tasks += ([Run("\n")] if k else []) + _local(x)
        items.rows.append(Row([_item(link.item), tasks, [Run(state, "strong" if link.tasks else "alert")],
                               _suggestions(link.suggestions) if not link.tasks else []]))
    orphans = Table("本级未注明对应上级要点的任务", ["本级任务", "内容摘要", "可能对应的上级要点（建议）"], [36, 56, 46],
                    empty="每项任务都注明了对应的上级要点。")
    for local, sug in t.orphans:
        orphans.rows.append(Row([_local(local), plain(_excerpt(local.text)), _suggestions(sug)]))
    bad = Table("无法识别的对应关系", ["本级任务", "answers 中写的", "原因"], [40, 30, 68], empty="没有无法识别的对应关系。")
    for u in t.unresolved:
        bad.rows.append(Row([_local(u.task), plain(u.ref), plain(u.reason)]))
    return Sheet(f"上级要点对照表：{t.plan_title}", notes, [items, orphans, bad])
