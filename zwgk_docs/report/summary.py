"""落实情况汇总: counts by status, by 牵头单位, and overdue tasks as of the report date."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Optional

from ..context import RenderContext, TaskInfo, cn_date
from ..model.vocab import DONE, IN_PROGRESS, NOT_STARTED, ONGOING
from .progress import Entry

UNREPORTED = "未填报"
NO_LEAD = "（未明确牵头单位）"
# Summary buckets: 持续推进 counts as in progress (shown separately inside it).
BUCKETS = (DONE, IN_PROGRESS, NOT_STARTED, UNREPORTED)


def deadline_text(task: TaskInfo) -> str:
    """The task's 完成时限 as printed, or its sub-tasks' (9月底、11月底) when it has none of its own."""
    return task.deadline or "、".join(dict.fromkeys(s.deadline for s in task.subtasks if s.deadline))


def task_name(task: TaskInfo) -> str:
    """A task named in running text: its title in quotes — not the plan's number, which the report renumbers."""
    return f"“{task.title}”" if task.title else task.heading


def bucket(status: str) -> str:
    return IN_PROGRESS if status == ONGOING else status


@dataclass
class Late:
    task: TaskInfo
    status: str
    completed: Optional[dt.date] = None


@dataclass
class Summary:
    as_of: dt.date
    total: int
    counts: dict[str, int]  # by bucket
    ongoing: int  # 持续推进, included in 推进中
    by_unit: list[tuple[str, dict[str, int]]]  # (牵头单位, counts by bucket), plan order
    overdue: list[Late] = field(default_factory=list)  # due before as_of: 推进中, 未启动 or 未填报
    late: list[Late] = field(default_factory=list)  # 已完成 after the due date

    def sentences(self) -> list[str]:
        c = self.counts
        parts = [f"已完成{c['已完成']}项", f"推进中{c['推进中']}项" + (f"（其中持续推进{self.ongoing}项）" if self.ongoing else ""),
                 f"未启动{c['未启动']}项"]
        if c[UNREPORTED]:
            parts.append(f"未填报{c[UNREPORTED]}项")
        out = [f"工作要点共{self.total}项任务：{'，'.join(parts)}。"]
        when = cn_date(self.as_of)
        if self.overdue:
            items = "；".join(f"{task_name(x.task)}（完成时限：{deadline_text(x.task)}，{x.status}）" for x in self.overdue)
            out.append(f"截至{when}，已过完成时限尚未完成的任务{len(self.overdue)}项：{items}。")
        else:
            out.append(f"截至{when}，没有已过完成时限尚未完成的任务。")
        if self.late:
            items = "；".join(f"{task_name(x.task)}（完成时限：{deadline_text(x.task)}，{cn_date(x.completed)}完成）" for x in self.late)
            out.append(f"逾期完成的任务{len(self.late)}项：{items}。")
        return out


def summarize(ctx: RenderContext, entries: dict[str, Entry], as_of: dt.date) -> Summary:
    counts = dict.fromkeys(BUCKETS, 0)
    units: dict[str, dict[str, int]] = {}
    ongoing = 0
    overdue: list[Late] = []
    late: list[Late] = []
    for task in ctx.tasks:
        entry = entries.get(task.id)
        status = entry.status if entry else UNREPORTED
        ongoing += status == "持续推进"
        b = bucket(status)
        counts[b] += 1
        for unit in task.leads or [NO_LEAD]:
            units.setdefault(unit, dict.fromkeys(BUCKETS, 0))[b] += 1
        due = task.final_due
        if due is None:
            continue
        if status not in ("已完成", "持续推进") and due < as_of:  # 持续推进 is ongoing by design
            overdue.append(Late(task, status))
        elif entry and status == "已完成" and entry.completed and entry.completed > due:
            late.append(Late(task, status, entry.completed))
    return Summary(as_of, len(ctx.tasks), counts, ongoing, list(units.items()), overdue, late)
