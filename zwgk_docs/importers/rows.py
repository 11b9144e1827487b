"""What a table row is before it is a task: a repeated header, a heading across the table,
a 注：/说明： line, or a stray row (合计) that holds no task."""

from __future__ import annotations

import re
from typing import Optional

from .grid import Cell
from .labels import split_label

_NUMERAL = re.compile(r"^([一二三四五六七八九十]+)\s*[、.．]?$")
_NOTE = re.compile(r"^(?:注|备注|说明|附注|填表说明)\s*[0-9一二三四五六七八九十]*\s*[:：.．、]")


def _texts(row: list[Cell]) -> list[Cell]:
    return [c for c in row if c.text and not c.spanned and not c.covered]


def is_header_repeat(row: list[Cell], headers: list[str]) -> bool:
    texts = [c.text for c in row]
    return texts[: len(headers)] == headers[: len(texts)] or (sum(1 for a, b in zip(texts, headers) if a and a == b) >= 2)


def heading_row(row: list[Cell], fields: list[str]) -> Optional[str]:
    """The part heading a row holds, when the table has no part column: one cell across the table
    (沈阳's 一、…… banner), a lone “一、……” cell, or “一 | 推进决策公开” (the numeral in the 序号 column)."""
    texts = _texts(row)
    if "part" in fields or not texts:
        return None
    if len(texts) == 1:
        spans = texts[0] is row[0] and len(row) > 1 and all(c.spanned for c in row[1:])
        label = split_label(texts[0].text)
        return texts[0].text if spans or (label and label.style == "一、") else None
    numeral = _NUMERAL.match(texts[0].text)
    if len(texts) == 2 and texts[0] is row[0] and numeral and not split_label(texts[1].text):
        return f"{numeral.group(1)}、{texts[1].text}"
    return None


def note_row(row: list[Cell]) -> Optional[str]:
    """The text of a 注：/说明： row under (or inside) the table: it explains the table, it is no task."""
    texts = [c.text for c in _texts(row)]
    return " ".join(texts) if texts and len(texts) <= 2 and _NOTE.match(texts[0]) else None


def stray_text(row: list[Cell]) -> str:
    return " | ".join(dict.fromkeys(c.text for c in _texts(row)))
