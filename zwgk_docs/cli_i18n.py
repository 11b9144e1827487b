"""Chinese for click's own messages (help headings, usage errors).

The users are office staff, not programmers: "Missing argument 'PLAN'" must read
as Chinese too. click looks its messages up through gettext; we answer from a
small table instead of shipping .mo files.
"""

from __future__ import annotations

import gettext
import re
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import click

_ZH = {
    "Show this message and exit.": "显示本帮助并退出。",
    "Show the version and exit.": "显示版本号并退出。",
    "Usage:": "用法：",  # click adds a space: "用法： zwgk ..."
    "Options": "选项",
    "Commands": "命令",
    "Error: {message}": "错误：{message}",
    "Try '{command} {option}' for help.": "运行“{command} {option}”查看帮助。",
    "Missing argument": "缺少参数",
    "Missing option": "缺少选项",
    "Missing parameter": "缺少参数",
    "Missing {param_type}": "缺少{param_type}",
    "Missing parameter: {param_name}": "缺少参数：{param_name}",
    "Missing command.": "缺少命令。",
    "No such command {name!r}.": "没有命令 {name!r}。",
    "No such option {name!r}.": "没有选项 {name!r}。",
    "Option {name!r} does not take a value.": "选项 {name!r} 不需要值。",
    "Invalid value for {param_hint}: {message}": "{param_hint} 的值不正确：{message}",
    "Invalid value: {message}": "值不正确：{message}",
    "{name} {filename!r} does not exist.": "{name} {filename!r} 不存在。",
    "{name} {filename!r} is a directory.": "{name} {filename!r} 是文件夹。",
    "{name} {filename!r} is a file.": "{name} {filename!r} 是文件，应为文件夹。",
    "{name} {filename!r} is not readable.": "{name} {filename!r} 无法读取。",
    "{name} {filename!r} is not writable.": "{name} {filename!r} 无法写入。",
    "{value!r} is not a valid {number_type}.": "{value!r} 不是有效的{number_type}。",
    "{value} is not in the range {range}.": "{value} 不在范围 {range} 内。",
    "Choose from:\n\t{choices}": "可选：\n\t{choices}",
    "File": "文件",
    "Directory": "文件夹",
    "Path": "路径",
    "file": "文件",
    "directory": "文件夹",
    "path": "路径",
    "integer": "整数",
    "float": "数字",
    "Aborted!": "已中止。",
    "default: {default}": "默认：{default}",
    "default: {default!r}": "默认：{default!r}",
    "required": "必填",
    "%(prog)s, version %(version)s": "%(prog)s 版本 %(version)s",
    "(dynamic)": "（动态）",
    "Argument {name!r} takes {nargs} values.": "参数 {name!r} 需要 {nargs} 个值。",
    "Choice({choices})": "可选值（{choices}）",
    "Confirm the action without prompting.": "不询问，直接确认。",
    "Could not open file {filename!r}: {message}": "无法打开文件 {filename!r}：{message}",
    "Couldn't detect Bash version, shell completion is not supported.": "无法确定 Bash 的版本，不能启用命令补全。",
    "Do you want to continue?": "是否继续？",
    "Error: The two entered values do not match.": "错误：两次输入的值不一致。",
    "Error: invalid input": "错误：输入无效",
    "Invalid start character for option ({option})": "选项的开头字符不正确（{option}）",
    "Name '{name}' defined twice": "名称 '{name}' 定义了两次",
    "Positional arguments": "位置参数",
    "Press any key to continue...": "按任意键继续……",
    "Repeat for confirmation": "再输入一次以确认",
    "Unknown color {colour!r}": "未知的颜色 {colour!r}",
    "Unknown standard stream '{name}'": "未知的标准流 '{name}'",
    "Value must be an iterable.": "值必须是一组值。",
    "Windows error: {error}": "Windows 错误：{error}",
    "deprecated": "已弃用",
    "env var: {var}": "环境变量：{var}",
    "unknown error": "未知错误",
    "{editor}: Editing failed": "{editor}：编辑失败",
    "{editor}: Editing failed: {e}": "{editor}：编辑失败：{e}",
    "{name} {filename!r} is not executable.": "{name} {filename!r} 不可执行。",
    "{value!r} is not a valid UUID.": "{value!r} 不是有效的 UUID。",
}
_ZH_PLURAL = {
    "Got unexpected extra argument ({args})": "多余的参数（{args}）",
    "Got unexpected extra arguments ({args})": "多余的参数（{args}）",
    "Did you mean {possibility}?": "您是否想写 {possibility}？",
    "(Possible options: {possibilities})": "（可能的选项：{possibilities}）",
    "(Did you mean one of: {possibilities}?)": "（您是否想写其中之一：{possibilities}？）",
    "Takes {nargs} values but 1 was given.": "需要 {nargs} 个值，但只给了 1 个。",
    "Takes {nargs} values but {len} were given.": "需要 {nargs} 个值，但给了 {len} 个。",
    "{value!r} is not {choice}.": "{value!r} 不是可选的值，应为 {choice}。",
    "{value!r} is not one of {choices}.": "{value!r} 不是可选的值，应为其中之一：{choices}。",
    "{value!r} does not match the format {format}.": "{value!r} 不符合格式 {format}。",
    "{value!r} does not match the formats {formats}.": "{value!r} 不符合格式 {formats} 中的任何一种。",
    "{len_type} values are required, but {len_value} was given.": "需要 {len_type} 个值，但只给了 {len_value} 个。",
    "{len_type} values are required, but {len_value} were given.": "需要 {len_type} 个值，但给了 {len_value} 个。",
    "Option {name!r} requires an argument.": "选项 {name!r} 需要一个值。",
    "Option {name!r} requires {nargs} arguments.": "选项 {name!r} 需要 {nargs} 个值。",
}


