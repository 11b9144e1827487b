"""The typed plan model."""

from .deadline import Deadline
from .plan import (
    Assignment,
    Attachment,
    Column,
    LevelNumbering,
    Notice,
    Numbering,
    Part,
    Plan,
    PlanBody,
    Section,
    SubTask,
    Task,
    TaskTable,
    WebMeta,
    part_tasks,
)

__all__ = [
    "Assignment", "Attachment", "Column", "Deadline", "LevelNumbering", "Notice", "Numbering",
    "Part", "Plan", "PlanBody", "Section", "SubTask", "Task", "TaskTable", "WebMeta", "part_tasks",
]
