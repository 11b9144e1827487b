"""Draft → plan YAML with Chinese comments (yaml_out.Emitter); `dump` writes ruamel round-trip data (zwgk new)."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap

from .draft import Draft
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


def draft_to_yaml(draft: Draft, source: str) -> str:
    plan: dict[str, Any] = {"title": draft.title or draft.table_title or "（请填写要点标题）", "year": draft.year or dt.date.today().year}
    if draft.preamble:
        plan["preamble"] = draft.preamble
    plan["numbering"] = draft.numbering
    plan["parts"] = draft.parts
    if draft.closing:
        plan["closing"] = draft.closing
    table: dict[str, Any] = {}
    if draft.table_title:
        table["title"] = draft.table_title
    table["part_rows"] = draft.part_rows
    if draft.unit_separator != "、":
        table["unit_separator"] = draft.unit_separator
    table["columns"] = draft.columns
    data: dict[str, Any] = {"version": 1}
    if draft.notice:
        data["notice"] = draft.notice
    if draft.web:
        data["web"] = draft.web
    data["plan"] = plan
    data["table"] = table
    head = [f"由 zwgk import 从 {source} 导入。请核对后使用：zwgk validate 本文件；zwgk outline 本文件。"]
    if draft.decisions:
        head.append("导入时的判断（依据的单元格；判断错了请改 table.columns 中的 field 后重新核对）：")
        head += [f"  * {d}" for d in draft.decisions]
    if draft.warnings:
        head.append("导入时无法确定的地方（请逐条核对）：")
        head += [f"  - {w}" for w in draft.warnings]
    eol = {}
    if not draft.year:
        eol[(id(plan), "year")] = "未能从标题读出年度，请核对"
    if "unit_separator" in table:
        eol[(id(table), "unit_separator")] = "原表一格多个单位时的分隔方式"
    before = {(id(draft.numbering), next(iter(draft.numbering))): "编号规则由原文的编号推断（restart: true 表示每个上级内重新编号）",
              (id(table), "columns"): "列的顺序、表头与原表一致，可据此重建原表"} if draft.numbering else {}
    emitter = Emitter(draft.notes, flow_keys=("numbering", "columns"), eol=eol, before=before)
    return emitter.document(data, "\n".join(head))
