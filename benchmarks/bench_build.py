"""`zwgk build` (every format) side by side with LibreOffice converting notice.docx + tasks.xlsx.

    python benchmarks/bench_build.py [PLAN] [--rounds 5]

One run on one machine, alternating the two (ours, LibreOffice, ours, …) so that a busy
machine slows both alike; medians of wall time and of CPU time (user + system of the whole
process tree). LibreOffice gets a warm profile (one conversion first, not counted).
Goal (issue 16): ours ≤ 1.0 × LibreOffice, wall and CPU; moonshot ≤ 0.5 ×.
Then a per-stage breakdown of one build (benchmarks/stages.py).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def timed(cmd: list[str]) -> tuple[float, float]:
    """(wall, cpu) seconds of a command and every process it waited for."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(cmd, check=True, capture_output=True, timeout=900, cwd=ROOT)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def installed_python(tmp: Path) -> dict[str, str]:
    """Environment of an installed package: this checkout importable, and its compiled modules
    kept (in `tmp`) like pip keeps them in site-packages — not recompiled on every run when
    PYTHONDONTWRITEBYTECODE is set, as in a development shell."""
    env = {"PYTHONPATH": str(ROOT), "PYTHONPYCACHEPREFIX": str(tmp / "pycache")}
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def soffice() -> str:
    exe = shutil.which("soffice") or shutil.which("libreoffice")
    if exe is None:
        sys.exit("未找到 LibreOffice（soffice），无法对比。请先运行 scripts/setup.sh。")
    return exe


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("plan", nargs="?", default=str(ROOT / "examples" / "shenyang-2021.yaml"))
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="zwgk-bench-") as tmp_name:
        tmp = Path(tmp_name)
        os.environ.update(installed_python(tmp))
        ours_cmd = [sys.executable, "-m", "zwgk_docs", "build", args.plan, "-o", str(tmp / "out")]
        timed(ours_cmd)  # compiles the modules and leaves the .docx/.xlsx for LibreOffice: not counted
        sources = [str(tmp / "out" / "notice.docx"), str(tmp / "out" / "tasks.xlsx")]
        lo_cmd = [soffice(), f"-env:UserInstallation=file://{tmp / 'lo-profile'}", "--headless",
                  "--convert-to", "pdf", "--outdir", str(tmp / "lo"), *sources]
        timed(lo_cmd)  # first start builds the profile: not counted
        ours, office = [], []
        for _ in range(args.rounds):
            ours.append(timed(ours_cmd))
            office.append(timed(lo_cmd))
        stages = json.loads(subprocess.run([sys.executable, str(ROOT / "benchmarks" / "stages.py"), args.plan],
                                           check=True, capture_output=True, text=True, cwd=ROOT).stdout)
        size = (tmp / "out" / "notice.pdf").stat().st_size if (tmp / "out" / "notice.pdf").exists() else 0
    ow, oc = statistics.median(w for w, _ in ours), statistics.median(c for _, c in ours)
    lw, lc = statistics.median(w for w, _ in office), statistics.median(c for _, c in office)
    print(f"计划文件：{args.plan}；{args.rounds} 轮交替运行，取中位数；本机 {os.cpu_count()} 个核心，"
          f"平均负载 {os.getloadavg()[0]:.1f}")
    print(f"{'':32}{'墙钟时间':>10}{'CPU 时间':>10}")
    print(f"{'zwgk build（全部格式）':28}{ow:10.2f}{oc:10.2f}")
    print(f"{'LibreOffice 转换 .docx+.xlsx':28}{lw:10.2f}{lc:10.2f}")
    for label, ratio in (("墙钟时间比", ow / lw), ("CPU 时间比", oc / lc)):
        verdict = "达标（≤ 0.5，远超目标）" if ratio <= 0.5 else ("达标（≤ 1.0）" if ratio <= 1.0 else "未达标（目标 ≤ 1.0）")
        print(f"{label}：{ratio:.2f} {verdict}")
    if size:
        print(f"notice.pdf：{size / 1024:.0f} KB")
    print("\n分阶段（单进程、PDF 依次生成）：")
    for name, wall, cpu in stages["stages"]:
        print(f"  {name:24}{wall:8.3f} 秒（CPU {cpu:.3f}）")
    for what, pages, wall, cpu in stages["layouts"]:
        print(f"    WeasyPrint {what}：{pages} 页，{wall:.3f} 秒（CPU {cpu:.3f}）")
    return 0


if __name__ == "__main__":
    sys.exit(main())
