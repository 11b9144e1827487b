"""The report context: everything report.docx / .html / .pdf print, decided once.

Built from the plan's RenderContext (titles, units, deadlines are read from it, never
recomputed), the progress and the statistics. Writers only walk `sections`.

One numbering per document: the report's own levels are 一、 and （一）; the plan's parts,
sections, tasks and sub-tasks nest under 六（二） in the lower forms of `report.levels`
(1. / （1） / ① by default), numbered here once.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Optional, Protocol, Sequence

from ..context import RenderContext, TaskInfo, cn_date, heading_text, join_units
from ..numbering import format_label
from . import labels as L
from .grid import Grid, active_grid, appeals_grid, number, requests_grid, simple_grid
from .meta import Block as TextBlock, ReportMeta
from .progress import Progress
from .stats import Stats
from .summary import BUCKETS, Summary, deadline_text, summarize


@dataclass
class Block:
    """One printable element.

    kind: h2 (（一） heading) | level (a plan level under 六（二）, `level` 1–4) | p | field | evidence | table.
    """

    kind: str
    text: str = ""
    lead: str = ""  # bold lead-in of a "field" line, e.g. "完成情况："
    items: list[str] = field(default_factory=list)  # evidence entries (links, 文号)
    grid: Optional[Grid] = None
    id: str = ""  # task id, for anchors
    level: int = 0  # 1…4 for kind "level"
    pending: bool = False  # a task or sub-task not yet done (marked in every format)


@dataclass
class ReportSection:
    heading: str
    blocks: list[Block]


@dataclass
class ReportContext:
    year: int
    title: str
    organ: str
    date_text: str
    intro: list[str]
    sections: list[ReportSection]
    summary: Optional[Summary]
    fee_sentence: str
    fonts: dict[str, str]  # role → office font name
    font_profile: str
    task_count: int = 0
    date: Optional[dt.date] = None  # the report date (docProps, reproducible bytes)
    web: Any = None  # the plan's web: block (site metadata of report.html), None without a plan
    ctx: Optional[RenderContext] = None  # the plan's render context; None for a department without a plan


def fee_sentence(stats: Stats) -> str:
    """The 信息处理费 sentence of 六 (spec §7: wording not fixed by the format, so overridable)."""
    if stats.fee_text:
        return stats.fee_text
    if stats.fee == 0:
        return "本年度未收取信息处理费。"
    return f"本年度共收取信息处理费{number(Decimal(stats.fee))}元。"


def _text_blocks(blocks: list[TextBlock], start: int = 1) -> list[Block]:
    """Free paragraphs; titled blocks become （一）（二）… sub-headings."""
    out: list[Block] = []
    n = start - 1
    for b in blocks:
        if b.title:
            n += 1
            out.append(Block("h2", f"{format_label('（一）', n)}{b.title}"))
        out.extend(Block("p", p) for p in b.text)
    return out


def _paragraphs(texts: list[str]) -> list[Block]:
    return [Block("p", p) for p in texts]


PENDING = ("推进中", "未启动", "未填报")


class Reported(Protocol):
    """What a task's progress says: a matched Entry, or an item of a department without a plan."""

    @property
    def status(self) -> str: ...
    @property
    def done(self) -> Sequence[str]: ...
    @property
    def evidence(self) -> Sequence[str]: ...
    @property
    def completed(self) -> Optional[dt.date]: ...


def _status_text(entry: Optional[Reported]) -> tuple[str, bool]:
    status = entry.status if entry else "未填报"
    text: str = status
    if entry and entry.completed:
        text += f"（{cn_date(entry.completed)}{'完成' if entry.status == '已完成' else '更新'}）"
    if status in PENDING:
        text += "，尚未完成"
    return text, status in PENDING


def _first_sentence(text: str) -> str:
    head = text.split("。")[0]
    return head if head.endswith(("。", "！", "？")) else head + "。"


class _Levels:
    """Labels for the plan's levels under 六（二）: each depth its own form, counted per parent."""

    def __init__(self, forms: list[str]) -> None:
        self.forms = list(forms)

    def label(self, depth: int, n: int) -> str:
        form = self.forms[depth] if depth < len(self.forms) else "无"
        if form == "无":
            return ""
        if form == "①":  # the customary fifth level below （1）; ㉑… exist up to 50, beyond that （n）
            return chr(0x2460 + n - 1) if n <= 20 else chr(0x3251 + n - 21) if n <= 35 else chr(0x32B1 + n - 36) if n <= 50 else f"（{n}）"
        return format_label(form, n)


def _progress_blocks(entry: Optional[Reported], level: int) -> list[Block]:
    text, pending = _status_text(entry)
    out = [Block("field", text, lead="完成情况：", pending=pending, level=level)]
    out.extend(Block("p", p) for p in (entry.done if entry else []))
    if entry and entry.evidence:
        out.append(Block("evidence", lead="佐证材料：", items=list(entry.evidence)))
    return out


