"""Reading the report's YAML inputs: located Chinese errors, as for plan files."""

from __future__ import annotations

import difflib
import os
import re
from typing import Any, Callable, Optional, Union

from pydantic import BaseModel, ValidationError

from ..errors import Diagnostic, Location, UserError
from ..load import SourceMap, format_path, read_source
from ..load.yaml_reader import read_yaml

Describe = Callable[[tuple], str]  # loc → "表三“…”行“总计”列" (or "" when loc is not a cell)


class Source:
    """Where a value of a report input was written: file:line:column for YAML, sheet!cell for .xlsx."""

    def __init__(self, file: str, smap: Optional[SourceMap] = None, text: str = "") -> None:
        self.file = file
        self.smap = smap
        self.lines = text.splitlines()
        self.cells: dict[tuple, tuple[str, int, int]] = {}  # path → (sheet!cell, row, column) of a workbook

    def locate(self, path: tuple, prefer_key: bool = False) -> Location:
        if self.smap is not None:
            return self.smap.locate(path, prefer_key=prefer_key)
        return Location(self.file)  # a workbook cell is named by name(): 表三!D5

    def name(self, path: tuple) -> str:
        """The field as the person sees it: requests.一[6] in YAML, 表三!J4 in a workbook."""
        if self.smap is None:
            cell = self._cell(path)
            return cell[0] if cell else ""
        return format_path(path)

    def _cell(self, path: tuple) -> Optional[tuple[str, int, int]]:
        p = tuple(path)
        while p:
            if p in self.cells:
                return self.cells[p]
            p = p[:-1]
        return None

    def token(self, path: tuple) -> Optional[str]:
        """The scalar at path exactly as typed in the YAML text (None when unknown)."""
        if self.smap is None or tuple(path) not in self.smap.values or not self.lines:
            return None
        line, col = self.smap.values[tuple(path)]
        if line >= len(self.lines):
            return None
        rest = self.lines[line][col:]
        if rest[:1] in ("'", '"'):
            return None
        m = re.match(r"[^,\]\}#]*", rest)
        return m[0].strip() if m else None

    def diagnostic(self, message: str, path: tuple, severity: str = "error", prefer_key: bool = False) -> Diagnostic:
        return Diagnostic(message, self.locate(path, prefer_key), self.name(path), severity)


def read_mapping(path: Union[str, os.PathLike], what: str) -> tuple[dict, SourceMap]:
    data, source = read_yaml_source(path, what)
    assert source.smap is not None
    return data, source.smap


def read_yaml_source(path: Union[str, os.PathLike], what: str) -> tuple[dict, Source]:
    text, name = read_source(path)
    data, smap = read_yaml(text, name)
    if not isinstance(data, dict):
        raise UserError.single(f"{what}的最外层应为“键: 值”的映射。", smap.locate(()))
    return data, Source(name, smap, text)


def aliases(model: type[BaseModel]) -> list[str]:
    return [f.alias or n for n, f in model.model_fields.items() if not f.exclude]


def validate(model: type[BaseModel], data: Any, smap: Union[SourceMap, Source], describe: Optional[Describe] = None,
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
            name = smap.name(where) if isinstance(smap, Source) else format_path(where)
            diags.append(Diagnostic(_message(err, model, cell), smap.locate(where, prefer_key=extra), name))
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
    if kind in ("greater_than_equal", "greater_than", "less_than_equal", "less_than"):
        ctx = err.get("ctx") or {}
        limit = next((v for k, v in ctx.items() if k in ("gt", "ge", "lt", "le")), 0)
        if kind.startswith("greater") and limit == 0:
            return f"{where}不能为负数，实际是 {value}。"
        words = {"greater_than": "大于", "greater_than_equal": "不小于", "less_than": "小于", "less_than_equal": "不大于"}[kind]
        return f"{where}应{words} {limit}，实际是 {value}。"
    if kind == "too_short":
        return f"{where}至少需要一项。"
    if kind == "too_long":
        return f"{where}项数过多（最多 {(err.get('ctx') or {}).get('max_length', '')} 项）。"
    if kind == "literal_error":
        expected = re.findall(r"'([^']*)'", str((err.get("ctx") or {}).get("expected", "")))
        shown = str(value).lower() if isinstance(value, bool) else value
        return f"{where}取值“{shown}”不正确，应为：{'、'.join(expected)}。"
    if kind.startswith("date"):
        if isinstance(value, bool) or value is None:
            return "日期格式不正确，应写作 2022-01-20。"
        return f"日期“{value}”不正确（没有这一天，或格式不对），应写作 2022-01-20。"
    if kind in ("string_type",):
        return f"应为文字，实际是“{value}”。"
    if kind == "list_type":
        return f"{where}应为列表（每项一行，以“- ”开头）或一段文字，实际是“{value}”。"
    if kind in ("dict_type", "model_type", "model_attributes_type"):
        return f"{where}应为“键: 值”的映射，实际是“{value}”。"
    if kind == "value_error":
        return f"{where}{(err.get('ctx') or {}).get('error', err['msg'])}"
    return f"{where}取值“{value}”不正确。"  # never pydantic's English
