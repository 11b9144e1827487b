"""The progress file: per task its status, what was done, evidence and completion date.

Two sources: a YAML file (docs/report.md), or the 工作台账 ledger.xlsx read back through
zwgk_docs.writers.xlsx.ledger_reader (one row per sub-task). A YAML file may also point at a
ledger (`ledger:`) and add the report's own paragraphs (`report:`). Tasks and sub-tasks are
matched by id or by number; numbers and titles always come from the plan's render context.
A file for another plan or year is refused: its dates, its `plan:`/`year:`, the ledger title.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Optional, TypedDict, Union

from pydantic import Field

from ..context import RenderContext, TaskInfo
from ..errors import Diagnostic, Location, UserError
from ..load import SourceMap, format_path
from ..model.plan import Paragraphs, StrList, Strict
from ..model.tree import Loc
from ..model.vocab import DONE, IN_PROGRESS, NOT_STARTED, ONGOING, STATUSES, Status, chinese_numeral, is_status
from .inputs import read_mapping, validate
from .meta import ReportMeta

if TYPE_CHECKING:
    from ..writers.xlsx.ledger_reader import LedgerRow



class TaskProgress(Strict):
    task: Union[int, str] = Field(title="任务", description="任务或子任务的 id（如 sy-01、sy-03-2），或任务编号（如 1、“1.”、“（一）”）")
    title: Optional[str] = Field(None, title="事项名称", description="只在没有计划文件时使用：本单位自己列出的事项")
    status: Status = Field(title="完成状态", description=" / ".join(STATUSES))
    done: Paragraphs = Field(default_factory=list, title="落实情况", description="做了什么，一段或多段")
    evidence: StrList = Field(default_factory=list, title="佐证材料", description="链接、文号、文件名")
    completed: Optional[dt.date] = Field(None, title="完成日期")


class ProgressSource(Strict):
    plan: Optional[str] = Field(None, title="工作要点标题", description="写明本进度对应的计划，与计划标题不符时报错")
    year: Optional[int] = Field(None, title="年度", ge=2000, le=2100)
    report: ReportMeta = Field(default_factory=ReportMeta, title="报告正文")
    ledger: Optional[str] = Field(None, title="工作台账", description="ledger.xlsx 的路径（相对本文件）；与 tasks 二选一或并用")
    tasks: list[TaskProgress] = Field(default_factory=list, title="任务进度")


class UnitEntry(TypedDict):
    """A unit's own entry for a task, from the ledger's 各单位报送 sheet (as zwgk report --json shows it)."""

    unit: str
    role: str
    subtask_id: str
    status: str
    progress: str
    evidence: str
    updated: Optional[str]  # ISO date
    sheet: str
    row: int


Where = Callable[[int], tuple[Location, str]]  # item index → (location, path or "台账第 7 行")


@dataclass
class LedgerItems:
    """What a ledger adds besides its TaskProgress items: the reader's remarks and the units' rows."""

    warnings: list[Diagnostic]
    units: list["LedgerRow"]


@dataclass
class Entry:
    """One task's (or sub-task's) progress, matched to the plan."""

    task: TaskInfo
    status: Status
    done: list[str]
    evidence: list[str]
    completed: Optional[dt.date]
    place: Optional[Location] = None
    units: list[UnitEntry] = field(default_factory=list)  # the units' own entries (ledger 各单位报送): unit, status, progress…


@dataclass
class Progress:
    meta: ReportMeta
    entries: dict[str, Entry] = field(default_factory=dict)  # by task id (folded from sub-tasks when only they were given)
    warnings: list[Diagnostic] = field(default_factory=list)
    smap: Optional[SourceMap] = None  # locates the report paragraphs (narrative checks)
    sub_entries: dict[str, Entry] = field(default_factory=dict)  # by sub-task id
    own: list[TaskProgress] = field(default_factory=list)  # items of a department without a plan
    file: str = ""


# ------------------------------------------------------------------ matching


def _norm(text: str) -> str:
    return re.sub(r"[\s.．、,，()（）]", "", unicodedata.normalize("NFKC", str(text)))


class TaskIndex:
    """Find a task or sub-task by id, by label ("1."/"（一）") or by its number."""

    def __init__(self, ctx: RenderContext) -> None:
        self.by_id = {t.id: t for t in ctx.tasks}
        self.subs = {s.id: s for t in ctx.tasks for s in t.subtasks if s.id}
        self.sub_parent = {s.id: t for t in ctx.tasks for s in t.subtasks if s.id}
        self.by_label: dict[str, list[TaskInfo]] = {}
        for t in ctx.tasks:
            if t.label:
                self.by_label.setdefault(_norm(t.label), []).append(t)

    def find(self, ref: Union[int, str]) -> tuple[Optional[TaskInfo], Optional[TaskInfo], str]:
        """(task, sub-task or None, "") or (None, None, Chinese reason)."""
        if isinstance(ref, bool):
            return None, None, f"任务应写 id 或编号，实际是“{str(ref).lower()}”。"
        if isinstance(ref, str) and ref.strip() in self.by_id:
            return self.by_id[ref.strip()], None, ""
        if isinstance(ref, str) and ref.strip() in self.subs:
            return self.sub_parent[ref.strip()], self.subs[ref.strip()], ""
        keys = [_norm(str(ref))]
        if keys[0].isdigit():
            keys.append(chinese_numeral(int(keys[0])))  # 5 also finds （五） (吉林市)
        for key in keys:
            found = self.by_label.get(key, [])
            if len(found) == 1:
                return found[0], None, ""
            if len(found) > 1:
                return None, None, f"编号“{ref}”对应多项任务（{'、'.join(t.id for t in found)}），请改用任务 id。"
        return None, None, f"计划中没有任务“{ref}”（写错了 id 或编号，或是另一份计划的进度）。任务 id 可用 `zwgk outline 计划文件` 查看。"


def _entry(task: TaskInfo, item: TaskProgress, place: Optional[Location]) -> Entry:
    return Entry(task, item.status, list(item.done), list(item.evidence), item.completed, place)


def _match(items: list[TaskProgress], index: TaskIndex, where: Where) -> tuple[dict[str, Entry], dict[str, Entry], list[Diagnostic]]:
    entries: dict[str, Entry] = {}
    subs: dict[str, Entry] = {}
    first: dict[str, int] = {}
    errors: list[Diagnostic] = []
    for i, item in enumerate(items):
        task, sub, reason = index.find(item.task)
        if task is None:
            errors.append(Diagnostic(reason, *where(i)))
            continue
        key = sub.id if sub else task.id
        if key in first:
            errors.append(Diagnostic(f"{'子任务' if sub else '任务'} {(sub or task).heading or key} 的进度写了两次（另见第 {first[key] + 1} 项）。", *where(i)))
            continue
        first[key] = i
        if sub:
            subs[sub.id] = _entry(sub, item, where(i)[0])
        else:
            entries[task.id] = _entry(task, item, where(i)[0])
    return entries, subs, errors


def _fold(ctx: RenderContext, entries: dict[str, Entry], subs: dict[str, Entry]) -> None:
    """A task given only through its sub-tasks gets their folded status (an unreported sub-task is not done)."""
    for task in ctx.tasks:
        if task.id in entries or not task.subtasks:
            continue
        given = [subs[s.id] for s in task.subtasks if s.id in subs]
        if not given:
            continue
        statuses: list[str] = [subs[s.id].status if s.id in subs else NOT_STARTED for s in task.subtasks]
        status = fold_status(statuses)
        dates = [e.completed for e in given if e.completed]
        entries[task.id] = Entry(task, status, [], [], max(dates) if dates and status == "已完成" else None, given[0].place)


def _missing(ctx: RenderContext, entries: dict[str, Entry], subs: dict[str, Entry], name: str) -> list[Diagnostic]:
    out: list[Diagnostic] = []
    for t in ctx.tasks:
        if t.id not in entries:
            out.append(Diagnostic(f"任务 {t.heading}（{t.id}）没有填写进度，报告中将标为“未填报”。", Location(name), "", "warning"))
        elif subs and any(s.id in subs for s in t.subtasks):
            missing = [s for s in t.subtasks if s.id and s.id not in subs]
            for s in missing:
                out.append(Diagnostic(f"任务 {t.heading} 的子任务 {s.heading or s.id}（{s.id}）没有填写进度（可能是年中新增的子任务），报告中将标为“未填报”。",
                                      Location(name), "", "warning"))
    return out


def _check_dates(ctx: RenderContext, entries: list[Entry], meta: ReportMeta,
                 where_meta: Callable[[Loc], tuple[Location, str]]) -> list[Diagnostic]:
    """Completion dates fall inside the plan's year; the report is dated after the year ends."""
    year = ctx.year
    out: list[Diagnostic] = []
    for e in entries:
        if e.completed is not None and e.completed.year != year:
            out.append(Diagnostic(f"任务 {e.task.heading or e.task.id} 的完成日期 {e.completed.isoformat()} 不在 {year} 年内"
                                  f"（计划是 {year} 年的；是否用了另一年度的进度或台账？）。", e.place, "completed"))
    if meta.date is not None and not (dt.date(year, 12, 1) <= meta.date <= dt.date(year + 1, 12, 31)):
        out.append(Diagnostic(f"报告日期 {meta.date.isoformat()} 不对：{year} 年度的报告应在 {year + 1} 年发布（一般在 1 月 31 日或 3 月 31 日前）。",
                              *where_meta(("report", "date"))))
    return out


