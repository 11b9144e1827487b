"""A corpus of office files the importer has never been tuned to, each with what a reader sees in it.

Every case writes one file (.xlsx/.docx with openpyxl/python-docx, or text) the way offices make
them and lists its visible items: level, number, text, units, deadline. `check` imports the file,
loads the plan and compares item by item, so a test (or `python tests/import_corpus.py DIR`) shows
exactly which item came out wrong. Header words are deliberately ones the importer does not list.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Optional


@dataclass
class Item:
    kind: str  # part / section / task / subtask
    number: str  # the number as printed ("一", "3", "" when unnumbered); compared as digits/numerals
    text: str  # a fragment the item's title + text must contain
    units: tuple[str, ...] = ()  # every unit named for it (lead + responsible + cooperate), any order
    deadline: str = ""


@dataclass
class Case:
    name: str
    suffix: str
    write: Callable[[Path], None]
    items: list[Item]
    year: Optional[int] = None
    notice: dict = field(default_factory=dict)  # expected notice fields (doc_number, title, date …)


def norm(text: object) -> str:
    return re.sub(r"[\s。.，,；;：:、]", "", unicodedata.normalize("NFKC", str(text or "")))


def _number(label: str) -> str:
    return re.sub(r"[^0-9一二三四五六七八九十百]", "", unicodedata.normalize("NFKC", label or ""))


def plan_items(plan) -> list[Item]:
    from zwgk_docs.numbering import walk

    out = []
    for node in (v.node for v in walk(plan)):
        if node.kind == "part" and node.title == "全部任务" and not node.label:
            continue  # the importer's own holder for a table without categories: not an item of the file
        text = (node.title or "") + "".join(node.text)
        units = tuple(getattr(node, "lead", [])) + tuple(getattr(node, "responsible", [])) + tuple(getattr(node, "cooperate", []))
        deadline = getattr(node, "deadline", None)
        out.append(Item(node.kind, _number(node.label), text, units, str(deadline.text if hasattr(deadline, "text") else deadline or "")))
    return out


def compare(expected: list[Item], got: list[Item]) -> list[str]:
    """Differences, one line each; empty when every visible item is right."""
    problems = []
    if len(expected) != len(got):
        problems.append(f"{len(got)} items, expected {len(expected)}: "
                        + " / ".join(f"{i.kind}{i.number}:{norm(i.text)[:8]}" for i in got))
    for n, (want, have) in enumerate(zip(expected, got), 1):
        where = f"item {n} ({want.kind} {want.number} {want.text[:12]})"
        if want.kind != have.kind:
            problems.append(f"{where}: level {have.kind}")
            continue
        if want.number and _number(want.number) != have.number:
            problems.append(f"{where}: number {have.number!r}")
        if norm(want.text) not in norm(have.text):
            problems.append(f"{where}: text {have.text[:40]!r}")
        if want.kind in ("task", "subtask") and sorted(map(norm, want.units)) != sorted(map(norm, have.units)):
            problems.append(f"{where}: units {list(have.units)}")
        if want.deadline and norm(want.deadline) != norm(have.deadline):
            problems.append(f"{where}: deadline {have.deadline!r}")
    return problems


def import_case(case: Case, folder: Path):
    """(plan, draft, yaml text) for the case's file written into folder."""
    from zwgk_docs import loads
    from zwgk_docs.importers import import_to_yaml

    src = folder / f"{case.name}{case.suffix}"
    case.write(src)
    text, draft = import_to_yaml(src)
    return loads(text), draft, text


def reads_back(text: str, plan) -> bool:
    """The plan file `zwgk import` writes holds exactly the plan it built (the writer's quoting, lists, dates)."""
    from ruamel.yaml import YAML

    from zwgk_docs.model.plan import Plan

    return Plan.model_validate(YAML(typ="safe").load(text)).model_dump() == plan.model_dump()


