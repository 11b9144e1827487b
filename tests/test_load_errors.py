"""Every bad input ends in a located Chinese message and exit code 2 — never a traceback."""


import pytest

from conftest import zwgk

from zwgk_docs import UserError, loads

GOOD = """plan:
  title: 测试要点
  year: 2021
  parts:
    - title: 第一部分
      tasks:
        - title: 任务甲
          deadline: 9月底
          lead: 市政府办公室
table:
  columns:
    - {header: 事项, field: task}
"""


def errors(text) -> list:
    with pytest.raises(UserError) as info:
        loads(text)
    return info.value.diagnostics


def run_cli(tmp_path, content: bytes, *args):
    path = tmp_path / "plan.yaml"
    path.write_bytes(content)
    return zwgk(*args, path)


def test_good_plan_loads():
    plan = loads(GOOD)
    assert plan.iter_tasks()[0].label == "1."


def test_unknown_key_suggests_the_right_one():
    [d] = errors(GOOD.replace("deadline:", "deadlin:"))
    assert "deadlin" in d.message and "您是否想写 deadline" in d.message
    assert (d.location.line, d.location.column) == (8, 11)
    assert d.path == "plan.parts[0].tasks[0].deadlin"


def test_chinese_key_is_translated():
    [d] = errors(GOOD.replace("lead:", "牵头单位:"))
    assert "lead" in d.message


def test_wrong_type_and_missing_field():
    diags = errors(GOOD.replace("year: 2021", "year: 二〇二一").replace("  title: 测试要点\n", ""))
    messages = " ".join(d.message for d in diags)
    assert "整数" in messages and "缺少必填字段“title”" in messages
    assert all(d.location and d.location.line for d in diags)


def test_bad_month_in_deadline():
    [d] = errors(GOOD.replace("9月底", "13月底"))
    assert "月份" in d.message and d.location.line == 8


def test_unknown_column_field():
    [d] = errors(GOOD.replace("field: task", "field: taks"))
    assert "您是否想写 task" in d.message and d.location.line == 12


def test_duplicate_ids():
    text = GOOD.replace("        - title: 任务甲\n", "        - title: 任务甲\n          id: a\n") + ""
    text = text.replace("          lead: 市政府办公室\n", "          lead: 市政府办公室\n        - title: 任务乙\n          id: a\n")
    [d] = errors(text)
    assert "重复" in d.message


@pytest.mark.parametrize("content,expect", [
    (b"", "空"),
    (b"\x00\x01PK\x03\x04binary", "二进制"),
    ("plan:\n  title: 测试\n".encode("gbk") + "  year: 二〇二一\n".encode("gbk"), "UTF-8"),
    (b"- a\n- b\n", "映射"),
    ("plan:\n  title: x\n   year: 2021\n".encode(), "缩进"),
    ("plan:\n\ttitle: x\n".encode(), "Tab"),
    (GOOD.replace("  year: 2021\n", "  year: 2021\n  year: 2022\n").encode(), "重复"),
])
def test_cli_bad_input_exits_2_without_traceback(tmp_path, content, expect):
    result = run_cli(tmp_path, content, "validate")
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    assert expect in result.stderr
    assert "plan.yaml:" in result.stderr  # file:line:column


def test_broken_indentation_names_the_line(tmp_path):
    broken = GOOD.replace("          deadline: 9月底", "           deadline: 9月底").encode()
    result = run_cli(tmp_path, broken, "validate")
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert "plan.yaml:8:" in result.stderr


def test_missing_file(tmp_path):
    result = zwgk("outline", tmp_path / "none.yaml")
    assert result.returncode == 2 and "找不到文件" in result.stderr and "Traceback" not in result.stderr


def test_warnings_and_strict(tmp_path):
    text = GOOD.replace("9月底", "2019年9月底前").replace("          lead: 市政府办公室\n", "")
    ok = run_cli(tmp_path, text.encode(), "validate")
    assert ok.returncode == 0 and "不在计划年度" in ok.stderr and "没有任何" in ok.stderr
    strict = zwgk("validate", "--strict", tmp_path / "plan.yaml")
    assert strict.returncode == 2


