"""The progress ledger (工作台账): what the office fills in all year and what the units report.

Sheets:
- 工作台账 — the task table plus 进展情况 / 完成状态 / 佐证材料 / 更新日期 (the office's own record);
- 各单位报送 — one row per task row and unit, filled by `zwgk collect` from the returned 反馈表;
- 汇总 — per unit: tasks, done, in progress, overdue, 完成率, as formulas over 各单位报送;
- 已删除任务的进展 — progress kept from an earlier ledger for tasks the plan no longer has.

Hidden columns carry each row's task id, sub-task id, number and due date, so readers map rows
back to tasks after renumbering, sorting or filtering, and Excel colours overdue rows itself.
A rebuild never loses progress: `LedgerData` read from the previous ledger is written back.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Optional, Union

from openpyxl import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from openpyxl.utils import get_column_letter

from ...context import RenderContext
from ...context.units import unit_rows
from . import styles as S
from .cells import cell_at, set_style, set_value, styled_cell
from ...model.vocab import STATUSES
from .entries import (DATE_FORMAT, LEDGER_KEYS, Entry, EntryRow, overdue_rule, status_list,
                      Placed, titled_header, write_entries)
from .save import save
from .sheet import ExtraColumn, open_template, write_table

__all__ = ["STATUSES", "LedgerData", "write_ledger", "ledger_columns"]

LEDGER_KIND = "zwgk台账"

# Header texts: the reader finds columns by them, so they are the file's contract (docs/ledger.md).
PROGRESS, STATUS, EVIDENCE, UPDATED = "进展情况", "完成状态", "佐证材料", "更新日期"
TASK_ID, SUBTASK_ID, LABEL, DUE = "任务标识", "子任务标识", "编号", "截止日期"


@dataclass
class LedgerData:
    """Progress a ledger holds: the office's rows, the units' entries, orphans from earlier plans."""

    office: dict[tuple[str, str], Entry] = field(default_factory=dict)  # (task id, sub-task id) → entry
    entries: dict[tuple[str, str, str], Entry] = field(default_factory=dict)  # (task id, sub-task id, unit) → entry
    orphans: list[dict[str, Any]] = field(default_factory=list)  # {"task_id", "subtask_id", "unit", "label", "text", Entry fields}

    @property
    def has_progress(self) -> bool:
        return any(e.filled for e in [*self.office.values(), *self.entries.values()]) or bool(self.orphans)


def _data(fn: Callable[[Any], Any]) -> Callable[[int, Any], Any]:
    return lambda i, row: None if row.kind == "part" else fn(row)


def ledger_columns(data: Optional[LedgerData] = None, dues: Optional[dict[tuple[str, str], Any]] = None) -> list[ExtraColumn]:
    office = data.office if data else {}
    dues = dues or {}

    def entry(row: Any) -> Entry:
        return office.get((row.task_id, row.subtask_id or ""), Entry())

    return [
        ExtraColumn(PROGRESS, 36, S.INPUT, _data(lambda r: entry(r).progress or None)),
        ExtraColumn(STATUS, 10, S.INPUT, _data(lambda r: entry(r).status or None)),
        ExtraColumn(EVIDENCE, 20, S.INPUT, _data(lambda r: entry(r).evidence or None)),
        ExtraColumn(UPDATED, 12, S.INPUT, _data(lambda r: entry(r).updated), number_format=DATE_FORMAT),
        ExtraColumn(TASK_ID, 16, S.HIDDEN_ID, _data(lambda r: r.task_id), hidden=True),
        ExtraColumn(SUBTASK_ID, 16, S.HIDDEN_ID, _data(lambda r: r.subtask_id or None), hidden=True),
        ExtraColumn(LABEL, 8, S.HIDDEN_ID, _data(lambda r: r.task_label or None), hidden=True),
        ExtraColumn(DUE, 12, S.HIDDEN_ID, _data(lambda r: dues.get((r.task_id, r.subtask_id or ""))),
                    hidden=True, number_format=DATE_FORMAT),
    ]


def row_dues(ctx: RenderContext) -> dict[tuple[str, str], Any]:
    out: dict[tuple[str, str], Any] = {}
    for t in ctx.tasks:
        out[(t.id, "")] = t.final_due
        for s in t.subtasks:
            out[(t.id, s.id)] = s.due or t.due
    return out


def write_ledger(ctx: RenderContext, path: Union[str, Path], data: Optional[LedgerData] = None) -> None:
    data = data or LedgerData()
    wb = open_template("ledger.xlsx", ctx.font_profile)
    ws = wb[S.LEDGER_SHEET] if S.LEDGER_SHEET in wb.sheetnames else wb.worksheets[0]
    columns = ledger_columns(data, row_dues(ctx))
    placed = write_table(wb, ws, ctx.table, f"{ctx.table.title}（工作台账）", "", columns)
    first_extra = placed.first_extra_col
    status_list(ws, first_extra + 1, placed.first_row, placed.last_row)
    last_col = get_column_letter(first_extra + len(columns) - 1)
    ws.auto_filter.ref = f"A{placed.header_row}:{last_col}{max(placed.last_row, placed.header_row)}"
    visible_end = get_column_letter(first_extra + 3)
    if placed.last_row >= placed.first_row:
        overdue_rule(ws, f"A{placed.first_row}:{visible_end}{placed.last_row}", first_extra + 1,
                     first_extra + len(columns) - 1, placed.first_row)

    entries_ws = wb.create_sheet(S.ENTRIES_SHEET, 1)
    _copy_print_setup(ws, entries_ws)
    rows = [EntryRow(r, data.entries.get((r.task_id, r.subtask_id, r.unit), Entry()))
            for r in unit_rows(ctx.tasks, ctx.table)]
    entries = write_entries(wb, entries_ws, f"{ctx.table.title}（各单位报送）", rows, LEDGER_KEYS, 2)
    _summary(wb, ctx, entries, len(rows))
    if data.orphans:
        _orphans(wb, ws, data.orphans)
    _meta(wb, ctx)
    wb.active = wb.worksheets.index(ws)
    save(wb, path)


def _copy_print_setup(src: Worksheet, dst: Worksheet) -> None:
    dst.page_setup.orientation = src.page_setup.orientation
    dst.page_setup.paperSize = src.page_setup.paperSize
    dst.page_setup.fitToWidth, dst.page_setup.fitToHeight = src.page_setup.fitToWidth, src.page_setup.fitToHeight
    dst.sheet_properties.pageSetUpPr = src.sheet_properties.pageSetUpPr
    dst.page_margins = src.page_margins
    dst.print_options.horizontalCentered = src.print_options.horizontalCentered
    if src.oddFooter is not None and dst.oddFooter is not None:
        dst.oddFooter.center.text = src.oddFooter.center.text
    dst.sheet_view.showGridLines = False


def _summary(wb: Workbook, ctx: RenderContext, entries: Placed, nrows: int) -> None:
    """Per unit, formulas over 各单位报送: right after any edit, in Excel, WPS and LibreOffice."""
    ws = wb.create_sheet(S.SUMMARY_SHEET, 2)
    _copy_print_setup(wb[S.LEDGER_SHEET] if S.LEDGER_SHEET in wb.sheetnames else wb.worksheets[0], ws)
    ws.page_setup.orientation = "portrait"
    sheet = f"'{S.ENTRIES_SHEET}'"
    first, last = entries.first_row, max(entries.last_row, entries.first_row)

    def rng(key: str) -> str:
        col = get_column_letter(entries.cols[key])
        return f"{sheet}!${col}${first}:${col}${last}"

    headers = [("单位", 30), ("任务行数", 10), ("已完成", 9), ("推进中", 9), ("持续推进", 10), ("未启动", 9),
               ("未填报", 9), ("逾期未完成", 12), ("完成率", 9)]
    titled_header(ws, f"{ctx.table.title}（汇总）", headers, 40)
    ws.row_dimensions[2].height = 30
    unit, status, due = rng("unit"), rng("status"), rng("due")
    units = [u.name for u in ctx.units if any(u.name in t.units for t in ctx.tasks)]
    for r, name in enumerate(units, start=3):
        a = f"$A{r}"
        formulas = [
            f"=COUNTIF({unit},{a})",
            f'=COUNTIFS({unit},{a},{status},"已完成")',
            f'=COUNTIFS({unit},{a},{status},"推进中")',
            f'=COUNTIFS({unit},{a},{status},"持续推进")',
            f'=COUNTIFS({unit},{a},{status},"未启动")',
            f'=COUNTIFS({unit},{a},{status},"")',
            f'=COUNTIFS({unit},{a},{status},"<>已完成",{due},"<"&TODAY())',
            f'=IF(B{r}=0,"",C{r}/B{r})',
        ]
        set_style(ws.cell(r, 1), S.BODY)
        set_value(cell_at(ws, r, 1), name)  # a unit name is user text: a string cell
        for c, f in enumerate(formulas, start=2):
            cell = styled_cell(ws, r, c, S.SHORT)
            cell.value = f  # our own formula, not user text
            if c == len(headers):
                cell.number_format = "0.0%"
        ws.row_dimensions[r].height = 22
    end = len(units) + 2
    ws.print_area = f"A1:{get_column_letter(len(headers))}{end}"
    ws.auto_filter.ref = f"A2:{get_column_letter(len(headers))}{end}"
    ws.freeze_panes = "B3"


def _orphans(wb: Workbook, ledger_ws: Worksheet, orphans: list[dict[str, Any]]) -> None:
    """Progress for tasks the plan no longer has: listed, never dropped."""
    ws = wb.create_sheet(S.ORPHANS_SHEET)
    _copy_print_setup(ledger_ws, ws)
    headers = [("原编号", 8), ("原任务", 40), ("单位", 14), ("进展情况", 40), ("完成状态", 10), ("佐证材料", 20),
               ("更新日期", 12), ("任务标识", 14), ("子任务标识", 14)]
    titled_header(ws, "已从计划中删除的任务的进展（仅供查阅，重新生成时保留）", headers)
    for r, o in enumerate(orphans, start=3):
        e: Entry = o["entry"]
        values = [o.get("label", ""), o.get("text", ""), o.get("unit", ""), e.progress, e.status, e.evidence, e.updated,
                  o["task_id"], o.get("subtask_id", "")]
        for c, v in enumerate(values, start=1):
            cell = cell_at(ws, r, c)
            set_style(cell, S.BODY if c in (2, 4) else S.SHORT)
            set_value(cell, v if v not in ("", None) else None)
            if c == 7:
                cell.number_format = DATE_FORMAT


def _meta(wb: Workbook, ctx: RenderContext) -> None:
    from .forms import plan_key

    ws = wb.create_sheet(S.META_SHEET)
    ws.sheet_state = "veryHidden"
    for r, (k, v) in enumerate([("kind", LEDGER_KIND), ("plan", ctx.plan_title), ("year", str(ctx.year)),
                                ("plan_key", plan_key(ctx))], start=1):
        set_value(cell_at(ws, r, 1), k)
        set_value(cell_at(ws, r, 2), v)

