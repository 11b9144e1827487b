"""zwgk import on task tables as offices really make them (none of them from the seeds).

Each case writes an .xlsx / .docx / .csv the way an office would (title rows, two-row
headers, merged or repeated or empty category cells, Alt+Enter inside cells, banner rows,
spacer and 注 rows, hidden columns, typed numbers and dates, tables split over pages),
then runs the CLI as a user would: import → validate → outline --json → build --format xlsx.
Every task's text, units and deadline must come back intact and in order.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from conftest import zwgk

# ---------------------------------------------------------------- running the CLI




def norm(value) -> str:
    """Cell text compared across files: NFKC (full/half width), no whitespace; dates as 2023年6月30日."""
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        value = f"{value.year}年{value.month}月{value.day}日"
    if value is None:
        return ""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", str(value)))


_LABEL = re.compile(r"^\s*(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十\d]+[）)]|\d{1,3}[.．、])\s*")


def unlabelled(text: str) -> str:
    return norm(_LABEL.sub("", text))


@dataclass
class Run:
    plan: Path
    stdout: str
    stderr: str
    outline: list[dict]
    headers: list[str]  # the rebuilt table's (lowest) header row
    rows: list[dict]  # rebuilt data rows: header → text, merged cells read as their top cell
    banners: list[str]  # rebuilt part rows (one cell across the table)


def read_sheet(path: Path) -> list[list[object]]:
    """All rows of the first sheet, merged cells filled with their top-left value."""
    from openpyxl import load_workbook

    ws = load_workbook(path).worksheets[0]
    rows = [[c.value for c in r] for r in ws.iter_rows()]
    for rng in ws.merged_cells.ranges:
        top = rows[rng.min_row - 1][rng.min_col - 1]
        for r in range(rng.min_row, rng.max_row + 1):
            for c in range(rng.min_col, rng.max_col + 1):
                rows[r - 1][c - 1] = top if c == rng.min_col else ("<span>" if r == rng.min_row else top)
    return rows


def pipeline(src: Path, tmp_path: Path, header_words: list[str]) -> Run:
    plan = tmp_path / "plan.yaml"
    imp = zwgk("import", str(src), "-o", str(plan))
    assert imp.returncode == 0, imp.stderr
    assert "Traceback" not in imp.stderr
    val = zwgk("validate", str(plan))
    assert val.returncode == 0, val.stdout + val.stderr
    out = zwgk("outline", str(plan), "--json")
    assert out.returncode == 0, out.stderr
    outline = json.loads(out.stdout)["items"]
    built = zwgk("build", str(plan), "-o", str(tmp_path / "out"), "--format", "xlsx")
    assert built.returncode == 0, built.stderr
    grid = read_sheet(tmp_path / "out" / "tasks.xlsx")
    head = max(i for i, r in enumerate(grid[:6]) if sum(norm(v) in header_words for v in r) >= 2)
    headers = [norm(v) for v in grid[head]]
    rows, banners = [], []
    for r in grid[head + 1:]:
        if not any(norm(v) for v in r):
            continue
        if len(r) > 1 and all(v == "<span>" for v in r[1:]):
            banners.append(norm(r[0]))
            continue
        rows.append({h: norm(v) for h, v in zip(headers, r)})
    return Run(plan, imp.stdout, imp.stderr, outline, headers, rows, banners)


def outline_text(run: Run, kinds=("task", "subtask")) -> str:
    return "".join(norm(i.get("title") or "") + norm(i.get("text") or "") for i in run.outline if i["kind"] in kinds)


def assert_in_order(haystack: str, needles: list[str]) -> None:
    """Each needle found after the previous one; 。 ignored (the outline shows a title without it)."""
    at = 0
    haystack = haystack.replace("。", "")
    for n in (n.replace("。", "") for n in needles):
        found = haystack.find(n, at)
        assert found >= 0, f"not found (in order): {n[:40]}"
        at = found + len(n)


@dataclass
class Table:
    """What the source table says, row by row (category cells filled down, as a reader sees them)."""

    headers: list[str]  # the lowest header row, left to right
    rows: list[list[object]]  # data rows only, one value per header
    parts: list[str] = field(default_factory=list)  # banner rows, in order
    text_cols: tuple[str, ...] = ()

    def dicts(self) -> list[dict]:
        return [{norm(h): norm(v) for h, v in zip(self.headers, r)} for r in self.rows]


def check_table(run: Run, table: Table, skip: tuple[str, ...] = ()) -> None:
    """The rebuilt tasks.xlsx has the source's columns and, row for row, the same text, units and deadlines."""
    assert run.headers == [norm(h) for h in table.headers]
    expected = table.dicts()
    assert len(run.rows) == len(expected), [r for r in run.rows]
    for n, (want, got) in enumerate(zip(expected, run.rows), 1):
        for h, v in want.items():
            if h in skip:
                continue
            assert got[h] == v, f"row {n}, column {h}: {got[h]!r} != {v!r}"
    assert run.banners == [norm(p) for p in table.parts]
    # The outline has every task text, in order (labels are the plan's own).
    texts: list[str] = []
    last: dict[str, str] = {}
    for r in table.rows:
        for h in table.text_cols:
            v = unlabelled(str(r[table.headers.index(h)] or ""))
            if v and last.get(h) != v:  # a merged cell is one text
                texts.append(v)
            last[h] = v
    assert_in_order(outline_text(run), texts)


# ---------------------------------------------------------------- writing office files


def xlsx_book():
    from openpyxl import Workbook

    wb = Workbook()
    return wb, wb.active


def merge_down(ws, col: int, first: int, last: int) -> None:
    if last > first:
        ws.merge_cells(start_row=first, start_column=col, end_row=last, end_column=col)


