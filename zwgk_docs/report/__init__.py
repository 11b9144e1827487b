"""The annual 政府信息公开工作年度报告 (2021 format): progress per task and the statistics tables.

Pipeline: plan → RenderContext → progress + stats (validated; hard invariants stop here,
nothing is written) → ReportContext → report.docx / report.html / report.pdf, all or none.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional, Union

from ..build import write_all
from ..context import build_context
from ..errors import Diagnostic, UserError
from ..load import format_path, load_plan_with_warnings
from ..writers import Format, Output, writer
from ..writers.reproducible import context_stamp
from .context import ReportContext, build_report_context
from .invariants import hard_errors, soft_warnings
from .narrative import Paragraph, check_narrative
from .progress import Progress, load_progress
from .stats import StatsFile, empty_stats, load_stats

PathLike = Union[str, os.PathLike]


@dataclass
class Prepared:
    report: ReportContext
    warnings: list[Diagnostic] = field(default_factory=list)


def prepare(plan: PathLike, progress: PathLike, stats: Optional[PathLike] = None,
            previous: Optional[PathLike] = None) -> Prepared:
    """Load and check every input. Raises UserError (hard invariants included) before any output."""
    plan_obj, warnings = load_plan_with_warnings(plan)
    rctx = build_context(plan_obj)
    prog = load_progress(progress, rctx)
    if stats is not None:
        sfile = load_stats(stats)
    else:
        sfile = empty_stats()
        warnings.append(Diagnostic("没有提供统计文件（--stats），表二、表三、表四按 0 填写，信息处理费按未收取表述。", None, "", "warning"))
    prev = load_stats(previous) if previous is not None else None
    errors = hard_errors(sfile)
    if errors:
        raise UserError(errors)
    warnings += prog.warnings + soft_warnings(sfile, prev)
    if sfile.stats.year is not None and sfile.stats.year != rctx.year:
        warnings.append(Diagnostic(f"统计文件的年度 {sfile.stats.year} 与计划年度 {rctx.year} 不一致。", sfile.locate(("year",)), "year", "warning"))
    warnings += check_narrative(_paragraphs(prog, sfile), sfile.stats)
    return Prepared(build_report_context(rctx, prog, sfile.stats), warnings)


def _paragraphs(prog: Progress, sfile: StatsFile) -> list[Paragraph]:
    """Every free paragraph of the report, located in its file."""
    out: list[Paragraph] = []

    def add(path: tuple, text: str, locate) -> None:
        out.append(Paragraph(text, locate(path), format_path(path)))

    ploc = prog.smap.locate if prog.smap else (lambda p: None)
    meta = prog.meta
    for i, p in enumerate(meta.intro):
        add(("report", "intro", i), p, ploc)
    for key in ("overview", "problems", "other"):
        for i, block in enumerate(getattr(meta, key)):
            for j, p in enumerate(block.text):
                add(("report", key, i, "text", j), p, ploc)
    for key in ("active", "requests", "appeals"):
        for i, p in enumerate(getattr(sfile.stats, key).text):
            add((key, "text", i), p, sfile.locate)
    return out


REPORT_FORMATS: tuple[Format, ...] = ("docx", "pdf", "html")


def write_report(report: ReportContext, out_dir: PathLike) -> list[Output]:
    def produce(staging: Path) -> list[Output]:
        return [o for fmt in REPORT_FORMATS for o in writer("report", fmt)(report, staging)]

    return write_all(out_dir, produce, context_stamp(report.ctx))


__all__ = ["prepare", "write_report", "Prepared", "ReportContext"]
