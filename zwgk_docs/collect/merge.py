"""`zwgk collect`: returned 反馈表 → the ledger's 各单位报送 sheet.

Each entry is attributed to the form's unit (from its hidden sheet) and date (the row's
更新日期, else the form's 填报日期). Two units on one task keep an entry each; a newer entry
from the same unit replaces the older one. Whatever cannot be taken — a form for another plan
or year, unknown ids, edited locked cells, a status outside the list, an unreadable date —
is reported with file, sheet and cell; what can be taken still is. The ledger is written
atomically and the previous one kept as a dated backup.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Optional

from openpyxl.worksheet.worksheet import Worksheet

from ..build import BACKUP_KIND, write_all
from ..context import RenderContext
from ..context.units import UnitRow, unit_rows
from ..errors import Diagnostic, Location, UserError
from ..model import Plan
from ..writers import Output
from ..writers.reproducible import plan_stamp
from ..writers.xlsx import styles as S
from ..writers.xlsx.forms import INFO_LABELS, LOCKED_KEYS, plan_key, read_meta
from ..writers.xlsx.ledger import LedgerData, write_ledger
from ..writers.xlsx.ledger_reader import open_workbook, parse_date, read_sheet
from .carry import backup, previous_ledger


@dataclass
class FormResult:
    file: str
    unit: str = ""
    accepted: bool = False
    entries: int = 0  # merged into the ledger
    kept_older: int = 0  # not taken: the ledger has a newer entry from this unit


@dataclass
class CollectResult:
    ledger: Path
    backup: Optional[Path]
    forms: list[FormResult] = field(default_factory=list)
    merged: list[dict[str, Any]] = field(default_factory=list)
    problems: list[Diagnostic] = field(default_factory=list)  # errors: something was not taken
    warnings: list[Diagnostic] = field(default_factory=list)  # taken, with a remark

    def as_json(self) -> dict[str, Any]:
        def diag(d: Diagnostic) -> dict[str, Any]:
            sheet, _, cell = d.path.partition("!")
            return {"severity": d.severity, "message": d.message, "file": d.location.file if d.location else "",
                    "row": d.location.line if d.location else None, "sheet": sheet if cell else "", "cell": cell}

        return {"ledger": str(self.ledger), "backup": str(self.backup) if self.backup else None,
                "forms": [f.__dict__ for f in self.forms], "merged": self.merged,
                "problems": [diag(d) for d in self.problems], "warnings": [diag(d) for d in self.warnings]}


def collect(plan: Plan, ctx: RenderContext, forms: "list[Path]", ledger: Path,
            today: Optional[dt.date] = None) -> CollectResult:
    today = today or dt.date.today()  # only in the 来源 note ("…（2024-07-02 汇入）")
    data, remarks = previous_ledger(ledger, ctx)
    data = data or LedgerData()
    result = CollectResult(ledger, None, warnings=list(remarks))
    expected = {(r.task_id, r.subtask_id, r.unit): r for r in unit_rows(ctx.tasks, ctx.table)}
    for path in forms:
        result.forms.append(_collect_form(Path(path), ctx, data, expected, result, today))

    def produce(staging: Path) -> list[Output]:
        out = [Output("ledger.xlsx", staging / ledger.name)]
        write_ledger(ctx, out[0].path, data)
        if ledger.exists():
            out.append(Output(BACKUP_KIND, backup(ledger, staging)))
        return out

    outputs = write_all(ledger.parent, produce, plan_stamp(plan))
    result.backup = next((o.path for o in outputs if o.kind == BACKUP_KIND), None)
    return result


def _collect_form(path: Path, ctx: RenderContext, data: LedgerData, expected: dict[tuple[str, str, str], UnitRow], result: CollectResult,
                  today: dt.date) -> FormResult:
    fr = FormResult(str(path))
    name = str(path)

    def problem(message: str, row: Optional[int] = None, col: Optional[int] = None, where: str = "") -> None:
        result.problems.append(Diagnostic(message, Location(name, row, col), where))

    try:
        wb = open_workbook(path, "反馈表")
    except UserError as exc:
        result.problems.extend(exc.diagnostics)
        return fr
    meta = read_meta(wb)
    if meta is None:
        problem("不是 zwgk build --by-unit 生成的反馈表（缺少隐藏的标识工作表），未汇入。请用 units/ 中的反馈表填写。")
        return fr
    fr.unit = unit = meta.get("unit", "")
    if meta.get("plan_key") != plan_key(ctx):
        problem(f"这是“{meta.get('plan', '')}”（{meta.get('year', '')} 年）的反馈表，不是本计划"
                f"“{ctx.plan_title}”（{ctx.year} 年）的，未汇入。")
        return fr
    if S.FORM_SHEET not in wb.sheetnames:
        problem(f"找不到工作表“{S.FORM_SHEET}”（被改名或删除了），未汇入。")
        return fr
    ws = wb[S.FORM_SHEET]
    info = _info_cells(ws)
    written_unit = str(info.get("unit") or "").strip()
    if written_unit and ctx.directory.resolve(written_unit) != unit:
        result.warnings.append(Diagnostic(
            f"报送单位写的是“{written_unit}”，但这是发给“{unit}”的反馈表：按“{unit}”汇入。",
            Location(name, 2), f"{ws.title}!B2", "warning"))
    reporter = str(info.get("reporter") or "").strip()
    try:
        form_date = parse_date(info.get("date"))
    except ValueError:
        form_date = None
        problem(f"填报日期“{info.get('date')}”无法识别，请写作 2024-06-30。", 2, None, f"{ws.title}!{info.get('date_cell', '')}")
    problems: list[Diagnostic] = []
    warnings: list[Diagnostic] = []
    try:
        rows = read_sheet(ws, path, problems, warnings)
    except UserError as exc:
        result.problems.extend(exc.diagnostics)
        return fr
    result.problems.extend(problems)
    result.warnings.extend(warnings)
    fr.accepted = True
    for row in rows:
        key = (row.task_id, row.subtask_id, unit)
        if key not in expected:
            ident = row.task_id + (f"/{row.subtask_id}" if row.subtask_id else "")
            problem(f"任务标识“{ident}”不是本计划中{unit}承担的任务（任务已删除，或标识被改动），这一行未汇入。",
                    row.row, None, row.cells.get("task_id", ""))
            continue
        sent = meta["rows"].get((row.task_id, row.subtask_id), {})
        for k in LOCKED_KEYS:
            was, now = sent.get(k, ""), _plain(row.values.get(k))
            if k in row.values and k in sent and now != was:
                problem(f"受保护的单元格被修改（原为“{_short(was)}”，现为“{_short(now)}”）：修改未采用，以计划为准。",
                        row.row, None, row.cells.get(k, ""))
        e = row.entry
        if not e.filled:
            continue
        e.updated = e.updated or form_date
        if e.updated is None:  # kept undated: a guessed date could be outside the plan's year
            result.warnings.append(Diagnostic("没有填写更新日期，表头也没有填报日期：进展照常汇入，请补填日期。",
                                              Location(name, row.row), row.cells.get("updated", ""), "warning"))
        e.reporter = reporter
        e.source = f"{path.name}（{today.isoformat()} 汇入）"
        old = data.entries.get(key)
        if old is not None and old.filled and old.updated and e.updated and e.updated < old.updated:
            fr.kept_older += 1
            result.warnings.append(Diagnostic(
                f"{unit}对任务“{expected[key].label.rstrip('.．、')}”的这条进展（{e.updated.isoformat()}）比台账中已有的（{old.updated.isoformat()}）旧，未采用。",
                Location(name, row.row), row.cells.get("progress", ""), "warning"))
            continue
        data.entries[key] = e
        fr.entries += 1
        result.merged.append({"file": name, "unit": unit, "task_id": row.task_id, "subtask_id": row.subtask_id,
                              "label": expected[key].label, "status": e.status, "updated": e.updated.isoformat() if e.updated else None,
                              "replaced": old is not None and old.filled})
    return fr


def _info_cells(ws: Worksheet) -> dict[str, Any]:
    """报送单位 / 填报人 / 填报日期: the value right of each label in the rows above the header."""
    out: dict[str, Any] = {}
    for r in range(1, min(ws.max_row, 4) + 1):
        for c in range(1, ws.max_column + 1):
            label = str(ws.cell(r, c).value or "").strip().rstrip("：:")
            if label in INFO_LABELS:
                own = next((m for m in ws.merged_cells.ranges if m.min_row <= r <= m.max_row and m.min_col <= c <= m.max_col), None)
                cc = own.max_col + 1 if own else c + 1  # the cell right of the label's own merge
                out[INFO_LABELS[label]] = ws.cell(r, cc).value
                out[INFO_LABELS[label] + "_cell"] = ws.cell(r, cc).coordinate
    return out


def _plain(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _short(text: str, n: int = 30) -> str:
    return text if len(text) <= n else text[:n] + "……"