def style_header(ws, row: int, width: int) -> None:
    from openpyxl.styles import Alignment, Font

    for c in range(1, width + 1):
        ws.cell(row, c).font = Font(name="黑体", bold=True)
        ws.cell(row, c).alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)


# ---------------------------------------------------------------- case 1: 分工表, two-row header, merged tasks

FENGONG = Table(
    headers=["序号", "重点任务", "具体措施", "牵头单位", "配合单位", "完成时限", "备注"],
    rows=[
        ["1", "深化重大决策预公开", "制定并公布年度重大行政决策事项目录，对社会公众普遍关心、专业性较强的决策事项，通过听证座谈、咨询协商等方式向社会公开征求意见。",
         "区司法局", "区政府办公室、各街道办事处", "2023年6月底前；12月底前", ""],
        ["1", "深化重大决策预公开", "建立健全公众意见反馈机制，及时公开意见采纳情况及理由。",
         "区司法局", "区直各部门", "长期坚持", ""],
        ["2", "加强政策解读", "坚持政策性文件与解读方案、解读材料同步组织、同步审签、同步部署，解读率达到100%。",
         "区政府办公室", "区发展改革局、区财政局、区人力资源社会保障局", "每季度", "纳入年度绩效考核"],
        ["3", "做好政务舆情回应", "密切关注涉及本地区本部门的政务舆情，按程序及时回应社会关切。",
         "区委网信办", "区政府办公室\n区融媒体中心", "长期坚持", ""],
        ["3", "做好政务舆情回应", "每季度汇总分析舆情回应情况，形成专报。",
         "区政府办公室", "", "每季度末", "专报报区政府主要领导"],
        ["4", "推进基层政务公开标准化规范化", "梳理完善26个试点领域基层政务公开标准目录，在区政府网站集中发布。",
         "区政府办公室", "区民政局、区卫生健康局、区应急管理局、各街道办事处", "2023年9月底前", ""],
    ],
    text_cols=("重点任务", "具体措施"),
)


def make_fengong(path: Path) -> None:
    """附件2 / merged title / 责任单位 over 牵头|配合 / 序号 and 重点任务 merged down / Alt+Enter in a cell."""
    from openpyxl.styles import Alignment

    wb, ws = xlsx_book()
    ws.title = "任务分工"
    ws["A1"] = "附件2"
    ws["A2"] = "XX区2023年政务公开工作要点任务分工表"
    ws.merge_cells("A2:G2")
    ws.append([])  # row 3 left empty between title and header, as many offices do
    ws["A4"], ws["B4"], ws["C4"], ws["D4"], ws["F4"], ws["G4"] = "序号", "重点任务", "具体措施", "责任单位", "完成时限", "备注"
    ws.merge_cells("D4:E4")
    ws["D5"], ws["E5"] = "牵头单位", "配合单位"
    for col in "ABCFG":
        ws.merge_cells(f"{col}4:{col}5")
    style_header(ws, 4, 7)
    style_header(ws, 5, 7)
    r = 6
    spans = {0: 2, 2: 1, 3: 2, 5: 1}  # first row of each task → rows it spans
    for i, row in enumerate(FENGONG.rows):
        for c, v in enumerate(row, 1):
            if c in (1, 2) and i not in spans:
                continue  # covered by the merge above
            if v != "":
                ws.cell(r + i, c, int(v) if c == 1 else v).alignment = Alignment(wrap_text=True, vertical="center")
        if i in spans:
            merge_down(ws, 1, r + i, r + i + spans[i] - 1)
            merge_down(ws, 2, r + i, r + i + spans[i] - 1)
    ws.column_dimensions["C"].width = 60
    wb.save(path)


def test_fengong_two_row_header_merged_tasks(tmp_path):
    src = tmp_path / "XX区2023年政务公开工作要点任务分工表.xlsx"
    make_fengong(src)
    run = pipeline(src, tmp_path, ["序号", "牵头单位", "完成时限"])
    # The one cell listing its units line by line is split like the others and printed with their 、.
    rebuilt = [list(r) for r in FENGONG.rows]
    rebuilt[3][4] = "区政府办公室、区融媒体中心"
    check_table(run, Table(FENGONG.headers, rebuilt, FENGONG.parts, FENGONG.text_cols))
    tasks = [i for i in run.outline if i["kind"] == "task"]
    assert [i["label"] for i in tasks] == ["1.", "2.", "3.", "4."]
    assert [i["title"] for i in tasks] == ["深化重大决策预公开", "加强政策解读", "做好政务舆情回应", "推进基层政务公开标准化规范化"]
    text = run.plan.read_text(encoding="utf-8")
    assert "XX区2023年政务公开工作要点任务分工表" in text and "year: 2023" in text
    assert "6月底前；12月底前" in run.stderr and "任务分工!F6" in run.stderr  # two dates: reported with the cell
    assert "任务分工!E9：单位之间用“换行”分隔" in run.stderr  # split, and listed


# ---------------------------------------------------------------- case 2: category repeated on every row

REPEATED = Table(
    headers=["工作类别", "序号", "工作任务", "责任单位", "完成时限"],
    rows=[
        ["决策公开", 1, "严格落实重大行政决策程序规定，决策草案除依法不公开的外均向社会公开征求意见。", "县司法局、县政府办公室", "2023年12月底前"],
        ["决策公开", 2, "邀请利益相关方、人大代表、政协委员、专家学者等列席县政府常务会议。", "县政府办公室", "全年"],
        ["执行和结果公开", 3, "围绕县政府工作报告确定的重点任务，公开年度目标、工作措施和进展情况。", "县发展改革局、县统计局", "长期"],
        ["执行和结果公开", 4, "及时公开审计发现问题整改情况。", "县审计局", "2023年9月30日前"],
        ["政务公开平台建设", 5, "加强政府网站和政务新媒体日常监测，确保信息发布准确规范。", "县政府办公室、县融媒体中心", "每月"],
        ["政务公开平台建设", 6, "规范政府信息公开专栏，按照统一目录及时更新法定主动公开内容。", "县直各部门、各乡镇人民政府", "常态化"],
    ],
    text_cols=("工作任务",),
)