def check(case: Case, folder: Path) -> list[str]:
    plan, draft, text = import_case(case, folder)
    problems = compare(case.items, plan_items(plan))
    if not reads_back(text, draft.plan):
        problems.append("the YAML written does not read back as the imported plan")
    if case.year and plan.plan.year != case.year:
        problems.append(f"year {plan.plan.year}, expected {case.year}")
    for key, want in case.notice.items():
        have = getattr(plan.notice, key, None) if plan.notice else None
        if norm(want) != norm(have):
            problems.append(f"notice.{key}: {have!r}, expected {want!r}")
    return problems


# ---------------------------------------------------------------- office file helpers


def _book():
    from openpyxl import Workbook

    wb = Workbook()
    return wb, wb.active


def _merge(ws, col: int, first: int, last: int) -> None:
    if last > first:
        ws.merge_cells(start_row=first, start_column=col, end_row=last, end_column=col)


def _docx_table(doc, rows: list[list[str]], merges: list[tuple[int, int, int, int]] = ()):
    """rows of text; merges as (row1, col1, row2, col2), 0-based; a merged cell's text is its top-left one."""
    table = doc.add_table(rows=len(rows), cols=max(len(r) for r in rows))
    covered = set()
    for r1, c1, r2, c2 in merges:
        for r in range(r1, r2 + 1):
            for c in range(c1, c2 + 1):
                if (r, c) != (r1, c1):
                    covered.add((r, c))
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            if (r, c) not in covered:
                table.cell(r, c).text = text
    for r1, c1, r2, c2 in merges:
        table.cell(r1, c1).merge(table.cell(r2, c2))
    return table


# ---------------------------------------------------------------- case: category merged above details, 序号 counts rows

CATEGORY_ROWS = [
    ("推进决策公开", "制定年度重大行政决策事项目录，通过政府网站向社会公布，并根据实际情况动态调整。", "区司法局", "6月底前"),
    ("推进决策公开", "对涉及群众切身利益的重要改革方案、重大政策措施，广泛听取公众意见，及时反馈意见采纳情况。", "区政府办公室、区司法局", "长期坚持"),
    ("深化政策解读", "坚持政策文件与解读材料同步起草、同步审签、同步发布，解读形式多样化、通俗化。", "各街道办事处", "全年"),
    ("深化政策解读", "围绕市场主体关切，开展政策进企业、进社区活动，推动惠企政策直达快享。", "区发展改革局\n区工业和信息化局", "2024年12月底前"),
    ("深化政策解读", "建立政策咨询统一答复口径，在政府网站开设政策问答专栏，定期更新常见问题。", "区政务服务中心", "9月底前"),
    ("优化平台建设", "加强政府网站和政务新媒体内容保障，杜绝错别字、空白栏目、链接失效等问题。", "区政府办公室", "每季度"),
]


def write_category_xlsx(path: Path, header=("序号", "工作类别", "推进举措", "责任单位", "完成时限")) -> None:
    from openpyxl.styles import Alignment

    wb, ws = _book()
    ws.title = "分解表"
    ws["A1"] = "XX区2024年政务公开工作任务分解"
    ws.merge_cells("A1:E1")
    ws.append(list(header))
    start = 3
    for i, (cat, text, units, deadline) in enumerate(CATEGORY_ROWS):
        r = start + i
        ws.cell(r, 1, i + 1)
        if i == 0 or CATEGORY_ROWS[i - 1][0] != cat:
            ws.cell(r, 2, cat)
        ws.cell(r, 3, text).alignment = Alignment(wrap_text=True)
        ws.cell(r, 4, units).alignment = Alignment(wrap_text=True)
        ws.cell(r, 5, deadline)
    r = start
    while r < start + len(CATEGORY_ROWS):
        n = sum(1 for x in CATEGORY_ROWS if x[0] == CATEGORY_ROWS[r - start][0])
        _merge(ws, 2, r, r + n - 1)
        r += n
    wb.save(path)


