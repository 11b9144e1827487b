"""The year's loop: build --by-unit → units fill their 反馈表 → zwgk collect → rebuild → report.

Forms are filled as a unit would, with openpyxl by header name: a joint task reported by two
units, a progress without status, an inserted row, an edited locked cell, a status outside the
list, a form of another plan. Every problem must come back with its file and cell; nothing
typed may be lost by collect or by a rebuild.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from conftest import soffice_convert
from zwgk_docs.cli import main
from zwgk_docs.writers.filenames import FileNamer, safe_stem
from zwgk_docs.writers.xlsx.ledger_reader import read_ledger, read_ledger_data

ROOT = Path(__file__).resolve().parents[1]
TEDA = ROOT / "examples" / "teda-2018.yaml"
JILIN = ROOT / "examples" / "jilin-2018.yaml"
OFFICE, DEPTS = "工委（管委会）办公室", "管委会各部门"


def run(*args: str):
    result = CliRunner().invoke(main, [str(a) for a in args])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result


def index_of(units: Path) -> dict[str, Path]:
    ws = load_workbook(units / "目录.xlsx").worksheets[0]
    return {ws.cell(r, 3).value: units / ws.cell(r, 2).value for r in range(3, ws.max_row + 1)}


class Form:
    """A 反馈表 opened for filling, cells addressed by header name and task id."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.wb = load_workbook(path)
        self.ws = self.wb["反馈表"]
        self.hr = next(r for r in range(1, 10) if self.ws.cell(r, 1).value == "编号")
        self.col = {self.ws.cell(self.hr, c).value: c for c in range(1, self.ws.max_column + 1)}

    def row(self, task_id: str, subtask_id: str = "") -> int:
        for r in range(self.hr + 1, self.ws.max_row + 1):
            if self.ws.cell(r, self.col["任务标识"]).value == task_id and (self.ws.cell(r, self.col["子任务标识"]).value or "") == subtask_id:
                return r
        raise KeyError(task_id)

    def fill(self, r: int, **values) -> None:
        for header, value in values.items():
            self.ws.cell(r, self.col[header]).value = value

    def save(self, path: Path) -> Path:
        self.wb.save(path)
        return path


@pytest.fixture(scope="module")
def year(tmp_path_factory, built_plan):
    """Everything up to the rebuild, once: the paths and the CLI results along the way. The build
    (--by-unit) is conftest.built_plan's, copied; test_rebuild_after_editing_a_task_keeps_progress
    runs `zwgk build --by-unit` itself."""
    tmp = tmp_path_factory.mktemp("year")
    out, back = tmp / "out", tmp / "交回"
    back.mkdir()
    shutil.copytree(built_plan(TEDA).folder, out)
    forms = index_of(out / "units")

    office = Form(forms[OFFICE])
    r1 = office.row("td-01")
    office.fill(r1, 进展情况="已在政府网站公开管委会重要会议决定事项12项", 完成状态="已完成", 更新日期=dt.date(2018, 6, 30))
    office.fill(office.row("td-03"), 进展情况="建议提案办理结果正在汇总")  # no status
    r9 = office.row("td-09")
    office.fill(r9, 进展情况="社会救助信息按月公开", 完成状态="差不多")  # outside the list
    office.ws.cell(r9, office.col["任务"]).value = "（改过的任务）"  # a locked cell
    r10 = office.row("td-10")
    office.fill(r10, 进展情况="重点领域第一批", 完成状态="推进中", 更新日期="2018年7月1日")
    office.ws.insert_rows(r10 + 1)  # a row inserted the Excel way, below td-10
    office.fill(r10 + 1, 进展情况="重点领域第二批（插入行）")
    office.ws["E2"] = "李四 022-12345678"
    office.save(back / "办公室.xlsx")

    depts = Form(forms[DEPTS])
    depts.fill(depts.row("td-01"), 进展情况="各部门已梳理决策事项目录", 完成状态="推进中", 更新日期="2018-07-15")
    depts.save(back / "各部门.xlsx")

    other = Form(next(iter(index_of(built_plan(JILIN).folder / "units").values())))  # saved elsewhere below
    other.fill(other.hr + 1, 进展情况="别的计划的进展", 完成状态="已完成")
    other.save(back / "别的计划.xlsx")

    collected = run("collect", TEDA, back / "办公室.xlsx", back / "各部门.xlsx", back / "别的计划.xlsx",
                    "--ledger", out / "ledger.xlsx", "--json")
    return {"tmp": tmp, "out": out, "back": back, "collected": collected}


def test_one_form_per_real_unit(year):
    names = sorted(p.name for p in (year["out"] / "units").iterdir())
    assert f"{OFFICE}.xlsx" in names and sum(OFFICE in n for n in names) == 1
    assert "目录.xlsx" in names and not any("牵头" in n or "等相关部门" in n for n in names)


