"""Read YAML into plain Python data plus a map from field path to source position.

ruamel.yaml's round-trip loader keeps line/column marks; we keep them in a
side table so the typed model stays plain and validation can point at text.
"""

from __future__ import annotations

import datetime as dt
import warnings
from dataclasses import dataclass, field
from typing import Any, Union

import re

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.constructor import RoundTripConstructor
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.reader import ReaderError

from ..errors import Diagnostic, Location, UserError
from .limits import check_text, limited_composer
from .yaml_fast import read_fast

Path = tuple[Union[str, int], ...]  # of str keys and int indexes


@dataclass
class SourceMap:
    file: str
    keys: dict[Path, tuple[int, int]] = field(default_factory=dict)  # position of the key
    values: dict[Path, tuple[int, int]] = field(default_factory=dict)  # position of the value

    def locate(self, path: Path, prefer_key: bool = False) -> Location:
        """The nearest known position for path (walking up to a parent if needed)."""
        p = tuple(path)
        while True:
            tables = (self.keys, self.values) if prefer_key else (self.values, self.keys)
            for table in tables:
                if p in table:
                    line, col = table[p]
                    return Location(self.file, line + 1, col + 1)
            if not p:
                return Location(self.file, 1, 1)
            p = p[:-1]


def decode(raw: bytes, name: str) -> str:
    if not raw.strip():
        raise UserError.single("文件是空的，没有任何内容。请参照 examples/ 中的例子填写计划。", Location(name, 1, 1))
    if b"\x00" in raw[:8192]:
        raise UserError.single("这不是文本文件（像是二进制文件，如 .docx/.xlsx）。计划文件应为 UTF-8 编码的 YAML 文本。", Location(name, 1, 1))
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        column = exc.start - (before.rfind(b"\n") + 1) + 1
        hint = ""
        try:
            raw.decode("gb18030")
            hint = "文件像是 GBK/GB18030 编码，请在编辑器中“另存为 UTF-8”。"
        except UnicodeDecodeError:
            pass
        raise UserError.single(f"文件不是 UTF-8 编码。{hint}", Location(name, line, column)) from None


class _CheckedConstructor(RoundTripConstructor):
    """Round-trip constructor that keeps an impossible date (2022-02-30) as its text.

    The model then rejects it like the quoted "2022-02-30", with the field's path and title
    (a plain text field keeps it as written, as YAML 1.2 would).
    """

    def construct_checked_timestamp(self, node: Any, values: Any = None) -> Any:
        try:
            return self.construct_yaml_timestamp(node, values)
        except ValueError:
            return str(node.value)


_CheckedConstructor.add_constructor("tag:yaml.org,2002:timestamp", _CheckedConstructor.construct_checked_timestamp)


def impossible_date_reason(text: str) -> str:
    """Why a year-month-day text is not a date, in Chinese ("2月只有28天", "月份应为1—12")."""
    from ..model.deadline import date_problem

    m = re.match(r"\s*(\d{4})\D+(\d{1,2})\D+(\d{1,2})", text)
    return (date_problem(int(m[1]), int(m[2]), int(m[3])) if m else None) or "不是有效的日期"


# `deadline： 9月底前` — a full-width colon after an ASCII key is text to YAML, not a key.
_FULLWIDTH_KEY = re.compile(r"^(?P<indent>\s*(?:-\s+)?)(?P<key>[A-Za-z_][A-Za-z0-9_]*)\s*：")


def fullwidth_colon_errors(text: str, name: str, until_line: int | None = None) -> list[Diagnostic]:
    """Lines (1-based, up to until_line) where a key is followed by a full-width colon."""
    out = []
    for number, line in enumerate(text.splitlines(), 1):
        if until_line is not None and number > until_line:
            break
        m = _FULLWIDTH_KEY.match(line)
        if m:
            out.append(Diagnostic(
                f"“{m['key']}”后面是全角冒号“：”。YAML 的键后面要用半角冒号加空格，请改为“{m['key']}: ”。",
                Location(name, number, len(m["indent"]) + len(m["key"]) + 1),
            ))
    return out


