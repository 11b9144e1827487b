"""Draft → plan YAML: ruamel.yaml round-trip objects so the file keeps its order and Chinese comments."""

from __future__ import annotations

import datetime as dt
import io

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import LiteralScalarString

from .draft import Draft

_FLOW_KEYS = ("numbering",)


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


def to_commented(value, draft: Draft | None = None):
    """Plain data → ruamel objects; dicts noted in draft.notes get their comment line above."""
    if isinstance(value, dict):
        out = CommentedMap()
        for k, v in value.items():
            out[k] = to_commented(v, draft)
        for k, v in value.items():
            if isinstance(v, dict) and draft is not None and id(v) in draft.notes and isinstance(v, dict):
                out.yaml_set_comment_before_after_key(k, before=draft.notes[id(v)], indent=0)
        return out
    if isinstance(value, list):
        seq = CommentedSeq(to_commented(v, draft) for v in value)
        if draft is not None:
            for i, v in enumerate(value):
                if isinstance(v, dict) and id(v) in draft.notes:
                    seq.yaml_set_comment_before_after_key(i, before=draft.notes[id(v)], indent=0)
        return seq
    if isinstance(value, str) and "\n" in value and value.strip() != "":
        return value if value in ("\n",) else LiteralScalarString(value)
    return value


def _flow(mapping: CommentedMap) -> CommentedMap:
    mapping.fa.set_flow_style()
    return mapping


def draft_to_yaml(draft: Draft, source: str) -> str:
    plan: dict = {"title": draft.title or draft.table_title or "（请填写要点标题）", "year": draft.year or dt.date.today().year}
    if draft.preamble:
        plan["preamble"] = draft.preamble
    plan["numbering"] = draft.numbering
    plan["parts"] = draft.parts
    if draft.closing:
        plan["closing"] = draft.closing
    table: dict = {}
    if draft.table_title:
        table["title"] = draft.table_title
    table["part_rows"] = draft.part_rows
    if draft.unit_separator != "、":
        table["unit_separator"] = draft.unit_separator
    table["columns"] = draft.columns
    data: dict = {"version": 1}
    if draft.notice:
        data["notice"] = draft.notice
    if draft.web:
        data["web"] = draft.web
    data["plan"] = plan
    data["table"] = table
    root = to_commented(data, draft)
    for level in root["plan"]["numbering"].values():
        _flow(level)
    for col in root["table"]["columns"]:
        _flow(col)
    head = [f"由 zwgk import 从 {source} 导入。请核对后使用：zwgk validate 本文件；zwgk outline 本文件。"]
    if draft.decisions:
        head.append("导入时的判断（依据的单元格；判断错了请改 table.columns 中的 field 后重新核对）：")
        head += [f"  * {d}" for d in draft.decisions]
    if draft.warnings:
        head.append("导入时无法确定的地方（请逐条核对）：")
        head += [f"  - {w}" for w in draft.warnings]
    root.yaml_set_start_comment("\n".join(head))
    if not draft.year:
        root["plan"].yaml_add_eol_comment("未能从标题读出年度，请核对", "year")
    root["plan"]["numbering"].yaml_set_comment_before_after_key("part", before="编号规则由原文的编号推断（restart: true 表示每个上级内重新编号）", indent=4)
    root["table"].yaml_set_comment_before_after_key("columns", before="列的顺序、表头与原表一致，可据此重建原表", indent=2)
    if "unit_separator" in root["table"]:
        root["table"].yaml_add_eol_comment("原表一格多个单位时的分隔方式", "unit_separator")
    text = dump(root)
    if draft.unit_separator == "\n":
        text = text.replace("unit_separator: |+\n\n", 'unit_separator: "\\n"')
    return text
