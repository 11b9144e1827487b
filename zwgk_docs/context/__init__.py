"""Stage 3 of the pipeline: one render context that every writer reads.

Everything a writer needs that involves a decision — labels, joined heading
text, table rows and merges, formatted dates, the 附件说明 — is computed here,
so the .docx, .xlsx, .pdf, .html and the report cannot disagree.
"""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Optional

from ..fonts import office_fonts
from ..model import Plan, WebMeta
from ..model.plan import Part, Section, SubTask, Task
from ..model.tree import task_visits, walk
from .table import TableModel, build_table
from ..model import vocab
from ..model.vocab import NoteLine, style_level
from ..standard.title_breaks import title_lines
from .text import sentence, cn_date, heading_text, issue_sentence, join_units
from .units import UnitDirectory, UnitInfo, UnitList, assignment_roles, plan_directory, unit_lists

if TYPE_CHECKING:
    from ..files import SealImage
    from ..writers.xlsx.ledger import LedgerData

__all__ = [
    "RenderContext", "OutlineItem", "ProseBlock", "TaskInfo", "NoticeInfo", "AttachmentInfo",
    "TableModel", "UnitList", "UnitInfo", "UnitDirectory", "build_context", "cn_date", "heading_text", "join_units",
]

@dataclass
class OutlineItem:
    level: int
    label: str
    title: Optional[str]
    text: Optional[str]
    kind: str  # part | section | task | subtask
    id: str

    def as_json(self) -> dict[str, object]:
        return {"level": self.level, "label": self.label, "title": self.title, "text": self.text, "kind": self.kind, "id": self.id}


@dataclass
class ProseBlock:
    """One paragraph of the 要点 text, in reading order.

    `lead_in` is the numbered heading sentence ("1. 全面公开各类规划信息。"), set in the
    heading font of `style_level`; `text` is the running text that follows in body font.
    """

    kind: str  # paragraph | part | section | task | subtask | responsibility
    lead_in: str = ""
    text: str = ""
    style_level: int = 0  # 1 黑体, 2 楷体, 3/4 仿宋 (numbered), 0 body
    id: str = ""
    label: str = ""


@dataclass
class TaskInfo:
    """A task flattened for tables, ledgers, per-unit lists and the annual report."""

    id: str
    label: str
    ordinal: int
    title: str
    heading: str  # label + title, as printed in the table's 事项名称
    text: str
    part_heading: str
    section_heading: str
    lead: list[str]
    responsible: list[str]
    cooperate: list[str]
    deadline: str
    due: Optional[dt.date]
    subtasks: list["TaskInfo"] = field(default_factory=list)

    @property
    def units(self) -> list[str]:
        seen: list[str] = []
        for unit in self.lead + self.responsible + self.cooperate + [u for s in self.subtasks for u in s.lead + s.responsible + s.cooperate]:
            if unit not in seen:
                seen.append(unit)
        return seen

    @property
    def final_due(self) -> Optional[dt.date]:
        """The task's due date, else the latest sub-task due date when every sub-task has one."""
        if self.due is not None or not self.subtasks:
            return self.due
        dues = [s.due for s in self.subtasks if s.due is not None]
        return max(dues) if len(dues) == len(self.subtasks) else None

    @property
    def leads(self) -> list[str]:
        """牵头单位 of the task and its sub-tasks, first appearance first (report summary by unit)."""
        return list(dict.fromkeys(self.lead + [u for s in self.subtasks for u in s.lead]))


@dataclass
class AttachmentInfo:
    number: int
    mark: str  # "附件" or "附件1" — the label on the attachment's first page
    title: str
    content: str  # table | plan | none


@dataclass
class NoticeInfo:
    issuer: str
    issuer_mark: str
    doc_number: str
    copy_number: str
    secrecy: str
    urgency: str
    signer: str
    title: str
    title_lines: list[str]  # as printed: where the 标题 turns to its next line (§7.3.1, standard/title_breaks.py)
    recipients: str
    body: list[str]
    attachment_note: list[NoteLine]  # 附件说明, line by line
    attachments: list[AttachmentInfo]
    signature: str
    date_text: str
    seal_image: str  # as the plan names it; "" without a seal
    note_text: str  # "（此件公开发布）"
    cc: list[str]
    printer: str
    print_date_text: str
    plan_follows: bool
    banji_even_page: bool = False  # 版记 on an even page of its own (an option: spec §7.4, [P]/[U])

    @property
    def plan_after_notice(self) -> bool:
        """The 要点 is printed after the 通知 (its 附件说明 after it) unless an 附件 carries it."""
        return self.plan_follows and not any(a.content == "plan" for a in self.attachments)

    @property
    def cc_text(self) -> str:
        """版记 line "抄送：甲，乙。" (§7.4.2)."""
        return vocab.cc_line(self.cc)

    @property
    def printed_text(self) -> str:
        """版记 "2021年6月22日印发" (§7.4.3), "" without a 印发日期."""
        return vocab.printed_text(self.print_date_text)


