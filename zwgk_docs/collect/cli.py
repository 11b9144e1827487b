"""`zwgk units` (who does what) and `zwgk collect` (returned 反馈表 → 工作台账)."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import click

from ..cli import echo_diagnostics, user_errors
from ..context import RenderContext, build_context
from ..load import load_plan_with_warnings

_FILE = click.Path(dir_okay=False, path_type=Path)


def units_json(ctx: RenderContext) -> dict[str, Any]:
    lists = {u.unit: u for u in ctx.unit_lists}
    by_id = {t.id: t for t in ctx.tasks}
    out = []
    for info in ctx.units:
        entry = info.as_json()
        ul = lists.get(info.name)
        tasks = []
        if ul is not None:
            roles_by_task: dict[str, list[str]] = {}
            for row, role in zip(ul.table.rows, ul.roles):
                if row.kind == "data":
                    roles_by_task.setdefault(row.task_id, [])
                    for r in role.split("、"):
                        if r and r not in roles_by_task[row.task_id]:
                            roles_by_task[row.task_id].append(r)
            tasks = [{"id": tid, "label": by_id[tid].label, "heading": by_id[tid].heading, "roles": roles_by_task.get(tid, [])}
                     for tid in ul.task_ids]
        entry["tasks"] = tasks
        out.append(entry)
    return {"plan": ctx.plan_title, "year": ctx.year, "units": out}


@click.command(name="units")
@click.argument("plan_path", metavar="PLAN", type=_FILE)
@click.option("--json", "as_json", is_flag=True, help="以 JSON 输出（供其他程序使用）。")
@user_errors
def units(plan_path: Path, as_json: bool) -> None:
    """列出计划中的全部单位：规范名称、简称、类别，以及各自牵头、负责、配合的任务。

    单位名称已规范（全角括号、去掉空格和“等相关部门”“按职责分工”等字样），
    计划中声明了 units 时按名称和简称归并。

    \b
    例：zwgk units examples/teda-2018.yaml
        zwgk units examples/jilin-2018.yaml --json
    """
    plan, warnings = load_plan_with_warnings(plan_path)
    echo_diagnostics(warnings)
    data = units_json(build_context(plan))
    if as_json:
        click.echo(json.dumps(data, ensure_ascii=False, indent=1))
        return
    click.echo(f"{data['plan']}：{len(data['units'])} 个单位")
    for u in data["units"]:
        extra = "，".join(x for x in [u["kind"], ("简称：" + "、".join(u["aliases"])) if u["aliases"] else "", u["contact"]] if x)
        click.echo(f"\n{u['name']}" + (f"（{extra}）" if extra else "") + f"  {len(u['tasks'])} 项任务")
        for t in u["tasks"]:
            click.echo(f"  {t['heading'][:40]}  [{t['id']}]  {'、'.join(t['roles'])}")


@click.command(name="collect")
@click.argument("plan_path", metavar="PLAN", type=_FILE)
@click.argument("forms", metavar="FORM.xlsx...", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--ledger", "ledger_path", default=Path("out/ledger.xlsx"), show_default=True, type=_FILE,
              help="汇入的工作台账；不存在时新建。")
@click.option("--json", "as_json", is_flag=True, help="以 JSON 输出汇入结果和全部问题（供其他程序使用）。")
@user_errors
def collect_command(plan_path: Path, forms: tuple[Path, ...], ledger_path: Path, as_json: bool) -> None:
    """把各单位交回的反馈表汇入工作台账（“各单位报送”表）。

    每条进展记入其单位和日期（行中的更新日期，没有时用表头的填报日期）；两个单位报送同一任务时各留一条；
    同一单位较新的进展替换较旧的。其他计划或年度的反馈表、未知的任务标识、插入的行、被改动的锁定单元格、
    下拉列表以外的完成状态、无法识别的日期，都逐条指出“文件 工作表!单元格”；能汇入的照常汇入。
    原台账另存为“ledger.备份-日期时间.xlsx”，新台账一次写成。
    全部汇入时退出码为 0；有未汇入的内容时为 1（台账已更新，请按提示处理后再次汇入）。

    
    例：zwgk collect examples/shenyang-2021.yaml 交回/*.xlsx --ledger out/ledger.xlsx
    """
    from .merge import collect

    paths: list[Path] = []
    for p in forms:
        paths.extend(sorted(p.glob("*.xlsx")) if p.is_dir() else [p])
    plan, warnings = load_plan_with_warnings(plan_path)
    echo_diagnostics(warnings)
    ctx = build_context(plan)
    result = collect(plan, ctx, paths, ledger_path)
    if as_json:
        click.echo(json.dumps(result.as_json(), ensure_ascii=False, indent=1))
    else:
        echo_diagnostics(result.warnings + result.problems)
        for f in result.forms:
            state = f"汇入 {f.entries} 条" if f.accepted else "未汇入"
            click.echo(f"{f.file}（{f.unit or '未知单位'}）：{state}" + (f"，{f.kept_older} 条比台账中的旧、未采用" if f.kept_older else ""))
        click.echo(f"已更新 {result.ledger}" + (f"（原台账另存为 {result.backup}）" if result.backup else ""))
    if result.problems:
        sys.exit(1)


commands = [units, collect_command]
