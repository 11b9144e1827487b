"""Batch: 100 plans in one `zwgk build FOLDER -o DIR` (imports and fonts paid once, every core).

    python benchmarks/bench_batch.py [--kind unit,dept] [--plans 100] [--formats docx,xlsx,html,pdf]

Two kinds of plan, each as big as real ones (the five examples have 15–30 tasks; three of
them print a 通知):
  unit — a unit's (单位) own plan: a one-paragraph 通知 with the task table as its 附件, 8 tasks;
  dept — a department's (部门) plan: a 通知 and 20 tasks in two parts, the 沈阳 column layout.
Per kind: the batch's wall time, the CPU its plans took (sum and median per plan, from
`--json`), the time of one plan alone in a fresh process (what a shell loop pays per plan),
and the machine's load before and after (the machine is shared: compare runs made under
the same load). Goal (issue 16): 100 plans ≤ 30 s on 2 cores.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))
from plangen import plan_yaml  # noqa: E402

KINDS = {"unit": ("单位计划", 8), "dept": ("部门计划", 20)}


def make_plans(folder: Path, kind: str, count: int) -> None:
    folder.mkdir(parents=True)
    _, tasks = KINDS[kind]
    for n in range(count):
        who = f"示例市第{n + 1}{'单位' if kind == 'unit' else '局'}"
        text = plan_yaml(tasks, f"{who}2021年政务公开工作要点").replace("示例市政务", f"{who}政务")
        (folder / f"{kind}-{n + 1:03d}.yaml").write_text(text, encoding="utf-8")


def bench(kind: str, count: int, formats: str, tmp: Path, env: dict[str, str]) -> bool:
    folder = tmp / kind
    make_plans(folder, kind, count)
    cmd = [sys.executable, "-m", "zwgk_docs", "build"]
    start = time.perf_counter()
    subprocess.run(cmd + [str(folder / f"{kind}-001.yaml"), "-o", str(tmp / f"{kind}-one"), "-f", formats],
                   check=True, capture_output=True, env=env, cwd=ROOT)
    one = time.perf_counter() - start
    load_before = os.getloadavg()[0]
    start = time.perf_counter()
    run = subprocess.run(cmd + [str(folder), "-o", str(tmp / f"{kind}-all"), "-f", formats, "--json"],
                         capture_output=True, text=True, env=env, cwd=ROOT)  # `-m` imports from the current folder first
    batch = time.perf_counter() - start
    load_after = os.getloadavg()[0]
    if run.returncode != 0:
        print(run.stderr[-2000:])
        return False
    plans = json.loads(run.stdout)["plans"]
    cpu = [p.get("cpu_seconds", 0.0) for p in plans]
    cores = min(os.cpu_count() or 1, count)
    busy = sum(p["seconds"] for p in plans) / cores  # the batch's wall if every core built plans all the time
    name, tasks = KINDS[kind]
    print(f"{name}（{kind}）：{count} 个，每个 {tasks} 项任务，格式 {formats}；平均负载 {load_before:.1f} → {load_after:.1f}")
    print(f"  批量生成：{batch:.2f} 秒；{'达标' if batch <= 30 * count / 100 else '未达标'}（目标 100 个 ≤ 30 秒）")
    print(f"  各计划 CPU：合计 {sum(cpu):.1f} 秒，中位数 {statistics.median(cpu):.2f} 秒/个"
          f"（{os.cpu_count()} 个核心满载时约需 {sum(cpu) / (os.cpu_count() or 1):.1f} 秒）")
    print(f"  各核心生成计划 {busy:.1f} 秒，其余 {batch - busy:.1f} 秒为启动、预热和收尾（核心空闲或在等待）")
    print(f"  单独生成一个（新进程）：{one:.2f} 秒；逐个生成 {count} 个约需 {one * count:.0f} 秒")
    return True


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kind", default="unit,dept", help="unit, dept or both (unit,dept)")
    parser.add_argument("--plans", type=int, default=100)
    parser.add_argument("--formats", default="docx,xlsx,html,pdf")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="zwgk-batch-") as tmp_name:
        # A cache folder of its own: the plans are new to it, as a real batch's are (the single
        # plan built first compiles the templates into it, as any earlier build would have).
        env = dict(os.environ, PYTHONPATH=str(ROOT), ZWGK_CACHE_DIR=str(Path(tmp_name) / "cache"))
        ok = all(bench(kind.strip(), args.plans, args.formats, Path(tmp_name), env) for kind in args.kind.split(","))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
