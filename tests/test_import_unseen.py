"""zwgk import on office files shaped like the ones it will meet, not like the seeds (tests/import_corpus.py),
hostile files (zip bombs, DTDs, binary and UTF-16 text, giant cells), and the round trip import → build → import."""

from __future__ import annotations

import time
import zipfile
from pathlib import Path

import pytest

from import_corpus import CASES, Item, check, compare, import_case, plan_items
from zwgk_docs.numbering import walk
from zwgk_docs import build, load_plan, loads
from zwgk_docs.errors import UserError
from zwgk_docs.importers import import_document, import_to_yaml


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_every_visible_item_is_found(case, tmp_path):
    assert check(case, tmp_path) == []


def test_decisions_name_the_cells_and_are_written_on_top(tmp_path):
    case = next(c for c in CASES if c.name == "category_xlsx")
    _, draft, text = import_case(case, tmp_path)
    assert any("推进举措" in d and "内容（content）" in d and "分解表!C3" in d for d in draft.decisions)
    assert any("工作类别" in d and "部分" in d and "合并或重复" in d for d in draft.decisions)
    head = text.split("version: 1")[0]
    assert "导入时的判断" in head and "分解表!B3" in head


def test_unsure_choice_is_said(tmp_path):
    """A category column with a 任务 header and no 序号: tasks with sub-tasks, but the importer says it is not sure."""
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(["工作任务", "具体内容", "责任单位"])
    ws.append(["深化决策公开", "完善重大行政决策公众参与机制，扩大公众参与范围。", "区司法局"])
    ws.append(["", "健全决策事项目录管理制度，及时公开目录。", "区政府办公室"])
    ws.merge_cells("A2:A3")
    ws.append(["强化政策解读", "推行政策解读与文件同步发布，提高解读质量。", "区发展改革局"])
    ws.append(["", "开展政策直播解读活动，每季度不少于一次。", "区融媒体中心"])
    ws.merge_cells("A4:A5")
    src = tmp_path / "t.xlsx"
    wb.save(src)
    draft = import_document(src)
    assert any("工作任务" in d and "不确定" in d for d in draft.decisions)
    assert [t.title for t in draft.tasks()] == ["深化决策公开", "强化政策解读"]
    assert [len(t.subtasks) for t in draft.tasks()] == [2, 2]


# ---------------------------------------------------------------- round trip


@pytest.mark.parametrize("name", ["category_xlsx", "notice_docx", "sub_numbers_xlsx", "auto_numbered_docx", "category_by_category_xlsx",
                                  "prose_and_table_docx", "pipe_txt"])
def test_round_trip_through_xlsx_and_docx(name, tmp_path):
    """import → build → import: the same items at the same levels, with the same numbers, units and deadlines.
    (The task table prints a task's title but not its paragraph when it has sub-tasks, so there only the title counts.)"""
    case = next(c for c in CASES if c.name == name)
    plan, _, text = import_case(case, tmp_path)
    first = plan_items(plan)
    src = tmp_path / "plan.yaml"
    src.write_text(text, encoding="utf-8")
    out = tmp_path / "out"
    outputs = build(load_plan(src), out, formats=["xlsx", "docx"])
    kinds = {o.kind for o in outputs}
    assert "tasks.xlsx" in kinds and ("notice.docx" in kinds or plan.notice is None)
    for built in (o for o in outputs if o.kind in ("tasks.xlsx", "notice.docx")):
        again, _ = import_to_yaml(built.path)
        expected = first
        if built.kind == "tasks.xlsx":
            # what the table shows of a task: its title when it has sub-tasks or no content column, else title + text
            shown = any(c.field in ("content", "task_full") for c in plan.table.columns)
            nodes = [n for n in (v.node for v in walk(plan)) if not (n.kind == "part" and n.title == "全部任务")]
            expected = [Item(i.kind, i.number, n.title if n.kind == "task" and n.title and (n.subtasks or not shown) else i.text,
                             i.units, i.deadline) for i, n in zip(first, nodes)]
            if case.name.startswith(("notice", "auto", "prose")):
                # from prose: a single-row task in a table of sub-task rows reads back as one sub-task row
                # (so a task's units are compared with its sub-tasks' together)
                def whole(items):
                    out = []
                    for i in items:
                        if i.kind == "subtask" and out:
                            out[-1] = Item(out[-1].kind, out[-1].number, out[-1].text, tuple(dict.fromkeys(out[-1].units + i.units)),
                                           out[-1].deadline or i.deadline)
                        elif i.kind != "subtask":
                            out.append(Item(i.kind, i.number, i.text, tuple(dict.fromkeys(i.units)), i.deadline))
                    return out
                expected = whole([Item(i.kind, i.number, n.title if n.kind == "task" and n.title else i.text, i.units, i.deadline)
                                  for i, n in zip(first, nodes)])
                again_items = whole(plan_items(loads(again)))
                assert compare(expected, again_items) == [], built.kind
                continue
        assert compare(expected, plan_items(loads(again))) == [], built.kind


