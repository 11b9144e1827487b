import json

import pytest

from conftest import ROOT, zwgk, zwgk_process




def test_schema_is_json_schema_with_chinese_titles():
    result = zwgk("schema")
    assert result.returncode == 0
    schema = json.loads(result.stdout)
    assert schema["type"] == "object" and "plan" in schema["properties"]
    task = schema["definitions"]["Task"]["properties"]
    assert task["deadline"]["title"] == "完成时限" and task["lead"]["title"] == "牵头单位"
    assert "label" not in task  # numbering is computed, never written by hand


def test_outline_json_shape():
    result = zwgk("outline", "--json", str(ROOT / "tests/data/mini.yaml"))
    assert result.returncode == 0, result.stderr
    items = json.loads(result.stdout)["items"]
    assert [i["kind"] for i in items] == ["part", "task", "subtask", "subtask"]
    assert items[0]["label"] == "一、" and items[1]["label"] == "1." and items[2]["label"] == ""
    assert set(items[0]) == {"level", "label", "title", "text", "kind", "id"}
    assert items[1]["id"] == "guihua-xinxi"


def test_help_is_chinese():
    result = zwgk("--help")
    assert "计划文件" in result.stdout and "build" in result.stdout


def test_unknown_format_exits_2(tmp_path):
    result = zwgk("build", str(ROOT / "tests/data/mini.yaml"), "-o", str(tmp_path), "--format", "doc")
    assert result.returncode == 2 and "不支持的输出格式" in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_click_usage_errors_are_chinese():
    missing = zwgk("build")
    assert missing.returncode == 2 and "缺少参数" in missing.stderr and "Traceback" not in missing.stderr
    typo = zwgk("bild")
    assert typo.returncode == 2 and "您是否想写 'build'" in typo.stderr
    assert "显示本帮助并退出" in zwgk("outline", "-h").stdout


def test_validate_checks_report_inputs_beside_their_plan(tmp_path):
    examples = sorted(str(p) for p in (ROOT / "examples").glob("*.yaml"))
    result = zwgk("validate", *examples)
    assert result.returncode == 0, result.stderr
    assert "shenyang-2021.progress.yaml：28 项任务的进度" in result.stdout
    lonely = tmp_path / "x.progress.yaml"
    lonely.write_text("tasks: []\n", encoding="utf-8")
    missing_plan = zwgk("validate", str(lonely))
    assert missing_plan.returncode == 2 and "找不到对应的计划文件 x.yaml" in missing_plan.stderr


@pytest.mark.slow  # the quick suite's real processes: test_early_pdf (a build with PDFs, a broken plan's exit 2)
def test_real_process_end_to_end(tmp_path):
    """The few real `python -m zwgk_docs` runs (the rest of the suite runs the CLI in process)."""
    ok = zwgk_process("build", ROOT / "examples" / "teda-2018.yaml", "-o", tmp_path, "-f", "xlsx,html")
    assert ok.returncode == 0 and (tmp_path / "tasks.xlsx").exists() and (tmp_path / "notice.html").exists()
    bad = tmp_path / "bad.yaml"
    bad.write_text("plan: [\n", encoding="utf-8")
    failed = zwgk_process("validate", bad)
    assert failed.returncode == 2 and "bad.yaml:" in failed.stderr and "Traceback" not in failed.stderr


def test_a_repeated_format_option_adds_up(tmp_path):
    """`-f xlsx -f html` is `-f xlsx,html` (it once kept only the last -f, silently)."""
    result = zwgk("build", ROOT / "examples" / "teda-2018.yaml", "-o", tmp_path, "-f", "xlsx", "--format", "html")
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ledger.xlsx", "notice.html", "tasks.xlsx"]
    wrong = zwgk("build", ROOT / "examples" / "teda-2018.yaml", "-o", tmp_path / "x", "-f", "xlsx", "-f", "odt")
    assert wrong.returncode == 2 and "不支持的输出格式：odt" in wrong.stderr and not (tmp_path / "x").exists()
