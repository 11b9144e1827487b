"""A review Sheet as one self-contained web page (templates/html/compare.html): <ins>/<del>, no script."""

from __future__ import annotations

from pathlib import Path

from ..writers.templating import render
from .sheet import Sheet


def sheet_html(sheet: Sheet) -> str:
    return render("compare.html", sheet=sheet)


def write_html(sheet: Sheet, path: Path) -> Path:
    path.write_text(sheet_html(sheet), encoding="utf-8")
    return path
