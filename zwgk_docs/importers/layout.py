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
from ..model.vocab import column_kind, is_extra
from .columns import content_role, counts_groups, describe, profile
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


_TEXT_HINTS = (None, "task", "content", "part", "section")


def role_name(f: str) -> str:
    kind = column_kind(f)
    return "其他列（原样保留）" if is_extra(f) else (f"{kind.meaning}（{f}）" if kind else f)


def column_fields(headers: list[str], columns: list[list[Cell]], warnings: list[str], where: list[str] | None = None,
                  merges_known: bool = True, decisions: list[str] | None = None) -> list[str]:
    """The field of each column, from what its cells hold; headers only break ties.
    where: each header cell's position; decisions receives one sentence per column."""
    decisions = decisions if decisions is not None else []
    at = [f"（{w}）" for w in (where or [])] + [""] * (len(headers) - len(where or []))
    texts = [[c.text if not c.covered else "" for c in col] for col in columns]
    profiles = [profile(col, not merges_known) for col in columns]
    roles = [content_role(p) for p in profiles]
    by_header = [header_field(h) for h in headers]
    by_label = [_content_kind(col) for col in texts]
    if "number" in by_header:  # a 序号 column exists: other all-digit columns (分值, 数量) are not numbers
        by_label = [None if k == "number" and hf != "number" and h else k for h, hf, k in zip(headers, by_header, by_label)]
    why: dict[int, str] = {}
    unsure: set[int] = set()
    fields: list[str | None] = [None] * len(headers)
    labelled_task = any(k == "task" for k in by_label)
    has_content = any(f == "content" and k is None and r == "long" for f, k, r in zip(by_header, by_label, roles))
    # 1. numbering labels in the cells (一、 （一） 1.) and header words naming units, dates, notes
    for i, (h, hf, kind) in enumerate(zip(headers, by_header, by_label)):
        if kind == "number" or (roles[i] == "number" and hf in (None, "number") and "number" not in fields):
            fields[i], why[i] = "number", "内容是短数字"
        elif kind in ("part", "section") and hf == "task" and not any(k in ("task", "number") for k in by_label):
            fields[i], why[i] = "task", "编号为（一）式，表头为任务"  # tasks numbered （一） (吉林市)
        elif kind in ("part", "section"):
            fields[i], why[i] = kind, f"内容以“{'一、' if kind == 'part' else '（一）'}”式编号开头"
        elif kind == "task":
            full = not (has_content or (profiles[i].avg <= 40 and not _titled(texts[i])))
            fields[i], why[i] = ("task_full" if full else "task"), "内容以“1.”式编号开头"
        elif hf not in _TEXT_HINTS:
            fields[i] = f"extra:{norm(h)}" if hf == "extra" else hf
            why[i] = f"按表头“{h}”"
            if hf in ("lead", "responsible", "cooperate") and roles[i] == "deadline":
                unsure.add(i)
                why[i] += "（但内容像完成时限，请核对）"
        elif hf is None and roles[i] == "deadline":
            fields[i], why[i] = "deadline", "内容像完成时限（如“6月底前”“全年”）"
        elif hf is None and roles[i] == "units":
            fields[i] = "cooperate" if "responsible" in fields else "responsible"
            why[i] = "内容是单位名称"
    # 2. the text columns left: the detail is the longest on the right, categories stand left of it
    free = [i for i in range(len(headers)) if fields[i] is None and roles[i] is not None]
    long_cols = [i for i in free if roles[i] == "long"]
    detail = max(long_cols, key=lambda i: (profiles[i].avg, i)) if long_cols else None
    if detail is None and not labelled_task:
        hinted = [i for i in free if by_header[i] in ("content", "task")]
        detail = hinted[-1] if hinted else (free[-1] if free else None)
    number = fields.index("number") if "number" in fields else None
    cats = [i for i in free if detail is not None and i < detail and profiles[i].avg < profiles[detail].avg
            and (roles[i] == "category" or by_header[i] in ("part", "section"))]
    if detail is not None:
        if labelled_task:
            fields[detail], why[detail] = "content", "长句，任务列旁的具体内容"
        elif cats or number is not None or by_header[detail] in ("content", "task", None):
            fields[detail], why[detail] = "content", (f"长句（{describe(profiles[detail])}）" if roles[detail] == "long" else f"按表头“{headers[detail]}”")
    if cats and not labelled_task:
        last = cats[-1]
        if number is not None and counts_groups(columns[number], columns[last]):
            fields[last], why[last] = "task_title", f"合并或重复的短文字，序号随它变化：它是任务，右边“{headers[detail or 0]}”各行是子任务"
        elif number is None and by_header[last] == "task":
            fields[last], why[last] = "task_title", f"合并或重复的短文字，表头“{headers[last]}”：作为任务，各行作为子任务"
            unsure.add(last)
        else:
            level = "section" if "part" in fields or len([c for c in cats if c != last]) >= 1 else "part"
            fields[last] = level
            why[last] = "合并或重复的短文字，在长文字左边" + ("，序号按行编号：它是分类，各行是任务" if number is not None else "：它是分类，各行是任务")
            if number is None and by_header[last] not in ("part", "section"):
                unsure.add(last)
        for i in cats[:-1]:
            upper = "part" if "part" not in fields else ("section" if "section" not in fields else None)
            if upper:
                fields[i], why[i] = upper, "合并或重复的短文字，在分类左边"
    elif cats and labelled_task:
        for i in cats:
            upper = "part" if "part" not in fields else ("section" if "section" not in fields else None)
            if upper:
                fields[i], why[i] = upper, "合并或重复的短文字，在任务左边"
    for i in range(len(headers)):
        if fields[i] is not None:
            continue
        h, hf = headers[i], by_header[i]
        if hf == "task" and roles[i] is not None:
            fields[i] = "task_title" if "content" in fields else "content"
            why[i] = f"按表头“{h}”"
        elif hf in ("content", "part", "section") and roles[i] is not None and hf not in fields:
            fields[i], why[i] = hf, f"按表头“{h}”"
        else:
            fields[i] = f"extra:{norm(h) or f'第{i + 1}列'}"
            why[i] = "无法判断" if roles[i] is not None else "整列为空"
            if roles[i] is not None:
                unsure.add(i)
                warnings.append(f"无法识别第{i + 1}列“{h or '（无表头）'}”{at[i]}的内容，作为其他列 {fields[i]} 原样保留，请核对。")
    if "section" in fields and "part" not in fields:
        fields[fields.index("section")] = "part"
    out = [f or "" for f in fields]
    _dedupe(out, headers, warnings, at)
    for i, f in enumerate(out):
        hint = f"，表头“{headers[i]}”" if headers[i] else ""
        evidence = f"（依据 {profiles[i].where}）" if profiles[i].where else ""
        decisions.append(f"第{i + 1}列{hint}{at[i]} → {role_name(f)}：{why.get(i, '')}{evidence}" + ("；不确定，请核对" if i in unsure else ""))
    return out


def _titled(cells: list[str]) -> bool:
    """Most cells read "1．标题。正文……": a short first sentence and more after it."""
    cells = [c for c in cells if c]
    rests = [first_sentence(l.rest) for l in (split_label(c) for c in cells) if l]
    return bool(cells) and sum(1 for head, rest in rests if rest and is_short_title(head)) >= 0.5 * len(cells)


def _looks_like(cells: list[str], pattern: re.Pattern[str]) -> bool:
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
