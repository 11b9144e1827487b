"""The annual 政府信息公开工作年度报告: spec test vectors, input errors, the 沈阳 report in every format."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pytest

from conftest import ARTIFACTS, EXAMPLES, ROOT, opened_pdf, pdf_text, soffice_to_pdf, squash
from conftest import zwgk as run_zwgk

from zwgk_docs.context import build_context
from zwgk_docs.errors import UserError
from zwgk_docs.load import load_plan
from zwgk_docs.report import labels as L
from zwgk_docs.report import prepare
from zwgk_docs.report.invariants import hard_errors, soft_warnings
from zwgk_docs.report.progress import fold_status
from zwgk_docs.report.stats import load_stats

PLAN = EXAMPLES / "shenyang-2021.yaml"
PROGRESS = EXAMPLES / "shenyang-2021.progress.yaml"
STATS = EXAMPLES / "shenyang-2021.stats.yaml"
DATA = ROOT / "tests" / "data" / "report"

# spec §6.3: the consistent vector (NP BE RI SO LS OT → T)
VECTOR = {
    "一": [20, 3, 0, 0, 2, 1, 26], "二": [2, 0, 0, 0, 0, 0, 2], "（一）": [8, 1, 0, 0, 1, 0, 10],
    "（二）": [3, 1, 0, 0, 0, 0, 4], "（三）4": [1, 0, 0, 0, 0, 0, 1], "（三）6": [1, 0, 0, 0, 0, 0, 1],
    "（三）8": [1, 0, 0, 0, 0, 0, 1], "（四）1": [4, 0, 0, 0, 1, 0, 5], "（四）2": [1, 0, 0, 0, 0, 0, 1],
    "（五）1": [1, 0, 0, 0, 0, 0, 1], "（五）2": [1, 0, 0, 0, 0, 0, 1], "（六）1": [1, 0, 0, 0, 0, 0, 1],
    "（六）3": [0, 0, 0, 0, 0, 1, 1], "（七）": [22, 2, 0, 0, 2, 1, 27], "四": [0, 1, 0, 0, 0, 0, 1],
}


def zwgk(*args):
    return run_zwgk(*args, cwd=ROOT)


ACTIVE_ZERO = ["active:", "  规章: [0, 0, 0]", "  行政规范性文件: [0, 0, 0]", "  行政许可: 0", "  行政处罚: 0",
               "  行政强制: 0", "  行政事业性收费: 0"]


def stats_yaml(rows: dict, review=(1, 0, 0, 1, 2), extra: str = "", fill: bool = True) -> str:
    """A complete stats file: the rows given, every other row of 表三 zero (unless fill=False)."""
    lines = ["year: 2021", "fee: 0", *ACTIVE_ZERO, "requests:"]
    from zwgk_docs.report.stats import canonical_key

    given = {canonical_key(k) for k in rows}
    full = dict(rows)
    if fill:
        full.update({k: [0] * 7 for k in L.REQUEST_KEYS if k not in given})
    lines += [f"  {k}: [{', '.join('null' if v is None else str(v) for v in row)}]" for k, row in full.items()]
    lines += ["appeals:", f"  行政复议: [{', '.join(map(str, review))}]", "  未经复议直接起诉: [0, 0, 0, 0, 0]",
              "  复议后起诉: [0, 0, 0, 0, 0]", extra]
    return "\n".join(lines) + "\n"


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def errors_for(tmp_path, rows=VECTOR, **kw) -> list[str]:
    return [str(d) for d in hard_errors(load_stats(write(tmp_path, "s.yaml", stats_yaml(rows, **kw))))]


# ------------------------------------------------------------------ spec §6.3 test vectors

def test_consistent_vector_passes(tmp_path):
    assert errors_for(tmp_path) == []
    assert hard_errors(load_stats(DATA / "vector.stats.yaml")) == []
    assert hard_errors(load_stats(STATS)) == []


def test_vector_a_row_total_fails_t3_h1(tmp_path):
    errors = errors_for(tmp_path, {**VECTOR, "一": [20, 3, 0, 0, 2, 1, 25]})
    assert any("T3-H1" in e and "一、本年新收政府信息公开申请数量" in e and "“总计”列" in e for e in errors), errors
    assert re.search(r"s\.yaml:\d+:\d+", errors[0])  # located in the file


def test_vector_b_results_total_fails_t3_h2_and_h3(tmp_path):
    errors = errors_for(tmp_path, {**VECTOR, "（七）": [21, 2, 0, 0, 2, 1, 27]})
    assert any("T3-H2" in e and "（七）总计" in e and "“自然人”列" in e for e in errors), errors
    assert any("T3-H3" in e and "“自然人”列" in e for e in errors), errors


def test_vector_c_carry_over_fails_t3_h3_for_be_and_total(tmp_path):
    errors = errors_for(tmp_path, {**VECTOR, "四": [0, 0, 0, 0, 0, 0, 0]})
    h3 = [e for e in errors if "T3-H3" in e]
    assert {"商业企业", "总计"} == {c for e in h3 for c in L.REQUEST_COLUMNS if f"“{c}”列" in e}, errors
    assert all("四、结转下年度继续办理" in e for e in h3)


def test_vector_d_review_total_fails_t4_h1(tmp_path):
    errors = errors_for(tmp_path, review=(1, 0, 0, 1, 3))
    assert len(errors) == 1 and "T4-H1" in errors[0] and "行政复议" in errors[0] and "总计" in errors[0]


def test_vector_e_blank_cell_fails_t3_h4(tmp_path):
    path = write(tmp_path, "s.yaml", stats_yaml({**VECTOR, "（一）": [8, None, 0, 0, 1, 0, 10]}))
    with pytest.raises(UserError) as exc:
        load_stats(path)
    message = str(exc.value)
    assert "空白" in message and "T3-H4" in message and "（一）予以公开" in message and "“商业企业”列" in message
    assert re.search(r"s\.yaml:\d+:\d+", message)
    empty = write(tmp_path, "e.yaml", "requests:\n  一: [20, , 0, 0, 2, 1, 26]\n")
    with pytest.raises(UserError) as exc:
        load_stats(empty)
    assert "e.yaml:2:" in str(exc.value) and "空项" in str(exc.value) and "填 0" in str(exc.value)


def test_negative_and_fractional_counts_are_errors(tmp_path):
    for bad in ("-1", "2.5"):
        path = write(tmp_path, "s.yaml", stats_yaml(VECTOR).replace("  行政许可: 0", f"  行政许可: {bad}"))
        with pytest.raises(UserError) as exc:
            load_stats(path)
        assert "表二" in str(exc.value) and "行政许可" in str(exc.value)


def test_row_keys_accept_full_labels_and_reject_unknown_rows(tmp_path):
    rows = {("一、本年新收政府信息公开申请数量" if k == "一" else "(三)4.保护第三方合法权益" if k == "（三）4" else k): v
            for k, v in VECTOR.items()}
    assert errors_for(tmp_path, rows) == []
    with pytest.raises(UserError) as exc:
        load_stats(write(tmp_path, "s.yaml", stats_yaml({**VECTOR, "（三）9": [0] * 7})))
    assert "表三没有“（三）9”这一行" in str(exc.value)
    with pytest.raises(UserError) as exc:
        load_stats(write(tmp_path, "s.yaml", stats_yaml({**VECTOR, "二": [2, 0, 0, 0, 0, 2]})))
    assert "应有 7 个数" in str(exc.value)


def test_soft_invariants_are_warnings(tmp_path):
    now = load_stats(write(tmp_path, "now.yaml", stats_yaml(VECTOR)))
    last = load_stats(write(tmp_path, "last.yaml", stats_yaml({**VECTOR, "四": [1, 0, 0, 0, 0, 0, 1]})))
    warnings = soft_warnings(now, last)
    assert {d.severity for d in warnings} == {"warning"}
    assert any("X-S1" in str(d) and "“自然人”列" in str(d) for d in warnings)


# ------------------------------------------------------------------ the CLI: all or nothing

def test_hard_invariant_exits_2_and_writes_nothing(tmp_path):
    bad = write(tmp_path, "bad.yaml", stats_yaml({**VECTOR, "一": [20, 3, 0, 0, 2, 1, 25]}))
    out = tmp_path / "out"
    result = zwgk("report", PLAN, "--progress", PROGRESS, "--stats", bad, "-o", out, "--json")
    assert result.returncode == 2, result.stderr
    assert "表三" in result.stderr and "一、本年新收政府信息公开申请数量" in result.stderr and "总计" in result.stderr
    assert "Traceback" not in result.stderr and result.stdout == ""
    assert not out.exists() or list(out.iterdir()) == []


def test_progress_errors_are_located(tmp_path):
    progress = write(tmp_path, "p.yaml", "tasks:\n  - task: sy-01\n    status: 已完成\n  - task: sy-99\n    status: 推进中\n"
                     "  - task: sy-02-1\n    status: 推进中\n")
    result = zwgk("report", PLAN, "--progress", progress, "-o", tmp_path / "out")
    assert result.returncode == 2
    assert re.search(r"p\.yaml:4:\d+ .*没有任务“sy-99”", result.stderr), result.stderr
    assert "sy-02-1" not in result.stderr  # a sub-task id is a valid reference
    bad_status = write(tmp_path, "q.yaml", "tasks:\n  - task: 1\n    status: 完成了\n")
    result = zwgk("report", PLAN, "--progress", bad_status, "-o", tmp_path / "out")
    assert result.returncode == 2 and re.search(r"q\.yaml:3:\d+", result.stderr) and "已完成" in result.stderr


def test_tasks_without_progress_are_warnings():
    prepared = prepare(PLAN, DATA / "one-task.progress.yaml", STATS)
    missing = [str(d) for d in prepared.warnings if "没有填写进度" in str(d)]
    assert len(missing) == 27 and all(d.startswith("警告") for d in missing)
    assert prepared.report.summary.counts["未填报"] == 27


def test_narrative_numbers_are_checked(tmp_path):
    text = PROGRESS.read_text(encoding="utf-8").replace("全年共收到政府信息公开申请468件", "全年共收到政府信息公开申请470件")
    prepared = prepare(PLAN, write(tmp_path, "p.yaml", text), STATS)
    n = [str(d) for d in prepared.warnings if "N-S1" in str(d)]
    assert len(n) == 1 and "470" in n[0] and "468" in n[0] and re.search(r"p\.yaml:\d+:\d+", n[0])


def test_ledger_status_folding():
    assert fold_status(["已完成", "已完成"]) == "已完成"
    assert fold_status(["已完成", "未启动"]) == "推进中"
    assert fold_status(["未启动"]) == "未启动"
    assert fold_status(["持续推进", "已完成"]) == "持续推进"


# ------------------------------------------------------------------ the 沈阳 report

@pytest.fixture(scope="module")
def shenyang(tmp_path_factory):
    out = tmp_path_factory.mktemp("report")
    result = zwgk("report", PLAN, "--progress", PROGRESS, "--stats", STATS, "-o", out, "--json")
    assert result.returncode == 0, result.stderr
    manifest = json.loads(result.stdout)
    return out, manifest


@pytest.fixture(scope="module")
def plan_tasks():
    return build_context(load_plan(PLAN)).tasks


def test_manifest(shenyang):
    out, manifest = shenyang
    assert manifest["tasks"] == 28
    assert [o["kind"] for o in manifest["outputs"]] == ["report.docx", "report.pdf", "report.html"]
    assert sorted(p.name for p in out.iterdir()) == ["report.docx", "report.html", "report.pdf"]


EXACT_LABELS = [L.REQUESTS_NOTE, "3.危及“三安全一稳定”", "本年收费金额（单位：万元）", "未经复议直接起诉", "复议后起诉"]


def docx_doc(out: Path):
    import docx

    return docx.Document(str(out / "report.docx"))


def test_docx_headings_labels_and_cells(shenyang, plan_tasks):
    document = docx_doc(shenyang[0])
    headings = [p.text for p in document.paragraphs if p.style.name == "一级标题"]
    assert headings == list(L.SECTION_HEADINGS)
    stats_tables = document.tables[:3]
    cells = [c.text for t in stats_tables for row in t.rows for c in row.cells]
    for label in EXACT_LABELS + [key for _, _, key in L.REQUEST_ROWS]:
        assert label in cells, label
    assert all(text.strip() for text in cells), "blank cell in a statistics table"
    assert not any("小计" in text for text in cells)
    assert [(len(t.rows), len(t.columns)) for t in stats_tables] == [(14, 4), (28, 10), (4, 15)]
    t3 = stats_tables[1]
    assert t3.cell(5, 0).text == "三、本年度办理结果" and t3.cell(26, 0).text == "三、本年度办理结果"  # rowspan 22
    assert t3.cell(3, 3).text == "412" and t3.cell(27, 9).text == "18"
    tasks = [p.text for p in document.paragraphs if p.style.name == "要点层次2"]
    assert tasks == [f"（{i}）{t.title}" for part in _parts(plan_tasks) for i, t in enumerate(part, 1)]
    parts = [p.text for p in document.paragraphs if p.style.name == "要点层次1"]
    assert parts == [f"{i}. {t[0].part_heading.split('、', 1)[1]}" for i, t in enumerate(_parts(plan_tasks), 1)]


def test_html_headings_labels_and_cells(shenyang, plan_tasks):
    html = (shenyang[0] / "report.html").read_text(encoding="utf-8")
    assert '<html lang="zh-CN">' in html
    assert re.findall(r"<h2>(.*?)</h2>", html) == list(L.SECTION_HEADINGS)
    for label in EXACT_LABELS:
        assert label in html, label
    assert 'rowspan="22"' in html and "<th" in html
    cells = re.findall(r"<t[dh][^>]*>(.*?)</t[dh]>", html, re.S)
    assert cells and all(c.strip() for c in cells)
    tasks = re.findall(r'<h5 class="plan-level level-2[^"]*" id="([^"]+)">(.*?)</h5>', html)
    assert tasks == [(t.id, f"（{i}）{t.title}") for part in _parts(plan_tasks) for i, t in enumerate(part, 1)]
    assert "本年度未收取信息处理费。" in html


def _parts(tasks):
    """The plan's tasks grouped by part, in order."""
    groups: dict[str, list] = {}
    for t in tasks:
        groups.setdefault(t.part_heading, []).append(t)
    return list(groups.values())


