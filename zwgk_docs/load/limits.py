"""Bounded work on any YAML input (plans, progress and stats files): hostile or broken text is
refused within a second, with a located Chinese message, instead of hanging or crashing.

The limits are far above any real 工作要点 (the largest seed, 沈阳 2021, is 40 KB, depth 9,
no anchors) and are documented in docs/security.md. They are checked while ruamel.yaml
composes the document, so nothing beyond a limit is ever built:

- the text: MAX_CHARS characters, and MAX_NODES lines plus commas;
- nesting: MAX_DEPTH levels (ruamel's composer recurses; 200,000 "[" would overflow the stack);
- nodes: MAX_NODES scalars, lists and mappings as written;
- aliases: `*name` may repeat an anchored block, but the document with every alias expanded
  may not exceed ALIAS_FACTOR × its written size (+ ALIAS_ALLOWANCE): "billion laughs" is
  refused at the alias that crosses the line;
- scalars: MAX_SCALAR_CHARS characters for a text, MAX_NUMBER_CHARS for a number
  (a 5,000-digit year would reach Python's int limit, .inf/.nan are refused by the model).
"""

from __future__ import annotations

import re
from typing import Any

from ruamel.yaml.composer import Composer
from ruamel.yaml.events import AliasEvent

from ..errors import Location, UserError

MAX_CHARS = 8_000_000
MAX_DEPTH = 64
MAX_NODES = 150_000
ALIAS_FACTOR = 10
ALIAS_ALLOWANCE = 10_000
MAX_SCALAR_CHARS = 300_000
MAX_NUMBER_CHARS = 40

NUMBER_TAGS = ("tag:yaml.org,2002:int", "tag:yaml.org,2002:float")


def check_text(text: str, name: str) -> None:
    """Size, and a quick look at bracket nesting before ruamel scans it.

    ruamel's scanner reads a whole flow collection ahead (it may be a key) in quadratic
    time, so 200,000 "[" would take minutes before the composer's depth check is reached.
    Brackets inside quotes count too: a false alarm needs 65 unclosed ones in one text.
    """
    if len(text) > MAX_CHARS:
        line = text.count("\n", 0, MAX_CHARS) + 1
        raise UserError.single(
            f"文件过大：超过 {MAX_CHARS:,} 个字符（从第 {line} 行起超出）。请检查是否选错了文件，或把计划拆分。",
            Location(name, line, 1))
    # Every node needs a line or a comma: refuse a huge list before ruamel (≈100 µs a node) reads it.
    items = text.count("\n") + text.count(",")
    if items > MAX_NODES:
        raise UserError.single(_too_many(), Location(name, 1, 1))
    depth = 0
    for m in _BRACKETS.finditer(text):
        depth = depth + 1 if m.group() in "[{" else max(depth - 1, 0)
        if depth > MAX_DEPTH:
            line = text.count("\n", 0, m.start()) + 1
            raise UserError.single(_too_deep(), Location(name, line, m.start() - text.rfind("\n", 0, m.start())))


_BRACKETS = re.compile(r"[\[\]{}]")


def _too_many() -> str:
    return f"内容项过多（超过 {MAX_NODES:,} 行或项）：请检查是否选错了文件，或把计划拆分。"


def _too_deep() -> str:
    return f"嵌套层数过多（超过 {MAX_DEPTH} 层）：计划文件不需要这么深的缩进或括号。"


class LimitedComposer(Composer):
    """ruamel's composer, counting depth, nodes and alias expansion as it goes."""

    file_name = "<文本>"

    def __init__(self, loader: Any = None) -> None:
        super().__init__(loader)
        self.level = 0
        self.written = 0  # nodes as written
        self.expanded = 0  # nodes with every alias expanded
        self.sizes: dict[int, int] = {}  # id(anchored node) → its expanded size
        self.open: list[int] = [0]  # expanded size of each node being composed

    def _refuse(self, message: str, mark: Any) -> UserError:
        loc = Location(self.file_name, mark.line + 1, mark.column + 1) if mark is not None else Location(self.file_name)
        return UserError.single(message, loc)

    def compose_node(self, parent: Any, index: Any) -> Any:
        event = self.parser.peek_event()
        if isinstance(event, AliasEvent):
            node = super().compose_node(parent, index)
            if id(node) not in self.sizes:  # the anchored block is still open: `&a [*a]`
                raise self._refuse(f"别名“*{event.anchor}”引用了包含它自己的内容（循环引用）。", event.start_mark)
            size = self.sizes[id(node)]
            self.expanded += size
            self.open[-1] += size
            if self.expanded > ALIAS_FACTOR * self.written + ALIAS_ALLOWANCE:
                raise self._refuse(
                    f"别名“*{event.anchor}”展开后内容过多（超过原文的 {ALIAS_FACTOR} 倍）：请直接写出内容，不要层层引用锚点（&）。",
                    event.start_mark)
            return node
        self.level += 1
        self.written += 1
        self.expanded += 1
        if self.level > MAX_DEPTH:
            raise self._refuse(_too_deep(), event.start_mark)
        if self.written > MAX_NODES:
            raise self._refuse(_too_many(), event.start_mark)
        self.open.append(1)
        node = super().compose_node(parent, index)
        size = self.open.pop()
        self.open[-1] += size
        if node.anchor is not None:
            self.sizes[id(node)] = size
        self.level -= 1
        return node

    def compose_scalar_node(self, anchor: Any) -> Any:
        node = super().compose_scalar_node(anchor)
        value = node.value if isinstance(node.value, str) else ""
        tag = str(getattr(node.tag, "value", node.tag))
        if tag in NUMBER_TAGS and len(value) > MAX_NUMBER_CHARS:
            raise self._refuse(f"数字过长（{len(value):,} 位）：这里应是一个普通大小的数。", node.start_mark)
        if len(value) > MAX_SCALAR_CHARS:
            raise self._refuse(f"文字过长（{len(value):,} 个字符，上限 {MAX_SCALAR_CHARS:,}）。", node.start_mark)
        return node


def limited_composer(name: str) -> type[LimitedComposer]:
    """A composer class that names `name` in its messages (ruamel instantiates the class itself)."""
    return type("LimitedComposer", (LimitedComposer,), {"file_name": name})
