"""Chinese for click's own messages (help headings, usage errors).

The users are office staff, not programmers: "Missing argument 'PLAN'" must read
as Chinese too. click looks its messages up through gettext; we answer from a
small table instead of shipping .mo files.
"""

from __future__ import annotations

import gettext
import sys

_ZH = {
    "Show this message and exit.": "显示本帮助并退出。",
    "Show the version and exit.": "显示版本号并退出。",
    "Usage:": "用法：",
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
}
_ZH_PLURAL = {
    "Got unexpected extra argument ({args})": "多余的参数（{args}）",
    "Got unexpected extra arguments ({args})": "多余的参数（{args}）",
    "Did you mean {possibility}?": "您是否想写 {possibility}？",
    "(Possible options: {possibilities})": "（可能的选项：{possibilities}）",
    "Option {name!r} requires an argument.": "选项 {name!r} 需要一个值。",
    "Option {name!r} requires {nargs} arguments.": "选项 {name!r} 需要 {nargs} 个值。",
}


def _gettext(message: str) -> str:
    return _ZH.get(message, message)


def _ngettext(singular: str, plural: str, n: int) -> str:
    chosen = singular if n == 1 else plural
    return _ZH_PLURAL.get(chosen, _ZH.get(chosen, chosen))


def install() -> None:
    """Point every click module's `_`/`ngettext` at the table above."""
    for name, module in list(sys.modules.items()):
        if name == "click" or name.startswith("click."):
            if getattr(module, "_", None) is gettext.gettext:
                module._ = _gettext  # type: ignore[attr-defined]
            if getattr(module, "ngettext", None) is gettext.ngettext:
                module.ngettext = _ngettext  # type: ignore[attr-defined]
