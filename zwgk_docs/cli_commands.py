"""The core commands: validate, outline, build, schema, completion."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Optional

import click

from .cli_common import (EXIT_USER_ERROR, OUTPUT_FOLDER, PLAN, detail, echo_diagnostics, joined_formats, progress, say, summary,
                         user_errors)
from .entry import collections_resumed
from .errors import Diagnostic, UserError
from .load import STDIN, load_plan, load_plan_with_warnings

if TYPE_CHECKING:
    from .writers import Output


@click.command()
@click.argument("plans", nargs=-1, required=True, type=click.Path(dir_okay=False, allow_dash=True, path_type=Path))
@click.option("--strict", is_flag=True, help="把警告也视为错误（退出码 2）。")
@click.option("--json", "as_json", is_flag=True, help="以 JSON 输出每个文件的结果和问题（供其他程序、编辑器插件使用）。")
@user_errors
def validate(plans: tuple[Path, ...], strict: bool, as_json: bool) -> None:
    """检查一个或多个计划文件（以及年度报告用的 *.progress.yaml、*.stats.yaml）。

    错误指出“文件:行:列”和字段；警告（时限不在本年度、任务无单位、内容重复）只提示，
    加 --strict 时也算错误。全部通过时退出码为 0，否则为 2。
    进度文件 X.progress.yaml 按同目录的计划文件 X.yaml 核对。文件名写 - 时从标准输入读取。

    \b
    例：zwgk validate examples/*.yaml
        zwgk validate plan.yaml --json
        cat plan.yaml | zwgk validate -
    """
    failed = False
    results = []
    for path in plans:
        try:
            summary_text, warnings = _check_file(path)
            errors: list[Diagnostic] = []
        except UserError as exc:
            summary_text, warnings, errors = "", [], exc.diagnostics
        ok = not errors and not (strict and warnings)
        failed |= not ok
        shown = "<标准输入>" if str(path) == STDIN else str(path)
        results.append({"file": shown, "ok": ok, "summary": summary_text,
                        "diagnostics": [_diagnostic_json(d) for d in errors + warnings]})
        if as_json:
            continue
        echo_diagnostics(errors + warnings)
        if not errors:
            say(f"{shown}：{summary_text}" + ("，通过" if ok else "，有警告"))
    if as_json:
        click.echo(json.dumps({"ok": not failed, "files": results}, ensure_ascii=False, indent=1))
    if failed:
        sys.exit(EXIT_USER_ERROR)


def _diagnostic_json(d: Diagnostic) -> dict[str, Any]:
    loc = d.location
    return {"severity": d.severity, "message": d.message, "field": d.path or None,
            "file": loc.file if loc else None, "line": loc.line if loc else None, "column": loc.column if loc else None}


def _check_file(path: Path) -> tuple[str, list[Diagnostic]]:
    """Validate a plan, or a report input beside its plan (named by suffix)."""
    from .inputs import report_input_kind

    if report_input_kind(path):
        from .report.validate import validate_report_input

        return validate_report_input(path)
    plan, warnings = load_plan_with_warnings(path)
    return f"{len(plan.iter_tasks())} 项任务", warnings


@click.command()
@PLAN
@click.option("--json", "as_json", is_flag=True, help="以 JSON 输出（供其他程序使用）。")
@user_errors
def outline(plan_path: Path, as_json: bool) -> None:
    """显示计划的编号大纲：部分、小节、任务、子任务及其编号和 id。

    \b
    例：zwgk outline examples/shenyang-2021.yaml
        zwgk outline examples/jilin-2018.yaml --json
    """
    from .context import build_context

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


@click.command()
@click.option("-o", "--output", "target", default=None, type=click.Path(path_type=Path),
              help="写到文件；给文件夹或计划文件时写为其旁边的 zwgk-plan.schema.json（计划文件第一行的 $schema 指向它）。")
@user_errors
def schema(target: Optional[Path]) -> None:
    """输出计划文件的 JSON Schema（含中文说明），供编辑器校验和自动补全。

    计划文件第一行 “# yaml-language-server: $schema=zwgk-plan.schema.json” 指向同一文件夹中的
    这个文件；VS Code（YAML 插件）等编辑器据此检查并提示每个字段（见 docs/editors.md）。

    \b
    例：zwgk schema -o .                 在当前文件夹写出 zwgk-plan.schema.json
        zwgk schema -o plan.yaml         写在 plan.yaml 旁边
        zwgk schema > my.schema.json
    """
    from .fsio import write_text_atomic
    from .schema import schema_path_for, schema_text

    if target is None:
        click.echo(schema_text(), nl=False)
        return
    path = write_text_atomic(schema_path_for(target), schema_text())
    summary([path], "写出")


@click.command(name="build")
@click.argument("plan_paths", metavar="PLAN...", nargs=-1, required=True, type=click.Path(allow_dash=True, path_type=Path))
@click.option("-o", "--output", "out_dir", default=Path("out"), show_default=True, type=OUTPUT_FOLDER, help="输出文件夹。")
@click.option("-f", "--format", "formats", multiple=True,
              help="输出格式，逗号分隔：docx,xlsx,pdf,html（默认全部）；可重复，如 -f xlsx -f html。")
@click.option("--by-unit", is_flag=True, help="另外为每个单位生成一份反馈表（units/单位.xlsx，及目录 units/目录.xlsx）。")
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=None, help="同时生成几个计划（默认每个处理器核心一个；只在生成多个计划时有用）。")
@click.option("--json", "as_json", is_flag=True, help="输出 JSON 清单（供其他程序使用）。")
@click.option("--untrusted", is_flag=True, help="计划来自他人（如网站表单）时使用：印章等文件只能在计划文件所在的文件夹中（见 docs/security.md）。")
@user_errors
def build_command(plan_paths: tuple[Path, ...], out_dir: Path, formats: tuple[str, ...], by_unit: bool,
                  jobs: Optional[int], as_json: bool, untrusted: bool) -> None:
    """生成通知（.docx/.pdf）、任务分解表（.xlsx/.pdf）和网页（.html）。

    任何一个文件出错时，输出文件夹中不会留下半成品。
    每完成一步在屏幕上报告一行，最后列出写出的文件、大小和用时（-q 不显示）。
    给出多个计划文件或一个文件夹时批量生成：每个计划生成到“输出文件夹/计划文件名/”，
    有错误的计划给出提示并跳过，其余照常生成。计划文件写 - 时从标准输入读取。

    \b
    例：zwgk build examples/shenyang-2021.yaml -o out
        zwgk build examples/teda-2018.yaml -o out --format xlsx
        zwgk build examples/ -o out/all          # 批量：文件夹中的全部计划
    """
    from .writers import parse_formats

    names = parse_formats(joined_formats(formats))
    if len(plan_paths) > 1 or plan_paths[0].is_dir():  # the workers import the writers, not this process
        from .batch_cli import build_batch

        collections_resumed()

        sys.exit(build_batch(plan_paths, out_dir, names, by_unit, jobs, as_json, trusted=not untrusted))
    from .build import build  # the writers' imports: only when building
    from .files import plan_file_notes

    plan, warnings = load_plan_with_warnings(plan_paths[0])
    detail(f"计划 {plan_paths[0]}：{len(plan.iter_tasks())} 项任务；输出格式 {'、'.join(names)}"
           + ("，另加各单位清单" if by_unit else "") + f"；输出文件夹 {out_dir}")
    echo_diagnostics(warnings + ([] if untrusted else plan_file_notes(plan)))
    remarks: list[Diagnostic] = []  # the ledger carried over: progress of deleted tasks, cells read with care
    steps = resuming_collections(None if as_json else progress, names, build_modules(names, by_unit, as_json))
    outputs = build(plan, out_dir, names, by_unit=by_unit, progress=steps, trusted=not untrusted, warnings=remarks,
                    meanwhile=None if as_json else _check_meanwhile, loaded=True)
    collections_resumed()  # (a build of PDFs only)
    echo_diagnostics(remarks)
    if as_json:
        manifest = {"outputs": [o.as_json() for o in outputs], "tasks": len(plan.iter_tasks())}
        click.echo(json.dumps(manifest, ensure_ascii=False, indent=1))
        return
    summary([o.path for o in outputs])
    from .check import self_check  # GB/T 9704 check of the notice just written; only reports

    for line in self_check([o.path for o in outputs]):
        say(line, err=True)
    if plan.notice is None and {"docx", "pdf"} & set(names):
        say("提示：计划文件没有 notice（印发通知），因此不生成 notice.docx / notice.pdf。", err=True)


# The modules a build imports once it writes (python-docx, openpyxl…), by step; and after them the
# self-check's. A valid plan's build imports them all: beforehand, while the collector is paused.
_STEP_MODULES = {
    "docx": ("zwgk_docs.writers.docx",),
    "xlsx": ("zwgk_docs.writers.xlsx.save", "zwgk_docs.writers.xlsx.sheet", "zwgk_docs.writers.xlsx.ledger",
             "zwgk_docs.writers.xlsx.forms"),
    "html": ("zwgk_docs.writers.html",),
    "units": ("zwgk_docs.writers.xlsx.forms",),
}


def build_modules(names: list[str], by_unit: bool, as_json: bool) -> list[str]:
    """What a build of `names` (formats) imports after the plan is read (entry.collections_resumed)."""
    steps = [*names, "units"] if by_unit else names
    modules = ["zwgk_docs.collect.untouched", *(m for step in steps for m in _STEP_MODULES.get(step, ()))]
    return modules if as_json else [*modules, "zwgk_docs.check"]


def resuming_collections(report: Optional[Callable[[str], None]], names: list[str],
                         modules: list[str]) -> Callable[[str], None]:
    """The build's progress callback (`report`, None: silent) that first resumes the cycle collector
    (entry.collections_resumed, importing `modules`) when the first step after the PDFs' starts: the
    PDF process gets its job first, the other writers' imports pass no collection either."""
    before_resuming = [True] if "pdf" in names else []  # the PDFs' step comes first (build._write)

    def step(line: str) -> None:
        if before_resuming:
            before_resuming.pop()
        else:
            collections_resumed(modules)
        if report is not None:
            report(line)

    return step


def _check_meanwhile(outputs: list[Output]) -> None:
    """The self-check of notice.docx while the PDFs are laid out (its answer is cached by the bytes)."""
    from .check import prepare_self_check

    prepare_self_check([o.path for o in outputs])


SHELLS = ("bash", "zsh", "fish")


@click.command()
@click.argument("shell", type=click.Choice(SHELLS), required=False)
def completion(shell: Optional[str]) -> None:
    """输出命令补全脚本（按 Tab 补全命令、选项和文件名）。

    \b
    bash：在 ~/.bashrc 中加一行  eval "$(zwgk completion bash)"
    zsh： 在 ~/.zshrc 中加一行   eval "$(zwgk completion zsh)"
    fish：zwgk completion fish > ~/.config/fish/completions/zwgk.fish
    不写 SHELL 时按环境变量 SHELL 判断。Windows 的 PowerShell、cmd 不支持。
    """
    import os

    from click.shell_completion import get_completion_class

    from .cli import main

    name = shell or Path(os.environ.get("SHELL", "bash")).name
    cls = get_completion_class(name)
    if cls is None:
        raise UserError.single(f"不支持为“{name}”生成补全脚本；可选：{'、'.join(SHELLS)}。")
    click.echo(cls(main, {}, "zwgk", "_ZWGK_COMPLETE").source())


commands = [validate, outline, build_command, schema, completion]
