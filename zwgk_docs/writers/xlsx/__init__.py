"""The 任务分解表 (.xlsx), the progress ledger and the per-unit task lists.

Layout comes entirely from ctx.table; styles, title rows and print set-up from
templates/xlsx (see scripts/make_xlsx_templates.py).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from .. import Output
from . import styles as S

if TYPE_CHECKING:
    from ...context import RenderContext

# openpyxl and the sheet code are imported by the writers, not with the package: `zwgk validate`
# reads measure.py and styles.py from here without loading openpyxl.

__all__ = ["write_tasks", "write_ledger_file", "write_by_unit"]


def write_tasks(ctx: RenderContext, out_dir: Path) -> list[Output]:
    from .save import save
    from .sheet import open_template, write_table

    tasks = Path(out_dir) / "tasks.xlsx"
    wb = open_template("tasks.xlsx", ctx.font_profile)
    ws = wb[S.TASKS_SHEET] if S.TASKS_SHEET in wb.sheetnames else wb.worksheets[0]
    write_table(wb, ws, ctx.table, ctx.table.title, ctx.table_mark)
    save(wb, tasks)
    return [Output("tasks.xlsx", tasks)]


def write_ledger_file(ctx: RenderContext, out_dir: Path) -> list[Output]:
    from .ledger import write_ledger

    ledger = Path(out_dir) / "ledger.xlsx"
    write_ledger(ctx, ledger, ctx.previous_ledger)
    return [Output("ledger.xlsx", ledger)]


def write_by_unit(ctx: RenderContext, out_dir: Path) -> list[Output]:
    """units/<单位>.xlsx: one 反馈表 per unit, and units/目录.xlsx (see forms.py)."""
    from .forms import write_forms

    return write_forms(ctx, out_dir)
