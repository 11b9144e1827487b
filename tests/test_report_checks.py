"""The report's checks as a reviewer would run them: text against tables, hostile inputs, no plan,
roll-up, the stats workbook, --strict and --json. In-process (click's CliRunner), no rendering
except where a test says so."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import EXAMPLES

from zwgk_docs.cli import main
from zwgk_docs.errors import UserError
from zwgk_docs.report import prepare
from zwgk_docs.report.narrative import Paragraph, check_narrative, cn_number
from zwgk_docs.report.stats import load_stats

PLAN = EXAMPLES / "shenyang-2021.yaml"
PROGRESS = EXAMPLES / "shenyang-2021.progress.yaml"
STATS = EXAMPLES / "shenyang-2021.stats.yaml"
STATS_TEXT = STATS.read_text(encoding="utf-8")


def run(*args) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, [str(a) for a in args])
    assert not isinstance(result.exception, Exception) or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.stdout, result.stderr


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def stats_with(tmp_path: Path, old: str, new: str, name: str = "s.stats.yaml") -> Path:
    assert old in STATS_TEXT, old
    return write(tmp_path, name, STATS_TEXT.replace(old, new, 1))


def said(texts: list[tuple[str, str]], stats_path: Path = STATS) -> list[str]:
    stats = load_stats(stats_path).stats
    return [d.message for d in check_narrative([Paragraph(t, None, f"p{i}", sec) for i, (t, sec) in enumerate(texts)], stats)]


# ------------------------------------------------------------------ text against tables


def test_chinese_numerals():
    assert [cn_number(x) for x in ("两", "三", "十二", "二十", "一百零五", "三千", "1200", "零")] == [2, 3, 12, 20, 105, 3000, 1200, 0]


def test_contradictions_real_reports_contain_are_caught():
    found = said([
        ("2021年共收到政府信息公开申请470件。", "requests"),
        ("全年共收到政府信息公开申请两件。", "requests"),
        ("本年度未收到政府信息公开申请。", "requests"),
        ("未发生因政府信息公开工作被申请行政复议、提起行政诉讼的情况。", "appeals"),
        ("全年共办结476件，其中予以公开221件、不予公开48件。", "requests"),
        ("已答复申请三件。", "requests"),
        ("结转下年度继续办理17件。", "requests"),
        ("共办理政府信息公开申请470件。", "requests"),
        ("无。", "appeals"),
        ("全年收到政府信息公开申请468件，其中自然人申请410件。", "requests"),
    ])
    assert len(found) == 13, found
    assert any("自然人申请410件" in m and "412" in m for m in found)
    assert any("470" in m and "493 或 475" in m for m in found) and any("“无。”" in m for m in found)
    assert any("470" in m and "468" in m for m in found) and any("说 2" in m for m in found)
    assert any("没有收到申请" in m for m in found)
    assert any("没有行政复议" in m for m in found) and any("没有行政诉讼" in m for m in found)
    assert any("（七）总计" in m and "476" in m for m in found) and any("说 3" in m and "（七）总计" in m for m in found)
    assert any("不予公开" in m and "47" in m for m in found)


CONSISTENT_TEXTS = [
    ("全年共收到政府信息公开申请468件，同比增长12件，上年结转25件。", "overview"),
    ("全年共受理行政许可申请5000件。", "overview"),
    ("本机关全年办理行政复议案件156件。", "overview"),  # a 司法局's own cases, not about 信息公开
    ("全年共办结475件，其中予以公开222件、部分公开五十件、不予公开47件、无法提供121件、不予处理28件、其他处理7件。", "requests"),
    ("被申请行政复议13件，其中维持9件、纠正2件；被提起行政诉讼9件。", "appeals"),
    ("未经复议直接起诉7件，复议后起诉2件。", "appeals"),
    ("予以公开率达到95%，按时答复率100%。", "requests"),
    ("推行“一件事一次办”改革。2022年1月20日前完成，共答复12345热线工单300件。", "overview"),
    ("收到的每一件申请都依法答复。", "requests"),
    ("全年共收到政府信息公开申请493件（含上年结转25件）。", "requests"),
    ("全年制发规范性文件46件，废止规范性文件12件，现行有效规章72件。", "active"),
    ("未收到申请人补正材料的，按规定处理。全年未发生行政复议被纠错的情况。", "requests"),
    ("全年未收取信息处理费。信息处理费标准为每件100元。", "other"),
    ("较上年减少3件，约占总数的一半。", "requests"),
    ("本年度共新收政府信息公开申请468件，上年结转政府信息公开申请25件，共办理493件。", "requests"),
    ("通过信函方式收到申请2件，通过网络收到申请10件。3月份收到申请1件。", "requests"),
    ("截至12月31日，共收到政府信息公开申请468件。", "requests"),
    ("全年共收到政府信息公开申请468件，其中自然人申请412件，法人或其他组织申请56件。予以公开的申请中，自然人196件。", "requests"),
    ("信息处理费：无。", "other"),
]


def test_no_false_positives_on_consistent_text():
    assert said(CONSISTENT_TEXTS) == []


def test_fee_contradiction_is_an_error_and_stops(tmp_path):
    stats = stats_with(tmp_path, "fee: 0 ", "fee: 400 ")
    progress = write(tmp_path, "p.yaml", PROGRESS.read_text(encoding="utf-8").replace(
        "全年办理市人大代表建议", "全年未收取信息处理费。全年办理市人大代表建议"))
    code, out, err = run("report", PLAN, "-p", progress, "-s", stats, "-o", tmp_path / "out")
    assert code == 2 and "未收取信息处理费" in err and "400" in err and "本年度共收取信息处理费400元" in err
    assert re.search(r"p\.yaml:\d+:\d+", err) and not (tmp_path / "out").exists()


def test_strict_turns_text_warnings_into_exit_2(tmp_path):
    stats = stats_with(tmp_path, "全市共收到政府信息公开申请468件", "全市共收到政府信息公开申请两件")
    code, _, err = run("report", PLAN, "-p", PROGRESS, "-s", stats, "-o", tmp_path / "out", "--strict")
    assert code == 2 and "N-S1" in err and "s.stats.yaml:" in err and not (tmp_path / "out").exists()
    code, _, err = run("validate", "--strict", stats)
    assert code == 2 and "N-S1" in err
    code, _, err = run("validate", STATS)
    assert code == 0, err


# ------------------------------------------------------------------ hostile inputs: Chinese, located, exit 2, nothing written

@pytest.mark.parametrize("old,new,words", [
    ("一:      [412,", "一:      [true,", "是/否值"),
    ("一:      [412,", '一:      ["412",', "数字不要加引号"),
    ("一:      [412,", "一:      [0x19C,", "十进制"),
    ("一:      [412,", "一:      [-412,", "负数"),
    ("一:      [412,", "一:      [4120000000000,", "过大"),
    ("  四:      [15, 2, 0, 0, 0, 1, 18]       # 四、结转下年度继续办理\n", "", "缺少 1 行"),
    ("year: 2021", "year: 2020", "2020 年"),
])
def test_hostile_stats(tmp_path, old, new, words):
    stats = stats_with(tmp_path, old, new)
    code, out, err = run("report", PLAN, "-p", PROGRESS, "-s", stats, "-o", tmp_path / "out")
    assert code == 2 and words in err, err
    assert "Traceback" not in err and re.search(r"s\.stats\.yaml:\d+", err) and not (tmp_path / "out").exists()


def test_full_width_digits_are_accepted(tmp_path):
    stats = stats_with(tmp_path, "一:      [412, 38,", "一:      [４１２, 38,")
    assert load_stats(stats).stats.requests.row("一")[0] == 412


@pytest.mark.parametrize("date", ["2021-13-45", "2022-02-30", "2020-06-01"])
def test_bad_completion_dates(tmp_path, date):
    progress = write(tmp_path, "p.yaml", PROGRESS.read_text(encoding="utf-8").replace("completed: 2021-09-18", f"completed: {date}"))
    code, _, err = run("report", PLAN, "-p", progress, "-s", STATS, "-o", tmp_path / "out")
    assert code == 2 and "Traceback" not in err and re.search(r"p\.yaml:\d+:\d+", err) and date in err, err


def test_progress_for_another_plan_or_year(tmp_path):
    text = PROGRESS.read_text(encoding="utf-8")
    other = write(tmp_path, "p.yaml", text.replace("plan: 沈阳市2021年", "plan: 沈阳市2022年").replace("year: 2021", "year: 2022"))
    code, _, err = run("report", PLAN, "-p", other, "-s", STATS, "-o", tmp_path / "out")
    assert code == 2 and "2022 年" in err and "不是《沈阳市2021年政务公开工作要点》" in err


def test_non_xlsx_ledger(tmp_path):
    fake = write(tmp_path, "台账.xlsx", "这不是工作簿")
    code, _, err = run("report", PLAN, "-p", fake, "-s", STATS, "-o", tmp_path / "out")
    assert code == 2 and "不是 Excel 工作簿" in err and "Traceback" not in err and "BadZipFile" not in err


def test_last_years_ledger_is_refused(tmp_path, built_plan):
    import openpyxl

    wb = openpyxl.load_workbook(built_plan(PLAN).path("ledger.xlsx"))  # saved as another file below
    ws = wb.active
    ws["A1"].value = str(ws["A1"].value).replace("2021", "2020")
    wb.save(tmp_path / "old.xlsx")
    with pytest.raises(UserError) as exc:
        prepare(PLAN, tmp_path / "old.xlsx", STATS)
    assert "2020" in str(exc.value) and "另一份计划或另一年度" in str(exc.value)


def test_previous_must_hold_its_own_invariants(tmp_path):
    last = stats_with(tmp_path, "year: 2021", "year: 2020", "last.stats.yaml")
    broken = write(tmp_path, "bad.stats.yaml", last.read_text(encoding="utf-8").replace("[412, 38, 2, 1, 9, 6, 468]", "[412, 38, 2, 1, 9, 6, 469]"))
    with pytest.raises(UserError) as exc:
        prepare(PLAN, PROGRESS, STATS, previous=broken)
    assert "上年统计文件本身有误" in str(exc.value) and "T3-H1" in str(exc.value)
    with pytest.raises(UserError) as exc:
        prepare(PLAN, PROGRESS, STATS, previous=STATS)
    assert "--previous 应为 2020 年" in str(exc.value)
    assert any("X-S1" in d.message for d in prepare(PLAN, PROGRESS, STATS, previous=last).warnings)


# ------------------------------------------------------------------ completeness, structure, no plan

def test_bare_report_block_is_flagged(tmp_path):
    progress = write(tmp_path, "p.yaml", "tasks:\n  - task: sy-01\n    status: 已完成\n")
    messages = [d.message for d in prepare(PLAN, progress, STATS).warnings]
    for words in ("报告机关", "一、总体情况没有内容", "五、存在的主要问题及改进情况没有内容"):
        assert any(words in m for m in messages), words
    thin = write(tmp_path, "q.yaml", "report:\n  organ: 某局\n  date: 2022-01-10\n  overview:\n    - title: 主动公开\n      text: 做了。\n"
                 "  problems: [一是问题较多。]\n")
    messages = [d.message for d in prepare(PLAN, thin, STATS).warnings]
    assert any("“主动公开”只有寥寥数字" in m for m in messages)
    assert any("缺少“监督保障”" in m for m in messages) and any("过于简单" in m for m in messages)


def test_every_plan_level_is_kept_under_six_two(tmp_path):
    from zwgk_docs.context import build_context
    from zwgk_docs.load import load_plan

    plan = EXAMPLES / "teda-2018.yaml"
    tasks = build_context(load_plan(plan)).tasks
    progress = write(tmp_path, "p.yaml", f"tasks:\n  - task: {tasks[0].id}\n    status: 已完成\n")
    six = prepare(plan, progress, None).report.sections[5].blocks
    levels = [(b.level, b.text) for b in six if b.kind == "level"]
    assert levels[0][0] == 1 and levels[0][1].startswith("1. ")
    assert levels[1][0] == 2 and levels[1][1].startswith("（1）")  # 泰达's （一） level
    assert levels[2][0] == 3 and levels[2][1].startswith("①")
    assert sum(1 for lv, _ in levels if lv == 3) == len(tasks)


def test_report_without_a_plan(tmp_path):
    stats = write(tmp_path, "dept.stats.yaml", STATS_TEXT + """
