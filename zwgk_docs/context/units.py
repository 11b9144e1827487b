"""Units as entities: the plan's declared units, every task's units resolved to them,
and the per-unit task lists (`zwgk build --by-unit`, `zwgk units`).

A unit field may hold a plain name, a list, or a sentence ("市政府办公室牵头,市政府各部门负责落实");
zwgk_docs.model.units parses it into roles, and the directory maps every spelling and alias to
one canonical name, so 各县(市)区政府 and 各县（市）区政府 are one unit and 泰达's
工委（管委会）办公室 gets one file however its cells are worded.
"""

from __future__ import annotations

import datetime as dt
import difflib
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable, Optional, Sequence

from ..model.plan import Assignment, Plan, SubTask, Task, UnitDecl
from ..model.units import ROLE_NAMES, ROLES, Responsibility, looks_like_two, normalize_name, parse_responsibility
from .table import TableModel

ROLE_ORDER = tuple(ROLE_NAMES[r] for r in ROLES)  # 牵头, 责任, 配合


@dataclass
class UnitInfo:
    """One unit of the plan, declared or found in its tasks."""

    name: str
    aliases: list[str] = field(default_factory=list)
    kind: str = ""
    contact: str = ""
    declared: bool = False

    def as_json(self) -> dict[str, Any]:
        return {"name": self.name, "aliases": self.aliases, "kind": self.kind, "contact": self.contact,
                "declared": self.declared}


class UnitDirectory:
    """Every spelling of a unit → its canonical name (declared name, else the normalised spelling)."""

    def __init__(self, decls: "Sequence[UnitDecl]" = ()) -> None:
        self.units: dict[str, UnitInfo] = {}
        self._keys: dict[str, str] = {}
        for d in decls:
            name = normalize_name(d.name)
            info = UnitInfo(name, [a for a in d.aliases], d.kind or "", d.contact or "", True)
            self.units[name] = info
            for spelling in [d.name, *d.aliases]:
                self._keys.setdefault(normalize_name(spelling), name)

    @property
    def declared(self) -> bool:
        return any(u.declared for u in self.units.values())

    def known(self, name: str) -> bool:
        return normalize_name(name) in self._keys

    def resolve(self, name: str) -> str:
        key = normalize_name(name)
        canonical = self._keys.get(key, key)
        if canonical not in self.units:
            self.units[canonical] = UnitInfo(canonical)
        return canonical

    def near(self, name: str) -> Optional[str]:
        """The declared unit a stray spelling most probably means (a near-duplicate), if any."""
        key = normalize_name(name)
        spellings = list(self._keys)
        for s in spellings:
            if len(s) >= 3 and len(key) >= 3 and (s in key or key in s):
                return self._keys[s]
        close = difflib.get_close_matches(key, spellings, n=1, cutoff=0.75)
        return self._keys[close[0]] if close else None


def assignment_roles(a: Assignment, directory: UnitDirectory, sentence: Optional[str] = None) -> Responsibility:
    """The canonical units of a task or sub-task by role.

    Each lead/responsible/cooperate entry is parsed (a plain name takes its field's role, a
    sentence its own words); a task whose fields are empty takes its 责任表述 sentence.
    """
    raw = parse_fields(a)
    if raw.empty and sentence:
        raw = parse_responsibility(sentence)
    out = Responsibility(deadline=raw.deadline, unparsed=list(raw.unparsed))
    taken: set[str] = set()
    for role in ROLES:  # a unit both 牵头 and 责任 in one cell is listed as 牵头
        names = [directory.resolve(n) for n in getattr(raw, role)]
        out.add(role, [n for n in names if n not in taken])
        taken.update(names)
    return out


def parse_fields(a: Assignment) -> Responsibility:
    result = Responsibility()
    for role in ROLES:
        for text in getattr(a, role):
            result.merge(parse_responsibility(text, role))
    return result


def plan_directory(plan: Plan) -> UnitDirectory:
    return UnitDirectory(plan.units)


# ---------------------------------------------------------------- per-unit lists


@dataclass
class UnitList:
    unit: str
    title: str  # "沈阳市……任务分解表（市财政局）"
    table: TableModel  # ctx.table restricted to the unit's rows, merges shrunk accordingly
    roles: list[str]  # per row of `table`: "牵头" / "责任、配合" … ("" on part rows)
    task_ids: list[str]  # the tasks the unit takes part in, in plan order
    info: Optional[UnitInfo] = None


def _roles(unit: str, *infos: Any) -> list[str]:
    return [name for attr, name in ROLE_NAMES.items() if any(unit in getattr(i, attr) for i in infos)]


def row_roles(tasks: list[Any], table: TableModel, unit: str) -> dict[int, str]:
    """Table row index → the unit's roles in that row ("牵头", "责任、配合")."""
    by_id = {t.id: t for t in tasks}
    subs = {s.id: s for t in tasks for s in t.subtasks}
    out: dict[int, str] = {}
    for i, row in enumerate(table.rows):
        if row.kind != "data" or row.task_id not in by_id:
            continue
        infos = [by_id[row.task_id]] + ([subs[row.subtask_id]] if row.subtask_id in subs else [])
        roles = _roles(unit, *infos)
        if roles:
            out[i] = "、".join(roles)
    return out


