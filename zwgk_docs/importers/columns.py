"""What each table column holds, read from its cells; header words are only a hint.

Offices name the same column in endless ways (工作措施, 推进举措, 主要内容, 工作目标 …), so a
column is classified by its content first: short numbers are 序号, cells that read as unit lists
are units, cells that read as deadlines are deadlines, long sentences are the task content, and
short cells merged or repeated above longer ones are a category (a part, or the task when the
序号 counts it). Every choice is returned as a sentence naming the cells it rests on.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..model.deadline import _YEAR_END, _YMD
from ..model.units import parse_responsibility, unit_like
from .grid import Cell

_NUMBER = re.compile(r"^\d{1,4}(?:\s*[.．\-－]\s*\d{1,3})*[.．、]?$")
_DEADLINE = re.compile(r"^(?:全年|年底前?|年内|长期|持续|及时|每年|每季|每月|每半年|常态化|按要求|按规定|适时|\d{4}\s*年|\d{1,2}\s*月|[一二三四五六七八九十]+\s*月|第[一二三四]季度|上半年|下半年)"
                       r"|(?:前|底|末|完成|以前|坚持|推进|开展)$")
SAMPLE = 200
_SENTENCE = re.compile(r"[。；;！？]|[，,].{6,}")


@dataclass
class Profile:
    """Counts over a column's body cells; a covered (merged) or blank-below cell continues the value above."""

    filled: int = 0  # cells with their own text
    rows: int = 0  # body rows
    runs: int = 0  # how many times the value changes (a new group starts)
    longest_run: int = 0
    avg: float = 0.0
    numbers: int = 0
    deadlines: int = 0
    units: int = 0
    sentences: int = 0
    first: str = ""  # positions of the first and last filled cell, for the decisions
    last: str = ""

    sampled: int = 0  # cells the content tests ran on (every one, or an even sample of a long column)

    def share(self, count: int) -> float:
        return count / self.sampled if self.sampled else 0.0

    @property
    def where(self) -> str:
        if not self.first:
            return ""
        return self.first if self.first == self.last else f"{self.first}—{self.last}"

    @property
    def grouped(self) -> bool:
        """Fewer groups than rows, at least one spanning several rows: a category column (sub-categories
        of one row each are common, so one merged or repeated group is enough)."""
        return self.filled > 0 and self.longest_run >= 2 and self.runs < self.rows


@lru_cache(maxsize=4096)
def is_unit_list(text: str) -> bool:
    """A list of units, or a sentence that only names units and their roles ("A牵头，B、C配合")."""
    if len(text) > 160 or "。" in text.rstrip("。"):
        return False
    parsed = parse_responsibility(text, keep_spelling=True)
    names = parsed.lead + parsed.responsible + parsed.cooperate
    return bool(names) and not parsed.unparsed and all(len(n) <= 30 and (unit_like(n) or n.startswith("各")) for n in names)


def is_deadline_cell(text: str) -> bool:
    t = text.strip()
    return bool(t) and len(t) <= 30 and bool(_DEADLINE.search(t) or _YMD.search(t) or _YEAR_END.search(t))


def profile(cells: list[Cell], continues_blank: bool) -> Profile:
    """continues_blank: text extractions lose merges, so a blank cell continues the value above it."""
    p = Profile(rows=len(cells))
    total = 0
    value, run = None, 0
    step = max(1, len(cells) // SAMPLE)  # the content tests are costly: a long column is sampled evenly
    for i, cell in enumerate(cells):
        own = cell.text and not cell.covered and not cell.spanned
        if own:
            p.filled += 1
            total += len(cell.text)
        if own and i % step == 0:
            p.sampled += 1
            p.numbers += bool(_NUMBER.match(cell.text))
            p.deadlines += is_deadline_cell(cell.text)
            p.units += is_unit_list(cell.text)
            p.sentences += bool(_SENTENCE.search(cell.text))
            p.first = p.first or cell.pos
            p.last = cell.pos
        continued = cell.covered or (not cell.text and continues_blank and value is not None) or (own and cell.text == value)
        if continued:
            run += 1
        elif own:
            p.runs += 1
            value, run = cell.text, 1
        else:
            value, run = None, 0
        p.longest_run = max(p.longest_run, run)
    p.avg = total / p.filled if p.filled else 0.0
    return p


def content_role(p: Profile) -> str | None:
    """number / deadline / units / long / category / short, or None for an empty column."""
    if not p.filled:
        return None
    if p.share(p.numbers) >= 0.8 and p.avg <= 6:
        return "number"
    if p.share(p.deadlines) >= 0.6 and p.avg <= 20:
        return "deadline"
    if p.share(p.units) >= 0.6:
        return "units"
    if p.avg >= 24 or p.share(p.sentences) >= 0.5:
        return "long"
    if p.grouped:
        return "category"
    return "short"


def counts_groups(number: list[Cell], category: list[Cell]) -> bool:
    """True when the 序号 changes only where the category does (it numbers the categories, not the rows)."""
    changes = 0
    last_n = last_c = None
    for n, c in zip(number, category):
        n_new = n.text and not n.covered and n.text != last_n
        c_new = c.text and not c.covered and c.text != last_c
        if n.text and not n.covered:
            last_n = n.text
        if c.text and not c.covered:
            last_c = c.text
        if n_new and not c_new:
            return False
        changes += bool(n_new)
    return changes > 0  # a 序号 left blank below a group's first row counts the groups too


def describe(p: Profile) -> str:
    """The evidence for a decision, in the user's words."""
    bits = [f"{p.filled} 格有字", f"平均 {p.avg:.0f} 字"]
    if p.grouped:
        bits.append(f"分成 {p.runs} 组（合并或重复）")
    return "，".join(bits)
