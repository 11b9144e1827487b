"""The one translator of pydantic's validation errors into Chinese, for every input the
project reads (plans, progress, stats, ledgers): field titles from the model, the typed
value quoted, a hint for misspelt keys; never pydantic's English."""

from __future__ import annotations

import difflib
import re
import typing
from collections.abc import Mapping
from typing import Any, Optional

from pydantic import BaseModel
from pydantic_core import ErrorDetails

from .yaml_reader import impossible_date_reason

from ..model.tree import Loc

RANGE_WORDS = {"greater_than": "大于", "greater_than_equal": "不小于", "less_than": "小于", "less_than_equal": "不大于"}
_INT_KINDS = ("int_type", "int_parsing", "int_from_float", "decimal_parsing", "decimal_type")


def format_path(loc: typing.Sequence[object]) -> str:
    """("plan", "parts", 0, "title") → plan.parts[0].title"""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out


def _inner_model(annotation: Any) -> Optional[type[BaseModel]]:
    """The model inside an annotation: X, Optional[X], list[X], dict[str, X] …"""
    for arg in (annotation, *typing.get_args(annotation)):
        if isinstance(arg, type) and issubclass(arg, BaseModel):
            return arg
        for inner in typing.get_args(arg):
            if isinstance(inner, type) and issubclass(inner, BaseModel):
                return inner
    return None


def model_at(root: type[BaseModel], loc: typing.Sequence[object]) -> Optional[type[BaseModel]]:
    """The model class reached by following loc from root (list indexes skipped; aliases too)."""
    model: Optional[type[BaseModel]] = root
    for part in loc:
        if isinstance(part, int):
            continue
        if model is None:
            return None
        field = next((f for n, f in model.model_fields.items() if part in (n, f.alias)), None)
        if field is None:
            return None
        model = _inner_model(field.annotation)
    return model


def _title_of(root: type[BaseModel], loc: Loc) -> str:
    """The Chinese title of the field at loc, or ""."""
    if not loc or isinstance(loc[-1], int):
        return ""
    holder = model_at(root, loc[:-1])
    field = next((f for n, f in holder.model_fields.items() if loc[-1] in (n, f.alias)), None) if holder else None
    return field.title if field is not None and field.title else ""


def _field_title(root: type[BaseModel], loc: Loc) -> str:
    title = _title_of(root, loc)
    return f"（{title}）" if title else ""


def _field_name(root: type[BaseModel], loc: Loc) -> str:
    """What a user calls the field at loc: its Chinese title ("成文日期"), a list item's field's title
    ("正文" for body[2]), else its key as written ("备注")."""
    field = tuple(loc)
    while field and isinstance(field[-1], int):
        field = field[:-1]
    return _title_of(root, field) or (f"“{field[-1]}”" if field else "")


def describe(value: object) -> str:
    if isinstance(value, Mapping):
        return "映射"
    if isinstance(value, list):
        return "列表"
    if value is None:
        return "空值"
    text = str(value)
    return f"“{text[:40]}……”" if len(text) > 40 else f"“{text}”"


def _unknown_key(root: type[BaseModel], loc: Loc) -> str:
    holder = model_at(root, loc[:-1])
    key = str(loc[-1])
    if holder is None:
        return f"未知字段“{key}”。"
    fields = {n: f for n, f in holder.model_fields.items() if not f.exclude}
    allowed = [f.alias or n for n, f in fields.items()]
    by_title = {f.title: f.alias or n for n, f in fields.items() if f.title}
    close = difflib.get_close_matches(key, allowed, n=1, cutoff=0.5)
    if key in by_title:
        hint = f"“{key}”请写作 {by_title[key]}。"
    elif close:
        hint = f"您是否想写 {close[0]}？"
    else:
        hint = "这里可以写：" + "、".join(allowed) + "。" if allowed else ""
    return f"未知字段“{key}”。{hint}"


