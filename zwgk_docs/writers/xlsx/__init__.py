"""The 任务分解表 (.xlsx), the progress ledger and the per-unit task lists.

Layout comes entirely from ctx.table; styles, title rows and print set-up from
templates/xlsx (see scripts/make_xlsx_templates.py).
"""

from __future__ import annotations

import re
from pathlib import Path

from ...context import RenderContext
from .. import Output
from . import styles as S
from .ledger import write_ledger
from .sheet import ExtraColumn, open_template, write_table

__all__ = ["write_tasks", "write_ledger_file", "write_by_unit"]


def write_tasks(ctx: RenderContext, out_dir: Path) -> list[Output]:
    tasks = Path(out_dir) / "tasks.xlsx"
    wb = open_template("tasks.xlsx", ctx.font_profile)
    ws = wb[S.TASKS_SHEET] if S.TASKS_SHEET in wb.sheetnames else wb.worksheets[0]
    write_table(wb, ws, ctx.table, ctx.table.title, ctx.table_mark)
    wb.save(tasks)
    return [Output("tasks.xlsx", tasks)]


def write_ledger_file(ctx: RenderContext, out_dir: Path) -> list[Output]:
    ledger = Path(out_dir) / "ledger.xlsx"
    write_ledger(ctx, ledger)
    return [Output("ledger.xlsx", ledger)]


def write_by_unit(ctx: RenderContext, out_dir: Path) -> list[Output]:
    """units/<单位>.xlsx: the rows each unit leads (牵头) or shares (责任/配合), with its role."""
    folder = Path(out_dir) / "units"
    folder.mkdir(parents=True, exist_ok=True)
    outputs, used = [], set()
    for unit_list in ctx.unit_lists:
        wb = open_template("tasks.xlsx", ctx.font_profile)
        ws = wb[S.TASKS_SHEET] if S.TASKS_SHEET in wb.sheetnames else wb.worksheets[0]
        ws.title = S.UNITS_SHEET
        roles = unit_list.roles
        role = ExtraColumn("分工", 8, S.SHORT, lambda i, row, roles=roles: roles[i] or None)
        write_table(wb, ws, unit_list.table, unit_list.title, "", [role])
        path = folder / f"{_file_name(unit_list.unit, used)}.xlsx"
        wb.save(path)
        outputs.append(Output("units.xlsx", path))
    return outputs


def _file_name(unit: str, used: set[str]) -> str:
    """A unit name as a file name that is safe on Windows too, unique within the folder."""
    base = re.sub(r'[\\/:*?"<>|\s]+', "_", unit).strip("._")[:60] or "单位"
    name, n = base, 2
    while name.lower() in used:
        name, n = f"{base}_{n}", n + 1
    used.add(name.lower())
    return name
