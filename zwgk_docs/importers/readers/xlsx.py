""".xlsx → Grid: every sheet with content; merged ranges become covered/spanned cells."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

from openpyxl.utils import get_column_letter

from ..grid import Cell, Grid, clean
from ..limits import MAX_COLUMNS, MAX_ROWS, refuse


_DECIMALS = re.compile(r"^[#,]*0\.(0+)(%?)$")
_QUOTED = re.compile(r'"([^"]*)"|\\(.)')


def _text(cell: Any) -> object:
    """What the sheet shows: a date stays a date when its format shows the day; a month-only
    format ("2023年2月") and fixed decimals ("2023.10") become the text the user sees."""
    value, fmt = cell.value, (cell.number_format or "General")
    if isinstance(value, dt.datetime):
        if value.time() != dt.time():
            return value
        value = value.date()
    if isinstance(value, dt.date):
        bare = _QUOTED.sub("", fmt).lower()
        if "d" in bare or "y" not in bare:
            return value
        return f"{value.year}年{value.month}月" if "年" in fmt else f"{value.year}-{value.month:02d}"
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        m = _DECIMALS.match(fmt)
        if m:
            shown = value * 100 if m.group(2) else value
            return f"{shown:.{len(m.group(1))}f}{m.group(2)}"
        if isinstance(value, float) and value.is_integer():
            return str(int(value))
    return value


def _hidden(sheet: Any, rows: list[list[Cell]]) -> list[str]:
    """Hidden columns and rows with content: imported like the others, but the user should know."""
    out = []
    width = len(rows[0]) if rows else 0
    hidden_cols = sorted({c for dim in sheet.column_dimensions.values() if dim.hidden
                          for c in range(dim.min or 1, (dim.max or dim.min or 1) + 1) if c <= width})
    for c in hidden_cols:
        if any(r[c - 1].text for r in rows):
            out.append(f"{sheet.title}!{get_column_letter(c)}列是隐藏列，其内容照常导入（表头“{next((r[c - 1].text for r in rows if r[c - 1].text and not r[c - 1].spanned), '')}”），请核对是否需要。")
    for r, dim in sorted(sheet.row_dimensions.items()):
        if dim.hidden and r <= len(rows) and any(c.text for c in rows[r - 1]):
            out.append(f"{sheet.title}!第{r}行是隐藏行，其内容照常导入，请核对是否需要。")
    return out


def _uncalculated(sheet: Any, height: int, width: int) -> list[str]:
    """Formulas saved without their results (files written by programs, not by Excel/WPS) read as empty."""
    cells = [c.coordinate for row in sheet.iter_rows(max_row=height, max_col=width) for c in row
             if isinstance(c.value, str) and c.value.startswith("=")]
    if not cells:
        return []
    return [f"{sheet.title}!{'、'.join(cells[:5])}{'等' if len(cells) > 5 else ''}：是公式，文件中没有保存计算结果，读作空白；"
            "请在 Excel 或 WPS 中打开并保存一次后再导入。"]


def _has_formulas(path: Path) -> bool:
    """Whether any sheet holds a formula (<f> element): only then is the workbook read a second time."""
    import zipfile

    with zipfile.ZipFile(path) as z:
        for name in z.namelist():
            if name.startswith("xl/worksheets/") and name.endswith(".xml"):
                with z.open(name) as f:
                    tail = b""
                    while chunk := f.read(1 << 20):
                        data = tail + chunk
                        if b"<f>" in data or b"<f " in data or b":f>" in data or b":f " in data:
                            return True
                        tail = data[-8:]
    return False


def read_xlsx(path: Path) -> list[Grid]:
    from openpyxl import load_workbook

    book = load_workbook(path, data_only=True)
    formulas = None  # loaded only when the file has formulas: was one never calculated?
    check_formulas = _has_formulas(path)
    grids = []
    for sheet in book.worksheets:
        height, width = sheet.max_row, sheet.max_column  # each is a scan of all cells: read once
        if height < 2 and width < 2:
            continue
        if width > MAX_COLUMNS:
            raise refuse(path, f"工作表“{sheet.title}”有 {width} 列，超过 {MAX_COLUMNS} 列")
        if height > MAX_ROWS:
            raise refuse(path, f"工作表“{sheet.title}”有 {height} 行，超过 {MAX_ROWS} 行")
        owner: dict[tuple[int, int], tuple[int, int]] = {}
        for rng in sheet.merged_cells.ranges:
            for r in range(rng.min_row, min(rng.max_row, height) + 1):
                for c in range(rng.min_col, min(rng.max_col, width) + 1):
                    owner[(r, c)] = (rng.min_row, rng.min_col)
        letters = [get_column_letter(c) for c in range(1, width + 1)]
        rows = []
        for r, cells in enumerate(sheet.iter_rows(min_row=1, max_row=height, max_col=width), 1):
            row = []
            for c, cell in enumerate(cells, 1):
                top = owner.get((r, c))
                value = _text(sheet.cell(*top) if top else cell)
                top = top or (r, c)
                is_date = isinstance(value, dt.date)
                row.append(Cell(value.isoformat() if isinstance(value, dt.date) else clean(value), f"{sheet.title}!{letters[c - 1]}{r}",
                                covered=top[0] < r, spanned=top[0] == r and top[1] < c, value=value if is_date else None))
            rows.append(row)
        while rows and all(not c.text for c in rows[-1]):
            rows.pop()
        if rows:
            notes = _hidden(sheet, rows)
            if check_formulas:
                formulas = formulas or load_workbook(path)
                notes += _uncalculated(formulas[sheet.title], len(rows), len(rows[0]))
            grids.append(Grid(rows, f"{path.name}:{sheet.title}", merges_known=True, warnings=notes))
    return grids
