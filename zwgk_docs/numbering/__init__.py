"""The one numbering engine: labels and ids are assigned here, once, on the model.

Every writer reads `node.label`, `node.ordinal` and `node.id`; none counts by itself.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from typing import Union

from ..model import LevelNumbering, Plan
from ..model.plan import Node, Part, Section, SubTask, Task
from ..model.tree import Visit, walk
from ..model.vocab import chinese_numeral, format_label, parse_chinese_numeral

__all__ = ["assign_numbers", "format_label", "chinese_numeral", "parse_chinese_numeral", "walk", "Visit"]


class _Counter:
    def __init__(self, rule: LevelNumbering) -> None:
        self.rule = rule
        self.counts: dict[int, int] = defaultdict(int)

    def next(self, parent: object) -> tuple[int, str]:  # parent: only its identity counts
        key = id(parent) if self.rule.restart else 0
        self.counts[key] += 1
        n = self.counts[key]
        return n, format_label(self.rule.style, n)


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
    taken: set[str] = {v.node.id for v in walk(plan) if v.node.id}
    for visit in walk(plan):
        node = visit.node
        node.ordinal, node.label = counters[node.kind].next(visit.parent)
        if not node.id:
            node.id = _unique(_fallback_id(node, visit.parent), taken)
    return plan


def _fallback_id(node: Node, parent: Union[Plan, Part, Section, Task]) -> str:
    if isinstance(node, SubTask):
        return f"{parent.id if isinstance(parent, Task) else ''}-{node.ordinal}"
    if isinstance(node, Task):
        return _derived_id("t-", node.title or "".join(node.text))
    if isinstance(node, Section):
        return _derived_id("s-", node.title)
    return _derived_id("p-", node.title)


def _unique(candidate: str, taken: set[str]) -> str:
    result, n = candidate, 2
    while result in taken:
        result, n = f"{candidate}-{n}", n + 1
    taken.add(result)
    return result
