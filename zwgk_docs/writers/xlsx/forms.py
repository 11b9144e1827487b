"""The per-unit 反馈表 (`zwgk build --by-unit`): units/<单位>.xlsx and the index units/目录.xlsx.

Each form lists the unit's task rows (plan number, full text, its role, the deadline) with the
fill-in columns of the ledger. Everything but the fill-in cells is locked (sheet protection
without a password: it prevents slips, not people). A very hidden sheet records the plan,
year, unit and what each locked cell said, so `zwgk collect` recognises the form and names
any cell that was changed anyway.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path
from typing import Any

from openpyxl import Workbook

from ...context import RenderContext
from ...context.units import UnitInfo, UnitRow, unit_rows
from .. import Output
from ..filenames import FileNamer
from . import styles as S
from .cells import cell_at, set_value, styled_cell
from .entries import FORM_KEYS, EntryRow, input_cell, label_cell, titled_header, write_entries
from .save import save
from .sheet import clear_sheet as _clear, open_template

FORM_KIND = "zwgk反馈表"
FORM_VERSION = "1"
INDEX_NAME = "目录.xlsx"
HEADER_ROW = 3  # title, 报送单位/填报人/填报日期, header
LOCKED_KEYS = ("label", "text", "role", "deadline")  # compared on collect
# Row 2 of a form: label → the key collect reads it as.
INFO_LABELS = {"报送单位": "unit", "填报人": "reporter", "填报日期": "date"}


def plan_key(ctx: RenderContext) -> str:
    """Which plan a form belongs to: its year and a digest of its title (kept when tasks change)."""
    return f"{ctx.year}-{hashlib.sha1(ctx.plan_title.encode('utf-8')).hexdigest()[:10]}"


def form_title(ctx: RenderContext) -> str:
    """"沈阳市2021年政务公开工作要点落实情况反馈表" (a title ending in 任务分解表 loses it)."""
    base = re.sub(r"(?:任务分解表|分解表|分工方案|任务分工)$", "", ctx.plan_title) or ctx.plan_title
    return f"{base}落实情况反馈表"


def write_forms(ctx: RenderContext, out_dir: Path) -> list[Output]:
    folder = Path(out_dir) / "units"
    folder.mkdir(parents=True, exist_ok=True)
    namer = FileNamer()
    namer.used.add(namer._key(Path(INDEX_NAME).stem))  # noqa: SLF001 - a unit called 目录 must not replace the index
    rows = unit_rows(ctx.tasks, ctx.table)
    outputs, index = [], []
    for info in ctx.units:
        mine = [r for r in rows if r.unit == info.name]
        if not mine:
            continue
        name = namer.name(info.name)
        path = folder / name
        write_form(ctx, info, mine, path)
        outputs.append(Output("units.xlsx", path))
        index.append((name, info, len({r.task_id for r in mine}), len(mine)))
    index_path = folder / INDEX_NAME
    write_index(ctx, index, index_path)
    outputs.append(Output("units/目录.xlsx", index_path))
    return outputs


def write_form(ctx: RenderContext, info: UnitInfo, rows: "list[UnitRow]", path: Path) -> None:
    wb = open_template("form.xlsx", ctx.font_profile)
    ws = wb[S.FORM_SHEET] if S.FORM_SHEET in wb.sheetnames else wb.worksheets[0]
    _clear(ws)
    placed = write_entries(wb, ws, f"{form_title(ctx)}（{info.name}）", [EntryRow(r) for r in rows], FORM_KEYS, HEADER_ROW)
    c = placed.cols
    label_cell(ws, 2, c["label"], "报送单位")
    input_cell(ws, 2, c["text"], info.name)
    label_cell(ws, 2, c["role"], "填报人", c["deadline"])
    input_cell(ws, 2, c["progress"], None)
    label_cell(ws, 2, c["status"], "填报日期")
    input_cell(ws, 2, c["evidence"], None, c["updated"], date=True)
    ws.row_dimensions[2].height = 28
    ws.protection.sheet = True  # no password: a guard against slips
    ws.protection.formatColumns = ws.protection.formatRows = ws.protection.autoFilter = False
    ws.protection.sort = False
    _meta(wb, ctx, info.name, rows)
    wb.active = wb.worksheets.index(ws)
    save(wb, path)


def _meta(wb: Workbook, ctx: RenderContext, unit: str, rows: "list[UnitRow]") -> None:
    ws = wb.create_sheet(S.META_SHEET)
    ws.sheet_state = "veryHidden"
    head = [("kind", FORM_KIND), ("version", FORM_VERSION), ("plan", ctx.plan_title), ("year", str(ctx.year)),
            ("plan_key", plan_key(ctx)), ("unit", unit)]
    for r, (k, v) in enumerate(head, start=1):
        set_value(cell_at(ws, r, 1), k)
        set_value(cell_at(ws, r, 2), v)
    set_value(cell_at(ws, len(head) + 1, 1), "rows")
    for r, row in enumerate(rows, start=len(head) + 2):
        values = [row.task_id, row.subtask_id] + [str(getattr(row, k) or "") for k in LOCKED_KEYS]
        for col, v in enumerate(values, start=1):
            set_value(cell_at(ws, r, col), v)


def read_meta(wb: Workbook) -> "dict[str, Any] | None":
    """The form's identity and locked values, or None when the workbook is no 反馈表."""
    if S.META_SHEET not in wb.sheetnames:
        return None
    ws = wb[S.META_SHEET]
    meta: dict[str, Any] = {"rows": {}}
    r = 1
    while r <= ws.max_row:
        key = ws.cell(r, 1).value
        if key == "rows":
            for rr in range(r + 1, ws.max_row + 1):
                vals = [ws.cell(rr, c).value or "" for c in range(1, 3 + len(LOCKED_KEYS))]
                if vals[0]:
                    meta["rows"][(str(vals[0]), str(vals[1]))] = dict(zip(LOCKED_KEYS, map(str, vals[2:])))
            break
        if key:
            meta[str(key)] = str(ws.cell(r, 2).value or "")
        r += 1
    return meta if meta.get("kind") == FORM_KIND else None


def write_index(ctx: RenderContext, index: list[tuple[str, UnitInfo, int, int]], path: Path) -> None:
    """units/目录.xlsx: which file is which unit (the file names may be shortened or tagged)."""
    wb = open_template("form.xlsx", ctx.font_profile)
    ws = wb.worksheets[0]
    ws.title = "目录"
    for name in list(wb.sheetnames)[1:]:
        del wb[name]
    _clear(ws)
    headers = [("序号", 6), ("文件", 36), ("单位", 36), ("类别", 12), ("联系人", 20), ("任务数", 8), ("行数", 8)]
    titled_header(ws, f"{form_title(ctx)}目录", headers)
    for r, (name, info, tasks, nrows) in enumerate(index, start=3):
        for c, v in enumerate([r - 2, name, info.name, info.kind, info.contact, tasks, nrows], start=1):
            cell = styled_cell(ws, r, c, S.SHORT if c != 3 else S.BODY)
            set_value(cell, v)
        ws.cell(r, 2).hyperlink = name  # relative: opens the form next to the index
    ws.print_area = f"A1:G{max(2, len(index) + 2)}"
    ws.auto_filter.ref = f"A2:G{max(2, len(index) + 2)}"
    ws.freeze_panes = "A3"
    save(wb, path)
