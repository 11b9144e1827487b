"""`zwgk report`: the annual 政府信息公开工作年度报告 from a plan, its progress and the statistics."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Optional

import click

from ..cli import echo_diagnostics, user_errors
from . import prepare, write_report

_FILE = click.Path(dir_okay=False, path_type=Path)


@click.command(name="report")
@click.argument("plan_path", metavar="PLAN", type=_FILE)
@click.option("-p", "--progress", "progress_path", required=True, type=_FILE,
              help="进度文件：YAML（见 docs/report.md）或工作台账 .xlsx。")
@click.option("-s", "--stats", "stats_path", type=_FILE, default=None, help="统计文件（YAML）：表二、表三、表四的数字。")
@click.option("--previous", "previous_path", type=_FILE, default=None, help="上一年度的统计文件，用于核对上年结转等（只提示）。")
@click.option("-o", "--output", "out_dir", default=Path("out"), show_default=True, type=click.Path(file_okay=False, path_type=Path), help="输出文件夹。")
@click.option("--json", "as_json", is_flag=True, help="输出 JSON 清单（供其他程序使用）。")
@user_errors
def report(plan_path: Path, progress_path: Path, stats_path: Optional[Path], previous_path: Optional[Path],
           out_dir: Path, as_json: bool) -> None:
    """生成政府信息公开工作年度报告（report.docx、report.pdf、report.html）。

    按 2021 年版格式（国办公开办函〔2021〕30号）输出六个部分和三张统计表；第六部分逐项列出
    工作要点各项任务的落实情况（编号、标题与通知和任务分解表一致）并汇总。

    统计表的勾稽关系（如“第一项加第二项之和，等于第三项加第四项之和”）不成立时报错（退出码 2），
    不生成任何文件；与上年报告的衔接、正文中的数字与表格不一致等只作提示。

    \b
    例：zwgk report examples/shenyang-2021.yaml \\
          --progress examples/shenyang-2021.progress.yaml \\
          --stats examples/shenyang-2021.stats.yaml -o out
    """
    prepared = prepare(plan_path, progress_path, stats_path, previous_path)
    echo_diagnostics(prepared.warnings)
    outputs = write_report(prepared.report, out_dir)
    if as_json:
        manifest = {"outputs": [o.as_json() for o in outputs], "tasks": prepared.report.task_count,
                    "progress": progress_json(prepared)}
        click.echo(json.dumps(manifest, ensure_ascii=False, indent=1))
        return
    for o in outputs:
        click.echo(f"已生成 {o.path}")


def progress_json(prepared) -> list[dict]:
    """Per task, under the plan's number: the status read and each unit's own entries."""
    entries = prepared.progress.entries if prepared.progress else {}
    out = []
    for t in prepared.report.ctx.tasks:
        e = entries.get(t.id)
        out.append({"id": t.id, "label": t.label, "heading": t.heading, "status": e.status if e else "未填报",
                    "done": e.done if e else [], "units": e.units if e else []})
    return out


commands = [report]