def category_items(numbered_by_category: bool = False) -> list[Item]:
    items, last = [], None
    parts = 0
    for i, (cat, text, units, deadline) in enumerate(CATEGORY_ROWS, 1):
        unit_list = tuple(re.split(r"[、\n]", units))
        if cat != last:
            parts += 1
            items.append(Item("task" if numbered_by_category else "part", str(parts) if numbered_by_category else "", cat))
            last = cat
        if numbered_by_category:  # a task of one row too: the row is its sub-task, like the others
            items.append(Item("subtask", "", text, unit_list, deadline))
        else:
            items.append(Item("task", str(i), text, unit_list, deadline))
    return items


def write_category_numbered_by_category(path: Path) -> None:
    """序号 merged with the category: it counts the categories, so they are tasks and the rows sub-tasks."""
    wb, ws = _book()
    ws.append(["序号", "任务", "工作措施", "责任单位", "完成时限"])
    r = 2
    n = 0
    i = 0
    while i < len(CATEGORY_ROWS):
        cat = CATEGORY_ROWS[i][0]
        group = [x for x in CATEGORY_ROWS if x[0] == cat]
        n += 1
        ws.cell(r, 1, n)
        ws.cell(r, 2, cat)
        for k, (_, text, units, deadline) in enumerate(group):
            ws.cell(r + k, 3, text)
            ws.cell(r + k, 4, units)
            ws.cell(r + k, 5, deadline)
        _merge(ws, 1, r, r + len(group) - 1)
        _merge(ws, 2, r, r + len(group) - 1)
        r += len(group)
        i += len(group)
    wb.save(path)


def write_category_docx(path: Path) -> None:
    import docx

    doc = docx.Document()
    doc.add_paragraph("附件")
    doc.add_paragraph("XX县2024年政务公开重点工作台账")
    rows = [["序号", "板块", "主要内容", "责任单位", "时间要求"]]
    merges = []
    start = 1
    for i, (cat, text, units, deadline) in enumerate(CATEGORY_ROWS):
        rows.append([str(i + 1), cat, text, units, deadline])
    r = 0
    while r < len(CATEGORY_ROWS):
        n = sum(1 for x in CATEGORY_ROWS if x[0] == CATEGORY_ROWS[r][0])
        if n > 1:
            merges.append((start + r, 1, start + r + n - 1, 1))
        r += n
    _docx_table(doc, rows, merges)
    doc.save(str(path))


