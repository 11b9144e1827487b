"""`zwgk trace`: how a plan answers its superior plan (省 → 市 → 区县 → 部门), item by item.

A task names what it answers in `answers:` — an id of the superior plan, or its number
("7", "（三）", "二（三）2", with any words before it: "省要点 7", "第七项"). The 对照表 lists
every superior item with the tasks answering it, the items nobody answers, the tasks that
answer nothing and references that name no item; for unlinked items it adds the most
similar tasks (TF-IDF cosine of their words ≥ SUGGEST_THRESHOLD), marked as suggestions.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Optional

from ..context import RenderContext
from ..model import Plan
from ..numbering import parse_chinese_numeral, walk
from .diff import task_text
from .text import SUGGEST_THRESHOLD, SUGGESTIONS_PER_ITEM, Corpus, best, key


@dataclass
class Item:
    """A superior item: a task, or a section/part that has no tasks of its own (prose 要点)."""

    id: str
    label: str  # full path as printed: "二、（三）1."
    ordinal: int
    kind: str  # task | section | part
    heading: str
    text: str

    @property
    def display(self) -> str:
        return f"{self.label}{self.heading}" if self.heading else self.label


@dataclass
class Local:
    id: str
    label: str
    heading: str
    text: str
    answers: list[str]


@dataclass
class Link:
    item: Item
    tasks: list[Local] = field(default_factory=list)
    suggestions: list[tuple[float, Local]] = field(default_factory=list)


@dataclass
class Unresolved:
    task: Local
    ref: str
    reason: str


@dataclass
class Trace:
    plan_title: str
    superior_title: str
    links: list[Link]
    orphans: list[tuple[Local, list[tuple[float, Item]]]]  # tasks answering nothing, with suggestions
    unresolved: list[Unresolved]

    @property
    def unanswered(self) -> list[Link]:
        return [link for link in self.links if not link.tasks]

    def as_json(self) -> dict[str, Any]:
        def task(t: Local) -> dict[str, Any]:
            return {"id": t.id, "label": t.label, "heading": t.heading}

        return {
            "plan": self.plan_title, "superior": self.superior_title, "suggest_threshold": SUGGEST_THRESHOLD,
            "summary": {"items": len(self.links), "answered": len(self.links) - len(self.unanswered),
                        "unanswered": len(self.unanswered), "tasks_answering_nothing": len(self.orphans),
                        "unresolved": len(self.unresolved)},
            "items": [{"id": link.item.id, "label": link.item.label, "heading": link.item.heading,
                       "tasks": [task(t) for t in link.tasks],
                       "suggestions": [{"score": round(s, 3), **task(t)} for s, t in link.suggestions]}
                      for link in self.links],
            "tasks_answering_nothing": [{**task(t), "suggestions": [{"score": round(s, 3), "id": i.id, "label": i.label, "heading": i.heading} for s, i in sug]}
                                        for t, sug in self.orphans],
            "unresolved": [{**task(u.task), "ref": u.ref, "reason": u.reason} for u in self.unresolved],
        }


def superior_items(plan: Plan) -> list[Item]:
    items: list[Item] = []
    path: dict[int, str] = {}
    for visit in walk(plan):
        depth, node = visit.depth, visit.node
        kind = node.kind
        path[depth] = node.label
        if kind == "subtask":
            continue
        label = "".join(path[d] for d in range(1, depth + 1) if path.get(d))
        has_children = bool(getattr(node, "tasks", None) or getattr(node, "sections", None))
        if kind == "task" or not has_children:
            items.append(Item(node.id or "", label, node.ordinal, kind, node.title or "", "\n".join(node.text)))
    return items


_NUMBER = re.compile(r"([0-9]{1,3}|[一二三四五六七八九十百零〇]{1,4})[项条点]?$")
_PREFERENCE = {"task": 0, "section": 1, "part": 2}


def _number(text: str) -> Optional[int]:
    m = _NUMBER.search(text)
    if not m:
        return None
    raw = m.group(1)
    try:
        return int(raw) if raw.isdigit() else parse_chinese_numeral(raw.replace("〇", "零"))
    except ValueError:
        return None


def resolve(ref: str, items: list[Item]) -> tuple[Optional[Item], str]:
    """The item `ref` names, or None and why."""
    ref = ref.strip()
    for item in items:
        if item.id and item.id == ref:
            return item, ""
    k = key(ref)
    exact = [i for i in items if key(i.label) and (key(i.label) == k or k.endswith(key(i.label)) and len(key(i.label)) > 1)]
    if len(exact) == 1:
        return exact[0], ""
    number = _number(k)
    if number is None:
        return None, "上级计划中没有这个 id，也看不出编号"
    found = [i for i in items if i.ordinal == number]
    if not found:
        return None, f"上级计划中没有编号为 {number} 的项"
    first = min(_PREFERENCE.get(i.kind, 3) for i in found)
    found = [i for i in found if _PREFERENCE.get(i.kind, 3) == first]
    if len(found) > 1:
        return None, f"上级计划中编号为 {number} 的有 {len(found)} 项（{'、'.join(i.label for i in found[:4])}），请写完整编号或 id"
    return found[0], ""


def trace(ctx: RenderContext, superior: RenderContext) -> Trace:
    items = superior_items(superior.plan)
    locals_ = [Local(info.id, info.label, info.heading, task_text(info), list(task.answers))
               for info, task in zip(ctx.tasks, ctx.plan.iter_tasks())]
    links = [Link(item) for item in items]
    index = {id(item): link for item, link in zip(items, links)}
    unresolved: list[Unresolved] = []
    answering: set[int] = set()
    for n, t in enumerate(locals_):
        for ref in t.answers:
            item, reason = resolve(ref, items)
            if item is None:
                unresolved.append(Unresolved(t, ref, reason))
                continue
            link = index[id(item)]
            if t not in link.tasks:
                link.tasks.append(t)
            answering.add(n)
    corpus = Corpus([f"{i.heading}\n{i.text}" for i in items] + [t.text for t in locals_])
    offset = len(items)
    for a, link in enumerate(links):
        if not link.tasks:
            scores = [(corpus.cosine(a, offset + n), n) for n in range(len(locals_))]
            link.suggestions = [(s, locals_[n]) for s, n in best(scores, SUGGEST_THRESHOLD, SUGGESTIONS_PER_ITEM)]
    orphans = []
    for n, t in enumerate(locals_):
        if n not in answering:
            scores = [(corpus.cosine(offset + n, a), a) for a in range(len(items))]
            orphans.append((t, [(s, items[a]) for s, a in best(scores, SUGGEST_THRESHOLD, SUGGESTIONS_PER_ITEM)]))
    return Trace(ctx.plan_title, superior.plan_title, links, orphans, unresolved)
