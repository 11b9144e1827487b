"""Per-unit task lists: for each unit, the table rows naming it and its role in each.

What each department receives (`zwgk build --by-unit`). A unit named at task level
(e.g. the 牵头部门 merged over a task) is in every row of that task; one named on a
sub-task only in that sub-task's row.
"""

from __future__ import annotations

from dataclasses import dataclass

from .table import TableModel

ROLE_NAMES = (("lead", "牵头"), ("responsible", "责任"), ("cooperate", "配合"))


@dataclass
class UnitList:
    unit: str
    title: str  # "沈阳市……任务分解表（市财政局）"
    table: TableModel  # ctx.table restricted to the unit's rows, merges shrunk accordingly
    roles: list[str]  # per row of `table`: "牵头" / "责任、配合" … ("" on part rows)
    task_ids: list[str]  # the tasks the unit takes part in, in plan order


def _roles(unit: str, *infos) -> list[str]:
    return [name for attr, name in ROLE_NAMES if any(unit in getattr(i, attr) for i in infos)]


def unit_lists(tasks: list, table: TableModel) -> list[UnitList]:
    """One UnitList per unit, in order of first appearance in the plan."""
    by_id = {t.id: t for t in tasks}
    subs = {s.id: s for t in tasks for s in t.subtasks}
    units = list(dict.fromkeys(u for t in tasks for u in t.units))
    result = []
    for unit in units:
        row_roles: dict[int, str] = {}
        for i, row in enumerate(table.rows):
            if row.kind != "data" or row.task_id not in by_id:
                continue
            infos = [by_id[row.task_id]] + ([subs[row.subtask_id]] if row.subtask_id in subs else [])
            roles = _roles(unit, *infos)
            if roles:
                row_roles[i] = "、".join(roles)
        sub = table.subset(set(row_roles))
        roles = [row_roles[i] for i in sorted(row_roles)]
        it = iter(roles)
        per_row = ["" if r.kind == "part" else next(it) for r in sub.rows]
        task_ids = list(dict.fromkeys(table.rows[i].task_id for i in sorted(row_roles)))
        result.append(UnitList(unit, f"{table.title}（{unit}）", sub, per_row, task_ids))
    return result