def make_repeated(path: Path) -> None:
    wb, ws = xlsx_book()
    ws.append(["2023年XX县政务公开重点工作任务清单"])
    ws.merge_cells("A1:E1")
    ws.append(REPEATED.headers)
    style_header(ws, 2, 5)
    for row in REPEATED.rows:
        ws.append(row)
    wb.save(path)


def test_category_repeated_on_every_row(tmp_path):
    src = tmp_path / "清单.xlsx"
    make_repeated(src)
    run = pipeline(src, tmp_path, ["工作类别", "序号", "工作任务"])
    check_table(run, REPEATED)
    parts = [i["title"] for i in run.outline if i["kind"] == "part"]
    assert parts == ["决策公开", "执行和结果公开", "政务公开平台建设"]
    assert [i["label"] for i in run.outline if i["kind"] == "task"] == [f"{n}." for n in range(1, 7)]


# ---------------------------------------------------------------- case 3: category empty below its first row, numbering inside the task cell

EMPTY_BELOW = Table(
    headers=["类别", "重点任务", "责任单位", "完成时限"],
    rows=[
        ["一、推进决策公开", "1．推进重大决策预公开。对涉及群众切身利益的重要改革方案、重大政策措施，决策前向社会公布草案。", "市司法局，市政府各部门", "2023年6月底前"],
        ["一、推进决策公开", "2．做好会议公开。市政府常务会议讨论涉及公众切身利益的议题，邀请公众代表列席。", "市政府办公室", "全年"],
        ["二、推进管理服务公开", "3．深化“放管服”改革信息公开。及时调整公开权责清单，公开市场监管规则和标准。", "市营商环境建设局，市市场监管局", "2023年12月底前"],
        ["二、推进管理服务公开", "4．推进公共企事业单位信息公开。督促供水、供电、供气等单位公开办事服务信息。", "市发展改革委，市住房城乡建设局，市交通运输局", "长期坚持"],
        ["二、推进管理服务公开", "5．公开“双随机、一公开”抽查结果。", "市市场监管局", "每季度"],
    ],
    text_cols=("重点任务",),
)


def make_empty_below(path: Path) -> None:
    wb, ws = xlsx_book()
    ws.title = "附件"
    ws.append(["附件1"])
    ws.append(["某市2023年政务公开重点任务分解表"])
    ws.append(EMPTY_BELOW.headers)
    last = None
    for row in EMPTY_BELOW.rows:
        ws.append([row[0] if row[0] != last else None] + row[1:])
        last = row[0]
    wb.save(path)


def test_category_empty_below_first_and_numbered_task_cells(tmp_path):
    src = tmp_path / "分解表.xlsx"
    make_empty_below(src)
    run = pipeline(src, tmp_path, ["类别", "重点任务", "责任单位"])
    check_table(run, EMPTY_BELOW)
    tasks = [i for i in run.outline if i["kind"] == "task"]
    assert [i["label"] for i in tasks] == ["1．", "2．", "3．", "4．", "5．"]
    assert [i["title"] for i in run.outline if i["kind"] == "part"] == ["推进决策公开", "推进管理服务公开"]
    assert [t["title"] for t in tasks[:4]] == ["推进重大决策预公开", "做好会议公开", "深化“放管服”改革信息公开", "推进公共企事业单位信息公开"]
    assert tasks[4]["text"] == "公开“双随机、一公开”抽查结果。"  # one sentence: no title to split off


# ---------------------------------------------------------------- case 4: banner rows, 序号 restarting, spacer and 注 rows, hidden column, typed cells

TAIZHANG = Table(
    headers=["序号", "工作任务", "责任单位", "完成时限", "内部编码", "备注"],
    parts=["一、深化重点领域信息公开", "二、提升政务公开平台质效"],
    rows=[
        [1, "做好财政预决算公开，细化公开到支出功能分类项级科目。", "市财政局、各区县政府", dt.date(2023, 6, 30), "ZW-01", ""],
        [2, "推进重大建设项目批准和实施领域信息公开。", "市发展改革委、市住房城乡建设局", dt.date(2023, 12, 31), "ZW-02", "按季度报送"],
        [3, "公开义务教育招生入学政策和划片范围。", "市教育局", "每年招生前", "ZW-03", ""],
        [1, "加强政府网站与政务新媒体集约化建设。", "市政府办公室、市政务服务数据管理局", "长期坚持", "ZW-04", ""],
        [2, "优化政府信息公开专栏栏目设置。", "市政府各部门", dt.date(2023, 9, 30), "ZW-05", ""],
    ],
    text_cols=("工作任务",),
)


def make_taizhang(path: Path, hide: bool = True) -> None:
    from openpyxl.styles import Alignment

    wb, ws = xlsx_book()
    ws.title = "台账"
    ws["A1"] = "附件"
    ws["A2"] = "XX市2023年政务公开工作任务台账"
    ws.merge_cells("A2:F2")
    ws.append(TAIZHANG.headers)
    rows = TAIZHANG.rows
    groups = [(TAIZHANG.parts[0], rows[:3]), (TAIZHANG.parts[1], rows[3:])]
    for title, data in groups:
        ws.append([title])
        ws.merge_cells(start_row=ws.max_row, start_column=1, end_row=ws.max_row, end_column=6)
        for row in data:
            ws.append([v if v != "" else None for v in row])
            deadline = ws.cell(ws.max_row, 4)
            if isinstance(deadline.value, dt.datetime):
                deadline.number_format = 'yyyy"年"m"月"d"日"'
        ws.append([])  # blank spacer row
    ws.append(["注：1.完成时限为最迟完成时间；2.各单位于每季度末向市政务公开办报送进展情况。"])
    ws.merge_cells(start_row=ws.max_row, start_column=1, end_row=ws.max_row, end_column=6)
    ws.cell(ws.max_row, 1).alignment = Alignment(wrap_text=True)
    if hide:
        ws.column_dimensions["E"].hidden = True
    wb.save(path)


