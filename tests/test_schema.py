"""`zwgk schema` accepts exactly what the loader accepts: every example and generated plan validates
with a standard JSON Schema validator, typical mistakes are rejected by both."""

import datetime as dt
import shutil
import subprocess
import sys

import jsonschema
import pytest
from click.testing import CliRunner
from ruamel.yaml import YAML

from conftest import EXAMPLES, ROOT
from zwgk_docs import UserError, loads
from zwgk_docs.cli import main
from zwgk_docs.model.vocab import NUMBER_STYLE_HELP as NUMBER_STYLES
from zwgk_docs.schema import MODELINE, SCHEMA_FILENAME, plan_schema, schema_text, shipped_schema

TUTORIAL = ROOT / "docs" / "tutorial"
PLANS = sorted(p for p in EXAMPLES.glob("*.yaml") if not p.name.endswith((".progress.yaml", ".stats.yaml"))) + [TUTORIAL / "plan.yaml"]
MINI = (ROOT / "tests" / "data" / "mini.yaml").read_text(encoding="utf-8")


def as_json(value):
    """What an editor sees: YAML 1.2 data with dates as their ISO text."""
    if isinstance(value, dict):
        return {str(k): as_json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [as_json(v) for v in value]
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return value


def schema_errors(text: str) -> list[str]:
    data = as_json(YAML(typ="safe").load(text))
    validator = jsonschema.Draft7Validator(plan_schema(), format_checker=jsonschema.Draft7Validator.FORMAT_CHECKER)
    return [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(data)]


def test_schema_is_a_valid_draft7_schema_and_shipped_copies_are_current():
    jsonschema.Draft7Validator.check_schema(plan_schema())
    assert shipped_schema() == schema_text(), "run: python scripts/make_schema.py"
    for folder in (EXAMPLES, TUTORIAL):
        assert (folder / SCHEMA_FILENAME).read_text(encoding="utf-8") == schema_text()


@pytest.mark.parametrize("path", PLANS, ids=lambda p: p.parent.name + "/" + p.stem)
def test_every_example_validates_and_names_the_schema_beside_it(path):
    text = path.read_text(encoding="utf-8")
    assert text.splitlines()[0] == MODELINE
    assert schema_errors(text) == []


def test_check_jsonschema_accepts_every_example():
    exe = shutil.which("check-jsonschema") or str(__import__("pathlib").Path(sys.executable).with_name("check-jsonschema"))
    result = subprocess.run([exe, "--schemafile", str(EXAMPLES / SCHEMA_FILENAME), *map(str, PLANS)],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr


def test_init_new_import_write_the_modeline_and_the_schema_beside_the_plan(tmp_path):
    runner = CliRunner()
    for args in (["init", "-o", str(tmp_path / "a.yaml")],
                 ["new", "--from", str(EXAMPLES / "shenyang-2021.yaml"), "--year", "2022", "-o", str(tmp_path / "b.yaml")],
                 ["import", str(ROOT / "tests" / "data" / "seeds" / "003_6e628a68f77c9935.txt"), "-o", str(tmp_path / "c.yaml")]):
        result = runner.invoke(main, args)
        assert result.exit_code == 0, result.output
    assert (tmp_path / SCHEMA_FILENAME).read_text(encoding="utf-8") == schema_text()
    for name in ("a.yaml", "b.yaml", "c.yaml"):
        text = (tmp_path / name).read_text(encoding="utf-8")
        assert text.splitlines()[0] == MODELINE and text.count("yaml-language-server") == 1
        assert schema_errors(text) == [], name


def test_schema_o_writes_beside_a_plan(tmp_path):
    result = CliRunner().invoke(main, ["schema", "-o", str(tmp_path / "plan.yaml")])
    assert result.exit_code == 0, result.output
    assert (tmp_path / SCHEMA_FILENAME).read_text(encoding="utf-8") == schema_text()


# Forms the loader accepts: the schema must accept them too.
ACCEPTED = {
    "one unit as a string": ("lead: [市发展改革委, 市自然资源局, 市政府办公室]", "lead: 市发展改革委"),
    "empty unit list": ("lead: [市发展改革委, 市自然资源局, 市政府办公室]", "lead:"),
    "text as a list": ("text: 市、区县(市)人民政府要主动公开……", "text: [第一段, 第二段]"),
    "deadline as a date": ("deadline: 9月底 ", "deadline: 2021-09-30 "),
    "deadline quoted date": ("deadline: 9月底 ", 'deadline: "2021-09-30" '),
    "deadline label": ("deadline: 9月底 ", "deadline: 持续推进 "),
    "deadline with year": ("deadline: 9月底 ", "deadline: 2021年7月底前完成 "),
    "extra column": ("{header: 完成时限, field: deadline, width: 10}", "{header: 备注, field: 'extra:备注', width: 10}"),
    "sections numbering": ("task: {style: \"1.\", restart: false}", "task: {style: （1）, restart: true}"),
}


@pytest.mark.parametrize("name", list(ACCEPTED))
def test_accepted_by_loader_and_schema(name):
    old, new = ACCEPTED[name]
    assert old in MINI
    text = MINI.replace(old, new, 1)
    loads(text)
    assert schema_errors(text) == []


# Typical mistakes: both the loader and the schema refuse them.
MISTAKES = {
    "key typo": ("lead: [市发展改革委", "leed: [市发展改革委"),
    "chinese key": ("deadline: 9月底 ", "完成时限: 9月底 "),
    "unknown top-level key": ("version: 1\n", "version: 1\nauthor: 张三\n"),
    "year as text": ("year: 2021", "year: 二〇二一"),
    "year out of range": ("year: 2021", "year: 21"),
    "units as a mapping": ("responsible: 区县（市）政府", "responsible: {a: 区县（市）政府}"),
    "title as a list": ("title: 全面公开各类规划信息", "title: [全面公开, 各类规划信息]"),
    "bad numbering style": ("part: {style: 一、}", "part: {style: 一.}"),
    "bad font profile": ("version: 1\n", "version: 1\nfonts: songti\n"),
    "bad column field": ("field: deadline, width: 10", "field: dedline, width: 10"),
    "bad attachment content": ("content: table", "content: tabel"),
    "restart as text": ('restart: false}     # 1—28', 'restart: 不}     # 1—28'),
    "impossible date": ("date: 2021-06-22", 'date: "2021-02-30"'),
    "impossible deadline": ("deadline: 9月底 ", 'deadline: "2022-02-30" '),
    "empty deadline": ("deadline: 9月底 ", 'deadline: " " '),
    "deadline as a number": ("deadline: 9月底 ", "deadline: 930 "),
    "width zero": ("width: 22", "width: 0"),
    "parts missing": ("  parts:\n", "  partz:\n"),
}


@pytest.mark.parametrize("name", list(MISTAKES))
def test_mistakes_rejected_by_loader_and_schema(name):
    old, new = MISTAKES[name]
    assert old in MINI, old
    text = MINI.replace(old, new, 1)
    with pytest.raises(UserError):
        loads(text)
    assert schema_errors(text), f"schema accepted: {name}"


def test_numbering_styles_are_enums_with_chinese_descriptions():
    style = plan_schema()["definitions"]["LevelNumbering"]["properties"]["style"]
    assert style["enum"] == list(NUMBER_STYLES)
    assert len(style["enumDescriptions"]) == len(NUMBER_STYLES) and "中文数字" in style["enumDescriptions"][0]
    task = plan_schema()["definitions"]["Task"]["properties"]
    assert task["lead"]["markdownDescription"].startswith("**牵头单位**")
    deadline = plan_schema()["definitions"]["Task"]["properties"]["deadline"]
    assert "9月底前" in str(deadline)
