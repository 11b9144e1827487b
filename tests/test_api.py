"""The library as an OA system or a web back end uses it: plans from anywhere, builds in memory,
in threads, without forking the host process or touching its logging."""

from __future__ import annotations

import concurrent.futures
import logging
import os
import subprocess
import sys

import pytest
from ruamel.yaml import YAML

import zwgk_docs
from conftest import EXAMPLES, ROOT
from zwgk_docs import Plan, UserError

MINI_PATH = ROOT / "tests" / "data" / "mini.yaml"
MINI = MINI_PATH.read_text(encoding="utf-8")


def mini_dict() -> dict:
    return YAML(typ="safe").load(MINI)


def test_a_plan_made_in_python_is_numbered_by_build(tmp_path):
    plan = Plan.model_validate(mini_dict())
    outputs = zwgk_docs.build(plan, tmp_path, ["html"])
    html = (tmp_path / "notice.html").read_text(encoding="utf-8")
    assert [o.kind for o in outputs] == ["notice.html"]
    assert "一、" in html and "1." in html
    assert plan.plan.parts[0].label == "一、" and plan.plan.parts[0].tasks[0].label == "1."


def test_a_plan_edited_after_loading_is_renumbered():
    plan = zwgk_docs.loads(MINI)
    plan.plan.parts.insert(0, plan.plan.parts[0].model_copy(update={"id": "new-part", "tasks": [
        plan.plan.parts[0].tasks[0].model_copy(update={"id": "new-task", "subtasks": []})]}))
    ctx = zwgk_docs.build_context(plan)
    assert [i.label for i in ctx.outline if i.kind == "part"] == ["一、", "二、"]
    assert [i.label for i in ctx.outline if i.kind == "task"] == ["1.", "2."]


def test_a_python_plan_with_mistakes_is_refused_in_chinese():
    data = mini_dict()
    data["table"]["columns"][0]["field"] = "tsak"
    with pytest.raises(UserError) as caught:
        zwgk_docs.render(Plan.model_validate(data), ["xlsx"])
    assert "未知的列内容“tsak”" in str(caught.value) and "task" in str(caught.value)


def test_loads_and_load_plan_never_guess():
    assert zwgk_docs.loads(MINI).plan.title == zwgk_docs.load_plan(MINI_PATH).plan.title
    assert zwgk_docs.loads(MINI.encode("utf-8")).plan.year == 2021
    with pytest.raises(UserError, match="找不到文件.*loads"):
        zwgk_docs.load_plan(MINI)
    with pytest.raises(UserError, match="最外层"):
        zwgk_docs.loads(str(MINI_PATH))  # a path given as text is YAML text, not a file
    with pytest.raises(UserError) as caught:
        zwgk_docs.loads(MINI.replace("year: 2021", "year: 二〇二一"), name="来自网页表单")
    assert "来自网页表单:17:" in str(caught.value)
    with pytest.raises(TypeError):
        zwgk_docs.loads(mini_dict())  # type: ignore[arg-type]


def test_render_in_memory_equals_build(built_plan):
    """render() gives the bytes build() writes (conftest.built_plan: zwgk_docs.build of the same formats)."""
    plan = zwgk_docs.load_plan(EXAMPLES / "shenyang-2021.yaml")
    files = zwgk_docs.render(plan, ["docx", "xlsx", "html"], by_unit=True)
    built = built_plan(EXAMPLES / "shenyang-2021.yaml", "docx,xlsx,html", by_unit=True)
    outputs, folder = built.outputs, built.folder
    on_disk = {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()}
    assert files == on_disk
    assert {"notice.docx", "tasks.xlsx", "notice.html"} <= set(files) and any(n.startswith("units/") for n in files)
    assert all(isinstance(v, bytes) and v for v in files.values()) and outputs


def test_threads_no_fork_no_logging_changes(monkeypatch):
    def no_fork():
        raise AssertionError("the library must not fork its host process")

    monkeypatch.setattr(os, "fork", no_fork)
    import weasyprint  # noqa: F401 — its own import-time NullHandler is not ours

    logger = logging.getLogger("weasyprint")
    level, handlers = logger.level, list(logger.handlers)
    plan_text = MINI

    def job(i: int) -> dict[str, bytes]:
        return zwgk_docs.render(zwgk_docs.loads(plan_text), ["xlsx", "html"] + (["pdf"] if i == 0 else []))

    with concurrent.futures.ThreadPoolExecutor(4) as pool:
        results = list(pool.map(job, range(4)))
    assert results[0]["tasks.pdf"].startswith(b"%PDF") and results[0]["notice.pdf"].startswith(b"%PDF")
    assert all(r["tasks.xlsx"] == results[0]["tasks.xlsx"] for r in results)
    assert (logger.level, logger.handlers) == (level, handlers)
    assert logging.getLogger().handlers == [] or all(h.level >= 0 for h in logging.getLogger().handlers)


EMBED = '''
from __future__ import annotations
import concurrent.futures
import zwgk_docs
from zwgk_docs import Plan, UserError


def respond(text: str) -> tuple[int, dict[str, bytes] | str]:
    try:
        plan: Plan = zwgk_docs.loads(text, name="upload.yaml")
        return 200, zwgk_docs.render(plan, ["docx", "xlsx"])
    except UserError as exc:
        return 400, "\\n".join(str(d) for d in exc.diagnostics)


def many(texts: list[str]) -> list[tuple[int, dict[str, bytes] | str]]:
    with concurrent.futures.ThreadPoolExecutor(4) as pool:
        return list(pool.map(respond, texts))
'''


@pytest.mark.slow
def test_an_embedding_script_type_checks(tmp_path):
    script = tmp_path / "embed.py"
    script.write_text(EMBED, encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "mypy", "--strict", "--no-incremental", "--follow-imports=silent", str(script)],
                            capture_output=True, text=True, timeout=600, cwd=ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
