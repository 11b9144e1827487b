"""Warnings for what Excel cannot show: a cell over 32,767 characters, a row over 409 pt.

The .xlsx writers cut such a cell and say so in it (writers/xlsx/cells.py) and cap the row
height (measure.MAX_ROW_PT); these warnings tell the user beforehand, at the plan's field.
"""

from __future__ import annotations

from typing import Callable, Iterable, Optional

from ..errors import Diagnostic, Location
from ..model import Plan
from ..model.tree import Loc
from ..writers.xlsx import measure
from ..writers.xlsx import styles as S

# Which plan field a table column shows (for the warning's location).
COLUMN_SOURCE = {"content": "text", "task": "title", "task_title": "title", "task_full": "text", "lead": "lead",
                 "responsible": "responsible", "cooperate": "cooperate", "units": "lead", "deadline": "deadline",
                 "disclosure_time": "disclosure_time", "disclosure_method": "disclosure_method"}


def _style_pt() -> dict[str, float]:
    """Font sizes of the task table's cell styles, as the template sets them."""
    from ..writers.xlsx.template_sizes import DEFAULT_PT, named_style_pt

    sizes = named_style_pt("tasks.xlsx")
    return {name: sizes.get(name, DEFAULT_PT) for name in (S.HIERARCHY, S.BODY, S.SHORT, S.PART_ROW)}


def excel_warnings(plan: Plan, located: Iterable[tuple[Loc, object]],
                   where: Callable[[Loc], Optional[Location]]) -> list[Diagnostic]:
    from ..context.table import build_table

    table = build_table(plan)
    locs = {getattr(node, "id", None): loc for loc, node in located if getattr(node, "id", None)}
    out: list[Diagnostic] = []
    seen: set[tuple[Loc, str]] = set()
    pts = _style_pt()
    for row in table.rows:
        node_loc = locs.get(row.subtask_id) or locs.get(row.task_id) or ()
        columns = table.columns if row.kind == "data" else table.columns[:1]
        for col, cell in zip(columns, row.cells):
            if cell.covered or not cell.text:
                continue
            loc = node_loc + ((COLUMN_SOURCE.get(col.field, "extra"),) if node_loc else ())
            if row.kind == "part":
                width, pt = table.total_width, pts[S.PART_ROW]
            else:
                width, pt = col.width, pts[S.cell_style(col.field)]
            problem = _problem(cell.text, width, pt, cell.rowspan)
            if problem and (loc, problem[:6]) not in seen:
                seen.add((loc, problem[:6]))
                out.append(Diagnostic(f"任务分解表“{col.header}”列：{problem}", where(loc) if loc else None,
                                      _path(loc), "warning"))
    return out


def _problem(text: str, width: float, pt: float, rows: int) -> str:
    if len(text) > measure.CELL_CHARS:
        return (f"内容有 {len(text):,} 字，超过 Excel 单元格 {measure.CELL_CHARS:,} 字的上限："
                f".xlsx 中只保留前面部分并注明从略（Word、PDF 和网页不受影响）。")
    height = measure.text_height(text, width, pt)
    if height > measure.MAX_ROW_PT * rows:
        return (f"内容约需 {height:,.0f} 磅行高，超过 Excel 行高 {measure.MAX_ROW_PT:.0f} 磅的上限：打印时显示不全。"
                "可加宽这一列（table.columns 的 width）或把内容拆成子任务。")
    return ""


def _path(loc: Loc) -> str:
    from .errors import format_path

    return format_path(loc)
