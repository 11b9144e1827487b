"""A formula saved without its result reads as an empty cell: every reader says so, none loses it silently.

Files come from Excel/WPS (formula and result stored) or from programs (openpyxl, OA exports: the
formula alone). The second kind is made here with openpyxl; the first by writing the result into
the sheet's XML as Excel does (`<v>`), which is what data_only readers take.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import Workbook, load_workbook

from zwgk_docs.cli import main
from zwgk_docs.errors import UserError
from zwgk_docs.importers.readers.xlsx import read_xlsx
from zwgk_docs.report.stats import load_stats
from zwgk_docs.workbook_formulas import uncalculated_cells

ROOT = Path(__file__).resolve().parents[1]
TEDA = ROOT / "examples" / "teda-2018.yaml"


def run(*args: object):
    result = CliRunner().invoke(main, [str(a) for a in args])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result


def store_result(path: Path, sheet_part: str, coordinate: str, result: str, text: bool = False, error: bool = False) -> None:
    """Write a formula's result next to it, as Excel/WPS save it."""
    tmp = path.with_suffix(".tmp")
    kind = b' t="e"' if error else b' t="str"' if text else b""
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            data = src.read(item)
            if item.filename == sheet_part:
                cell = re.compile(rb'<c r="' + coordinate.encode() + rb'"([^>]*)><f>(.*?)</f><v\s*/?>(?:</v>)?</c>')
                data, n = cell.subn(lambda m: b'<c r="' + coordinate.encode() + b'"' + re.sub(rb'\s*t="\w+"', b"", m.group(1)) + kind
                                    + b"><f>" + m.group(2) + b"</f><v>" + result.encode() + b"</v></c>", data)
                assert n == 1, data[:2000]
            dst.writestr(item, data)
    tmp.replace(path)


def part_with(path: Path, needle: str) -> str:
    with zipfile.ZipFile(path) as z:
        return next(n for n in z.namelist() if n.startswith("xl/worksheets/") and needle.encode() in z.read(n))


def test_only_formulas_without_a_result_are_found(tmp_path):
    wb = Workbook()
    ws = wb.active
    ws["A1"], ws["A2"], ws["A3"], ws["A4"] = "=1+1", 3, '=""', "=A2*2"
    path = tmp_path / "f.xlsx"
    wb.save(path)
    assert uncalculated_cells(path) == {"Sheet": frozenset({"A1", "A3", "A4"})}
    store_result(path, "xl/worksheets/sheet1.xml", "A1", "2")
    store_result(path, "xl/worksheets/sheet1.xml", "A3", "", text=True)  # an empty text is a result
    assert uncalculated_cells(path) == {"Sheet": frozenset({"A4"})}
    assert uncalculated_cells(path, ("其他",)) == {}
    (tmp_path / "bad.xlsx").write_bytes(b"PK\x03\x04 broken")
    assert uncalculated_cells(tmp_path / "bad.xlsx") == {}  # the reader that opens it says what is wrong


def test_import_warns_only_about_formulas_without_results(tmp_path):
    wb = Workbook()
    ws = wb.active
    ws.append(["序号", "工作任务", "责任单位", "分值"])
    ws.append(["1", "推进决策公开。", "区司法局", "=10*2"])
    ws.append(["2", "推进执行公开。", "区政府督查室", "=5*2"])
    path = tmp_path / "t.xlsx"
    wb.save(path)
    store_result(path, "xl/worksheets/sheet1.xml", "D2", "20")
    [grid] = read_xlsx(path)
    notes = "\n".join(grid.warnings)
    assert "D3" in notes and "D2" not in notes  # D2 was calculated: its value is read, no false alarm
    assert grid.rows[1][3].text == "20"


def _ledger_cell(path: Path, header: str) -> tuple[str, int, int]:
    ws = load_workbook(path)["工作台账"]
    hr = next(r for r in range(1, 20) if any(ws.cell(r, c).value == "任务标识" for c in range(1, ws.max_column + 1)))
    col = {ws.cell(hr, c).value: c for c in range(1, ws.max_column + 1)}
    return ws.cell(hr + 2, col[header]).coordinate, hr + 2, col[header]


def test_rebuild_refuses_a_ledger_formula_without_result_then_keeps_its_result(tmp_path):
    assert run("build", TEDA, "-o", tmp_path, "-f", "xlsx").exit_code == 0
    ledger = tmp_path / "ledger.xlsx"
    coordinate, _, _ = _ledger_cell(ledger, "进展情况")
    wb = load_workbook(ledger)
    wb["工作台账"][coordinate] = '="已印发实施方案"&"，正在推进"'  # what an OA export might write
    wb.save(ledger)
    before = ledger.read_bytes()
    r = run("build", TEDA, "-o", tmp_path, "-f", "xlsx")
    assert r.exit_code == 2, r.output
    assert f"工作台账!{coordinate}" in r.output and "进展情况" in r.output and "保存一次" in r.output
    assert "Traceback" not in r.output and ledger.read_bytes() == before  # nothing replaced, nothing lost
    store_result(ledger, part_with(ledger, "<f>"), coordinate, "已印发实施方案，正在推进", text=True)  # opened and saved in WPS
    r = run("build", TEDA, "-o", tmp_path, "-f", "xlsx")
    assert r.exit_code == 0, r.output
    ws = load_workbook(ledger)["工作台账"]
    assert ws[coordinate].value == "已印发实施方案，正在推进"  # the result is carried over


def test_stats_formula_without_result_is_named(tmp_path):
    path = tmp_path / "统计.xlsx"
    assert run("report-template", "-o", path, "--year", "2021").exit_code == 0
    wb = load_workbook(path)
    wb["表三"]["D5"] = "=2+3"
    wb.save(path)
    with pytest.raises(UserError) as exc:
        load_stats(path)
    assert "表三!D5" in str(exc.value) and "是公式" in str(exc.value)
    store_result(path, part_with(path, "<f>2+3</f>"), "D5", "5")
    assert load_stats(path).stats.requests.rows  # read as 5, no complaint


def test_rebuild_refuses_a_formula_whose_result_is_an_error(tmp_path):
    """"=已印发方案" typed (or written by a program) is a formula; Excel/WPS/LibreOffice save #NAME? as its
    result. Carried over, #NAME? would replace the unit's words: refused, the ledger untouched."""
    assert run("build", TEDA, "-o", tmp_path, "-f", "xlsx").exit_code == 0
    ledger = tmp_path / "ledger.xlsx"
    coordinate, _, _ = _ledger_cell(ledger, "进展情况")
    wb = load_workbook(ledger)
    wb["工作台账"][coordinate] = "=已印发方案"
    wb.save(ledger)
    store_result(ledger, part_with(ledger, "<f>"), coordinate, "#NAME?", error=True)
    before = ledger.read_bytes()
    r = run("build", TEDA, "-o", tmp_path, "-f", "xlsx")
    assert r.exit_code == 2 and f"工作台账!{coordinate}" in r.output and "#NAME?" in r.output and "进展情况" in r.output
    assert ledger.read_bytes() == before