def test_banners_restarting_numbers_spacer_note_hidden_column_dates(tmp_path):
    src = tmp_path / "台账.xlsx"
    make_taizhang(src)
    run = pipeline(src, tmp_path, ["序号", "工作任务", "责任单位"])
    check_table(run, TAIZHANG)
    assert [i["label"] for i in run.outline if i["kind"] == "task"] == ["1.", "2.", "3.", "1.", "2."]
    warnings = run.stderr
    assert "注：" in warnings and "A" in warnings  # the footnote is not a task, and it is listed
    assert "台账!E列是隐藏列" in warnings and "内部编码" in warnings
    assert "注：1.完成时限为最迟完成时间" in run.plan.read_text(encoding="utf-8")  # kept, not dropped
    assert not any("注：" in (i.get("title") or "") + (i.get("text") or "") for i in run.outline)


# ---------------------------------------------------------------- case 5: a 通知 with its 附件 table split over two pages


def docx_table(document, rows: list[list[str]], header: list[str], banner_rows: set[int], merges: list[tuple[int, int, int]]):
    """A Word table: header row marked to repeat, banner rows spanning all columns, vertical merges (col, first, last)."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    table = document.add_table(rows=1 + len(rows), cols=len(header))
    table.style = "Table Grid"
    for c, h in enumerate(header):
        table.cell(0, c).text = h
    tr_pr = table.rows[0]._tr.get_or_add_trPr()
    tr_pr.append(OxmlElement("w:tblHeader"))
    for r, row in enumerate(rows, 1):
        if r - 1 in banner_rows:
            table.cell(r, 0).merge(table.cell(r, len(header) - 1)).text = row[0]
            continue
        for c, v in enumerate(row):
            if v:
                table.cell(r, c).text = str(v)
    for col, first, last in merges:
        top = table.cell(first + 1, col)
        keep = top.text
        merged = top.merge(table.cell(last + 1, col))
        merged.text = keep  # python-docx joins the texts of merged cells
    assert qn("w:vMerge")
    return table


NOTICE_HEADER = ["序号", "工作任务", "任务内容", "责任部门", "时间节点"]
NOTICE_ROWS = [  # (banner) or [序号, 工作任务, 任务内容, 责任部门, 时间节点]; 工作任务 merged over its rows
    ["一、着力推进政策公开"],
    ["1", "全面公开政策文件", "县政府及其部门制发的行政规范性文件在印发后20个工作日内公开。", "县政府办公室、县司法局", "长期坚持"],
    ["1", "全面公开政策文件", "开展行政规范性文件集中清理，清理结果向社会公开。", "县司法局", "2023年10月底前"],
    ["2", "强化政策解读回应", "主要负责人带头解读重大政策，每年不少于1次。", "县直各部门", "2023年12月底前"],
    ["二、着力提升公开实效"],
    ["3", "推进基层政务公开", "在县政务服务中心设立政府信息公开查阅点。", "县政务服务中心", "2023年6月底前"],
    ["4", "规范依申请公开", "严格按照法定时限答复政府信息公开申请，规范答复文书格式。", "县直各部门、各乡镇人民政府", "长期坚持"],
    ["4", "规范依申请公开", "每半年开展一次依申请公开办理情况抽查。", "县政府办公室", "每半年"],
    ["5", "加强政府信息公开工作年度报告编制", "按照统一格式要求编制并公开年度报告。", "县直各部门", "2024年1月31日前"],
]


def notice_table() -> Table:
    data = [r for r in NOTICE_ROWS if len(r) > 1]
    return Table(NOTICE_HEADER, data, parts=[r[0] for r in NOTICE_ROWS if len(r) == 1], text_cols=("工作任务", "任务内容"))


def make_notice_docx(path: Path) -> None:
    import docx
    from docx.enum.text import WD_BREAK

    d = docx.Document()
    for p in ["XX县人民政府办公室", "关于印发XX县2023年政务公开工作任务分工的通知",
              "各乡镇人民政府，县直各部门：",
              "现将《XX县2023年政务公开工作任务分工》印发给你们，请结合实际认真抓好落实。",
              "各单位要明确分管领导和具体工作人员，于每季度末将工作进展情况报县政府办公室。",
              "XX县人民政府办公室", "2023年3月15日", "（此件公开发布）"]:
        d.add_paragraph(p)
    d.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    d.add_paragraph("附件")
    d.add_paragraph("XX县2023年政务公开工作任务分工")
    first, second = NOTICE_ROWS[:4], NOTICE_ROWS[4:]
    docx_table(d, first, NOTICE_HEADER, {0}, [(0, 1, 2), (1, 1, 2)])
    d.add_paragraph().add_run().add_break(WD_BREAK.PAGE)  # Word: a table split in two, header repeated
    docx_table(d, second, NOTICE_HEADER, {0}, [(0, 2, 3), (1, 2, 3)])
    d.save(str(path))


def test_notice_with_split_attachment_table(tmp_path):
    src = tmp_path / "通知.docx"
    make_notice_docx(src)
    run = pipeline(src, tmp_path, ["序号", "工作任务", "任务内容"])
    check_table(run, notice_table())
    text = run.plan.read_text(encoding="utf-8")
    assert "关于印发XX县2023年政务公开工作任务分工的通知" in text and "2023-03-15" in text
    from zwgk_docs import load_plan

    notice = load_plan(run.plan).notice
    assert (notice.issuer, notice.date, notice.note, notice.plan_follows) == ("XX县人民政府办公室", dt.date(2023, 3, 15), "此件公开发布", False)
    assert [a.title for a in notice.attachments] == ["XX县2023年政务公开工作任务分工"]
    assert len(notice.body) == 2 and notice.recipients == "各乡镇人民政府，县直各部门："
    assert [i["title"] for i in run.outline if i["kind"] == "part"] == ["着力推进政策公开", "着力提升公开实效"]
    assert [i["label"] for i in run.outline if i["kind"] == "task"] == ["1.", "2.", "3.", "4.", "5."]
    assert "只导入了第一个" not in run.stderr


# ---------------------------------------------------------------- cases 6–7: .csv in GBK and in UTF-8 with BOM

CSV_TABLE = Table(
    headers=["序号", "工作事项", "具体内容", "牵头部门", "完成时间", "备注"],
    rows=[
        ["1", "推进权责清单公开", "动态调整权责清单，并在政府网站公开，调整情况在10个工作日内更新。", "市委编办", "2023年6月30日前", ""],
        ["2", "做好统计信息发布", "按照统计发布日程表，按时发布月度、季度、年度统计数据。", "市统计局", "按发布日程", "含“统计公报”"],
        ["3", "推进财政资金直达基层信息公开", "公开直达资金分配、使用情况，接受社会监督。", "市财政局、市审计局", "每季度", ""],
        ["4", "公开重点民生实事进展", "每季度公开民生实事项目进展情况，年底公开完成情况。", "市发展改革委、市政府督查室", "2023年3月、6月、9月、12月底前", ""],
    ],
    text_cols=("工作事项", "具体内容"),
)


def write_csv(path: Path, encoding: str, multiline: bool) -> None:
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(["XX市2023年政务公开工作任务表", "", "", "", "", ""])
    w.writerow(CSV_TABLE.headers)
    for row in CSV_TABLE.rows:
        row = list(row)
        if multiline and "、" in row[3]:
            row[3] = row[3].replace("、", "\n")
        w.writerow(row)
    path.write_bytes(buf.getvalue().encode(encoding))


@pytest.mark.parametrize("encoding,multiline", [("gbk", False), ("utf-8-sig", True)])
def test_csv_encodings(tmp_path, encoding, multiline):
    src = tmp_path / "任务表.csv"
    write_csv(src, encoding, multiline)
    run = pipeline(src, tmp_path, ["序号", "工作事项", "具体内容"])
    table = CSV_TABLE
    if multiline:
        table = Table(table.headers, [r[:3] + [r[3].replace("、", "\n")] + r[4:] for r in table.rows], text_cols=table.text_cols)
    check_table(run, table)
    plan = run.plan.read_text(encoding="utf-8")
    assert "XX市2023年政务公开工作任务表" in plan


# ---------------------------------------------------------------- case 8: a 要点 in prose with responsibility written in the text

PROSE = [
    "XX市2023年政务公开工作要点",
    "为深入贯彻落实《中华人民共和国政府信息公开条例》，做好2023年政务公开工作，制定本要点。",
    "一、围绕稳经济促发展加强政策发布解读",
    "（一）加强经济政策发布。",
    "1.及时公开稳经济政策措施。全面梳理国家和省出台的稳经济政策，分类集中发布。（牵头单位：市发展改革委；责任单位：市直各部门；完成时限：2023年6月底前）",
    "2．做好惠企政策解读。通过政策吹风会、图解等方式解读惠企政策。由市工业和信息化局负责，市政务服务数据管理局配合。",
    "(二)强化市场监管信息公开",
    "3、公开市场监管规则。市市场监管局牵头，各区县政府配合，2023年9月底前完成。",
    "二、围绕保障和改善民生推进信息公开",
    "（一）做好就业信息公开",
    "4.公开就业创业扶持政策。",
    "（1）集中公开就业补贴政策和申领流程。由市人力资源社会保障局负责落实。",
    "(2)定期发布重点群体就业服务信息。（牵头单位：市人力资源社会保障局，责任单位：各区县政府，完成时限：每季度）",
    "5. 推进教育领域信息公开。由市教育局负责，2023年8月底前完成。",
    "各区县、各部门要加强组织领导，确保各项任务落到实处。",
]
PROSE_ROWS = [  # per printed row: task title, lead, responsible, cooperate, deadline
    ("及时公开稳经济政策措施", "市发展改革委", "市直各部门", "", "2023年6月底前"),
    ("做好惠企政策解读", "", "市工业和信息化局", "市政务服务数据管理局", ""),
    ("公开市场监管规则", "市市场监管局", "", "各区县政府", "2023年9月底前完成"),
    ("公开就业创业扶持政策", "", "市人力资源社会保障局", "", ""),  # sub-task （1）
    ("公开就业创业扶持政策", "市人力资源社会保障局", "各区县政府", "", "每季度"),  # sub-task （2）
    ("推进教育领域信息公开", "", "市教育局", "", "2023年8月底前完成"),
]


def test_prose_outline_with_responsibility_sentences(tmp_path):
    import docx

    d = docx.Document()
    for p in PROSE:
        d.add_paragraph(p)
    src = tmp_path / "要点.docx"
    d.save(str(src))
    run = pipeline(src, tmp_path, ["重点任务", "具体内容", "牵头单位", "责任单位"])
    tasks = [i for i in run.outline if i["kind"] == "task"]
    assert [t["title"] for t in tasks] == list(dict.fromkeys(r[0] for r in PROSE_ROWS))
    assert [t["label"] for t in tasks] == ["1.", "2.", "3.", "4.", "5."]  # 1. 2． 3、 4. 5. made one style, listed
    assert "编号样式不统一" in run.stderr
    assert [i["label"] for i in run.outline if i["kind"] == "subtask"] == ["（1）", "（2）"]
    # Every paragraph's text is in the outline, in order (responsibility sentences stay in the text).
    assert_in_order(outline_text(run, ("part", "section", "task", "subtask")), [unlabelled(p) for p in PROSE[2:-1]])
    # Units and deadlines in the rebuilt table, row by row.
    assert len(run.rows) == len(PROSE_ROWS)
    for got, (title, lead, resp, coop, deadline) in zip(run.rows, PROSE_ROWS):
        assert norm(title) in got["重点任务"]
        assert (got.get("牵头单位", ""), got.get("责任单位", ""), got.get("配合单位", ""), got.get("完成时限", "")) == \
            (norm(lead), norm(resp), norm(coop), norm(deadline)), title


# ---------------------------------------------------------------- case 9: header cells with spaces and Alt+Enter, a 填表说明 sheet first

SPACED = Table(
    headers=["序  号", "工作\n任务", "责任\n单位", "完成\n时限"],
    rows=[
        [1, "编制并公开2023年度政府信息公开工作年度报告。", "区政府办公室", "2023年1月31日前"],
        [2, "更新完善政府信息公开指南和目录。", "区直各部门\n各镇（街道）", "2023年3月底前"],
        [3, "开展政务公开第三方评估。", "区政府办公室", "2023年11月"],
    ],
    text_cols=("工作\n任务",),
)


def test_spaced_headers_and_instruction_sheet(tmp_path):
    wb, ws = xlsx_book()
    ws.title = "填表说明"
    ws["A1"] = "请各单位于每月25日前报送。"
    ws["A2"] = "联系人：张三，电话：12345678"
    data = wb.create_sheet("任务表")
    data.append(["XX区2023年政务公开任务表"])
    data.append(SPACED.headers)
    for row in SPACED.rows:
        data.append(row)
    src = tmp_path / "任务表.xlsx"
    wb.save(src)
    run = pipeline(src, tmp_path, [norm(h) for h in SPACED.headers])
    check_table(run, SPACED)


# ---------------------------------------------------------------- case 10: parts numbered 一 二 in the 序号 column, table starting at column B

NUMBERED_PARTS = Table(
    headers=["序号", "工作任务", "责任单位", "完成时限", "备注"],
    parts=["一、公开透明助力经济发展", "二、公开透明保障改善民生"],
    rows=[
        [1, "做好优化营商环境政策公开，集中发布涉企政策清单。", "市发展改革委、市营商环境建设局", "2023年5月底前", ""],
        [2, "公开减税降费政策落实情况。", "市税务局、市财政局", "每半年", "与税务部门共同发布"],
        [3, "做好教育、医疗、养老等民生领域信息公开。", "市教育局、市卫生健康委、市民政局", "长期坚持", ""],
        [4, "及时公开保障性住房分配信息。", "市住房城乡建设局", "2023年10月底前", ""],
    ],
    text_cols=("工作任务",),
)


def test_parts_numbered_in_the_number_column(tmp_path):
    wb, ws = xlsx_book()
    ws["B1"] = "XX市2023年政务公开工作任务分解表"
    ws.merge_cells("B1:F1")
    for c, h in enumerate(NUMBERED_PARTS.headers, 2):
        ws.cell(2, c, h)
    r = 3
    rows = NUMBERED_PARTS.rows
    for (numeral, title), data in ((("一", "公开透明助力经济发展"), rows[:2]), (("二", "公开透明保障改善民生"), rows[2:])):
        ws.cell(r, 2, numeral)
        ws.cell(r, 3, title)
        r += 1
        for row in data:
            for c, v in enumerate(row, 2):
                ws.cell(r, c, v if v != "" else None)
            r += 1
    ws.column_dimensions["A"].width = 2  # a narrow empty margin column, as many templates have
    src = tmp_path / "分解表.xlsx"
    wb.save(src)
    run = pipeline(src, tmp_path, ["序号", "工作任务", "责任单位"])
    check_table(run, NUMBERED_PARTS)
    assert [i["title"] for i in run.outline if i["kind"] == "part"] == ["公开透明助力经济发展", "公开透明保障改善民生"]
    assert [i["label"] for i in run.outline if i["kind"] == "task"] == ["1.", "2.", "3.", "4."]


# ---------------------------------------------------------------- case 11: Word table with its title inside, a two-row header, category merged down

WORD_TWO_ROW = Table(
    headers=["类别", "序号", "重点任务", "牵头单位", "配合单位", "完成时限"],
    rows=[
        ["一、推进决策公开", "1", "完善重大行政决策事项目录管理制度。", "区司法局", "区政府办公室", "2023年4月底前"],
        ["一、推进决策公开", "2", "推行重大决策预公开，公开征求意见不少于30日。", "区直各部门", "", "长期坚持"],
        ["一、推进决策公开", "3", "做好决策公开意见采纳情况反馈。", "区直各部门", "各街道办事处", "长期坚持"],
        ["二、推进执行公开", "4", "公开重大决策执行情况和评估结果。", "区政府督查室", "区直各部门、各街道办事处", "2023年12月底前"],
        ["二、推进执行公开", "5", "建立政策措施落实情况跟踪反馈机制。", "区政府督查室", "", "2023年8月底前"],
    ],
    text_cols=("重点任务",),
)


def test_word_table_with_title_row_and_two_row_header(tmp_path):
    import docx
    from docx.oxml import OxmlElement

    d = docx.Document()
    d.add_paragraph("附件3")
    headers = WORD_TWO_ROW.headers
    rows = WORD_TWO_ROW.rows
    t = d.add_table(rows=3 + len(rows), cols=len(headers))
    t.style = "Table Grid"
    t.cell(0, 0).merge(t.cell(0, 5)).text = "XX区2023年政务公开重点任务分解表"
    for c, h in enumerate(["类别", "序号", "重点任务", "责任单位", None, "完成时限"]):
        if h:
            t.cell(1, c).text = h
    t.cell(1, 3).merge(t.cell(1, 4))
    t.cell(2, 3).text, t.cell(2, 4).text = "牵头单位", "配合单位"
    for c in (0, 1, 2, 5):
        keep = t.cell(1, c).text
        t.cell(1, c).merge(t.cell(2, c)).text = keep
    for tr in t.rows[1:3]:
        tr._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))
    for r, row in enumerate(rows, 3):
        for c, v in enumerate(row[1:], 1):
            if v:
                t.cell(r, c).text = v
    t.cell(3, 0).merge(t.cell(5, 0)).text = rows[0][0]
    t.cell(6, 0).merge(t.cell(7, 0)).text = rows[3][0]
    src = tmp_path / "分解表.docx"
    d.save(str(src))
    run = pipeline(src, tmp_path, ["类别", "序号", "牵头单位", "配合单位"])
    check_table(run, WORD_TWO_ROW)
    assert "XX区2023年政务公开重点任务分解表" in run.plan.read_text(encoding="utf-8")
    assert [i["title"] for i in run.outline if i["kind"] == "part"] == ["推进决策公开", "推进执行公开"]


# ---------------------------------------------------------------- case 12: typed cells — dates shown as months, numbers with decimals, formulas


def test_typed_cells_keep_what_the_sheet_shows(tmp_path):
    wb, ws = xlsx_book()
    ws.append(["XX县2023年政务公开工作任务表"])
    ws.append(["序号", "工作任务", "责任单位", "完成时限"])
    ws.append([1, "公开年度财政预算。", "县财政局", dt.datetime(2023, 2, 1)])
    ws.cell(3, 4).number_format = 'yyyy"年"m"月"'  # shown as 2023年2月
    ws.append([2, "公开年度财政决算。", "县财政局", dt.datetime(2023, 8, 31)])
    ws.cell(4, 4).number_format = "yyyy/m/d"
    ws.append([3, "编制政务公开年度报告。", "县政府办公室", 2023.10])
    ws.cell(5, 4).number_format = "0.00"  # typed as 2023.10: Excel keeps the number 2023.1
    src = tmp_path / "typed.xlsx"
    wb.save(src)
    run = pipeline(src, tmp_path, ["序号", "工作任务", "责任单位"])
    assert [r["完成时限"] for r in run.rows] == [norm("2023年2月"), norm("2023年8月31日"), "2023.10"]


# ---------------------------------------------------------------- case 13: three levels merged down, a deadline merged over several tasks

THREE_LEVELS = Table(
    headers=["一级任务", "二级任务", "序号", "具体任务", "牵头单位", "配合单位", "完成时限"],
    rows=[
        ["一、强化政策发布解读", "（一）规范政策发布", "1", "严格执行行政规范性文件统一登记、统一编号、统一印发制度。", "市司法局", "市政府办公室", "全年"],
        ["一、强化政策发布解读", "（一）规范政策发布", "2", "建立政策文件库，集中公开现行有效的规范性文件。", "市政府办公室", "市直各部门", "全年"],
        ["一、强化政策发布解读", "（二）深化政策解读", "3", "推行政策解读“简明问答”，提高解读质量。", "市直各部门", "", "长期坚持"],
        ["二、加强平台建设", "（一）办好政府网站", "4", "完成政府网站集约化平台迁移。", "市政务服务数据管理局", "各区县政府\n市直各部门", "2023年6月底前"],
        ["二、加强平台建设", "（二）办好政务新媒体", "5", "清理整合功能相近、用户关注度低的政务新媒体。", "市委网信办", "市直各部门", "2023年9月底前"],
        ["二、加强平台建设", "（二）办好政务新媒体", "6", "每季度开展政务新媒体抽查并通报结果。", "市政府办公室", "", "每季度"],
    ],
    text_cols=("具体任务",),
)


def test_three_levels_merged_and_deadline_merged_over_tasks(tmp_path):
    wb, ws = xlsx_book()
    ws.append(["附件"])
    ws.append(["XX市2023年政务公开工作任务分解表"])
    ws.merge_cells("A2:G2")
    ws.append(THREE_LEVELS.headers)
    for row in THREE_LEVELS.rows:
        ws.append([int(v) if isinstance(v, str) and v.isdigit() else (v or None) for v in row])
    for col, runs in ((1, [(4, 6), (7, 9)]), (2, [(4, 5), (8, 9)]), (7, [(4, 5)])):  # merged down
        for first, last in runs:
            for r in range(first + 1, last + 1):
                ws.cell(r, col).value = None
            merge_down(ws, col, first, last)
    src = tmp_path / "三级.xlsx"
    wb.save(src)
    run = pipeline(src, tmp_path, ["一级任务", "二级任务", "序号", "具体任务"])
    check_table(run, THREE_LEVELS)
    kinds = [(i["kind"], i["label"]) for i in run.outline if i["kind"] in ("part", "section")]
    assert kinds == [("part", "一、"), ("section", "（一）"), ("section", "（二）"), ("part", "二、"), ("section", "（一）"), ("section", "（二）")]


# ---------------------------------------------------------------- case 14: one sheet per part, the same header on each


def test_one_sheet_per_part(tmp_path):
    wb, ws = xlsx_book()
    ws.title = "决策公开"
    second = wb.create_sheet("执行公开")
    for sheet, rows in ((ws, REPEATED.rows[:2]), (second, REPEATED.rows[2:4])):
        sheet.append(["2023年XX县政务公开重点工作任务清单"])
        sheet.append(REPEATED.headers)
        for row in rows:
            sheet.append(row)
    src = tmp_path / "分表.xlsx"
    wb.save(src)
    run = pipeline(src, tmp_path, ["工作类别", "序号", "工作任务"])
    check_table(run, Table(REPEATED.headers, REPEATED.rows[:4], text_cols=("工作任务",)))
    assert "没有任务" not in run.stderr and "只导入了第一个" not in run.stderr


# ---------------------------------------------------------------- unclassifiable things are listed, not dropped


def test_unknown_column_and_stray_rows_are_listed(tmp_path):
    wb, ws = xlsx_book()
    ws.append(["XX镇2023年政务公开任务"])
    ws.append(["序号", "工作任务", "责任单位", "完成时限", "分值"])
    ws.append([1, "公开镇级财政预决算。", "镇财政所", "2023年6月底前", 10])
    ws.append([2, "公开村级事务。", "各村委会", "每季度", 5])
    ws.append(["合计", None, None, None, 15])
    src = tmp_path / "t.xlsx"
    wb.save(src)
    run = pipeline(src, tmp_path, ["序号", "工作任务", "责任单位"])
    assert "分值" in run.stderr and "E" in run.stderr
    assert "A5" in run.stderr and "合计" in run.stderr  # a summary row is neither dropped silently nor a task
    assert [i["label"] for i in run.outline if i["kind"] == "task"] == ["1.", "2."]


def test_sub_numbers_and_uncalculated_formulas_are_listed(tmp_path):
    wb, ws = xlsx_book()
    ws.append(["序号", "工作任务", "具体措施", "责任单位", "完成时限"])
    ws.append(["1", "推进决策公开", None, None, None])
    ws.append(["1.1", None, "制定年度重大决策事项目录。", "区司法局", "2023年3月底前"])
    ws.append(["1.2", None, "公开征求意见不少于30日。", "区直各部门", "长期坚持"])
    ws.append(["2", "推进执行公开", "公开重点工作进展。", "区政府督查室", "每季度"])
    ws["F1"], ws["F2"] = "分值", "=10*2"  # a formula saved without its result (written by a program)
    src = tmp_path / "sub.xlsx"
    wb.save(src)
    run = pipeline(src, tmp_path, ["序号", "工作任务", "具体措施"])
    tasks = [i for i in run.outline if i["kind"] == "task"]
    assert [t["title"] for t in tasks] == ["推进决策公开", "推进执行公开"]
    assert [(r["具体措施"], r["责任单位"], r["完成时限"]) for r in run.rows] == [
        (norm("制定年度重大决策事项目录。"), "区司法局", norm("2023年3月底前")),
        (norm("公开征求意见不少于30日。"), "区直各部门", "长期坚持"),
        (norm("公开重点工作进展。"), "区政府督查室", "每季度")]
    assert "Sheet!A3：序号写作“1.1”" in run.stderr
    assert "Sheet!F2：是公式" in run.stderr


# ---------------------------------------------------------------- bad inputs: a Chinese message, exit 2, no output


def _encrypted_like(path: Path) -> None:
    """An encrypted .xlsx is an OLE compound file, not a zip."""
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504)


def _truncated_xlsx(path: Path) -> None:
    wb, ws = xlsx_book()
    ws.append(["序号", "工作任务"])
    buf = io.BytesIO()
    wb.save(buf)
    path.write_bytes(buf.getvalue()[:300])


def _no_table_xlsx(path: Path) -> None:
    wb, ws = xlsx_book()
    ws["A1"] = "本表暂无数据"
    ws["B3"] = "制表人：李四"
    wb.save(path)


def _empty_xlsx(path: Path) -> None:
    wb, _ = xlsx_book()
    wb.save(path)


def _no_table_docx(path: Path) -> None:
    import docx

    d = docx.Document()
    d.add_paragraph("会议纪要")
    d.add_paragraph("会议研究了有关事项。")
    d.save(str(path))


BAD = [
    ("empty.xlsx", lambda p: p.write_bytes(b""), "为空"),
    ("empty.docx", lambda p: p.write_bytes(b""), "为空"),
    ("empty.csv", lambda p: p.write_bytes(b""), "为空"),
    ("blank.xlsx", _empty_xlsx, "没有找到任务分解表"),
    ("notable.xlsx", _no_table_xlsx, "没有找到任务分解表"),
    ("notable.docx", _no_table_docx, "没有找到任务分解表"),
    ("locked.xlsx", _encrypted_like, "加密"),
    ("broken.xlsx", _truncated_xlsx, "损坏"),
    ("plan.pdf", lambda p: p.write_bytes(b"%PDF-1.4\n%\xe2\xe3\n"), "不支持"),
    ("slides.pptx", lambda p: p.write_bytes(b"PK\x03\x04"), "不支持"),
    ("photo.jpg", lambda p: p.write_bytes(b"\xff\xd8\xff\xe0"), "不支持"),
]


@pytest.mark.parametrize("name,make,message", BAD, ids=[b[0] for b in BAD])
def test_bad_inputs_exit_2_in_chinese(tmp_path, name, make, message):
    src = tmp_path / name
    make(src)
    out = tmp_path / "o.yaml"
    result = zwgk("import", str(src), "-o", str(out))
    assert result.returncode == 2, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    assert message in result.stderr, result.stderr
    assert re.search(r"[\u4e00-\u9fff]", result.stderr)
    assert not out.exists()
