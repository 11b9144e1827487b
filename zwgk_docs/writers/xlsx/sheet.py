"""Render a context TableModel into a worksheet of a template workbook.

Shared by the task table, the ledger and the per-unit lists: they differ only in
the title, the template and the extra columns appended to the table's own.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import pickle
import sys
from copy import copy
from dataclasses import dataclass
from typing import Any, Callable, Optional, Sequence

import openpyxl
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, NamedStyle
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.pagebreak import Break
from openpyxl.worksheet.worksheet import Worksheet

from ... import user_cache
from ...context import TableModel
from ...context.table import TableRow
from ...fonts import PROFILES
from ...resources import template_path
from . import measure
from .cells import cell_at, merge, set_style, set_text, set_value, styled_cell
from . import styles as S

TEMPLATE_PROFILE = "gb2312"  # the font names scripts/make_xlsx_templates.py writes
Span = tuple[int, int, float, int]  # a vertical merge: (index in table.rows, rows, text height in pt, column)


@dataclass
class ExtraColumn:
    """A column appended after the table's columns (ledger fields, the per-unit role)."""

    header: str
    width: float
    style: str
    value: Callable[[int, TableRow], Any]  # (row index in table.rows, row) → cell value
    hidden: bool = False
    number_format: Optional[str] = None


@dataclass
class Placed:
    """Where rows landed, for the callers that add validation or read back."""

    header_row: int
    first_row: int  # sheet row of table.rows[0]
    last_row: int
    first_extra_col: int


def open_template(name: str, profile: str) -> Workbook:
    """A fresh copy of templates/xlsx/<name> with the plan's font profile.

    Reading a template with openpyxl costs 12–16 ms; a batch, the live preview or a web back end
    opens the same few for every plan, so each is read once per process (again when the file
    changes) and kept pickled: unpickling gives an independent workbook in ~1 ms."""
    path = template_path("xlsx", name)
    stat = path.stat()
    workbook: Workbook = pickle.loads(_template(str(path), stat.st_mtime_ns, stat.st_size, profile))
    for ws in workbook.worksheets:  # pickle keeps a defaultdict's items, not its factory
        if isinstance(ws, Worksheet):  # (the stubs omit these private factories)
            ws.row_dimensions.default_factory = ws._add_row  # type: ignore[attr-defined]  # noqa: SLF001
            ws.column_dimensions.default_factory = ws._add_column  # type: ignore[attr-defined]  # noqa: SLF001
    return workbook


@functools.lru_cache(maxsize=16)
def _template(path: str, mtime_ns: int, size: int, profile: str) -> bytes:
    """The template with the profile's fonts, pickled; kept in the user cache too (a build's first
    two templates cost ~0.06 s to read), keyed by the file, the profile, openpyxl, Python and this
    package's code, so that any change to one of them reads the template again."""
    key = hashlib.sha256("\0".join([path, str(mtime_ns), str(size), profile, openpyxl.__version__, sys.version,
                                    str(pickle.HIGHEST_PROTOCOL), user_cache.code_digest()]).encode()).hexdigest()
    kept = user_cache.read_bytes("xlsx", f"{key}.pickle")
    if kept:
        with contextlib.suppress(Exception):  # a damaged entry: the template is read again
            if isinstance(pickle.loads(kept), Workbook):
                return kept
    wb = load_workbook(path)
    _apply_font_profile(wb, profile)
    data = pickle.dumps(wb, protocol=pickle.HIGHEST_PROTOCOL)  # read back only by this package
    user_cache.write_bytes(data, "xlsx", f"{key}.pickle")
    return data


def _apply_font_profile(wb: Workbook, profile: str) -> None:
    """Swap the template's default font names for the plan's profile; office-chosen names stay."""
    swap = {PROFILES[TEMPLATE_PROFILE][r]: PROFILES[profile][r] for r in PROFILES[profile]}
    for style in _named_styles(wb):
        if style.font is not None and style.font.name in swap and swap[style.font.name] != style.font.name:
            font = copy(style.font)
            font.name = swap[style.font.name]
            style.font = font