def _gettext(message: str) -> str:
    return _ZH.get(message, message)


def _ngettext(singular: str, plural: str, n: int) -> str:
    chosen = singular if n == 1 else plural
    return _ZH_PLURAL.get(chosen, _ZH.get(chosen, chosen))


# Parameter type names: click shows them upper-cased as metavars (TEXT, INTEGER RANGE) and in messages.
_TYPE_NAMES = {
    "StringParamType": "文本", "UnprocessedParamType": "文本", "IntParamType": "整数", "IntRange": "整数范围",
    "FloatParamType": "数字", "FloatRange": "数字范围", "BoolParamType": "是或否", "UUIDParameterType": "UUID",
    "DateTime": "日期时间", "File": "文件名",
}
OPTIONS_METAVAR = "[选项]"
SUBCOMMAND_METAVAR = "命令 [参数]..."


def localize_command(command: "click.Command") -> None:
    """Chinese usage line for a command (and its subcommands): [选项] rather than [OPTIONS]."""
    import click

    if command.options_metavar == "[OPTIONS]":
        command.options_metavar = OPTIONS_METAVAR
    if isinstance(command, click.Group):
        if command.subcommand_metavar in ("COMMAND [ARGS]...", "COMMAND1 [ARGS]... [COMMAND2 [ARGS]...]..."):
            command.subcommand_metavar = SUBCOMMAND_METAVAR
        for sub in command.commands.values():
            localize_command(sub)


def _write_heading(self: "click.HelpFormatter", heading: str) -> None:
    """"选项：" with a full-width colon (click writes "Options:")."""
    colon = ":" if heading.isascii() else "："
    self.write(f"{'':>{self.current_indent}}{heading}{colon}\n")


def _display_width(text: str) -> int:
    """Terminal columns: a Chinese character takes two (click counts one, misaligning help tables)."""
    from click._compat import strip_ansi

    from .east_asian import columns

    return columns(strip_ansi(text))


def install() -> None:
    """Point every click module's `_`/`ngettext` at the table above; Chinese type names and headings."""
    import click
    import click.formatting
    import click.types

    for cls_name, zh in _TYPE_NAMES.items():
        cls = getattr(click.types, cls_name, None)
        if cls is not None:
            cls.name = zh
    click.formatting.HelpFormatter.write_heading = _write_heading  # type: ignore[method-assign]
    if not getattr(click.formatting.HelpFormatter.write_usage, "_zwgk", False):
        original = click.formatting.HelpFormatter.write_usage

        def write_usage(self: "click.HelpFormatter", prog: str, args: str = "", prefix: "str | None" = None) -> None:
            original(self, prog, args, "用法：" if prefix is None else prefix)  # no space after a full-width colon

        write_usage._zwgk = True  # type: ignore[attr-defined]
        click.formatting.HelpFormatter.write_usage = write_usage  # type: ignore[method-assign]
    missing = click.exceptions.MissingParameter
    if not getattr(missing.format_message, "_zwgk", False):
        original_missing = missing.format_message

        def format_message(self: "click.exceptions.MissingParameter") -> str:
            # click writes "Missing option '-o'." with the period in code, not in a translatable string
            return re.sub(r"\.(?=\s|$)", "。", original_missing(self), count=1)

        format_message._zwgk = True  # type: ignore[attr-defined]
        missing.format_message = format_message  # type: ignore[method-assign]
    click.formatting.term_len = _display_width  # type: ignore[attr-defined,assignment]  # aligns Chinese help columns
    for name, module in list(sys.modules.items()):
        if name == "click" or name.startswith("click."):
            if getattr(module, "_", None) is gettext.gettext:
                module._ = _gettext  # type: ignore[attr-defined]
            if getattr(module, "ngettext", None) is gettext.ngettext:
                module.ngettext = _ngettext  # type: ignore[attr-defined]
