"""Every value a workbook gets from a plan goes through here: user text is data, never a formula.

openpyxl turns a str starting with "=" into a formula, and Excel/WPS re-evaluate a text
cell starting with = + - @ (or a tab/CR before one) as soon as someone edits it
(CSV/DDE injection: `=cmd|' /C calc'!A0`). So: always a string cell, and for the risky
first characters Excel's own "leading apostrophe" flag (quotePrefix), which shows the
text as typed and keeps it text when the cell is edited.
"""

from __future__ import annotations

import copy
from typing import Any, Optional, cast

from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell, MergedCell
from openpyxl.styles import Border
from openpyxl.styles.cell_style import StyleArray
from openpyxl.worksheet.cell_range import CellRange
from openpyxl.worksheet.merge import MergedCellRange
from openpyxl.worksheet.worksheet import Worksheet

from .measure import CELL_CHARS

RISKY_FIRST = ("=", "+", "-", "@", "\t", "\r", "\n", "＝", "＋", "－", "＠")


def cell_at(ws: Worksheet, row: int, col: int) -> Cell:
    """A writable cell (never the covered part of a merge: writers fill the top-left one)."""
    return cast(Cell, ws.cell(row, col))


def set_style(cell: "Cell | MergedCell", name: str, number_format: Optional[str] = None) -> None:
    """`cell.style = name` (then `cell.number_format = number_format`, when given) without
    openpyxl's search of the workbook's named styles by name (a list scanned, names rebuilt, on
    every assignment: ~4,000 for the 沈阳 task table and ledger). The first assignment of each
    name (and format) in a workbook goes through openpyxl (which also registers a built-in style,
    and the format); later ones copy the style array it set, as openpyxl's own setters do."""
    target: Any = cell  # the stubs omit openpyxl's style array
    memo = _named_styles(target.parent)
    array = memo.get((name, number_format))
    if array is None:
        target.style = name
        if number_format is not None:
            target.number_format = number_format
        memo[name, number_format] = StyleArray(target._style)
    else:
        target._style = StyleArray(array)


def styled_cell(ws: Worksheet, row: int, col: int, name: str, number_format: Optional[str] = None) -> Cell:
    """`cell_at` then `set_style`, for the rows of a table (~50,000 cells in a 1,000-task ledger):
    a new cell is made with its style array at once, as openpyxl's Worksheet.cell and the style
    setter would leave it (same cell, same workbook bytes), without their layers of calls."""
    array = _named_styles(ws).get((name, number_format))
    cells: dict[tuple[int, int], Any] = ws._cells  # openpyxl's own store, as Worksheet._add_cell fills it
    if array is None or (row, col) in cells or not (0 < row < 1048577 and col > 0):
        cell = cell_at(ws, row, col)
        set_style(cell, name, number_format)
        return cell
    cell = _fresh_cell(ws, row, col, array)
    cells[row, col] = cell
    sheet: Any = ws  # the stubs omit openpyxl's row counter
    if row > sheet._current_row:
        sheet._current_row = row
    return cell


_CELL_SLOTS = ("row", "column", "_value", "data_type", "parent", "_hyperlink", "_comment")
# openpyxl 3.1's Cell: its slots, and its __init__ (through StyleableObject's) sets nothing else
_FRESH_KNOWN = Cell.__slots__ == _CELL_SLOTS and "_style" in getattr(Cell.__mro__[1], "__slots__", ())


def _fresh_cell(ws: Worksheet, row: int, col: int, array: StyleArray) -> Cell:
    """Cell(ws, row=row, column=col, style_array=array): the same slots set to the same values, without
    its two layers of __init__ (~40 % of a ledger's cell making: ~260,000 cells at 5,000 tasks)."""
    if not _FRESH_KNOWN:
        return Cell(ws, row=row, column=col, style_array=array)
    cell: Any = _new_cell(Cell)
    cell.parent, cell._style, cell.row, cell.column = ws, StyleArray(array), row, col
    cell._value, cell._hyperlink, cell.data_type, cell._comment = None, None, "n", None
    return cast(Cell, cell)


