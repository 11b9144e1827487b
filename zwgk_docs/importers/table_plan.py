"""Grid → Draft: walk the rows of a 任务分解表 and rebuild parts, sections, tasks and sub-tasks.

Merged category cells may arrive merged (covered), repeated on every row, or empty
below the first: all three read as "same as above". A task spans the rows until
the next task cell; its rows become sub-tasks when there are several.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Callable, Optional

from ..model.vocab import TASK_FIELDS, UNIT_FIELDS, default_width, fields_in
from .assign import cell_separator, split_cell
from .draft import ColumnData, Draft, NumberingData, PartData, SectionData, SubTaskData, TaskData, guess_year, set_assigned
from .grid import Cell, Grid
from .labels import CLOSERS, Label, first_sentence, is_short_title, split_label
from .rows import heading_row, is_header_repeat, note_row, stray_text
from .layout import Layout, column_fields, find_header, headers_for, place_stream, stream_fields, _title

ASSIGNED = fields_in("unit", "assigned")


@dataclass
class Row:
    values: dict[str, Cell]  # field → cell
    pos: str
    sub_numbered: bool = False  # 序号 1.1 / 1.2 under task 1


@dataclass
class Node:
    kind: str
    label: Optional[Label]
    raw: str
    title: str = ""
    children: list["Node"] = field(default_factory=list)
    rows: list[Row] = field(default_factory=list)
    number: Optional[int] = None
    pos: str = ""
    rows_text: str = ""  # a 编号、标题和正文 cell's text after its title: the task's own text


_SUB_NUMBER = re.compile(r"^(\d+)\s*[.．\-－]\s*\d+$")


def _heading(kind: str, text: str, pos: str, warnings: list[str]) -> Node:
    label = split_label(text)
    expected = {"part": ("一、",), "section": ("（一）",)}[kind]
    if label and label.style in expected:
        return Node(kind, label, text, label.rest.rstrip("。"), pos=pos)
    if label:
        warnings.append(f"{pos}：“{text[:20]}”的编号“{label.text}”不是{'一级（一、）' if kind == 'part' else '二级（（一））'}的样式，编号原样保留在标题中。")
    return Node(kind, None, text, text, pos=pos)


def read_table(grid: Grid) -> Draft:
    warnings: list[str] = list(grid.warnings)
    decisions: list[str] = []
    first, last = find_header(grid)
    if grid.stream:
        headers = [c.text for c in grid.rows[0]]
        fields = stream_fields(headers, [r[0].text for r in grid.rows[1:] if r], warnings)
        data = place_stream(Grid(grid.rows[1:], grid.source), fields, warnings)
        first = last = 0
    else:
        width = grid.width
        data = [list(r) for r in grid.rows[last + 1:]]
        if grid.align_right:
            for r in data:
                r[:0] = [Cell("", r[0].pos if r else "") for _ in range(width - len(r))]
        headers = [c.text for c in grid.rows[last]] if last >= 0 else [""] * width
        if first >= 0 and last != first:
            headers = [lo.text if lo.text and not lo.covered else up.text for up, lo in zip(grid.rows[first], grid.rows[last])]
        headers += [""] * (width - len(headers))
        body = [r for r in data if not is_header_repeat(r, headers) and heading_row(r, []) is None]
        columns = [[r[c] if c < len(r) else Cell("", "") for r in body] for c in range(width)]
        where = [c.pos for c in grid.rows[last]] if last >= 0 else None
        fields = column_fields(headers, columns, warnings, where, grid.merges_known, decisions)
        if last < 0:
            warnings.append("没有找到表头行（如“序号 工作任务 责任单位 完成时限”），列的含义按内容推断：" + "、".join(headers_for(fields, headers)) + "，请核对。")
    layout = Layout(last, headers_for(fields, headers), fields, _title(grid, first), warnings)
    layout.merges_known = grid.merges_known
    draft = _walk(layout, data, grid)
    draft.decisions = [f"{grid.source}：" + d for d in decisions]
    return draft


def _reclassify(row: list[Cell], fields: list[str]) -> None:
    """A cell in the section column that reads 四、…… belongs to the part column (池州's last part has no sections)."""
    if "part" in fields and "section" in fields:
        p, s = fields.index("part"), fields.index("section")
        label = split_label(row[s].text) if s < len(row) else None
        if label and label.style == "一、" and not row[p].text:
            row[p], row[s] = row[s], Cell("", row[s].pos)


def _walk(layout: Layout, data: list[list[Cell]], grid: Grid) -> Draft:
    fields, warnings = layout.fields, layout.warnings
    draft = Draft(title=layout.title, table_title=layout.title, warnings=warnings)
    parts: list[Node] = []
    part: Optional[Node] = None
    section: Optional[Node] = None
    task: Optional[Node] = None
    task_keys: dict[str, str] = {}
    has_task_col = any(f in fields for f in TASK_FIELDS)
    for raw in data:
        row = raw + [Cell("", raw[-1].pos if raw else "") for _ in range(len(fields) - len(raw))]
        if all(not c.text for c in row) or is_header_repeat(row, layout.headers):
            continue
        note = note_row(row)
        if note is not None:
            warnings.append(f"{row[0].pos}：表中的说明行不是任务，没有导入，原文为：{note}")
            continue
        banner = heading_row(row, fields)
        if banner is not None:
            part = _heading("part", banner, row[0].pos, warnings)
            parts.append(part)
            draft.part_rows = True
            section = task = None
            continue
        _reclassify(row, fields)
        cells = {f: row[i] for i, f in enumerate(fields) if i < len(row)}
        if _fresh(cells, "part") and (part is None or cells["part"].text != part.raw):
            part = _heading("part", cells["part"].text, cells["part"].pos, warnings)
            parts.append(part)
            section = task = None
        if _fresh(cells, "section") and (section is None or cells["section"].text != section.raw):
            if part is None:
                part = Node("part", None, "", "")
                parts.append(part)
            section = _heading("section", cells["section"].text, cells["section"].pos, warnings)
            part.children.append(section)
            task = None
        row_keys = {f: cells[f].text for f in TASK_FIELDS if _fresh(cells, f)}
        sub_no = _SUB_NUMBER.match(row_keys.get("number", ""))
        sub_row = bool(sub_no and task is not None and task.number == int(sub_no.group(1)))
        if sub_row:
            # 序号 1.1, 1.2 under task 1: rows of that task. The rebuilt 序号 column prints the task's number only.
            if not any("序号写作" in w for w in warnings):
                warnings.append(f"{cells['number'].pos}：序号写作“{row_keys['number']}”，按上一项任务的子任务读入；"
                                "生成的表格序号列只印任务的序号，请核对。")
            del row_keys["number"]
        content = cells["content"].text if "content" in cells and not cells["content"].covered else ""
        other = any(_fresh(cells, f) for f in fields if f not in ("part", "section", "content") and f not in TASK_FIELDS)
        if not row_keys and not content and not other:
            continue  # a heading-only row (text extractions repeat merged labels on their own)
        # A task-name cell merged down over this row means the same task, even if 序号 counts rows.
        name_merged = any(f in cells and cells[f].covered for f in ("task", "task_title", "task_full"))
        named = any(_fresh(cells, f) for f in ("task", "task_title", "task_full"))
        if has_task_col and not named and not content and not name_merged and not any(_fresh(cells, f) for f in ASSIGNED):
            # 合计/小计 rows, numbered but empty rows: no text, units or deadline — no task.
            warnings.append(f"{row[0].pos}：这一行没有任务内容、单位和时限，不作为任务导入，原文为：{stray_text(row)}")
            continue
        new_task = task is None or not has_task_col or (
            not name_merged and bool(row_keys) and any(task_keys.get(f) != v for f, v in row_keys.items()))
        if name_merged and "number" in row_keys and task is not None and row_keys["number"] != task_keys.get("number"):
            warnings.append(f"{cells['number'].pos}：序号按行编号，而任务名称合并跨行；计划按任务编号，各行作为子任务，请核对。")
        if not new_task and task is not None and content and not other and task.rows and _continues(task.rows[-1]):
            prev = task.rows[-1].values["content"]
            prev.text += content
            warnings.append(f"{cells['content'].pos}：这一行只有内容，且上一行内容未以句号结束，作为上一行的续行合并，请核对。")
            continue
        if new_task:
            if part is None:
                part = Node("part", None, "", "")
                parts.append(part)
            task = _task_node(cells, row_keys, fields, warnings)
            (section or part).children.append(task)
            task_keys = dict(row_keys)
        assert task is not None  # a row that starts no task continues the one before
        task.rows.append(Row(cells, row[0].pos, sub_row))
    for p in [p for p in parts if not p.children]:
        # A banner row with nothing under it (a closing remark below the table) is no part.
        warnings.append(f"{p.pos}：“{p.raw[:20]}”下面没有任务，不作为部分导入，原文为：{p.raw}")
        parts.remove(p)
    _finish(draft, parts, layout)
    return draft


def _fresh(cells: dict[str, Cell], f: str) -> bool:
    """The row has its own text in column f (not a merged cell's cover, not a banner's span)."""
    return f in cells and bool(cells[f].text) and not cells[f].covered and not cells[f].spanned


def _continues(prev: Row) -> bool:
    cell = prev.values.get("content")
    return cell is not None and bool(cell.text) and not cell.text.rstrip().endswith(tuple(CLOSERS))


def _task_node(cells: dict[str, Cell], keys: dict[str, str], fields: list[str], warnings: list[str]) -> Node:
    node = Node("task", None, "", pos=next(iter(cells.values())).pos if cells else "")
    if "number" in keys:
        digits = re.sub(r"\D", "", keys["number"])
        node.number = int(digits) if digits else None
    for f in ("task", "task_full", "task_title"):
        text = keys.get(f)
        if not text:
            continue
        label = split_label(text)
        if label:
            node.label, text = label, label.rest
            node.number = node.number or label.number
        node.raw = text
        if f == "task_full":
            head, rest = first_sentence(text)
            if is_short_title(head) and rest:
                node.title, node.rows_text = head, rest
            else:
                node.rows_text = text
        else:
            node.title = text
    return node


def _cell_value(cell: Optional[Cell]) -> object:
    if cell is None or not cell.text:
        return None
    if isinstance(cell.value, dt.date):
        return cell.value
    return cell.text


def _finish(draft: Draft, parts: list[Node], layout: Layout) -> None:
    fields = layout.fields
    unit_cells = [row.values[f] for p in parts for t in _tasks(p) for row in t.rows for f in UNIT_FIELDS
                  if f in row.values and row.values[f].text and not row.values[f].covered]
    by_cell = [(c, cell_separator(c.text)) for c in unit_cells]
    seps = Counter(s for _, s in by_cell if s)
    sep = seps.most_common(1)[0][0] if seps else None
    draft.unit_separator = "\n" if sep in (" ", "\n") else (sep or "、")
    shown = {"\n": "换行", " ": "空格"}
    for cell_sep in seps:
        if sep is not None and cell_sep != sep and not ({cell_sep, sep} <= {" ", "\n"}):
            where = "、".join(c.pos for c, s in by_cell if s == cell_sep)
            draft.warnings.append(f"{where}：单位之间用“{shown.get(cell_sep, cell_sep)}”分隔，与多数单位格（“{shown.get(sep, sep)}”）不同；"
                                  f"已拆分为单位列表，生成的表格统一用“{shown.get(sep, sep)}”分隔。")

    def units(text: str) -> str | list[str]:
        own = cell_separator(text)
        if own:
            items = split_cell(text, own)
            return items if len(items) > 1 else items[0]
        return text

    def value(f: str, cell: Optional[Cell]) -> object:
        v = _cell_value(cell)
        if isinstance(v, str) and f in UNIT_FIELDS:
            return units(v)
        return v

    assigned = [f for f in fields if f in ASSIGNED or f.startswith("extra:")]
    named = "content" in fields and any(f in fields for f in ("task", "task_title"))
    literal = layout.merges_known
    out_parts: list[PartData] = []
    for p in parts:
        pd: PartData = {"title": p.title or p.raw or "全部任务"}
        if not (p.title or p.raw):
            draft.warnings.append("表中没有一级分类：全部任务放在一个部分“全部任务”下（部分标题不印在表中，需要时请改写）。")
        tasks_here = [c for c in p.children if c.kind == "task"]
        sections = [c for c in p.children if c.kind == "section"]
        if tasks_here and sections:
            draft.warnings.append(f"{p.pos}：“{pd['title'][:16]}”下既有直接列出的任务又有二级分类，直接列出的任务已并入第一个二级分类，请核对。")
            sections[0].children[:0] = tasks_here
            tasks_here = []
        if sections:
            pd["sections"] = [SectionData(title=s.title or s.raw, tasks=[_task_dict(t, assigned, value, draft, named, literal) for t in s.children])
                              for s in sections]
        else:
            pd["tasks"] = [_task_dict(t, assigned, value, draft, named, literal) for t in tasks_here]
        out_parts.append(pd)
    draft.parts = out_parts
    draft.columns = [ColumnData(header=h, field=f, width=default_width(f)) for h, f in zip(layout.headers, fields)]
    draft.numbering = _numbering(parts, fields, draft.warnings)
    draft.year = guess_year(draft.title)


def _tasks(p: Node) -> list[Node]:
    return [c for c in p.children if c.kind == "task"] + [t for s in p.children if s.kind == "section" for t in s.children]


CellValue = Callable[[str, Optional[Cell]], object]


def _task_dict(t: Node, assigned: list[str], value: CellValue, draft: Draft, named: bool, literal: bool) -> TaskData:
    """named: the table has a task-name column beside the content column, so content rows are sub-tasks.
    literal: the file records merges, so an empty cell below a filled one is empty, not "same as above"."""
    d: TaskData = {}
    body = t.rows_text
    split_rows = False
    if len(t.rows) > 1 and not t.rows[0].sub_numbered and all(r.sub_numbered for r in t.rows[1:]):
        # 1 / 1.1 / 1.2: row 1 holds the task itself, the 1.x rows its sub-tasks.
        head = t.rows.pop(0)
        own = head.values.get("content")
        if own is not None and own.text and not own.covered:
            title, rest = first_sentence(own.text)
            if not t.title and is_short_title(title):
                t.title, body = title, rest
            else:
                body = (body + "\n\n" + own.text) if body else own.text
        for f in assigned:
            c = head.values.get(f)
            if c is not None and c.text and not c.covered:
                _put(d, f, value(f, c))
        named = split_rows = True
    if t.title:
        d["title"] = t.title
    contents = [r.values["content"].text for r in t.rows if "content" in r.values and r.values["content"].text]
    # With a task-name column, content rows are sub-tasks (one row too), so the table rebuilds as it was.
    several = (len(t.rows) > 1 and len(contents) > 1) or (named and bool(contents))
    if body:
        d["text"] = body
    if contents and not several:
        d["text"] = (body + "\n\n" + contents[0]) if body else contents[0]
    task_level: dict[str, object] = {}
    sub_level: list[str] = []
    for f in assigned:
        cells = [r.values.get(f) for r in t.rows]
        texts = [c.text if c is not None and c.text else "" for c in cells]
        if not several:
            top = next((c for c in cells if c is not None and c.text), None)
            if top is not None:
                task_level[f] = value(f, top)
            continue
        filled = [x for x in texts if x]
        covered_below = all(c is None or c.covered or (not c.text and not literal) for c in cells[1:])
        if filled and texts[0] and len(t.rows) > 1 and not split_rows and (covered_below or len(set(filled)) == 1 and len(filled) == len(texts)):
            task_level[f] = value(f, cells[0])
        elif filled:
            sub_level.append(f)
    for f, v in task_level.items():
        _put(d, f, v)
    if several:
        subs: list[SubTaskData] = []
        for r in t.rows:
            text = r.values["content"].text if "content" in r.values else ""
            sd: SubTaskData = {"text": text} if text else {}
            for f in sub_level:
                c = r.values.get(f)
                if c is not None and c.text:
                    _put(sd, f, value(f, c))
            if sd:
                subs.append(sd)
        d["subtasks"] = subs
    if not d.get("title") and not d.get("text") and not d.get("subtasks"):
        draft.warnings.append(f"{t.pos}：这一项任务没有任何内容，请核对。")
        d["title"] = t.raw or "（无内容）"
    for r in t.rows:
        cell = r.values.get("deadline")
        if cell is not None and not cell.covered and len(re.findall(r"\d{1,2}\s*月|\d{4}-\d{1,2}", cell.text)) > 1:
            draft.warnings.append(f"{cell.pos}：完成时限“{cell.text}”含多个日期，原样保留；逾期统计只按第一个日期。")
    return d


def _put(d: SubTaskData, f: str, v: object) -> None:
    """A table column's value into the task: extra:列名 into extra, 全部单位 (units) as 责任单位."""
    if f.startswith("extra:"):
        d.setdefault("extra", {})[f[6:]] = v if isinstance(v, str) else str(v)
    else:
        set_assigned(d, "responsible" if f == "units" else f, v)


def _numbering(parts: list[Node], fields: list[str], warnings: list[str]) -> NumberingData:
    numbering: NumberingData = {}
    labelled = [p for p in parts if p.label]
    numbering["part"] = {"style": "一、" if labelled else "none"}
    sections = [s for p in parts for s in p.children if s.kind == "section"]
    if sections:
        restart = any(s.label and s.label.number == 1 for p in parts[1:] for s in p.children[:1] if s.kind == "section")
        numbering["section"] = {"style": "（一）" if any(s.label for s in sections) else "none", "restart": restart}
    tasks = [t for p in parts for t in _tasks(p)]
    styles = Counter(t.label.style for t in tasks if t.label)
    style = styles.most_common(1)[0][0] if styles else ("1." if "number" in fields else "none")
    if len(styles) > 1:
        warnings.append("任务编号样式不统一（" + "、".join(f"“{s}”{n}处" for s, n in styles.items()) + f"），统一为“{style}”。")
    numbers = [t.number for t in tasks]
    restart = False
    if all(n is not None for n in numbers) and numbers:
        parents = [s for p in parts for s in ([p] + [c for c in p.children if c.kind == "section"])]
        firsts = [next((c.number for c in par.children if c.kind == "task"), None) for par in parents]
        restart = sum(1 for n in firsts if n == 1) > 1
        _check_sequence(parts, restart, warnings)
    numbering["task"] = {"style": style, "restart": restart}
    numbering["subtask"] = {"style": "none"}
    return numbering


def _check_sequence(parts: list[Node], restart: bool, warnings: list[str]) -> None:
    expected = 0
    for p in parts:
        for par in [p] + [c for c in p.children if c.kind == "section"]:
            if restart:
                expected = 0
            for t in (c for c in par.children if c.kind == "task"):
                expected += 1
                if t.number != expected:
                    warnings.append(f"{t.pos}：任务编号为 {t.number}，按顺序应为 {expected}；计划按顺序重新编号，请核对。")
                    expected = t.number or expected