def _task_blocks(task: TaskInfo, progress: Progress, levels: _Levels, depth: int, n: int) -> list[Block]:
    entry = progress.entries.get(task.id)
    title = task.title or _first_sentence(task.text.split("\n")[0])
    _, pending = _status_text(entry)
    out = [Block("level", heading_text(levels.label(depth, n), title), id=task.id, level=depth + 1, pending=pending)]
    out += _progress_blocks(entry, depth + 1)[:1]
    assigned = []
    if task.leads:
        assigned.append(f"牵头单位：{join_units(task.leads, '、')}")
    if deadline_text(task):
        assigned.append(f"完成时限：{deadline_text(task)}")
    if assigned:
        out.append(Block("field", "；".join(assigned)))
    out += _progress_blocks(entry, depth + 1)[1:]
    if any(s.id in progress.sub_entries for s in task.subtasks):  # progress given per sub-task: show each
        for i, sub in enumerate(task.subtasks, 1):
            sub_entry = progress.sub_entries.get(sub.id)
            words = sub.title or _first_sentence(sub.text.split("\n")[0])
            label = levels.label(depth + 1, i)
            _, sub_pending = _status_text(sub_entry)
            out.append(Block("level", heading_text(label, words), id=sub.id, level=depth + 2, pending=sub_pending))
            out += _progress_blocks(sub_entry, depth + 2)
    return out


def _plan_blocks(rctx: RenderContext, progress: Progress, forms: list[str]) -> list[Block]:
    """The plan's parts → sections → tasks → sub-tasks, every level kept, numbered in the report's lower forms."""
    levels = _Levels(forms)
    infos = {t.id: t for t in rctx.tasks}
    out: list[Block] = []
    # The outline is the plan's tree walk. Under a part, its own tasks and then its sections are
    # counted together (1. 2. … then the sections); tasks of a section restart at 1.
    p_n = n = t_n = 0
    for item in rctx.outline:
        if item.kind == "part":
            p_n, n = p_n + 1, 0
            out.append(Block("level", heading_text(levels.label(0, p_n), item.title), id=item.id, level=1))
        elif item.kind == "section":
            n, t_n = n + 1, 0
            out.append(Block("level", heading_text(levels.label(1, n), item.title), id=item.id, level=2))
        elif item.kind == "task" and item.level == 2:  # directly under its part
            n += 1
            out += _task_blocks(infos[item.id], progress, levels, 1, n)
        elif item.kind == "task":
            t_n += 1
            out += _task_blocks(infos[item.id], progress, levels, 2, t_n)
    return out


def _own_blocks(progress: Progress, forms: list[str]) -> list[Block]:
    """A department without a plan: the items it listed itself, in its own order."""
    levels = _Levels(forms)
    out: list[Block] = []
    for n, item in enumerate(progress.own, 1):
        _, pending = _status_text(item)
        out.append(Block("level", heading_text(levels.label(0, n), item.title), level=1, pending=pending))
        out += _progress_blocks(item, 1)
    return out


def _summary_blocks(summary: Summary, plan_title: str) -> list[Block]:
    rows = [[unit, str(sum(c.values()))] + [str(c[b]) for b in BUCKETS] for unit, c in summary.by_unit]
    grid = simple_grid("units", ["牵头单位", "任务数", *BUCKETS], rows, [4, 1.2, 1.2, 1.2, 1.2, 1.2])
    paragraphs = summary.sentences()
    lead = f"对照《{plan_title}》，{paragraphs[0]}"
    return ([Block("p", lead)] + _paragraphs(paragraphs[1:]) + [Block("p", "各牵头单位任务落实情况如下表。"), Block("table", grid=grid),
            Block("p", "各项任务落实情况如下。")])


def build_report_context(rctx: Optional[RenderContext], progress: Progress, stats: Stats, meta: Optional[ReportMeta] = None,
                         year: Optional[int] = None, fonts: Optional[dict[str, str]] = None,
                         font_profile: Optional[str] = None) -> ReportContext:
    """The report of a plan (rctx) or of a department without one (rctx None: year and fonts given)."""
    meta = meta or progress.meta
    if rctx is not None:
        year, fonts, font_profile = year or rctx.year, fonts or rctx.fonts, font_profile or rctx.font_profile
    assert year is not None and fonts is not None and font_profile is not None
    as_of = meta.date or dt.date(year, 12, 31)
    fee = fee_sentence(stats)
    title = meta.title or f"{meta.organ or ''}{year}年政府信息公开工作年度报告"
    six = [Block("h2", "（一）收取信息处理费情况"), Block("p", fee)]
    summary = None
    next_heading = 2
    if rctx is not None:
        summary = summarize(rctx, progress.entries, as_of)
        six += [Block("h2", f"（二）落实《{rctx.plan_title}》情况")]
        six += _summary_blocks(summary, rctx.plan_title) + _plan_blocks(rctx, progress, list(meta.levels))
        next_heading = 3
    elif progress.own:
        six += [Block("h2", "（二）落实年度政务公开工作要点情况")] + _own_blocks(progress, list(meta.levels))
        next_heading = 3
    six += _text_blocks(meta.other, start=next_heading)
    sections = [
        ReportSection(L.SECTION_HEADINGS[0], _text_blocks(meta.overview)),
        ReportSection(L.SECTION_HEADINGS[1], _paragraphs(stats.active.text) + [Block("table", grid=active_grid(stats))]),
        ReportSection(L.SECTION_HEADINGS[2], _paragraphs(stats.requests.text) + [Block("table", grid=requests_grid(stats))]),
        ReportSection(L.SECTION_HEADINGS[3], _paragraphs(stats.appeals.text) + [Block("table", grid=appeals_grid(stats))]),
        ReportSection(L.SECTION_HEADINGS[4], _text_blocks(meta.problems)),
        ReportSection(L.SECTION_HEADINGS[5], six),
    ]
    count = len(rctx.tasks) if rctx is not None else len(progress.own)
    return ReportContext(year, title, meta.organ or "", cn_date(meta.date), list(meta.intro), sections, summary, fee,
                         fonts, font_profile, count, meta.date, rctx.plan.web if rctx is not None else None, rctx)