_new_cell = object.__new__


def _named_styles(ws: Any) -> "dict[tuple[str, Optional[str]], StyleArray]":
    """The style array each (named style, number format) gave a cell, per workbook."""
    memo: dict[tuple[str, Optional[str]], StyleArray] = ws.parent.__dict__.setdefault("_zwgk_named_styles", {})
    return memo


def set_value(cell: Cell, value: Any) -> None:
    """Write value; str values as literal text (see set_text), others as openpyxl types them."""
    if isinstance(value, str):
        set_text(cell, value)
    elif value is not None or cast(Any, cell)._value is not None or cell.data_type != "n":
        cell.value = value  # (None on a new cell: it is already, without openpyxl's type checks)


def set_text(cell: Cell, text: "str | None") -> None:
    """Write user text as a string cell whatever it starts with; empty text leaves the cell empty."""
    text = ILLEGAL_CHARACTERS_RE.sub("", text or "")  # the model cleans these; never crash on one
    if not text:
        cell.value = None
        return
    if len(text) > CELL_CHARS:  # the loader warned (load/excel_limits.py); the cell says so too
        note = cut_note(len(text))
        text = text[:CELL_CHARS - len(note)] + note
    target: Any = cell
    # What `cell.value = text` stores once openpyxl's checks pass (illegal characters are gone,
    # the length is within Excel's), as a string cell even for "=…" (openpyxl would type it a formula).
    target._value = str(text)
    cell.data_type = "s"
    if text.lstrip(" ").startswith(RISKY_FIRST):
        cell.quotePrefix = True


def cut_note(length: int) -> str:
    return f"……（原文共 {length:,} 字，超出 Excel 单元格 {CELL_CHARS:,} 字的上限，此处从略；全文见通知或网页）"


_SIDES = ("top", "left", "right", "bottom")  # the order openpyxl's MergedCellRange.format() goes round


def merge(ws: Worksheet, start_row: int, start_column: int, end_row: int, end_column: int) -> None:
    """ws.merge_cells(...) with the same workbook as result, without its two costs that grow with
    the table (a 1,000-task ledger has ~2,000 merges): the check of each new range against every
    earlier one (the writers never merge overlapping ranges), and a Border sum and style lookup per
    edge cell — done here once per kind of edge cell and workbook, then reused by its style index
    (the saved workbook is byte for byte the same: tests/test_xlsx_merge.py).
    """
    rng = MergedCellRange(ws, CellRange(min_col=start_column, min_row=start_row,
                                        max_col=end_column, max_row=end_row).coord)
    ws.merged_cells.ranges.add(rng)
    cells: dict[tuple[int, int], Any] = ws._cells  # openpyxl's own store: its style indexes are set directly
    for row, col in list(rng.cells)[1:]:
        cells[row, col] = MergedCell(ws, row, col)
    start: Any = rng.start_cell
    for coord in rng.cells:  # as openpyxl's style descriptors do before reading an index
        if cells[coord]._style is None:
            cells[coord]._style = StyleArray()
    memo: dict[tuple[Any, ...], int] = ws.parent.__dict__.setdefault("_zwgk_merge_styles", {})
    for name in _SIDES:  # format()'s passes in its order, so new styles get the same indexes
        side = getattr(start.border, name)
        if side and side.style is None:
            continue
        for coord in getattr(rng, name):
            cell = cells[coord]
            key = ("border", start._style.borderId, name, cell._style.borderId)
            if key not in memo:
                cell.border += Border(**{name: side})
                memo[key] = cell._style.borderId
            cell._style.borderId = memo[key]
    for coord in rng.cells:
        cell = cells[coord]
        guard = ("protection", start._style.protectionId, cell._style.protectionId)
        if guard not in memo:
            cell.protection = copy.copy(start.protection)
            memo[guard] = cell._style.protectionId
        cell._style.protectionId = memo[guard]
