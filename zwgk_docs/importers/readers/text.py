"""Plain text and .csv → paragraphs and Grids.

Text extractions of tables come in three shapes (see tests/data/seeds):
- one row per line, cells separated by " | " (池州), merged leading cells left out;
- one row per line, cells separated by tabs (沈阳's 附件);
- one cell per line, each starting with a tab, rows separated by blank lines (四平) —
  or, when the extraction lost the row breaks, only the order of cells (泰达).
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

from ..grid import Cell, Grid, clean
from ..headers import header_score

_HEADING_MARK = re.compile(r"^#{1,6}\s*")


def decode_text(raw: bytes) -> str:
    for enc in ("utf-8-sig", "gb18030"):
        try:
            return raw.decode(enc)
        except UnicodeDecodeError:
            continue
    return raw.decode("utf-8", errors="replace")


def _para(line: str) -> str:
    return clean(_HEADING_MARK.sub("", line.strip()))


def read_csv(path: Path) -> list[Grid]:
    text = decode_text(path.read_bytes())
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",\t;，")
    except csv.Error:
        dialect = csv.excel
    rows = []
    for r, record in enumerate(csv.reader(io.StringIO(text), dialect), 1):
        rows.append([Cell(clean(v), f"第{r}行第{c}列") for c, v in enumerate(record, 1)])
    while rows and all(not c.text for c in rows[-1]):
        rows.pop()
    return [Grid(rows, path.name)] if rows else []


def read_text(text: str, name: str) -> tuple[list[str], list[Grid]]:
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    pipe = [i for i, l in enumerate(lines) if " | " in l]
    if len(pipe) >= 3:
        return _pipe(lines, pipe, name)
    multi_tab = [i for i, l in enumerate(lines) if l.count("\t") >= 2]
    single_tab = [i for i, l in enumerate(lines) if l.startswith("\t") and l.count("\t") == 1]
    if len(single_tab) >= 5 and len(single_tab) > len(multi_tab):
        return _cell_per_line(lines, name)
    heads = [i for i in multi_tab if header_score(lines[i].split("\t")) >= 2]
    if heads:
        return _tab_rows(lines, [i for i in multi_tab if i >= heads[0]], name)
    return [p for p in (_para(l) for l in lines) if p], []


def _paragraphs(lines: list[str]) -> list[str]:
    return [p for p in (_para(l) for l in lines) if p]


def _pipe(lines: list[str], rows_at: list[int], name: str) -> tuple[list[str], list[Grid]]:
    first, last = rows_at[0], rows_at[-1]
    rows = []
    for i in range(first, last + 1):
        line = lines[i].strip()
        if not line:
            continue
        parts = [p for p in re.split(r"\s\|\s?|\s?\|\s", " " + line + " ")]
        cells = [clean(p) for p in parts]
        while cells and not cells[0]:
            cells.pop(0)
        while cells and not cells[-1]:
            cells.pop()
        rows.append([Cell(t, f"第{i + 1}行第{c}格") for c, t in enumerate(cells, 1)])
    return _paragraphs(lines[:first]), [Grid(rows, name, above=_paragraphs(lines[:first])[-3:], align_right=True)]


def _tab_rows(lines: list[str], rows_at: list[int], name: str) -> tuple[list[str], list[Grid]]:
    first, last = rows_at[0], rows_at[-1]
    # A title printed just above the header belongs to the table, not to the prose.
    rows = []
    for i in range(first, last + 1):
        if not lines[i].strip():
            continue
        if "\t" not in lines[i]:
            rows.append([Cell(_para(lines[i]), f"第{i + 1}行")])
            continue
        rows.append([Cell(clean(t), f"第{i + 1}行第{c}格") for c, t in enumerate(lines[i].split("\t"), 1)])
    before = _paragraphs(lines[:first])
    return before, [Grid(rows, name, above=before[-3:])]


def _cell_per_line(lines: list[str], name: str) -> tuple[list[str], list[Grid]]:
    # Header: the first block of tab lines that reads like column names.
    blocks: list[list[tuple[int, str]]] = []
    current: list[tuple[int, str]] = []
    for i, line in enumerate(lines):
        if line.strip() == "" and not line.startswith("\t"):
            if current:
                blocks.append(current)
                current = []
            continue
        current.append((i, line))
    if current:
        blocks.append(current)
    head_at = next((b for b, block in enumerate(blocks)
                    if all(l.startswith("\t") for _, l in block) and header_score([l.strip() for _, l in block]) >= 2), None)
    if head_at is None:
        return _paragraphs(lines), []
    above = [_para(l) for block in blocks[:head_at] for _, l in block if _para(l)]
    header = blocks[head_at]
    width = len(header)
    data = blocks[head_at + 1:]
    sized = [b for b in data if any(clean(l) for _, l in b)]
    fixed = sized and sum(len(b) == width for b in sized) >= 0.8 * len(sized)
    head_row = [Cell(clean(l), f"第{i + 1}行") for i, l in header]
    if fixed:
        rows = [head_row] + [[Cell(clean(l), f"第{i + 1}行") for i, l in b] for b in sized]
        return [], [Grid(rows, name, above=above)]
    # Row breaks lost: keep the cells in order, one per row; table_plan places them by content.
    cells = [[Cell(clean(l), f"第{i + 1}行")] for b in data for i, l in b if clean(l)]
    return [], [Grid([head_row] + cells, name, above=above, stream=True)]
