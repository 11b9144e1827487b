"""The `zwgk` command line: a registry of commands that live with their feature.

Messages are Chinese (click's own words too, see cli_i18n); -q/-v, exit codes, progress lines and
the summary table come from cli_common. A new command goes in its own module exposing
`commands = [...]`, plus one line in EXTENSIONS below.
"""

from __future__ import annotations

import importlib

import click

from . import __version__, cli_i18n
from .cli_common import CONTEXT_SETTINGS, ZwgkGroup, echo_diagnostics, set_verbosity, user_errors

cli_i18n.install()

__all__ = ["main", "echo_diagnostics", "user_errors"]  # the last two: for extension modules


@click.group(cls=ZwgkGroup, context_settings=CONTEXT_SETTINGS)
@click.version_option(__version__, "-V", "--version", message="zwgk_docs %(version)s")
@click.option("-q", "--quiet", is_flag=True, help="只显示错误（不显示进度、警告和结果表）。")
@click.option("-v", "--verbose", count=True, help="显示更多过程信息；出现内部错误时也显示详细信息。")
@click.pass_context
def main(ctx: click.Context, quiet: bool, verbose: int) -> None:
    """zwgk：从一个 YAML 计划文件生成政务公开工作要点的通知、任务分解表、网页和年度报告。

    \b
    常用命令：
      zwgk init -o plan.yaml                         写出一个带注释的空白计划
      zwgk validate examples/shenyang-2021.yaml      检查计划文件
      zwgk outline  examples/shenyang-2021.yaml      查看编号大纲
      zwgk build    examples/shenyang-2021.yaml -o out   生成全部文件
    \b
    退出码：0 成功；1 检查发现不符合项；2 文件或用法有误；3 内部错误（请报告）。
    计划文件写 - 时从标准输入读取。
    """
    set_verbosity(ctx, quiet, verbose)


# Modules exposing `commands`, a list of click commands. One line per feature.
EXTENSIONS: list[str] = [
    "zwgk_docs.cli_commands",
    "zwgk_docs.fonts.cli",
    "zwgk_docs.report.cli",
    "zwgk_docs.check.cli",
    "zwgk_docs.importers.cli",
    "zwgk_docs.load.cli",
    "zwgk_docs.preview.cli",
    "zwgk_docs.collect.cli",
    "zwgk_docs.publish.cli",
]

for _name in EXTENSIONS:
    for _command in importlib.import_module(_name).commands:
        main.add_command(_command)
