"""Units as entities: names normalised and split, responsibility sentences read into roles,
declared units and aliases, `zwgk units`, validate warnings."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from zwgk_docs.cli import main
from zwgk_docs.context import build_context
from zwgk_docs.load import load_plan, load_plan_with_warnings
from zwgk_docs.model.units import normalize_name, parse_responsibility, split_names

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = sorted((ROOT / "examples").glob("*-20??.yaml"))


@pytest.mark.parametrize("text, lead, responsible, cooperate, deadline", [
    ("由A局牵头，B局、C局配合", ["A局"], [], ["B局", "C局"], None),
    ("A局负责，B局参与", [], ["A局"], ["B局"], None),
    ("（市财政局、市审计局按照职责分工负责）", [], ["市财政局", "市审计局"], [], None),
    ("各县（市）区政府", [], ["各县（市）区政府"], [], None),
    ("各县(市)区政府", [], ["各县（市）区政府"], [], None),
    ("各县（市）、区政府、市政府各部门按职责分工负责", [], ["各县（市）区政府", "市政府各部门"], [], None),
    ("工委（管委会）办公室牵头、管委会各部门", ["工委（管委会）办公室"], ["管委会各部门"], [], None),
    ("市政府办公室牵头,市政府各部门负责落实", ["市政府办公室"], ["市政府各部门"], [], None),
    ("市政务公开办等相关部门", [], ["市政务公开办"], [], None),
    ("行政审批局、规国局、财政局、环保局等有关单位", [], ["行政审批局", "规国局", "财政局", "环保局"], [], None),
    ("由市政府办公厅和各县(市)区政府牵头落实。", ["市政府办公厅", "各县（市）区政府"], [], [], None),
    ("由各县（市）区政府、开发区管委会，市政府各部门、单位按工作职能分别负责落实。", [],
     ["各县（市）区政府", "开发区管委会", "市政府各部门、单位"], [], None),
    ("由市政务公开办（政网办）牵头，市编办、市法制办配合，各县（市）区政府、开发区管委会、各相关部门分工负责，2018年7月底前完成。",
     ["市政务公开办（政网办）"], ["各县（市）区政府", "开发区管委会", "各相关部门"], ["市编办", "市法制办"], "2018年7月底前完成"),
    ("各县（市）、区政府、市政务服务中心会同各部门负责", ["各县（市）区政府", "市政务服务中心"], ["各部门"], [], None),
    ("牵头单位：市政府办公室；配合单位：市司法局", ["市政府办公室"], [], ["市司法局"], None),
    ("市住房和城乡建设局", [], ["市住房和城乡建设局"], [], None),
    ("团市委、妇联、工会", [], ["团市委", "妇联", "工会"], [], None),
    ("市财政局 市审计局", [], ["市财政局", "市审计局"], [], None),
])
def test_sentences_into_roles(text, lead, responsible, cooperate, deadline):
    r = parse_responsibility(text)
    assert (r.lead, r.responsible, r.cooperate, r.deadline) == (lead, responsible, cooperate, deadline)
    assert not r.unparsed


def test_field_role_is_the_default():
    assert parse_responsibility("市财政局、市审计局", "lead").lead == ["市财政局", "市审计局"]
    assert parse_responsibility("市财政局\n市审计局", "cooperate").cooperate == ["市财政局", "市审计局"]


def test_unparsed_clause_is_reported():
    assert parse_responsibility("市政府各部门研究制定方案并推进落实").unparsed


def test_names_normalised():
    assert normalize_name(" 各县( 市 )区政府 ") == "各县（市）区政府"
    assert normalize_name("市政务公开办等相关部门") == "市政务公开办"
    assert normalize_name("市发改委等有关单位") == "市发改委"
    assert split_names("市政府各部门、单位") == ["市政府各部门、单位"]
    assert split_names("市、县(市)区政府") == ["市、县（市）区政府"]


def test_teda_office_is_one_unit():
    ctx = build_context(load_plan(ROOT / "examples/teda-2018.yaml"))
    names = [u.name for u in ctx.units]
    office = [n for n in names if "办公室" in n]
    assert office == ["工委（管委会）办公室"]
    assert not any(n.endswith(("牵头", "等相关部门", "负责")) for n in names)


def test_jilin_brackets_are_one_unit():
    ctx = build_context(load_plan(ROOT / "examples/jilin-2018.yaml"))
    names = [u.name for u in ctx.units]
    assert "各县（市）区政府" in names and "各县(市)区政府" not in names
    assert "市政务公开办" in names and not any("等相关部门" in n for n in names)


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_examples_have_no_unit_warnings(path):
    _, warnings = load_plan_with_warnings(path)
    assert not [w for w in warnings if "单位" in w.message], [str(w) for w in warnings]


PLAN = """\
plan:
  title: 测试市2024年政务公开工作要点
  year: 2024
  parts:
    - title: 第一部分
      tasks:
        - id: t1
          title: 任务一
          lead: 政府办
          cooperate: 市财政厅
        - id: t2
          title: 任务二
          responsible: 市政府办公室市审计局
        - id: t3
          title: 任务三
          responsible: 市政府各部门研究制定方案并推进落实
