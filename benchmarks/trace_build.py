"""Where each process of one `zwgk build` spends its time: a timeline of stages per process.

    python benchmarks/trace_build.py [PLAN] [zwgk build options…]

Runs the command line as the `zwgk` executable does (entry.run: the early PDF process, the
child that writes notice.pdf), with the main stages wrapped to log (process, start, end, CPU)
to a file that forked children append to as well; then prints one line per stage, sorted by
start — the gaps are where a core idles. Wall times mean something only on an idle machine:
the load is printed with them.
"""

from __future__ import annotations

import functools
import importlib
import os
import sys
import tempfile
import time
from pathlib import Path
from typing import Any, Callable

ROOT = Path(__file__).resolve().parent.parent
T0 = time.monotonic()
LOG = Path(tempfile.mkstemp(prefix="zwgk-trace-")[1])

# (module, attribute, label): the stages of a build, in whichever process runs them.
STAGES = [
    ("zwgk_docs.cli_commands", "load_plan_with_warnings", "读取计划"),
    ("zwgk_docs.build", "build_context", "渲染上下文"),
    ("zwgk_docs.writers.docx", "write", "写 notice.docx"),
    ("zwgk_docs.writers.xlsx", "write_tasks", "写 tasks.xlsx"),
    ("zwgk_docs.writers.xlsx", "write_ledger_file", "写 ledger.xlsx"),
    ("zwgk_docs.writers.html", "write", "写 notice.html"),
    ("zwgk_docs.writers.pdf.early", "import_weasyprint", "导入 WeasyPrint"),
    ("zwgk_docs.writers.pdf", "warm_up", "字体、模板预查（读取线程）"),
    ("zwgk_docs.writers.pdf", "notice_document", "通知排版（边排边定行距）"),
    ("zwgk_docs.writers.pdf", "layout", "WeasyPrint 排版"),
    ("zwgk_docs.writers.pdf", "write", "WeasyPrint 写 PDF"),
    ("zwgk_docs.writers.pdf.render", "Background.wait", "等待子进程"),
    ("zwgk_docs.writers.pdf.merge", "join", "拼合 PDF 各部分（pikepdf）"),
    ("zwgk_docs.writers.pdf.split", "PageCount.received", "等前半的页数"),
    ("zwgk_docs.writers.pdf.segments", "page_numbers", "排版通知中后半的页码"),
    ("zwgk_docs.writers.pdf.compose", "table_frame", "tasks.pdf 的页框"),
    ("zwgk_docs.writers", "_load", "导入写出器"),
    ("zwgk_docs.build", "normalise_package", "整理 .docx/.xlsx 包"),
    ("zwgk_docs.check", "prepare_self_check", "自检 notice.docx（等 PDF 时）"),
    ("zwgk_docs.check", "self_check", "自检 notice.docx"),
    # WeasyPrint's own entry points, for the parts and segments of a long notice (split.py, segments.py),
    # which call them directly: wrapped once WeasyPrint is imported (a short notice's layouts show twice).
    ("weasyprint", "HTML.render", "WeasyPrint HTML.render"),
    ("weasyprint", "Document.write_pdf", "WeasyPrint Document.write_pdf"),
]


def log(label: str, start: float, end: float, cpu: float) -> None:
    with LOG.open("a", encoding="utf-8") as f:
        f.write(f"{os.getpid()}\t{os.getppid()}\t{start - T0:.3f}\t{end - T0:.3f}\t{cpu:.3f}\t{label}\n")


def timed(f: Callable[..., Any], label: str) -> Callable[..., Any]:
    @functools.wraps(f)
    def run(*args: Any, **kwargs: Any) -> Any:
        began, cpu = time.monotonic(), time.process_time()
        try:
            return f(*args, **kwargs)
        finally:
            log(label, began, time.monotonic(), time.process_time() - cpu)
    return run


# Imported by the build only when first called (cheap: pikepdf is imported inside): wrapped with their package.
WITH_PACKAGE = {"zwgk_docs.writers.pdf.merge"}


def install(loaded_only: bool) -> None:
    """Wrap the stages (loaded_only: those of modules already imported, before the fork)."""
    for module_name, attr, label in STAGES:
        loaded = module_name in sys.modules or (module_name in WITH_PACKAGE and module_name.rpartition(".")[0] in sys.modules)
        if (loaded_only or not module_name.startswith("zwgk_docs")) and not loaded:
            continue  # never import WeasyPrint where the build does not
        try:
            owner: Any = importlib.import_module(module_name)
        except ImportError:
            continue
        if getattr(owner, f"_traced_{attr}", False):
            continue
        setattr(owner, f"_traced_{attr}", True)
        *path, name = attr.split(".")
        for part in path:
            owner = getattr(owner, part)
        if hasattr(owner, name):
            setattr(owner, name, timed(getattr(owner, name), label))


def report() -> None:
    rows = [line.split("\t") for line in LOG.read_text(encoding="utf-8").splitlines()]
    main_pid = str(os.getpid())
    roles = {main_pid: "主进程"}
    for pid, parent, *_ in sorted(rows, key=lambda r: float(r[2])):
        roles.setdefault(pid, "PDF 进程" if parent == main_pid else f"子进程{len(roles) - 1}")
    print(f"平均负载 {os.getloadavg()[0]:.1f}（墙钟时间只在空闲时有意义）")
    print(f"{'进程':12}{'开始':>7}{'结束':>7}{'CPU':>7}  阶段")
    for pid, _, start, end, cpu, label in sorted(rows, key=lambda r: float(r[2])):
        print(f"{roles[pid]:12}{float(start):7.2f}{float(end):7.2f}{float(cpu):7.2f}  {label}")
    ends = {pid: max(float(r[3]) for r in rows if r[0] == pid) for pid in roles}
    print("各进程最后一个阶段结束于（秒）：" + "，".join(f"{roles[pid]} {end:.2f}" for pid, end in ends.items()))
    LOG.unlink()


def main() -> None:
    args = sys.argv[1:]
    plan = args.pop(0) if args and not args[0].startswith("-") else str(ROOT / "examples" / "shenyang-2021.yaml")
    out = tempfile.mkdtemp(prefix="zwgk-trace-out-")
    sys.argv = ["zwgk", "build", plan, "-o", out, "-q", *args]
    from zwgk_docs import entry
    from zwgk_docs.writers.pdf import early

    real_start = early.start
    real_import = early.import_weasyprint

    def import_then_install() -> Any:
        result = real_import()
        install(loaded_only=True)  # in the PDF process: WeasyPrint's entry points
        return result

    def start_then_install() -> None:
        early.import_weasyprint = import_then_install
        install(loaded_only=True)  # the PDF process's stages, before it forks
        real_start()
        install(loaded_only=False)  # the main process's

    early.start = start_then_install
    entry._exit = lambda done: None  # keep this process: the report comes after the command
    began, cpu = time.monotonic(), time.process_time()
    try:
        entry.run()
    except SystemExit:
        pass
    finally:
        log("整个命令（主进程）", began, time.monotonic(), time.process_time() - cpu)
    report()


if __name__ == "__main__":
    main()
