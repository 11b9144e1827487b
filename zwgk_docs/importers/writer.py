"""A typed Plan → plan YAML whose comments explain each key (from the model's field descriptions);
`dump` writes ruamel round-trip data (zwgk new).

`zwgk import` and `zwgk init` both write through `plan_yaml`: the keys a plan sets, in the model's
order (describe.key_order: a task's id, title and text first), each key explained at its first occurrence by its
`Field(title=..., description=...)` — the same words the JSON Schema shows as editor tooltips.
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass, field
from typing import Any, Optional

from pydantic import BaseModel
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap

from ..model.deadline import Deadline
from ..model.describe import field_doc, key_order, one_or_many
from ..model.plan import Plan
from .yaml_out import Emitter


def yaml_dumper() -> YAML:
    yaml = YAML(typ="rt")
    yaml.allow_unicode = True
    yaml.width = 4096  # long Chinese paragraphs stay on one line
    yaml.indent(mapping=2, sequence=4, offset=2)
    return yaml


def dump(data: CommentedMap) -> str:
    buf = io.StringIO()
    yaml_dumper().dump(data, buf)
    return buf.getvalue()


# Keys whose mappings (or list of mappings) are written on one line each: {style: 一、}, {header: …}.
FLOW_KEYS = ("numbering", "columns")


@dataclass
class Remarks:
    """What a writer has to say about particular places, by field path ("plan.year",
    "plan.parts[0].tasks[3]"), besides the fields' own explanations."""

    above: dict[str, str] = field(default_factory=dict)  # a mapping's path → comment line above it
    eol: dict[str, str] = field(default_factory=dict)  # a key's path → said at the end of its line, after the field's name
    before: dict[str, str] = field(default_factory=dict)  # a key's path → comment line above the key


class _Plain:
    """The model as plain data for the Emitter, with the Emitter's comment tables filled on the way."""

    def __init__(self, remarks: Remarks, explain: bool) -> None:
        self.remarks = remarks
        self.explain = explain
        self.explained: set[tuple[type[BaseModel], str]] = set()
        self.notes: dict[int, str] = {}
        self.eol: dict[tuple[int, str], str] = {}
        self.before: dict[tuple[int, str], str] = {}

    def model(self, node: BaseModel, path: str) -> dict[str, Any]:
        cls = type(node)
        keys = [k for k in key_order(cls) if k in node.model_fields_set]
        out: dict[str, Any] = {}
        for key in keys:
            where = f"{path}.{key}" if path else key
            out[key] = self.value(getattr(node, key), where, single=one_or_many(cls, key))
            remark = self.remarks.eol.get(where)
            first = self.explain and (cls, key) not in self.explained
            if remark or first:
                doc = field_doc(cls, key)
                self.eol[(id(out), key)] = f"{doc.title}：{remark}" if remark else doc.comment
                self.explained.add((cls, key))
            if where in self.remarks.before:
                self.before[(id(out), key)] = self.remarks.before[where]
        if path in self.remarks.above:
            self.notes[id(out)] = self.remarks.above[path]
        return out

    def value(self, value: Any, path: str, single: bool = False) -> Any:
        if isinstance(value, BaseModel):
            return self.model(value, path)
        if isinstance(value, list):
            if single and len(value) == 1 and isinstance(value[0], str) and value[0].strip() and "\n\n" not in value[0]:
                return value[0]  # one unit / one paragraph: written as the plan author would
            return [self.value(v, f"{path}[{i}]") for i, v in enumerate(value)]
        if isinstance(value, dict):
            return {k: self.value(v, f"{path}.{k}") for k, v in value.items()}
        if isinstance(value, Deadline):
            return _deadline(value)
        if isinstance(value, float) and value.is_integer():
            return int(value)  # a column width of 16, not 16.0
        return value


def _deadline(value: Deadline) -> object:
    """A deadline that is a whole date is written as one (2021-09-30); it reads back the same."""
    if value.year and value.month and value.day and value.text == f"{value.year}年{value.month}月{value.day}日":
        return dt.date(value.year, value.month, value.day)
    return value.text


def plan_yaml(plan: Plan, head: str = "", remarks: Optional[Remarks] = None, explain: bool = True) -> str:
    """The plan file for `plan`: `head` as the opening comment, every key explained once (explain)."""
    plain = _Plain(remarks or Remarks(), explain)
    data = plain.model(plan, "")
    emitter = Emitter(plain.notes, flow_keys=FLOW_KEYS, eol=plain.eol, before=plain.before)
    return emitter.document(data, head)