# ------------------------------------------------------------------ loading


def load_progress(path: Union[str, "os.PathLike[str]"], ctx: Optional[RenderContext]) -> Progress:
    """Progress for the plan `ctx` (None: a department without a plan, only `report:` and titled items)."""
    path = Path(path)
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        if ctx is None:
            raise UserError.single("没有计划文件时不能读取工作台账：台账的行要按计划核对。", Location(str(path)))
        items, rows_at, extra = _ledger_items(path, ctx)
        entries, subs, errors = _match(items, TaskIndex(ctx), rows_at)
        _fold(ctx, entries, subs)
        _attach_units(entries, extra)
        errors += _check_dates(ctx, list(entries.values()) + list(subs.values()), ReportMeta(), lambda p: (Location(str(path)), ""))
        if errors:
            raise UserError(errors)
        warnings = extra.warnings + [Diagnostic("台账中没有报告正文（一、总体情况，五、存在的主要问题），可在 YAML 进度文件中写 report: 并用 ledger: 引用台账。",
                               Location(str(path)), "", "warning")]
        return Progress(ReportMeta(), entries, warnings + _missing(ctx, entries, subs, str(path)), None, subs, file=str(path))
    data, smap = read_mapping(path, "进度文件")
    source: ProgressSource = validate(ProgressSource, data, smap)

    def at(p: Loc) -> tuple[Location, str]:
        return smap.locate(p), format_path(p)

    if ctx is None:
        return _without_plan(source, smap, at)
    errors = []
    if source.year is not None and source.year != ctx.year:
        errors.append(Diagnostic(f"进度文件是 {source.year} 年的，计划是 {ctx.year} 年的。", *at(("year",))))
    if source.plan is not None and _norm(source.plan).strip("《》“”\"") != _norm(ctx.plan_title).strip("《》“”\""):
        errors.append(Diagnostic(f"进度文件对应的计划是《{source.plan}》，不是《{ctx.plan_title}》。", *at(("plan",))))
    if errors:
        raise UserError(errors)
    index = TaskIndex(ctx)
    entries, subs = {}, {}
    extra = LedgerItems([], [])
    if source.ledger:
        ledger_path = path.parent / source.ledger
        items, lwhere, extra = _ledger_items(ledger_path, ctx, smap.locate(("ledger",)))
        entries, subs, errors = _match(items, index, lwhere)

    def where(i: int) -> tuple[Location, str]:
        return at(("tasks", i, "task"))

    own, own_subs, own_errors = _match(source.tasks, index, where)
    for i, item in enumerate(source.tasks):
        if item.title:
            errors.append(Diagnostic("有计划文件时，任务名称取自计划，这里不要写 title。", *at(("tasks", i, "title"))))
    entries.update(own)  # the YAML overrides the ledger, row by row
    subs.update(own_subs)
    errors += own_errors
    _fold(ctx, entries, subs)
    if source.ledger:
        _attach_units(entries, extra)
    for i, item in enumerate(source.tasks):  # date errors point at the completed: line
        for e in list(own.values()) + list(own_subs.values()):
            if e.place == where(i)[0] and item.completed is not None:
                e.place = smap.locate(("tasks", i, "completed"))
    errors += _check_dates(ctx, list(entries.values()) + list(subs.values()), source.report, at)
    if errors:
        raise UserError(errors)
    return Progress(source.report, entries, _missing(ctx, entries, subs, smap.file), smap, subs, file=smap.file)


