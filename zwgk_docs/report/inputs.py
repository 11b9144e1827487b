"""Reading the report's YAML inputs: located Chinese errors, as for plan files."""

from __future__ import annotations

import difflib
import os
from typing import Any, Callable, Optional, Union

from pydantic import BaseModel, ValidationError

from ..errors import Diagnostic, UserError
from ..load import SourceMap, format_path, read_source
from ..load.yaml_reader import read_yaml

Describe = Callable[[tuple], str]  # loc → "表三“…”行“总计”列" (or "" when loc is not a cell)


def read_mapping(path: Union[str, os.PathLike], what: str) -> tuple[dict, SourceMap]:
    text, name = read_source(path)
    data, smap = read_yaml(text, name)
    if not isinstance(data, dict):
        raise UserError.single(f"{what}的最外层应为“键: 值”的映射。", smap.locate(()))
    return data, smap


def aliases(model: type[BaseModel]) -> list[str]:
    return [f.alias or n for n, f in model.model_fields.items() if not f.exclude]


def validate(model: type[BaseModel], data: Any, smap: SourceMap, describe: Optional[Describe] = None,
             relocate: Optional[Callable[[tuple], tuple]] = None) -> Any:
    """model.model_validate(data) with every error translated and located.

    `relocate` maps a model loc back to the YAML path (when keys were normalised first).
    """
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        diags = []
        for err in exc.errors():
            loc = tuple(err["loc"])
            where = relocate(loc) if relocate else loc
            cell = describe(loc) if describe else ""
            extra = err["type"] == "extra_forbidden"
            diags.append(Diagnostic(_message(err, model, cell), smap.locate(where, prefer_key=extra), format_path(where)))
        raise UserError(diags) from None


def _holder(model: type[BaseModel], loc: tuple) -> Optional[type[BaseModel]]:
    current: Any = model
    for part in loc:
        if isinstance(part, int) or not (isinstance(current, type) and issubclass(current, BaseModel)):
            continue
        field = next((f for n, f in current.model_fields.items() if part in (n, f.alias)), None)
        if field is None:
            return None
        current = field.annotation
    return current if isinstance(current, type) and issubclass(current, BaseModel) else None


def _message(err: dict, model: type[BaseModel], cell: str) -> str:
    kind, loc, value = err["type"], err["loc"], err.get("input")
    where = f"{cell}：" if cell else ""
    if kind == "extra_forbidden":
        holder = _holder(model, loc[:-1])
        allowed = aliases(holder) if holder else []
        close = difflib.get_close_matches(str(loc[-1]), allowed, n=1, cutoff=0.4)
        hint = f"您是否想写 {close[0]}？" if close else ("这里可以写：" + "、".join(allowed) + "。" if allowed else "")
        return f"未知字段“{loc[-1]}”。{hint}"
    if kind == "missing":
        return f"缺少必填字段“{loc[-1]}”。"
    if kind in ("int_type", "int_parsing", "int_from_float", "decimal_parsing", "decimal_type", "float_parsing"):
        if value is None:
            return f"{where}单元格是空白的。统计表不能留空，没有数据请填 0（T3-H4/T4-H4）。"
        return f"{where}应为非负整数，实际是“{value}”。"
    if kind in ("greater_than_equal", "greater_than"):
        return f"{where}不能为负数，实际是 {value}。"
    if kind in ("too_short", "too_long"):
        return f"{where}{err['msg']}。"
    if kind == "literal_error":
        return f"{where}取值“{value}”不正确，应为：{(err.get('ctx') or {}).get('expected', '')}。"
    if kind.startswith("date"):
        return "日期格式不正确，应写作 2022-01-20。"
    if kind in ("string_type",):
        return f"应为文字，实际是“{value}”。"
    if kind in ("list_type", "dict_type", "model_type", "model_attributes_type"):
        return f"{where}格式不正确：{err['msg']}。"
    if kind == "value_error":
        return f"{where}{(err.get('ctx') or {}).get('error', err['msg'])}"
    return f"{where}{err['msg']}。"