@dataclass
class RenderContext:
    """Everything a writer reads. `plan` stays for API callers; writers never read it."""

    plan: Plan
    year: int
    plan_title: str
    outline: list[OutlineItem]
    prose: list[ProseBlock]
    tasks: list[TaskInfo]
    table: TableModel
    notice: Optional[NoticeInfo]
    web: dict[str, str]
    fonts: dict[str, str]  # role → office font name (see zwgk_docs.fonts)
    font_profile: str
    directory: UnitDirectory = field(default_factory=UnitDirectory)  # every unit, canonical names
    web_meta: Optional[WebMeta] = None  # the plan's web block: site metadata of the pages
    source: Optional[str] = None  # the plan file: files it names are relative to it
    previous_ledger: "Optional[LedgerData]" = None  # LedgerData of the ledger being rebuilt, carried over (collect/carry.py)

    @functools.cached_property
    def seal(self) -> "Optional[SealImage]":
        """The notice's seal image, resolved and checked once (files.py) for every writer."""
        from ..files import seal_for

        return seal_for(self)

    @property
    def units(self) -> list[UnitInfo]:
        """Units in plan order (first named in a task), then declared units no task names."""
        names = list(dict.fromkeys(u for t in self.tasks for u in t.units))
        rest = [n for n, u in self.directory.units.items() if u.declared and n not in names]
        return [self.directory.units[n] for n in names + rest]

    @property
    def task_count(self) -> int:
        return len(self.tasks)

    @property
    def unit_lists(self) -> list[UnitList]:
        """Per unit: the table rows naming it and its role (牵头/责任/配合) in each."""
        return unit_lists(self.tasks, self.table, self.directory.units)

    @property
    def table_mark(self) -> str:
        """The mark over the task table ("附件1" or "附件") when the notice attaches it, else empty."""
        if self.notice is None:
            return ""
        return next((a.mark for a in self.notice.attachments if a.content == "table"), "")


def _assignment_units(a: Task | SubTask, directory: UnitDirectory) -> tuple[list[str], list[str], list[str]]:
    """Canonical units by role, read from the unit fields (or the 责任表述 when they are empty)."""
    roles = assignment_roles(a, directory, a.responsibility)
    return roles.lead, roles.responsible, roles.cooperate


def _subtask_info(task: Task, sub: SubTask, year: int, parent: "TaskInfo", directory: UnitDirectory) -> TaskInfo:
    lead, resp, coop = _assignment_units(sub, directory)
    deadline = sub.deadline or task.deadline
    return TaskInfo(
        id=sub.id or "", label=sub.label, ordinal=sub.ordinal, title=sub.title or "",
        heading=heading_text(sub.label, sub.title), text="\n".join(sub.text),
        part_heading=parent.part_heading, section_heading=parent.section_heading,
        lead=lead, responsible=resp, cooperate=coop,
        deadline=str(deadline) if deadline else "", due=deadline.due(year) if deadline else None,
    )


def _task_info(task: Task, part: Part, section: Optional[Section], year: int, directory: UnitDirectory) -> TaskInfo:
    lead, resp, coop = _assignment_units(task, directory)
    info = TaskInfo(
        id=task.id or "", label=task.label, ordinal=task.ordinal, title=task.title or "",
        heading=heading_text(task.label, task.title or (task.text[0] if task.text else "")),
        text="\n".join(task.text),
        part_heading=heading_text(part.label, part.title),
        section_heading=heading_text(section.label, section.title) if section else "",
        lead=lead, responsible=resp, cooperate=coop,
        deadline=str(task.deadline) if task.deadline else "",
        due=task.deadline.due(year) if task.deadline else None,
    )
    info.subtasks = [_subtask_info(task, s, year, info, directory) for s in task.subtasks]
    return info


def _prose_for_task(node: Task | SubTask, kind: str, level_style: str) -> list[ProseBlock]:
    blocks: list[ProseBlock] = []
    level = style_level(level_style)
    paragraphs = list(node.text)
    if node.title:
        lead_in = heading_text(node.label, sentence(node.title))
        blocks.append(ProseBlock(kind, lead_in, paragraphs.pop(0) if paragraphs else "", level, node.id or "", node.label))
    else:
        first = paragraphs.pop(0) if paragraphs else ""
        blocks.append(ProseBlock(kind, heading_text(node.label, ""), first, level, node.id or "", node.label))
    blocks.extend(ProseBlock("paragraph", "", p) for p in paragraphs)
    return blocks