def test_summary_counts_and_overdue(plan_tasks):
    report = prepare(PLAN, PROGRESS, STATS).report
    s = report.summary
    assert s.total == 28 and sum(s.counts.values()) == 28
    assert s.counts == {"已完成": 20, "推进中": 7, "未启动": 1, "未填报": 0} and s.ongoing == 5
    assert [x.task.id for x in s.overdue] == ["sy-07", "sy-12", "sy-13"]  # 9月底/11月底/12月底, report 2022-01-20
    assert [x.task.id for x in s.late] == ["sy-09"]
    office = dict(s.by_unit)["市政府办公室"]
    assert sum(office.values()) == sum(1 for t in plan_tasks if "市政府办公室" in t.leads)


def test_user_text_is_escaped(tmp_path):
    text = "tasks:\n  - task: sy-01\n    status: 推进中\n    done: \"<script>alert(1)</script> & {{ 7*7 }}\"\n"
    prepared = prepare(PLAN, write(tmp_path, "p.yaml", text), STATS)
    from zwgk_docs.writers import writer

    (tmp_path / "out").mkdir()
    for fmt in ("html", "docx"):  # the formats that carry text as markup (the PDF is laid out from the HTML)
        writer("report", fmt)(prepared.report, tmp_path / "out")
    html = (tmp_path / "out" / "report.html").read_text(encoding="utf-8")
    assert "<script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt; &amp; {{ 7*7 }}" in html
    assert any(p.text == "<script>alert(1)</script> & {{ 7*7 }}" for p in docx_doc(tmp_path / "out").paragraphs)


