"""Excel's limits are warned about at the plan's field and marked in the .xlsx; the API only raises UserError."""

from __future__ import annotations

import pytest
from openpyxl import load_workbook

import zwgk_docs
from zwgk_docs.load import loads_with_warnings
from zwgk_docs.writers.xlsx.measure import CELL_CHARS

from conftest import ROOT

MINI = (ROOT / "tests" / "data" / "mini.yaml").read_text(encoding="utf-8")
LONG = "很长的任务内容。" * 12_500  # 100,000 characters
TALL = "需要很多行的内容。" * 400


def long_plan() -> str:
    text = MINI.replace("- text: 主动公开国民经济和社会发展第十四个五年规划纲要……", "- text: " + LONG)
    return text.replace("- text: 各地区要在政府信息公开平台“规划信息”栏目中……", "- text: " + TALL)


def test_warnings_name_the_field_and_line():
    _, warnings = loads_with_warnings(long_plan(), "long.yaml")
    texts = [str(w) for w in warnings if "任务分解表" in str(w)]
    assert any("long.yaml:33:" in t and "subtasks[0].text" in t and "32,767" in t for t in texts), texts
    assert any("long.yaml:35:" in t and "subtasks[1].text" in t and "409" in t for t in texts), texts


def test_the_xlsx_says_where_the_text_was_cut(tmp_path):
    plan = zwgk_docs.loads(long_plan())
    zwgk_docs.build(plan, tmp_path, ["xlsx"], by_unit=True)
    cut_in = []
    for book in [tmp_path / "tasks.xlsx", tmp_path / "ledger.xlsx", *sorted((tmp_path / "units").glob("*.xlsx"))]:
        cells = [c.value for ws in load_workbook(book).worksheets for row in ws.iter_rows() for c in row if isinstance(c.value, str)]
        assert all(len(v) <= CELL_CHARS for v in cells), book.name
        cut = [v for v in cells if len(v) >= CELL_CHARS - 1]
        assert all("原文共 100,0" in v and "超出 Excel 单元格" in v for v in cut), book.name
        cut_in += [book.name] if cut else []
    assert {"tasks.xlsx", "ledger.xlsx"} <= set(cut_in) and len(cut_in) >= 3, cut_in


def test_the_seeds_have_no_excel_warnings():
    from conftest import EXAMPLE_NAMES, example_path
    from zwgk_docs.load import load_plan_with_warnings

    for name in EXAMPLE_NAMES:
        _, warnings = load_plan_with_warnings(example_path(name))
        assert not [w for w in warnings if "任务分解表“" in str(w)], name


def test_text_assigned_after_loading_is_cleaned_before_writing(tmp_path):
    plan = zwgk_docs.loads(MINI)
    task = plan.iter_tasks()[0]
    task.title = "标题\x00\x07含控制字符\x1b"
    task.subtasks[0].text = ["正文\x0b第二行\x01"]
    task.lead = ["=HYPERLINK(\"x\")\x02"]
    zwgk_docs.build(plan, tmp_path, ["xlsx", "docx", "html"])
    values = [c.value for row in load_workbook(tmp_path / "tasks.xlsx").active.iter_rows() for c in row if c.value]
    assert any("标题含控制字符" in str(v) for v in values)
    assert any(str(v).startswith("正文\n第二行") for v in values)


@pytest.mark.parametrize("mutate, field", [
    (lambda p: setattr(p.plan, "year", "二〇二一"), "plan.year"),
    (lambda p: setattr(p.iter_tasks()[0], "lead", [3]), "plan.parts[0].tasks[0].lead[0]"),
    (lambda p: setattr(p.table.columns[0], "width", float("inf")), "table.columns[0].width"),
])
def test_bad_values_assigned_in_python_are_user_errors(tmp_path, mutate, field):
    plan = zwgk_docs.loads(MINI)
    mutate(plan)
    with pytest.raises(zwgk_docs.UserError) as info:
        zwgk_docs.build(plan, tmp_path, ["xlsx"])
    assert field in str(info.value) and "Input should" not in str(info.value)
    assert not list(tmp_path.iterdir()) or not (tmp_path / "tasks.xlsx").exists()


@pytest.mark.parametrize("bad", ["abc\x00", "plan.yaml\x00.png", "", "  "])
def test_load_plan_with_bad_paths_raises_user_error(bad):
    with pytest.raises(zwgk_docs.UserError) as info:
        zwgk_docs.load_plan(bad)
    assert all("\u4e00" <= ch <= "\u9fff" for ch in str(info.value) if ch.isalpha() and ord(ch) > 0x2e80) and str(info.value)


@pytest.mark.parametrize("bad", ["\x00\x01", b"\xff\xfe\x00", "a: [", "- 1\n- 2\n", "plan: {year: .inf}\n", "\ufeff"])
def test_loads_with_bad_text_raises_user_error(bad):
    with pytest.raises(zwgk_docs.UserError):
        zwgk_docs.loads(bad)
