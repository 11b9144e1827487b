"""`zwgk diff` and `zwgk trace`: drafting aids for the next yearly plan."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Optional

import click

from ..cli_common import echo_diagnostics, summary, user_errors
from . import Result, diff_files, trace_files, write_sheet
from ..errors import UserError
from ..load import STDIN
from .sheet import cell_text

_FILE = click.Path(dir_okay=False, allow_dash=True, path_type=Path)  # -: a plan's YAML on standard input
_OUT = click.Path(dir_okay=False, path_type=Path)


def _finish(result: Result, out: Optional[Path], as_json: bool) -> None:
    echo_diagnostics(result.warnings)
    if out is not None:
        write_sheet(result.sheet, out, result.plan)
    if as_json:
        click.echo(json.dumps(result.data.as_json(), ensure_ascii=False, indent=1))
    elif out is not None:
        summary([out])
    else:
        _print(result)


def _print(result: Result) -> None:
    """The Sheet as terminal text: notes, then each table row on one line."""
    sheet = result.sheet
    click.echo(sheet.title)
    for note in sheet.notes:
        click.echo(f"  {note}")
    for table in sheet.tables:
        click.echo(f"\n【{table.title}】")
        if not table.rows:
            click.echo(f"  {table.empty}")
        for row in table.rows:
            if row.group:
                click.echo(f"  {row.group}")
                continue
            cells = [cell_text(c).replace("\n", " ") for c in row.cells]
            click.echo("    " + " | ".join(c if len(c) <= 80 else c[:80] + "……" for c in cells if c))
    click.echo("\n（-o 文件名.xlsx / .docx / .html 可生成可打印的对照表）")


@click.command(name="diff")
@click.argument("old_path", metavar="OLD", type=_FILE)
@click.argument("new_path", metavar="NEW", type=_FILE)
@click.option("-o", "--output", "out", type=_OUT, default=None, help="输出对照表：.xlsx、.docx 或 .html（A4 横向打印）。")
@click.option("--json", "as_json", is_flag=True, help="以 JSON 输出（供其他程序使用）。")
@user_errors
def diff_command(old_path: Path, new_path: Path, out: Optional[Path], as_json: bool) -> None:
    """比较两份计划（如去年的和今年的草稿）：新增、删除、修改、拆分、合并的任务。

    任务先按 id 对应，否则按文字相似度对应（阈值写在输出中）；修改的任务逐词标出文字变化，
    并列出牵头/责任/配合单位和完成时限的变化；另按部分汇总各类变化的数量。
    OLD、NEW 可以是计划文件（.yaml），也可以是 zwgk import 能读的 .xlsx/.docx/.csv/.txt。

    \b
    例：zwgk diff plan-2021.yaml plan-2022.yaml
        zwgk diff plan-2021.yaml plan-2022.yaml -o 起草说明对照表.docx
    """
    _one_stdin(old_path, new_path)
    _finish(diff_files(old_path, new_path), out, as_json)


@click.command(name="trace")
@click.argument("plan_path", metavar="PLAN", type=_FILE)
@click.option("--superior", "superior_path", required=True, type=_FILE,
              help="上级计划：计划文件，或 zwgk import 能读的文件（如上级要点的 .docx/.txt）。")
@click.option("-o", "--output", "out", type=_OUT, default=None, help="输出对照表：.xlsx、.docx 或 .html（A4 横向打印）。")
@click.option("--json", "as_json", is_flag=True, help="以 JSON 输出（供其他程序使用）。")
@user_errors
def trace_command(plan_path: Path, superior_path: Path, out: Optional[Path], as_json: bool) -> None:
    """生成与上级要点的对照表：上级每一项由本级哪些任务落实，哪些没有落实，哪些任务没有注明对应。

    本级任务在 answers 中写它落实的上级要点（上级计划中的 id 或编号，如“省要点 7”“（三）”）。
    没有对应关系的项，按文字相似度给出可能对应的任务，标为“建议”，需人工确认。

    \b
    例：zwgk trace plan-2022.yaml --superior 省要点-2022.yaml -o 对照表.xlsx
    """
    _one_stdin(plan_path, superior_path)
    _finish(trace_files(plan_path, superior_path), out, as_json)


def _one_stdin(*paths: Path) -> None:
    if sum(str(p) == STDIN for p in paths) > 1:
        raise UserError.single("标准输入（-）只能给其中一份计划，另一份请给出文件路径。")


commands = [diff_command, trace_command]
