"""The report's tables as grids of cells with merges, computed once for .docx, .html and .pdf.

Every grid position holds a cell; positions under a merge are `covered` (HTML skips them,
Word merges them). Numbers are formatted here, so every writer prints the same 0.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from . import labels as L
from .stats import Stats


@dataclass
class GridCell:
    text: str
    rowspan: int = 1
    colspan: int = 1
    header: bool = False  # a label (<th>): a column/block heading, or a row label when `label`
    label: bool = False  # a row label: <th scope="row">, set flush left
    numeric: bool = False
    covered: bool = False


@dataclass
class Grid:
    name: str  # active | requests | appeals | units
    widths: list[float]  # relative column widths
    header_rows: int = 0  # rows repeated on each printed page
    rows: list[list[GridCell]] = field(default_factory=list)

    @property
    def columns(self) -> int:
        return len(self.widths)

    def cells(self) -> list[tuple[int, int, GridCell]]:
        """(row, column, cell) of every visible cell."""
        return [(r, c, cell) for r, row in enumerate(self.rows) for c, cell in enumerate(row) if not cell.covered]


class _Builder:
    def __init__(self, name: str, widths: list[float], header_rows: int = 0) -> None:
        self.grid = Grid(name, widths, header_rows)
        self.taken: set[tuple[int, int]] = set()

    def add(self, row: int, col: int, text: str, rowspan: int = 1, colspan: int = 1, header: bool = False,
            label: bool = False) -> None:
        while len(self.grid.rows) < row + rowspan:
            self.grid.rows.append([GridCell("", covered=True) for _ in self.grid.widths])
        header = header or label
        self.grid.rows[row][col] = GridCell(text, rowspan, colspan, header, label, numeric=not header)
        for r in range(row, row + rowspan):
            for c in range(col, col + colspan):
                if (r, c) != (row, col):
                    self.grid.rows[r][c] = GridCell("", covered=True)
                self.taken.add((r, c))

    def done(self) -> Grid:
        size = len(self.grid.rows) * self.grid.columns
        assert len(self.taken) == size, f"{self.grid.name}: {size - len(self.taken)} grid positions without a cell"
        return self.grid


def number(value: int | Decimal) -> str:
    """0 is printed as 0 (never blank); 万元 amounts keep their decimals, no exponent."""
    if isinstance(value, Decimal):
        text = format(value.normalize(), "f")
        return text if text not in ("-0", "") else "0"
    return str(value)


def active_grid(stats: Stats) -> Grid:
    """表二: 4 columns × 14 rows (spec §3)."""
    a = stats.active
    b = _Builder("active", [3, 2, 2, 2])
    r = 0

    def block(article: str, headers: tuple[str, ...], rows: list[tuple[str, list[str]]]) -> None:
        nonlocal r
        b.add(r, 0, article, colspan=4, header=True)
        b.add(r + 1, 0, L.ACTIVE_INFO, header=True)
        if len(headers) == 3:
            for i, h in enumerate(headers):
                b.add(r + 1, 1 + i, h, header=True)
        else:
            b.add(r + 1, 1, headers[0], colspan=3, header=True)
        r += 2
        for label, values in rows:
            b.add(r, 0, label, label=True)
            if len(values) == 3:
                for i, v in enumerate(values):
                    b.add(r, 1 + i, v)
            else:
                b.add(r, 1, values[0], colspan=3)
            r += 1

    block(L.ACTIVE_ARTICLE[0], L.ACTIVE_COUNT_HEADERS,
          [(L.ACTIVE_DOC_ROWS[0], [number(v) for v in a.regulations]), (L.ACTIVE_DOC_ROWS[1], [number(v) for v in a.normative])])
    block(L.ACTIVE_ARTICLE[1], (L.ACTIVE_DECISIONS,), [(L.ACTIVE_LICENSING[0], [number(a.licensing)])])
    block(L.ACTIVE_ARTICLE[2], (L.ACTIVE_DECISIONS,),
          [(L.ACTIVE_ENFORCEMENT[0], [number(a.punishment)]), (L.ACTIVE_ENFORCEMENT[1], [number(a.enforcement)])])
    block(L.ACTIVE_ARTICLE[3], (L.ACTIVE_FEE_HEADER,), [(L.ACTIVE_FEE_ROW, [number(a.fees)])])
    return b.done()


def requests_grid(stats: Stats) -> Grid:
    """表三: 3 header rows + 25 data rows × 10 columns, no subtotal rows (spec §4)."""
    b = _Builder("requests", [1.2, 1.9, 7.2] + [1.2] * 7, header_rows=3)  # a wide item column: fewer wrapped rows, one page
    b.add(0, 0, L.REQUESTS_NOTE, rowspan=3, colspan=3, header=True)
    b.add(0, 3, L.APPLICANTS, colspan=7, header=True)
    b.add(1, 3, L.NATURAL, rowspan=2, header=True)
    b.add(1, 4, L.LEGAL, colspan=5, header=True)
    b.add(1, 9, L.TOTAL, rowspan=2, header=True)
    for i, kind in enumerate(L.LEGAL_KINDS):
        b.add(2, 4 + i, kind, header=True)
    first_result = 3 + L.REQUEST_KEYS.index(L.RESULT_KEYS[0])
    b.add(first_result, 0, L.RESULTS, rowspan=len(L.RESULT_KEYS) + 1, label=True)
    seen_groups: set[str] = set()
    for i, (key, group, item) in enumerate(L.REQUEST_ROWS):
        r = 3 + i
        if key in ("一", "二", "四"):
            b.add(r, 0, item, colspan=3, label=True)
        elif not group:  # （一）（二）（七）
            b.add(r, 1, item, colspan=2, label=True)
        else:
            if group not in seen_groups:
                seen_groups.add(group)
                size = sum(1 for _, g, _ in L.REQUEST_ROWS if g == group)
                b.add(r, 1, group, rowspan=size, label=True)
            b.add(r, 2, item, label=True)
        for c, value in enumerate(stats.requests.row(key)):
            b.add(r, 3 + c, number(value))
    return b.done()


def appeals_grid(stats: Stats) -> Grid:
    """表四: 3 header rows + 1 data row × 15 columns (spec §5)."""
    b = _Builder("appeals", [1] * 15, header_rows=3)
    b.add(0, 0, L.REVIEW, colspan=5, header=True)
    b.add(0, 5, L.LITIGATION, colspan=10, header=True)
    for i, h in enumerate(L.APPEAL_COLUMNS):
        b.add(1, i, h, rowspan=2, header=True)
    b.add(1, 5, L.APPEAL_ROWS[1], colspan=5, header=True)
    b.add(1, 10, L.APPEAL_ROWS[2], colspan=5, header=True)
    for j in range(2):
        for i, h in enumerate(L.APPEAL_COLUMNS):
            b.add(2, 5 + 5 * j + i, h, header=True)
    for c, value in enumerate(v for row in stats.appeals.rows() for v in row):
        b.add(3, c, number(value))
    return b.done()


def simple_grid(name: str, headers: list[str], rows: list[list[str]], widths: list[float]) -> Grid:
    """A plain table with one header row and a label column (the summary by 牵头单位)."""
    b = _Builder(name, widths, header_rows=1)
    for c, h in enumerate(headers):
        b.add(0, c, h, header=True)
    for r, row in enumerate(rows, 1):
        for c, text in enumerate(row):
            b.add(r, c, text, label=c == 0)
    return b.done()
