"""The one walk of a plan's tree: every part, section, task and sub-task in document order,
with its depth, parent, enclosing part and section, and location in the YAML (for messages)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator, Optional, Union

from .plan import Node, Part, Plan, Section, Task

Loc = tuple[Union[str, int], ...]


@dataclass(frozen=True)
class Visit:
    depth: int  # 1 part, 2 section or task of a part, 3 task of a section or sub-task, 4 sub-task
    node: Node
    parent: Union[Plan, Part, Section, Task]
    loc: Loc  # ("plan", "parts", 0, "sections", 1, "tasks", 2)
    part: Part  # the part the node is, or sits in
    section: Optional[Section]  # the section the node is, or sits in (None: directly under its part)


def walk(plan: Plan) -> Iterator[Visit]:
    for i, part in enumerate(plan.plan.parts):
        ploc: Loc = ("plan", "parts", i)
        yield Visit(1, part, plan, ploc, part, None)
        yield from _tasks(part, None, ploc, 2)
        for j, section in enumerate(part.sections):
            sloc = ploc + ("sections", j)
            yield Visit(2, section, part, sloc, part, section)
            yield from _tasks(part, section, sloc, 3)


def _tasks(part: Part, section: Optional[Section], loc: Loc, depth: int) -> Iterator[Visit]:
    parent = section if section is not None else part
    for k, task in enumerate(parent.tasks):
        tloc = loc + ("tasks", k)
        yield Visit(depth, task, parent, tloc, part, section)
        for m, sub in enumerate(task.subtasks):
            yield Visit(depth + 1, sub, task, tloc + ("subtasks", m), part, section)


def task_visits(plan: Plan) -> Iterator[tuple[Visit, Task]]:
    """The walk's tasks only (not parts, sections or sub-tasks), in document order, with their visit."""
    for v in walk(plan):
        if isinstance(v.node, Task):
            yield v, v.node