def _without_plan(source: ProgressSource, smap: SourceMap, at: Callable[[Loc], tuple[Location, str]]) -> Progress:
    errors: list[Diagnostic] = []
    for i, item in enumerate(source.tasks):
        if not item.title:
            errors.append(Diagnostic("没有计划文件时，每项都要写事项名称 title（任务 id 和编号要按计划核对）。", *at(("tasks", i, "task"))))
    if source.ledger:
        errors.append(Diagnostic("没有计划文件时不能读取工作台账：台账的行要按计划核对。", *at(("ledger",))))
    year = source.year
    for i, item in enumerate(source.tasks):
        if year is not None and item.completed is not None and item.completed.year != year:
            errors.append(Diagnostic(f"完成日期 {item.completed.isoformat()} 不在 {year} 年内。", *at(("tasks", i, "completed"))))
    if errors:
        raise UserError(errors)
    return Progress(source.report, {}, [], smap, {}, list(source.tasks), file=smap.file)


def _ledger_items(path: Path, ctx: RenderContext, referenced_at: Optional[Location] = None) -> tuple[list[TaskProgress], Where, LedgerItems]:
    """The 工作台账, one TaskProgress per filled row (a sub-task's row names the sub-task), with its location."""
    try:
        from ..writers.xlsx.ledger_reader import read_ledger
    except ModuleNotFoundError:
        raise UserError.single("本版本还不能读取工作台账（.xlsx），请使用 YAML 进度文件。", referenced_at or Location(str(path))) from None
    if not path.is_file():
        raise UserError.single(f"找不到工作台账文件：{path}", referenced_at or Location(str(path)))
    _check_ledger_file(path, ctx)
    warnings: list[Diagnostic] = []
    try:
        rows = read_ledger(path, warnings)
    except UserError:
        raise
    except Exception as exc:  # a file that is not a workbook at all: openpyxl raises zip/XML errors
        raise UserError.single(f"无法读取工作台账：这不是 Excel 工作簿（.xlsx）（{type(exc).__name__}）。请用 zwgk build 生成的 ledger.xlsx 填写。",
                               Location(str(path))) from None
    items: list[TaskProgress] = []
    places: list[tuple[Location, str]] = []
    office = [r for r in rows if not r.get("unit")]
    by_ref: dict[str, list[LedgerRow]] = {}  # the units' entries, where the office has not written its own
    for r in rows:
        if r.get("unit"):
            by_ref.setdefault(r.get("subtask_id") or r["task_id"], []).append(r)
    for row in office:
        if not row["status"] and not row["progress"]:  # nothing filled in: "no progress", a warning later
            continue
        by_ref.pop(row.get("subtask_id") or row["task_id"], None)
        # progress without a status: under way (the reader warned; it refuses other values)
        status = row["status"] if is_status(row["status"]) else IN_PROGRESS
        items.append(TaskProgress(
            task=row.get("subtask_id") or row["task_id"], status=status,
            done=[row["progress"]] if row["progress"] else [],
            evidence=[e for e in re.split(r"[\n；;]+", row["evidence"] or "") if e.strip()],
            completed=row.get("updated") if status == "已完成" else None,
        ))
        places.append((Location(str(path), row["row"], 1), f"台账第 {row['row']} 行"))
    for ref, group in by_ref.items():  # each unit's progress, under its name
        status = fold_status([r["status"] or "推进中" for r in group])
        dates = [d for r in group if (d := r["updated"]) is not None]
        items.append(TaskProgress(
            task=ref, status=status,
            done=[f"{r['unit']}：{r['progress']}" for r in group if r["progress"]],
            evidence=[e for r in group for e in re.split(r"[\n；;]+", r["evidence"] or "") if e.strip()],
            completed=max(dates) if dates and status == "已完成" else None,
        ))
        places.append((Location(str(path), group[0]["row"], 1), f"{group[0]['sheet']}第 {group[0]['row']} 行"))
    units = [r for r in rows if r.get("unit")]
    return items, lambda i: places[i], LedgerItems(warnings, units)


