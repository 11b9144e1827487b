"""Numbering labels at the start of a heading: 一、 （一） 1. 1． 1、 （1）, full- or half-width."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional

from ..numbering import parse_chinese_numeral

_CN = "一二三四五六七八九十百零"
_PATTERNS: list[tuple[str, re.Pattern]] = [
    ("一、", re.compile(rf"^\s*([{_CN}]+)\s*[、．.]\s*")),
    ("（一）", re.compile(rf"^\s*[（(]\s*([{_CN}]+)\s*[）)]\s*[、.．]?\s*")),
    ("（1）", re.compile(r"^\s*[（(]\s*(\d{1,3})\s*[）)]\s*[、.．]?\s*")),
    ("1.", re.compile(r"^\s*(\d{1,3})\s*([.．、])(?!\d)\s*")),
]
CLOSERS = "。！？；：…”）)"


@dataclass(frozen=True)
class Label:
    style: str  # a NumberStyle: 一、 （一） 1. 1． 1、 （1）
    number: int
    text: str  # the label as printed
    rest: str  # what follows it


def split_label(text: str) -> Optional[Label]:
    """The numbering label at the start of text, or None ("2018年……" is not a label)."""
    for style, pattern in _PATTERNS:
        m = pattern.match(text)
        if not m:
            continue
        if style == "1.":
            style = {"、": "1、", "．": "1．"}.get(m.group(2), "1.")
            number = int(m.group(1))
        elif style == "（1）":
            number = int(m.group(1))
        else:
            try:
                number = parse_chinese_numeral(m.group(1))
            except (ValueError, IndexError):
                continue
        rest = text[m.end():].strip()
        if not rest and style not in ("1.", "1．", "1、"):
            continue
        return Label(style, number, m.group(0).strip(), rest)
    return None


def first_sentence(text: str) -> tuple[str, str]:
    """(first sentence without its 。, the rest). Quotes and brackets are respected."""
    depth = 0
    for i, ch in enumerate(text):
        if ch in "“（(《「":
            depth += 1
        elif ch in "”）)》」":
            depth = max(0, depth - 1)
        elif ch in "。！？" and depth == 0:
            return text[:i].strip(), text[i + 1:].strip()
    return text.strip(), ""


def is_short_title(sentence: str) -> bool:
    """A table cell's first sentence reads as a title: short, no comma outside quotes."""
    if not sentence or len(sentence) > 25:
        return False
    bare = re.sub(r"“[^”]*”|《[^》]*》|（[^）]*）|\([^)]*\)", "", sentence)
    return not re.search(r"[，,；;]", bare)
