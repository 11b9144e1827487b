"""The progress ledger (工作台账): the task table plus columns the office fills in all year.

The hidden columns at the right carry each row's task id, sub-task id and number, so
ledger_reader maps rows back to tasks even after the plan is renumbered.
"""

from __future__ import annotations

from openpyxl.worksheet.datavalidation import DataValidation

from ...context import RenderContext
from ...model.vocab import STATUSES
from . import styles as S
from .sheet import ExtraColumn, Placed, open_template, write_table


# Header texts: the reader finds columns by them, so they are the file's contract (docs/ledger.md).
PROGRESS, STATUS, EVIDENCE, UPDATED = "进展情况", "完成状态", "佐证材料", "更新日期"
TASK_ID, SUBTASK_ID, LABEL = "任务标识", "子任务标识", "编号"


def _data(fn):
    return lambda i, row: None if row.kind == "part" else fn(row)


def ledger_columns() -> list[ExtraColumn]:
    return [
        ExtraColumn(PROGRESS, 36, S.INPUT, lambda i, row: None),
        ExtraColumn(STATUS, 10, S.INPUT, lambda i, row: None),
        ExtraColumn(EVIDENCE, 20, S.INPUT, lambda i, row: None),
        ExtraColumn(UPDATED, 12, S.INPUT, lambda i, row: None, number_format="yyyy-mm-dd"),
        ExtraColumn(TASK_ID, 16, S.HIDDEN_ID, _data(lambda r: r.task_id), hidden=True),
        ExtraColumn(SUBTASK_ID, 16, S.HIDDEN_ID, _data(lambda r: r.subtask_id or None), hidden=True),
        ExtraColumn(LABEL, 8, S.HIDDEN_ID, _data(lambda r: r.task_label or None), hidden=True),
    ]


def write_ledger(ctx: RenderContext, path) -> None:
    wb = open_template("ledger.xlsx", ctx.font_profile)
    ws = wb[S.LEDGER_SHEET] if S.LEDGER_SHEET in wb.sheetnames else wb.worksheets[0]
    columns = ledger_columns()
    placed = write_table(wb, ws, ctx.table, f"{ctx.table.title}（工作台账）", "", columns)
    _status_validation(ws, placed)
    wb.active = wb.worksheets.index(ws)
    wb.save(path)


def _status_validation(ws, placed: Placed) -> None:
    from openpyxl.utils import get_column_letter

    col = get_column_letter(placed.first_extra_col + 1)  # 完成状态
    dv = DataValidation(type="list", formula1='"' + ",".join(STATUSES) + '"', allow_blank=True,
                        showErrorMessage=True, errorTitle="完成状态", error="请从下拉列表中选择：" + "、".join(STATUSES),
                        promptTitle="完成状态", prompt="、".join(STATUSES), showInputMessage=True)
    dv.add(f"{col}{placed.first_row}:{col}{max(placed.last_row, placed.first_row)}")
    ws.add_data_validation(dv)