# ------------------------------------------------------------------ real clients and pictures

def png_pages(pdf: Path, prefix: str) -> list[Path]:
    ARTIFACTS.mkdir(exist_ok=True)
    target = ARTIFACTS / "report"
    target.mkdir(exist_ok=True)
    subprocess.run(["pdftoppm", "-r", "50", "-png", str(pdf), str(target / prefix)], check=True)
    return sorted(target.glob(f"{prefix}*.png"))


@pytest.fixture(scope="module")
def lo_pdf(shenyang) -> Path:
    """The 沈阳 report.docx as LibreOffice lays it out (converted once for the module)."""
    return soffice_to_pdf(shenyang[0] / "report.docx", shenyang[0] / "lo")


@pytest.mark.libreoffice
def test_libreoffice_opens_docx_with_every_task(lo_pdf, plan_tasks):
    pdf = lo_pdf
    text = squash(pdf_text(pdf))
    for heading in L.SECTION_HEADINGS:
        assert squash(heading) in text
    for t in plan_tasks:
        assert squash(t.title) in text, t.title
    assert png_pages(pdf, "lo-report-docx")


def test_pdf_has_every_task_and_pages(shenyang, plan_tasks):
    pdf = shenyang[0] / "report.pdf"
    text = squash(pdf_text(pdf))
    for heading in L.SECTION_HEADINGS:
        assert squash(heading) in text
    for t in plan_tasks:
        assert squash(t.title) in text, t.title
    assert squash("3.危及“三安全一稳定”") in text and squash("本年收费金额（单位：万元）") in text