def write_category_repeated_tab(path: Path) -> None:
    """Tab text copied from a web page: the category repeated on every row, an unknown header word."""
    lines = ["XX区2024年政务公开工作任务清单", "序号\t工作板块\t工作目标\t责任单位\t完成时限"]
    for i, (cat, text, units, deadline) in enumerate(CATEGORY_ROWS, 1):
        lines.append(f"{i}\t{cat}\t{text}\t{units.replace(chr(10), '、')}\t{deadline}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def _category_items_joined() -> list[Item]:
    return [Item(i.kind, i.number, i.text, tuple(u for u in i.units), i.deadline) for i in category_items()]


# ---------------------------------------------------------------- case: pipe text, header cell spanning two columns, missing trailing cells

PIPE_ROWS = [
    ("1", "全面公开财政预决算信息，细化公开到功能分类项级科目。", "区财政局", "各部门", "8月底前"),
    ("2", "做好重大建设项目批准和实施领域信息公开。", "区发展改革局", "区住房城乡建设局", "全年"),
    ("3", "及时公开义务教育招生入学政策和划片范围。", "区教育局", "", ""),
    ("4", "推进政务公开专区标准化建设，提供政策查询和解读服务。", "区政务服务中心", "各街道办事处", "10月底前"),
]


def write_pipe_text(path: Path) -> None:
    lines = ["XX区2024年政务公开工作任务分工", "", "序号 | 具体任务 | 责任单位 | 完成时限", " | | 牵头 | 配合 |"]
    lines = ["XX区2024年政务公开工作任务分工", "", "序号 | 具体任务 | 责任单位 | 完成时限"]
    for n, text, lead, coop, deadline in PIPE_ROWS:
        cells = [n, text, lead, coop, deadline]
        while cells and not cells[-1]:
            cells.pop()  # web tables drop empty trailing cells
        lines.append(" | ".join(cells))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def pipe_items() -> list[Item]:
    return [Item("task", n, text, tuple(u for u in (lead, coop) if u), deadline) for n, text, lead, coop, deadline in PIPE_ROWS]


def write_tab_text_missing_cells(path: Path) -> None:
    lines = ["序号\t推进措施\t牵头单位\t配合单位\t完成时限"]
    for n, text, lead, coop, deadline in PIPE_ROWS:
        cells = [n, text, lead, coop, deadline]
        while cells and not cells[-1]:
            cells.pop()
        lines.append("\t".join(cells))
    path.write_text("\r\n".join(lines) + "\r\n", encoding="gb18030")


# ---------------------------------------------------------------- case: 通知 + 要点 prose

NOTICE_HEAD = [
    "XX市人民政府办公室文件",
    "兴政办发〔2024〕12号",
    "XX市人民政府办公室关于印发XX市2024年",
    "政务公开工作要点的通知",
    "各县（市、区）人民政府，市政府各部门，各直属机构：",
    "经市政府同意，现将《XX市2024年政务公开工作要点》印发给你们，请认真贯彻落实。",
    "XX市人民政府办公室",
    "2024年4月8日",
    "（此件公开发布）",
]
PROSE_BODY = [
    "XX市2024年政务公开工作要点",
    "2024年是深入实施“十四五”规划的关键一年。为做好全市政务公开工作，制定本要点。",
    "一、围绕稳住经济大盘加强信息公开",
    "（一）加强经济政策发布解读。聚焦扩大有效需求，及时发布稳经济政策措施。（市发展改革委，市财政局按照职责分工负责）",
    "（二）做好市场主体关切回应。一是优化营商环境政策公开；二是做好涉企收费清单公开；三是及时回应企业诉求。（市市场监管局牵头，市工业和信息化局配合）",
    "二、围绕保障改善民生加强信息公开",
    "（三）推进就业信息公开。加大就业创业政策宣传力度，及时公开招聘信息。",
    "由市人力资源社会保障局负责，2024年6月底前完成。",
    "（四）深化社会救助信息公开。主动公开低保、特困人员救助供养政策。（市民政局负责）",
    "各地区各部门要加强组织领导，确保各项任务落到实处。",
]


def prose_items() -> list[Item]:
    return [
        Item("part", "一", "围绕稳住经济大盘加强信息公开"),
        Item("task", "一", "加强经济政策发布解读", ("市发展改革委", "市财政局")),
        Item("task", "二", "做好市场主体关切回应", ("市市场监管局", "市工业和信息化局")),
        Item("subtask", "", "优化营商环境政策公开"),
        Item("subtask", "", "做好涉企收费清单公开"),
        Item("subtask", "", "及时回应企业诉求"),
        Item("part", "二", "围绕保障改善民生加强信息公开"),
        Item("task", "三", "推进就业信息公开", ("市人力资源社会保障局",), "2024年6月底前完成"),
        Item("task", "四", "深化社会救助信息公开", ("市民政局",)),
    ]


NOTICE_EXPECTED = {"doc_number": "兴政办发〔2024〕12号", "title": "XX市人民政府办公室关于印发XX市2024年政务公开工作要点的通知",
                   "recipients": "各县（市、区）人民政府，市政府各部门，各直属机构：", "note": "此件公开发布", "issuer": "XX市人民政府办公室"}


def write_notice_docx(path: Path) -> None:
    import docx

    doc = docx.Document()
    for p in NOTICE_HEAD + PROSE_BODY:
        doc.add_paragraph(p)
    doc.save(str(path))


def _ascii(text: str) -> str:
    return text.translate(str.maketrans({"，": ",", "：": ":", "（": "(", "）": ")", "；": ";"}))


def write_notice_text_ascii(path: Path) -> None:
    path.write_text("\n\n".join(_ascii(p) for p in NOTICE_HEAD + PROSE_BODY) + "\n", encoding="utf-8")


def write_notice_untitled_word(path: Path) -> None:
    """A 通知 whose title does not end in 通知 (“…任务分解”), with the 文号 giving the year."""
    import docx

    doc = docx.Document()
    for p in ["YY县人民政府办公室", "永政办〔2023〕3号", "YY县2023年政务公开工作任务分解",
              "各乡镇人民政府，县政府各部门：", "现将有关任务分解如下，请抓好落实。"] + PROSE_BODY[2:-1] + ["YY县人民政府办公室", "2023年3月1日"]:
        doc.add_paragraph(p)
    doc.save(str(path))


# ---------------------------------------------------------------- case: Word automatic numbering, content controls, tracked changes

AUTO_PARAS = [
    (0, "深化重点领域信息公开"),
    (1, "推进财政信息公开。全面公开预决算信息。（区财政局负责）"),
    (1, "推进重大项目信息公开。公开项目批准和实施信息。（区发展改革局负责，12月底前完成）"),
    (0, "加强政务公开平台建设"),
    (1, "优化政府网站集约化平台。提升网站内容质量。（区政府办公室负责）"),
]


def write_auto_numbered_docx(path: Path) -> None:
    """Headings numbered by Word (numPr → 一、 / （一）), one paragraph in a content control, one with a tracked insertion and deletion."""
    import docx
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    doc = docx.Document()
    numbering = doc.part.numbering_part.element
    numbering.append(parse_xml(
        f'<w:abstractNum {nsdecls("w")} w:abstractNumId="7">'
        '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl>'
        '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/></w:lvl>'
        '</w:abstractNum>'))
    numbering.append(parse_xml(f'<w:num {nsdecls("w")} w:numId="7"><w:abstractNumId w:val="7"/></w:num>'))
    doc.add_paragraph("XX区2024年政务公开工作要点")
    body = doc.element.body
    for k, (level, text) in enumerate(AUTO_PARAS):
        p = doc.add_paragraph(text if k not in (2, 4) else "")
        pPr = p._p.get_or_add_pPr()
        pPr.append(parse_xml(f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{level}"/><w:numId w:val="7"/></w:numPr>'))
        if k == 2:  # inside a content control
            sdt = parse_xml(f'<w:sdt {nsdecls("w")}><w:sdtPr/><w:sdtContent/></w:sdt>')
            p._p.addprevious(sdt)
            sdt[1].append(p._p)
            p.add_run(text)
        if k == 4:  # tracked changes: "提升网站内容质量" typed in, "旧文字" deleted
            head, tail = text.split("提升网站内容质量")
            p.add_run(head)
            p._p.append(parse_xml(f'<w:ins {nsdecls("w")} w:id="1" w:author="a"><w:r><w:t>提升网站内容质量</w:t></w:r></w:ins>'))
            p._p.append(parse_xml(f'<w:del {nsdecls("w")} w:id="2" w:author="a"><w:r><w:delText>旧文字</w:delText></w:r></w:del>'))
            p.add_run(tail)
    del body
    doc.save(str(path))


def auto_items() -> list[Item]:
    return [
        Item("part", "一", "深化重点领域信息公开"),
        Item("task", "一", "推进财政信息公开", ("区财政局",)),
        Item("task", "二", "推进重大项目信息公开", ("区发展改革局",), "12月底前完成"),
        Item("part", "二", "加强政务公开平台建设"),
        Item("task", "一", "优化政府网站集约化平台。提升网站内容质量", ("区政府办公室",)),  # Word restarts （一） under 二、
    ]


# ---------------------------------------------------------------- case: 序号 1 / 1.1 / 1.2

SUB_ROWS = [
    ("1", "加强规章规范性文件公开", "", "", ""),
    ("1.1", "全面梳理现行有效的规范性文件，在政府网站集中公开。", "区司法局", "", "6月底前"),
    ("1.2", "建立规范性文件动态更新机制。", "区司法局", "各部门", "长期"),
    ("2", "做好人大代表建议和政协提案办理结果公开", "区政府办公室", "各承办单位", "12月底前"),
    ("3", "推进政府信息依申请公开规范化", "", "", ""),
    ("3.1", "规范依申请公开办理流程，统一答复文书格式。", "区司法局", "", "9月底前"),
    ("3.2", "加强依申请公开业务培训。", "区政府办公室", "", "全年"),
]


def write_sub_numbers_xlsx(path: Path) -> None:
    wb, ws = _book()
    ws.append(["序号", "工作内容", "牵头单位", "配合单位", "完成时间"])
    for row in SUB_ROWS:
        ws.append(list(row))
    wb.save(path)


def sub_items() -> list[Item]:
    out = []
    for n, text, lead, coop, deadline in SUB_ROWS:
        units = tuple(u for u in (lead, coop) if u)
        out.append(Item("subtask" if "." in n else "task", "" if "." in n else n, text, units, deadline))
    return out


# ---------------------------------------------------------------- case: prose and a table of the same tasks

def write_prose_and_table_docx(path: Path) -> None:
    import docx

    doc = docx.Document()
    for p in ["XX区2024年政务公开工作要点", "一、加强重点领域公开",
              "1.推进财政预决算公开。细化公开到项级科目。", "2.做好重大项目公开。及时公开批准结果。",
              "二、提升平台服务水平", "3.优化政府网站服务。提升检索功能。", "附件", "任务分解表"]:
        doc.add_paragraph(p)
    _docx_table(doc, [["序号", "任务事项", "牵头单位", "完成时限"],
                      ["1", "推进财政预决算公开", "区财政局", "8月底前"],
                      ["2", "做好重大项目公开", "区发展改革局", "全年"],
                      ["3", "优化政府网站服务", "区政府办公室", "12月底前"]])
    doc.save(str(path))


def prose_table_items() -> list[Item]:
    return [
        Item("part", "一", "加强重点领域公开"),
        Item("task", "1", "推进财政预决算公开细化公开到项级科目", ("区财政局",), "8月底前"),
        Item("task", "2", "做好重大项目公开", ("区发展改革局",), "全年"),
        Item("part", "二", "提升平台服务水平"),
        Item("task", "3", "优化政府网站服务", ("区政府办公室",), "12月底前"),
    ]


# ---------------------------------------------------------------- case: Word table whose 序号 column is numbered by Word

def write_docx_auto_numbered_column(path: Path) -> None:
    import docx
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    doc = docx.Document()
    numbering = doc.part.numbering_part.element
    numbering.append(parse_xml(
        f'<w:abstractNum {nsdecls("w")} w:abstractNumId="9"><w:lvl w:ilvl="0"><w:start w:val="1"/>'
        '<w:numFmt w:val="decimal"/><w:lvlText w:val="%1"/></w:lvl></w:abstractNum>'))
    numbering.append(parse_xml(f'<w:num {nsdecls("w")} w:numId="9"><w:abstractNumId w:val="9"/></w:num>'))
    doc.add_paragraph("XX区2024年政务公开工作任务清单")
    rows = [["序号", "工作举措", "牵头单位", "配合单位", "时间安排"]] + [["", t, l, c, d] for _, t, l, c, d in PIPE_ROWS]
    table = _docx_table(doc, rows)
    for r in range(1, len(rows)):
        p = table.cell(r, 0).paragraphs[0]
        p._p.get_or_add_pPr().append(parse_xml(f'<w:numPr {nsdecls("w")}><w:ilvl w:val="0"/><w:numId w:val="9"/></w:numPr>'))
    doc.save(str(path))


# ---------------------------------------------------------------- case: two category columns (part, section) merged, unlisted words

TWO_LEVELS = [
    ("深化重点领域公开", "财政信息", "细化政府预决算公开内容，推进部门预决算公开到项级科目。", "区财政局", "区直各部门", "2024年8月底前"),
    ("深化重点领域公开", "财政信息", "做好政府债务信息公开，按规定公开债务限额、余额等情况。", "区财政局", "", "全年"),
    ("深化重点领域公开", "民生信息", "及时公开教育、医疗、养老等民生领域政策措施和办事指南。", "区教育局", "区卫生健康局、区民政局", "长期"),
    ("提升政务服务水平", "政务服务", "全面公开政务服务事项清单和办事指南，推动高频事项网上办理。", "区政务服务中心", "各相关部门", "10月底前"),
    ("提升政务服务水平", "热线管理", "规范12345热线知识库，提高答复准确率和群众满意度。", "区政务服务中心", "", "12月底前"),
]


def write_two_levels_xlsx(path: Path) -> None:
    wb, ws = _book()
    ws.append(["方向", "重点", "工作措施", "牵头单位", "配合单位", "时间节点"])
    for row in TWO_LEVELS:
        ws.append(list(row))
    for col in (1, 2):
        r = 2
        while r < 2 + len(TWO_LEVELS):
            key = TWO_LEVELS[r - 2][:col]
            n = sum(1 for x in TWO_LEVELS if x[:col] == key)
            for k in range(r + 1, r + n):
                ws.cell(k, col).value = None
            _merge(ws, col, r, r + n - 1)
            r += n
    wb.save(path)


def two_level_items() -> list[Item]:
    items, part, section = [], None, None
    for p, s, text, lead, coop, deadline in TWO_LEVELS:
        if p != part:
            items.append(Item("part", "", p))
            part, section = p, None
        if s != section:
            items.append(Item("section", "", s))
            section = s
        units = (lead,) + tuple(u for u in re.split("、", coop) if u)
        items.append(Item("task", "", text, units, deadline))
    return items


# ---------------------------------------------------------------- case: prose with keyed notes, several notes per paragraph, （1） sub-items

KEYED_PROSE = [
    "ZZ县2024年政务公开工作要点",
    "一、加强政策解读回应",
    "1.强化政策解读。坚持解读方案与政策文件同步起草（牵头单位：县政府办公室；配合单位：县直各部门；完成时限：2024年6月底前）。",
    "2.做好舆情回应。（1）建立舆情监测机制（县委网信办负责）；（2）完善回应流程（县政府办公室负责）。",
    "二、推进平台建设",
    "3.优化政府网站。加强内容保障，提高信息发布质量。",
    "县政府办公室牵头，县融媒体中心配合，12月底前完成。",
]


def write_keyed_prose_txt(path: Path) -> None:
    path.write_text("\n".join(KEYED_PROSE) + "\n", encoding="utf-8")


def keyed_items() -> list[Item]:
    return [
        Item("part", "一", "加强政策解读回应"),
        Item("task", "1", "强化政策解读", ("县政府办公室", "县直各部门"), "2024年6月底前"),
        Item("task", "2", "做好舆情回应", ("县委网信办", "县政府办公室")),
        Item("part", "二", "推进平台建设"),
        Item("task", "3", "优化政府网站", ("县政府办公室", "县融媒体中心"), "12月底前完成"),
    ]


# ---------------------------------------------------------------- case: tab text whose 责任单位 header spans two columns

def write_tab_spanning_header(path: Path) -> None:
    lines = ["序号\t任务内容\t责任单位\t完成时限"]
    for n, text, lead, coop, deadline in PIPE_ROWS:
        lines.append("\t".join([n, text, lead, coop, deadline]))
    path.write_text("\n".join(lines) + "\n", encoding="utf-16")


# ---------------------------------------------------------------- case: the 要点 as the 通知's 附件, no year in any title

def write_notice_with_attachment(path: Path) -> None:
    import docx

    doc = docx.Document()
    head = ["兴安市人民政府办公室", "兴政办发〔2023〕30号", "兴安市人民政府办公室关于印发", "政务公开工作要点的通知",
            "各县（市、区）人民政府，市政府各部门：", "现将《兴安市政务公开工作要点》印发给你们，请认真贯彻落实。",
            "附件：兴安市政务公开工作要点", "兴安市人民政府办公室", "2023年3月20日", "（此件公开发布）", "附件", "兴安市政务公开工作要点"]
    for p in head + PROSE_BODY[2:-1]:
        doc.add_paragraph(p)
    doc.save(str(path))


# ---------------------------------------------------------------- case: 一、 → 1. (restarting in each part) → （1）

THREE_LEVEL_PROSE = [
    "ZZ区2024年政务公开工作要点",
    "一、推进决策公开",
    "1.完善决策机制。健全重大行政决策程序。",
    "（1）公开决策事项目录。（区司法局负责）",
    "（2）开展决策后评估。（区政府办公室负责）",
    "2.扩大公众参与。邀请公众列席政府常务会议。（区政府办公室负责）",
    "二、强化政策解读",
    "1.丰富解读形式。推行图解、视频解读。（区融媒体中心负责）",
]


def write_three_level_prose(path: Path) -> None:
    path.write_text("\n".join(THREE_LEVEL_PROSE) + "\n", encoding="gb18030")


def three_level_items() -> list[Item]:
    return [
        Item("part", "一", "推进决策公开"),
        Item("task", "1", "完善决策机制"),
        Item("subtask", "1", "公开决策事项目录", ("区司法局",)),
        Item("subtask", "2", "开展决策后评估", ("区政府办公室",)),
        Item("task", "2", "扩大公众参与", ("区政府办公室",)),
        Item("part", "二", "强化政策解读"),
        Item("task", "1", "丰富解读形式", ("区融媒体中心",)),
    ]


CASES = [
    Case("category_xlsx", ".xlsx", write_category_xlsx, category_items(), 2024),
    Case("category_by_category_xlsx", ".xlsx", write_category_numbered_by_category, category_items(True)),
    Case("category_docx", ".docx", write_category_docx, category_items(), 2024),
    Case("category_tab_txt", ".txt", write_category_repeated_tab, category_items(), 2024),
    Case("pipe_txt", ".txt", write_pipe_text, pipe_items(), 2024),
    Case("tab_missing_cells_txt", ".txt", write_tab_text_missing_cells, pipe_items()),
    Case("notice_docx", ".docx", write_notice_docx, prose_items(), 2024, NOTICE_EXPECTED),
    Case("notice_ascii_txt", ".txt", write_notice_text_ascii, prose_items(), 2024, NOTICE_EXPECTED),
    Case("notice_untitled_docx", ".docx", write_notice_untitled_word, prose_items(), 2023, {"doc_number": "永政办〔2023〕3号"}),
    Case("auto_numbered_docx", ".docx", write_auto_numbered_docx, auto_items(), 2024),
    Case("sub_numbers_xlsx", ".xlsx", write_sub_numbers_xlsx, sub_items()),
    Case("prose_and_table_docx", ".docx", write_prose_and_table_docx, prose_table_items(), 2024),
    Case("docx_numbered_column", ".docx", write_docx_auto_numbered_column, pipe_items(), 2024),
    Case("two_levels_xlsx", ".xlsx", write_two_levels_xlsx, two_level_items()),
    Case("keyed_prose_txt", ".txt", write_keyed_prose_txt, keyed_items(), 2024),
    Case("tab_spanning_header_utf16_txt", ".txt", write_tab_spanning_header, pipe_items()),
    Case("three_level_prose_txt", ".txt", write_three_level_prose, three_level_items(), 2024),
    Case("notice_attachment_docx", ".docx", write_notice_with_attachment, prose_items(), 2023,
         {"doc_number": "兴政办发〔2023〕30号", "title": "兴安市人民政府办公室关于印发政务公开工作要点的通知",
          "issuer": "兴安市人民政府办公室", "note": "此件公开发布"}),
]


if __name__ == "__main__":  # python tests/import_corpus.py DIR: write the corpus and report per case
    import sys

    folder = Path(sys.argv[1] if len(sys.argv) > 1 else "import-corpus")
    folder.mkdir(exist_ok=True)
    only = sys.argv[2:]
    for case in CASES:
        if only and case.name not in only:
            continue
        try:
            problems = check(case, folder)
        except Exception as exc:  # noqa: BLE001 - a report, not a test
            problems = [f"{type(exc).__name__}: {exc}"]
        print(("OK   " if not problems else "FAIL ") + case.name)
        for p in problems[:12]:
            print("     " + p)