def read_yaml(text: str, name: str) -> tuple[Any, SourceMap]:
    check_text(text, name)
    smap = SourceMap(name)
    # Dates, numbers and booleans made as the round-trip reader makes them (one per read: threads).
    data = read_fast(text, _plain_scalar, _round_trip_yaml(name).constructor.construct_object, smap)
    if data is not None:
        return data, smap
    return _read_pure(text, name)


def _plain_scalar(value: Any) -> Any:
    return _plain(value, (), SourceMap(""))



def _round_trip_yaml(name: str) -> YAML:
    yaml = YAML(typ="rt")
    yaml.Composer = limited_composer(name)
    yaml.Constructor = _CheckedConstructor
    return yaml


def _read_pure(text: str, name: str) -> tuple[Any, SourceMap]:
    """ruamel's pure round-trip reader, with the limits counted as it composes and every
    error translated; reads whatever yaml_fast leaves to it."""
    yaml = _round_trip_yaml(name)
    try:
        with warnings.catch_warnings():  # ruamel warns in English (reused anchors): not for users
            warnings.simplefilter("ignore")
            data = yaml.load(text)
    except ReaderError as exc:  # a character YAML forbids: it has an offset, not a line
        raise UserError.single(_reader_message(exc), _offset_location(text, exc.position, name)) from None
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        fullwidth = fullwidth_colon_errors(text, name, mark.line + 1 if mark else None)
        if fullwidth:
            raise UserError(fullwidth) from None
        loc = Location(name, mark.line + 1, mark.column + 1) if mark else Location(name)
        raise UserError.single(_explain(exc), loc) from None
    except YAMLError:
        raise UserError.single("YAML 格式错误：无法读取这个文件的结构，请检查缩进、冒号和引号。", Location(name, 1, 1)) from None
    smap = SourceMap(name)
    return _plain(data, (), smap), smap


def _offset_location(text: str, offset: int, name: str) -> Location:
    offset = max(0, min(offset or 0, len(text)))
    line = text.count("\n", 0, offset) + 1
    return Location(name, line, offset - (text.rfind("\n", 0, offset) + 1) + 1)


def _reader_message(exc: ReaderError) -> str:
    char = exc.character
    number = ord(char[:1] or "?") if isinstance(char, (str, bytes)) else char
    code = f"U+{number:04X}" if isinstance(number, int) else "？"
    return f"文件中有 YAML 不允许的控制字符（{code}），常见于从网页或 Word 粘贴的文字：请删除这个字符。"


def _explain(exc: MarkedYAMLError) -> str:
    problem = (exc.problem or "").strip()
    context = (exc.context or "").strip()
    known = {
        "mapping values are not allowed here": "这里不能出现“键: 值”。常见原因：缩进不对齐，或值中含有“: ”需要加引号。",
        "found character '\\t' that cannot start any token": "YAML 不能用 Tab 键缩进，请改用空格。",
        "could not find expected ':'": "缺少冒号“:”，或者上一行的引号没有闭合。",
        "found duplicate key": "同一层中出现了重复的键。",
        "expected the node content, but found ','": "列表中有空项（两个逗号之间没有内容）。没有数据请填 0。",
    }
    for english, chinese in known.items():
        if english in problem or english in context:
            return f"YAML 格式错误：{chinese}"
    if "expected <block end>" in problem or "did not find expected key" in problem:
        return "YAML 格式错误：缩进不一致（同一层的键应左对齐，列表项“- ”要对齐）。"
    if "while scanning a quoted scalar" in context:
        return "YAML 格式错误：引号没有闭合。"
    if "duplicate key" in str(exc):
        return "YAML 格式错误：同一层中出现了重复的键。"
    for english, chinese in MORE_PROBLEMS:
        if english in problem or english in context:
            return f"YAML 格式错误：{chinese}"
    # Never ruamel's English: the position says where, this says what usually causes it.
    return "YAML 格式错误：这里的写法不符合 YAML 语法。常见原因：缩进不对齐、冒号后缺空格、引号或括号没有闭合；含特殊符号的文字请加引号。"