def _prose(plan: Plan) -> list[ProseBlock]:
    numbering = plan.plan.numbering
    out = [ProseBlock("paragraph", "", p) for p in plan.plan.preamble]
    after_subtasks: list[ProseBlock] = []  # a task's 责任表述 follows its sub-tasks
    for v in walk(plan):
        node = v.node
        if not isinstance(node, SubTask):
            out.extend(after_subtasks)
            after_subtasks = []
        if isinstance(node, Part):
            out.append(ProseBlock("part", heading_text(node.label, node.title), "", max(style_level(numbering.part.style), 1), node.id or "", node.label))
            out.extend(ProseBlock("paragraph", "", p) for p in node.text)
        elif isinstance(node, Section):
            out.append(ProseBlock("section", heading_text(node.label, node.title), "", max(style_level(numbering.section.style), 1), node.id or "", node.label))
            out.extend(ProseBlock("paragraph", "", p) for p in node.text)
        elif isinstance(node, Task):
            out.extend(_prose_for_task(node, "task", numbering.task.style))
            if node.responsibility:
                after_subtasks = [ProseBlock("responsibility", "", node.responsibility, 0, "", "")]
        elif node.title or node.label:  # unnumbered, untitled sub-tasks exist only in the table
            out.extend(_prose_for_task(node, "subtask", numbering.subtask.style))
            if node.responsibility:
                out.append(ProseBlock("responsibility", "", node.responsibility, 0, "", ""))
    out.extend(after_subtasks)
    out.extend(ProseBlock("paragraph", "", p) for p in plan.plan.closing)
    return out


def _outline(plan: Plan) -> list[OutlineItem]:
    return [
        OutlineItem(v.depth, v.node.label, v.node.title or None, "\n".join(v.node.text) or None, v.node.kind, v.node.id or "")
        for v in walk(plan)
    ]


def _recipients(text: Optional[str]) -> str:
    """主送机关 ends with a full-width colon (§7.3.2), whatever the plan typed after it."""
    text = (text or "").strip().rstrip(":：").rstrip()
    return f"{text}：" if text else ""


def issued_title(plan: Plan) -> str:
    """The document a 印发通知 issues: the 要点 when it is printed with the notice, else its first 附件."""
    n = plan.notice
    carried = n is not None and (n.plan_follows or any(a.content == "plan" for a in n.attachments))
    if n is not None and not carried and n.attachments:
        return n.attachments[0].title
    return plan.plan.title


def drafted_body(plan: Plan) -> list[str]:
    """The notice's 正文: the plan's own, or the standard 印发 sentence when it has none."""
    n = plan.notice
    if n is None:
        return []
    return list(n.body) or [issue_sentence(issued_title(plan))]


def _notice(plan: Plan, table_title: str) -> Optional[NoticeInfo]:
    n = plan.notice
    if n is None:
        return None
    many = len(n.attachments) > 1
    attachments = [
        AttachmentInfo(i, vocab.attachment_mark(i, many), a.title, a.content) for i, a in enumerate(n.attachments, 1)
    ]
    return NoticeInfo(
        issuer=n.issuer, issuer_mark=n.issuer_mark or n.issuer, doc_number=n.doc_number or "",
        copy_number=n.copy_number or "", secrecy=n.secrecy or "", urgency=n.urgency or "", signer=n.signer or "",
        title=n.title, title_lines=title_lines(n.title), recipients=_recipients(n.recipients), body=drafted_body(plan),
        attachment_note=vocab.attachment_note([a.title for a in attachments]),
        attachments=attachments, signature=n.signature or n.issuer, date_text=cn_date(n.date),
        seal_image=n.seal_image or "", note_text=vocab.note_text(n.note),
        cc=list(n.cc), printer=n.printer or "", print_date_text=cn_date(n.print_date), plan_follows=n.plan_follows,
        banji_even_page=n.banji_even_page,
    )


def build_context(plan: Plan, loaded: bool = False) -> RenderContext:
    """Everything the writers read. Checks and numbers the plan first, however it was made;
    `loaded`: the plan is as load_plan/loads returned it, unchanged since (checked and numbered
    there: checking a copy again is ~0.1 CPU s per 1,000 tasks)."""
    from ..load.validate import prepare

    if not loaded:
        plan = prepare(plan)  # a checked copy: writers never see text assigned after loading uncleaned
    year = plan.plan.year
    directory = plan_directory(plan)
    tasks = [_task_info(task, v.part, v.section, year, directory) for v, task in task_visits(plan)]
    table = build_table(plan)
    web = {}
    if plan.web:
        web = {
            "index_number": plan.web.index_number or "",
            "category": plan.web.category or "",
            "publish_date": cn_date(plan.web.publish_date),
        }
    return RenderContext(
        plan=plan, year=year, plan_title=plan.plan.title, outline=_outline(plan), prose=_prose(plan),
        tasks=tasks, table=table, notice=_notice(plan, table.title), web=web,
        fonts=office_fonts(plan.fonts), font_profile=plan.fonts, directory=directory,
        web_meta=plan.web, source=plan.source,
    )

