"""`zwgk fix PLAN…`: full-width punctuation (GB/T 15834) written back into the plan file."""

from __future__ import annotations

from pathlib import Path

import click

from ..cli import user_errors
from . import STDIN
from .fix import fix_file


@click.command("fix")
@click.argument("plans", metavar="PLAN", nargs=-1, required=True, type=click.Path(dir_okay=False, allow_dash=True, path_type=Path))
@user_errors
def fix(plans: tuple[Path, ...]) -> None:
    """把计划文件中夹在中文之间的半角标点（, : ; ( ) ? !）改为全角（GB/T 15834），原地保存。

    数字（1,000、10:30）、英文词语、网址、日期和文号中的符号保持不变；
    注释、缩进、引号和换行都原样保留。改正前 zwgk validate 会逐处列出。

    PLAN 写 - 时从标准输入读取，改正后的计划写到标准输出（不改动任何文件）。

    \b
    例：zwgk fix examples/shenyang-2021.yaml
        zwgk fix - < 草稿.yaml > 改正后.yaml
    """
    for path in plans:
        count = fix_file(path)
        to_stdin = str(path) == STDIN  # the corrected plan went to standard output: the count goes aside
        click.echo(f"{'<标准输入>' if to_stdin else path}：" + (f"改正 {count} 处半角标点" if count else "没有需要改正的标点"),
                   err=to_stdin)


commands = [fix]
