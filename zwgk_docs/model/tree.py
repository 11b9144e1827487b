"""The one walk of a plan's tree: every part, section, task and sub-task in document order,
with its depth, parent and location in the YAML (for messages)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator, Union

from .plan import Node, Part, Plan, Section, Task

Loc = tuple[Union[str, int], ...]


@dataclass(frozen=True)
class Visit:
    depth: int  # 1 part, 2 section or task of a part, 3 task of a section or sub-task, 4 sub-task
    node: Node
    parent: Union[Plan, Part, Section, Task]
    loc: Loc  # ("plan", "parts", 0, "sections", 1, "tasks", 2)


def walk(plan: Plan) -> Iterator[Visit]:
    for i, part in enumerate(plan.plan.parts):
        ploc: Loc = ("plan", "parts", i)
        yield Visit(1, part, plan, ploc)
        yield from _tasks(part.tasks, part, ploc, 2)
        for j, section in enumerate(part.sections):
            sloc = ploc + ("sections", j)
            yield Visit(2, section, part, sloc)
            yield from _tasks(section.tasks, section, sloc, 3)


def _tasks(tasks: list[Task], parent: Union[Part, Section], loc: Loc, depth: int) -> Iterator[Visit]:
    for k, task in enumerate(tasks):
        tloc = loc + ("tasks", k)
        yield Visit(depth, task, parent, tloc)
        for m, sub in enumerate(task.subtasks):
            yield Visit(depth + 1, sub, task, tloc + ("subtasks", m))
