"""report.html (website) and report.pdf (WeasyPrint) from one Jinja2 template, templates/html/report.html."""

from __future__ import annotations

from pathlib import Path
from typing import Sequence

from ..fonts import ROLES, css_family
from ..writers import Output
from ..writers.pdf import geometry
from ..writers.pdf.render import fonts_for, html_to_pdf
from ..writers.html.site import Download, report_info, site_meta
from ..writers.templating import render
from .context import ReportContext


def report_html(report: ReportContext, print_version: bool = False, downloads: Sequence[Download] = ()) -> str:
    profile = report.font_profile
    if print_version:
        return render("report.html", r=report, print=True, g=geometry, f=fonts_for(profile))
    stacks = {role: css_family(role, profile) for role in ROLES}
    web = report.web
    return render("report.html", r=report, print=False, stacks=stacks,
                  site_meta=site_meta(web, web.report if web else None, report.title, report.organ),
                  info=report_info(web, report.title, report.organ, report.date_text), download_list=list(downloads))


def write_html(report: ReportContext, out_dir: Path, downloads: Sequence[Download] = ()) -> list[Output]:
    """report.html; `downloads` (from zwgk publish) adds the list of the report's files."""
    out = out_dir / "report.html"
    out.write_text(report_html(report, downloads=downloads), encoding="utf-8")
    return [Output("report.html", out)]


def write_pdf(report: ReportContext, out_dir: Path) -> list[Output]:
    return [Output("report.pdf", html_to_pdf(report_html(report, print_version=True), out_dir / "report.pdf"))]