report:
  organ: 沈阳市某局
  date: 2022-01-15
  overview:
    - title: 主动公开
      text: 本局通过门户网站主动公开规划、财政、重大决策等信息，全年发布信息三百余条。
  problems:
    - 一是政策解读形式单一；二是公开专栏更新不够及时。下一步将加强解读，完善专栏。
""")
    # docx and html: a stats-only report.pdf is laid out and read in test_signoff, the default formats
    # (docx, pdf, html) are test_report.test_manifest's
    code, out, err = run("report", "-s", stats, "-o", tmp_path / "out", "-f", "docx,html", "--json")
    assert code == 0, err
    manifest = json.loads(out)
    assert sorted(o["kind"] for o in manifest["outputs"]) == ["report.docx", "report.html"]
    assert any("缺少“依申请公开”" in w["message"] for w in manifest["warnings"])
    assert {c["check"] for c in manifest["checks"]} and all("passed" in c for c in manifest["checks"])
    html = (tmp_path / "out" / "report.html").read_text(encoding="utf-8")
    assert "沈阳市某局2021年政府信息公开工作年度报告" in html and "（二）落实" not in html


def test_format_option_writes_only_those_formats(tmp_path):
    code, out, err = run("report", PLAN, "-p", PROGRESS, "-s", STATS, "-o", tmp_path / "out", "-f", "html", "-f", "，docx", "--json")
    assert code == 0, err
    # in the usual order; a repeated -f adds up ("-f html -f docx" is "-f html,docx"; full-width commas too)
    assert [o["kind"] for o in json.loads(out)["outputs"]] == ["report.docx", "report.html"]
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["report.docx", "report.html"]
    code, _, err = run("report", PLAN, "-p", PROGRESS, "-s", STATS, "-o", tmp_path / "bad", "-f", "xlsx")
    assert code == 2 and "不支持的输出格式：xlsx" in err and "docx,pdf,html" in err and not (tmp_path / "bad").exists()


# ------------------------------------------------------------------ roll-up and the stats workbook

def test_rollup_lists_every_differing_cell(tmp_path):
    half = STATS_TEXT.replace("[412, 38, 2, 1, 9, 6, 468]", "[206, 19, 1, 0, 5, 3, 234]")
    a = write(tmp_path, "a.stats.yaml", half)
    b = write(tmp_path, "b.stats.yaml", half)
    code, _, err = run("report", "-s", STATS, "--rollup", a, b, "-o", tmp_path / "out")
    assert code == 2
    lines = [line for line in err.splitlines() if "下级之和" in line]
    assert any("“一、本年新收政府信息公开申请数量”行“自然人”列为 412，下级之和为 412" in line for line in lines) is False
    assert any("“一、本年新收政府信息公开申请数量”行“社会公益组织”列为 1，下级之和为 0" in line for line in lines)
    assert any("“二、上年结转政府信息公开申请数量”行“自然人”列为 21，下级之和为 42" in line for line in lines)
    assert all(re.search(r"shenyang-2021\.stats\.yaml:\d+:\d+", line) for line in lines)


def test_stats_workbook_round_trip(tmp_path):
    import openpyxl

    from zwgk_docs.report import labels as L

    path = tmp_path / "统计.xlsx"
    code, _, err = run("report-template", "-o", path, "--year", "2021")
    assert code == 0, err
    code, _, err = run("report-template", "-o", path)
    assert code == 2 and "--force" in err  # never overwrites what someone typed
    yaml_stats = load_stats(STATS).stats
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames == ["基本信息", "表二", "表三", "表四"]
    assert wb["表三"].data_validations.dataValidation  # whole numbers ≥ 0
    ws = wb["表三"]
    for i, key in enumerate(L.REQUEST_KEYS):
        for c, v in enumerate(yaml_stats.requests.row(key)):
            ws.cell(5 + i, 4 + c).value = v
    a = yaml_stats.active
    ws2 = wb["表二"]
    for r, row in ((4, a.regulations), (5, a.normative)):
        for c, v in enumerate(row):
            ws2.cell(r, 2 + c).value = v
    ws2["B8"], ws2["B11"], ws2["B12"], ws2["B15"] = a.licensing, a.punishment, a.enforcement, float(a.fees)
    for c, v in enumerate(v for row in yaml_stats.appeals.rows() for v in row):
        wb["表四"].cell(5, 1 + c).value = v
    wb.save(path)
    back = load_stats(path).stats
    assert back.requests.rows == yaml_stats.requests.rows and back.appeals.rows() == yaml_stats.appeals.rows()
    assert back.active.model_dump(exclude={"text"}) == a.model_dump(exclude={"text"})
    ws.cell(5, 4).value = "多"
    wb.save(path)
    with pytest.raises(UserError) as exc:
        load_stats(path)
    assert "表三!D5" in str(exc.value) and "“自然人”列" in str(exc.value)


def test_progress_messages_are_chinese(tmp_path):
    bad = write(tmp_path, "p.yaml", "tasks:\n  - task: sy-01\n    status: true\n  - status: 已完成\n"
                "  - task: sy-02\n    status: 已完成\n    evidence: 5\n")
    code, _, err = run("report", PLAN, "-p", bad, "-s", STATS, "-o", tmp_path / "out")
    assert code == 2 and "应为：已完成、推进中" in err and "缺少必填字段“task”" in err and "应为列表" in err
    messages = [line.split("：", 1)[1] for line in err.splitlines() if "：" in line]  # after the file:line:col field
    assert messages and not any(re.search(r"[A-Za-z]{6,}", m) for m in messages), err  # no English words
