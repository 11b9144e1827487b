"""Scale: build generated plans of 10/100/1,000/5,000 tasks in every format; time and memory.

    python benchmarks/bench_scale.py [--sizes 10,100,1000,5000] [--formats docx,xlsx,html,pdf] [--against OLD_CHECKOUT] [--rounds N]

Each build is a fresh `zwgk build` process (the executable's entry point, as a user runs it).
With --against (another checkout, e.g. a `git archive` of an older commit) each size is built
by both, one after the other, so that the two rows share the machine's load. Printed per size: wall and CPU seconds, peak
resident memory of the main process and of the largest PDF process (sampled from /proc), pages laid out, and time per task,
so that linear growth shows as a flat last column; then, on a line of its own, the peak of every process of the build
(main first, the others in the order they started, "父进程>子进程" showing who forked whom), the sum of those peaks and
the largest total resident at one moment (pages a fork shares with its parent are counted in both); with --rounds N, the
median wall and CPU seconds of each version and size over N alternated rounds. Goals (issue 16):
1,000 tasks ≤ 10 s, 5,000 ≤ 50 s, ≤ 400 MB peak.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))
from bench_build import installed_python  # noqa: E402
from plangen import plan_yaml  # noqa: E402

# Runs `zwgk build` in this child and reports its own and its children's peak memory.
MEASURE = """
import atexit, json, resource, sys

@atexit.register  # the executable leaves through atexit and os._exit (entry.py): measured there
def report():
    own = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    print(json.dumps({"rss_mb": own.ru_maxrss / 1024, "child_rss_mb": kids.ru_maxrss / 1024,
                      "cpu": own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime}), file=sys.stderr, flush=True)

from zwgk_docs.entry import run
sys.argv = ["zwgk"] + sys.argv[1:]
run()
"""


class Peaks:
    """Peak resident memory (MB) by pid, each process's parent, and the largest total at one sample."""

    def __init__(self) -> None:
        self.by_pid: dict[int, int] = {}
        self.parent: dict[int, int] = {}
        self.total = 0

    def line(self, main: int) -> str:
        """Every process's peak, main first, then in the order they started (a later fork: a larger pid)."""
        def label(pid: int) -> str:
            chain = [pid]
            while chain[-1] in self.parent and chain[-1] != main:
                chain.append(self.parent[chain[-1]])
            depth = len(chain) - 1
            return f"{'>' * depth}{self.by_pid[pid]}"
        order = [main] + sorted(pid for pid in self.by_pid if pid != main)
        listed = " ".join(label(pid) for pid in order if pid in self.by_pid)
        return f"各进程峰值(MB，>为子进程层级)：{listed}；峰值之和 {sum(self.by_pid.values())}，同一时刻合计最多 {self.total}"


def sample_peaks(process: "subprocess.Popen[str]", peaks: Peaks) -> None:
    """Until `process` ends: the peak resident memory (MB) of it and of every process under it, by pid.
    Sampled from /proc every 50 ms: getrusage's figure for the children is the largest *waited-for* child's,
    which misses the PDF process's own forks (the head of a split notice, the writers)."""
    page = os.sysconf("SC_PAGE_SIZE")
    while process.poll() is None:
        stack, total = [process.pid], 0
        while stack:
            pid = stack.pop()
            try:
                with open(f"/proc/{pid}/task/{pid}/children", encoding="ascii") as f:
                    children = [int(child) for child in f.read().split()]
                with open(f"/proc/{pid}/statm", encoding="ascii") as f:
                    resident = int(f.read().split()[1]) * page // 2**20
            except (OSError, ValueError):
                continue
            stack += children
            for child in children:
                peaks.parent[child] = pid
            peaks.by_pid[pid] = max(peaks.by_pid.get(pid, 0), resident)
            total += resident
        peaks.total = max(peaks.total, total)
        time.sleep(0.05)


def pages(pdf: Path) -> int:
    if not pdf.exists():
        return 0
    out = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
    return next((int(line.split()[-1]) for line in out.splitlines() if line.startswith("Pages:")), 0)


