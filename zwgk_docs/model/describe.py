"""What each plan field means, read from the model itself (pydantic `Field(title=..., description=...)`).

One source for every explanation a user sees: the JSON Schema's tooltips (zwgk_docs.schema), the
comments `zwgk import` and `zwgk init` write beside the keys (importers/writer.py), and the field
tables of docs/plan-format.md (scripts/gen_plan_format_docs.py rewrites them between markers).
"""

from __future__ import annotations

import re
import typing
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from pydantic import BaseModel
from pydantic_core import PydanticUndefined

from . import plan as m
from .vocab import COLUMN_KINDS, EXTRA_PREFIX, GROUP_MERGE

# The model classes a plan file is made of, in the order docs/plan-format.md explains them.
DOCUMENTED: tuple[type[BaseModel], ...] = (
    m.Plan, m.Notice, m.Attachment, m.WebMeta, m.WebArticle, m.PlanBody, m.Numbering, m.LevelNumbering,
    m.Part, m.Section, m.Task, m.SubTask, m.TaskTable, m.Column, m.UnitDecl,
)


@dataclass(frozen=True)
class FieldDoc:
    key: str
    title: str  # short Chinese name: 牵头单位
    description: str  # what to write, with examples; may be empty
    required: bool
    default: str  # as YAML would show it; "" when there is none worth saying

    @property
    def comment(self) -> str:
        """The one-line explanation written beside the key in a plan file."""
        return f"{self.title}：{self.description}" if self.description else self.title


def class_title(model: type[BaseModel]) -> str:
    """The Chinese name of a model class (its `model_config` title)."""
    return str(model.model_config.get("title") or model.__name__)


# A task or sub-task reads from what it is to who does it: these first, then the model's order.
_LEADING = ("id", "title", "text", "responsibility")


@lru_cache(maxsize=None)
def key_order(model: type[BaseModel]) -> tuple[str, ...]:
    """The keys of a model in the order a plan file writes them (fields excluded from the file, like `source`, left out)."""
    keys = [k for k, info in model.model_fields.items() if not info.exclude]
    if issubclass(model, m.Assignment):
        keys = [k for k in _LEADING if k in keys] + [k for k in keys if k not in _LEADING]
    return tuple(keys)


@lru_cache(maxsize=None)
def fields(model: type[BaseModel]) -> tuple[FieldDoc, ...]:
    """The fields a user writes, in the plan file's order."""
    out = []
    for key in key_order(model):
        info = model.model_fields[key]
        out.append(FieldDoc(key, info.title or key, info.description or "", info.is_required(), _default(info)))
    return tuple(out)


@lru_cache(maxsize=None)
def field_doc(model: type[BaseModel], key: str) -> FieldDoc:
    return next(f for f in fields(model) if f.key == key)


def _default(info: Any) -> str:
    value = info.default
    if value is PydanticUndefined or value is None:
        return ""
    if isinstance(value, BaseModel):
        from ..importers.yaml_out import flow_mapping

        return flow_mapping(value.model_dump())
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return value.replace("\n", "\\n") if value.strip() else repr(value)
    return str(value)


# ---------------------------------------------------------------- docs/plan-format.md

_MARKER = re.compile(r"(<!-- fields: (\w+) -->\n)(.*?)(<!-- /fields -->)", re.S)


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def markdown_table(model: type[BaseModel]) -> str:
    """The field table of one model class: 键 | 必填 | 名称 | 说明 | 默认."""
    rows = ["| 键 | 必填 | 名称 | 说明 | 默认 |", "|---|---|---|---|---|"]
    for f in fields(model):
        default = f"`{_cell(f.default)}`" if f.default else ""
        rows.append(f"| `{f.key}` | {'是' if f.required else '否'} | {_cell(f.title)} | {_cell(f.description)} | {default} |")
    return "\n".join(rows) + "\n"


# The table of column kinds (`table.columns[].field`) comes from the vocabulary, under this marker name.
COLUMN_KINDS_TABLE = "ColumnKinds"


def column_kinds_table() -> str:
    """field | 内容 | 合并, one row per column kind of model/vocab.py, then `extra:列名`."""
    rows = ["| field | 内容 | 合并 |", "|---|---|---|"]
    for kind in COLUMN_KINDS:
        merge = GROUP_MERGE[kind.group].format(meaning=kind.meaning)
        rows.append(f"| `{kind.field}` | {_cell(kind.shows or kind.meaning)} | {merge} |")
    rows.append(f"| `{EXTRA_PREFIX}列名` | `extra` 中该列的内容 | {GROUP_MERGE['assigned']} |")
    return "\n".join(rows) + "\n"


def render_docs(text: str) -> str:
    """text with every `<!-- fields: Class -->` … `<!-- /fields -->` block regenerated from the model
    (and `<!-- fields: ColumnKinds -->` from the vocabulary)."""
    by_name = {c.__name__: c for c in DOCUMENTED}

    def table(match: re.Match[str]) -> str:
        name = match.group(2)
        if name == COLUMN_KINDS_TABLE:
            return match.group(1) + column_kinds_table() + match.group(4)
        if name not in by_name:
            raise KeyError(f"docs marker names no model class: {name}")
        return match.group(1) + markdown_table(by_name[name]) + match.group(4)

    return _MARKER.sub(table, text)


def documented_in(text: str) -> list[str]:
    """The class names the docs have a generated table for."""
    return [match.group(2) for match in _MARKER.finditer(text)]


_ONE_OR_MANY = typing.get_args(m.StrList)[1:]


@lru_cache(maxsize=None)
def one_or_many(model: type[BaseModel], key: str) -> bool:
    """A field a plan author writes as one string when it holds one item: a unit list, a node's text."""
    info = model.model_fields[key]
    return (key == "text" and issubclass(model, m.Numbered)) or list(info.metadata) == list(_ONE_OR_MANY)
