"""Nothing typed into a ledger is lost: a rebuilt or collected ledger carries it over.

Rows are matched by task id and sub-task id (numbers and texts may change between builds);
progress for rows the plan no longer has moves to the 已删除任务的进展 sheet, listed in a
warning. A ledger that holds progress but cannot be read is never replaced.
"""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path
from typing import Optional

from ..context import RenderContext
from ..context.units import unit_rows
from ..errors import Diagnostic, Location, UserError
from ..writers.xlsx.entries import Entry
from ..writers.xlsx.ledger import LedgerData


def plan_keys(ctx: RenderContext) -> tuple[set[tuple[str, str]], set[tuple[str, str, str]]]:
    rows = {(r.task_id, r.subtask_id or "") for r in ctx.table.rows if r.kind == "data"}
    entries = {(r.task_id, r.subtask_id, r.unit) for r in unit_rows(ctx.tasks, ctx.table)}
    return rows, entries


def fit_to_plan(data: LedgerData, ctx: RenderContext, name: str) -> tuple[LedgerData, list[Diagnostic]]:
    """Keep what matches the plan; what does not becomes orphans (listed, not dropped)."""
    rows, entries = plan_keys(ctx)
    out = LedgerData(orphans=list(data.orphans))
    warnings: list[Diagnostic] = []
    for row_key, e in data.office.items():
        if row_key in rows:
            out.office[row_key] = e
        elif e.filled:
            out.orphans.append({"task_id": row_key[0], "subtask_id": row_key[1], "unit": "", "entry": e})
    for key, e in data.entries.items():
        if key in entries:
            out.entries[key] = e
        elif e.filled:
            why = "计划中已没有这项任务" if key[:2] not in rows else f"计划中这项任务已不再由{key[2]}承担"
            out.orphans.append({"task_id": key[0], "subtask_id": key[1], "unit": key[2], "entry": e, "why": why})
    new = out.orphans[len(data.orphans):]
    for o in new:
        ident = o["task_id"] + (f"/{o['subtask_id']}" if o["subtask_id"] else "")
        who = f"{o['unit']}的" if o["unit"] else ""
        warnings.append(Diagnostic(
            f"任务 {ident} {who}进展已移到“已删除任务的进展”表（{o.get('why', '计划中已没有这项任务')}）。",
            Location(name), "", "warning"))
    return out, warnings


def previous_ledger(path: Path, ctx: RenderContext) -> tuple[Optional[LedgerData], list[Diagnostic]]:
    """What an existing ledger holds, fitted to the plan; None when there is no ledger.

    Refuses (UserError) when the file exists but cannot be read completely.
    """
    from ..writers.xlsx.ledger_reader import read_ledger_data

    if not path.exists():
        return None, []
    try:
        data, problems, warnings = read_ledger_data(path)
    except UserError as exc:
        raise UserError([Diagnostic(
            f"{path} 已存在，但无法作为工作台账读取，为免丢失其中填写的进展，没有生成任何文件。"
            "请修复它，或把它移到别处后重新生成。", Location(str(path)))] + exc.diagnostics) from None
    if problems:
        raise UserError([Diagnostic(
            f"{path} 中有无法识别的单元格，为免丢失其中的内容，没有生成任何文件。请先改正：", Location(str(path)))] + problems)
    fitted, moved = fit_to_plan(data, ctx, str(path))
    return fitted, warnings + moved


def backup(path: Path, staging: Path, today: Optional[dt.datetime] = None) -> Path:
    """A dated copy of `path` inside staging, published next to it: ledger.备份-20240630-153000.xlsx."""
    stamp = (today or dt.datetime.now()).strftime("%Y%m%d-%H%M%S")
    target = staging / f"{path.stem}.备份-{stamp}{path.suffix}"
    n = 2
    while (path.parent / target.name).exists() or target.exists():
        target = staging / f"{path.stem}.备份-{stamp}-{n}{path.suffix}"
        n += 1
    shutil.copy2(path, target)
    return target


__all__ = ["Entry", "LedgerData", "backup", "fit_to_plan", "plan_keys", "previous_ledger"]
