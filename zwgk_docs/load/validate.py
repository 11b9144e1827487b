"""Turn plain data into a typed Plan, translating every problem into Chinese with its position."""

from __future__ import annotations

import difflib
import re
import typing
from typing import Any, Optional

from pydantic import BaseModel, ValidationError

from ..errors import Diagnostic, Location, UserError
from ..model import Plan
from ..model.plan import Part, Task
from ..model.vocab import COLUMNS, is_extra
from ..numbering import assign_numbers
from .excel_limits import excel_warnings
from .yaml_reader import SourceMap, impossible_date_reason

def format_path(loc: tuple) -> str:
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out


def _model_at(loc: tuple) -> Optional[type[BaseModel]]:
    """The pydantic model class that holds the last element of loc."""
    model: Any = Plan
    for part in loc:
        if isinstance(part, int):
            continue
        if not (isinstance(model, type) and issubclass(model, BaseModel)):
            return None
        field = model.model_fields.get(part)
        if field is None:
            return None
        model = _inner_model(field.annotation)
    return model if isinstance(model, type) and issubclass(model, BaseModel) else None


def _inner_model(annotation: Any) -> Any:
    for arg in (annotation, *typing.get_args(annotation)):
        if isinstance(arg, type) and issubclass(arg, BaseModel):
            return arg
        for inner in typing.get_args(arg):
            if isinstance(inner, type) and issubclass(inner, BaseModel):
                return inner
    return None


def _field_title(loc: tuple) -> str:
    names = [p for p in loc if isinstance(p, str)]
    if not names:
        return ""
    holder = _model_at(tuple(p for p in loc[:-1])) if not isinstance(loc[-1], int) else None
    field = holder.model_fields.get(names[-1]) if holder else None
    return f"（{field.title}）" if field is not None and field.title else ""


def _message(err: dict) -> str:
    kind = err["type"]
    loc = err["loc"]
    ctx = err.get("ctx") or {}
    if kind == "missing":
        return f"缺少必填字段“{loc[-1]}”{_field_title(loc)}。"
    if kind == "extra_forbidden":
        holder = _model_at(loc[:-1])
        hint = ""
        if holder is not None:
            allowed = [n for n, f in holder.model_fields.items() if not f.exclude]
            by_title = {f.title: n for n, f in holder.model_fields.items() if f.title and not f.exclude}
            close = difflib.get_close_matches(str(loc[-1]), allowed, n=1, cutoff=0.5)
            if str(loc[-1]) in by_title:
                hint = f"“{loc[-1]}”请写作 {by_title[str(loc[-1])]}。"
            elif close:
                hint = f"您是否想写 {close[0]}？"
            else:
                hint = "这里可以写：" + "、".join(allowed) + "。"
        return f"未知字段“{loc[-1]}”。{hint}"
    if kind in ("string_type", "str_type"):
        return f"应为文字{_field_title(loc)}，实际是 {_describe(err.get('input'))}。"
    if kind in ("int_type", "int_parsing", "int_from_float"):
        return f"应为整数{_field_title(loc)}，实际是 {_describe(err.get('input'))}。"
    if kind in ("float_type", "float_parsing"):
        return f"应为数字{_field_title(loc)}。"
    if kind in ("bool_type", "bool_parsing"):
        return f"应为 true 或 false{_field_title(loc)}。"
    if kind.startswith("date_") or kind.startswith("datetime_"):
        value = err.get("input")
        if isinstance(value, str) and re.match(r"\s*\d{4}\D+\d{1,2}\D+\d{1,2}", value):
            return f"日期“{value}”不存在{_field_title(loc)}：{impossible_date_reason(value)}。请写作 2021-06-22 这样实际存在的日期。"
        return f"日期格式不正确{_field_title(loc)}，应写作 2021-06-22。"
    if kind == "literal_error":
        return f"取值不正确{_field_title(loc)}，应为：{ctx.get('expected', '')}。"
    if kind in ("list_type",):
        return f"应为列表{_field_title(loc)}（每项以“- ”开头）。"
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        return f"应为“键: 值”的映射{_field_title(loc)}，实际是 {_describe(err.get('input'))}。"
    if kind == "too_short":
        return f"至少需要一项{_field_title(loc)}。"
    if kind in RANGE_WORDS:
        limit = next((v for k, v in ctx.items() if k in ("gt", "ge", "lt", "le")), "")
        return f"数值超出范围{_field_title(loc)}：应{RANGE_WORDS[kind]} {limit}，实际是 {_describe(err.get('input'))}。"
    if kind == "finite_number":
        return f"应为普通的数字{_field_title(loc)}，不能是 .inf 或 .nan。"
    if kind == "int_parsing_size":
        return f"数字过大{_field_title(loc)}。"
    if kind == "value_error":
        return str(ctx.get("error", err.get("msg")))
    # Never pydantic's English: a kind not translated above still gets a Chinese sentence.
    return f"取值不正确{_field_title(loc)}，实际是 {_describe(err.get('input'))}。"


