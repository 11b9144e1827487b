"""`zwgk build` (every format) side by side with LibreOffice converting notice.docx + tasks.xlsx.

    python benchmarks/bench_build.py [PLAN] [--rounds 5] [--against OLD_CHECKOUT]

One run on one machine, alternating the two (ours, LibreOffice, ours, …) so that a busy
machine slows both alike; medians of wall time and of CPU time (user + system of the whole
process tree). LibreOffice gets a warm profile (one conversion first, not counted).
Goal (issue 16): ours ≤ 1.0 × LibreOffice, wall and CPU; moonshot ≤ 0.5 ×.
With --against (e.g. `git archive <commit> | tar -x -C /tmp/old`), that checkout's two rows run
in the same rounds (each checkout with caches of its own), so a change is measured against the
code before it under the same load.
Then a per-stage breakdown of one build (benchmarks/stages.py).

Two rows for ours, because the user cache (zwgk_docs/user_cache.py) holds two kinds of entry:
plan-independent ones (compiled WeasyPrint declarations and stylesheets, pickled templates —
like Python's bytecode, made once per installation) and answers about one plan (the 通知
spacing fit.py chose, the self-check of an unchanged notice.docx). "重新生成" is a rebuild of
the same plan (both kinds warm: what a person editing the tasks gets); "新计划首次生成" starts
every round from a cache that has seen only another plan (examples/jilin-2018.yaml), so
nothing about this plan is remembered, and into a folder that does not exist yet (as a new
plan's first build: no ledger.xlsx of an earlier build to read back): the cold figure the goal
is about.
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
NEW_PLAN = "zwgk build 新计划首次生成"
REBUILD = "zwgk build 重新生成"


def timed(cmd: list[str], env: "dict[str, str] | None" = None) -> tuple[float, float]:
    """(wall, cpu) seconds of a command and every process it waited for. It runs in the folder
    its PYTHONPATH names: `python -m` imports from the working folder first."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    cwd = (env or os.environ).get("PYTHONPATH", str(ROOT)).split(os.pathsep)[0]
    subprocess.run(cmd, check=True, capture_output=True, timeout=900, cwd=cwd, env=env)
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
    parser.add_argument("--against", type=Path, default=None,
                        help="另一份检出（如 git archive 导出的旧版本）：同一轮中交替运行，三者并列")
    args = parser.parse_args()
    load_before = os.getloadavg()[0]
    with tempfile.TemporaryDirectory(prefix="zwgk-bench-") as tmp_name:
        tmp = Path(tmp_name)
        os.environ.update(installed_python(tmp))
        os.environ["ZWGK_CACHE_DIR"] = str(tmp / "cache")
        # name → (its cache that has seen only another plan, a fresh copy of it per round, its output folder)
        new_plans: dict[str, tuple[Path, Path, Path]] = {}

        def both_rows(prefix: str, tree: "Path | None", out: str) -> dict[str, tuple[list[str], "dict[str, str] | None"]]:
            """The new-plan and rebuild rows of one checkout (ours when `tree` is None), each with its own cache."""
            env = dict(os.environ) if tree is None else dict(os.environ, PYTHONPATH=str(tree))
            seen_other, fresh = tmp / f"cache-other-plan-{len(new_plans)}", tmp / f"cache-fresh-{len(new_plans)}"
            timed([sys.executable, "-m", "zwgk_docs", "build", str(ROOT / "examples" / "jilin-2018.yaml"),
                   "-o", str(tmp / f"out-other-{len(new_plans)}")], dict(env, ZWGK_CACHE_DIR=str(seen_other)))
            new_plans[prefix + NEW_PLAN] = (seen_other, fresh, tmp / f"{out}-new")
            cmd = [sys.executable, "-m", "zwgk_docs", "build", args.plan, "-o", str(tmp / out)]
            return {prefix + NEW_PLAN: ([*cmd[:-1], str(tmp / f"{out}-new")], dict(env, ZWGK_CACHE_DIR=str(fresh))),
                    prefix + REBUILD: (cmd, dict(env, ZWGK_CACHE_DIR=str(tmp / ("cache" if tree is None else f"cache-{out}"))))}

        runs = both_rows("", None, "out")
        if args.against is not None:
            runs.update(both_rows(f"对照 {args.against.resolve().name}：", args.against.resolve(), "out-against"))
        for cmd, env in runs.values():
            timed(cmd, env)  # compiles the modules and leaves the .docx/.xlsx for LibreOffice: not counted
        sources = [str(tmp / "out" / "notice.docx"), str(tmp / "out" / "tasks.xlsx")]
        lo_cmd = [soffice(), f"-env:UserInstallation=file://{tmp / 'lo-profile'}", "--headless",
                  "--convert-to", "pdf", "--outdir", str(tmp / "lo"), *sources]
        timed(lo_cmd)  # first start builds the profile: not counted
        runs["LibreOffice 转换 .docx+.xlsx"] = (lo_cmd, None)
        times: dict[str, list[tuple[float, float]]] = {name: [] for name in runs}
        for _ in range(args.rounds):
            for name, (cmd, env) in runs.items():
                if name in new_plans:  # not timed: a cache that knows nothing of this plan, no output yet
                    seen_other, fresh, out_dir = new_plans[name]
                    shutil.rmtree(fresh, ignore_errors=True)
                    shutil.copytree(seen_other, fresh)
                    shutil.rmtree(out_dir, ignore_errors=True)
                times[name].append(timed(cmd, env))
        stages = json.loads(subprocess.run([sys.executable, str(ROOT / "benchmarks" / "stages.py"), args.plan],
                                           check=True, capture_output=True, text=True, cwd=ROOT).stdout)
        size = (tmp / "out" / "notice.pdf").stat().st_size if (tmp / "out" / "notice.pdf").exists() else 0
    medians = {name: (statistics.median(w for w, _ in t), statistics.median(c for _, c in t)) for name, t in times.items()}
    lw, lc = medians["LibreOffice 转换 .docx+.xlsx"]
    print(f"计划文件：{args.plan}；{args.rounds} 轮交替运行，取中位数；本机 {os.cpu_count()} 个核心，"
          f"平均负载 {load_before:.1f} → {os.getloadavg()[0]:.1f}（负载高时两者都变慢，以比值为准）")
    print(f"{'':40}{'墙钟时间':>10}{'CPU 时间':>10}{'墙钟比':>8}{'CPU 比':>8}")
    for name, (w, c) in medians.items():
        print(f"{name:36}{w:10.2f}{c:10.2f}{w / lw:8.2f}{c / lc:8.2f}")
    for row in (NEW_PLAN, REBUILD):
        ow, oc = medians[row]
        for label, ratio in (("墙钟时间比", ow / lw), ("CPU 时间比", oc / lc)):
            verdict = "达标（≤ 0.5，远超目标）" if ratio <= 0.5 else ("达标（≤ 1.0）" if ratio <= 1.0 else "未达标（目标 ≤ 1.0）")
            print(f"{row} {label}：{ratio:.2f} {verdict}")
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
