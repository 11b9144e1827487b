"""The annual 政府信息公开工作年度报告 (2021 format): progress per task and the statistics tables.

Pipeline: [plan → RenderContext] → progress + stats (validated; hard invariants stop here,
nothing is written) → checks (invariants, text against tables, completeness, roll-up) →
ReportContext → report.docx / report.html / report.pdf, all or none. A department without a
要点 plan gives only the stats file (and optionally a progress file with its own items).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Optional, Sequence, TypedDict

from ..build import parse_formats, write_all
from ..context import build_context
from ..context import RenderContext
from ..errors import Diagnostic, Location, UserError
from ..fsio import PathLike
from ..fonts import office_fonts
from ..load import format_path, load_plan_with_warnings
from ..writers import Format, Output, writer
from ..writers.reproducible import ZIP_EPOCH, Stamp, source_date_epoch
from .context import ReportContext, build_report_context
from .completeness import check_sections
from .invariants import hard_errors, rollup_errors, soft_warnings
from ..model.tree import Loc
from .meta import ReportMeta
from .narrative import Paragraph, check_narrative
from .progress import Progress, load_progress
from .stats import StatsFile, empty_stats, load_stats

# report.* path → (where it was written, its YAML path) for messages
Locator = Callable[[Loc], tuple[Optional[Location], str]]


class CheckRun(TypedDict):
    """One check of the report's inputs, as zwgk report --json lists it."""

    check: str  # its Chinese name
    passed: bool
    findings: int


@dataclass
class Prepared:
    report: ReportContext
    warnings: list[Diagnostic] = field(default_factory=list)
    checks: list[CheckRun] = field(default_factory=list)  # every check run, for --json
    progress: Optional[Progress] = None  # as read, per task (zwgk report --json lists it)
    plan_warnings: list[Diagnostic] = field(default_factory=list)  # the plan's own (zwgk validate PLAN); not the report's


def _check(checks: list[CheckRun], name: str, found: list[Diagnostic]) -> list[Diagnostic]:
    checks.append({"check": name, "passed": not found, "findings": len(found)})
    return found


def prepare(plan: Optional[PathLike] = None, progress: Optional[PathLike] = None, stats: Optional[PathLike] = None,
            previous: Optional[PathLike] = None, rollup: Sequence[PathLike] = ()) -> Prepared:
    """Load and check every input. Raises UserError (hard invariants included) before any output."""
    warnings: list[Diagnostic] = []
    plan_warnings: list[Diagnostic] = []
    checks: list[CheckRun] = []
    rctx = None
    if plan is not None:
        plan_obj, plan_warnings = load_plan_with_warnings(plan)
        rctx = build_context(plan_obj)
    elif stats is None:
        raise UserError.single("没有计划文件时，至少要给出统计文件（--stats）。", None)
    if progress is None and rctx is not None:
        raise UserError.single("有计划文件时要给出进度文件（--progress），报告第六部分逐项写落实情况。", None)
    sfile = load_stats(stats) if stats is not None else empty_stats()
    year = _year(rctx, sfile)
    prog = load_progress(progress, rctx) if progress is not None else Progress(ReportMeta())
    if stats is None:
        warnings.append(Diagnostic("没有提供统计文件（--stats），表二、表三、表四按 0 填写，信息处理费按未收取表述。", None, "", "warning"))
    errors = _check(checks, "统计表勾稽关系（T3-H1…H3、T4-H1…H3）", hard_errors(sfile))
    prev = None
    if previous is not None:
        prev = load_stats(previous)
        errors += [Diagnostic(f"上年统计文件本身有误：{d.message}", d.location, d.path) for d in hard_errors(prev)]
        if prev.stats.year is not None and prev.stats.year != year - 1:
            errors.append(prev.diagnostic(f"--previous 应为 {year - 1} 年的统计文件，实际是 {prev.stats.year} 年的。", ("year",)))
    if rollup:
        children = [load_stats(c) for c in rollup]
        errors += [Diagnostic(f"下级统计文件有误：{d.message}", d.location, d.path) for c in children for d in hard_errors(c)]
        errors += _check(checks, "汇总核对（上级 = 下级之和）", rollup_errors(sfile, children, year))
    if sfile.stats.year is not None and rctx is not None and sfile.stats.year != rctx.year:
        errors.append(sfile.diagnostic(f"统计文件是 {sfile.stats.year} 年的，计划是 {rctx.year} 年的。", ("year",)))
    if errors:
        raise UserError(errors)
    meta = prog.meta.merged(sfile.stats.report) if sfile.source else prog.meta
    warnings += prog.warnings
    warnings += _check(checks, "与上年报告衔接（X-S1、T2-S1、T2-S2）及结转比例（T3-S1）", soft_warnings(sfile, prev))
    text_findings = check_narrative(_paragraphs(prog, sfile), sfile.stats)
    text_errors = [d for d in text_findings if d.severity == "error"]
    _check(checks, "正文数字与统计表一致（N-S1、F-S1）", text_findings)
    if text_errors:
        raise UserError(text_errors + [d for d in text_findings if d.severity != "error"])
    warnings += text_findings
    warnings += _check(checks, "各部分内容完整（一的五个方面、五、六）", check_sections(meta, sfile.stats, _meta_locator(prog, sfile), _fallback(prog, sfile)))
    if rctx is not None:
        fonts, profile = rctx.fonts, rctx.font_profile
    else:
        fonts, profile = office_fonts("gb2312"), "gb2312"
    report = build_report_context(rctx, prog, sfile.stats, meta, year, fonts, profile)
    return Prepared(report, warnings, checks, prog, plan_warnings)


