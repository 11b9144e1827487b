"""The fast .xlsx path (calamine) reads a plain workbook cell for cell as openpyxl does, and
hands every workbook that needs openpyxl's detail to openpyxl."""

from __future__ import annotations

import datetime as dt

import pytest
from openpyxl import Workbook
from openpyxl.chart import BarChart, Reference

from zwgk_docs.importers.readers import xlsx as X


def plain_book(path):
    wb = Workbook()
    ws = wb.active
    ws.title = "任务"
    ws.append(["序号", "工作任务", "责任单位", "完成时限", "备注"])
    ws.append([1, "全面公开财政预决算信息", "市财政局\n市审计局", dt.date(2024, 6, 30), True])
    ws.append([2.0, "  规范 政务新媒体 ", "市政府办公室", dt.datetime(2024, 9, 30, 0, 0), 0.5])
    ws.append([3, "", "各区县", "全年", "001"])
    ws.append([4, "带时间的日期", "市民政局", dt.datetime(2024, 3, 1, 14, 30), 1234567.25])
    ws.merge_cells("B4:B5")
    ws.merge_cells("C2:D2")
    ws.cell(row=6, column=2, value="第二页")
    other = wb.create_sheet("说明")
    other.append(["附注"])
    other.append(["本表由市政务公开办汇总。"])
    chart = wb.create_chartsheet("图表")
    bar = BarChart()
    bar.add_data(Reference(ws, min_col=1, min_row=1, max_row=5))
    chart.add_chart(bar)
    wb.save(path)
    return wb


def test_plain_workbook_reads_the_same_both_ways(tmp_path):
    path = tmp_path / "plain.xlsx"
    plain_book(path)
    assert X._plain_workbook(path)
    fast, detailed = X._read_plain(path), X._read_detailed(path)
    assert [g.source for g in fast] == [g.source for g in detailed] == ["plain.xlsx:任务", "plain.xlsx:说明"]
    assert fast == detailed
    assert X.read_xlsx(path) == detailed


@pytest.mark.parametrize("change", ["hidden row", "hidden column", "formula", "month format", "decimals", "error"])
def test_workbooks_with_detail_go_to_openpyxl(tmp_path, change):
    path = tmp_path / "detail.xlsx"
    wb = plain_book(path)
    ws = wb["任务"]
    if change == "hidden row":
        ws.row_dimensions[3].hidden = True
    elif change == "hidden column":
        ws.column_dimensions["E"].hidden = True
    elif change == "formula":
        ws["E6"] = "=1+1"
    elif change == "month format":
        ws["D3"].number_format = 'yyyy"年"m"月"'
    elif change == "decimals":
        ws["E5"].number_format = "0.00"
    else:
        ws["E6"] = "#N/A"
        ws["E6"].data_type = "e"
    wb.save(path)
    assert not X._plain_workbook(path)
    X.read_xlsx(path)  # read by openpyxl, as before
