"""`zwgk check FILE.docx [--json]`."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from ..cli import user_errors
from . import check_docx


@click.command()
@click.argument("path", metavar="FILE.docx", type=click.Path(path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="以 JSON 输出（供其他程序使用）。")
@user_errors
def check(path: Path, as_json: bool) -> None:
    """按 GB/T 9704-2012《党政机关公文格式》逐条检查一个 Word 公文（.docx）。

    检查纸张和版心、22 行 × 28 字、各要素的字体字号、版头（发文机关标志、发文字号、
    红色分隔线）、标题、主送机关、层次序数（跳号、重复、字体）、附件说明与附件标题、
    成文日期、附注、版记和页码。本工具生成的通知和手工排版的公文都可以检查。

    退出码：0 符合；1 有不符合项；2 文件无法读取。

    \b
    例：zwgk check out/notice.docx
        zwgk check 手工排版的通知.docx --json
    """
    report = check_docx(path)
    if as_json:
        click.echo(json.dumps(report.as_json(), ensure_ascii=False, indent=1))
    else:
        click.echo(report.as_text())
    if report.failures:
        sys.exit(1)


commands = [check]