def unit_lists(tasks: list[Any], table: TableModel, units: "Optional[dict[str, UnitInfo]]" = None) -> list[UnitList]:
    """One UnitList per unit, in order of first appearance in the plan."""
    names = list(dict.fromkeys(u for t in tasks for u in t.units))
    result = []
    for unit in names:
        rows = row_roles(tasks, table, unit)
        sub = table.subset(set(rows))
        it = iter(rows[i] for i in sorted(rows))
        per_row = ["" if r.kind == "part" else next(it) for r in sub.rows]
        task_ids = list(dict.fromkeys(table.rows[i].task_id for i in sorted(rows)))
        info = (units or {}).get(unit) or UnitInfo(unit)
        result.append(UnitList(unit, f"{table.title}（{unit}）", sub, per_row, task_ids, info))
    return result


# ---------------------------------------------------------------- validate warnings


def unit_warnings(plan: Plan, located_nodes: Iterable[tuple[tuple[Any, ...], Any]],
                  where: Callable[[tuple[Any, ...]], Any]) -> list[Any]:
    """Warnings for unit names: run-together names, near-duplicates of declared units, unread sentences.

    located_nodes: (yaml path, node) pairs; where(path) → Location.
    """
    from ..errors import Diagnostic
    from ..load.errors import format_path

    directory = plan_directory(plan)
    out: list[Diagnostic] = []
    seen: set[tuple[str, str]] = set()

    def warn(message: str, loc: tuple[Any, ...]) -> None:
        if (message, str(loc[:4])) in seen:
            return
        seen.add((message, str(loc[:4])))
        out.append(Diagnostic(message, where(loc), format_path(loc), "warning"))

    keys: dict[str, str] = {}
    for i, d in enumerate(plan.units):
        for spelling in [d.name, *d.aliases]:
            k = normalize_name(spelling)
            if k in keys and keys[k] != d.name:
                warn(f"“{spelling}”同时是单位“{keys[k]}”和“{d.name}”的名称或简称，任务中写它时按“{keys[k]}”计。", ("units", i))
            keys.setdefault(k, d.name)

    for loc, node in located_nodes:
        if not isinstance(node, (Task, SubTask)):
            continue
        for role in ROLES:
            for j, text in enumerate(getattr(node, role)):
                here = loc + (role, j)
                parsed = parse_responsibility(text, role)
                for bad in parsed.unparsed:
                    warn(f"无法从“{text}”中读出单位（“{bad}”不像单位名称）。请只写单位，每项一个；责任句可写在 responsibility 中。", here)
                for name in [n for r in ROLES for n in getattr(parsed, r)]:
                    two = looks_like_two(name)
                    if two:
                        warn(f"“{name}”像是两个单位（“{two[0]}”和“{two[1]}”），请用“、”分开或分成两项。", here)
                    elif directory.declared and not directory.known(name):
                        near = directory.near(name)
                        if near:
                            warn(f"单位“{name}”与已声明的单位“{near}”相近：如是同一单位，请写作“{near}”或把“{name}”加入其 aliases。", here)
                        else:
                            warn(f"单位“{name}”未在 units 中声明。", here)
        sentence = getattr(node, "responsibility", None)
        if sentence and not any(getattr(node, r) for r in ROLES):
            parsed = parse_responsibility(sentence)
            if parsed.unparsed or not parsed.roles():
                warn(f"责任表述“{sentence}”中读不出单位，请在 lead/responsible/cooperate 中写明。", loc + ("responsibility",))
    return out


# ---------------------------------------------------------------- rows of a 反馈表 / the ledger's per-unit sheet


@dataclass
class UnitRow:
    """One table row (a task, or one sub-task of it) as one unit answers for it."""

    task_id: str
    subtask_id: str
    label: str  # "5." or "5.（1）"
    text: str  # number, title and full text of the task (and the sub-task)
    unit: str
    role: str  # "牵头" / "责任、配合"
    deadline: str
    due: Optional["dt.date"]

    @property
    def key(self) -> tuple[str, str]:
        return (self.task_id, self.subtask_id)


def _row_text(task: Any, sub: Any) -> str:
    lines = [task.heading]
    if task.title and task.text and sub is None:
        lines.append(task.text)
    if sub is not None:
        head = sub.heading if (sub.label or sub.title) else ""
        lines += [x for x in (head, sub.text) if x]
    return "\n".join(lines)


def unit_rows(tasks: list[Any], table: TableModel, units: "Optional[list[str]]" = None) -> list[UnitRow]:
    """Per data row of the table, one UnitRow for each unit named in it (or only `units`), table order."""
    by_id = {t.id: t for t in tasks}
    names = units if units is not None else list(dict.fromkeys(u for t in tasks for u in t.units))
    roles = {u: row_roles(tasks, table, u) for u in names}
    out: list[UnitRow] = []
    for i, row in enumerate(table.rows):
        if row.kind != "data" or row.task_id not in by_id:
            continue
        task = by_id[row.task_id]
        sub = next((s for s in task.subtasks if s.id == row.subtask_id), None) if row.subtask_id else None
        node = sub or task
        label = task.label + (sub.label if sub is not None else "")
        for u in names:
            if i in roles[u]:
                out.append(UnitRow(row.task_id, row.subtask_id, label, _row_text(task, sub), u, roles[u][i],
                                   node.deadline or task.deadline, node.due or task.due))
    return out
