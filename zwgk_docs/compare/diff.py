"""`zwgk diff`: what changed between two plans, task by task.

Tasks are matched by id when both plans use it and the texts still share something
(ID_FLOOR), else by text similarity (MATCH_THRESHOLD, greedy best-first). Left-over tasks
whose text lies mostly inside one task of the other plan (PART_THRESHOLD) make a 拆分
(one old → several new) or 合并 (several old → one new); the rest are 新增 or 删除.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Optional

from ..context import RenderContext, TaskInfo
from .text import ID_FLOOR, MATCH_THRESHOLD, PART_THRESHOLD, TITLE_WEIGHT, Segment, containment, key, similarity, word_diff

KINDS = ("新增", "删除", "修改", "拆分", "合并", "未变")
ROLES = (("lead", "牵头单位"), ("responsible", "责任单位"), ("cooperate", "配合单位"))


def task_text(t: TaskInfo) -> str:
    """Everything a task says, as a reviewer reads it: title, text, sub-task texts."""
    parts = [t.title, t.text] + [s.title + s.text for s in t.subtasks]
    return "\n".join(p for p in parts if p)


def task_similarity(a: TaskInfo, b: TaskInfo) -> float:
    """Similarity of the whole texts, or of the titles (weighted) when both have one."""
    score = similarity(task_text(a), task_text(b))
    if a.title and b.title:
        score = max(score, TITLE_WEIGHT * similarity(a.title, b.title))
    return score


def task_units(t: TaskInfo, role: str) -> list[str]:
    own = list(getattr(t, role))
    return list(dict.fromkeys(own + [u for s in t.subtasks for u in getattr(s, role)]))


def task_deadlines(t: TaskInfo) -> str:
    values = [t.deadline] + [s.deadline for s in t.subtasks if s.deadline != t.deadline]
    return "；".join(dict.fromkeys(v for v in values if v))


@dataclass
class UnitChange:
    role: str  # 牵头单位 | 责任单位 | 配合单位
    added: list[str]
    removed: list[str]

    def text(self) -> str:
        bits = ([f"增加 {'、'.join(self.added)}"] if self.added else []) + ([f"不再列 {'、'.join(self.removed)}"] if self.removed else [])
        return f"{self.role}：{'；'.join(bits)}"


@dataclass
class Change:
    kind: str  # one of KINDS
    old: list[TaskInfo]
    new: list[TaskInfo]
    score: float = 0.0  # text similarity of the pair (containment for 拆分/合并)
    by_id: bool = False
    text_diff: list[Segment] = field(default_factory=list)
    units: list[UnitChange] = field(default_factory=list)
    deadline: Optional[tuple[str, str]] = None
    moved: Optional[tuple[str, str]] = None  # part heading old → new
    renumbered: Optional[tuple[str, str]] = None  # label old → new

    @property
    def part(self) -> str:
        return (self.new or self.old)[0].part_heading

    @property
    def part_key(self) -> str:
        """The part without its number: parts of the two plans with one title are one part."""
        return strip_label(self.part)

    def as_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "old": [{"id": t.id, "label": t.label, "heading": t.heading} for t in self.old],
            "new": [{"id": t.id, "label": t.label, "heading": t.heading} for t in self.new],
            "score": round(self.score, 3), "matched_by": "id" if self.by_id else "text",
            "text_diff": [{"op": s.op, "text": s.text} for s in self.text_diff],
            "units": [{"role": u.role, "added": u.added, "removed": u.removed} for u in self.units],
            "deadline": list(self.deadline) if self.deadline else None,
            "moved": list(self.moved) if self.moved else None,
            "renumbered": list(self.renumbered) if self.renumbered else None,
        }


@dataclass
class PartCount:
    part: str
    counts: dict[str, int]


@dataclass
class PlanDiff:
    old_title: str
    new_title: str
    old_count: int
    new_count: int
    changes: list[Change]  # in the new plan's order; deletions after the part they came from

    def count(self, kind: str) -> int:
        return sum(1 for c in self.changes if c.kind == kind)

    def by_part(self) -> list[PartCount]:
        rows: dict[str, dict[str, int]] = {}
        for c in self.changes:
            counts = rows.setdefault(c.part_key or "（未分部分）", dict.fromkeys(KINDS, 0))
            counts[c.kind] += 1
        return [PartCount(p, c) for p, c in rows.items()]

    def as_json(self) -> dict[str, Any]:
        return {
            "old": {"title": self.old_title, "tasks": self.old_count},
            "new": {"title": self.new_title, "tasks": self.new_count},
            "thresholds": {"match": MATCH_THRESHOLD, "id_floor": ID_FLOOR, "part": PART_THRESHOLD},
            "summary": {k: self.count(k) for k in KINDS},
            "parts": [{"part": p.part, **p.counts} for p in self.by_part()],
            "changes": [c.as_json() for c in self.changes],
        }


_LABEL = re.compile(r"^\s*(?:[一二三四五六七八九十百]+、|（[一二三四五六七八九十百]+）|\d+[.．、]?)\s*")


def strip_label(heading: str) -> str:
    return _LABEL.sub("", heading or "")


def _year_free(deadline: str, year: int) -> str:
    return deadline.replace(f"{year}年", "")


def _pair_change(o: TaskInfo, n: TaskInfo, score: float, by_id: bool, old_year: int, new_year: int) -> Change:
    c = Change("修改", [o], [n], score, by_id)
    old_text, new_text = task_text(o), task_text(n)
    if key(old_text) != key(new_text):
        c.text_diff = word_diff(old_text, new_text)
    for role, label in ROLES:
        a, b = task_units(o, role), task_units(n, role)
        added, removed = [u for u in b if u not in a], [u for u in a if u not in b]
        if added or removed:
            c.units.append(UnitChange(label, added, removed))
    od, nd = task_deadlines(o), task_deadlines(n)
    if _year_free(od, old_year) != _year_free(nd, new_year):
        c.deadline = (od or "（未写）", nd or "（未写）")
    if strip_label(o.part_heading) != strip_label(n.part_heading):
        c.moved = (o.part_heading, n.part_heading)
    if o.label != n.label:
        c.renumbered = (o.label, n.label)
    if not (c.text_diff or c.units or c.deadline or c.moved):
        c.kind = "未变"
    return c


def diff_contexts(old: RenderContext, new: RenderContext) -> PlanDiff:
    olds, news = old.tasks, new.tasks
    o_text = [task_text(t) for t in olds]
    n_text = [task_text(t) for t in news]
    pairs: dict[int, tuple[int, float, bool]] = {}  # new index → (old index, score, by id)
    used_old: set[int] = set()

    old_by_id = {t.id: i for i, t in enumerate(olds) if t.id}
    for j, t in enumerate(news):
        i = old_by_id.get(t.id) if t.id else None
        if i is not None and i not in used_old:
            score = task_similarity(olds[i], t)
            if score >= ID_FLOOR:
                pairs[j] = (i, score, True)
                used_old.add(i)

    candidates = sorted(
        ((task_similarity(olds[i], news[j]), i, j) for j in range(len(news)) if j not in pairs
         for i in range(len(olds)) if i not in used_old),
        key=lambda x: (-x[0], x[1], x[2]),
    )
    for score, i, j in candidates:
        if score < MATCH_THRESHOLD:
            break
        if j not in pairs and i not in used_old:
            pairs[j] = (i, score, False)
            used_old.add(i)

    # 拆分: an unmatched new task mostly inside an old one; 合并: an unmatched old task inside a new one.
    split: dict[int, list[int]] = {}  # old index → new indexes
    for j in range(len(news)):
        if j in pairs:
            continue
        scores = [(containment(n_text[j], o_text[i]), i) for i in range(len(olds))]
        score, i = max(scores, default=(0.0, -1))
        if score >= PART_THRESHOLD:
            split.setdefault(i, []).append(j)
    pieces = {j: i for i, js in split.items() for j in js}  # new index → the old task it came from
    merge: dict[int, list[int]] = {}  # new index → old indexes
    for i in range(len(olds)):
        if i in used_old or i in split:
            continue
        scores = [(containment(o_text[i], n_text[j]), j) for j in range(len(news)) if j not in pieces]
        score, j = max(scores, default=(0.0, -1))
        if score >= PART_THRESHOLD:
            merge.setdefault(j, []).append(i)

    changes: list[Change] = []
    placed_old: set[int] = set()
    partner = {v[0]: j for j, v in pairs.items()}
    for j, t in enumerate(news):
        if j in pieces:
            i = pieces[j]
            if i in placed_old:
                continue
            members = sorted(set(split[i] + ([partner[i]] if i in partner else [])))
            score = min(containment(n_text[m], o_text[i]) for m in split[i])
            if len(members) == 1:  # one piece only: the old task shortened
                changes.append(_pair_change(olds[i], t, score, False, old.year, new.year))
            else:
                changes.append(Change("拆分", [olds[i]], [news[m] for m in members], score))
            placed_old.add(i)
            continue
        if j in merge:
            members_old = sorted(set(merge[j] + ([pairs[j][0]] if j in pairs else [])))
            score = min(containment(o_text[i], n_text[j]) for i in merge[j])
            if len(members_old) == 1:  # the old task extended
                changes.append(_pair_change(olds[members_old[0]], t, score, False, old.year, new.year))
            else:
                changes.append(Change("合并", [olds[i] for i in members_old], [t], score))
            placed_old.update(members_old)
            continue
        if j in pairs:
            i, score, by_id = pairs[j]
            if i in split:  # shown with its split
                continue
            changes.append(_pair_change(olds[i], t, score, by_id, old.year, new.year))
            placed_old.add(i)
            continue
        changes.append(Change("新增", [], [t]))
    # deletions go after the last change of the part they came from
    for i, t in enumerate(olds):
        if i in placed_old or i in used_old:
            continue
        gone = Change("删除", [t], [])
        where = max((k for k, c in enumerate(changes) if c.part_key == strip_label(t.part_heading)), default=len(changes) - 1)
        changes.insert(where + 1, gone)
    return PlanDiff(old.plan_title, new.plan_title, len(olds), len(news), changes)

