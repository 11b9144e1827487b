"""The executable's PDF process, forked before the plan is read (writers/pdf/early.py)."""

from __future__ import annotations

import subprocess
import time

import pytest
from conftest import zwgk, zwgk_process

from zwgk_docs.batch_preload import WARM_PLAN
from zwgk_docs.entry import builds_one_plan_with_pdf


@pytest.mark.parametrize(("args", "expected"), [
    (["build", "plan.yaml"], True),
    (["-q", "build", "plan.yaml", "-o", "out"], True),
    (["build", "plan.yaml", "-f", "docx,pdf"], True),
    (["build", "--format=PDF", "plan.yaml"], True),
    (["build", "-fpdf", "-", "-j", "2"], True),
    (["build", "plan.yaml", "-f", "docx,xlsx"], False),
    (["build", "a.yaml", "b.yaml"], False),
    (["build", "."], False),  # a folder: a batch
    (["build", "plan.yaml", "--help"], False),
    (["validate", "plan.yaml"], False),
    (["build"], False),
    (["build", "-o", "plan.yaml"], False),  # the output folder is no plan
])
def test_which_command_lines_start_it(args, expected):
    assert builds_one_plan_with_pdf(args) is expected


def test_real_build_gives_the_bytes_of_a_build_in_process(tmp_path):
    """`python -m zwgk_docs build` lays its PDFs out in the early process: same files, same bytes."""
    plan = tmp_path / "plan.yaml"
    plan.write_text(WARM_PLAN, encoding="utf-8")
    early = zwgk_process("build", plan, "-o", tmp_path / "early", "-f", "pdf,html")
    assert early.returncode == 0, early.stderr
    assert zwgk("build", str(plan), "-o", str(tmp_path / "inside"), "-f", "pdf,html").returncode == 0
    for name in ("notice.pdf", "tasks.pdf", "notice.html"):
        assert (tmp_path / "early" / name).read_bytes() == (tmp_path / "inside" / name).read_bytes(), name


def test_an_unused_early_process_ends_with_the_command(tmp_path):
    bad = tmp_path / "bad-plan-early.yaml"
    bad.write_text("plan: [\n", encoding="utf-8")
    failed = zwgk_process("build", bad, "-o", tmp_path / "out")
    assert failed.returncode == 2 and "bad-plan-early.yaml:" in failed.stderr and "Traceback" not in failed.stderr
    for _ in range(100):
        if subprocess.run(["pgrep", "-f", str(bad)], capture_output=True).returncode != 0:
            break
        time.sleep(0.05)
    else:
        pytest.fail("the PDF process outlived the command")
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())