@pytest.mark.slow  # PNGs of every page to look at, no assertion beyond their existence (as test_pdf's)
def test_pdf_pages_look_right(shenyang):
    assert png_pages(shenyang[0] / "report.pdf", "report-pdf")


# ------------------------------------------------------------------ one numbering across outputs

def _pairs(texts: list[str], titles: set[str]) -> set[tuple[str, str]]:
    """(label, title) pairs printed in an output: "7. 完成…" as a heading, a table cell or a lead-in."""
    found = set()
    for text in texts:
        for line in text.split("\n"):
            m = re.match(r"^\s*(\d+\.)\s*(.+?)[。]?$", line.strip())
            if m and m[2] in titles:
                found.add((m[1], m[2]))
            m = re.match(r"^\s*(\d+\.)\s*(.+?)。", line.strip())  # the 要点 prose: "7. 完成…。正文"
            if m and m[2] in titles:
                found.add((m[1], m[2]))
    return found


def test_one_numbering_across_notice_table_and_report(shenyang, plan_tasks, built_plan):
    import docx
    import openpyxl

    expected = {(t.label, t.title) for t in plan_tasks}
    titles = {t.title for t in plan_tasks}
    outputs: dict[str, list[str]] = {}  # the report numbers the plan's levels in its own lower forms (test_report_structure)
    built = {o.kind: o.path for o in built_plan(PLAN).outputs}  # zwgk build's outputs (conftest.built_plan)
    if "notice.docx" in built:
        notice = docx.Document(str(built["notice.docx"]))
        outputs["notice.docx"] = [p.text for p in notice.paragraphs] + [c.text for t in notice.tables for r in t.rows for c in r.cells]
    if "tasks.xlsx" in built:
        wb = openpyxl.load_workbook(built["tasks.xlsx"], read_only=True)  # values only
        outputs["tasks.xlsx"] = [str(c.value) for ws in wb.worksheets for row in ws.iter_rows() for c in row if c.value]
        wb.close()
    assert {"notice.docx", "tasks.xlsx"} <= set(outputs), "the notice and task-table writers should exist by now"
    for name, texts in outputs.items():
        found = _pairs(texts, titles)
        assert found == expected, (name, sorted(expected - found)[:3], sorted(found - expected)[:3])


