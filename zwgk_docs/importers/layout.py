"""Where the table is in a Grid: title rows, header row(s), what each column holds.

Hierarchy columns (part, section, task) are recognised by what their cells say
(“一、” “（一）” “1.”), since header words differ from office to office; the other
columns by their header words (headers.py).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..model.vocab import default_header
from .grid import Cell, Grid
from .headers import header_field, header_score, norm
from .labels import first_sentence, is_short_title, split_label

_DEADLINE_CELL = re.compile(r"^(全年|年底前?|年内|长期|持续|及时|每年|常态化|\d{4}年|\d{1,2}月|[一二三四五六七八九十]+月|.{0,6}(前|底|末)$)")
_UNIT_CELL = re.compile(r"(局|办|委|政府|部门|单位|中心|厅|室|院|管委会)")

@dataclass
class Layout:
    header_row: int  # index of the (last) header row in grid.rows; -1 when the table has none
    headers: list[str]
    fields: list[str]  # per column: a Column.field value
    title: str = ""
    warnings: list[str] = field(default_factory=list)
    merges_known: bool = False  # see Grid.merges_known

    def col(self, name: str) -> int:
        return self.fields.index(name) if name in self.fields else -1


def _texts(row: list[Cell]) -> list[str]:
    return [c.text for c in row]


def find_header(grid: Grid) -> tuple[int, int]:
    """(first, last) header row indexes; (-1, -1) when there is none."""
    for i, row in enumerate(grid.rows[:12]):
        cells = [c.text for c in row if not c.spanned]
        if header_score(cells) >= 2 and all(len(norm(c)) <= 14 for c in cells):
            nxt = grid.rows[i + 1] if i + 1 < len(grid.rows) else []
            lower = [c.text for c in nxt if c.text and not c.covered]
            # Two header rows: "责任单位" spanning "牵头单位 | 配合单位" below it.
            if lower and header_score(lower) >= 1 and all(header_field(t) is not None for t in lower):
                return i, i + 1
            return i, i
    return -1, -1


def _title(grid: Grid, upto: int) -> str:
    lines = list(grid.above) + [c.text for row in grid.rows[:max(upto, 0)] for c in row if c.text and not c.spanned and not c.covered]
    lines = [l for l in lines if not re.fullmatch(r"附件\s*\d*[:：]?", l)]
    tables = [l for l in lines if "表" in l and len(l) <= 60]
    return (tables or lines or [""])[-1].strip()


def _merge_headers(grid: Grid, first: int, last: int) -> list[str]:
    width = grid.width
    out = []
    for c in range(width):
        upper = grid.rows[first][c].text if c < len(grid.rows[first]) else ""
        lower = grid.rows[last][c].text if last != first and c < len(grid.rows[last]) and not grid.rows[last][c].covered else ""
        out.append(lower or upper)
    return out


def _content_kind(cells: list[str]) -> str | None:
    """part / section / task / number when most cells of a column say so."""
    cells = [c for c in cells if c]
    if not cells:
        return None
    styles = [split_label(c) for c in cells]
    n = len(cells)
    if sum(c.isdigit() for c in cells) >= 0.8 * n:
        return "number"
    for kind, wanted in (("part", ("一、",)), ("section", ("（一）",)), ("task", ("1.", "1．", "1、"))):
        if sum(1 for s in styles if s and s.style in wanted) >= 0.6 * n:
            return kind
    return None


def column_fields(headers: list[str], columns: list[list[str]], warnings: list[str], where: list[str] | None = None) -> list[str]:
    """where: each header cell's position, so warnings point at the column ("Sheet1!E3")."""
    at = [f"（{w}）" for w in (where or [])] + [""] * (len(headers) - len(where or []))
    by_header = [header_field(h) for h in headers]
    by_content = [_content_kind(col) for col in columns]
    if "number" in by_header:  # a 序号 column exists: other all-digit columns (分值, 数量) are not numbers
        by_content = [None if k == "number" and hf != "number" and h else k
                      for h, hf, k in zip(headers, by_header, by_content)]
    fields: list[str] = []
    has_content = any(f == "content" and k is None for f, k in zip(by_header, by_content))
    for i, (h, hf, kind) in enumerate(zip(headers, by_header, by_content)):
        avg = sum(len(c) for c in columns[i] if c) / max(1, sum(1 for c in columns[i] if c))
        if kind == "number":
            f = "number"
        elif kind in ("part", "section") and hf == "task" and not any(k in ("task", "number") for k in by_content):
            f = "task"  # tasks numbered （一） (吉林市): the header says what the column is
        elif kind in ("part", "section"):
            f = kind
        elif kind == "task":
            f = "task" if (has_content or (avg <= 40 and not _titled(columns[i]))) else "task_full"
        elif hf == "task":
            f = "task_title" if has_content else "content"
        elif hf == "extra":
            f = f"extra:{norm(h)}"
        elif hf is not None:
            f = hf
        elif not h and _looks_like(columns[i], _DEADLINE_CELL):
            f = "deadline"
        elif not h and _looks_like(columns[i], _UNIT_CELL):
            f = "responsible"
        elif not h and avg > 20:
            f = "content"
        else:
            f = f"extra:{norm(h) or f'第{i + 1}列'}"
            warnings.append(f"无法识别第{i + 1}列“{h or '（无表头）'}”{at[i]}的内容，作为其他列 {f} 原样保留，请核对。")
        fields.append(f)
    # A leftmost text column left of the tasks, with few distinct values, is a grouping (四平's 目标要求).
    first_task = next((i for i, f in enumerate(fields) if f in ("number", "task", "task_title", "task_full")), None)
    if first_task and "part" not in fields and fields[0] not in ("number", "task", "task_title", "task_full", "content"):
        distinct = {c for c in columns[0] if c}
        if distinct and len(distinct) <= max(1, len([c for c in columns[first_task] if c]) // 2):
            fields[0] = "part"
    if "section" in fields and "part" not in fields:
        fields[fields.index("section")] = "part"
    _dedupe(fields, headers, warnings, at)
    return fields


def _titled(cells: list[str]) -> bool:
    """Most cells read "1．标题。正文……": a short first sentence and more after it."""
    cells = [c for c in cells if c]
    rests = [first_sentence(l.rest) for l in (split_label(c) for c in cells) if l]
    return bool(cells) and sum(1 for head, rest in rests if rest and is_short_title(head)) >= 0.5 * len(cells)


def _looks_like(cells: list[str], pattern: re.Pattern) -> bool:
    cells = [c for c in cells if c]
    return bool(cells) and sum(1 for c in cells if pattern.search(c) and len(c) <= 40) >= 0.6 * len(cells)


def _dedupe(fields: list[str], headers: list[str], warnings: list[str], at: list[str] | None = None) -> None:
    seen: set[str] = set()
    for i, f in enumerate(fields):
        if f in seen and not f.startswith("extra:"):
            name = norm(headers[i]) or f"第{i + 1}列"
            fields[i] = f"extra:{name}"
            warnings.append(f"第{i + 1}列“{headers[i]}”{at[i] if at else ''}与前面的列内容相同（{f}），作为其他列 extra:{name} 保留，请核对。")
        seen.add(f)


def headers_for(fields: list[str], headers: list[str]) -> list[str]:
    return [h or default_header(f) for f, h in zip(fields, headers)]


def place_stream(grid: Grid, fields: list[str], warnings: list[str]) -> list[list[Cell]]:
    """Rebuild rows from cells in reading order: a heading starts its column, the rest follow."""
    hier = {"part": fields.index("part") if "part" in fields else -1,
            "section": fields.index("section") if "section" in fields else -1}
    task_col = next((i for i, f in enumerate(fields) if f in ("task", "task_full", "task_title")), -1)
    width = len(fields)
    rows: list[list[Cell]] = []
    row: list[Cell] | None = None
    last = -1
    for (cell,) in (r[:1] for r in grid.rows if r):
        label = split_label(cell.text)
        if label and label.style == "一、" and hier["part"] >= 0:
            col = hier["part"]
        elif label and label.style == "（一）" and hier["section"] >= 0:
            col = hier["section"]
        elif label and label.style in ("1.", "1．", "1、") and task_col >= 0:
            col = task_col
        else:
            col = last + 1
        if col >= width:
            # More cells than columns: text that ran over from the previous cell.
            if row is not None and last >= 0:
                row[last].text += cell.text
                warnings.append(f"{cell.pos}：多出的一格“{cell.text[:12]}……”接在上一格之后，请核对。")
            continue
        if row is None or col <= last:
            if row is not None:
                rows.append(row)
            row = [Cell("", cell.pos) for _ in range(width)]
        row[col] = cell
        last = col
    if row is not None:
        rows.append(row)
    return rows


def stream_fields(headers: list[str], cells: list[str], warnings: list[str]) -> list[str]:
    """Columns of a table known only as a stream of cells: headings take the leftmost columns."""
    styles = {l.style for l in (split_label(c) for c in cells) if l}
    kinds = [k for k, wanted in (("part", {"一、"}), ("section", {"（一）"}), ("task", {"1.", "1．", "1、"})) if styles & wanted]
    by_header = [header_field(h) for h in headers]
    rest = by_header[len(kinds):]
    has_content = "content" in rest
    fields = [("task" if has_content else "task_full") if k == "task" else k for k in kinds]
    for i, hf in enumerate(rest, len(kinds)):
        if hf == "extra" or hf is None or hf in ("part", "section", "task"):
            name = norm(headers[i]) or f"第{i + 1}列"
            if hf != "extra":
                warnings.append(f"无法识别第{i + 1}列“{headers[i]}”的内容，作为其他列 extra:{name} 原样保留，请核对。")
            fields.append(f"extra:{name}")
        else:
            fields.append(hf)
    _dedupe(fields, headers, warnings)
    return fields