RANGE_WORDS = {"greater_than": "大于", "greater_than_equal": "不小于", "less_than": "小于", "less_than_equal": "不大于"}


def _describe(value: Any) -> str:
    if isinstance(value, dict):
        return "映射"
    if isinstance(value, list):
        return "列表"
    if value is None:
        return "空值"
    text = str(value)
    return f"“{text[:40]}……”" if len(text) > 40 else f"“{text}”"


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

    def where(loc: tuple, prefer_key: bool = False) -> Optional[Location]:
        return smap.locate(loc, prefer_key) if smap is not None else None

    for i, part in enumerate(plan.plan.parts):
        if part.sections and part.tasks:
            loc = ("plan", "parts", i, "tasks")
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
    seen: dict[str, tuple] = {}
    for loc, node in _located_nodes(plan):
        if node.id and node.id in seen:
            diags.append(Diagnostic(f"id“{node.id}”重复（{format_path(seen[node.id])} 已使用）。", where(loc + ("id",)), format_path(loc + ("id",))))
        elif node.id:
            seen[node.id] = loc
    if diags:
        raise UserError(diags)


def _located_nodes(plan: Plan):
    for i, part in enumerate(plan.plan.parts):
        ploc = ("plan", "parts", i)
        yield ploc, part
        for j, section in enumerate(part.sections):
            yield ploc + ("sections", j), section
            for k, task in enumerate(section.tasks):
                tloc = ploc + ("sections", j, "tasks", k)
                yield tloc, task
                for m, sub in enumerate(task.subtasks):
                    yield tloc + ("subtasks", m), sub
        for k, task in enumerate(part.tasks):
            tloc = ploc + ("tasks", k)
            yield tloc, task
            for m, sub in enumerate(task.subtasks):
                yield tloc + ("subtasks", m), sub


def warnings_for(plan: Plan, smap: Optional[SourceMap]) -> list[Diagnostic]:
    """Things that are probably mistakes but do not stop a build."""
    out: list[Diagnostic] = []
    texts: dict[str, tuple] = {}

    def where(loc: tuple):
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
                out.append(Diagnostic(f"内容与 {format_path(texts[body])} 重复。", where(loc + ("text",)), format_path(loc + ("text",)), "warning"))
            else:
                texts[body] = loc
    from ..context.units import unit_warnings  # units are parsed in the render context's terms

    return out + unit_warnings(plan, _located_nodes(plan), where)


def _notice_warnings(plan: Plan, where) -> list[Diagnostic]:
    from ..context import drafted_body

    n = plan.notice
    if n is None:
        return []
    out = []
    if not n.body:
        loc = ("notice", "body")
        out.append(Diagnostic(f"通知没有正文（body），已按惯例起草为“{drafted_body(plan)[0]}”，请核对或自行填写。",
                              where(loc), format_path(loc), "warning"))
    if not n.recipients:
        loc = ("notice", "recipients")
        out.append(Diagnostic("通知没有主送机关（recipients）。普发性通知应写明主送机关，如“各区、县（市）人民政府，市政府各部门：”。",
                              where(loc), format_path(loc), "warning"))
    return out
