"""report.html (website) and report.pdf (WeasyPrint) from one Jinja2 template, templates/html/report.html."""

from __future__ import annotations

from pathlib import Path

from ..fonts import ROLES, css_family
from ..writers import Output
from ..writers.pdf import geometry
from ..writers.pdf.render import fonts_for, html_to_pdf
from ..writers.templating import render
from .context import ReportContext


def report_html(report: ReportContext, print_version: bool = False) -> str:
    profile = report.font_profile
    if print_version:
        return render("report.html", r=report, print=True, g=geometry, f=fonts_for(profile))
    stacks = {role: css_family(role, profile) for role in ROLES}
    return render("report.html", r=report, print=False, stacks=stacks)


def write_html(report: ReportContext, out_dir: Path) -> Output:
    out = out_dir / "report.html"
    out.write_text(report_html(report), encoding="utf-8")
    return Output("report.html", out)


def write_pdf(report: ReportContext, out_dir: Path) -> Output:
    return Output("report.pdf", html_to_pdf(report_html(report, print_version=True), out_dir / "report.pdf"))