def test_ledger_read_back(tmp_path, built_plan):
    """The 工作台账 written by `zwgk build`, filled in, then read by the report (one row per sub-task)."""
    import openpyxl

    ledger = built_plan(PLAN).path("ledger.xlsx")  # conftest.built_plan's build: read only, filled copy saved below
    wb = openpyxl.load_workbook(ledger)
    ws = wb.active
    header = next(r for r in range(1, 20) if any(ws.cell(r, c).value == "任务标识" for c in range(1, ws.max_column + 1)))
    col = {ws.cell(header, c).value: c for c in range(1, ws.max_column + 1)}
    for r in range(header + 1, ws.max_row + 1):  # the rows by their ids, as a user fills them (read_ledger: test_xlsx)
        tid, sid = ws.cell(r, col["任务标识"]).value, ws.cell(r, col["子任务标识"]).value or ""
        if tid == "sy-01" or (tid == "sy-03" and sid.endswith("-1")):
            ws.cell(r, col["完成状态"]).value = "已完成"
            ws.cell(r, col["进展情况"]).value = f"{sid} 已落实。"
            ws.cell(r, col["佐证材料"]).value = "沈政办发〔2021〕9号；https://example.gov.cn/a"
            ws.cell(r, col["更新日期"]).value = "2021-09-20"
    filled = tmp_path / "台账.xlsx"
    wb.save(filled)
    report = prepare(PLAN, filled, STATS).report
    six = report.sections[5].blocks
    status = {b.id: six[i + 1].text for i, b in enumerate(six) if b.kind == "level" and b.id}
    assert status["sy-01"] == "已完成（2021年9月20日完成）"
    assert status["sy-03"] == "推进中，尚未完成"  # one of three rows done
    assert status["sy-03-1"] == "已完成（2021年9月20日完成）" and status["sy-03-2"] == "未填报，尚未完成"
    assert status["sy-02"] == "未填报，尚未完成"
    evidence = next(b for b in six if b.kind == "evidence")
    assert evidence.items[:2] == ["沈政办发〔2021〕9号", "https://example.gov.cn/a"]


