"""Drafting aids for the next plan: `zwgk diff` (what changed since last year's plan) and
`zwgk trace` (how each task answers the superior plan's 要点).

Both read plans (YAML, or any file `zwgk import` reads: .xlsx/.docx/.csv/.txt), build their
render contexts, compare tasks (diff.py, trace.py, text.py) and print one review Sheet
(tables.py) as .xlsx, .docx or .html — A4 landscape — or JSON.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from dataclasses import dataclass
from typing import Callable, Optional, Union

from ..context import RenderContext, build_context
from ..errors import Diagnostic, Location, UserError
from ..fsio import ensure_dir, fs_errors
from ..load import STDIN, load_plan_with_warnings, loads_with_warnings
from ..model import Plan
from ..writers.reproducible import normalise_package, plan_stamp
from .diff import PlanDiff, diff_contexts
from .sheet import Sheet
from .tables import diff_sheet, trace_sheet
from .trace import Trace, trace

PathLike = Union[str, "os.PathLike[str]"]
PLAN_SUFFIXES = (".yaml", ".yml")

__all__ = ["read_plan", "diff_files", "trace_files", "write_sheet", "Result", "PlanDiff", "Trace", "OUTPUT_SUFFIXES"]


def read_plan(path: PathLike) -> tuple[RenderContext, list[Diagnostic]]:
    """A plan file, or a document imported on the fly (what `zwgk import` would write)."""
    path = Path(path)
    if path.suffix.lower() in PLAN_SUFFIXES or str(path) == STDIN:  # standard input holds a plan's YAML
        plan, warnings = load_plan_with_warnings(path)
    else:
        from ..importers import import_to_yaml

        text, draft = import_to_yaml(path)
        # The loader's warnings would point into the generated YAML, not into the user's file:
        # only the importer's own (about the document) are shown.
        plan, _ = loads_with_warnings(text, str(path))
        warnings = [Diagnostic(w, Location(str(path)), "", "warning") for w in draft.warnings]
    return build_context(plan), warnings


@dataclass
class Result:
    data: Union[PlanDiff, Trace]  # .as_json() for --json
    sheet: Sheet  # what -o prints
    warnings: list[Diagnostic]
    plan: Plan  # the newer / inferior plan: dates the .xlsx/.docx (reproducible bytes)


def diff_files(old: PathLike, new: PathLike) -> Result:
    old_ctx, w1 = read_plan(old)
    new_ctx, w2 = read_plan(new)
    d = diff_contexts(old_ctx, new_ctx)
    return Result(d, diff_sheet(d, _shown(old), _shown(new)), w1 + w2, new_ctx.plan)


def trace_files(plan: PathLike, superior: PathLike) -> Result:
    ctx, w1 = read_plan(plan)
    sup, w2 = read_plan(superior)
    t = trace(ctx, sup)
    warnings = [Diagnostic(f"任务 {u.task.heading}（{u.task.id}）的 answers“{u.ref}”：{u.reason}。", Location(str(plan)), "answers", "warning")
                for u in t.unresolved]
    return Result(t, trace_sheet(t, _shown(plan), _shown(superior)), w1 + w2 + warnings, ctx.plan)


def _shown(path: PathLike) -> str:
    """The name a comparison sheet gives an input: the file's name, or 标准输入."""
    return "标准输入" if os.fspath(path) == STDIN else Path(path).name


def _writers() -> dict[str, Callable[[Sheet, Path], Path]]:
    from .write_docx import write_docx
    from .write_html import write_html
    from .write_xlsx import write_xlsx

    return {".xlsx": write_xlsx, ".docx": write_docx, ".html": write_html}


OUTPUT_SUFFIXES = (".xlsx", ".docx", ".html")


def write_sheet(sheet: Sheet, path: PathLike, plan: Optional[Plan] = None) -> Path:
    """Write by suffix, atomically; .xlsx/.docx normalised so the same plans give the same bytes."""
    target = Path(path)
    suffix = target.suffix.lower()
    if suffix not in OUTPUT_SUFFIXES:
        raise UserError.single(f"不支持输出为 {suffix or '无扩展名的文件'}：请写 .xlsx、.docx 或 .html 文件名。", Location(str(target)))
    ensure_dir(target.parent if str(target.parent) else ".")
    with fs_errors(target):
        fd, tmp_name = tempfile.mkstemp(prefix=".zwgk-", suffix=suffix, dir=target.parent)
        os.close(fd)
        tmp = Path(tmp_name)
        try:
            _writers()[suffix](sheet, tmp)
            if suffix in (".xlsx", ".docx") and plan is not None:
                normalise_package(tmp, plan_stamp(plan))
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(tmp, 0o666 & ~umask)  # mkstemp made it private; outputs are ordinary files
            os.replace(tmp, target)
        finally:
            if tmp.exists():
                tmp.unlink()
    return target