def test_collect_reports_every_problem_with_its_cell(year):
    result = year["collected"]
    assert result.exit_code == 1  # something was not taken: said so, the ledger updated anyway
    data = json.loads(result.stdout)
    problems = data["problems"]
    text = json.dumps(problems, ensure_ascii=False)
    assert any("差不多" in p["message"] and p["sheet"] == "反馈表" and p["cell"].startswith("F") for p in problems)
    assert any("受保护" in p["message"] and p["cell"].startswith("B") for p in problems)
    assert any("不是本计划" in p["message"] and p["file"].endswith("别的计划.xlsx") for p in problems), text
    warnings = data["warnings"]
    assert any("手工插入" in w["message"] and w["cell"].startswith("E") for w in warnings)
    assert any("没有选择完成状态" in w["message"] and w["cell"].startswith("F") for w in warnings)
    merged = {(m["unit"], m["task_id"]) for m in data["merged"]}
    assert {(OFFICE, "td-01"), (DEPTS, "td-01"), (OFFICE, "td-03"), (OFFICE, "td-10")} <= merged
    assert data["backup"] and Path(data["backup"]).exists()


def test_ledger_holds_both_units_and_the_inserted_row(year):
    rows = read_ledger(year["out"] / "ledger.xlsx")
    by = {(r["unit"], r["task_id"]): r for r in rows if r["unit"]}
    assert by[(OFFICE, "td-01")]["status"] == "已完成" and by[(DEPTS, "td-01")]["status"] == "推进中"
    assert by[(OFFICE, "td-03")]["progress"] and by[(OFFICE, "td-03")]["status"] == ""
    assert "第二批" in by[(OFFICE, "td-10")]["progress"] and by[(OFFICE, "td-10")]["updated"] == dt.date(2018, 7, 1)
    assert by[(OFFICE, "td-01")]["reporter"] == "李四 022-12345678"
    wb = load_workbook(year["out"] / "ledger.xlsx")
    assert {"工作台账", "各单位报送", "汇总"} <= set(wb.sheetnames)
    summary = wb["汇总"]
    assert summary["B3"].data_type == "f" and "COUNTIF" in summary["B3"].value
    entries = wb["各单位报送"]
    assert entries.auto_filter.ref and entries.conditional_formatting
    rule = next(iter(entries.conditional_formatting)).rules[0]
    assert "TODAY()" in rule.formula[0]


def test_newer_entry_replaces_older_and_older_is_kept_out(year, tmp_path):
    out = tmp_path / "out"
    shutil.copytree(year["out"], out)
    forms = index_of(out / "units")
    form = Form(forms[DEPTS])  # opened once: the older copy overwrites the same three cells
    row = form.row("td-01")
    form.fill(row, 进展情况="决策事项目录已公开", 完成状态="已完成", 更新日期="2018-09-30")
    r = run("collect", TEDA, form.save(tmp_path / "新.xlsx"), "--ledger", out / "ledger.xlsx")
    assert r.exit_code == 0, r.output
    form.fill(row, 进展情况="旧的进展", 完成状态="未启动", 更新日期="2018-05-01")
    r = run("collect", TEDA, form.save(tmp_path / "旧.xlsx"), "--ledger", out / "ledger.xlsx")
    assert "旧，未采用" in r.output
    by = {(x["unit"], x["task_id"]): x for x in read_ledger(out / "ledger.xlsx") if x["unit"]}
    assert by[(DEPTS, "td-01")]["progress"] == "决策事项目录已公开"
    assert by[(OFFICE, "td-01")]["status"] == "已完成"  # the other unit's entry untouched
    assert len(list(out.glob("ledger.备份-*.xlsx"))) >= 2


def test_rebuild_after_editing_a_task_keeps_progress(year, tmp_path):
    out = tmp_path / "out"
    shutil.copytree(year["out"], out)
    plan = tmp_path / "teda.yaml"
    text = TEDA.read_text(encoding="utf-8")
    assert "推进政府决策公开" in text
    plan.write_text(text.replace("推进政府决策公开", "深入推进政府决策公开", 1), encoding="utf-8")
    (out / "units" / "陈旧的文件.xlsx").write_bytes(b"old")
    before = read_ledger_data(out / "ledger.xlsx")[0]
    r = run("build", plan, "-o", out, "-f", "xlsx", "--by-unit")
    assert r.exit_code == 0, r.output
    after = read_ledger_data(out / "ledger.xlsx")[0]
    assert {k: e for k, e in after.entries.items() if e.filled} == {k: e for k, e in before.entries.items() if e.filled}
    assert not (out / "units" / "陈旧的文件.xlsx").exists()  # units/ replaced as a whole
    assert list(out.glob("ledger.备份-*.xlsx"))

    report = run("report", plan, "--progress", out / "ledger.xlsx", "-o", tmp_path / "rep", "-f", "html", "--json")
    assert report.exit_code == 0, report.output
    progress = {p["id"]: p for p in json.loads(report.stdout)["progress"]}
    first = progress["td-01"]
    assert first["label"].startswith("1") and "深入推进政府决策公开" in first["heading"]
    assert {u["unit"] for u in first["units"]} == {OFFICE, DEPTS}
    assert any(d.startswith(f"{OFFICE}：") for d in first["done"])
    assert progress["td-03"]["status"] == "推进中"  # progress without status still counts


