"""Hostile YAML is refused quickly with a located Chinese message (exit 2): no hang, no traceback."""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from zwgk_docs.cli import main
from zwgk_docs.load import limits

from conftest import ROOT

MINI = (ROOT / "tests" / "data" / "mini.yaml").read_text(encoding="utf-8")
LAUGHS = "lol: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"lol{i}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 9)}]\n" for i in range(9))

CASES = {
    # name: (file text, what the message says)
    "billion-laughs-under-unknown-key": (MINI + LAUGHS, "别名"),
    "alias-cycle": (MINI + "loop: &l [*l]\n", "循环引用"),
    "flow-200k-deep": ("plan: " + "[" * 200_000 + "]" * 200_000 + "\n", "嵌套层数过多"),
    "flow-deep-with-items": ("plan: " + "[a, " * 15_000 + "]" * 15_000 + "\n", "嵌套层数过多"),
    "block-3000-deep": ("".join(" " * i + f"k{i}:\n" for i in range(3000)) + " " * 3000 + "v\n", ""),
    "block-100-deep": ("".join(" " * i + f"k{i}:\n" for i in range(100)) + " " * 100 + "v\n", "嵌套层数过多"),
    "million-items": ("plan: [" + "a, " * 300_000 + "]\n", "内容项过多"),
    "5000-digit-year": (MINI.replace("year: 2021", "year: " + "9" * 5000), "数字过长"),
    "5000-digit-year-quoted": (MINI.replace("year: 2021", 'year: "' + "9" * 5000 + '"'), "数字过大"),
    "width-inf": (MINI.replace("width: 22", "width: .inf"), ".inf"),
    "width-nan": (MINI.replace("width: 22", "width: .nan"), ".nan"),
    "width-huge": (MINI.replace("width: 22", "width: 1e300"), "不大于 255"),
    "char-x84": (MINI.replace("title: 沈阳市2021年政务公开工作要点\n", "title: 沈阳\x84要点\n"), "U+0084"),
    "huge-file": ("a: " + "x" * (limits.MAX_CHARS + 10) + "\n", "文件过大"),
    "huge-scalar": ('a: "' + "x" * (limits.MAX_SCALAR_CHARS + 10) + '"\n', "文字过长"),
}


def run(tmp_path: Path, name: str, text: str):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    start = time.perf_counter()
    result = CliRunner().invoke(main, ["validate", str(path)])
    return result, time.perf_counter() - start


def assert_located_chinese(result, path_name: str) -> None:
    assert result.exit_code == 2, (result.exit_code, result.output[-500:])
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    lines = [l for l in result.output.splitlines() if l.startswith("错误")]
    assert lines, result.output[-500:]
    for line in lines:
        assert re.search(re.escape(path_name) + r":\d+:\d+", line), line
        assert "Traceback" not in result.output and "Input should" not in line, line


@pytest.mark.parametrize("case", sorted(CASES))
def test_hostile_plan_is_refused_quickly(tmp_path, case):
    text, words = CASES[case]
    result, seconds = run(tmp_path, case + ".yaml", text)
    assert_located_chinese(result, case + ".yaml")
    assert words in result.output, result.output[-500:]
    assert seconds < 30, f"{case}: {seconds:.1f} s"  # catches a hang, not a timing (benchmarks measure); typically < 1 s


@pytest.mark.parametrize("suffix", [".progress.yaml", ".stats.yaml"])
def test_progress_and_stats_files_have_the_same_limits(tmp_path, suffix):
    (tmp_path / "p.yaml").write_text(MINI, encoding="utf-8")
    for text, words in (CASES["billion-laughs-under-unknown-key"][0], "别名"), (CASES["flow-200k-deep"][0], "嵌套"):
        result, seconds = run(tmp_path, "p" + suffix, text)
        assert_located_chinese(result, "p" + suffix)
        assert words in result.output and seconds < 30


def test_anchors_within_reason_still_work():
    from zwgk_docs.load import loads

    text = MINI.replace("lead: [市发展改革委, 市自然资源局, 市政府办公室]", "lead: &leads [市发展改革委, 市自然资源局, 市政府办公室]")
    text = text.replace("responsible: 区县（市）政府\n", "responsible: *leads\n")
    plan = loads(text)
    assert plan.iter_tasks()[0].subtasks[0].responsible == ["市发展改革委", "市自然资源局", "市政府办公室"]
