"""`zwgk publish`: the folder (and optionally the .zip) to upload to the government website."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Optional

import click

from ..cli_common import OUTPUT_FOLDER, echo_diagnostics, summary, user_errors
from ..errors import UserError
from ..load import load_plan_with_warnings
from . import publish

_FILE = click.Path(dir_okay=False, path_type=Path)


@click.command(name="publish")
@click.argument("plan_path", metavar="PLAN", type=_FILE)
@click.option("-o", "--output", "out_dir", default=Path("out/publish"), show_default=True,
              type=OUTPUT_FOLDER, help="输出文件夹（整个文件夹上传到网站）。")
@click.option("-p", "--progress", "progress_path", type=_FILE, default=None,
              help="进度文件或工作台账 .xlsx：同时发布年度报告页面 report.html。")
@click.option("-s", "--stats", "stats_path", type=_FILE, default=None, help="年度报告的统计文件（YAML）。")
@click.option("--previous", "previous_path", type=_FILE, default=None, help="上一年度的统计文件（只用于核对）。")
@click.option("--zip", "make_zip", is_flag=True, help="另外把全部文件打包为一个 .zip。")
@click.option("--json", "as_json", is_flag=True, help="输出 JSON 清单（供其他程序使用）。")
@user_errors
def publish_command(plan_path: Path, out_dir: Path, progress_path: Optional[Path], stats_path: Optional[Path],
                    previous_path: Optional[Path], make_zip: bool, as_json: bool) -> None:
    """生成上传到政府网站的发布包：网页和它链接的附件。

    notice.html（含政府网站元数据、索引号等信息、适老化大字版）和它链接的文件：通知 PDF、
    任务分解表 .xlsx 和 .pdf，文件名取附件标题。给出 --progress（和 --stats）时，另生成年度报告
    页面 report.html 和报告 PDF。链接都是相对地址：文件夹从本机打开、原样上传到网站都能用。
    网站名称、栏目、网页地址等写在计划文件的 web 部分（见 docs/plan-format.md），没写的不输出。

    \b
    例：zwgk publish examples/shenyang-2021.yaml -o out/publish --zip
        zwgk publish examples/shenyang-2021.yaml \\
          --progress examples/shenyang-2021.progress.yaml \\
          --stats examples/shenyang-2021.stats.yaml -o out/publish
    """
    if progress_path is None and (stats_path or previous_path):
        raise UserError.single("--stats、--previous 用于年度报告，需要同时给出 --progress（进度文件）。")
    if progress_path is not None:
        from ..report import prepare

        prepared = prepare(plan_path, progress_path, stats_path, previous_path)
        echo_diagnostics(prepared.warnings)
        report = prepared.report
        assert report.ctx is not None  # prepare() was given the plan
        plan = report.ctx.plan
    else:
        plan, warnings = load_plan_with_warnings(plan_path)
        echo_diagnostics(warnings)
        report = None
    outputs = publish(plan, out_dir, report, make_zip)
    if as_json:
        click.echo(json.dumps({"outputs": [o.as_json() for o in outputs]}, ensure_ascii=False, indent=1))
        return
    summary([o.path for o in outputs])


commands = [publish_command]
