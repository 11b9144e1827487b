"""Sheets of progress entries — one row per task row and unit: the 反馈表 each unit fills in,
and the ledger's 各单位报送 sheet they are collected into.

The header texts are the files' contract (docs/ledger.md): readers find columns by them, so
an office may move, resize, sort or filter columns freely.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any, Callable, Optional, Sequence

from openpyxl import Workbook
from openpyxl.formatting.rule import FormulaRule
from openpyxl.styles import Alignment, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from ...context.units import UnitRow
from ...model.vocab import STATUSES
from . import measure
from . import styles as S
from .cells import cell_at, merge, set_style, set_value, styled_cell

DATE_FORMAT = "yyyy-mm-dd"
OVERDUE_FILL = PatternFill("solid", start_color="F8CBAD", end_color="F8CBAD")  # light red: past its deadline, not 已完成


@dataclass
class Entry:
    """What a unit reported for one task row (empty until filled in)."""

    progress: str = ""
    status: str = ""
    evidence: str = ""
    updated: Optional[dt.date] = None
    reporter: str = ""
    source: str = ""  # "市财政局.xlsx（2024-06-30 汇入）"

    @property
    def filled(self) -> bool:
        return bool(self.progress or self.status or self.evidence)


@dataclass
class EntryRow:
    row: UnitRow
    entry: Entry = field(default_factory=Entry)


@dataclass(frozen=True)
class Col:
    key: str
    header: str
    width: float
    style: str
    value: Callable[[EntryRow], Any]
    hidden: bool = False
    date: bool = False


# Every column either sheet may have, by key; a sheet lists the keys it uses.
COLUMNS = {c.key: c for c in [
    Col("label", "编号", 10, S.SHORT, lambda r: r.row.label),
    Col("text", "任务", 50, S.BODY, lambda r: r.row.text),
    Col("unit", "报送单位", 14, S.SHORT, lambda r: r.row.unit),
    Col("role", "分工", 8, S.SHORT, lambda r: r.row.role),
    Col("deadline", "完成时限", 12, S.SHORT, lambda r: r.row.deadline),
    Col("progress", "进展情况", 40, S.INPUT, lambda r: r.entry.progress),
    Col("status", "完成状态", 10, S.INPUT, lambda r: r.entry.status),
    Col("evidence", "佐证材料", 20, S.INPUT, lambda r: r.entry.evidence),
    Col("updated", "更新日期", 12, S.INPUT, lambda r: r.entry.updated, date=True),
    Col("reporter", "填报人", 10, S.SHORT, lambda r: r.entry.reporter),
    Col("source", "来源", 16, S.SHORT, lambda r: r.entry.source),
    Col("task_id", "任务标识", 14, S.HIDDEN_ID, lambda r: r.row.task_id, hidden=True),
    Col("subtask_id", "子任务标识", 14, S.HIDDEN_ID, lambda r: r.row.subtask_id, hidden=True),
    Col("due", "截止日期", 12, S.HIDDEN_ID, lambda r: r.row.due, hidden=True, date=True),
]}
HEADERS = {c.header: c.key for c in COLUMNS.values()}
FILL_KEYS = ("progress", "status", "evidence", "updated")
FORM_KEYS = ("label", "text", "role", "deadline", "progress", "status", "evidence", "updated", "task_id", "subtask_id", "due")
LEDGER_KEYS = ("label", "text", "unit", "role", "deadline", "progress", "status", "evidence", "updated", "reporter",
               "source", "task_id", "subtask_id", "due")


@dataclass
class Placed:
    header_row: int
    first_row: int
    last_row: int  # == header_row when there are no rows
    cols: dict[str, int]  # key → column number


def font_pt(wb: Workbook, style: str) -> float:
    from .sheet import style_font_pt

    return style_font_pt(wb, style)


def write_entries(wb: Workbook, ws: Worksheet, title: str, rows: "list[EntryRow]", keys: "tuple[str, ...]",
                  header_row: int) -> Placed:
    """Title in row 1, the header in `header_row` (rows between are the caller's), then the rows."""
    cols = [COLUMNS[k] for k in keys]
    visible = [c for c in cols if not c.hidden]
    for i, c in enumerate(cols, start=1):
        ws.column_dimensions[get_column_letter(i)].width = c.width
        ws.column_dimensions[get_column_letter(i)].hidden = c.hidden
    total = sum(c.width for c in visible)
    set_style(ws.cell(1, 1), S.TITLE)  # style first: a named style resets quotePrefix
    set_value(cell_at(ws, 1, 1), title)
    merge(ws, 1, 1, 1, len(visible))
    ws.row_dimensions[1].height = max(36, measure.text_height(title, total, font_pt(wb, S.TITLE)))
    for i, c in enumerate(cols, start=1):
        cell = cell_at(ws, header_row, i)
        set_style(cell, S.HEADER)
        set_value(cell, c.header)
    ws.row_dimensions[header_row].height = 30
    one_line = measure.height_pt(1, font_pt(wb, S.BODY))
    column_pt = [font_pt(wb, c.style) for c in cols]
    for r, er in enumerate(rows, start=header_row + 1):
        need = one_line
        for i, c in enumerate(cols, start=1):
            cell = styled_cell(ws, r, i, c.style, DATE_FORMAT if c.date else None)
            value = c.value(er)
            set_value(cell, value if value not in ("", None) else None)
            if isinstance(value, str) and value and not c.hidden:
                need = max(need, measure.text_height(value, c.width, column_pt[i - 1]))
        ws.row_dimensions[r].height = round(min(need, measure.MAX_ROW_PT), 1)
    last = header_row + len(rows)
    placed = Placed(header_row, header_row + 1, last, {c.key: i for i, c in enumerate(cols, start=1)})
    end_col = get_column_letter(len(visible))
    ws.print_title_rows = f"{header_row}:{header_row}"
    ws.print_area = f"A1:{end_col}{last}"
    ws.freeze_panes = ws.cell(header_row + 1, 1).coordinate
    ws.auto_filter.ref = f"A{header_row}:{get_column_letter(len(cols))}{last}"
    if rows:
        status_list(ws, placed.cols["status"], placed.first_row, last)
        overdue_rule(ws, f"A{placed.first_row}:{end_col}{last}", placed.cols["status"], placed.cols["due"], placed.first_row)
    return placed


def status_list(ws: Worksheet, col: int, first: int, last: int) -> None:
    letter = get_column_letter(col)
    dv = DataValidation(type="list", formula1='"' + ",".join(STATUSES) + '"', allow_blank=True,
                        showErrorMessage=True, errorTitle="完成状态", error="请从下拉列表中选择：" + "、".join(STATUSES),
                        promptTitle="完成状态", prompt="、".join(STATUSES), showInputMessage=True)
    dv.add(f"{letter}{first}:{letter}{max(last, first)}")
    ws.add_data_validation(dv)


def overdue_rule(ws: Worksheet, ref: str, status_col: int, due_col: int, first: int) -> None:
    """Colour rows past their deadline and not 已完成 — evaluated by Excel/WPS against TODAY() when opened."""
    s, d = get_column_letter(status_col), get_column_letter(due_col)
    formula = f'AND(${s}{first}<>"已完成",ISNUMBER(${d}{first}),${d}{first}<TODAY())'
    ws.conditional_formatting.add(ref, FormulaRule(formula=[formula], fill=OVERDUE_FILL, stopIfTrue=False))  # type: ignore[no-untyped-call]


def label_cell(ws: Worksheet, row: int, col: int, text: str, end_col: Optional[int] = None) -> None:
    cell = cell_at(ws, row, col)
    set_style(cell, S.HEADER)
    set_value(cell, text)
    if end_col and end_col > col:
        merge(ws, row, col, row, end_col)
        for c in range(col + 1, end_col + 1):
            set_style(ws.cell(row, c), S.HEADER)


def input_cell(ws: Worksheet, row: int, col: int, value: Any, end_col: Optional[int] = None, date: bool = False) -> None:
    cell = cell_at(ws, row, col)
    set_style(cell, S.INPUT)
    set_value(cell, value)
    if date:
        cell.number_format = DATE_FORMAT
    cell.alignment = Alignment(horizontal="left", vertical="center", wrap_text=True)
    if end_col and end_col > col:
        merge(ws, row, col, row, end_col)
        for c in range(col + 1, end_col + 1):
            set_style(ws.cell(row, c), S.INPUT)


def titled_header(ws: Worksheet, title: str, headers: "Sequence[tuple[str, float]]", height: float = 36) -> None:
    """Row 1 the merged title, row 2 the header with its column widths (index, 汇总, orphans)."""
    set_style(ws.cell(1, 1), S.TITLE)
    set_value(cell_at(ws, 1, 1), title)
    merge(ws, 1, 1, 1, len(headers))
    ws.row_dimensions[1].height = height
    for c, (h, w) in enumerate(headers, start=1):
        set_style(ws.cell(2, c), S.HEADER)
        set_value(cell_at(ws, 2, c), h)
        ws.column_dimensions[get_column_letter(c)].width = w
    ws.print_title_rows = "2:2"