def _attach_units(entries: dict[str, Entry], extra: LedgerItems) -> None:
    """Each task's per-unit entries, as the ledger's 各单位报送 sheet holds them (zwgk report --json)."""
    for tid, entry in entries.items():
        entry.units = [{"unit": r["unit"], "role": r.get("role", ""), "subtask_id": r.get("subtask_id", ""),
                        "status": r["status"] or "推进中", "progress": r["progress"], "evidence": r["evidence"],
                        "updated": r["updated"].isoformat() if r["updated"] else None,
                        "sheet": r.get("sheet", ""), "row": r["row"]}
                       for r in extra.units if r["task_id"] == tid]


def _check_ledger_file(path: Path, ctx: RenderContext) -> None:
    """Refuse a ledger made for another plan: its title row names the plan it was generated from."""
    import zipfile

    if not zipfile.is_zipfile(path):
        raise UserError.single("无法读取工作台账：这不是 Excel 工作簿（.xlsx）。请用 zwgk build 生成的 ledger.xlsx 填写。", Location(str(path)))
    try:
        from openpyxl import load_workbook

        wb = load_workbook(path, read_only=True, data_only=True)
        ws = wb.worksheets[0]
        title = next((str(v) for row in ws.iter_rows(min_row=1, max_row=3, values_only=True) for v in row if v), "")
        wb.close()
    except Exception:  # unreadable: read_ledger reports it
        return
    expected = ctx.table.title
    if "工作台账" in title and _norm(expected) not in _norm(title):
        raise UserError.single(f"这份工作台账是《{title.replace('（工作台账）', '')}》的，不是《{expected}》的（另一份计划或另一年度）。",
                               Location(str(path), 1, 1), f"{ws.title}!A1")


def fold_status(statuses: list[str]) -> Status:
    """One status for a task from its rows: 已完成 only when every row is; 未启动 only when none started."""
    kinds = set(statuses)
    if kinds == {DONE}:
        return DONE
    if kinds == {NOT_STARTED}:
        return NOT_STARTED
    if kinds <= {DONE, ONGOING}:
        return ONGOING
    return IN_PROGRESS
