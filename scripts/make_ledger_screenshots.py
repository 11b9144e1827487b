#!/usr/bin/env python3
"""Regenerate the screenshots in docs/img/ for docs/ledger.md, as LibreOffice prints the files.

Builds examples/shenyang-2021.yaml with --by-unit, fills one unit's 反馈表 as a unit would,
collects it into the ledger, converts the form and the ledger to PDF with LibreOffice and
renders chosen pages with pdftoppm (60 dpi).

    python scripts/make_ledger_screenshots.py
"""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from openpyxl import load_workbook  # noqa: E402

from zwgk_docs.build import build  # noqa: E402
from zwgk_docs.collect.merge import collect  # noqa: E402
from zwgk_docs.context import build_context  # noqa: E402
from zwgk_docs.load import load_plan  # noqa: E402

PLAN = ROOT / "examples" / "shenyang-2021.yaml"
UNIT = "市营商局"
IMG = ROOT / "docs" / "img"


def fill(path: Path, target: Path) -> None:
    wb = load_workbook(path)
    ws = wb["反馈表"]
    col = {ws.cell(3, c).value: c for c in range(1, ws.max_column + 1)}
    samples = [("已制定政务服务事项清单并在政府网站公开，共 1,268 项。", "已完成", "沈营商发〔2021〕12号"),
               ("正在推进“一网通办”事项梳理，已完成 80%。", "推进中", "")]
    for r, (text, status, evidence) in zip(range(4, ws.max_row + 1), samples):
        ws.cell(r, col["进展情况"]).value = text
        ws.cell(r, col["完成状态"]).value = status
        ws.cell(r, col["佐证材料"]).value = evidence or None
        ws.cell(r, col["更新日期"]).value = dt.date(2021, 9, 30)
    ws["E2"] = "王五 024-22345678"
    ws["G2"] = dt.date(2021, 9, 30)
    wb.save(target)


def to_pdf(book: Path, out: Path, profile: Path) -> Path:
    exe = shutil.which("soffice") or shutil.which("libreoffice")
    subprocess.run([exe, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
                    "--outdir", str(out), str(book)], check=True, capture_output=True, timeout=300)
    return out / (book.stem + ".pdf")


def page_with(pdf: Path, words: str) -> int:
    import pdfplumber

    with pdfplumber.open(pdf) as doc:
        for i, page in enumerate(doc.pages, start=1):
            if words in (page.extract_text() or "").replace(" ", ""):
                return i
    raise SystemExit(f"{pdf.name}: no page shows {words}")


def png(pdf: Path, page: int, name: str) -> None:
    stem = IMG / name
    subprocess.run(["pdftoppm", "-r", "60", "-png", "-singlefile", "-f", str(page), "-l", str(page), str(pdf), str(stem)],
                   check=True, timeout=120)
    print(f"wrote {stem.with_suffix('.png').relative_to(ROOT)}")


def main() -> None:
    IMG.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        tmp_path = Path(tmp)
        out = tmp_path / "out"
        plan = load_plan(PLAN)
        build(plan, out, ["xlsx"], by_unit=True)
        filled = tmp_path / f"{UNIT}.xlsx"
        fill(out / "units" / f"{UNIT}.xlsx", filled)
        collect(plan, build_context(plan), [filled], out / "ledger.xlsx", dt.date(2021, 10, 8))
        form_pdf = to_pdf(filled, tmp_path, tmp_path / ".lo")
        ledger_pdf = to_pdf(out / "ledger.xlsx", tmp_path, tmp_path / ".lo")
        png(form_pdf, 1, "ledger-form")
        png(ledger_pdf, 1, "ledger-main")
        png(ledger_pdf, page_with(ledger_pdf, "（各单位报送）"), "ledger-entries")
        png(ledger_pdf, page_with(ledger_pdf, "（汇总）"), "ledger-summary")


if __name__ == "__main__":
    main()