def _named_styles(wb: Workbook) -> list[NamedStyle]:
    # openpyxl has no public list of NamedStyle objects (wb.named_styles are their names),
    # and its stubs omit the private one
    return list(wb._named_styles)  # type: ignore[attr-defined]  # noqa: SLF001


def style_font_pt(wb: Workbook, name: str) -> float:
    """The font size of a named style (asked for every cell measured: looked up once per workbook)."""
    sizes: dict[str, float] = wb.__dict__.setdefault("_zwgk_font_pt", {})
    if name not in sizes:
        found = [s for s in _named_styles(wb) if s.name == name]
        font = found[0].font if found else None
        sizes[name] = float(font.sz or 11) if font is not None else 11.0
    return sizes[name]


def write_table(wb: Workbook, ws: Worksheet, table: TableModel, title: str, mark: str,
                extras: Sequence[ExtraColumn] = ()) -> Placed:
    """Write mark/title/header rows and the table; set widths, heights, merges, print titles."""
    grid = _Grid(wb, ws, table, list(extras))
    header_row = grid.heading(title, mark)
    first = header_row + 1
    needs, spans = grid.rows(first)
    # A merged cell's text needs the sum of its rows: spread any shortfall evenly.
    for i, span, h, _ in spans:
        have = sum(needs[i:i + span])
        if h > have:
            needs[i:i + span] = [n + (h - have) / span for n in needs[i:i + span]]
    needs = [round(min(h, measure.MAX_ROW_PT), 1) for h in needs]
    for i, h in enumerate(needs):
        ws.row_dimensions[first + i].height = h
    breaks = _page_breaks(ws, table, needs, grid.widths[:grid.visible], first)
    # A merge cut by a page edge prints its text at the vertical centre of the whole
    # span, which may fall on the edge: align such cells to the top instead.
    for i, span, _, c in spans:
        if any(i < b < i + span for b in breaks):
            cell = cell_at(ws, first + i, c)
            cell.alignment = Alignment(horizontal=cell.alignment.horizontal, vertical="top", wrap_text=True)
    last = first + len(table.rows) - 1
    ws.print_area = f"A1:{get_column_letter(grid.visible)}{max(last, header_row)}"
    return Placed(header_row, first, last, len(table.columns) + 1)


