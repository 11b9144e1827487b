"""`zwgk units` (who does what) and `zwgk collect` (returned 反馈表 → 工作台账)."""

from __future__ import annotations

import json
from pathlib import Path

import click

from ..cli import echo_diagnostics, user_errors
from ..context import build_context
from ..load import load_plan_with_warnings

_FILE = click.Path(dir_okay=False, path_type=Path)


def units_json(ctx) -> dict:
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


commands = [units]