def _year(rctx: Optional[RenderContext], sfile: StatsFile) -> int:
    if rctx is not None:
        return rctx.year
    if sfile.stats.year is None:
        raise UserError.single("没有计划文件时，统计文件要写年度（year: 2021）。", sfile.locate(()), "year")
    return sfile.stats.year


def _meta_locator(prog: Progress, sfile: StatsFile) -> Locator:
    """Positions of report.* fields: in the progress file when it has a report: block, else in the stats file."""
    if sfile.source is None or (prog.smap is not None and ("report",) in prog.smap.keys):
        return lambda path: ((prog.smap.locate(path) if prog.smap else None), format_path(path))
    return lambda path: (sfile.locate(path), sfile.yaml_path(path))


def _fallback(prog: Progress, sfile: StatsFile) -> Location:
    return Location(prog.file or sfile.file or "报告")


def _paragraphs(prog: Progress, sfile: StatsFile) -> list[Paragraph]:
    """Every free paragraph of the report, located in its file, with the section it sits in."""
    out: list[Paragraph] = []

    def add(path: Loc, text: str, locate: Locator, section: str, heading: str = "") -> None:
        loc, name = locate(path)
        out.append(Paragraph(text, loc, name, section, heading))

    def ploc(path: Loc) -> tuple[Optional[Location], str]:
        return (prog.smap.locate(path), format_path(path)) if prog.smap else (None, format_path(path))

    def sloc(path: Loc) -> tuple[Optional[Location], str]:
        return sfile.locate(path), sfile.yaml_path(path)

    metas: list[tuple[ReportMeta, Locator]] = [(prog.meta, ploc)]
    if sfile.source is not None:
        metas.append((sfile.stats.report, sloc))
    for meta, locate in metas:
        for i, p in enumerate(meta.intro):
            add(("report", "intro", i), p, locate, "intro")
        for key in ("overview", "problems", "other"):
            for i, block in enumerate(getattr(meta, key)):
                for j, p in enumerate(block.text):
                    add(("report", key, i, "text", j), p, locate, key, block.title or "")
    for i, item in enumerate(prog.own):
        for j, p in enumerate(item.done):
            add(("tasks", i, "done", j), p, ploc, "tasks")
    for key in ("active", "requests", "appeals"):
        for i, p in enumerate(getattr(sfile.stats, key).text):
            add((key, "text", i), p, sloc, key)
    if sfile.stats.fee_text:
        add(("fee_text",), sfile.stats.fee_text, sloc, "fee")
    return out


REPORT_FORMATS: tuple[Format, ...] = ("docx", "pdf", "html")
_STEP_NAMES = {"docx": "Word 文件（report.docx）", "pdf": "PDF 文件（report.pdf）", "html": "网页（report.html）"}


def report_formats(value: Optional[str]) -> tuple[Format, ...]:
    """`zwgk report -f docx,html`: the formats asked for, in REPORT_FORMATS order (None: all three)."""
    names = parse_formats(value, REPORT_FORMATS)
    return tuple(f for f in REPORT_FORMATS if f in names) or REPORT_FORMATS


def write_report(report: ReportContext, out_dir: PathLike, progress: Optional[Callable[[str], None]] = None,
                 formats: Sequence[Format] = REPORT_FORMATS) -> list[Output]:
    """report.docx, report.pdf, report.html (or those of `formats`) into out_dir (all or nothing);
    `progress` hears of each step."""

    def produce(staging: Path) -> list[Output]:
        outputs: list[Output] = []
        for i, fmt in enumerate(formats, 1):
            if progress is not None:
                progress(f"[{i}/{len(formats)}] 正在生成 {_STEP_NAMES[fmt]}")
            outputs += writer("report", fmt)(report, staging)
        return outputs

    return write_all(out_dir, produce, report_stamp(report))


def report_stamp(report: ReportContext) -> Stamp:
    """The report's own date (SOURCE_DATE_EPOCH, else the report date, else 1 January after the year)."""
    import datetime as dt

    day = report.date or dt.date(report.year + 1, 1, 1)
    when = source_date_epoch() or dt.datetime(day.year, day.month, day.day, tzinfo=dt.timezone.utc)
    return Stamp(max(when, ZIP_EPOCH), report.title, report.organ)


__all__ = ["prepare", "write_report", "Prepared", "ReportContext"]