# ---------------------------------------------------------------- encodings and hostile text


ROWS = "序号,工作任务,责任单位,完成时限\r\n1,全面公开财政预决算信息。,区财政局,8月底前\r\n2,做好重大项目公开。,区发展改革局,全年\r\n"


@pytest.mark.parametrize("encoding,bom", [("utf-16-le", b"\xff\xfe"), ("utf-16-be", b"\xfe\xff"), ("utf-16-le", b""),
                                          ("utf-16-be", b""), ("utf-8", b"\xef\xbb\xbf"), ("gb18030", b"")])
def test_csv_encodings(encoding, bom, tmp_path):
    src = tmp_path / "t.csv"
    src.write_bytes(bom + ROWS.replace(",", "\t" if not bom and encoding.startswith("utf-16") else ",").encode(encoding))
    draft = import_document(src)
    assert [t.text for t in draft.tasks()] == [["全面公开财政预决算信息。"], ["做好重大项目公开。"]]
    assert draft.tasks()[1].responsible == ["区发展改革局"]


def test_tsv_utf16_as_excel_saves_unicode_text(tmp_path):
    src = tmp_path / "t.tsv"
    src.write_bytes(b"\xff\xfe" + ROWS.replace(",", "\t").encode("utf-16-le"))
    assert len(import_document(src).tasks()) == 2


def _error(src: Path) -> str:
    with pytest.raises(UserError) as exc:
        import_document(src)
    return str(exc.value)


def test_binary_renamed_csv_is_refused_naming_the_row(tmp_path):
    src = tmp_path / "t.csv"
    src.write_bytes("序号,任务\n1,公开\n".encode() + bytes(range(256)) * 20)
    message = _error(src)
    assert "二进制" in message and "第3行" in message


def test_giant_cell_is_refused_naming_the_row(tmp_path):
    src = tmp_path / "t.csv"
    src.write_text("序号,工作任务,责任单位\n1,公开,区财政局\n2,\"" + "很长" * 70000 + "\",区财政局\n", encoding="utf-8")
    message = _error(src)
    assert "131072" in message and "第3行" in message


def test_giant_cell_in_text_table(tmp_path):
    src = tmp_path / "t.txt"
    src.write_text("序号\t工作任务\t责任单位\n1\t公开\t区财政局\n2\t" + "长" * 140000 + "\t区财政局\n", encoding="utf-8")
    assert "第3行" in _error(src)


# ---------------------------------------------------------------- zip bombs and entities


def _bomb(path: Path, member: str, size: int) -> None:
    # compresslevel=1: a third of the default's CPU for 300 MB of spaces, still ~200:1
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        with z.open(member, "w", force_zip64=True) as f:
            chunk = b" " * (1 << 20)
            for _ in range(size >> 20):
                f.write(chunk)


@pytest.mark.parametrize("suffix,member", [(".xlsx", "xl/worksheets/sheet1.xml"), (".docx", "word/document.xml")])
def test_zip_bomb_refused_at_once(suffix, member, tmp_path):
    src = tmp_path / f"bomb{suffix}"
    _bomb(src, member, 300 << 20)
    start = time.monotonic()
    message = _error(src)
    assert time.monotonic() - start < 1
    assert "导入限制" in message and "MB" in message


def test_high_ratio_part_refused(tmp_path):
    src = tmp_path / "ratio.xlsx"
    _bomb(src, "xl/sharedStrings.xml", 40 << 20)
    assert "压缩比" in _error(src)


def test_entity_declarations_refused(tmp_path):
    from openpyxl import Workbook

    src = tmp_path / "dtd.xlsx"
    wb = Workbook()
    wb.active.append(["序号", "工作任务"])
    wb.save(src)
    with zipfile.ZipFile(src) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    sheet = "xl/worksheets/sheet1.xml"
    dtd = b'<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]>'
    xml = parts[sheet]
    parts[sheet] = xml.replace(b"?>", b"?>" + dtd, 1) if xml.startswith(b"<?xml") else dtd + xml
    with zipfile.ZipFile(src, "w") as z:
        for n, data in parts.items():
            z.writestr(n, data)
    assert "DTD" in _error(src)


def test_too_many_rows_refused(tmp_path, monkeypatch):
    from zwgk_docs.importers import limits

    monkeypatch.setattr(limits, "MAX_ROWS", 50)
    from openpyxl import Workbook

    wb = Workbook()
    for i in range(60):
        wb.active.append([i, "任务"])
    src = tmp_path / "rows.xlsx"
    wb.save(src)
    assert "超过 50 行" in _error(src)


