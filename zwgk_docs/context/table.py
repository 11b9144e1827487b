"""The 任务分解表 as rows of cells with merges, computed once for .xlsx, .docx, .pdf and .html."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Callable, Optional

from ..model import Plan
from ..model.plan import Assignment, Part, Section, SubTask, Task
from ..model.tree import task_visits
from ..model.vocab import TABLE_SUFFIX, Align, Role, column_align, column_role
from .text import sentence, heading_text

if TYPE_CHECKING:
    from ..model.units import Responsibility



@dataclass
class ColumnSpec:
    header: str
    field: str
    width: float  # in characters (Excel's column width unit)

    @property
    def align(self) -> Align:
        return column_align(self.field)

    @property
    def role(self) -> Role:
        return column_role(self.field)


@dataclass
class TableCell:
    text: str
    rowspan: int = 1  # >1 on the top cell of a vertical merge
    covered: bool = False  # True under a merge: writers leave it empty / vMerge continue


@dataclass
class TableRow:
    kind: str  # "part": one cell across the whole table; "data": one cell per column
    cells: list[TableCell]
    task_id: str = ""
    subtask_id: str = ""
    task_label: str = ""


@dataclass
class TableModel:
    title: str
    columns: list[ColumnSpec]
    rows: list[TableRow] = field(default_factory=list)
    part_rows: bool = False

    @property
    def headers(self) -> list[str]:
        return [c.header for c in self.columns]

    @property
    def total_width(self) -> float:
        return sum(c.width for c in self.columns)

    def widths(self, total: float, header_width: Callable[[str], float]) -> list[float]:
        """Column widths summing to `total` in the plan's proportions, each at least as wide as its
        header's longest line (header_width, in the same unit), so that no header wraps mid-word
        ("完成时/限"): what a narrow column lacks comes from the others, in proportion to their spare.
        """
        share = self.total_width or 1
        widths = [total * c.width / share for c in self.columns]
        needs = [max((header_width(line) for line in c.header.split("\n")), default=0.0) for c in self.columns]
        if sum(needs) > total:  # the headers cannot all fit: keep the proportions
            return widths
        short = sum(max(n - w, 0.0) for w, n in zip(widths, needs))
        spare = sum(max(w - n, 0.0) for w, n in zip(widths, needs))
        if short <= 0 or spare <= 0:
            return widths
        return [n if w <= n else w - (w - n) * short / spare for w, n in zip(widths, needs)]

    def subset(self, keep: "set[int]") -> "TableModel":
        """The table with only the data rows at indices `keep` (per-unit lists).

        A merged cell shrinks to its kept rows, its text moving to the first of them;
        a part row stays when any of its data rows does.
        """
        rows: list[TableRow] = []
        for i, row in enumerate(self.rows):
            if row.kind == "part":
                nxt = next((j for j in range(i + 1, len(self.rows)) if self.rows[j].kind == "part"), len(self.rows))
                if keep & set(range(i + 1, nxt)):
                    rows.append(TableRow("part", [TableCell(c.text) for c in row.cells]))
                continue
            if i not in keep:
                continue
            cells = []
            for c, _cell in enumerate(row.cells):
                top = i
                while self.rows[top].cells[c].covered:
                    top -= 1
                span = range(top, top + self.rows[top].cells[c].rowspan)
                kept = [k for k in span if k in keep]
                if kept[0] != i:
                    cells.append(TableCell("", covered=True))
                else:
                    cells.append(TableCell(self.rows[top].cells[c].text, rowspan=len(kept)))
            rows.append(TableRow(row.kind, cells, row.task_id, row.subtask_id, row.task_label))
        return TableModel(self.title, list(self.columns), rows, self.part_rows)


def _value(a: Assignment, name: str, sep: str, canonical: Optional[Callable[[Assignment], "Responsibility"]] = None) -> Optional[str]:
    if name in ("lead", "responsible", "cooperate", "units"):
        source = canonical(a) if canonical else a
        units = getattr(source, name) if name != "units" else list(dict.fromkeys(source.lead + source.responsible + source.cooperate))
        return sep.join(units) if units else None
    if name == "deadline":
        return str(a.deadline) if a.deadline else None
    if name.startswith("extra:"):
        return a.extra.get(name[6:].strip())
    value: Optional[str] = getattr(a, name)
    return value


def _paragraphs_with_lead(node: Task | SubTask) -> str:
    body = "\n".join(node.text)
    if node.title:
        head = heading_text(node.label, sentence(node.title))
        return head + body if body else head
    if node.label:
        return heading_text(node.label, "") + body
    return body


def _content(task: Task, sub: Optional[SubTask]) -> str:
    return _paragraphs_with_lead(sub) if sub is not None else "\n".join(task.text)


def build_table(plan: Plan) -> TableModel:
    spec = plan.table
    sep = spec.unit_separator
    canon = None
    if spec.unit_names == "canonical":  # print declared names instead of the plan's wording
        from .units import assignment_roles, plan_directory

        directory = plan_directory(plan)

        def canon(a: Assignment) -> "Responsibility":
            return assignment_roles(a, directory, getattr(a, "responsibility", None))
    columns = [ColumnSpec(c.header, c.field, c.width) for c in spec.columns]
    model = TableModel(table_title(plan), columns, part_rows=spec.part_rows)

    # One entry per data row: (part, section, task, subtask)
    units: list[tuple[Part, Optional[Section], Task, Optional[SubTask]]] = []
    # Without a column for the task's own wording, a task with sub-tasks gets its own row first and
    # its sub-tasks are numbered 1.1, 1.2 (how such tables are printed, and read back by zwgk import).
    head_rows = not any(c.field in ("task", "task_title", "task_full") for c in spec.columns) and any(c.field == "content" for c in spec.columns)
    heads: set[int] = set()
    for v, task in task_visits(plan):
        if head_rows and task.subtasks and (task.title or task.text):
            heads.add(id(task))
            units.append((v.part, v.section, task, None))
        subs: list[Optional[SubTask]] = list(task.subtasks) or [None]
        for sub in subs:
            units.append((v.part, v.section, task, sub))

    def cell_text(col: ColumnSpec, part: Part, section: Optional[Section], task: Task, sub: Optional[SubTask]) -> tuple[str, object]:
        """(text, merge key): consecutive rows with the same non-None key merge."""
        f = col.field
        if f == "part":
            return heading_text(part.label, part.title), ("part", id(part))
        if f == "section":
            return (heading_text(section.label, section.title), ("section", id(section))) if section else ("", ("nosection", id(part)))
        if f == "number":
            if id(task) in heads:
                return (f"{task.ordinal}.{task.subtasks.index(sub) + 1}" if sub is not None else str(task.ordinal)), None
            return (str(task.ordinal), ("task", id(task)))
        if f == "task":
            return heading_text(task.label, task.title or "\n".join(task.text)), ("task", id(task))
        if f == "task_title":
            return task.title or "", ("task", id(task))
        if f == "task_full":
            return _paragraphs_with_lead(task), ("task", id(task))
        if f == "content":
            if sub is None and id(task) in heads:
                return (sentence(task.title) if task.title else "") + "\n".join(task.text), None  # no label: 序号 has it
            return _content(task, sub), None
        # assigned fields: merged over the task when no sub-task sets its own value
        if id(task) in heads:
            return (_value(sub if sub is not None else task, f, sep, canon) or ""), None
        if sub is not None and any(_value(s, f, sep, canon) for s in task.subtasks):
            own = _value(sub, f, sep, canon)
            return (own if own is not None else (_value(task, f, sep, canon) or "")), None
        return _value(task, f, sep, canon) or "", ("task", id(task))

    current_part = None
    grid: list[TableRow] = []
    keys: list[list[object]] = []
    for part, section, task, sub in units:
        if spec.part_rows and part is not current_part:
            grid.append(TableRow("part", [TableCell(heading_text(part.label, part.title))]))
            keys.append([None])
        current_part = part
        texts, row_keys = [], []
        for col in columns:
            text, key = cell_text(col, part, section, task, sub)
            texts.append(TableCell(text))
            row_keys.append(key)
        grid.append(TableRow("data", texts, task.id or "", (sub.id or "") if sub else "", task.label))
        keys.append(row_keys)

    # Vertical merges: runs of equal keys within consecutive data rows.
    for c in range(len(columns)):
        r = 0
        while r < len(grid):
            if grid[r].kind != "data" or keys[r][c] is None:
                r += 1
                continue
            end = r + 1
            while end < len(grid) and grid[end].kind == "data" and keys[end][c] == keys[r][c]:
                end += 1
            if end - r > 1:
                grid[r].cells[c].rowspan = end - r
                for k in range(r + 1, end):
                    grid[k].cells[c] = TableCell("", covered=True)
            r = end
    model.rows = grid
    return model


def table_title(plan: Plan) -> str:
    """The table's title: its own, else the 要点's title + 任务分解表."""
    return plan.table.title or f"{plan.plan.title}{TABLE_SUFFIX}"
