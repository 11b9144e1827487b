"""What the readers of an import build (a Draft: plan-file-shaped nodes and the notes taken on the
way) and, converted in one place (`Draft.finish`), what an import produces: an `Imported` — the typed,
validated Plan with the importer's decisions and warnings, written as YAML by writer.plan_yaml."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal, Optional, TypedDict, Union

from pydantic import ValidationError

from ..errors import Diagnostic, Location, UserError
from ..load.errors import format_path, translate
from ..model.plan import Assignment, Plan, Task
from ..model.tree import walk
from .writer import Remarks, plan_yaml

NO_TITLE = "（请填写要点标题）"

# ---------------------------------------------------------------- the readers' nodes
# Plan-file-shaped, so Draft.finish validates them as they are; keys are the model's field names
# (tests/test_import.py checks), values as the source wrote them: one unit or several, one paragraph or several.

OneOrMany = Union[str, list[str]]
UnitRole = Literal["lead", "responsible", "cooperate"]
UNIT_ROLES: tuple[UnitRole, ...] = ("lead", "responsible", "cooperate")


class AssignmentData(TypedDict, total=False):
    lead: OneOrMany
    responsible: OneOrMany
    cooperate: OneOrMany
    deadline: Union[str, dt.date]
    disclosure_time: str
    disclosure_method: str
    extra: dict[str, str]


class SubTaskData(AssignmentData, total=False):
    title: str
    text: OneOrMany
    responsibility: str


class TaskData(SubTaskData, total=False):
    subtasks: list[SubTaskData]


class SectionData(TypedDict, total=False):
    title: str
    text: OneOrMany
    tasks: list[TaskData]


class PartData(TypedDict, total=False):
    title: str
    text: OneOrMany
    sections: list[SectionData]
    tasks: list[TaskData]


class LevelData(TypedDict, total=False):
    style: str
    restart: bool


class NumberingData(TypedDict, total=False):
    part: LevelData
    section: LevelData
    task: LevelData
    subtask: LevelData


class ColumnData(TypedDict):
    header: str
    field: str
    width: float


class AttachmentData(TypedDict):
    title: str
    content: str


class NoticeData(TypedDict, total=False):
    issuer: str
    issuer_mark: str
    doc_number: str
    title: str
    recipients: str
    body: list[str]
    plan_follows: bool
    attachments: list[AttachmentData]
    signature: str
    date: dt.date
    note: str


class WebData(TypedDict, total=False):
    index_number: str
    category: str
    publish_date: dt.date


def set_assigned(node: AssignmentData, field: str, value: Any) -> None:
    """node[field] = value for an assignment field named at run time (a table column's field): any field
    of the model's Assignment, so a column kind added to vocab and the model imports without a change here."""
    if field not in Assignment.model_fields:
        raise KeyError(field)
    node[field] = value  # type: ignore[literal-required]  # a field of the model, checked just above


@dataclass
class Draft:
    title: str = ""
    year: Optional[int] = None
    parts: list[PartData] = field(default_factory=list)
    numbering: NumberingData = field(default_factory=lambda: NumberingData())
    columns: list[ColumnData] = field(default_factory=list)
    table_title: str = ""
    part_rows: bool = False
    unit_separator: str = "、"
    preamble: list[str] = field(default_factory=list)
    closing: list[str] = field(default_factory=list)
    notice: Optional[NoticeData] = None
    web: Optional[WebData] = None
    warnings: list[str] = field(default_factory=list)
    # What the importer decided and on which cells (column roles, levels): printed and written on top.
    decisions: list[str] = field(default_factory=list)
    # Comments for the YAML: a task's index in document order → comment line written above it.
    task_notes: dict[int, str] = field(default_factory=dict)

    def note(self, index: int, text: str) -> None:
        self.task_notes[index] = (self.task_notes[index] + "；" + text) if index in self.task_notes else text

    def tasks(self) -> list[TaskData]:
        return [t for p in self.parts for t in p.get("tasks", []) + [t for s in p.get("sections", []) for t in s.get("tasks", [])]]

    def plan_data(self) -> dict[str, Any]:
        """The draft in plan-file shape, the keys set as the importer found them."""
        plan: dict[str, Any] = {"title": self.title or self.table_title or NO_TITLE, "year": self.year or dt.date.today().year}
        if self.preamble:
            plan["preamble"] = self.preamble
        plan["numbering"] = self.numbering
        plan["parts"] = self.parts
        if self.closing:
            plan["closing"] = self.closing
        table: dict[str, Any] = {}
        if self.table_title:
            table["title"] = self.table_title
        table["part_rows"] = self.part_rows
        if self.unit_separator != "、":
            table["unit_separator"] = self.unit_separator
        table["columns"] = self.columns
        data: dict[str, Any] = {"version": 1}
        if self.notice:
            data["notice"] = self.notice
        if self.web:
            data["web"] = self.web
        data["plan"] = plan
        data["table"] = table
        return data

    def finish(self, source: str) -> "Imported":
        """The typed plan, validated here once; a date the source file itself gets wrong (2022年2月30日)
        is the user's to correct there, anything else the model refuses is the importer's fault."""
        try:
            plan = Plan.model_validate(self.plan_data())
        except ValidationError as exc:
            messages = [translate(e, Plan) for e in exc.errors()]
            dates = [m for m in messages if "不存在：" in m]
            if dates:
                raise UserError([Diagnostic(f"来源文件中{m}请在来源文件中改正后重新导入。", Location(source)) for m in dates]) from None
            where = [format_path(e["loc"]) for e in exc.errors()]
            raise UserError.single("导入结果未通过校验（这是导入程序的问题，请反馈）："
                                   + "；".join(f"{w}：{m}" for w, m in zip(where, messages)), Location(source)) from None
        remarks = Remarks()
        if not self.year:
            remarks.eol["plan.year"] = "未能从标题读出年度，请核对"
        if "unit_separator" in plan.table.model_fields_set:
            remarks.eol["table.unit_separator"] = "原表一格多个单位时的分隔方式"
        if self.numbering:
            remarks.before[f"plan.numbering.{next(iter(self.numbering))}"] = "编号规则由原文的编号推断（restart: true 表示每个上级内重新编号）"
            remarks.before["table.columns"] = "列的顺序、表头与原表一致，可据此重建原表"
        task_paths = [format_path(v.loc) for v in walk(plan) if v.node.kind == "task"]
        for index, text in self.task_notes.items():
            if index < len(task_paths):
                remarks.above[task_paths[index]] = text
        return Imported(plan, Path(source).name, self.warnings, self.decisions, remarks)


@dataclass
class Imported:
    """What `zwgk import` read from a file: the typed plan and what the importer decided or could not decide."""

    plan: Plan
    source: str  # the file's name, for the opening comment
    warnings: list[str]
    decisions: list[str]  # which cells a decision rests on (column roles, levels)
    remarks: Remarks

    def tasks(self) -> list[Task]:
        return self.plan.iter_tasks()

    def yaml(self) -> str:
        head = [f"由 zwgk import 从 {self.source} 导入。请核对后使用：zwgk validate 本文件；zwgk outline 本文件。"]
        if self.decisions:
            head.append("导入时的判断（依据的单元格；判断错了请改 table.columns 中的 field 后重新核对）：")
            head += [f"  * {d}" for d in self.decisions]
        if self.warnings:
            head.append("导入时无法确定的地方（请逐条核对）：")
            head += [f"  - {w}" for w in self.warnings]
        return plan_yaml(self.plan, "\n".join(head), self.remarks)


def guess_year(*texts: Any) -> Optional[int]:
    for text in texts:
        m = re.search(r"(20\d\d)\s*年", str(text or ""))
        if m:
            return int(m.group(1))
    return None
