"""Batch: 100 department plans in one `zwgk build` (imports paid once per worker, every core).

    python benchmarks/bench_batch.py [--plans 100] [--tasks 8] [--formats docx,xlsx,html,pdf]

Prints the wall time of the batch next to the time of building the first plan alone in a
fresh process (what a shell loop over the plans would pay per plan). Goal (issue 16):
100 plans ≤ 30 s.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))
from plangen import plan_yaml  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--plans", type=int, default=100)
    parser.add_argument("--tasks", type=int, default=8)
    parser.add_argument("--formats", default="docx,xlsx,html,pdf")
    args = parser.parse_args()
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    with tempfile.TemporaryDirectory(prefix="zwgk-batch-") as tmp_name:
        tmp = Path(tmp_name)
        folder = tmp / "plans"
        folder.mkdir()
        for n in range(args.plans):
            text = plan_yaml(args.tasks, f"示例市第{n + 1}局2021年政务公开工作要点").replace("示例市政务", f"示例市第{n + 1}局政务")
            (folder / f"dept-{n + 1:03d}.yaml").write_text(text, encoding="utf-8")
        cmd = [sys.executable, "-m", "zwgk_docs", "build"]
        start = time.perf_counter()
        subprocess.run(cmd + [str(folder / "dept-001.yaml"), "-o", str(tmp / "one"), "-f", args.formats],
                       check=True, capture_output=True, env=env)
        one = time.perf_counter() - start
        start = time.perf_counter()
        run = subprocess.run(cmd + [str(folder), "-o", str(tmp / "all"), "-f", args.formats],
                             capture_output=True, text=True, env=env)
        batch = time.perf_counter() - start
        if run.returncode != 0:
            print(run.stderr[-2000:])
            return 1
        built = sum(1 for p in (tmp / "all").iterdir() if p.is_dir())
    print(f"{args.plans} 个计划（每个 {args.tasks} 项任务，格式 {args.formats}）；本机 {os.cpu_count()} 个核心，"
          f"平均负载 {os.getloadavg()[0]:.1f}")
    print(f"单独生成一个计划（新进程）：{one:.2f} 秒；逐个生成 {args.plans} 个约需 {one * args.plans:.0f} 秒")
    print(f"批量生成：{batch:.2f} 秒（每个计划 {batch / args.plans:.2f} 秒），生成 {built} 个文件夹；"
          f"{'达标' if batch <= 30 else '未达标'}（目标 ≤ 30 秒）")
    return 0


if __name__ == "__main__":
    sys.exit(main())