def translate(err: ErrorDetails, root: type[BaseModel], cell: str = "") -> str:
    """A Chinese sentence for one pydantic error of `root.model_validate`.

    `cell` names a spreadsheet cell ("表三“…”行“总计”列") when the value came from one.
    """
    kind, loc, value = err["type"], tuple(err["loc"]), err.get("input")
    ctx: dict[str, Any] = dict(err.get("ctx") or {})
    where = f"{cell}：" if cell else ""
    title = _field_title(root, loc)
    if kind == "missing":
        return f"{where}缺少必填字段“{loc[-1]}”{title}。"
    if kind == "extra_forbidden":
        return where + _unknown_key(root, loc)
    if kind in ("string_type", "str_type"):
        return f"{where}应为文字{title}，实际是 {describe(value)}。"
    if kind in _INT_KINDS:
        if value is None and cell:
            return f"{where}单元格是空白的。统计表不能留空，没有数据请填 0（T3-H4/T4-H4）。"
        return f"{where}应为整数{title}，实际是 {describe(value)}。"
    if kind in ("float_type", "float_parsing"):
        return f"{where}应为数字{title}，实际是 {describe(value)}。"
    if kind in ("bool_type", "bool_parsing"):
        return f"{where}应为 true 或 false{title}。"
    if kind.startswith(("date_", "datetime_")):
        if isinstance(value, str) and re.match(r"\s*\d{4}\D+\d{1,2}\D+\d{1,2}", value):
            return f"{where}日期“{value}”不存在{title}：{impossible_date_reason(value)}。请写作 2021-06-22 这样实际存在的日期。"
        return f"{where}日期格式不正确{title}，应写作 2021-06-22。"
    if kind == "literal_error":
        choices = re.findall(r"'([^']*)'", str(ctx.get("expected", "")))  # pydantic: "'a', 'b' or 'c'"
        return f"{where}取值 {describe(value)} 不正确{title}，应为：{'、'.join(choices) or ctx.get('expected', '')}。"
    if kind == "list_type":
        return f"{where}应为列表{title}（每项以“- ”开头）。"
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        return f"{where}应为“键: 值”的映射{title}，实际是 {describe(value)}。"
    if kind == "too_short":
        n = ctx.get("min_length", 1)
        return f"{where}至少需要{'一' if n == 1 else f' {n} '}项{title}。"
    if kind == "too_long":
        return f"{where}最多 {ctx.get('max_length', '')} 项{title}。"
    if kind in RANGE_WORDS:
        limit = next((v for k, v in ctx.items() if k in ("gt", "ge", "lt", "le")), "")
        if kind in ("greater_than_equal", "greater_than") and limit == 0:
            return f"{where}不能为负数{title}，实际是 {value}。"
        return f"{where}数值超出范围{title}：应{RANGE_WORDS[kind]} {limit}，实际是 {describe(value)}。"
    if kind == "finite_number":
        return f"{where}应为普通的数字{title}，不能是 .inf 或 .nan。"
    if kind == "int_parsing_size":
        return f"{where}数字过大{title}。"
    if kind == "impossible_date":  # a date in any text (model/plan.py _checked): name the field it is in
        name = _field_name(root, loc) + (f"“{ctx['key']}”" if ctx.get("key") else "")
        date, reason = ctx["date"], ctx["reason"]
        if str(ctx.get("text", "")).strip() == date:  # the whole value is the date: 成文日期“2022年2月30日”
            return f"{where}{name or '日期'}“{date}”不存在：{reason}。请写作实际存在的日期，如 2021-06-22。"
        return f"{where}{name + '中的' if name else ''}日期“{date}”不存在：{reason}。"
    if kind == "value_error":
        return f"{where}{ctx.get('error', err.get('msg'))}"
    # Never pydantic's English: a kind not translated above still gets a Chinese sentence.
    return f"{where}取值不正确{title}，实际是 {describe(value)}。"
