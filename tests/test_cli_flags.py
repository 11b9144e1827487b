"""The command line behaves like the tools people know: --version, -q/-v, - for stdin,
validate --json, completion, one exit-code table, Chinese everywhere, progress and a summary."""

from __future__ import annotations

import json

from click.testing import CliRunner

from conftest import ROOT
from zwgk_docs import __version__
from zwgk_docs.cli import main

MINI_PATH = ROOT / "tests" / "data" / "mini.yaml"
MINI = MINI_PATH.read_text(encoding="utf-8")


def run(*args: str, input: str | None = None):
    result = CliRunner().invoke(main, list(args), input=input)
    assert "Traceback" not in result.output
    return result


def test_version():
    for flag in ("--version", "-V"):
        result = run(flag)
        assert result.exit_code == 0 and __version__ in result.output


def test_stdin_dash_for_plans():
    result = run("outline", "-", input=MINI)
    assert result.exit_code == 0 and "全面公开各类规划信息" in result.output
    bad = run("validate", "-", input=MINI.replace("year: 2021", "yaer: 2021"))
    assert bad.exit_code == 2 and "<标准输入>:17:" in bad.output


def test_stdin_dash_in_every_command_that_reads_a_plan(tmp_path):
    """`-` is standard input wherever a plan is read; where a file is needed, a Chinese refusal."""
    assert "<标准输入>：1 项任务" in run("validate", "-", input=MINI).output
    assert run("units", "-", input=MINI).exit_code == 0
    assert run("build", "-", "-o", str(tmp_path / "b"), "-f", "xlsx", input=MINI).exit_code == 0
    assert run("publish", "-", "-o", str(tmp_path / "p"), input=MINI).exit_code == 0
    diff = run("diff", "-", str(MINI_PATH), input=MINI)
    assert diff.exit_code == 0 and "标准输入" in diff.output
    assert run("trace", "-", "--superior", str(MINI_PATH), input=MINI).exit_code == 0
    both = run("diff", "-", "-", input=MINI)
    assert both.exit_code == 2 and "只能给其中一份" in both.output
    preview = run("preview", "-", "--no-open", input=MINI)
    assert preview.exit_code == 2 and "标准输入" in preview.output
    fixed = run("fix", "-", input=MINI.replace("year: 2021", "year: 2021\n# x\n").replace("规划信息", "规划信息(草案)"))
    assert fixed.exit_code == 0 and "规划信息（草案）" in fixed.stdout and "改正" in fixed.stderr
    assert not (ROOT / "-").exists() and not (tmp_path / "-").exists()  # a filter: no file named "-"


def test_validate_json():
    broken = MINI.replace("year: 2021", "yaer: 2021")
    result = run("validate", "--json", str(MINI_PATH), "-", input=broken)
    assert result.exit_code == 2
    report = json.loads(result.stdout)
    assert report["ok"] is False and [f["ok"] for f in report["files"]] == [True, False]
    typo = next(d for d in report["files"][1]["diagnostics"] if "yaer" in d["message"])
    assert typo["severity"] == "error" and typo["file"] == "<标准输入>" and typo["line"] == 17 and typo["column"] == 3
    assert set(typo) == {"severity", "message", "field", "file", "line", "column"}


def test_quiet_and_verbose(tmp_path):
    loud = run("build", str(MINI_PATH), "-o", str(tmp_path / "a"), "-f", "xlsx,html")
    assert loud.exit_code == 0
    assert "[1/2] 正在生成 Excel 表格" in loud.output and "[2/2] 正在生成 网页" in loud.output
    assert "已生成 3 个文件" in loud.output and "合计" in loud.output and "tasks.xlsx" in loud.output and "KB" in loud.output
    for args in (["-q", "build"], ["build", "-q"]):  # the flag works before or after the command
        quiet = run(*args, str(MINI_PATH), "-o", str(tmp_path / "b"), "-f", "xlsx")
        assert quiet.exit_code == 0 and quiet.output == ""
    assert run("-q", "validate", "-", input="plan: 1\n").exit_code == 2  # errors still shown
    assert "错误" in run("-q", "validate", "-", input="plan: 1\n").output
    verbose = run("build", str(MINI_PATH), "-o", str(tmp_path / "c"), "-f", "xlsx", "-v")
    assert verbose.exit_code == 0 and "1 项任务；输出格式 xlsx" in verbose.output
    assert "输出格式" not in loud.output


def test_json_stdout_has_no_progress(tmp_path):
    result = CliRunner().invoke(main, ["build", str(MINI_PATH), "-o", str(tmp_path), "-f", "xlsx", "--json"])
    assert result.exit_code == 0 and json.loads(result.stdout)["outputs"]


def test_click_words_are_chinese():
    build_help = run("build", "-h").output
    assert "TEXT" not in build_help and "[OPTIONS]" not in build_help and "Options" not in build_help
    assert "[选项]" in build_help and "选项：" in build_help
    new_help = run("new", "-h").output
    assert "INTEGER" not in new_help and "RANGE" not in new_help
    top = run("--help").output
    assert "COMMAND" not in top and "命令 [参数]" in top and "退出码" in top
    choice = run("completion", "powershell")
    assert choice.exit_code == 2 and "is not one of" not in choice.output and "不是可选的值" in choice.output
    assert "bash" in choice.output


def test_completion_scripts():
    for shell, words in (("bash", "complete"), ("zsh", "compdef"), ("fish", "complete")):
        result = run("completion", shell)
        assert result.exit_code == 0 and words in result.output and "_ZWGK_COMPLETE" in result.output