def test_numbers_cannot_be_written_by_hand():
    [d] = errors(GOOD.replace("        - title: 任务甲\n", "        - title: 任务甲\n          label: 7.\n"))
    assert "未知字段“label”" in d.message


def test_control_characters_pasted_from_word_are_cleaned():
    plan = loads(GOOD.replace("title: 任务甲", 'title: "任务\\x0b甲\\x07"'))
    assert plan.iter_tasks()[0].title == "任务\n甲"


def test_duplicate_text_warning_spares_a_subtask_restating_its_task(tmp_path):
    """沈阳 15: one 主要任务 row repeating the task's text is the plan's shape; a copy in another task is still flagged."""
    same = "围绕重大决策部署及时准确发布权威信息。"
    task = f"          text: {same}\n          subtasks:\n            - text: {same}\n"
    text = GOOD.replace("          deadline: 9月底\n", task + "          deadline: 9月底\n")
    ok = run_cli(tmp_path, text.encode(), "validate")
    assert ok.returncode == 0 and "重复" not in ok.stderr, ok.stderr
    copied = text.replace("table:\n", f"        - title: 任务乙\n          text: {same}\n          lead: 市政府办公室\ntable:\n")
    flagged = run_cli(tmp_path, copied.encode(), "validate")
    assert flagged.returncode == 0 and "内容与 plan.parts[0].tasks[0] 重复" in flagged.stderr, flagged.stderr


NOTICE = "notice:\n  issuer: 某市政务公开办\n  title: 关于印发要点的通知\n  date: 2021-06-22\n  seal_image: 印章(1).png\n"


@pytest.mark.parametrize("old, new, where, words", [
    ("  date: 2021-06-22", "  date: 2022年2月30日", "notice.date", "成文日期“2022年2月30日”不存在：2022年2月只有 28 天"),
    ("          deadline: 9月底", "          deadline: 2022年2月30日", "plan.parts[0].tasks[0].deadline", "完成时限“2022年2月30日”不存在"),
    ("        - title: 任务甲", "        - title: 任务甲\n          text: [第一段, 2022年2月30日前完成]", "plan.parts[0].tasks[0].text",
     "内容中的日期“2022年2月30日”不存在"),
    ("          lead: 市政府办公室", "          lead: 市政府办公室\n          extra: {备注: 6月31日前}", "plan.parts[0].tasks[0].extra",
     "其他列“备注”中的日期“6月31日”不存在：6月最多 30 天"),
])
def test_impossible_date_names_its_field(old, new, where, words):
    """The field's Chinese title (and the extra: key), at the field itself: not "notice" and a bare "日期"."""
    assert old in NOTICE + GOOD
    changed = (NOTICE + GOOD).replace(old, new, 1)
    [d] = errors(changed)
    assert d.path == where and words in d.message, (d.path, d.message)
    assert d.location.line == changed.splitlines().index(new.split("\n")[-1]) + 1


def test_nested_models_clean_their_own_strings():
    """The notice's file name is exempt from punctuation (a file on disk), though the plan holds the notice."""
    assert loads(NOTICE + GOOD).notice.seal_image == "印章(1).png"


def test_attachment_title_that_differs_from_the_table_title_is_a_located_warning(tmp_path):
    """GB/T 9704 §7.3.7: one annex, one name — the 附件说明/附件页 and the separately issued table agree."""
    from conftest import ROOT

    mini = (ROOT / "tests" / "data" / "mini.yaml").read_text(encoding="utf-8")
    lines = mini.splitlines()
    row = next(i for i, line in enumerate(lines) if "- title: 沈阳市2021年政务公开工作要点任务分解表" in line)
    consistent = run_cli(tmp_path, mini.encode(), "validate")
    assert consistent.returncode == 0 and "不一致" not in consistent.stderr
    lines[row] = lines[row].replace("要点任务分解表", "任务表")
    differing = run_cli(tmp_path, "\n".join(lines).encode(), "validate")
    assert differing.returncode == 0 and f":{row + 1}:" in differing.stderr and "notice.attachments[0].title" in differing.stderr
    assert "不一致" in differing.stderr and "table.title" in differing.stderr
