"""Impossible dates, full-width colons, filesystem trouble and internal errors: always a Chinese
sentence and an exit code (2 user error, 3 internal), never a traceback, nothing half-written."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import ROOT
from zwgk_docs.cli import main

MINI = (ROOT / "tests" / "data" / "mini.yaml").read_text(encoding="utf-8")


def run(*args: str, input: str | None = None):
    result = CliRunner().invoke(main, list(args), input=input)
    assert "Traceback" not in result.output
    return result


def plan_file(tmp_path: Path, old: str = "", new: str = "", name: str = "plan.yaml") -> Path:
    assert old in MINI
    path = tmp_path / name
    path.write_text(MINI.replace(old, new, 1), encoding="utf-8")
    return path


@pytest.mark.parametrize("old, new, line, words", [
    ("date: 2021-06-22", "date: 2022-02-30", 13, "2022年2月只有 28 天"),
    ("date: 2021-06-22", "date: 2021-13-45", 13, "月份应为 1—12"),
    ("date: 2021-06-22", 'date: "2021-02-29"', 13, "2021年2月只有 28 天"),
    ("deadline: 9月底 ", "deadline: 2022-02-30 ", 31, "2022年2月只有 28 天"),
    ("deadline: 9月底 ", "deadline: 2022年13月 ", 31, "月份应为 1—12"),
    ("deadline: 9月底 ", "deadline: 2022年2月30日 ", 31, "2022年2月只有 28 天"),
    ("deadline: 9月底 ", "deadline: 6月31日前 ", 31, "6月最多 30 天"),
    ("text: 市、区县(市)人民政府要主动公开……", "text: 2022年13月底前公开", 29, "月份应为 1—12"),
])
@pytest.mark.parametrize("command", ["validate", "build"])
def test_impossible_dates_are_located_errors(tmp_path, command, old, new, line, words):
    path = plan_file(tmp_path, old, new)
    out = tmp_path / "out"
    result = run(command, str(path), *(["-o", str(out), "-f", "xlsx"] if command == "build" else []))
    assert result.exit_code == 2, result.output
    assert f"{path}:{line}:" in result.output and words in result.output and "不存在" in result.output
    assert not out.exists() or list(out.iterdir()) == []


def test_impossible_dates_in_report_inputs(tmp_path):
    example = (ROOT / "examples" / "shenyang-2021.stats.yaml").read_text(encoding="utf-8")
    stats = tmp_path / "x.stats.yaml"
    stats.write_text(example.replace("\nyear: 2021\n", "\nyear: 2021\nreport:\n  date: 2021-02-30\n", 1), encoding="utf-8")
    result = run("validate", str(stats))
    assert result.exit_code == 2 and f"{stats}:6:9 report.date：" in result.output and "不存在" in result.output


def test_unquoted_impossible_date_names_its_field(tmp_path):
    """2022-02-30 written bare (a YAML timestamp) is reported like the quoted one: with the field path."""
    path = plan_file(tmp_path, "deadline: 9月底 ", "deadline: 2022-02-30 ")
    result = run("validate", str(path))
    assert result.exit_code == 2 and f"{path}:31:" in result.output and ".deadline：" in result.output


def test_fullwidth_colon_is_named_on_its_own_line(tmp_path):
    path = plan_file(tmp_path, "  year: 2021", "  year： 2021")
    result = run("validate", str(path))
    assert result.exit_code == 2
    first = result.output.splitlines()[0]
    assert f"{path}:17:7" in first and "全角冒号" in first and "year: " in first


def test_fullwidth_colon_that_parses_as_text(tmp_path):
    path = plan_file(tmp_path, "      content: table", "      content： table")
    result = run("validate", str(path))
    assert result.exit_code == 2 and f"{path}:12:14" in result.output and "全角冒号" in result.output


# ---------------------------------------------------------------- filesystem


@pytest.mark.parametrize("command", ["build", "publish", "report"])
def test_output_path_is_a_file(tmp_path, command):
    """fsio's own sentence (the path in Chinese quotes, what to do), not click's "'…' is a file" usage error."""
    path = plan_file(tmp_path)
    (tmp_path / "out").write_text("x")
    result = run(command, *([] if command == "report" else [str(path)]), "-o", str(tmp_path / "out"))
    assert result.exit_code == 2, result.output
    assert f"输出文件夹“{tmp_path / 'out'}”已经是一个文件" in result.output and "'" not in result.output, result.output
    assert (tmp_path / "out").read_text() == "x"
    if command != "build":
        return
    below = run("build", str(path), "-o", str(tmp_path / "out" / "sub"), "-f", "xlsx")
    assert below.exit_code == 2 and str(tmp_path / "out") in below.output and "文件" in below.output


@pytest.mark.parametrize("target", ["/proc/x", "/proc/x/y", "/sys/zwgk"])
def test_system_folders(tmp_path, target):
    path = plan_file(tmp_path)
    for args in (["build", str(path), "-o", target, "-f", "xlsx"], ["init", "-o", f"{target}/plan.yaml"],
                 ["schema", "-o", f"{target}/s.json"]):
        result = run(*args)
        assert result.exit_code == 2, (args, result.output)
        assert "/proc/x" in result.output or "/sys/zwgk" in result.output
        errors = [line for line in result.output.splitlines() if line.startswith("错误")]
        assert len(errors) == 1 and "请" in errors[0]


def _previous_build(tmp_path: Path) -> tuple[Path, Path, dict[str, bytes]]:
    path = plan_file(tmp_path)
    out = tmp_path / "out"
    assert run("build", str(path), "-o", str(out), "-f", "xlsx,html").exit_code == 0
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    plan_file(tmp_path, "title: 全面公开各类规划信息", "title: 全面公开各类规划信息（改）")
    return path, out, before


def test_file_open_in_wps_leaves_the_folder_as_it_was(tmp_path, monkeypatch):
    path, out, before = _previous_build(tmp_path)
    real_replace = os.replace

    def locked(src, dst, *a, **k):  # Windows: a file open in WPS cannot be replaced
        if Path(src).name == "notice.html" and Path(src).parent == out:
            exc = PermissionError(errno.EACCES, "Access is denied", str(src))
            exc.winerror = 32  # type: ignore[attr-defined]
            raise exc
        return real_replace(src, dst, *a, **k)

    monkeypatch.setattr(os, "replace", locked)
    result = run("build", str(path), "-o", str(out), "-f", "xlsx,html")
    assert result.exit_code == 2 and "notice.html" in result.output and "WPS" in result.output
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before  # tasks.xlsx was put back


@pytest.mark.parametrize("code, words", [(errno.ENOSPC, "磁盘空间不足"), (errno.EROFS, "只读"), (errno.EACCES, "权限")])
def test_disk_full_read_only_no_permission(tmp_path, monkeypatch, code, words):
    path, out, before = _previous_build(tmp_path)
    from zwgk_docs.writers import html

    def failing(ctx, staging):
        raise OSError(code, os.strerror(code), str(staging / "notice.html"))

    monkeypatch.setattr(html, "write", failing)
    result = run("build", str(path), "-o", str(out), "-f", "xlsx,html")
    assert result.exit_code == 2 and words in result.output and str(out / "notice.html") in result.output
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before


def test_read_only_folder_for_staging(tmp_path, monkeypatch):
    import tempfile

    path = plan_file(tmp_path)

    def refuse(*a, **k):
        raise OSError(errno.EROFS, "Read-only file system", k.get("dir"))

    monkeypatch.setattr(tempfile, "mkdtemp", refuse)
    result = run("build", str(path), "-o", str(tmp_path / "o"), "-f", "xlsx")
    assert result.exit_code == 2 and "只读" in result.output and str(tmp_path / "o") in result.output


# ---------------------------------------------------------------- the last resort


def test_internal_error_is_short_chinese_with_a_log_and_exit_3(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    import zwgk_docs.context

    def broken(*a, **k):
        raise ZeroDivisionError("boom")

    monkeypatch.setattr(zwgk_docs.context, "build_context", broken)
    result = run("outline", str(plan_file(tmp_path)))
    assert result.exit_code == 3
    assert "内部错误，请报告" in result.output and "boom" not in result.output
    logs = list((tmp_path / "state" / "zwgk").glob("zwgk-error-*.log"))
    assert len(logs) == 1 and "ZeroDivisionError: boom" in logs[0].read_text(encoding="utf-8")
    assert str(logs[0]) in result.output


def test_impossible_dates_in_an_imported_table_are_the_users_to_fix(tmp_path):
    source = tmp_path / "分解表.csv"
    source.write_text("序号,工作任务,工作内容,牵头单位,完成时限\n1,公开规划,主动公开规划信息,市发展改革委,2022年13月底前\n"
                      "2,公开预算,公开预决算,市财政局,2022-02-30\n", encoding="utf-8")
    result = run("import", str(source), "-o", str(tmp_path / "plan.yaml"))
    assert result.exit_code == 2 and "导入程序的问题" not in result.output
    assert f"{source}" in result.output and "2022年13月" in result.output and "2022-02-30" in result.output
    assert not (tmp_path / "plan.yaml").exists()


def test_written_plans_are_ordinary_files(tmp_path):
    """zwgk init/import/schema write through a temporary file: the result is readable by colleagues (umask), not 0600."""
    old = os.umask(0o022)
    try:
        plan = tmp_path / "plan.yaml"
        assert run("init", "-o", str(plan)).exit_code == 0
        assert plan.stat().st_mode & 0o777 == 0o644
        plan.chmod(0o640)
        assert run("init", "-o", str(plan), "--force").exit_code == 0
        assert plan.stat().st_mode & 0o777 == 0o640  # a replaced file keeps its mode
    finally:
        os.umask(old)


def test_missing_option_ends_in_a_full_width_period():
    """click puts the period of "Missing option '-o'." in code: the Chinese message ends in 。 all the same."""
    result = run("import", "tasks.xlsx")
    assert result.exit_code == 2 and "缺少选项 '-o' / '--output'。" in result.output, result.output
    result = run("build")
    assert result.exit_code == 2 and "缺少参数 'PLAN...'。" in result.output, result.output
