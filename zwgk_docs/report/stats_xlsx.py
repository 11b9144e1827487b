"""The stats workbook: 表二、表三、表四 laid out as in the 2021 format, filled in Excel/WPS, read back.

`zwgk report-template` writes it (every number cell 0, data validation: whole numbers ≥ 0,
amounts ≥ 0); `--stats X.xlsx` reads it into the same data as the YAML stats file, so every
check and message is the same, located as 表三!D5. Rows are found by their labels, so an office
may restyle the sheets, widen columns or insert notes rows without breaking the reader.
"""

from __future__ import annotations

import os
import tempfile
import unicodedata
import zipfile
from pathlib import Path
from typing import Any, Callable, Literal, Optional, Union

from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from ..errors import Diagnostic, Location, UserError
from ..model.tree import Loc
from . import labels as L
from ..writers.xlsx.cells import cell_at, set_value
from .inputs import Source
from ..workbook_formulas import UNCALCULATED, uncalculated_cells

INFO, ACTIVE, REQUESTS, APPEALS = "基本信息", "表二", "表三", "表四"
YEAR_LABEL, FEE_LABEL = "统计年度", "信息处理费（元）"
_THIN = Side(style="thin", color="000000")
_BOX = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)
_LEFT = Alignment(horizontal="left", vertical="center", wrap_text=True)


# ------------------------------------------------------------------ writing

def _put(ws: Worksheet, row: int, col: int, value: Any, rows: int = 1, cols: int = 1, head: bool = False, left: bool = False) -> None:
    set_value(cell_at(ws, row, col), value)  # the one helper: text is never a formula
    if rows > 1 or cols > 1:
        ws.merge_cells(start_row=row, start_column=col, end_row=row + rows - 1, end_column=col + cols - 1)
    for r in range(row, row + rows):
        for c in range(col, col + cols):
            cell = ws.cell(r, c)
            cell.border = _BOX
            cell.alignment = _LEFT if left else _CENTER
            if head:
                cell.font = Font(bold=True)


def _validate(ws: Worksheet, cells: list[str], amount: bool = False) -> None:
    kind: Literal["decimal", "whole"] = "decimal" if amount else "whole"
    dv = DataValidation(type=kind, operator="greaterThanOrEqual", formula1="0", allow_blank=False,
                        showErrorMessage=True, errorTitle="数字不正确",
                        error="请填写大于或等于 0 的数（金额可有小数）。" if amount else "请填写大于或等于 0 的整数（件数）。")
    ws.add_data_validation(dv)
    for ref in cells:
        dv.add(ref)


def _active_sheet(wb: Workbook) -> None:
    ws = wb.create_sheet(ACTIVE)
    ws.append([])
    _put(ws, 1, 1, "二、主动公开政府信息情况", cols=4, head=True)
    r = 2
    counts: list[str] = []
    amounts: list[str] = []
    blocks = [(L.ACTIVE_ARTICLE[0], L.ACTIVE_COUNT_HEADERS, L.ACTIVE_DOC_ROWS), (L.ACTIVE_ARTICLE[1], (L.ACTIVE_DECISIONS,), L.ACTIVE_LICENSING),
              (L.ACTIVE_ARTICLE[2], (L.ACTIVE_DECISIONS,), L.ACTIVE_ENFORCEMENT), (L.ACTIVE_ARTICLE[3], (L.ACTIVE_FEE_HEADER,), (L.ACTIVE_FEE_ROW,))]
    for article, headers, rows in blocks:
        _put(ws, r, 1, article, cols=4, head=True)
        _put(ws, r + 1, 1, L.ACTIVE_INFO, head=True)
        if len(headers) == 3:
            for i, h in enumerate(headers):
                _put(ws, r + 1, 2 + i, h, head=True)
        else:
            _put(ws, r + 1, 2, headers[0], cols=3, head=True)
        r += 2
        for label in rows:
            _put(ws, r, 1, label, left=True)
            if len(headers) == 3:
                for i in range(3):
                    _put(ws, r, 2 + i, 0)
                    counts.append(ws.cell(r, 2 + i).coordinate)
            else:
                _put(ws, r, 2, 0, cols=3)
                (amounts if label == L.ACTIVE_FEE_ROW else counts).append(ws.cell(r, 2).coordinate)
            r += 1
    _validate(ws, counts)
    _validate(ws, amounts, amount=True)
    for col, width in zip("ABCD", (22, 16, 16, 16)):
        ws.column_dimensions[col].width = width