def test_rebuild_moves_progress_of_a_deleted_task(year, tmp_path):
    out = tmp_path / "out"
    shutil.copytree(year["out"], out)
    plan = tmp_path / "teda.yaml"
    plan.write_text(TEDA.read_text(encoding="utf-8").replace("id: td-03", "id: td-03-new"), encoding="utf-8")
    r = run("build", plan, "-o", out, "-f", "xlsx")
    assert r.exit_code == 0 and "已删除任务的进展" in r.output, r.output
    data = read_ledger_data(out / "ledger.xlsx")[0]
    assert any(o["task_id"] == "td-03" and o["entry"].progress for o in data.orphans)


def test_build_refuses_to_replace_an_unreadable_ledger(tmp_path):
    (tmp_path / "ledger.xlsx").write_bytes(b"not a workbook")
    r = run("build", TEDA, "-o", tmp_path, "-f", "xlsx")
    assert r.exit_code == 2 and "为免丢失" in r.output
    assert (tmp_path / "ledger.xlsx").read_bytes() == b"not a workbook" and not (tmp_path / "tasks.xlsx").exists()


def test_office_ledger_merged_status_sorted_rows(tmp_path):
    """A 完成状态 merged over a task's rows applies to each; sorted rows still map by id."""
    r = run("build", JILIN, "-o", tmp_path, "-f", "xlsx")
    assert r.exit_code == 0
    path = tmp_path / "ledger.xlsx"
    wb = load_workbook(path)
    ws = wb["工作台账"]
    hr = next(r for r in range(1, 10) if any(ws.cell(r, c).value == "任务标识" for c in range(1, ws.max_column + 1)))
    col = {ws.cell(hr, c).value: c for c in range(1, ws.max_column + 1)}
    rows = [r for r in range(hr + 1, ws.max_row + 1) if ws.cell(r, col["任务标识"]).value == "jl-05"]
    assert len(rows) > 1
    ws.cell(rows[0], col["完成状态"]).value = "已完成"
    ws.merge_cells(start_row=rows[0], end_row=rows[-1], start_column=col["完成状态"], end_column=col["完成状态"])
    ws.cell(rows[0], col["进展情况"]).value = "全部完成"
    wb.save(path)
    got = [x for x in read_ledger(path) if x["task_id"] == "jl-05"]
    assert [x["status"] for x in got] == ["已完成"] * len(rows)


def test_safe_file_names():
    assert safe_stem("市财政局\u202excod.exe") == "市财政局xcod.exe"
    assert safe_stem("\u200b\u200d\ufeff") == "未命名单位"
    assert safe_stem("CON") != "CON" and safe_stem("com1.txt") != "com1.txt"
    assert safe_stem('a/b\\c:d*e?f"g<h>i|j') == "a／b＼c：d＊e？f＂g＜h＞i｜j"
    assert safe_stem(" 末尾. ") == "末尾"
    namer = FileNamer()
    long_a, long_b = "市" * 80 + "甲局", "市" * 80 + "乙局"
    a, b = namer.name(long_a), namer.name(long_b)
    assert a != b and len(a.encode()) <= 130 and "乙局" in b  # the tail that tells them apart stays
    c, d = namer.name("Unit"), namer.name("UNIT")
    assert c.lower() != d.lower() and "_2" not in d


@pytest.mark.libreoffice
def test_libreoffice_prints_forms_and_ledger_whole(year, tmp_path):
    """Every form and the ledger convert to PDF with each task's last words on the page (nothing cut)."""
    import pdfplumber

    books = [year["out"] / "ledger.xlsx", *sorted((year["out"] / "units").glob("*.xlsx"))[:6]]
    for book, pdf in zip(books, soffice_convert(books, tmp_path)):
        with pdfplumber.open(pdf) as doc:
            text = "".join((p.extract_text() or "") for p in doc.pages).replace("\n", "").replace(" ", "")
            pages = doc.pages if book.name != "ledger.xlsx" else doc.pages[:1]  # its 汇总 prints portrait
            for page in pages:
                assert page.width > page.height  # A4 landscape
        if book.name == "目录.xlsx" or book.name == "ledger.xlsx":
            continue
        form = Form(book)
        for r in range(form.hr + 1, form.ws.max_row + 1):
            words = str(form.ws.cell(r, form.col["任务"]).value).replace("\n", "").replace(" ", "")
            assert words[-6:] in text, (book.name, r, words[-12:])


@pytest.mark.libreoffice
def test_collect_reads_forms_resaved_by_libreoffice(year, tmp_path):
    src = year["back"] / "各部门.xlsx"
    soffice_convert([src], tmp_path / "lo", to="xlsx")
    out = tmp_path / "out"
    shutil.copytree(year["out"], out)
    (out / "ledger.xlsx").unlink()
    r = run("collect", TEDA, tmp_path / "lo" / src.name, "--ledger", out / "ledger.xlsx", "--json")
    assert r.exit_code == 0, r.output
    merged = json.loads(r.stdout)["merged"]
    assert [(m["unit"], m["task_id"], m["updated"]) for m in merged] == [(DEPTS, "td-01", "2018-07-15")]
