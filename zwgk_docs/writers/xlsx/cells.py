"""Every value a workbook gets from a plan goes through here: user text is data, never a formula.

openpyxl turns a str starting with "=" into a formula, and Excel/WPS re-evaluate a text
cell starting with = + - @ (or a tab/CR before one) as soon as someone edits it
(CSV/DDE injection: `=cmd|' /C calc'!A0`). So: always a string cell, and for the risky
first characters Excel's own "leading apostrophe" flag (quotePrefix), which shows the
text as typed and keeps it text when the cell is edited.
"""

from __future__ import annotations

from typing import Any, cast

from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell
from openpyxl.worksheet.worksheet import Worksheet

from .measure import CELL_CHARS

RISKY_FIRST = ("=", "+", "-", "@", "\t", "\r", "\n", "＝", "＋", "－", "＠")


def cell_at(ws: Worksheet, row: int, col: int) -> Cell:
    """A writable cell (never the covered part of a merge: writers fill the top-left one)."""
    return cast(Cell, ws.cell(row, col))


def set_value(cell: Cell, value: Any) -> None:
    """Write value; str values as literal text (see set_text), others as openpyxl types them."""
    if isinstance(value, str):
        set_text(cell, value)
    else:
        cell.value = value


def set_text(cell: Cell, text: "str | None") -> None:
    """Write user text as a string cell whatever it starts with; empty text leaves the cell empty."""
    text = ILLEGAL_CHARACTERS_RE.sub("", text or "")  # the model cleans these; never crash on one
    if not text:
        cell.value = None
        return
    if len(text) > CELL_CHARS:  # the loader warned (load/excel_limits.py); the cell says so too
        note = cut_note(len(text))
        text = text[:CELL_CHARS - len(note)] + note
    cell.value = text
    cell.data_type = "s"  # openpyxl typed "=..." as a formula
    if text.lstrip(" ").startswith(RISKY_FIRST):
        cell.quotePrefix = True


def cut_note(length: int) -> str:
    return f"……（原文共 {length:,} 字，超出 Excel 单元格 {CELL_CHARS:,} 字的上限，此处从略；全文见通知或网页）"