class _Grid:
    """Cells of one sheet: the heading rows, then one sheet row per table row."""

    def __init__(self, wb: Workbook, ws: Worksheet, table: TableModel, extras: "list[ExtraColumn]") -> None:
        self.wb, self.ws, self.table, self.extras = wb, ws, table, extras
        self.template_heights = [ws.row_dimensions[r].height for r in (1, 2, 3)]  # mark, title, header
        clear_sheet(ws)
        self.widths = [c.width for c in table.columns] + [e.width for e in extras]
        self.visible = len(table.columns) + sum(1 for e in extras if not e.hidden)
        self.total = sum(self.widths[:self.visible])
        for i, w in enumerate(self.widths, start=1):
            ws.column_dimensions[get_column_letter(i)].width = w
        for i, e in enumerate(extras, start=len(table.columns) + 1):
            ws.column_dimensions[get_column_letter(i)].hidden = e.hidden

    def pt(self, style: str) -> float:
        return style_font_pt(self.wb, style)

    def heading(self, title: str, mark: str) -> int:
        """Mark, title and header rows; returns the header's row number."""
        ws, row = self.ws, 1
        if mark:
            set_style(ws.cell(row, 1), S.MARK)
            set_text(cell_at(ws, row, 1), mark)
            ws.row_dimensions[row].height = self.template_heights[0] or 24
            row += 1
        set_style(ws.cell(row, 1), S.TITLE)
        set_text(cell_at(ws, row, 1), title)
        merge(ws, row, 1, row, self.visible)
        ws.row_dimensions[row].height = max(self.template_heights[1] or 0,
                                            measure.text_height(title, self.total, self.pt(S.TITLE)))
        row += 1
        headers = self.table.headers + [e.header for e in self.extras]
        for c, text in enumerate(headers, start=1):
            set_style(ws.cell(row, c), S.HEADER)
            set_text(cell_at(ws, row, c), text)
        ws.row_dimensions[row].height = max(
            [self.template_heights[2] or 0] + [measure.text_height(h, w, self.pt(S.HEADER)) for h, w in zip(headers, self.widths)])
        ws.print_title_rows = f"{row}:{row}"
        ws.freeze_panes = ws.cell(row + 1, 1).coordinate
        return row

    def rows(self, first: int) -> tuple[list[float], list[Span]]:
        """Write every row; returns each row's own height and the merges."""
        needs: list[float] = []
        spans: list[Span] = []
        for i, trow in enumerate(self.table.rows):
            if trow.kind == "part":
                needs.append(self._part_row(first + i, trow))
            else:
                needs.append(self._data_row(first + i, i, trow, spans))
        return needs, spans

    def _part_row(self, r: int, trow: TableRow) -> float:
        ws, text = self.ws, trow.cells[0].text
        for c in range(1, len(self.widths) + 1):
            set_style(ws.cell(r, c), S.PART_ROW if c <= self.visible else S.HIDDEN_ID)
        set_text(cell_at(ws, r, 1), text)  # after the style: a named style resets quotePrefix
        merge(ws, r, 1, r, self.visible)
        return measure.text_height(text, self.total, self.pt(S.PART_ROW))

    def _data_row(self, r: int, i: int, trow: TableRow, spans: list[Span]) -> float:
        ws, need = self.ws, measure.height_pt(1, self.pt(S.BODY))
        for c, (col, cell) in enumerate(zip(self.table.columns, trow.cells), start=1):
            style = S.cell_style(col.field)
            target = styled_cell(ws, r, c, style)
            if cell.covered:
                continue
            set_text(target, cell.text)
            h = measure.text_height(cell.text, col.width, self.pt(style))
            if cell.rowspan > 1:
                merge(ws, r, c, r + cell.rowspan - 1, c)
                spans.append((i, cell.rowspan, h, c))
            else:
                need = max(need, h)
        for c, e in enumerate(self.extras, start=len(self.table.columns) + 1):
            target = styled_cell(ws, r, c, e.style, e.number_format or None)
            set_value(target, e.value(i, trow))
            if not e.hidden and isinstance(target.value, str):
                need = max(need, measure.text_height(target.value, e.width, self.pt(e.style)))
        return need


def _page_breaks(ws: Worksheet, table: TableModel, heights: "list[float]", widths: "list[float]", first: int) -> "list[int]":
    """Manual breaks between tasks, so merged cells are not cut by a page edge.

    LibreOffice honours them with fit-to-width; Excel ignores manual breaks while
    "fit to" is on, and then paginates by itself.
    """
    portrait_w, portrait_h = measure.A4_PT
    landscape = ws.page_setup.orientation == "landscape"
    page_w, page_h = (portrait_h, portrait_w) if landscape else (portrait_w, portrait_h)
    m = ws.page_margins
    scale = measure.print_scale(widths, page_w - (m.left + m.right) * 72)
    capacity = (page_h - (m.top + m.bottom) * 72) / scale
    header = ws.row_dimensions[first - 1].height or 0
    above = sum(ws.row_dimensions[r].height or 15 for r in range(1, first))
    costs = [0] * len(table.rows)
    for i, row in enumerate(table.rows):
        costs[i] = sum(1 for c in row.cells if c.covered) + (100 if i and table.rows[i - 1].kind == "part" else 0)
    ws.row_breaks.brk = []
    breaks = measure.page_breaks(heights, costs, capacity, above, header)
    for b in breaks:
        ws.row_breaks.append(Break(id=first + b - 1))
    return breaks


def clear_sheet(ws: Worksheet) -> None:
    """Drop the template's placeholder rows, keeping its page set-up and styles."""
    for rng in list(ws.merged_cells.ranges):
        ws.unmerge_cells(str(rng))
    if ws.max_row:
        ws.delete_rows(1, ws.max_row)
    for r in list(ws.row_dimensions):
        del ws.row_dimensions[r]

