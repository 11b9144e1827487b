"""Batch builds: many plans in one process pool, each into its own folder, mistakes reported."""

from __future__ import annotations

import sys

import pytest
from click.testing import CliRunner

from conftest import ROOT
from zwgk_docs.batch import build_many, expand_plans, output_folders
from zwgk_docs.cli import main

sys.path.insert(0, str(ROOT / "benchmarks"))
from plangen import plan_yaml  # noqa: E402


@pytest.fixture(scope="module")
def plans(tmp_path_factory):
    folder = tmp_path_factory.mktemp("plans")
    for n in range(3):
        (folder / f"dept-{n}.yaml").write_text(plan_yaml(4 + n, f"第{n}局2021年政务公开工作要点"), encoding="utf-8")
    (folder / "broken.yaml").write_text(plan_yaml(3).replace("  year: 2021", "  year: 二〇二一"), encoding="utf-8")
    (folder / "dept-0.progress.yaml").write_text("report: {}\n", encoding="utf-8")  # not a plan
    return folder


def test_folder_expands_to_plans_only(plans):
    names = [p.name for p in expand_plans([plans])]
    assert names == ["broken.yaml", "dept-0.yaml", "dept-1.yaml", "dept-2.yaml"]


def test_same_names_from_two_folders_stay_apart(tmp_path):
    a, b = tmp_path / "a" / "plan.yaml", tmp_path / "b" / "plan.yaml"
    assert [f.name for f in output_folders([a, b], tmp_path / "out")] == ["a-plan", "b-plan"]


def test_build_many_in_two_processes(plans, tmp_path):
    seen = []
    results = build_many([plans], tmp_path, "docx,xlsx,html", jobs=2, on_result=seen.append)
    assert len(seen) == 4
    by_name = {r.plan.name: r for r in results}
    assert not by_name["broken.yaml"].ok
    error = by_name["broken.yaml"].errors[0]
    assert error.location and error.location.line and "plan.year" in error.path
    assert not (tmp_path / "broken").exists()  # nothing half-written for a plan with mistakes
    for n in range(3):
        result = by_name[f"dept-{n}.yaml"]
        assert result.ok
        kinds = sorted(o.kind for o in result.outputs)
        assert kinds == ["ledger.xlsx", "notice.docx", "notice.html", "tasks.xlsx"]
        assert all(o.path.parent == tmp_path / f"dept-{n}" and o.path.exists() for o in result.outputs)


def test_cli_batch_summary_and_exit_code(plans, tmp_path):
    result = CliRunner().invoke(main, ["build", str(plans / "dept-0.yaml"), str(plans / "broken.yaml"),
                                       "-o", str(tmp_path), "-f", "xlsx", "-j", "1"])
    assert result.exit_code == 2
    assert "共 2 个计划：1 个已生成" in result.output
    assert (tmp_path / "dept-0" / "tasks.xlsx").exists()


@pytest.mark.slow  # real worker processes and a signal (~2 s)
def test_ctrl_c_stops_the_batch_cleanly(tmp_path):
    """Ctrl-C reaches the whole process group: exit 130, one Chinese line, no traceback, and
    every plan folder is either complete or absent (no staging folder left)."""
    import os
    import signal
    import subprocess

    folder = tmp_path / "plans"
    folder.mkdir()
    for n in range(12):
        (folder / f"p{n:02d}.yaml").write_text(plan_yaml(30, f"第{n}局2021年政务公开工作要点"), encoding="utf-8")
    out = tmp_path / "out"
    proc = subprocess.Popen([sys.executable, "-m", "zwgk_docs", "build", str(folder), "-o", str(out), "-f", "docx,xlsx,html"],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, start_new_session=True)
    assert proc.stdout is not None
    for line in proc.stdout:  # wait until the workers are busy
        if line.startswith("[1/"):
            break
    os.killpg(proc.pid, signal.SIGINT)
    rest = proc.stdout.read()
    assert proc.wait(timeout=60) == 130
    assert "Traceback" not in rest and "已停止" in rest
    assert not list(out.rglob(".zwgk-*"))
    for plan_out in out.iterdir():  # complete, or nothing in it (the folder itself may remain)
        assert sorted(p.name for p in plan_out.iterdir()) in ([], ["ledger.xlsx", "notice.docx", "notice.html", "tasks.xlsx"])


@pytest.mark.slow  # real worker processes laying PDFs out (~1.5 s)
def test_pdf_batch_workers_start_warm(tmp_path):
    """With PDFs the workers are forked from a server that built a small plan first
    (batch_preload.py): every plan gets both PDFs, and the result says the CPU it took."""
    folder = tmp_path / "plans"
    folder.mkdir()
    for n in range(2):
        (folder / f"unit-{n}.yaml").write_text(plan_yaml(3, f"第{n}单位2021年政务公开工作要点"), encoding="utf-8")
    results = build_many([folder], tmp_path / "out", "pdf", jobs=2)
    for result in results:
        assert result.ok, result.errors
        assert sorted(o.kind for o in result.outputs) == ["notice.pdf", "tasks.pdf"]
        assert all(o.path.read_bytes().startswith(b"%PDF") for o in result.outputs)
        assert 0 < result.cpu_seconds and result.as_json()["cpu_seconds"] > 0
