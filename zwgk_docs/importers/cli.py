"""`zwgk import`, `zwgk new`, `zwgk init`: start a plan from existing documents, last year's plan, or nothing."""

from __future__ import annotations

from pathlib import Path

import click

from ..cli_common import progress, summary, user_errors
from ..errors import Location, UserError
from ..load.limits import check_text


def _write(path: Path, text: str, force: bool) -> None:
    """Write a plan atomically, its first line pointing editors at the schema written beside it."""
    from ..fsio import write_text_atomic
    from ..schema import with_modeline, write_schema_beside

    if path.exists() and not force:
        raise UserError.single("输出文件已存在；如要覆盖，请加 --force。", Location(str(path)))
    if path.exists() and path.is_dir():
        raise UserError.single("输出路径是一个文件夹，请写文件名，如 plan.yaml。", Location(str(path)))
    write_text_atomic(path, with_modeline(text))
    summary([path, write_schema_beside(path)], "写出")


@click.command("import")
@click.argument("source", metavar="FILE", type=click.Path(dir_okay=True, path_type=Path))
@click.option("-o", "--output", "output", required=True, type=click.Path(path_type=Path), help="要写出的计划文件（.yaml）。")
@click.option("--force", is_flag=True, help="输出文件已存在时覆盖它。")
@user_errors
def import_(source: Path, output: Path, force: bool) -> None:
    """从已有的任务分解表或工作要点导入，生成计划文件。

    \b
    可以读取：
      .xlsx  任务分解表（标题行、合并单元格、备注等其他列均可）
      .docx  通知和工作要点正文，和/或其中的任务分解表
      .csv   任务分解表
      .txt   从网页或文档复制出的文字（表格用制表符或“ | ”分隔）
    无法确定的地方在命令输出和文件开头的注释中逐条列出（含行、列位置），请核对。

    \b
    例：zwgk import 2021年任务分解表.xlsx -o plan.yaml
        zwgk import 工作要点.docx -o plan.yaml --force
    """
    from . import import_to_yaml

    if output.exists() and not force:
        raise UserError.single("输出文件已存在；如要覆盖，请加 --force。", Location(str(output)))
    progress(f"正在读取 {source}")
    text, imported = import_to_yaml(source)  # the plan is validated as it is built (Draft.finish)
    try:
        check_text(text, str(output))  # and stays within the limits every reader of plan files enforces
    except UserError as exc:
        messages = "；".join(d.message for d in exc.diagnostics)
        raise UserError.single(f"已读取 {len(imported.tasks())} 项任务，但生成的计划文件超出计划文件的大小限制（{messages}）："
                               "请把表格拆分成几个文件分别导入。", Location(str(source))) from None
    _write(output, text, force)
    plan = imported.plan
    tasks = plan.iter_tasks()
    subs = sum(len(t.subtasks) for t in tasks)
    click.echo(f"已导入 {len(plan.plan.parts)} 个部分、{len(tasks)} 项任务" + (f"、{subs} 条子任务" if subs else "") + f" → {output}")
    if imported.decisions:
        click.echo("导入时的判断（也写在文件开头的注释中）：", err=True)
        for d in imported.decisions:
            click.echo(f"  * {d}", err=True)
    if imported.warnings:
        click.echo(f"有 {len(imported.warnings)} 处需要核对（也写在文件开头的注释中）：", err=True)
        for w in imported.warnings:
            click.echo(f"  - {w}", err=True)


@click.command("new")
@click.option("--from", "source", required=True, type=click.Path(dir_okay=False, path_type=Path), help="去年的计划文件。")
@click.option("--year", required=True, type=click.IntRange(2000, 2100), help="新的年度，如 2022。")
@click.option("-o", "--output", "output", required=True, type=click.Path(path_type=Path), help="要写出的新计划文件。")
@click.option("--force", is_flag=True, help="输出文件已存在时覆盖它。")
@user_errors
def new(source: Path, year: int, output: Path, force: bool) -> None:
    """由去年的计划生成新一年的草稿。

    标题、文号、日期中的年份顺延；进度类的其他列清空；有日期的完成时限顺延一年，
    并在文件中标注“# 请核对”；任务 id 保持不变。

    \b
    例：zwgk new --from examples/shenyang-2021.yaml --year 2022 -o shenyang-2022.yaml
    """
    from .newyear import new_year

    if output.exists() and not force:
        raise UserError.single("输出文件已存在；如要覆盖，请加 --force。", Location(str(output)))
    text, moved = new_year(str(source), year)
    _write(output, text, force)
    click.echo(f"已生成 {year} 年度草稿 → {output}（{moved} 个完成时限已顺延一年，标有“# 请核对”的地方请逐一核对）")


@click.command("init")
@click.option("-o", "--output", "output", default="plan.yaml", show_default=True, type=click.Path(path_type=Path), help="要写出的计划文件。")
@click.option("--year", type=click.IntRange(2000, 2100), default=None, help="年度（默认今年）。")
@click.option("--force", is_flag=True, help="输出文件已存在时覆盖它。")
@user_errors
def init(output: Path, year: int | None, force: bool) -> None:
    """写出一个空白计划文件，每个字段都有中文注释说明。

    \b
    例：zwgk init
        zwgk init -o 2022.yaml --year 2022
    """
    from .blank import blank_plan

    _write(output, blank_plan(year), force)
    click.echo(f"已生成空白计划 → {output}（按注释填写后运行 zwgk validate {output}）")


commands = [import_, new, init]
