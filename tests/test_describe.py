"""One source explains each plan field: the model's Field(title, description). The JSON Schema, the
comments `zwgk init` / `zwgk import` write and the tables of docs/plan-format.md all come from it."""

import re
import typing

from pydantic import BaseModel

from conftest import ROOT
from zwgk_docs import loads
from zwgk_docs.importers.blank import blank_plan
from zwgk_docs.model.describe import COLUMN_KINDS_TABLE, DOCUMENTED, documented_in, field_doc, fields, render_docs
from zwgk_docs.model.plan import Notice, Numbering, Plan, Task, TaskTable
from zwgk_docs.schema import plan_schema

DOC = ROOT / "docs" / "plan-format.md"
CJK = re.compile(r"[\u4e00-\u9fff]")


def _models(model: type[BaseModel], seen: set) -> set:
    """Every model class a plan file can contain, following the field annotations."""
    seen.add(model)
    for info in model.model_fields.values():
        stack = [info.annotation]
        while stack:
            tp = stack.pop()
            if isinstance(tp, type) and issubclass(tp, BaseModel) and tp not in seen:
                _models(tp, seen)
            stack.extend(typing.get_args(tp))
    return seen


def test_docs_field_tables_are_generated_from_the_model():
    text = DOC.read_text(encoding="utf-8")
    assert render_docs(text) == text, "docs/plan-format.md is out of date: run python scripts/gen_plan_format_docs.py"
    assert set(documented_in(text)) == {c.__name__ for c in DOCUMENTED} | {COLUMN_KINDS_TABLE}


def test_every_field_has_a_chinese_title_and_description():
    assert _models(Plan, set()) == set(DOCUMENTED)
    missing = [f"{c.__name__}.{f.key}" for c in DOCUMENTED for f in fields(c) if not (CJK.search(f.title) and CJK.search(f.description))]
    assert missing == []


def test_every_column_kind_says_what_its_cells_show():
    from zwgk_docs.model.vocab import COLUMN_KINDS

    assert [k.field for k in COLUMN_KINDS if not CJK.search(k.shows)] == []


def test_schema_tooltips_are_the_same_words():
    schema = plan_schema()
    definitions = {**schema["definitions"], "Plan": schema}
    for model in DOCUMENTED:
        props = definitions[model.__name__]["properties"]
        for f in fields(model):
            assert props[f.key]["title"] == f.title
            assert props[f.key]["markdownDescription"].startswith(f"**{f.title}**")
            if f.key not in ("style", "field"):  # enums: the schema lists each value's meaning (vocab)
                assert props[f.key]["description"] == f.description


def test_init_explains_every_key_it_writes_from_the_model():
    text = blank_plan(2022)
    plan = loads(text)
    assert plan.plan.year == 2022 and len(plan.iter_tasks()) == 1
    lines = text.splitlines()
    for model, key in ((Notice, "doc_number"), (Task, "lead"), (TaskTable, "unit_separator"), (Numbering, "task")):
        line = next(line for line in lines if line.lstrip().startswith(f"{key}:"))
        assert line.endswith(f"  # {field_doc(model, key).comment}")
    # every key of the starter plan is explained where it is written (the column entries by `columns:`)
    keys = [line for line in lines if re.match(r"^\s*(- )?\w+:", line) and not line.lstrip().startswith("- {")]
    assert keys and all("  # " in line for line in keys)


def test_import_explains_each_key_once(tmp_path):
    from zwgk_docs.importers import import_to_yaml

    src = tmp_path / "t.txt"
    src.write_text("某市2024年政务公开工作要点\n一、加强平台建设\n（一）优化政府网站。由市政府办公室牵头，市数据局配合。\n"
                   "（二）推进财政信息公开。细化预决算公开。由市财政局负责。\n", encoding="utf-8")
    text, imported = import_to_yaml(src)
    assert [(t.title, t.lead, t.cooperate) for t in loads(text).iter_tasks()] == [(t.title, t.lead, t.cooperate) for t in imported.tasks()]
    lead = field_doc(Task, "lead").comment
    assert text.count(f"  # {lead}") == 1
    assert text.count("  # " + field_doc(Task, "title").comment) == 1


def test_written_plan_reads_back_as_the_plan():
    """One unit or one paragraph is written as a string, dates as dates, widths as integers — and reads back the same."""
    from ruamel.yaml import YAML

    from zwgk_docs.importers.writer import plan_yaml

    data = YAML(typ="safe").load(blank_plan(2023))
    task = data["plan"]["parts"][0]["tasks"][0]
    task.update(lead=["市财政局"], responsible=["市财政局", "市审计局"], cooperate=[""], deadline="2023-09-30",
                text=["第一段。", "第二段。"], extra={"备注": "yes", "10": "1.5"})
    task["subtasks"] = [{"text": "一段\n\n两段？", "deadline": "9月底前"}]
    plan = Plan.model_validate(data)
    text = plan_yaml(plan)
    assert "lead: 市财政局" in text and "deadline: 2023-09-30" in text
    assert Plan.model_validate(YAML(typ="safe").load(text)).model_dump() == plan.model_dump()
