"""The `zwgk` command line. Messages are Chinese; user mistakes exit 2 without a traceback."""

from __future__ import annotations

import functools
import importlib
import json
import sys
from pathlib import Path
from typing import Callable

import click

from . import __version__, cli_i18n
from .build import build, parse_formats
from .context import build_context
from .errors import Diagnostic, Location, UserError
from .load import load_plan, load_plan_with_warnings
from .model import Plan

cli_i18n.install()

CONTEXT_SETTINGS = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


def echo_diagnostics(diags: list[Diagnostic]) -> None:
    for d in diags:
        click.echo(str(d), err=True)


def user_errors(func: Callable) -> Callable:
    """Turn UserError into Chinese messages and exit code 2; nothing else is swallowed."""

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        try:
            return func(*args, **kwargs)
        except UserError as exc:
            echo_diagnostics(exc.diagnostics)
            sys.exit(2)

    return wrapper


@click.group(context_settings=CONTEXT_SETTINGS)
@click.version_option(__version__, "-V", "--version", message="zwgk_docs %(version)s")
def main() -> None:
    """zwgk：从一个 YAML 计划文件生成政务公开工作要点的通知、任务分解表、网页和年度报告。

    \b
    常用命令：
      zwgk validate examples/shenyang-2021.yaml      检查计划文件
      zwgk outline  examples/shenyang-2021.yaml      查看编号大纲
      zwgk build    examples/shenyang-2021.yaml -o out   生成全部文件
    """


@main.command()
@click.argument("plans", nargs=-1, required=True, type=click.Path(dir_okay=False, path_type=Path))
@click.option("--strict", is_flag=True, help="把警告也视为错误（退出码 2）。")
@user_errors
def validate(plans: tuple[Path, ...], strict: bool) -> None:
    """检查一个或多个计划文件（以及年度报告用的 *.progress.yaml、*.stats.yaml）。

    错误指出“文件:行:列”和字段；警告（时限不在本年度、任务无单位、内容重复）只提示，
    加 --strict 时也算错误。全部通过时退出码为 0，否则为 2。
    进度文件 X.progress.yaml 按同目录的计划文件 X.yaml 核对。

    \b
    例：zwgk validate examples/*.yaml
    """
    failed = False
    for path in plans:
        try:
            summary, warnings = _check_file(path)
        except UserError as exc:
            echo_diagnostics(exc.diagnostics)
            failed = True
            continue
        echo_diagnostics(warnings)
        if strict and warnings:
            failed = True
        click.echo(f"{path}：{summary}" + ("，通过" if not (strict and warnings) else "，有警告"))
    if failed:
        sys.exit(2)


def _check_file(path: Path) -> tuple[str, list[Diagnostic]]:
    """Validate a plan, or a report input beside its plan (named by suffix)."""
    name = path.name
    if name.endswith((".progress.yaml", ".progress.yml")):
        from .report.progress import load_progress

        plan_path = path.with_name(name.split(".progress.")[0] + ".yaml")
        if not plan_path.exists():
            raise UserError.single(f"找不到对应的计划文件 {plan_path.name}（进度文件按同名计划文件核对）。", Location(str(path)))
        plan, warnings = load_plan_with_warnings(plan_path)
        progress = load_progress(path, build_context(plan))
        return f"{len(progress.entries)} 项任务的进度", progress.warnings
    if name.endswith((".stats.yaml", ".stats.yml")):
        from .report.invariants import hard_errors, soft_warnings
        from .report.stats import load_stats

        stats = load_stats(path)
        errors = hard_errors(stats)
        if errors:
            raise UserError(errors)
        return "统计表勾稽关系正确", soft_warnings(stats, None)
    plan, warnings = load_plan_with_warnings(path)
    return f"{len(plan.iter_tasks())} 项任务", warnings


