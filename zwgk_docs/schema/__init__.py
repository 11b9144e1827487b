"""The JSON Schema of a plan file, for editors (yaml-language-server) and standard validators.

Generated from the typed model, so it accepts exactly what the loader accepts: a single string
wherever a list of units or paragraphs is allowed, every deadline form, the numbering styles and
column kinds as enums with Chinese descriptions. A copy ships in the package
(zwgk-plan.schema.json beside this file); plan files point at a copy *beside themselves* through
the modeline, a relative path that works in every editor without network or install paths.
"""

from __future__ import annotations

import json
import os
from importlib import resources
from pathlib import Path
from typing import Any, Union

from pydantic import BaseModel

from ..model import Plan
from ..model import plan as plan_models
from ..model.vocab import COLUMN_KINDS, EXTRA_PREFIX, NUMBER_STYLE_HELP

SCHEMA_FILENAME = "zwgk-plan.schema.json"
MODELINE = f"# yaml-language-server: $schema={SCHEMA_FILENAME}"
_MODELINE_PREFIX = "# yaml-language-server:"

def plan_schema() -> dict[str, Any]:
    """The schema as a dict (draft-07, the dialect every YAML language server speaks)."""
    schema = Plan.model_json_schema(ref_template="#/definitions/{model}")
    defs = schema.pop("$defs", {})
    out: dict[str, Any] = {"$schema": "http://json-schema.org/draft-07/schema#", "$id": SCHEMA_FILENAME, **schema}
    out["definitions"] = defs
    out.pop("description", None)  # docstrings are for developers (English); editors show the Chinese titles
    for definition in defs.values():  # titles: each class's model_config title
        definition.pop("description", None)
    _field_titles(out, Plan)
    for name, definition in defs.items():
        _field_titles(definition, getattr(plan_models, name))
    _style_enum(defs["LevelNumbering"]["properties"]["style"])
    _column_enum(defs["Column"]["properties"]["field"])
    _document(out)
    canonical: dict[str, Any] = _canonical(out)
    return canonical


def _field_titles(definition: dict[str, Any], model: type[BaseModel]) -> None:
    """Every property keeps its field's title: pydantic drops it when it equals the referenced class's title
    (plan: 工作要点), and the editor's completion text (markdownDescription) starts with it."""
    for key, prop in definition.get("properties", {}).items():
        title = model.model_fields[key].title
        if title and "title" not in prop:
            prop["title"] = title


def _canonical(node: Any) -> Any:
    """One spelling whatever pydantic version wrote it: draft-07 ignores keywords beside "$ref", so a
    titled reference becomes allOf[$ref]; 255.0 is 255; a const says its type."""
    if isinstance(node, dict):
        node = {k: _canonical(v) for k, v in node.items()}
        if "$ref" in node and len(node) > 1:
            node = {"allOf": [{"$ref": node.pop("$ref")}], **node}
        if "const" in node:
            kind = {bool: "boolean", int: "integer", float: "number", str: "string"}.get(type(node["const"]), "string")
            ordered: dict[str, Any] = {}
            for key, value in node.items():
                if key != "type":
                    ordered[key] = value
                if key == "const":
                    ordered["type"] = kind  # right after the const, as newer pydantic writes it
            node = ordered
        return node
    if isinstance(node, list):
        return [_canonical(v) for v in node]
    if isinstance(node, float) and node.is_integer():
        return int(node)
    return node


def _enum_help(values: list[str], describe: dict[str, str]) -> dict[str, Any]:
    return {"enumDescriptions": [describe[v] for v in values], "markdownEnumDescriptions": [describe[v] for v in values]}


def _style_enum(prop: dict[str, Any]) -> None:
    values = list(prop["enum"])
    prop.update(_enum_help(values, NUMBER_STYLE_HELP))
    prop["description"] = "；".join(f"{v}：{d}" for v, d in NUMBER_STYLE_HELP.items())
    prop["examples"] = ["一、", "（一）", "1."]


def _column_enum(prop: dict[str, Any]) -> None:
    values = [k.field for k in COLUMN_KINDS]
    describe = {k.field: k.meaning for k in COLUMN_KINDS}
    title, description = prop.get("title"), prop.get("description")
    prop.clear()
    prop.update({
        "title": title,
        "description": description,
        "anyOf": [
            {"type": "string", "enum": values, **_enum_help(values, describe)},
            {"type": "string", "pattern": rf"^{EXTRA_PREFIX}\s*\S", "description": f"{EXTRA_PREFIX}列名 —— 任务的 extra 中同名的其他列"},
        ],
        "examples": ["number", "task_title", "content", "lead", "deadline", "extra:备注"],
    })


def _document(node: Any) -> None:
    """Completion items show markdownDescription: lead it with the Chinese title of the key."""
    if isinstance(node, dict):
        props = node.get("properties")
        if isinstance(props, dict):
            for prop in props.values():
                title, description = prop.get("title"), prop.get("description")
                if title:
                    prop["markdownDescription"] = f"**{title}**" + (f"\n\n{description}" if description else "")
        for value in node.values():
            _document(value)
    elif isinstance(node, list):
        for value in node:
            _document(value)


def schema_text() -> str:
    return json.dumps(plan_schema(), ensure_ascii=False, indent=2) + "\n"


def shipped_schema() -> str:
    """The copy inside the installed package (tests keep it equal to schema_text())."""
    return resources.files(__package__).joinpath(SCHEMA_FILENAME).read_text(encoding="utf-8")


def with_modeline(text: str) -> str:
    """YAML text whose first line points editors at the schema beside the file (exactly one modeline)."""
    lines = [line for line in text.splitlines(keepends=True) if not line.startswith(_MODELINE_PREFIX)]
    return MODELINE + "\n" + "".join(lines)


def schema_path_for(target: Union[str, "os.PathLike[str]"]) -> Path:
    """Where `zwgk schema -o` writes: a folder (or a plan file's folder) gets zwgk-plan.schema.json."""
    path = Path(target)
    if path.is_dir() or path.suffix.lower() in ("", ".yaml", ".yml"):
        folder = path if path.is_dir() or not path.suffix else path.parent
        return folder / SCHEMA_FILENAME
    return path


def write_schema_beside(plan_path: Union[str, "os.PathLike[str]"]) -> Path:
    """Write the schema next to a plan file unless an identical copy is already there."""
    from ..fsio import write_text_atomic

    target = Path(plan_path).parent / SCHEMA_FILENAME
    text = schema_text()
    if not (target.is_file() and target.read_text(encoding="utf-8", errors="replace") == text):
        write_text_atomic(target, text)
    return target