# ------------------------------------------------------------------ one numbering, layout on the page

def test_report_docx_passes_zwgk_check(shenyang):
    from zwgk_docs.check import check_docx

    result = check_docx(shenyang[0] / "report.docx")
    assert not result.failures, result.as_text()
    assert "层次序数连续" in result.as_text() and "4号宋体" in result.as_text()


def _pages(pdf: Path) -> list[str]:
    with opened_pdf(pdf) as doc:
        return [squash(page.extract_text() or "") for page in doc.pages]


def _layout_holds(pages: list[str]) -> None:
    last = pages[-1]
    assert squash("沈阳市人民政府办公室") in last and len(last) > 60, "the sign-off is alone on the last page"
    table3 = [p for p in pages if squash("一、本年新收政府信息公开申请数量") in p]
    assert len(table3) == 1 and squash("四、结转下年度继续办理") in table3[0], "表三 split across pages"
    assert squash("（七）总计") in table3[0] and squash("1.属于国家秘密") in table3[0]


def test_pdf_keeps_signoff_and_table_three_whole(shenyang):
    _layout_holds(_pages(shenyang[0] / "report.pdf"))


HEADING = re.compile(r"^(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|\d+\.|（\d+）)")


def _body_rows(page) -> list[str]:
    """The 正文-size text rows of a report page above the page number, top to bottom."""
    from zwgk_docs.writers.pdf import geometry as g

    bottom = (g.MARGIN_TOP + g.TEXT_H) * 72 / 25.4
    rows: list[list[dict]] = []
    for c in sorted((c for c in page.chars if abs(c["size"] - g.BODY_PT) < 0.1 and c["text"].strip()),
                    key=lambda c: c["top"]):
        if c["top"] > bottom:
            continue
        if rows and c["top"] - rows[-1][0]["top"] < g.BODY_PT / 2:
            rows[-1].append(c)
        else:
            rows.append([c])
    return ["".join(c["text"] for c in sorted(r, key=lambda c: c["x0"])) for r in rows]


def test_pdf_full_pages_hold_22_lines(shenyang):
    """As the 通知: no widow/orphan control, so a text page holds 22 lines (GB/T 9704 §5.2.2) unless
    the next page opens with a heading kept with its text. The sign-off test above still holds."""
    from zwgk_docs.writers.pdf import geometry as g

    with opened_pdf(shenyang[0] / "report.pdf") as pdf:
        pages = [(bool(p.find_tables()), _body_rows(p)) for p in pdf.pages]
    short = {i + 1: len(rows) for i, (tables, rows) in enumerate(pages[1:-1], 1)
             if not tables and len(rows) < g.LINES_PER_PAGE
             and not (pages[i + 1][1] and HEADING.match(pages[i + 1][1][0]))}
    full = [i for i, (tables, rows) in enumerate(pages) if len(rows) == g.LINES_PER_PAGE]
    assert len(full) >= 3 and not short, (full, short)


@pytest.mark.libreoffice
def test_libreoffice_keeps_signoff_and_table_three_whole(lo_pdf):
    _layout_holds(_pages(lo_pdf))
