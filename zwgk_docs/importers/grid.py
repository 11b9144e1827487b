"""The intermediate form every table reader produces: rows of cells with merge marks.

Readers only transcribe what the file shows; deciding what a cell means (part,
task, units …) is left to table_plan.py, so each source format stays a small module.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_TAGS = re.compile(r"</?(?:b|strong|i|em|span|p|br)\b[^>]*>|\[bookmark:[^\]]*\]", re.I)
_SPECIAL = re.compile("[\xa0\u3000\r\n<*\\[]")  # what clean() rewrites, besides the outer blanks


def clean(text: object) -> str:
    """Cell text as printed: HTML/markdown bold removed, NBSP as space, outer blanks stripped."""
    if text is None:
        return ""
    s = str(text)
    if not _SPECIAL.search(s):  # most cells: nothing to remove, one line
        return s.strip()
    s = s.replace("\xa0", " ").replace("\u3000", " ").replace("\r\n", "\n").replace("\r", "\n")
    s = _TAGS.sub("", s).replace("**", "")
    return "\n".join(line.strip() for line in s.strip().split("\n"))


@dataclass
class Cell:
    text: str
    pos: str  # where the user finds it: "B7", "表1第3行第2列", "第12行"
    covered: bool = False  # under a vertical merge: the text is the top cell's
    spanned: bool = False  # under a horizontal merge: the text is the left cell's
    value: object = None  # the typed value when the file has one (a date in .xlsx)

    @property
    def empty(self) -> bool:
        return not self.text or self.covered


@dataclass
class Grid:
    """One table as found in a file. `above` holds text lines printed above it (titles)."""

    rows: list[list[Cell]]
    source: str
    above: list[str] = field(default_factory=list)
    # Text extractions drop the leading cells of merged rows ("2 | 内容 | 单位"): align such rows right.
    align_right: bool = False
    # Text extractions that lost the column structure: cells must be placed by what they say.
    stream: bool = False
    # .xlsx/.docx record merges, so an empty cell is really empty; text extractions lose them,
    # so there an empty cell below a filled one may be the rest of a merged cell.
    merges_known: bool = False
    # What the reader saw but could not show in the cells (hidden rows/columns), with positions.
    warnings: list[str] = field(default_factory=list)

    @property
    def width(self) -> int:
        return max((len(r) for r in self.rows), default=0)


def drop_empty_columns(grid: Grid) -> Grid:
    """Without columns that are empty in every row (a margin column, trailing commas of a .csv)."""
    if grid.stream or grid.align_right:
        return grid  # text extractions: an empty position may still be a column
    keep = [c for c in range(grid.width) if any(c < len(r) and r[c].text and not r[c].spanned for r in grid.rows)]
    if len(keep) == grid.width:
        return grid
    rows = [[r[c] for c in keep if c < len(r)] for r in grid.rows]
    return Grid(rows, grid.source, grid.above, grid.align_right, grid.stream, grid.merges_known, grid.warnings)