@main.command()
@click.argument("plan_path", metavar="PLAN", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="以 JSON 输出（供其他程序使用）。")
@user_errors
def outline(plan_path: Path, as_json: bool) -> None:
    """显示计划的编号大纲：部分、小节、任务、子任务及其编号和 id。

    \b
    例：zwgk outline examples/shenyang-2021.yaml
        zwgk outline examples/jilin-2018.yaml --json
    """
    ctx = build_context(load_plan(plan_path))
    if as_json:
        click.echo(json.dumps({"items": [i.as_json() for i in ctx.outline]}, ensure_ascii=False, indent=1))
        return
    for item in ctx.outline:
        words = item.title or (item.text or "").replace("\n", " ")
        if len(words) > 40:
            words = words[:40] + "……"
        label = item.label + (" " if item.label.endswith(".") else "")
        click.echo(f"{'  ' * (item.level - 1)}{label}{words}  [{item.id}]")


@main.command()
def schema() -> None:
    """输出计划文件的 JSON Schema（含中文说明），供编辑器校验和自动补全。

    \b
    例：zwgk schema > zwgk-plan.schema.json
    """
    click.echo(json.dumps(Plan.model_json_schema(), ensure_ascii=False, indent=2))


@main.command(name="build")
@click.argument("plan_paths", metavar="PLAN...", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("-o", "--output", "out_dir", default=Path("out"), show_default=True, type=click.Path(file_okay=False, path_type=Path), help="输出文件夹。")
@click.option("-f", "--format", "formats", default=None, help="输出格式，逗号分隔：docx,xlsx,pdf,html（默认全部）。")
@click.option("--by-unit", is_flag=True, help="另外为每个单位生成一份反馈表（units/单位.xlsx，及目录 units/目录.xlsx）。")
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=None, help="同时生成几个计划（默认每个处理器核心一个；只在生成多个计划时有用）。")
@click.option("--json", "as_json", is_flag=True, help="输出 JSON 清单（供其他程序使用）。")
@user_errors
def build_command(plan_paths: tuple[Path, ...], out_dir: Path, formats: str | None, by_unit: bool,
                  jobs: int | None, as_json: bool) -> None:
    """生成通知（.docx/.pdf）、任务分解表（.xlsx/.pdf）和网页（.html）。

    任何一个文件出错时，输出文件夹中不会留下半成品。
    给出多个计划文件或一个文件夹时批量生成：每个计划生成到“输出文件夹/计划文件名/”，
    有错误的计划给出提示并跳过，其余照常生成。

    \b
    例：zwgk build examples/shenyang-2021.yaml -o out
        zwgk build examples/teda-2018.yaml -o out --format xlsx
        zwgk build examples/ -o out/all          # 批量：文件夹中的全部计划
    """
    names = parse_formats(formats)
    if len(plan_paths) > 1 or plan_paths[0].is_dir():
        from .batch_cli import build_batch

        sys.exit(build_batch(plan_paths, out_dir, names, by_unit, jobs, as_json))
    plan_path = plan_paths[0]
    plan, warnings = load_plan_with_warnings(plan_path)
    echo_diagnostics(warnings)
    remarks: list[Diagnostic] = []  # the ledger carried over: progress of deleted tasks, cells read with care
    outputs = build(plan, out_dir, names, by_unit=by_unit, warnings=remarks)
    echo_diagnostics(remarks)
    if as_json:
        manifest = {"outputs": [o.as_json() for o in outputs], "tasks": len(plan.iter_tasks())}
        click.echo(json.dumps(manifest, ensure_ascii=False, indent=1))
        return
    for o in outputs:
        click.echo(f"已生成 {o.path}")
    if plan.notice is None and {"docx", "pdf"} & set(names):
        click.echo("提示：计划文件没有 notice（印发通知），因此不生成 notice.docx / notice.pdf。", err=True)


# Commands that live with their feature: each module exposes `commands`, a list of click commands.
EXTENSIONS: list[str] = [
    "zwgk_docs.fonts.cli",
    "zwgk_docs.report.cli",
    "zwgk_docs.check.cli",
    "zwgk_docs.importers.cli",
    "zwgk_docs.load.cli",
    "zwgk_docs.preview.cli",
    "zwgk_docs.collect.cli",
]

for _name in EXTENSIONS:
    for _command in importlib.import_module(_name).commands:
        main.add_command(_command)
