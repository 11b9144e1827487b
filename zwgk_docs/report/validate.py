"""`zwgk validate X.stats.yaml / X.progress.yaml`: the same checks `zwgk report` runs, without writing.

A progress file is checked against the plan beside it (X.progress.yaml → X.yaml) and with the
stats file beside it (X.stats.yaml) when there is one; a stats file alone is checked on its own
(a department without a plan), its text against its tables.
"""

from __future__ import annotations

from pathlib import Path
from typing import Optional

from ..errors import Diagnostic, Location, UserError
from ..inputs import report_input_kind

__all__ = ["report_input_kind", "validate_report_input"]


def _sibling(path: Path, kind: str, suffixes: tuple[str, ...]) -> Optional[Path]:
    stem = path.name[: path.name.lower().rindex(f".{kind}.")]
    return next((path.with_name(stem + s) for s in suffixes if path.with_name(stem + s).exists()), None)


def validate_report_input(path: Path) -> tuple[str, list[Diagnostic]]:
    from . import prepare

    kind = report_input_kind(path)
    if kind == "progress":
        plan = _sibling(path, "progress", (".yaml", ".yml"))
        if plan is None:
            raise UserError.single(f"找不到对应的计划文件 {path.name.split('.progress.')[0]}.yaml（进度文件按同目录的同名计划文件核对）。", Location(str(path)))
        stats = _sibling(path, "progress", (".stats.yaml", ".stats.yml", ".stats.xlsx"))
        prepared = prepare(plan, path, stats)
        warnings = [d for d in prepared.warnings if stats is not None or "--stats" not in d.message]
        return f"{prepared.report.task_count} 项任务的进度", warnings
    plan = _sibling(path, "stats", (".yaml", ".yml"))
    progress = _sibling(path, "stats", (".progress.yaml", ".progress.yml")) if plan else None
    prepared = prepare(plan if progress else None, progress, path)
    return "统计表勾稽关系正确", prepared.warnings
