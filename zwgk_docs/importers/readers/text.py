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

from ...errors import Location, UserError
from ..align import align
from ..grid import Cell, Grid, clean
from ..headers import header_score
from ..layout import find_header
from ..limits import MAX_CELL_CHARS, MAX_COLUMNS, MAX_PARAGRAPHS, MAX_ROWS, refuse

_HEADING_MARK = re.compile(r"^#{1,6}\s*")


def _utf16_without_bom(raw: bytes) -> str | None:
    """Excel's "Unicode text" saved without its BOM: NULs (the high byte of ASCII characters) mostly on one parity.
    UTF-8 and GB18030 text never holds a NUL; a binary file has them on both parities."""
    sample = raw[:65536]
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    enough = max(2, len(sample) // 100)
    if odd >= enough and even * 4 <= odd:  # a CJK character may have a NUL low byte too (开 = U+5F00)
        return "utf-16-le"
    if even >= enough and odd * 4 <= even:
        return "utf-16-be"
    return None


def _refuse_binary(text: str, name: str) -> None:
    """Text with NULs or many control characters is a binary file renamed .csv/.txt."""
    bad = next((i for i, ch in enumerate(text[:65536]) if ch == "\x00" or (ord(ch) < 32 and ch not in "\t\n\r\f\v")), None)
    if bad is None:
        return
    sample = text[:65536]
    controls = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\t\n\r\f\v")
    if "\x00" in sample or controls > max(8, len(sample) // 200):
        line = text.count("\n", 0, bad) + 1
        raise UserError.single(f"第{line}行含有二进制内容（如 NUL 字符）：这不是文本或 .csv 文件，可能是改了扩展名的其他文件。"
                               "请在 Excel/WPS 中另存为 .xlsx 或 .csv（UTF-8）后再导入。", Location(name, line))


def decode_text(raw: bytes, name: str = "") -> str:
    """UTF-8 (with or without BOM), UTF-16 (with or without BOM, as Excel saves "Unicode text"), else GB18030."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = raw.decode("utf-16", errors="replace")
    elif _utf16_without_bom(raw):
        text = raw.decode(_utf16_without_bom(raw) or "", errors="replace")
    else:
        text = ""
        for enc in ("utf-8-sig", "gb18030"):
            try:
                text = raw.decode(enc)
                break
            except UnicodeDecodeError:
                continue
        else:
            text = raw.decode("utf-8", errors="replace")
    text = text.lstrip("\ufeff")
    _refuse_binary(text, name)
    return text


def _check_cell(text: str, name: str, line: int) -> None:
    if len(text) > MAX_CELL_CHARS:
        raise UserError.single(f"第{line}行有一个单元格长达 {len(text)} 个字符，超过导入限制 {MAX_CELL_CHARS} 个字符："
                               "请检查文件（可能缺少换行或引号不成对）。", Location(name, line))


def _para(line: str) -> str:
    return clean(_HEADING_MARK.sub("", line.strip()))


def read_csv(path: Path) -> list[Grid]:
    name = str(path)
    text = decode_text(path.read_bytes(), name)
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",\t;，")
    except csv.Error:
        dialect = csv.excel
    if path.suffix.lower() == ".tsv":
        dialect = csv.excel_tab
    rows: list[list[Cell]] = []
    reader = csv.reader(io.StringIO(text), dialect)
    csv.field_size_limit(MAX_CELL_CHARS)
    while True:
        try:
            record = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            line = reader.line_num
            if "field larger" in str(exc):
                raise UserError.single(f"第{line}行附近有一个单元格超过导入限制 {MAX_CELL_CHARS} 个字符："
                                       "请检查文件（可能引号不成对，把后面的内容都读进了一格）。", Location(name, line)) from None
            raise UserError.single(f"第{line}行无法按 .csv 读取（{exc}）：请在 Excel/WPS 中打开后另存为 .csv（UTF-8）或 .xlsx 再导入。",
                                   Location(name, line)) from None
        r = reader.line_num
        if len(rows) >= MAX_ROWS:
            raise refuse(path, f"超过 {MAX_ROWS} 行")
        if len(record) > MAX_COLUMNS:
            raise refuse(path, f"第{r}行有 {len(record)} 列，超过 {MAX_COLUMNS} 列")
        rows.append([Cell(clean(v), f"第{r}行第{c}列") for c, v in enumerate(record, 1)])
    while rows and all(not c.text for c in rows[-1]):
        rows.pop()
    return [Grid(rows, path.name)] if rows else []


def read_text(text: str, name: str) -> tuple[list[str], list[Grid]]:
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if len(lines) > MAX_PARAGRAPHS:
        raise refuse(Path(name), f"共 {len(lines)} 行，超过 {MAX_PARAGRAPHS} 行")
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
        for t in cells:
            _check_cell(t, name, i + 1)
        rows.append([Cell(t, f"第{i + 1}行第{c}格") for c, t in enumerate(cells, 1)])
    notes: list[str] = []
    rows = align(rows, find_header(Grid(rows, name))[1], notes)
    return _paragraphs(lines[:first]), [Grid(rows, name, above=_paragraphs(lines[:first])[-3:], align_right=True, warnings=notes)]


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
        cells = lines[i].split("\t")
        for t in cells:
            _check_cell(t, name, i + 1)
        rows.append([Cell(clean(t), f"第{i + 1}行第{c}格") for c, t in enumerate(cells, 1)])
    before = _paragraphs(lines[:first])
    notes: list[str] = []
    rows = align(rows, find_header(Grid(rows, name))[1], notes)
    return before, [Grid(rows, name, above=before[-3:], warnings=notes)]


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
