"""The batch side of `zwgk build`: a line per plan as it finishes, then a summary."""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Optional, Sequence

import click

from .batch import PlanResult, build_many


def build_batch(plans: Sequence[Path], out_dir: Path, formats: Sequence[str], by_unit: bool,
                jobs: Optional[int], as_json: bool, trusted: bool = True) -> int:
    """Build every plan; exit code 0 when all built, 2 when any had mistakes."""
    start = time.perf_counter()
    done = [0]
    total = [0]

    def progress(result: PlanResult) -> None:
        done[0] += 1
        for d in result.warnings + result.errors:
            click.echo(str(d), err=True)
        if as_json:
            return
        state = f"{len(result.outputs)} 个文件，{result.seconds:.1f} 秒" if result.ok else "有错误，未生成"
        left = total[0] - done[0]
        if left:  # at the pace so far (the workers' start-up included)
            state += f"；预计还需 {(time.perf_counter() - start) / done[0] * left:.0f} 秒"
        click.echo(f"[{done[0]}/{total[0]}] {result.plan} → {result.out_dir}（{state}）", err=not result.ok)

    from .batch import expand_plans

    total[0] = len(expand_plans(plans))
    results = build_many(plans, out_dir, formats, by_unit=by_unit, jobs=jobs, on_result=progress, trusted=trusted)
    failed = [r for r in results if not r.ok]
    seconds = time.perf_counter() - start
    if as_json:
        click.echo(json.dumps({"plans": [r.as_json() for r in results], "seconds": round(seconds, 3)},
                              ensure_ascii=False, indent=1))
    else:
        files = sum(len(r.outputs) for r in results)
        click.echo(f"共 {len(results)} 个计划：{len(results) - len(failed)} 个已生成（{files} 个文件），"
                   f"{len(failed)} 个有错误；用时 {seconds:.1f} 秒。")
        for r in failed:
            click.echo(f"  有错误：{r.plan}", err=True)
    return 2 if failed else 0