def _requests_sheet(wb: Workbook) -> None:
    ws = wb.create_sheet(REQUESTS)
    _put(ws, 1, 1, "三、收到和处理政府信息公开申请情况", cols=10, head=True)
    _put(ws, 2, 1, L.REQUESTS_NOTE, rows=3, cols=3, head=True)
    _put(ws, 2, 4, L.APPLICANTS, cols=7, head=True)
    _put(ws, 3, 4, L.NATURAL, rows=2, head=True)
    _put(ws, 3, 5, L.LEGAL, cols=5, head=True)
    _put(ws, 3, 10, L.TOTAL, rows=2, head=True)
    for i, kind in enumerate(L.LEGAL_KINDS):
        _put(ws, 4, 5 + i, kind, head=True)
    first = 5
    results = [i for i, (k, _, _) in enumerate(L.REQUEST_ROWS) if k in L.RESULT_KEYS or k == "（七）"]
    _put(ws, first + results[0], 1, L.RESULTS, rows=len(results), left=True)
    seen: set[str] = set()
    cells = []
    for i, (key, group, item) in enumerate(L.REQUEST_ROWS):
        r = first + i
        if key in ("一", "二", "四"):
            _put(ws, r, 1, item, cols=3, left=True)
        elif not group:
            _put(ws, r, 2, item, cols=2, left=True)
        else:
            if group not in seen:
                seen.add(group)
                _put(ws, r, 2, group, rows=sum(1 for _, g, _ in L.REQUEST_ROWS if g == group), left=True)
            _put(ws, r, 3, item, left=True)
        for c in range(7):
            _put(ws, r, 4 + c, 0)
            cells.append(ws.cell(r, 4 + c).coordinate)
    _validate(ws, cells)
    for col, width in zip("ABC", (10, 14, 40)):
        ws.column_dimensions[col].width = width
    for c in range(4, 11):
        ws.column_dimensions[get_column_letter(c)].width = 9
    ws.freeze_panes = "D5"


def _appeals_sheet(wb: Workbook) -> None:
    ws = wb.create_sheet(APPEALS)
    _put(ws, 1, 1, "四、政府信息公开行政复议、行政诉讼情况", cols=15, head=True)
    _put(ws, 2, 1, L.REVIEW, cols=5, head=True)
    _put(ws, 2, 6, L.LITIGATION, cols=10, head=True)
    for i, h in enumerate(L.APPEAL_COLUMNS):
        _put(ws, 3, 1 + i, h, rows=2, head=True)
    _put(ws, 3, 6, L.APPEAL_ROWS[1], cols=5, head=True)
    _put(ws, 3, 11, L.APPEAL_ROWS[2], cols=5, head=True)
    for j in range(2):
        for i, h in enumerate(L.APPEAL_COLUMNS):
            _put(ws, 4, 6 + 5 * j + i, h, head=True)
    for c in range(15):
        _put(ws, 5, 1 + c, 0)
        ws.column_dimensions[get_column_letter(1 + c)].width = 9
    _validate(ws, [ws.cell(5, 1 + c).coordinate for c in range(15)])


def stats_workbook(year: Optional[int]) -> Workbook:
    wb = Workbook()
    info = wb.worksheets[0]  # a new Workbook has one sheet
    info.title = INFO
    info["A1"], info["B1"] = YEAR_LABEL, year if year is not None else None
    info["A2"], info["B2"] = FEE_LABEL, 0
    info["A4"] = "填写说明：表二、表三、表四中每个单元格都要填写，没有数据填 0；件数只能是整数，金额可有小数。"
    info["A5"] = "填好后：zwgk report --stats 本文件.xlsx …（或 zwgk validate 本文件.stats.xlsx）。"
    info.column_dimensions["A"].width = 20
    info.column_dimensions["B"].width = 14
    _validate(info, ["B2"], amount=True)
    year_dv = DataValidation(type="whole", operator="between", formula1="2000", formula2="2100", showErrorMessage=True,
                             errorTitle="年度不正确", error="请填写四位年份，如 2021。")
    info.add_data_validation(year_dv)
    year_dv.add("B1")
    _active_sheet(wb)
    _requests_sheet(wb)
    _appeals_sheet(wb)
    return wb


def write_stats_workbook(path: Union[str, "os.PathLike[str]"], year: Optional[int], force: bool = False) -> Path:
    """Write the empty workbook atomically; an existing file (numbers someone typed) is kept unless force."""
    path = Path(path)
    if path.suffix.lower() != ".xlsx":
        raise UserError.single("统计表工作簿的文件名应以 .xlsx 结尾。", Location(str(path)))
    if path.exists() and not force:
        raise UserError.single("文件已存在，为免覆盖已填写的数字，未写入。确需覆盖请加 --force。", Location(str(path)))
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".zwgk-", suffix=".xlsx", dir=path.parent)
    os.close(fd)
    try:
        stats_workbook(year).save(tmp)
        from ..writers.reproducible import current, normalise_package

        normalise_package(Path(tmp), current())
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    return path


