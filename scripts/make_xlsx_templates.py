#!/usr/bin/env python3
"""Regenerate templates/xlsx/tasks.xlsx and ledger.xlsx (named styles, title rows, print set-up).

Run after changing a style here, and commit the .xlsx files with this script so the
change is reviewable. Offices may instead edit the .xlsx in Excel/WPS: the writer
only reads the styles by name, the page set-up and the heights of the title rows.

    python scripts/make_xlsx_templates.py
"""

from __future__ import annotations

import sys
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, NamedStyle, PatternFill, Protection, Side
from openpyxl.utils.indexed_list import IndexedList
from openpyxl.worksheet.properties import PageSetupProperties

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from zwgk_docs.fonts import PROFILES  # noqa: E402
from zwgk_docs.model.vocab import ROLE_ALIGN  # noqa: E402
from zwgk_docs.writers.reproducible import current, normalise_package  # noqa: E402
from zwgk_docs.writers.xlsx import styles as S  # noqa: E402

FONTS = PROFILES["gb2312"]  # the writer swaps these names for the plan's font profile
THIN = Side(style="thin", color="000000")
GRID = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
WRAP_CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)


def named_styles() -> list[NamedStyle]:
    def style(name: str, font: Font, alignment: Alignment, border: Border = Border(), fill: PatternFill = PatternFill(),
              protection: Protection = Protection(locked=True)) -> NamedStyle:
        return NamedStyle(name=name, font=font, alignment=alignment, border=border, fill=fill, protection=protection)

    body = Font(name=FONTS["body"], size=11)
    # A table column's cells: aligned as the vocabulary says for its role, as in the .docx and .html.
    cells = [style(name, body, Alignment(horizontal=ROLE_ALIGN[role], vertical="center", wrap_text=True), GRID)
             for role, name in S.ROLE_STYLES.items()]
    return [
        style(S.MARK, Font(name=FONTS["heading1"], size=14), Alignment(horizontal="left", vertical="center")),
        style(S.TITLE, Font(name=FONTS["title"], size=18), WRAP_CENTER),
        style(S.HEADER, Font(name=FONTS["heading1"], size=12), WRAP_CENTER, GRID),
        *cells,
        style(S.PART_ROW, Font(name=FONTS["heading1"], size=12), Alignment(horizontal="left", vertical="center", wrap_text=True), GRID),
        style(S.INPUT, body, Alignment(horizontal="left", vertical="center", wrap_text=True), GRID,
              PatternFill("solid", fgColor="FFF9E5"), Protection(locked=False)),  # 反馈表: the only editable cells
        style(S.HIDDEN_ID, Font(name="Arial", size=9, color="808080"), Alignment(vertical="center"), GRID),
    ]


def print_setup(ws) -> None:
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0  # as many pages as the rows need
    ws.page_margins.left = ws.page_margins.right = 0.6
    ws.page_margins.top = 0.7
    ws.page_margins.bottom = 0.8
    ws.page_margins.header = 0.3
    ws.page_margins.footer = 0.35
    ws.print_options.horizontalCentered = True
    ws.oddFooter.center.text = "第 &P 页 共 &N 页"
    ws.oddFooter.center.font = f"{FONTS['number']},Regular"
    ws.oddFooter.center.size = 10
    ws.sheet_view.showGridLines = False


def title_rows(ws, header: str) -> None:
    """Row 1 附件 mark, row 2 title, row 3 header: placeholders the writer replaces, keeping their heights."""
    for row, (text, style, height) in enumerate(
        [("附件1", S.MARK, 24), ("（表格标题）", S.TITLE, 42), (header, S.HEADER, 30)], start=1
    ):
        cell = ws.cell(row, 1, text)
        cell.style = style
        ws.row_dimensions[row].height = height
    ws.print_title_rows = "3:3"
    ws.freeze_panes = "A4"


def default_font(wb: Workbook) -> None:
    """Normal style in 宋体 11: column widths count its digits, so a Chinese character is
    two width units in Excel, WPS and LibreOffice alike (the row-height estimate relies on it)."""
    font = Font(name=FONTS["number"], size=11)
    wb._fonts = IndexedList([font] + list(wb._fonts)[1:])  # noqa: SLF001 - no public API for the default font
    wb._named_styles["Normal"].font = font  # noqa: SLF001


def make(path: Path, sheet: str, header: str, extra_sheet: "tuple[str, list[str]] | None" = None) -> None:
    wb = Workbook()
    default_font(wb)
    for style in named_styles():
        wb.add_named_style(style)
    ws = wb.active
    ws.title = sheet
    print_setup(ws)
    title_rows(ws, header)
    if extra_sheet:
        notes = wb.create_sheet(extra_sheet[0])
        for i, line in enumerate(extra_sheet[1], start=1):
            notes.cell(i, 1, line).style = S.BODY if i > 1 else S.HEADER
        notes.column_dimensions["A"].width = 100
        print_setup(notes)  # printed with the table: the same A4 landscape
    wb.properties.creator = "zwgk_docs"
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(path)
    normalise_package(path, current())  # the same bytes on every run (SOURCE_DATE_EPOCH or 1980-01-01)
    print(f"wrote {path.relative_to(ROOT)}")


LEDGER_NOTES = [
    "填写说明",
    "1. 每年按季度或按月在“进展情况”“完成状态”“佐证材料”“更新日期”四列填写，其余列不要修改。",
    "2. “完成状态”从下拉列表中选择：已完成、推进中、未启动、持续推进。",
    "3. 表格最右侧隐藏的“任务标识”“子任务标识”“编号”三列用于年度报告读取，请勿删除或修改；任务重新编号后仍按标识对应。",
    "4. 可以调整字体、列宽和行高，可以排序、筛选。手工插入的行（没有任务标识）归入它上方的任务：其中的进展情况接在该任务之后，读取时给出提示。",
    "5. “各单位报送”表由 zwgk collect 从各单位交回的反馈表汇入，每个单位每项任务一行；“汇总”表的数字是公式，随表格内容自动更新。",
]

FORM_NOTES = [
    "填报说明",
    "1. 本表是工作要点中本单位承担的任务（牵头、责任或配合），请在浅黄色单元格中填写：进展情况、完成状态、佐证材料、更新日期，以及表头的填报人和填报日期。",
    "2. “完成状态”从下拉列表中选择：已完成、推进中、未启动、持续推进。“更新日期”写作 2024-06-30。",
    "3. 其余单元格已锁定（没有密码），请勿修改任务编号和内容；不要插入或删除行，一项任务有多条进展时在同一单元格内换行（Alt+Enter）。",
    "4. 表格右侧隐藏的标识列用于汇总，请勿删除；可以调整列宽、行高和字体。",
    "5. 填好后保存为 .xlsx（Excel、WPS 均可），文件名可以不改，交回政务公开办。",
]


def main() -> None:
    out = ROOT / "templates" / "xlsx"
    make(out / "tasks.xlsx", S.TASKS_SHEET, "表头")
    make(out / "ledger.xlsx", S.LEDGER_SHEET, "表头", ("填写说明", LEDGER_NOTES))
    make(out / "form.xlsx", S.FORM_SHEET, "表头", (S.FORM_NOTES_SHEET, FORM_NOTES))


if __name__ == "__main__":
    main()
