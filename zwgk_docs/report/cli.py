"""`zwgk report` (the annual 政府信息公开工作年度报告) and `zwgk report-template` (the stats workbook)."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Optional

import click

from ..cli import echo_diagnostics, user_errors
from ..cli_common import OUTPUT_FOLDER, joined_formats, progress, summary
from ..cli_commands import _diagnostic_json
from ..errors import Diagnostic
from . import Prepared, prepare, report_formats, write_report

_FILE = click.Path(dir_okay=False, path_type=Path)


class GreedyOption(click.Option):
    """`--rollup A.yaml B.yaml C.yaml`: the option takes every following argument up to the next option."""

    def add_to_parser(self, parser, ctx):  # type: ignore[no-untyped-def]
        super().add_to_parser(parser, ctx)
        for name in self.opts:
            opt = parser._long_opt.get(name) or parser._short_opt.get(name)
            if opt is None:
                continue
            original = opt.process

            def process(value, state, original=original):  # type: ignore[no-untyped-def]
                values = [value]
                while state.rargs and not state.rargs[0].startswith("-"):
                    values.append(state.rargs.pop(0))
                for v in values:
                    original(v, state)

            opt.process = process


@click.command(name="report")
@click.argument("plan_path", metavar="[PLAN]", type=click.Path(dir_okay=False, allow_dash=True, path_type=Path), required=False)
@click.option("-p", "--progress", "progress_path", type=_FILE, default=None,
              help="进度文件：YAML（见 docs/report.md）或工作台账 .xlsx。有计划文件时必填。")
@click.option("-s", "--stats", "stats_path", type=_FILE, default=None,
              help="统计文件：YAML 或 zwgk report-template 生成的 .xlsx（表二、表三、表四的数字）。")
@click.option("--previous", "previous_path", type=_FILE, default=None, help="上一年度的统计文件，用于核对上年结转等。")
@click.option("--rollup", "rollup_paths", type=_FILE, multiple=True, cls=GreedyOption,
              help="下级单位的统计文件（可列多个）：核对本级各表是否等于下级之和，列出每个不一致的单元格。")
@click.option("--strict", is_flag=True, help="把警告（正文与表格不一致、内容缺项等）也视为错误：退出码 2，不生成文件。")
@click.option("-o", "--output", "out_dir", default=Path("out"), show_default=True, type=OUTPUT_FOLDER, help="输出文件夹。")
@click.option("-f", "--format", "formats", multiple=True, metavar="格式",
              help="只生成这些格式，逗号分隔：docx,pdf,html（默认全部）；可重复，如 -f docx -f html。")
@click.option("--json", "as_json", is_flag=True, help="输出 JSON（生成的文件、警告和各项检查结果，供其他程序使用）。")
@user_errors
def report(plan_path: Optional[Path], progress_path: Optional[Path], stats_path: Optional[Path], previous_path: Optional[Path],
           rollup_paths: tuple[Path, ...], strict: bool, out_dir: Path, formats: tuple[str, ...], as_json: bool) -> None:
    """生成政府信息公开工作年度报告（report.docx、report.pdf、report.html）。

    按 2021 年版格式（国办公开办函〔2021〕30号）输出六个部分和三张统计表；第六部分逐项列出
    工作要点各项任务（及子任务）的落实情况并汇总。没有工作要点的部门可以不给计划文件，
    只给统计文件（其中可写 report: 正文）。

    统计表的勾稽关系不成立、单元格不是非负整数、日期不在本年度、进度文件或台账属于另一份
    计划或另一年度时报错（退出码 2），不生成任何文件；正文中的数字与表格不一致、内容缺项等
    是警告，加 --strict 时也算错误。

    \b
    例：zwgk report examples/shenyang-2021.yaml \\
          --progress examples/shenyang-2021.progress.yaml \\
          --stats examples/shenyang-2021.stats.yaml -o out
        zwgk report --stats 本部门.stats.yaml -o out
        zwgk report --stats 县.stats.yaml --rollup 乡镇甲.stats.yaml 乡镇乙.stats.yaml -o out
    """
    chosen = report_formats(joined_formats(formats))  # a wrong -f is said before the inputs are read
    prepared = prepare(plan_path, progress_path, stats_path, previous_path, rollup_paths)
    if strict and prepared.warnings:
        echo_diagnostics([Diagnostic(d.message, d.location, d.path, "error") for d in prepared.warnings])
        click.echo(f"有 {len(prepared.warnings)} 条警告（--strict 视为错误），未生成文件。", err=True)
        sys.exit(2)
    if not as_json:
        echo_diagnostics(prepared.plan_warnings + prepared.warnings)
    outputs = write_report(prepared.report, out_dir, progress=None if as_json else progress, formats=chosen)
    if as_json:
        manifest = {"outputs": [o.as_json() for o in outputs], "tasks": prepared.report.task_count,
                    "warnings": [_diagnostic_json(d) for d in prepared.warnings], "checks": prepared.checks,
                    "progress": progress_json(prepared)}
        click.echo(json.dumps(manifest, ensure_ascii=False, indent=1))
        return
    summary([o.path for o in outputs])


@click.command(name="report-template")
@click.option("-o", "--output", "out_path", default=Path("统计表.xlsx"), show_default=True, type=_FILE, help="要写出的工作簿。")
@click.option("--year", type=click.IntRange(2000, 2100), default=None, help="统计年度（写入工作簿）。")
@click.option("--force", is_flag=True, help="文件已存在时覆盖（默认不覆盖，以免丢失已填写的数字）。")
@user_errors
def report_template(out_path: Path, year: Optional[int], force: bool) -> None:
    """生成年度报告统计表的 Excel 工作簿（表二、表三、表四，按 2021 年版格式排列）。

    在 Excel/WPS 中填写数字（单元格只接受非负整数，已预填 0），保存后作为 --stats 使用：
    zwgk report --stats 统计表.xlsx …。出错时指出“工作表!单元格”。

    \b
    例：zwgk report-template -o 2021统计表.xlsx --year 2021
    """
    from .stats_xlsx import write_stats_workbook

    path = write_stats_workbook(out_path, year, force)
    click.echo(f"已生成 {path}")


def progress_json(prepared: Prepared) -> list[dict[str, object]]:
    """Per task, under the plan's number: the status read and each unit's own entries."""
    entries = prepared.progress.entries if prepared.progress else {}
    ctx = prepared.report.ctx
    return [{"id": t.id, "label": t.label, "heading": t.heading,
             "status": entries[t.id].status if t.id in entries else "未填报",
             "done": entries[t.id].done if t.id in entries else [],
             "units": entries[t.id].units if t.id in entries else []} for t in (ctx.tasks if ctx else [])]


commands = [report, report_template]