# ruamel.yaml's problems (or contexts) → what a user should do, in Chinese.
MORE_PROBLEMS = (
    ("found undefined alias", "引用了没有定义的锚点（*名称 之前应有 &名称）。"),
    ("found duplicate anchor", "同一个锚点名称（&名称）定义了两次。"),
    ("expected the node content", "这里缺少内容：冒号或“- ”之后应是值，含特殊符号（? * & ! | > % @ `）的文字请加引号。"),
    ("found unexpected end of stream", "文件在引号、括号或多行文字中间结束了：请检查引号、括号是否成对。"),
    ("found unknown escape character", "双引号中有无效的转义（反斜杠 \\ 后的字符）：反斜杠请写作 \\\\，或改用单引号。"),
    ("expected ',' or ']'", "方括号列表 [ … ] 没有正确结束：各项之间用逗号分隔，最后要有 ]。"),
    ("expected ',' or '}'", "花括号 { … } 没有正确结束：各项之间用逗号分隔，最后要有 }。"),
    ("cannot start any token", "这个符号不能出现在值的开头（如 @ ` %）：请给这段文字加引号。"),
    ("found a tab character", "YAML 不能用 Tab 键缩进，请改用空格。"),
    ("could not determine a constructor", "不支持的 YAML 标签（以 ! 开头的写法）：请删除它，或给这段文字加引号。"),
    ("expected a single document", "文件中有多个 YAML 文档（以 --- 分隔）：一个计划文件只写一个。"),
    ("but found another document", "文件中有多个 YAML 文档（以 --- 分隔）：一个计划文件只写一个。"),
    ("expected <document start>", "文件结构不对：文档开头应是“键: 值”。"),
    ("expected alphabetic or numeric character", "锚点或别名（& *）的名称只能用字母、数字、- 和 _。"),
    ("while scanning a directive", "以 % 开头的行是 YAML 指令：文字请加引号。"),
    ("found incompatible YAML document", "不支持的 YAML 版本指令（%YAML）：请删除这一行。"),
    ("while scanning a block scalar", "多行文字（| 或 >）的写法不对：| 或 > 之后应换行，再缩进书写。"),
    ("expected chomping or indentation indicators", "多行文字（| 或 >）的写法不对：| 或 > 之后应换行，再缩进书写。"),
    ("found unexpected ':'", "这里不能出现冒号“:”：含冒号的文字请加引号。"),
    ("while scanning a simple key", "缺少冒号“:”，或者上一行的引号没有闭合。"),
    ("while parsing a flow", "方括号或花括号没有正确结束。"),
    ("while parsing a block", "缩进不一致（同一层的键应左对齐，列表项“- ”要对齐）。"),
    ("while scanning an anchor", "锚点或别名（& *）的名称只能用字母、数字、- 和 _。"),
    ("while scanning an alias", "锚点或别名（& *）的名称只能用字母、数字、- 和 _。"),
    ("while scanning a tag", "不支持的 YAML 标签（以 ! 开头的写法）：请删除它，或给这段文字加引号。"),
    ("while scanning a plain scalar", "这段文字中有 YAML 的特殊符号：请给它加引号。"),
    ("while constructing", "这里的内容无法读取：请检查写法，或给这段文字加引号。"),
)


def _plain(node: Any, path: Path, smap: SourceMap) -> Any:
    if isinstance(node, CommentedMap):
        out = {}
        for key in node:
            kpath = path + (str(key),)
            try:
                kl, kc = node.lc.key(key)
                vl, vc = node.lc.value(key)
                smap.keys[kpath] = (kl, kc)
                smap.values[kpath] = (vl, vc)
            except (KeyError, TypeError, AttributeError):
                pass
            out[str(key) if not isinstance(key, (int, float, bool)) else key] = _plain(node[key], kpath, smap)
        return out
    if isinstance(node, CommentedSeq):
        out_list = []
        for i, item in enumerate(node):
            try:
                smap.values[path + (i,)] = node.lc.item(i)
            except (KeyError, TypeError, AttributeError):
                pass
            out_list.append(_plain(item, path + (i,), smap))
        return out_list
    if isinstance(node, bool) or node is None:
        return node
    if isinstance(node, str):
        return str(node)
    if isinstance(node, dt.datetime):
        return node
    if isinstance(node, dt.date):
        return dt.date(node.year, node.month, node.day)
    if isinstance(node, int):
        return int(node)
    if isinstance(node, float):
        return float(node)
    return node
