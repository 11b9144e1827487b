""".xlsx → Grid: every sheet with content; merged ranges become covered/spanned cells."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

from openpyxl.utils import get_column_letter

from ...workbook_formulas import FORMULA_TAGS, part_contains, uncalculated_cells

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


def _uncalculated(sheet: str, cells: frozenset[str]) -> list[str]:
    """Formulas saved without their results (files written by programs, not by Excel/WPS) read as empty."""
    if not cells:
        return []
    listed = sorted(cells, key=_cell_order)
    return [f"{sheet}!{'、'.join(listed[:5])}{'等' if len(listed) > 5 else ''}：是公式，文件中没有保存计算结果，读作空白；"
            "请在 Excel 或 WPS 中打开并保存一次后再导入。"]


def _cell_order(coordinate: str) -> tuple[int, int]:
    from openpyxl.utils.cell import coordinate_to_tuple

    return coordinate_to_tuple(coordinate)


def read_xlsx(path: Path) -> list[Grid]:
    """Every sheet with content. A plain workbook (values as they are shown, nothing hidden, no
    formulas) is read with calamine, ~50× faster than openpyxl (20,000 rows in a tenth of a
    second); one that needs openpyxl's detail (number formats, hidden rows, formulas) with openpyxl."""
    if _plain_workbook(path):
        try:
            return _read_plain(path)
        except Exception:  # noqa: BLE001 — not readable by calamine: openpyxl reads it, or says why not
            pass
    return _read_detailed(path)


def _read_detailed(path: Path) -> list[Grid]:
    from openpyxl import load_workbook

    book = load_workbook(path, data_only=True)
    blank_formulas = uncalculated_cells(path)
    grids = []
    for sheet in book.worksheets:
        height, width = sheet.max_row, sheet.max_column  # each is a scan of all cells: read once
        if height < 2 and width < 2:
            continue
        _check_size(path, sheet.title, height, width)
        merges = [(m.min_row, m.min_col, m.max_row, m.max_col) for m in sheet.merged_cells.ranges]
        values = [[_text(cell) for cell in cells] for cells in sheet.iter_rows(min_row=1, max_row=height, max_col=width)]
        rows = _rows(sheet.title, values, merges)
        if rows:
            notes = _hidden(sheet, rows)
            notes += _uncalculated(sheet.title, blank_formulas.get(sheet.title, frozenset()))
            grids.append(Grid(rows, f"{path.name}:{sheet.title}", merges_known=True, warnings=notes))
    return grids


def _read_plain(path: Path) -> list[Grid]:
    from python_calamine import CalamineWorkbook, SheetTypeEnum

    grids = []
    book = CalamineWorkbook.from_path(str(path))
    try:
        for meta in book.sheets_metadata:
            if meta.typ != SheetTypeEnum.WorkSheet:
                continue
            sheet = book.get_sheet_by_name(meta.name)
            values = [[_plain_value(v) for v in row] for row in sheet.to_python(skip_empty_area=False)]
            height, width = len(values), max((len(r) for r in values), default=0)
            if height < 2 and width < 2:
                continue
            _check_size(path, meta.name, height, width)
            values = [row + [""] * (width - len(row)) for row in values]
            merges = [(top + 1, left + 1, bottom + 1, right + 1) for (top, left), (bottom, right) in sheet.merged_cell_ranges or ()]
            rows = _rows(meta.name, values, merges)
            if rows:
                grids.append(Grid(rows, f"{path.name}:{meta.name}", merges_known=True))
    finally:
        book.close()
    return grids


def _plain_value(value: object) -> object:
    """calamine's value as _text() gives it for a cell whose format shows it plainly."""
    if isinstance(value, dt.datetime) and value.time() == dt.time():
        return value.date()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return value


def _check_size(path: Path, title: str, height: int, width: int) -> None:
    if width > MAX_COLUMNS:
        raise refuse(path, f"工作表“{title}”有 {width} 列，超过 {MAX_COLUMNS} 列")
    if height > MAX_ROWS:
        raise refuse(path, f"工作表“{title}”有 {height} 行，超过 {MAX_ROWS} 行")


def _rows(title: str, values: list[list[object]], merges: list[tuple[int, int, int, int]]) -> list[list[Cell]]:
    """Cells of one sheet from its shown values (1-based merges: top, left, bottom, right); a merged
    range's cells all show its top-left value; empty rows at the end dropped."""
    height = len(values)
    width = len(values[0]) if values else 0
    owner: dict[tuple[int, int], tuple[int, int]] = {}
    for first_row, first_col, last_row, last_col in merges:
        for r in range(first_row, min(last_row, height) + 1):
            for c in range(first_col, min(last_col, width) + 1):
                owner[(r, c)] = (first_row, first_col)
    letters = [get_column_letter(c) for c in range(1, width + 1)]
    rows = []
    for r, row_values in enumerate(values, 1):
        row = []
        for c, shown in enumerate(row_values, 1):
            top = owner.get((r, c))
            value = values[top[0] - 1][top[1] - 1] if top and top[0] <= height and top[1] <= width else shown
            top = top or (r, c)
            is_date = isinstance(value, dt.date)
            row.append(Cell(value.isoformat() if isinstance(value, dt.date) else clean(value), f"{title}!{letters[c - 1]}{r}",
                            covered=top[0] < r, spanned=top[0] == r and top[1] < c, value=value if is_date else None))
        rows.append(row)
    while rows and all(not c.text for c in rows[-1]):
        rows.pop()
    return rows


# Built-in number formats whose shown text differs from the value as calamine gives it:
# 2 0.00, 4 #,##0.00, 10 0.00% (fixed decimals), 17 mmm-yy and 55–58 (年月 in Chinese Excel: no day).
_DETAILED_BUILTIN_FORMATS = {2, 4, 10, 17, 55, 56, 57, 58}
_NUM_FMT = re.compile(rb'<(?:\w+:)?numFmt\b[^>]*>')
_FORMAT_CODE = re.compile(rb'formatCode="([^"]*)"')
_FMT_ID = re.compile(rb'numFmtId="(\d+)"')
_SHEET_DETAIL = (*FORMULA_TAGS, b'hidden="1"', b'hidden="true"', b't="e"')


def _plain_workbook(path: Path) -> bool:
    """True when every cell shows its value plainly: no formulas, error cells, hidden rows or
    columns, and no number format (fixed decimals, a month without a day) that _text() renders."""
    import html
    import zipfile

    try:
        with zipfile.ZipFile(path) as z:
            names = z.namelist()
            styles = z.read("xl/styles.xml") if "xl/styles.xml" in names else b""
            for name in names:
                if name.startswith("xl/worksheets/") and name.endswith(".xml") and part_contains(z, name, _SHEET_DETAIL):
                    return False
    except (OSError, KeyError, zipfile.BadZipFile):
        return False
    if any(int(i) in _DETAILED_BUILTIN_FORMATS for i in _FMT_ID.findall(styles)):
        return False
    for element in _NUM_FMT.findall(styles):
        code = _FORMAT_CODE.search(element)
        fmt = html.unescape(code.group(1).decode("utf-8", "replace")) if code else ""
        bare = _QUOTED.sub("", fmt).lower()
        if _DECIMALS.match(fmt) or (any(ch in bare for ch in "ymd") and not ("d" in bare and "y" in bare)):
            return False  # shown with fixed decimals, or a date _text() shows as a month
    return True
