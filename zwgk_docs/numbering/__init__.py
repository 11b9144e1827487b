"""The one numbering engine: labels and ids are assigned here, once, on the model.

Every writer reads `node.label`, `node.ordinal` and `node.id`; none counts by itself.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from typing import Iterable

from ..model import LevelNumbering, Plan
from ..model.plan import Part, Section, SubTask, Task
from ..model.vocab import chinese_numeral, format_label, parse_chinese_numeral

__all__ = ["assign_numbers", "format_label", "chinese_numeral", "parse_chinese_numeral", "walk"]


class _Counter:
    def __init__(self, rule: LevelNumbering) -> None:
        self.rule = rule
        self.counts: dict[int, int] = defaultdict(int)

    def next(self, parent: object) -> tuple[int, str]:
        key = id(parent) if self.rule.restart else 0
        self.counts[key] += 1
        n = self.counts[key]
        return n, format_label(self.rule.style, n)


def walk(plan: Plan) -> Iterable[tuple[int, object]]:
    """(depth, node) in document order: parts, sections, tasks, sub-tasks."""
    for part in plan.plan.parts:
        yield 1, part
        for task in part.tasks:
            yield 2, task
            for sub in task.subtasks:
                yield 3, sub
        for section in part.sections:
            yield 2, section
            for task in section.tasks:
                yield 3, task
                for sub in task.subtasks:
                    yield 4, sub


def _derived_id(prefix: str, text: str) -> str:
    return prefix + hashlib.sha1(text.encode("utf-8")).hexdigest()[:6]


def assign_numbers(plan: Plan) -> Plan:
    """Set label, ordinal and id on every node. Idempotent."""
    rules = plan.plan.numbering
    counters = {
        "part": _Counter(rules.part),
        "section": _Counter(rules.section),
        "task": _Counter(rules.task),
        "subtask": _Counter(rules.subtask),
    }
    taken: set[str] = {n.id for _, n in walk(plan) if n.id}  # type: ignore[attr-defined]
    parents: list[object] = [plan]
    for depth, node in walk(plan):
        del parents[depth:]
        parent = parents[-1]
        node.ordinal, node.label = counters[node.kind].next(parent)  # type: ignore[attr-defined]
        if not node.id:  # type: ignore[attr-defined]
            node.id = _unique(_fallback_id(node, parent), taken)  # type: ignore[attr-defined]
        parents.append(node)
    return plan


def _fallback_id(node: object, parent: object) -> str:
    if isinstance(node, SubTask):
        return f"{parent.id}-{node.ordinal}"  # type: ignore[attr-defined]
    if isinstance(node, Task):
        return _derived_id("t-", node.title or "".join(node.text))
    if isinstance(node, Section):
        return _derived_id("s-", node.title)
    assert isinstance(node, Part)
    return _derived_id("p-", node.title)


def _unique(candidate: str, taken: set[str]) -> str:
    result, n = candidate, 2
    while result in taken:
        result, n = f"{candidate}-{n}", n + 1
    taken.add(result)
    return result
