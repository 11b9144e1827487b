"""entry.py: the executable pauses Python's cycle collector while a command's modules are imported and
resumes it (a build: once its writers are imported); library use and in-process command lines keep it."""

from __future__ import annotations

import gc
import importlib
import subprocess
import sys

import pytest

from zwgk_docs import entry
from zwgk_docs.cli_commands import build_modules


@pytest.fixture
def collector():
    """The collector's state put back afterwards."""
    enabled, paused, frozen = gc.isenabled(), list(entry._PAUSED), gc.get_freeze_count()
    yield
    entry._PAUSED[:] = paused
    if gc.get_freeze_count() != frozen:
        gc.unfreeze()
    (gc.enable if enabled else gc.disable)()


def test_resuming_is_a_no_op_unless_run_paused_it(collector):
    gc.enable()
    frozen = gc.get_freeze_count()
    entry.collections_resumed(["zwgk_docs.no_such_module"])
    assert gc.isenabled() and gc.get_freeze_count() == frozen
    gc.disable()
    entry.collections_resumed()
    assert not gc.isenabled()  # paused by someone else (a layout): left as it is


def test_resumed_after_the_modules_are_imported_with_what_exists_frozen(collector):
    gc.enable()
    gc.unfreeze()
    sys.modules.pop("colorsys", None)
    entry._pause_collections()
    assert not gc.isenabled()
    entry.collections_resumed(["colorsys", "zwgk_docs.no_such_module"])  # a failing one: skipped
    assert gc.isenabled() and "colorsys" in sys.modules
    assert gc.get_freeze_count() > 0
    entry.collections_resumed()  # once
    assert gc.isenabled()


@pytest.mark.parametrize(("names", "by_unit", "as_json"), [
    (["docx", "xlsx", "pdf", "html"], False, False),
    (["docx", "xlsx", "pdf", "html"], True, True),
    (["pdf"], False, False),
    (["xlsx"], True, False),
])
def test_a_builds_modules_exist_and_follow_its_steps(names, by_unit, as_json):
    modules = build_modules(names, by_unit, as_json)
    for name in modules:
        importlib.import_module(name)
    assert ("zwgk_docs.check" in modules) is (not as_json)
    assert ("zwgk_docs.writers.docx" in modules) is ("docx" in names)
    assert ("zwgk_docs.writers.xlsx.forms" in modules) is ("xlsx" in names or by_unit)


@pytest.mark.parametrize(("args", "expected"), [
    (["build", "plan.yaml"], True),
    (["-q", "build", "plan.yaml", "-f", "docx"], True),
    (["build", "a.yaml", "b.yaml"], False),
    (["build", "."], False),
    (["validate", "plan.yaml"], False),
    (["build", "plan.yaml", "--help"], False),
])
def test_which_command_lines_keep_it_paused_until_the_build(args, expected):
    assert entry.builds_one_plan(args) is expected


COLLECTOR_AT_EXIT = """
import atexit, gc, sys
sys.argv = ["zwgk", *sys.argv[1:]]
atexit.register(lambda: print("collector", gc.isenabled(), gc.get_freeze_count() > 0, gc.get_threshold()[0], file=sys.stderr))
from zwgk_docs.entry import run
run()
"""


@pytest.mark.parametrize("command", [["schema"], ["build", "{plan}", "-o", "{out}", "-f", "docx,html"]])
def test_the_executable_runs_its_command_with_the_collector_on(tmp_path, command):
    """`zwgk schema` (any command), `zwgk build` once its writers are imported: collecting, fewer times."""
    from conftest import ROOT

    args = [a.format(plan=ROOT / "examples" / "jilin-2018.yaml", out=tmp_path / "out") for a in command]
    done = subprocess.run([sys.executable, "-c", COLLECTOR_AT_EXIT, *args], capture_output=True, text=True,
                          cwd=ROOT, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "collector True True 10000" in done.stderr


def test_a_build_resumes_them_at_its_first_step_after_the_pdfs(collector, monkeypatch):
    from zwgk_docs import cli_commands

    resumed: list[list[str]] = []
    monkeypatch.setattr(cli_commands, "collections_resumed", lambda modules=(): resumed.append(list(modules)))
    lines: list[str] = []
    step = cli_commands.resuming_collections(lines.append, ["docx", "pdf"], ["m"])
    step("[1/2] pdf")
    assert resumed == [] and lines == ["[1/2] pdf"]
    step("[2/2] docx")
    assert resumed == [["m"]] and lines == ["[1/2] pdf", "[2/2] docx"]
    silent = cli_commands.resuming_collections(None, ["xlsx"], ["n"])
    silent("[1/1] xlsx")  # no PDFs: at the first step
    assert resumed[-1] == ["n"]
