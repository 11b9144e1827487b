"""Read a filled-in 工作台账 or 反馈表 back, as people really leave them.

Columns are found by their header text (docs/ledger.md), rows by the hidden task ids, so an
office may move, resize, restyle, sort or filter. What people also do, and how it is read:
- a 完成状态 merged across a task's rows applies to each of them;
- 进展情况 typed without a 完成状态 is kept, with a warning naming the cell;
- a row inserted by hand (no task id) belongs to the task row above it: its text is appended
  to that row's, with a warning naming the row;
- dates typed as text (2024-06-30, 2024年6月30日, 2024.6.30) or stored as numbers (WPS, LibreOffice).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Optional, TypedDict, Union, cast

from openpyxl import Workbook, load_workbook
from openpyxl.worksheet.worksheet import Worksheet
from openpyxl.utils.cell import coordinate_to_tuple
from openpyxl.utils.datetime import from_excel

from ...errors import Diagnostic, Location, UserError
from ...model.vocab import STATUSES
from ...workbook_formulas import UNCALCULATED, uncalculated_cells
from . import styles as S
from .entries import HEADERS, Entry
from .ledger import DUE, EVIDENCE, LABEL, PROGRESS, STATUS, SUBTASK_ID, TASK_ID, UPDATED, LedgerData

_OFFICE = {TASK_ID: "task_id", SUBTASK_ID: "subtask_id", LABEL: "label", STATUS: "status",
           PROGRESS: "progress", EVIDENCE: "evidence", UPDATED: "updated", DUE: "due"}
_REQUIRED = (TASK_ID, STATUS, PROGRESS)
_HEADER_SCAN_ROWS = 20
_DATE = re.compile(r"^\s*(\d{4})\s*[-./年]\s*(\d{1,2})\s*[-./月]\s*(\d{1,2})\s*日?\s*$")


class LedgerRow(TypedDict):
    """A ledger row as read_ledger returns it (the office's rows and the units' entries)."""

    task_id: str
    subtask_id: str  # "" for a task without sub-tasks
    label: str  # "7."
    unit: str  # "" on the office's own rows
    role: str
    status: str  # one of STATUSES or ""
    progress: str
    evidence: str
    updated: Optional[dt.date]
    reporter: str
    row: int  # sheet row number
    sheet: str


@dataclass
class SheetRow:
    """One row that carries a task id, with what was filled in (inserted rows folded in)."""

    task_id: str
    subtask_id: str
    values: dict[str, Any]  # key (entries.COLUMNS keys) → cell value as read
    entry: Entry
    row: int
    cells: dict[str, str] = field(default_factory=dict)  # key → "工作台账!H7"


def open_workbook(path: Path, what: str = "工作台账") -> Workbook:
    try:
        return load_workbook(path, data_only=True)
    except (OSError, ValueError, KeyError, IndexError, TypeError) as exc:
        raise UserError.single(f"无法读取{what}：{exc}", Location(str(path))) from None
    except Exception as exc:  # zipfile.BadZipFile and friends: not an .xlsx at all
        raise UserError.single(f"无法读取{what}（不是有效的 .xlsx 文件）：{type(exc).__name__}", Location(str(path))) from None


def read_sheet(ws: Worksheet, path: Path, problems: list[Diagnostic], warnings: list[Diagnostic],
               header_names: Optional[dict[str, str]] = None) -> list[SheetRow]:
    """Every row with a task id below the header row of `ws`."""
    names = header_names or {**HEADERS, **_OFFICE}
    header_row, cols = _find_header(ws, path, names)
    header_text = {c: h for h, k in names.items() if (c := cols.get(k))}
    _refuse_uncalculated(ws.title, path, header_row, header_text, problems)
    merged = _merged_values(ws)

    def value(r: int, c: int) -> Any:
        return merged.get((r, c), ws.cell(r, c).value)

    def where(r: int, key: str) -> tuple[Location, str]:
        c = cols[key]
        return Location(str(path), r, c), f"{ws.title}!{ws.cell(r, c).coordinate}"

    out: list[SheetRow] = []
    for r in range(header_row + 1, ws.max_row + 1):
        values = {k: value(r, c) for k, c in cols.items()}
        for k, c in cols.items():
            if ws.cell(r, c).data_type == "e":  # "#NAME?" is no one's progress: the formula's text is lost
                loc, p = where(r, k)
                problems.append(Diagnostic(
                    f"{header_text.get(c, k)}：单元格是公式，计算结果是错误值 {values[k]}（以“=”开头的文字会被 Excel、WPS 当作公式）。"
                    "请改成文字（开头加一个英文单引号 '，或去掉“=”）后再试。", loc, p))
                values[k] = None
        task_id = _text(values.get("task_id"))
        entry = Entry(progress=_text(values.get("progress")), status=_text(values.get("status")),
                      evidence=_text(values.get("evidence")), reporter=_text(values.get("reporter")),
                      source=_text(values.get("source")))
        if entry.status and entry.status not in STATUSES:
            loc, p = where(r, "status")
            problems.append(Diagnostic(f"完成状态“{entry.status}”不在下拉列表中，应为：{'、'.join(STATUSES)}。", loc, p))
            entry.status = ""
        if "updated" in cols:
            try:
                entry.updated = parse_date(values.get("updated"))
            except ValueError:
                loc, p = where(r, "updated")
                problems.append(Diagnostic(f"更新日期“{values.get('updated')}”无法识别，请写作 2024-06-30。", loc, p))
        if not task_id:
            if entry.filled:
                if out:  # a row inserted by hand: part of the task row above
                    _fold_into(out[-1].entry, entry)
                    loc, p = where(r, "progress")
                    warnings.append(Diagnostic(
                        f"第 {r} 行是手工插入的行（没有任务标识），其内容已并入上方第 {out[-1].row} 行的任务“{(_text(out[-1].values.get('label')) or out[-1].task_id).rstrip('.．、')}”。",
                        loc, p, "warning"))
                else:
                    loc, p = where(r, "progress")
                    problems.append(Diagnostic(f"第 {r} 行没有任务标识，上方也没有任务行，无法对应到任务。", loc, p))
            continue
        row = SheetRow(task_id, _text(values.get("subtask_id")), values, entry, r,
                       {k: f"{ws.title}!{ws.cell(r, c).coordinate}" for k, c in cols.items()})
        out.append(row)
    for row in out:
        if row.entry.progress and not row.entry.status:
            loc, p = where(row.row, "status")
            warnings.append(Diagnostic("填写了进展情况但没有选择完成状态：进展已保留，报告中按“推进中”计。", loc, p, "warning"))
    return out


def _refuse_uncalculated(sheet: str, path: Path, header_row: int, headers: dict[int, str], problems: list[Diagnostic]) -> None:
    """A formula below the header saved without its result would read as an empty cell: progress lost unseen."""
    for coordinate in sorted(uncalculated_cells(path, (sheet,)).get(sheet, ()), key=coordinate_to_tuple):
        r, c = coordinate_to_tuple(coordinate)
        if r > header_row and c in headers:
            problems.append(Diagnostic(f"{headers[c]}：{UNCALCULATED}", Location(str(path), r, c), f"{sheet}!{coordinate}"))


def _fold_into(target: Entry, extra: Entry) -> None:
    target.progress = "\n".join(x for x in (target.progress, extra.progress) if x)
    target.evidence = "\n".join(x for x in (target.evidence, extra.evidence) if x)
    target.status = target.status or extra.status
    if extra.updated and (target.updated is None or extra.updated > target.updated):
        target.updated = extra.updated


def _merged_values(ws: Worksheet) -> dict[tuple[int, int], Any]:
    """Cells under a vertical merge take its value (a 完成状态 merged over a task's rows).

    Horizontal merges (the 一、… part rows across the table) are titles, not values of each column.
    """
    out: dict[tuple[int, int], Any] = {}
    for rng in ws.merged_cells.ranges:
        if rng.min_col != rng.max_col:
            continue
        top = ws.cell(rng.min_row, rng.min_col).value
        for r in range(rng.min_row, rng.max_row + 1):
            for c in range(rng.min_col, rng.max_col + 1):
                out[(r, c)] = top
    return out


def _find_header(ws: Worksheet, path: Path, names: dict[str, str]) -> tuple[int, dict[str, int]]:
    for r in range(1, min(ws.max_row, _HEADER_SCAN_ROWS) + 1):
        found = {_text(ws.cell(r, c).value): c for c in range(1, ws.max_column + 1)}
        if TASK_ID in found:
            missing = [h for h in _REQUIRED if h not in found]
            if missing:
                raise UserError.single(f"{ws.title} 缺少列：{'、'.join(missing)}（请勿修改表头文字）。", Location(str(path), r))
            return r, {names[h]: c for h, c in found.items() if h in names}
    raise UserError.single(
        f"不是工作台账或反馈表：工作表“{ws.title}”中找不到“{TASK_ID}”列（它在表格最右侧，是隐藏列，请勿删除）。"
        "请用 zwgk build 生成的 ledger.xlsx 或 units/ 中的反馈表填写。",
        Location(str(path)))


# ------------------------------------------------------------------ the ledger


def read_ledger_data(path: Union[str, Path]) -> tuple[LedgerData, list[Diagnostic], list[Diagnostic]]:
    """(progress held, problems, warnings) of a ledger. Problems are cells that could not be read."""
    path = Path(path)
    wb = open_workbook(path)
    problems: list[Diagnostic] = []
    warnings: list[Diagnostic] = []
    ws = wb[S.LEDGER_SHEET] if S.LEDGER_SHEET in wb.sheetnames else wb.worksheets[0]
    data = LedgerData()
    for row in read_sheet(ws, path, problems, warnings, _OFFICE):
        key = (row.task_id, row.subtask_id)
        if key in data.office:
            _fold_into(data.office[key], row.entry)
        else:
            data.office[key] = row.entry
    if S.ENTRIES_SHEET in wb.sheetnames:
        for row in read_sheet(wb[S.ENTRIES_SHEET], path, problems, warnings):
            unit = _text(row.values.get("unit"))
            data.entries[(row.task_id, row.subtask_id, unit)] = row.entry
    if S.ORPHANS_SHEET in wb.sheetnames:
        data.orphans = _read_orphans(wb[S.ORPHANS_SHEET])
    return data, problems, warnings


def _read_orphans(ws: Worksheet) -> list[dict[str, Any]]:
    out = []
    for r in range(3, ws.max_row + 1):
        v = [ws.cell(r, c).value for c in range(1, 10)]
        if not _text(v[7]):
            continue
        try:
            updated = parse_date(v[6])
        except ValueError:
            updated = None
        out.append({"label": _text(v[0]), "text": _text(v[1]), "unit": _text(v[2]), "task_id": _text(v[7]),
                    "subtask_id": _text(v[8]),
                    "entry": Entry(progress=_text(v[3]), status=_text(v[4]), evidence=_text(v[5]), updated=updated)})
    return out


def read_ledger(path: Union[str, Path], warnings: Optional[list[Diagnostic]] = None) -> list[LedgerRow]:
    """Rows of the ledger that carry a task id: the office's rows, then the units' entries.

    Each a LedgerRow; text fields are "" when empty. Units' rows are those with anything filled in. Raises UserError (Chinese, file:row:column,
    sheet!cell) for an unknown status or unreadable date; other remarks go to `warnings`.
    """
    path = Path(path)
    wb = open_workbook(path)
    problems: list[Diagnostic] = []
    found: list[Diagnostic] = []
    ws = wb[S.LEDGER_SHEET] if S.LEDGER_SHEET in wb.sheetnames else wb.worksheets[0]
    rows = [_as_dict(r, ws.title, "") for r in read_sheet(ws, path, problems, found, _OFFICE)]
    if S.ENTRIES_SHEET in wb.sheetnames:
        rows += [_as_dict(r, S.ENTRIES_SHEET, _text(r.values.get("unit")))
                 for r in read_sheet(wb[S.ENTRIES_SHEET], path, problems, found) if r.entry.filled]
    if problems:
        raise UserError(problems)
    if warnings is not None:
        warnings.extend(found)
    return rows


def _as_dict(r: SheetRow, sheet: str, unit: str) -> LedgerRow:
    e = r.entry
    return {"task_id": r.task_id, "subtask_id": r.subtask_id, "label": _text(r.values.get("label")), "unit": unit,
            "role": _text(r.values.get("role")), "status": e.status, "progress": e.progress, "evidence": e.evidence,
            "updated": e.updated, "reporter": e.reporter, "row": r.row, "sheet": sheet}


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def parse_date(value: Any) -> Optional[dt.date]:
    """A date cell as Excel, WPS or LibreOffice may store it, or as typed text; ValueError if unreadable."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, (int, float)) and 20000 < value < 80000:  # a serial number left unformatted
        return cast(dt.datetime, from_excel(value)).date()
    m = _DATE.match(str(value))
    if not m:
        raise ValueError(value)
    try:
        return dt.date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError:
        raise ValueError(value) from None
