"""The progress file: per task its status, what was done, evidence and completion date.

Two sources: a YAML file (docs/report.md), or the 工作台账 ledger.xlsx read back through
zwgk_docs.writers.xlsx.ledger_reader. A YAML file may also point at a ledger (`ledger:`)
and add the report's own paragraphs (`report:`). Tasks are matched by id or by number;
numbers and titles always come from the plan's render context.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any, Optional, Union

from pydantic import BeforeValidator, Field

from ..context import RenderContext, TaskInfo
from ..errors import Diagnostic, Location, UserError
from ..load import SourceMap, format_path
from ..model.plan import Paragraphs, StrList, Strict
from ..model.vocab import STATUSES, Status, chinese_numeral
from .inputs import read_mapping, validate



def _block(value: Any) -> Any:
    return {"text": value} if isinstance(value, str) else value


class Block(Strict):
    """A paragraph, or a titled sub-section （一）… of a report section."""

    title: Optional[str] = Field(None, title="小标题", description="不含编号，编号（一）（二）……自动生成")
    text: Paragraphs = Field(default_factory=list, title="段落")


Blocks = list[Annotated[Block, BeforeValidator(_block)]]


class ReportMeta(Strict):
    organ: Optional[str] = Field(None, title="报告机关", description="署名，如“沈阳市人民政府办公室”")
    title: Optional[str] = Field(None, title="报告标题", description="默认：要点地区+年度+政府信息公开工作年度报告")
    date: Optional[dt.date] = Field(None, title="报告日期", description="逾期统计以此为准；默认为年度最后一天")
    intro: Paragraphs = Field(default_factory=list, title="导语")
    overview: Blocks = Field(default_factory=list, title="一、总体情况")
    problems: Blocks = Field(default_factory=list, title="五、存在的主要问题及改进情况")
    other: Blocks = Field(default_factory=list, title="六、其他需要报告的事项（信息处理费、要点落实情况之后）")


class TaskProgress(Strict):
    task: Union[int, str] = Field(title="任务", description="任务 id（如 sy-01）或编号（如 1、“1.”、“（一）”）")
    status: Status = Field(title="完成状态", description=" / ".join(STATUSES))
    done: Paragraphs = Field(default_factory=list, title="落实情况", description="做了什么，一段或多段")
    evidence: StrList = Field(default_factory=list, title="佐证材料", description="链接、文号、文件名")
    completed: Optional[dt.date] = Field(None, title="完成日期")


class ProgressSource(Strict):
    report: ReportMeta = Field(default_factory=ReportMeta, title="报告正文")
    ledger: Optional[str] = Field(None, title="工作台账", description="ledger.xlsx 的路径（相对本文件）；与 tasks 二选一或并用")
    tasks: list[TaskProgress] = Field(default_factory=list, title="任务进度")


@dataclass
class Entry:
    """One task's progress, matched to the plan."""

    task: TaskInfo
    status: str
    done: list[str]
    evidence: list[str]
    completed: Optional[dt.date]
    units: list[dict] = field(default_factory=list)  # the units' own entries (ledger 各单位报送): unit, status, progress…


@dataclass
class Progress:
    meta: ReportMeta
    entries: dict[str, Entry] = field(default_factory=dict)  # by task id
    warnings: list[Diagnostic] = field(default_factory=list)
    smap: Optional[SourceMap] = None  # locates the report paragraphs (narrative checks)


# ------------------------------------------------------------------ matching


def _norm(text: str) -> str:
    return re.sub(r"[\s.．、,，()（）]", "", unicodedata.normalize("NFKC", str(text)))


class TaskIndex:
    """Find a task by id, by label ("1."/"（一）") or by its number."""

    def __init__(self, ctx: RenderContext) -> None:
        self.by_id = {t.id: t for t in ctx.tasks}
        self.sub_parent = {s.id: t for t in ctx.tasks for s in t.subtasks if s.id}
        self.by_label: dict[str, list[TaskInfo]] = {}
        for t in ctx.tasks:
            if t.label:
                self.by_label.setdefault(_norm(t.label), []).append(t)

    def find(self, ref: Union[int, str]) -> tuple[Optional[TaskInfo], str]:
        """(task, "") or (None, Chinese reason)."""
        if isinstance(ref, str) and ref.strip() in self.by_id:
            return self.by_id[ref.strip()], ""
        keys = [_norm(ref)]
        if keys[0].isdigit():
            keys.append(chinese_numeral(int(keys[0])))  # 5 also finds （五） (吉林市)
        for key in keys:
            found = self.by_label.get(key, [])
            if len(found) == 1:
                return found[0], ""
            if len(found) > 1:
                return None, f"编号“{ref}”对应多项任务（{'、'.join(t.id for t in found)}），请改用任务 id。"
        if isinstance(ref, str) and ref.strip() in self.sub_parent:
            parent = self.sub_parent[ref.strip()]
            return None, f"“{ref}”是任务 {parent.heading} 的子任务，请按任务填写：task: {parent.id}。"
        return None, f"计划中没有任务“{ref}”。任务 id 可用 `zwgk outline 计划文件` 查看。"


def _match(items: list[TaskProgress], index: TaskIndex, where) -> tuple[dict[str, Entry], list[Diagnostic]]:
    entries: dict[str, Entry] = {}
    first: dict[str, int] = {}
    errors: list[Diagnostic] = []
    for i, item in enumerate(items):
        task, reason = index.find(item.task)
        if task is None:
            errors.append(Diagnostic(reason, *where(i)))
        elif task.id in entries:
            errors.append(Diagnostic(f"任务 {task.heading} 的进度写了两次（另见第 {first[task.id] + 1} 项）。", *where(i)))
        else:
            first[task.id] = i
            entries[task.id] = Entry(task, item.status, list(item.done), list(item.evidence), item.completed)
    return entries, errors


