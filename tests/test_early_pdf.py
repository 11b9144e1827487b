"""What the executable does around the command: first the PDF process of one build (writers/pdf/early.py),
the workers' server of a batch (batch.start_server); last the exit without interpreter teardown (entry._exit)."""

from __future__ import annotations

import subprocess
import time

import pytest
from conftest import zwgk, zwgk_process

from zwgk_docs.entry import builds_many_plans, builds_one_plan_with_pdf

SMALL_PLAN = """\
version: 1
notice:
  issuer: 示例市政务公开领导小组
  issuer_mark: 示例市政务公开领导小组文件
  doc_number: 示政公领发〔2021〕1号
  title: 示例市政务公开领导小组关于印发示例市2021年政务公开工作要点的通知
  recipients: 各区、县（市）人民政府，市政府各部门：
  body:
    - 现将《示例市2021年政务公开工作要点》印发给你们，请结合实际认真贯彻执行。
  attachments:
    - title: 示例市2021年政务公开工作要点任务分解表
  date: 2021-06-22
  note: 此件公开发布
plan:
  title: 示例市2021年政务公开工作要点
  year: 2021
  parts:
    - title: 深化重点领域信息公开
      tasks:
        - id: t1
          title: 全面公开财政预决算信息
          text: 及时公开财政预决算信息，做好政策解读和回应关切工作。
          lead: 市财政局
          deadline: 6月底前
        - id: t2
          title: 规范政府信息公开工作
          text: 完善政府信息公开制度，按时发布政府信息公开工作年度报告。
          lead: 市政府办公室
          responsible: [市发展改革委, 市教育局]
          deadline: 全年
table:
  columns:
    - {header: 序号, field: number, width: 6}
    - {header: 工作任务, field: task_full, width: 60}
    - {header: 牵头单位, field: lead, width: 16}
    - {header: 责任单位, field: responsible, width: 16}
    - {header: 完成时限, field: deadline, width: 10}
"""


@pytest.mark.parametrize(("args", "expected"), [
    (["build", "plan.yaml"], True),
    (["-q", "build", "plan.yaml", "-o", "out"], True),
    (["build", "plan.yaml", "-f", "docx,pdf"], True),
    (["build", "--format=PDF", "plan.yaml"], True),
    (["build", "-fpdf", "-", "-j", "2"], True),
    (["build", "plan.yaml", "-f", "docx,xlsx"], False),
    (["build", "plan.yaml", "-f", "pdf", "-f", "html"], True),  # a repeated -f adds up, as click's does
    (["build", "plan.yaml", "-f", "docx", "--format", "xlsx"], False),
    (["build", "a.yaml", "b.yaml"], False),
    (["build", "."], False),  # a folder: a batch
    (["build", "plan.yaml", "--help"], False),
    (["validate", "plan.yaml"], False),
    (["build"], False),
    (["build", "-o", "plan.yaml"], False),  # the output folder is no plan
])
def test_which_command_lines_start_it(args, expected):
    assert builds_one_plan_with_pdf(args) is expected


def test_batch_command_lines_start_the_workers_server_first(tmp_path):
    assert builds_many_plans(["build", "a.yaml", "b.yaml", "-o", "out"]) == (True, True)
    assert builds_many_plans(["build", str(tmp_path), "-f", "docx"]) == (True, False)
    assert builds_many_plans(["build", "a.yaml"]) == (False, True)
    assert builds_many_plans(["check", "a.docx", "b.docx"])[0] is False


def test_real_build_gives_the_bytes_of_a_build_in_process(tmp_path):
    """`python -m zwgk_docs build` lays its PDFs out in the early process: same files, same bytes."""
    plan = tmp_path / "plan.yaml"
    plan.write_text(SMALL_PLAN, encoding="utf-8")
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


def test_the_executable_exits_without_teardown_but_flushes_and_keeps_its_code():
    """entry._exit: atexit handlers run, output is flushed, the exit status is the command's."""
    import json

    schema = zwgk_process("schema")
    assert schema.returncode == 0 and json.loads(schema.stdout)["title"]
    assert zwgk_process("validate", "no-such-plan.yaml").returncode == 2


def test_output_read_only_in_part_is_no_internal_error():
    """`zwgk outline plan.yaml | head -1`: the reader leaves early; no 内部错误, no traceback."""
    import os
    import sys

    from conftest import ROOT

    read, write = os.pipe()
    os.close(read)  # the reader is gone before the first line
    try:
        done = subprocess.run([sys.executable, "-m", "zwgk_docs", "outline", str(ROOT / "examples" / "shenyang-2021.yaml")],
                              stdout=write, stderr=subprocess.PIPE, env={**os.environ, "PYTHONPATH": str(ROOT)}, timeout=60)
    finally:
        os.close(write)
    assert done.returncode == 141 and "内部错误" not in done.stderr.decode() and b"Traceback" not in done.stderr


@pytest.mark.slow  # a failure path in a real process that lays out PDFs itself (~1.5 s); the quick round keeps the real build
def test_a_pdf_process_gone_before_its_job_leaves_the_pdfs_to_the_build(tmp_path):
    """The early process died (killed, a library missing): the build writes the PDFs itself."""
    import os
    import sys

    from conftest import ROOT

    plan = tmp_path / "plan.yaml"
    plan.write_text(SMALL_PLAN, encoding="utf-8")
    script = (
        "import os, signal, sys\n"
        "from zwgk_docs.writers.pdf import early\n"
        "early.start()\n"
        "os.kill(early._STARTED.pid, signal.SIGKILL); os.waitpid(early._STARTED.pid, 0)\n"
        "import zwgk_docs\n"
        f"outputs = zwgk_docs.build(zwgk_docs.load_plan({str(plan)!r}), {str(tmp_path / 'out')!r}, ['pdf'])\n"
        "print(sorted(o.kind for o in outputs))\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120,
                          env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "['notice.pdf', 'tasks.pdf']"
    assert (tmp_path / "out" / "notice.pdf").stat().st_size > 1000
