"""`zwgk doctor`: which installed font serves each role, and whether the tools are there."""

from __future__ import annotations

import shutil
import sys

import click

from . import PROFILES, ROLE_NAMES, installed_families, resolve_fonts

_WEIGHTS = {400: "常规", 500: "中等", 700: "粗体"}


def _tool_lines() -> list[tuple[bool, str]]:
    checks: list[tuple[bool, str]] = []
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    checks.append((bool(soffice), f"LibreOffice：{soffice}" if soffice else "未找到 LibreOffice（soffice）：无法用它核对 .docx/.xlsx 的显示效果"))
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    checks.append((bool(chromium), f"Chromium：{chromium}" if chromium else "未找到 Chromium：无法在浏览器中检查网页"))
    try:
        from ..writers.pdf.render import harfbuzz_subsetter

        fast = harfbuzz_subsetter()
        checks.append((fast, "HarfBuzz 字体子集化（libharfbuzz-subset0）：已启用" if fast
                       else "未找到 HarfBuzz 子集化库（libharfbuzz-subset0）：PDF 改用 fontTools 子集化，每个文件约慢 8 秒"))
    except (ImportError, OSError) as exc:
        checks.append((False, f"WeasyPrint 无法加载（{exc}）：不能生成 PDF，请安装 Pango"))
    checks.append((bool(installed_families()), "fontconfig（fc-list）：可用" if installed_families()
                   else "未找到 fontconfig（fc-list）或没有安装任何字体"))
    return checks


@click.command()
@click.option("--fonts", "profile", type=click.Choice(sorted(PROFILES)), default="gb2312", show_default=True,
              help="字体方案（同计划文件中的 fonts）。")
def doctor(profile: str) -> None:
    """检查本机环境：每种字体角色实际使用的字体、替代情况，以及 LibreOffice、Chromium、HarfBuzz。

    \b
    例：zwgk doctor
        zwgk doctor --fonts plain
    """
    ok = True
    click.echo(f"字体（方案 {profile}）：")
    warnings = []
    for role, choice in resolve_fonts(profile).items():
        name = ROLE_NAMES[role]
        if not choice.family:
            ok = False
            click.echo(f"  ✗ {name}：需要“{choice.wanted}”，本机没有可用的中文字体")
            continue
        weight = _WEIGHTS.get(choice.weight, str(choice.weight))
        mark = "!" if choice.substituted else "✓"
        click.echo(f"  {mark} {name}：{choice.family}（{weight}）")
        if choice.substituted:
            warnings.append(f"警告：未安装“{choice.wanted}”，{name}改用 {choice.family}（{weight}）。"
                            f"PDF 和网页与公文字体会略有差异；安装该字体后自动使用。")
    for w in warnings:
        click.echo(w)
    click.echo("工具：")
    for good, line in _tool_lines():
        click.echo(f"  {'✓' if good else '!'} {line}")
    if not ok:
        click.echo("错误：缺少中文字体，无法生成 PDF。请运行 scripts/setup.sh，或安装 fonts-noto-cjk。", err=True)
        sys.exit(1)


commands = [doctor]