table:
  columns:
    - {header: 任务, field: task}
    - {header: 牵头单位, field: lead}
units:
  - name: 市政府办公室
    aliases: [政府办, 市政府办]
    kind: 市直部门
    contact: 张三 12345678
  - name: 市财政局
    kind: 市直部门
"""


def test_declared_units_aliases_and_warnings(tmp_path):
    path = tmp_path / "p.yaml"
    path.write_text(PLAN, encoding="utf-8")
    plan, warnings = load_plan_with_warnings(path)
    ctx = build_context(plan)
    t1 = next(t for t in ctx.tasks if t.id == "t1")
    assert t1.lead == ["市政府办公室"]
    text = "\n".join(str(w) for w in warnings)
    assert "市财政厅" in text and "相近" in text and "市财政局" in text
    assert "像是两个单位" in text and "市审计局" in text
    assert "读出单位" in text
    lines = {w.location.line for w in warnings}
    assert {10, 13, 16} <= lines  # file:line of the offending entries
    result = CliRunner().invoke(main, ["units", str(path), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    office = next(u for u in data["units"] if u["name"] == "市政府办公室")
    assert office["kind"] == "市直部门" and office["aliases"] == ["政府办", "市政府办"]
    assert office["tasks"] == [{"id": "t1", "label": "1.", "heading": "1. 任务一", "roles": ["牵头"]}] or \
        [t["id"] for t in office["tasks"]] == ["t1"]


def test_units_command_text():
    result = CliRunner().invoke(main, ["units", str(ROOT / "examples/teda-2018.yaml")])
    assert result.exit_code == 0
    assert result.stdout.count("\n工委（管委会）办公室") == 1


HOSTILE_UNITS = ["市财政局\u202excod.exe", "\u200b\u200c", "CON", "nul.txt", "=1+1局", "a/b:c*d?局", "市" * 90 + "甲局",
                 "市" * 90 + "乙局", "Unit", "UNIT", "目录"]


def test_hostile_unit_names_make_safe_distinct_files(tmp_path):
    import zwgk_docs
    from openpyxl import load_workbook

    from zwgk_docs.writers.xlsx.forms import read_meta

    tasks = [{"id": f"h{i}", "title": f"任务{i}", "lead": [u]} for i, u in enumerate(HOSTILE_UNITS)]
    plan = zwgk_docs.loads(json.dumps({
        "plan": {"title": "测试要点", "year": 2024, "parts": [{"title": "一部分", "tasks": tasks}]},
        "table": {"columns": [{"header": "任务", "field": "task"}, {"header": "牵头", "field": "lead"}]},
    }, ensure_ascii=False, indent=1))
    zwgk_docs.build(plan, tmp_path, ["xlsx"], by_unit=True)
    files = sorted((tmp_path / "units").iterdir())
    names = [f.name for f in files]
    assert len(names) == len({n.casefold() for n in names})
    for n in names:
        assert not any(ch in n for ch in '\\/:*?"<>|\u202e\u200b\u200c') and len(n.encode()) <= 140
        assert n.split(".")[0].upper() not in {"CON", "NUL", "PRN", "AUX"}
    index = load_workbook(tmp_path / "units" / "目录.xlsx").worksheets[0]
    listed = {index.cell(r, 2).value: index.cell(r, 3).value for r in range(3, index.max_row + 1)}
    assert set(listed) == set(names) - {"目录.xlsx"}
    for name, unit in listed.items():
        assert read_meta(load_workbook(tmp_path / "units" / name))["unit"] == unit


def test_parser_never_fails_on_any_text():
    from hypothesis import given, settings
    from hypothesis import strategies as st

    alphabet = st.sampled_from(list("市县区政府办公室局委（）()、，,；;\n 等相关部门牵头负责配合参与按职责分工由和A1=\u202e"))

    @settings(deadline=None)  # examples: the profile's (tests/conftest.py: 50 quick, 300 in CI)
    @given(st.text(alphabet, max_size=40))
    def check(text):
        r = parse_responsibility(text)
        for name in r.lead + r.responsible + r.cooperate:
            assert name and name == name.strip() and not name.endswith(("等", "等相关部门", "、", "，"))

    check()