def size_mb(pdf: Path) -> str:
    return f"{pdf.stat().st_size / 2**20:.2f}" if pdf.exists() else "-"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10,100,1000,5000")
    parser.add_argument("--formats", default="docx,xlsx,html,pdf")
    parser.add_argument("--against", type=Path, default=None, help="另一份检出：每种规模两者交替各生成一次")
    parser.add_argument("--rounds", type=int, default=1, help="每种规模生成几轮（交替先后），最后列出中位数")
    args = parser.parse_args()
    results: dict[tuple[str, int], list[tuple[float, float, int]]] = {}
    checkouts = [("本版", ROOT)] + ([("对照", args.against.resolve())] if args.against else [])
    print(f"格式：{args.formats}；本机 {os.cpu_count()} 个核心，平均负载 {os.getloadavg()[0]:.1f}")
    print(f"{'版本':>4}{'任务数':>8}{'墙钟(秒)':>10}{'CPU(秒)':>10}{'主进程内存(MB)':>16}{'PDF子进程(MB)':>15}{'PDF页数':>9}"
          f"{'每项任务(毫秒)':>15}{'负载':>6}")
    with tempfile.TemporaryDirectory(prefix="zwgk-scale-") as tmp_name:
        tmp = Path(tmp_name)
        warm = tmp / "warm.yaml"  # compiles the modules (kept, as an installed package keeps them): not counted
        warm.write_text(plan_yaml(10), encoding="utf-8")
        envs = []
        for n, (_, root) in enumerate(checkouts):
            installed = installed_python(tmp / f"checkout-{n}")  # first: it also drops PYTHONDONTWRITEBYTECODE
            env = {**os.environ, **installed, "PYTHONPATH": str(root)}
            # cwd: `python -c`/`-m` import from the current folder first, before PYTHONPATH (as bench_build does)
            subprocess.run([sys.executable, "-m", "zwgk_docs", "build", str(warm), "-o", str(tmp / f"warm-{n}")],
                           capture_output=True, env=env, timeout=600, check=True, cwd=root)
            envs.append(env)
        turns = [int(s) for s in args.sizes.split(",") for _ in range(args.rounds)]
        for turn, size in enumerate(turns):
            plan = tmp / f"plan-{size}.yaml"
            plan.write_text(plan_yaml(size), encoding="utf-8")
            order = list(enumerate(zip(checkouts, envs)))  # who goes first alternates (the first build of a plan pays a little more)
            for n, ((name, root), env) in (order if turn % 2 == 0 else order[::-1]):
                out = tmp / f"out-{size}-{n}"
                start = time.perf_counter()
                process = subprocess.Popen([sys.executable, "-c", MEASURE, "build", str(plan), "-o", str(out), "-f", args.formats],
                                           stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, env=env, cwd=root)
                peaks = Peaks()
                sampler = threading.Thread(target=sample_peaks, args=(process, peaks), daemon=True)
                sampler.start()
                _, stderr = process.communicate(timeout=3600)
                wall = time.perf_counter() - start
                sampler.join()
                if process.returncode != 0:
                    print(f"{name:>4}{size:>8}  失败：{stderr[-500:]}")
                    return 1
                measured = json.loads(stderr.strip().splitlines()[-1])
                others = [mb for pid, mb in peaks.by_pid.items() if pid != process.pid]
                if others:  # sampled (Linux): the largest of the PDF processes
                    measured["child_rss_mb"] = max(others)
                laid_out = pages(out / "notice.pdf") + pages(out / "tasks.pdf")
                print(f"{name:>4}{size:>8}{wall:>10.2f}{measured['cpu']:>10.2f}{measured['rss_mb']:>16.0f}"
                      f"{measured['child_rss_mb']:>15.0f}{laid_out:>9}{wall / size * 1000:>15.1f}{os.getloadavg()[0]:>6.1f}",
                      flush=True)
                print(f"{'':>12}{peaks.line(process.pid)}；notice.pdf / tasks.pdf {size_mb(out / 'notice.pdf')} / "
                      f"{size_mb(out / 'tasks.pdf')} MB", flush=True)
                results.setdefault((name, size), []).append((wall, measured["cpu"], max(peaks.by_pid.values(), default=0)))
    if args.rounds > 1:
        for (name, size), runs in results.items():
            print(f"{name:>4}{size:>8}  {len(runs)} 轮中位数：墙钟 {statistics.median(r[0] for r in runs):.2f} 秒，"
                  f"CPU {statistics.median(r[1] for r in runs):.2f} 秒；单个进程最大 {max(r[2] for r in runs)} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