# ------------------------------------------------------------------ reading

# take(sheet, row, column, model path): a cell's value, its sheet!cell remembered for messages
Take = Callable[[str, int, int, Loc], Any]

def _norm(value: Any) -> str:
    return "".join(unicodedata.normalize("NFKC", str(value)).split()) if value is not None else ""


def _find_row(ws: Worksheet, label: str, cols: range, start: int = 1) -> Optional[int]:
    want = _norm(label)
    for r in range(start, ws.max_row + 1):
        if any(_norm(ws.cell(r, c).value) == want for c in cols):
            return r
    return None


def read_stats_workbook(path: Union[str, "os.PathLike[str]"]) -> tuple[dict[str, Any], Source]:
    name = str(path)
    if not Path(path).is_file():
        raise UserError.single("找不到文件。", Location(name))
    if not zipfile.is_zipfile(path):
        raise UserError.single("这不是 Excel 工作簿（.xlsx）。请用 zwgk report-template 生成统计表工作簿后填写。", Location(name))
    try:
        wb = load_workbook(path, data_only=True)
    except Exception as exc:  # openpyxl: zip/XML errors of a damaged file
        raise UserError.single(f"无法读取工作簿（{type(exc).__name__}），文件可能已损坏。", Location(name)) from None
    missing = [s for s in (INFO, ACTIVE, REQUESTS, APPEALS) if s not in wb.sheetnames]
    if missing:
        raise UserError.single(f"不是统计表工作簿：缺少工作表“{'”“'.join(missing)}”。请用 zwgk report-template 生成。", Location(name))
    source = Source(name)
    data: dict[str, Any] = {}

    def take(sheet: str, r: int, c: int, path: Loc) -> Any:
        cell = wb[sheet].cell(r, c)
        source.cells[path] = (f"{sheet}!{cell.coordinate}", r, c)
        return cell.value

    info = wb[INFO]
    for label, key in ((YEAR_LABEL, "year"), (FEE_LABEL, "fee")):
        r = _find_row(info, label, range(1, 2))
        if r is not None:
            value = take(INFO, r, 2, (key,))
            if key == "fee" or value is not None:
                data[key] = value
    data["active"] = _read_active(wb[ACTIVE], take)
    data["requests"] = _read_requests(wb[REQUESTS], take)
    data["appeals"] = _read_appeals(wb[APPEALS], take)
    _refuse_uncalculated(name, source)
    return data, source


def _refuse_uncalculated(name: str, source: Source) -> None:
    """A figure typed as a formula and saved without its result would read as an empty cell."""
    blank = uncalculated_cells(name, (INFO, ACTIVE, REQUESTS, APPEALS))
    problems = []
    for where, r, c in source.cells.values():
        sheet, coordinate = where.rsplit("!", 1)
        if coordinate in blank.get(sheet, ()):
            problems.append(Diagnostic(UNCALCULATED, Location(name, r, c), where))
    if problems:
        raise UserError(problems)


def _read_active(ws: Worksheet, take: Take) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for label in (*L.ACTIVE_DOC_ROWS, *L.ACTIVE_LICENSING, *L.ACTIVE_ENFORCEMENT, L.ACTIVE_FEE_ROW):
        r = _find_row(ws, label, range(1, 2))
        if r is None:
            continue
        if label in L.ACTIVE_DOC_ROWS:
            out[label] = [take(ACTIVE, r, 2 + i, ("active", label, i)) for i in range(3)]
        else:
            out[label] = take(ACTIVE, r, 2, ("active", label))
    return out


def _read_requests(ws: Worksheet, take: Take) -> dict[str, Any]:
    out: dict[str, Any] = {}
    group_start = 1
    for key, group, item in L.REQUEST_ROWS:
        if group:
            g = _find_row(ws, group, range(1, 4))
            group_start = g if g is not None else group_start
            r = _find_row(ws, item, range(3, 4), group_start)
        else:
            r = _find_row(ws, item, range(1, 4))
        if r is not None:
            out[key] = [take(REQUESTS, r, 4 + c, ("requests", key, c)) for c in range(7)]
    return out


def _read_appeals(ws: Worksheet, take: Take) -> dict[str, Any]:
    header = _find_row(ws, L.REVIEW, range(1, 2))
    if header is None:
        return {}
    data_row = header + 3
    return {name: [take(APPEALS, data_row, 1 + 5 * i + c, ("appeals", name, c)) for c in range(5)] for i, name in enumerate(L.APPEAL_ROWS)}
