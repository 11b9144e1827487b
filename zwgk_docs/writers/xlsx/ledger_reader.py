"""Read a filled-in 工作台账 back: one dict per task row, keyed by the hidden task ids.

Used by the annual report. Columns are found by their header text (docs/ledger.md),
so an office may move, resize or restyle columns; ids survive renumbering.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any, Optional, Union

from openpyxl import load_workbook

from ...errors import Diagnostic, Location, UserError
from ...model.vocab import STATUSES
from .ledger import EVIDENCE, LABEL, PROGRESS, STATUS, SUBTASK_ID, TASK_ID, UPDATED
from .styles import LEDGER_SHEET

_FIELDS = {TASK_ID: "task_id", SUBTASK_ID: "subtask_id", LABEL: "label", STATUS: "status",
           PROGRESS: "progress", EVIDENCE: "evidence", UPDATED: "updated"}
_REQUIRED = (TASK_ID, STATUS, PROGRESS)
_HEADER_SCAN_ROWS = 20
_DATE = re.compile(r"^\s*(\d{4})\s*[-./年]\s*(\d{1,2})\s*[-./月]\s*(\d{1,2})\s*日?\s*$")


def read_ledger(path: Union[str, Path]) -> list[dict[str, Any]]:
    """Rows of the ledger that carry a task id, in sheet order.

    Each dict: task_id, subtask_id ("" for a task without sub-tasks), label ("7."),
    status (one of STATUSES or "" when not filled in), progress, evidence (text, "" when
    empty), updated (datetime.date or None), row (sheet row number, for messages).
    Raises UserError (Chinese, file:row:column) for an unknown status or unreadable date.
    """
    path = Path(path)
    try:
        wb = load_workbook(path, data_only=True)
    except (OSError, ValueError, KeyError) as exc:
        raise UserError.single(f"无法读取工作台账：{exc}", Location(str(path))) from None
    ws = wb[LEDGER_SHEET] if LEDGER_SHEET in wb.sheetnames else wb.worksheets[0]
    header_row, columns = _find_header(ws, path)
    rows, problems = [], []
    for r in range(header_row + 1, ws.max_row + 1):
        values = {key: ws.cell(r, c).value for key, c in columns.items()}
        task_id = _text(values.get("task_id"))
        if not task_id:
            continue  # part rows, rows the office added
        entry = {
            "task_id": task_id,
            "subtask_id": _text(values.get("subtask_id")),
            "label": _text(values.get("label")),
            "status": _text(values.get("status")),
            "progress": _text(values.get("progress")),
            "evidence": _text(values.get("evidence")),
            "updated": None,
            "row": r,
        }
        if entry["status"] and entry["status"] not in STATUSES:
            problems.append(Diagnostic(
                f"完成状态“{entry['status']}”无法识别，应为：{'、'.join(STATUSES)}",
                Location(str(path), r, columns["status"]), f"{ws.title}!{ws.cell(r, columns['status']).coordinate}"))
        if "updated" in columns:
            try:
                entry["updated"] = _date(values.get("updated"))
            except ValueError:
                problems.append(Diagnostic(
                    f"更新日期“{values.get('updated')}”无法识别，请写作 2021-09-30",
                    Location(str(path), r, columns["updated"]), f"{ws.title}!{ws.cell(r, columns['updated']).coordinate}"))
        rows.append(entry)
    if problems:
        raise UserError(problems)
    return rows


def _find_header(ws, path: Path) -> tuple[int, dict[str, int]]:
    for r in range(1, min(ws.max_row, _HEADER_SCAN_ROWS) + 1):
        names = {_text(ws.cell(r, c).value): c for c in range(1, ws.max_column + 1)}
        if TASK_ID in names:
            missing = [h for h in _REQUIRED if h not in names]
            if missing:
                raise UserError.single(f"工作台账缺少列：{'、'.join(missing)}", Location(str(path), r))
            return r, {_FIELDS[h]: c for h, c in names.items() if h in _FIELDS}
    raise UserError.single(
        f"不是工作台账：找不到“{TASK_ID}”列（它在表格最右侧，是隐藏列，请勿删除）。请用 zwgk build 生成的 ledger.xlsx 填写。",
        Location(str(path)))


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    return str(value).strip()


def _date(value: Any) -> Optional[dt.date]:
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    m = _DATE.match(str(value))
    if not m:
        raise ValueError(value)
    return dt.date(int(m[1]), int(m[2]), int(m[3]))
