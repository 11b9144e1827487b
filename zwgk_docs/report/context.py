"""The report context: everything report.docx / .html / .pdf print, decided once.

Built from the plan's RenderContext (task labels, titles, units, deadlines are read from
it, never recomputed), the progress and the statistics. Writers only walk `sections`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Optional

from ..context import RenderContext, cn_date, join_units
from ..numbering import format_label
from . import labels as L
from .grid import Grid, active_grid, appeals_grid, number, requests_grid, simple_grid
from .progress import Block as TextBlock, Progress
from .stats import Stats
from .summary import BUCKETS, Summary, deadline_text, summarize


@dataclass
class Block:
    """One printable element. kind: h2 | h3 | part | p | field | evidence | table."""

    kind: str
    text: str = ""
    lead: str = ""  # bold lead-in of a "field" line, e.g. "完成情况："
    items: list[str] = field(default_factory=list)  # evidence entries (links, 文号)
    grid: Optional[Grid] = None
    id: str = ""  # task id, for anchors


@dataclass
class ReportSection:
    heading: str
    blocks: list[Block]


@dataclass
class ReportContext:
    ctx: RenderContext
    title: str
    organ: str
    date_text: str
    intro: list[str]
    sections: list[ReportSection]
    summary: Summary
    fee_sentence: str

    @property
    def task_count(self) -> int:
        return len(self.ctx.tasks)


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


def _task_blocks(rctx: RenderContext, progress: Progress) -> list[Block]:
    out: list[Block] = []
    part = None
    for task in rctx.tasks:
        if task.part_heading != part:
            part = task.part_heading
            out.append(Block("part", part))
        out.append(Block("h3", task.heading, id=task.id))
        entry = progress.entries.get(task.id)
        status = entry.status if entry else "未填报"
        if entry and entry.completed:
            status += f"（{cn_date(entry.completed)}{'完成' if entry.status == '已完成' else '更新'}）"
        out.append(Block("field", status, lead="完成情况："))
        assigned = []
        if task.leads:
            assigned.append(f"牵头单位：{join_units(task.leads, '、')}")
        if deadline_text(task):
            assigned.append(f"完成时限：{deadline_text(task)}")
        if assigned:
            out.append(Block("field", "；".join(assigned)))
        out.extend(Block("p", p) for p in (entry.done if entry else []))
        if entry and entry.evidence:
            out.append(Block("evidence", lead="佐证材料：", items=list(entry.evidence)))
    return out


def _summary_blocks(summary: Summary) -> list[Block]:
    rows = [[unit, str(sum(c.values()))] + [str(c[b]) for b in BUCKETS] for unit, c in summary.by_unit]
    grid = simple_grid("units", ["牵头单位", "任务数", *BUCKETS], rows, [4, 1.2, 1.2, 1.2, 1.2, 1.2])
    paragraphs = summary.sentences()
    return [Block("part", "落实情况汇总"), Block("p", paragraphs[0]), Block("table", grid=grid)] + _paragraphs(paragraphs[1:])


def build_report_context(rctx: RenderContext, progress: Progress, stats: Stats) -> ReportContext:
    meta = progress.meta
    year = rctx.year
    as_of = meta.date or dt.date(year, 12, 31)
    summary = summarize(rctx, progress.entries, as_of)
    fee = fee_sentence(stats)
    title = meta.title or f"{meta.organ or ''}{year}年政府信息公开工作年度报告"
    six = [Block("h2", "（一）收取信息处理费情况"), Block("p", fee),
           Block("h2", f"（二）落实《{rctx.plan_title}》情况"),
           Block("p", f"对照《{rctx.plan_title}》确定的{len(rctx.tasks)}项任务，逐项落实情况如下。")]
    six += _task_blocks(rctx, progress) + _summary_blocks(summary) + _text_blocks(meta.other, start=3)
    sections = [
        ReportSection(L.SECTION_HEADINGS[0], _text_blocks(meta.overview)),
        ReportSection(L.SECTION_HEADINGS[1], _paragraphs(stats.active.text) + [Block("table", grid=active_grid(stats))]),
        ReportSection(L.SECTION_HEADINGS[2], _paragraphs(stats.requests.text) + [Block("table", grid=requests_grid(stats))]),
        ReportSection(L.SECTION_HEADINGS[3], _paragraphs(stats.appeals.text) + [Block("table", grid=appeals_grid(stats))]),
        ReportSection(L.SECTION_HEADINGS[4], _text_blocks(meta.problems)),
        ReportSection(L.SECTION_HEADINGS[5], six),
    ]
    return ReportContext(rctx, title, meta.organ or "", cn_date(meta.date), list(meta.intro), sections, summary, fee)
