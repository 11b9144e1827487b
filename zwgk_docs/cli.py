"""The `zwgk` command line: a registry of commands that live with their feature.

Messages are Chinese (click's own words too, see cli_i18n); -q/-v, exit codes, progress lines and
the summary table come from cli_common. A new command goes in its own module exposing
`commands = [...]`, plus one line in EXTENSIONS below.
"""

from __future__ import annotations

import importlib
from typing import Optional

import click

from . import __version__, cli_i18n
from .cli_common import CONTEXT_SETTINGS, ZwgkGroup, echo_diagnostics, set_verbosity, user_errors

cli_i18n.install()

__all__ = ["main", "echo_diagnostics", "user_errors"]  # the last two: for extension modules


class LazyGroup(ZwgkGroup):
    """Lists every command from COMMANDS; imports a command's module only when it is used."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(dict.fromkeys([*COMMANDS, *sorted(self.commands)]))

    def get_command(self, ctx: click.Context, cmd_name: str) -> Optional[click.Command]:
        return load_command(cmd_name)

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if args:
            load_command(args[0])  # the -q/-v hoisting looks at the command's own options
        return super().parse_args(ctx, args)

    def resolve_command(self, ctx: click.Context, args: list[str]) -> tuple[Optional[str], Optional[click.Command], list[str]]:
        name = args[0] if args else ""
        if load_command(name) is None and not ctx.resilient_parsing and not name.startswith("-"):
            # click suggests from the loaded commands only: offer every command's name
            raise click.exceptions.NoSuchCommand(name, possibilities=self.list_commands(ctx), ctx=ctx)
        return super().resolve_command(ctx, args)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = [(name, COMMANDS[name][1] if name in COMMANDS else self.commands[name].get_short_help_str())
                for name in self.list_commands(ctx)]
        with formatter.section("命令"):
            formatter.write_dl(rows)


@click.group(cls=LazyGroup, context_settings=CONTEXT_SETTINGS)
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


# Every command: name → (module exposing `commands`, the line `zwgk --help` shows for it).
# A command's module is imported only when that command runs, so `zwgk --help` and
# `zwgk validate` do not load WeasyPrint, templates or office libraries; the help lines are
# kept here for that reason (tests/test_cli_lazy.py checks each against the command's own).
COMMANDS: dict[str, tuple[str, str]] = {
    "init": ("zwgk_docs.importers.cli", "写出一个空白计划文件，每个字段都有中文注释说明。"),
    "validate": ("zwgk_docs.cli_commands", "检查一个或多个计划文件（以及年度报告用的 *.progress.yaml、*.stats.yaml）。"),
    "fix": ("zwgk_docs.load.cli", "把计划文件中夹在中文之间的半角标点（, : ; ( ) ? !）改为全角（GB/T 15834），原地保存。"),
    "outline": ("zwgk_docs.cli_commands", "显示计划的编号大纲：部分、小节、任务、子任务及其编号和 id。"),
    "units": ("zwgk_docs.collect.cli", "列出计划中的全部单位：规范名称、简称、类别，以及各自牵头、负责、配合的任务。"),
    "collect": ("zwgk_docs.collect.cli", "把各单位交回的反馈表汇入工作台账（“各单位报送”表）。"),
    "build": ("zwgk_docs.cli_commands", "生成通知（.docx/.pdf）、任务分解表（.xlsx/.pdf）和网页（.html）。"),
    "preview": ("zwgk_docs.preview.cli", "在本机浏览器中预览通知网页和 PDF，保存计划文件后自动重新生成并刷新页面。"),
    "publish": ("zwgk_docs.publish.cli", "生成上传到政府网站的发布包：网页和它链接的附件。"),
    "diff": ("zwgk_docs.compare.cli", "比较两份计划（如去年的和今年的草稿）：新增、删除、修改、拆分、合并的任务。"),
    "trace": ("zwgk_docs.compare.cli", "生成与上级要点的对照表：上级每一项由本级哪些任务落实，哪些没有落实，哪些任务没有注明对应。"),
    "check": ("zwgk_docs.check.cli", "按 GB/T 9704-2012《党政机关公文格式》逐条检查一个 Word 公文（.docx）。"),
    "report": ("zwgk_docs.report.cli", "生成政府信息公开工作年度报告（report.docx、report.pdf、report.html）。"),
    "report-template": ("zwgk_docs.report.cli", "生成年度报告统计表的 Excel 工作簿（表二、表三、表四，按 2021 年版格式排列）。"),
    "import": ("zwgk_docs.importers.cli", "从已有的任务分解表或工作要点导入，生成计划文件。"),
    "new": ("zwgk_docs.importers.cli", "由去年的计划生成新一年的草稿。"),
    "schema": ("zwgk_docs.cli_commands", "输出计划文件的 JSON Schema（含中文说明），供编辑器校验和自动补全。"),
    "doctor": ("zwgk_docs.fonts.cli", "检查本机环境：每种字体角色实际使用的字体、替代情况，以及 LibreOffice、Chromium、HarfBuzz。"),
    "completion": ("zwgk_docs.cli_commands", "输出命令补全脚本（按 Tab 补全命令、选项和文件名）。"),
}

# Modules whose commands are not yet in COMMANDS: imported at start-up (slower `zwgk --help`).
EXTENSIONS: list[str] = []


def load_command(name: str) -> Optional[click.Command]:
    """The command called `name`, importing its module on first use."""
    if name not in main.commands and name in COMMANDS:
        for command in importlib.import_module(COMMANDS[name][0]).commands:
            if command.name not in main.commands:
                main.add_command(command)
    return main.commands.get(name)


for _name in EXTENSIONS:
    for _command in importlib.import_module(_name).commands:
        main.add_command(_command)
