"""Turn plain data into a typed Plan, translating every problem into Chinese with its position."""

from __future__ import annotations

import difflib
from typing import Any, Callable, Optional

from pydantic import ValidationError
from pydantic_core import ErrorDetails

from ..errors import Diagnostic, Location, UserError
from ..model import Plan
from ..model.plan import Node, Part, Task
from ..model.vocab import COLUMNS, is_extra
from ..model.tree import Loc, walk
from ..numbering import assign_numbers
from .excel_limits import excel_warnings
from .errors import describe as _describe
from .errors import format_path, translate
from .yaml_reader import SourceMap

def _message(err: ErrorDetails) -> str:
    return translate(err, Plan)


def to_plan(data: Any, smap: SourceMap) -> Plan:
    if not isinstance(data, dict):
        raise UserError([Diagnostic(
            f"计划文件的最外层应为“键: 值”的映射（以 plan:、table: 等开头），实际是{_describe(data)}。",
            smap.locate(()),
        )])
    try:
        plan = Plan.model_validate(data)
    except ValidationError as exc:
        diags = []
        for err in exc.errors():
            loc = tuple(err["loc"])
            diags.append(Diagnostic(_message(err), smap.locate(loc, prefer_key=err["type"] == "extra_forbidden"), format_path(loc)))
        raise UserError(diags) from None
    plan.source = smap.file
    _check_structure(plan, smap)
    return assign_numbers(plan)


def prepare(plan: Plan) -> Plan:
    """Check and number a plan that did not come through the loader (built in Python, then edited)."""
    if not isinstance(plan, Plan):
        raise TypeError(f"expected a zwgk_docs.Plan, got {type(plan).__name__} (use loads(text) or Plan.model_validate(data))")
    fresh = _revalidated(plan)
    _check_structure(fresh, None)
    assign_numbers(plan)  # the caller's object keeps its labels
    return assign_numbers(fresh)


def _revalidated(plan: Plan) -> Plan:
    """A fresh copy validated like a loaded plan: whatever was assigned after loading (pasted control
    characters, a number where text belongs) is cleaned or refused before any writer sees it."""
    try:
        fresh = Plan.model_validate(plan.model_dump(warnings=False))
    except ValidationError as exc:
        raise UserError([Diagnostic(_message(err), None, format_path(tuple(err["loc"]))) for err in exc.errors()]) from None
    fresh.source = plan.source
    return fresh


def _check_structure(plan: Plan, smap: Optional[SourceMap]) -> None:
    diags: list[Diagnostic] = []

    def where(loc: Loc, prefer_key: bool = False) -> Optional[Location]:
        return smap.locate(loc, prefer_key) if smap is not None else None

    for i, part in enumerate(plan.plan.parts):
        if part.sections and part.tasks:
            loc: Loc = ("plan", "parts", i, "tasks")
            diags.append(Diagnostic("一个部分不能同时有 sections（小节）和 tasks（任务）：请把任务放进小节，或去掉小节。", where(loc, True), format_path(loc)))
        if not part.sections and not part.tasks:
            loc = ("plan", "parts", i)
            diags.append(Diagnostic("这个部分没有任何任务。", where(loc), format_path(loc)))
    for j, col in enumerate(plan.table.columns):
        if col.field in COLUMNS or is_extra(col.field):
            continue
        loc = ("table", "columns", j, "field")
        close = difflib.get_close_matches(col.field, list(COLUMNS), n=1, cutoff=0.5)
        hint = f"您是否想写 {close[0]}？" if close else "可选：" + "、".join(COLUMNS) + "，或 extra:列名。"
        diags.append(Diagnostic(f"未知的列内容“{col.field}”。{hint}", where(loc), format_path(loc)))
    seen: dict[str, Loc] = {}
    for loc, node in _located_nodes(plan):
        if node.id and node.id in seen:
            diags.append(Diagnostic(f"id“{node.id}”重复（{format_path(seen[node.id])} 已使用）。", where(loc + ("id",)), format_path(loc + ("id",))))
        elif node.id:
            seen[node.id] = loc
    if diags:
        raise UserError(diags)


def _located_nodes(plan: Plan) -> list[tuple[Loc, Node]]:
    """(YAML location, node) of every node, from the one tree walk."""
    return [(v.loc, v.node) for v in walk(plan)]


def warnings_for(plan: Plan, smap: Optional[SourceMap]) -> list[Diagnostic]:
    """Things that are probably mistakes but do not stop a build."""
    out: list[Diagnostic] = []
    texts: dict[str, Loc] = {}

    def where(loc: Loc) -> Optional[Location]:
        return smap.locate(loc) if smap else None

    out += _notice_warnings(plan, where)
    out += excel_warnings(plan, _located_nodes(plan), where)
    for loc, node in _located_nodes(plan):
        if isinstance(node, Part) or node.kind == "section":
            continue
        deadline = getattr(node, "deadline", None)
        if deadline is not None:
            due = deadline.due(plan.plan.year)
            if due is not None and due.year != plan.plan.year:
                out.append(Diagnostic(f"完成时限“{deadline}”不在计划年度 {plan.plan.year} 年内。", where(loc + ("deadline",)), format_path(loc + ("deadline",)), "warning"))
        if isinstance(node, Task):
            has_unit = any(u for n in [node, *node.subtasks] for u in (n.lead + n.responsible + n.cooperate))
            if not has_unit:
                out.append(Diagnostic(f"任务 {node.label or node.id} 没有任何牵头、责任或配合单位。", where(loc), format_path(loc), "warning"))
        body = "".join(node.text)
        if len(body) >= 10:
            if body in texts:
                if texts[body] != loc[:-2]:  # a sub-task restating its own task is a one-row breakdown (沈阳 15), not a copy
                    out.append(Diagnostic(f"内容与 {format_path(texts[body])} 重复。", where(loc + ("text",)), format_path(loc + ("text",)), "warning"))
            else:
                texts[body] = loc
    from ..context.units import unit_warnings  # units are parsed in the render context's terms

    return out + unit_warnings(plan, _located_nodes(plan), where)


def _notice_warnings(plan: Plan, where: Callable[[Loc], Optional[Location]]) -> list[Diagnostic]:
    from ..context import drafted_body
    from ..context.table import table_title

    n = plan.notice
    if n is None:
        return []
    out = []
    if not n.body:
        loc = ("notice", "body")
        out.append(Diagnostic(f"通知没有正文（body），已按惯例起草为“{drafted_body(plan)[0]}”，请核对或自行填写。",
                              where(loc), format_path(loc), "warning"))
    for i, attachment in enumerate(n.attachments):
        own = {"table": (table_title(plan), "任务分解表标题（table.title）"),
               "plan": (plan.plan.title, "要点标题（plan.title）")}.get(attachment.content)
        if own is not None and attachment.title.strip() != own[0].strip():
            title_loc: Loc = ("notice", "attachments", i, "title")
            out.append(Diagnostic(f"附件标题“{attachment.title}”与{own[1]}“{own[0]}”不一致：附件说明和附件页用前者，"
                                  "单独印发的表格、PDF 用后者。同一个附件只应有一个名称"
                                  "（GB/T 9704 第 7.3.7 条：附件标题与附件说明一致），请改成同一个。",
                                  where(title_loc), format_path(title_loc), "warning"))
    if not n.recipients:
        loc = ("notice", "recipients")
        out.append(Diagnostic("通知没有主送机关（recipients）。普发性通知应写明主送机关，如“各区、县（市）人民政府，市政府各部门：”。",
                              where(loc), format_path(loc), "warning"))
    return out