# ---------------------------------------------------------------- the YAML the importer writes


TRICKY = ["", " lead", "trail ", "a: b", "a #b", "#x", "- x", "yes", "No", "null", "~", "1", "1.5", "0x1F", "1_000", "2021-06-22",
          "12:30", "'q'", '"q"', "单位：", "各区、县(市)人民政府,市政府各部门:", "{a}", "[1]", "a,b", "x\ny", "x\n y", " x\ny", "x\n",
          "tab\tin", "控制\x07符", "%p", "@a", "`b", "&a", "*a", "!t", "|", ">", "?", ":", "<<", "6月底前", "2024年12月底前", "1.", "（一）",
          ".inf", "-.5", "+1", "=", "a\u2028b", "\ufeffbom"]


def test_emitted_yaml_loads_back_as_written():
    from ruamel.yaml import YAML

    from zwgk_docs.importers.yaml_out import Emitter

    data = {"plain": {s or "empty": s for s in TRICKY if s}, "list": TRICKY, "nested": [{"k": s, "l": [s]} for s in TRICKY],
            "flow": [{"header": s, "width": 6} for s in TRICKY], "when": __import__("datetime").date(2021, 6, 22), "flag": False}
    text = Emitter(flow_keys=("flow",)).document(data, "注释\n第二行")
    for typ in ("safe", "rt"):
        loaded = YAML(typ=typ, pure=True).load(text)
        assert loaded["list"] == TRICKY and [d["k"] for d in loaded["nested"]] == TRICKY
        assert [d["header"] for d in loaded["flow"]] == TRICKY and loaded["plain"] == data["plain"]
        assert loaded["when"] == data["when"] and loaded["flag"] is False


def test_word_numbering_and_tracked_changes_are_said(tmp_path):
    case = next(c for c in CASES if c.name == "auto_numbered_docx")
    _, draft, _ = import_case(case, tmp_path)
    assert any("修订" in w and "插入 1 处、删除 1 处" in w for w in draft.warnings)
    assert any("自动编号" in d for d in draft.decisions)
    assert not any("旧文字" in "".join(t.text) for t in draft.tasks())


def test_year_mismatch_is_warned(tmp_path):
    import docx

    doc = docx.Document()
    for p in ["兴政办发〔2023〕30号", "关于印发兴安市2024年政务公开工作要点的通知", "各县（市、区）人民政府：", "现印发给你们。",
              "兴安市人民政府办公室", "2023年12月28日", "兴安市2024年政务公开工作要点", "一、推进决策公开", "（一）完善决策机制。（市司法局负责）"]:
        doc.add_paragraph(p)
    src = tmp_path / "y.docx"
    doc.save(str(src))
    draft = import_document(src)
    assert draft.plan.plan.year == 2024
    assert any("年度不一致" in w and "发文字号为 2023 年" in w for w in draft.warnings)


def test_number_left_blank_below_a_group_counts_the_groups(tmp_path):
    """序号 written once per group (not merged) with the task name merged: the rows are that task's sub-tasks."""
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(["序号", "重点任务", "具体措施", "责任单位", "完成时限"])
    ws.append([1, "推进决策公开", "制定年度重大行政决策事项目录，向社会公布。", "区司法局", "6月底前"])
    ws.append([None, None, "健全公众参与机制，及时反馈意见采纳情况。", "区政府办公室", "全年"])
    ws.append([2, "深化政策解读", "坚持政策文件与解读材料同步起草、同步发布。", "各街道办事处", "全年"])
    ws.append([None, None, "开展政策进企业、进社区活动，推动政策直达。", "区发展改革局", "12月底前"])
    ws.merge_cells("B2:B3")
    ws.merge_cells("B4:B5")
    src = tmp_path / "g.xlsx"
    wb.save(src)
    tasks = import_document(src).tasks()
    assert [t.title for t in tasks] == ["推进决策公开", "深化政策解读"]
    assert [s.responsible for s in tasks[1].subtasks] == [["各街道办事处"], ["区发展改革局"]]


def test_text_clause_before_responsibility_is_no_unit(tmp_path):
    src = tmp_path / "p.txt"
    src.write_text("某市2024年政务公开工作要点\n一、加强平台建设\n（一）优化政府网站。提升网站内容质量，由市政府办公室牵头，市数据局配合。\n"
                   "（二）推进财政信息公开。细化预决算公开。\n责任单位：市财政局；完成时限：6月底前\n", encoding="utf-8")
    first, second = import_document(src).tasks()
    assert (first.lead, first.cooperate) == (["市政府办公室"], ["市数据局"])
    assert (second.responsible, second.deadline and second.deadline.text) == (["市财政局"], "6月底前")