def _missing(ctx: RenderContext, entries: dict[str, Entry], name: str) -> list[Diagnostic]:
    return [Diagnostic(f"任务 {t.heading}（{t.id}）没有填写进度，报告中将标为“未填报”。", Location(name), "", "warning")
            for t in ctx.tasks if t.id not in entries]


# ------------------------------------------------------------------ loading


def load_progress(path: Union[str, os.PathLike], ctx: RenderContext) -> Progress:
    path = Path(path)
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        items, where, extra = _ledger_items(path)
        entries, errors = _match(items, TaskIndex(ctx), where)
        if errors:
            raise UserError(errors)
        _attach_units(entries, extra)
        warnings = extra["warnings"] + [Diagnostic("台账中没有报告正文（一、总体情况，五、存在的主要问题），可在 YAML 进度文件中写 report: 并用 ledger: 引用台账。",
                               Location(str(path)), "", "warning")]
        return Progress(ReportMeta(), entries, warnings + _missing(ctx, entries, str(path)))
    data, smap = read_mapping(path, "进度文件")
    source: ProgressSource = validate(ProgressSource, data, smap)
    index = TaskIndex(ctx)
    entries: dict[str, Entry] = {}
    errors: list[Diagnostic] = []
    if source.ledger:
        ledger_path = path.parent / source.ledger
        items, lwhere, extra = _ledger_items(ledger_path, smap.locate(("ledger",)))
        entries, errors = _match(items, index, lwhere)
        _attach_units(entries, extra)

    def where(i: int) -> tuple[Location, str]:
        loc = ("tasks", i, "task")
        return smap.locate(loc), format_path(loc)

    own, own_errors = _match(source.tasks, index, where)
    for tid, entry in own.items():  # the YAML overrides the ledger, row by row
        entries[tid] = entry
    errors += own_errors
    if errors:
        raise UserError(errors)
    return Progress(source.report, entries, _missing(ctx, entries, smap.file), smap)


def _ledger_items(path: Path, referenced_at: Optional[Location] = None):
    """The 工作台账 (one row per sub-task) folded into one TaskProgress per task, with its location."""
    try:
        from ..writers.xlsx.ledger_reader import read_ledger
    except ModuleNotFoundError:
        raise UserError.single("本版本还不能读取工作台账（.xlsx），请使用 YAML 进度文件。", referenced_at or Location(str(path))) from None
    if not path.is_file():
        raise UserError.single(f"找不到工作台账文件：{path}", referenced_at or Location(str(path)))
    groups: dict[str, list[dict]] = {}
    warnings: list[Diagnostic] = []
    for row in read_ledger(path, warnings):
        groups.setdefault(row["task_id"], []).append(row)
    items: list[TaskProgress] = []
    places: list[tuple[Location, str]] = []
    for task_id, rows in groups.items():
        filled = [r for r in rows if r["status"] or r["progress"]]
        if not filled:  # nothing filled in: "no progress", a warning later
            continue
        status = fold_status(_row_statuses(rows))
        dates = [r["updated"] for r in filled if r.get("updated")]
        items.append(TaskProgress(
            task=task_id, status=status,
            done=[f"{r['unit']}：{r['progress']}" if r.get("unit") else r["progress"] for r in rows if r["progress"]],
            evidence=[e for r in rows for e in re.split(r"[\n；;]+", r["evidence"] or "") if e.strip()],
            completed=max(dates) if dates and status == "已完成" else None,
        ))
        places.append((Location(str(path), filled[0]["row"], 1), f"台账第 {filled[0]['row']} 行"))
    units = {tid: [r for r in rows if r.get("unit")] for tid, rows in groups.items()}
    return items, lambda i: places[i], {"warnings": warnings, "units": units}


def _attach_units(entries: dict[str, Entry], extra: dict) -> None:
    """Each task's per-unit entries, as the ledger's 各单位报送 sheet holds them."""
    for tid, entry in entries.items():
        entry.units = [{"unit": r["unit"], "role": r.get("role", ""), "status": r["status"] or ("推进中" if r["progress"] else ""),
                        "progress": r["progress"], "evidence": r["evidence"],
                        "updated": r["updated"].isoformat() if r["updated"] else None, "row": r["row"]}
                       for r in extra["units"].get(tid, [])]


def _row_statuses(rows: list[dict]) -> list[str]:
    """One status per table row of a task: the office's own, else its units' entries folded.

    An unfilled row is not done; progress without a status is under way (the reader warned).
    """
    def one(r: dict) -> str:
        return r["status"] or ("推进中" if r["progress"] else "")

    out = []
    for sub in dict.fromkeys(r["subtask_id"] for r in rows):
        mine = [r for r in rows if r["subtask_id"] == sub]
        office = [one(r) for r in mine if not r.get("unit") and one(r)]
        units = [one(r) for r in mine if r.get("unit") and one(r)]
        out.append(office[0] if office else fold_status(units) if units else "未启动")
    return out


def fold_status(statuses: list[str]) -> str:
    """One status for a task from its rows: 已完成 only when every row is; 未启动 only when none started."""
    kinds = set(statuses)
    if kinds == {"已完成"}:
        return "已完成"
    if kinds == {"未启动"}:
        return "未启动"
    if kinds <= {"已完成", "持续推进"}:
        return "持续推进"
    return "推进中"
