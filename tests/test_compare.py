"""zwgk diff and zwgk trace: a plan and its edited copy give exactly the edits; a superior plan
and an inferior one with some answers give the gaps and suggestions; outputs open in LibreOffice."""

from __future__ import annotations

import copy
import io
import json
import zipfile
from pathlib import Path

import openpyxl
import pytest
from ruamel.yaml import YAML

from conftest import example_path, pdf_text, soffice_convert, squash
from zwgk_docs.cli import main
from zwgk_docs.compare import diff_files, trace_files, write_sheet
from zwgk_docs.compare.text import MATCH_THRESHOLD, word_diff
from zwgk_docs.compare.trace import resolve, superior_items
from zwgk_docs.context import build_context
from zwgk_docs.load import loads

SHENYANG = example_path("shenyang-2021")


def _yaml() -> YAML:
    y = YAML()
    y.width = 4096
    return y


def read(path: Path):
    return _yaml().load(path.read_text(encoding="utf-8"))


def dump(data, path: Path) -> Path:
    buf = io.StringIO()
    _yaml().dump(data, buf)
    path.write_text(buf.getvalue(), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def edited(tmp_path_factory):
    """沈阳 2021 and a copy with: one task added, one dropped, one reworded, one split in two,
    one with other units, one with another deadline."""
    folder = tmp_path_factory.mktemp("diff")
    data = read(SHENYANG)
    parts = data["plan"]["parts"]
    dropped = parts[0]["tasks"].pop(3)  # sy-04
    reworded = parts[1]["tasks"][0]
    reworded["title"] = reworded["title"] + "和解读"
    reworded["text"] = reworded["text"].replace("主动公开", "全面主动公开", 1)
    units = parts[2]["tasks"][0]
    units["lead"] = ["市数据局"]
    for sub in units.get("subtasks", []):
        if "lead" in sub:
            sub["lead"] = ["市数据局"]
    deadline = parts[2]["tasks"][1]
    deadline["deadline"] = "9月底前"
    deadline["subtasks"] = [dict(s, deadline="9月底前") if "deadline" in s else s for s in deadline.get("subtasks", [])]
    split = parts[3]["tasks"][0]
    sentences = [s + "。" for s in split["text"].split("。") if s]
    half = max(1, len(sentences) // 2)
    piece = copy.deepcopy(split)
    split["text"], split["subtasks"] = "".join(sentences[:half]), []
    piece.update(id="split-piece", title="（拆出）" + split["title"], text="".join(sentences[half:]), subtasks=[])
    parts[3]["tasks"].insert(1, piece)
    added = {"id": "brand-new", "title": "开展政务公开“进社区”活动",
             "text": "在全市各街道社区设立政务公开体验点，组织居民代表走进政务服务大厅，听取群众对公开内容和方式的意见建议。",
             "lead": ["市政务公开办"], "deadline": "10月底前"}
    parts[1]["tasks"].append(added)
    new = dump(data, folder / "new.yaml")
    return {"old": SHENYANG, "new": new, "dropped": dropped["id"], "reworded": reworded["id"], "units": units["id"],
            "deadline": deadline["id"], "split": split["id"], "piece": piece["id"], "added": added["id"], "folder": folder}


@pytest.fixture(scope="module")
def edited_diff(edited):
    """diff_files(old, new) of the edited copy, once for the module (read only)."""
    return diff_files(edited["old"], edited["new"])


def _by_kind(result):
    out = {}
    for c in result.data.changes:
        out.setdefault(c.kind, []).append(c)
    return out


def test_edited_copy_gives_exactly_its_edits(edited, edited_diff):
    result = edited_diff
    kinds = _by_kind(result)
    assert [c.new[0].id for c in kinds["新增"]] == [edited["added"]]
    assert [c.old[0].id for c in kinds["删除"]] == [edited["dropped"]]
    assert [(c.old[0].id, [t.id for t in c.new]) for c in kinds["拆分"]] == [(edited["split"], [edited["split"], edited["piece"]])]
    assert "合并" not in kinds
    modified = {c.new[0].id: c for c in kinds["修改"]}
    assert set(modified) == {edited["reworded"], edited["units"], edited["deadline"]}
    reworded = modified[edited["reworded"]]
    assert [s.text for s in reworded.text_diff if s.op == "insert"] == ["和解读", "全面"]
    assert not [s for s in reworded.text_diff if s.op == "delete"] and not reworded.units and not reworded.deadline
    units = modified[edited["units"]]
    lead = next(u for u in units.units if u.role == "牵头单位")
    assert lead.added == ["市数据局"] and lead.removed
    assert not units.text_diff and not units.deadline
    assert modified[edited["deadline"]].deadline[1] == "9月底前" and not modified[edited["deadline"]].units
    # every other task: unchanged (renumbering alone is no change)
    assert len(kinds["未变"]) == 28 - 1 - 1 - 3
    summary = result.data.as_json()["summary"]
    assert summary == {"新增": 1, "删除": 1, "修改": 3, "拆分": 1, "合并": 0, "未变": 23}
    parts = result.data.by_part()
    assert sum(p.counts["新增"] for p in parts) == 1 and len(parts) == 4


def test_merge_is_found(edited, tmp_path):
    """The split copy as OLD and the original as NEW: the two pieces merge back into one."""
    result = diff_files(edited["new"], edited["old"])
    (merge,) = _by_kind(result)["合并"]
    assert sorted(t.id for t in merge.old) == sorted([edited["split"], edited["piece"]])


def test_matching_by_text_when_ids_differ(tmp_path):
    data = read(SHENYANG)
    for part in data["plan"]["parts"]:
        for t in part["tasks"]:
            t["id"] = "x-" + t["id"]
    other = dump(data, tmp_path / "renamed.yaml")
    result = diff_files(SHENYANG, other)
    assert result.data.count("未变") == 28 and not any(c.by_id for c in result.data.changes)
    assert f"{round(MATCH_THRESHOLD * 100)}%" in "".join(result.sheet.notes)  # the threshold is shown


def test_word_diff_in_chinese_words():
    segs = word_diff("全面公开各类规划信息，做好政策解读工作。", "全面公开各类规划信息，认真做好重大政策的解读工作。")
    assert [s.text for s in segs if s.op == "insert"] == ["认真", "重大", "的"]
    assert all(s.op != "delete" for s in segs)
    assert word_diff("甲,乙", "甲，乙") == word_diff("甲，乙", "甲，乙")  # width only: no change


def test_year_only_deadline_change_is_no_change(tmp_path):
    data = read(SHENYANG)
    data["plan"]["year"] = 2022
    data["notice"]["date"] = "2022-06-22"
    data["notice"]["doc_number"] = "沈政公领发〔2022〕1号"
    first = data["plan"]["parts"][0]["tasks"][0]
    first["deadline"] = "2022年9月底前"
    old = read(SHENYANG)
    old["plan"]["parts"][0]["tasks"][0]["deadline"] = "2021年9月底前"
    result = diff_files(dump(old, tmp_path / "a.yaml"), dump(data, tmp_path / "b.yaml"))
    assert result.data.count("未变") == 28


# ------------------------------------------------------------------ trace

SUPERIOR = """\
version: 1
plan:
  title: 辽宁省2021年政务公开工作要点
  year: 2021
  numbering: {task: {style: "1.", restart: false}}
  parts:
    - title: 深化重点领域信息公开
      tasks:
        - {id: ln-01, title: 全面公开各类规划信息, text: 主动公开国民经济和社会发展规划纲要、国土空间规划及专项规划。}
        - {id: ln-02, title: 强化市场规则标准和监管执法信息公开, text: 公开市场准入负面清单，完善“双随机、一公开”监管。}
        - {id: ln-03, title: 推进海洋渔业信息公开, text: 公开渔船捕捞许可和海域使用审批信息。}
    - title: 加强政策解读和回应关切
      tasks:
        - {id: ln-04, title: 做好政策解读, text: 落实政策解读与政策文件同步组织、同步审签、同步部署。}
table:
  columns: [{header: 序号, field: number}, {header: 内容, field: content}]
"""


@pytest.fixture(scope="module")
def traced(tmp_path_factory):
    folder = tmp_path_factory.mktemp("trace")
    superior = folder / "liaoning.yaml"
    superior.write_text(SUPERIOR, encoding="utf-8")
    data = read(SHENYANG)
    tasks = [t for p in data["plan"]["parts"] for t in p["tasks"]]
    tasks[0]["answers"] = ["省要点 1"]  # by number, with words before it
    tasks[1]["answers"] = ["ln-02"]  # by id
    tasks[2]["answers"] = ["省要点 99"]  # no such item
    plan = dump(data, folder / "shenyang.yaml")
    return trace_files(plan, superior), plan, superior, folder


def test_trace_links_gaps_and_suggestions(traced):
    result, *_ = traced
    t = result.data
    linked = {link.item.id: [x.id for x in link.tasks] for link in t.links}
    assert linked == {"ln-01": ["sy-01"], "ln-02": ["sy-02"], "ln-03": [], "ln-04": []}
    assert [link.item.id for link in t.unanswered] == ["ln-03", "ln-04"]
    assert [(u.task.id, u.ref) for u in t.unresolved] == [("sy-03", "省要点 99")]
    assert any("省要点 99" in w.message for w in result.warnings)
    assert len(t.orphans) == 28 - 2  # sy-03's only reference names nothing
    # 做好政策解读 is answered in substance by 沈阳's 政策解读 task: suggested, marked as a suggestion
    ln04 = next(link for link in t.links if link.item.id == "ln-04")
    assert ln04.suggestions and "解读" in ln04.suggestions[0][1].heading
    text = "".join(r.text for table in result.sheet.tables for row in table.rows for c in row.cells for r in c)
    assert "建议" in text and "待确认" in text


def test_references_by_number_forms():
    plan = loads(SUPERIOR)
    items = superior_items(build_context(plan).plan)
    assert resolve("第三项", items)[0].id == "ln-03"
    assert resolve("省要点4", items)[0].id == "ln-04"
    assert resolve("（一）", items)[0] is None or resolve("（一）", items)[0].id == "ln-01"
    assert resolve("省要点 9", items) == (None, "上级计划中没有编号为 9 的项")


def test_trace_across_layouts_imported_prose(tmp_path):
    """A prose 要点 (吉林市, sections （一）… as items) as the superior of a task table (四平)."""
    result = trace_files(example_path("siping-2018"), example_path("jilin-2018"))
    t = result.data
    assert len(t.links) == 17 and all(link.item.kind == "task" for link in t.links)
    assert not [link for link in t.links if link.tasks]  # nobody wrote answers yet
    with_suggestion = [link for link in t.links if link.suggestions]
    assert len(with_suggestion) >= 12  # the same province template: most items find their task


# ------------------------------------------------------------------ outputs

def test_cli_json_and_outputs(edited, traced, tmp_path):
    from click.testing import CliRunner

    runner = CliRunner()
    res = runner.invoke(main, ["diff", str(edited["old"]), str(edited["new"]), "--json"])
    assert res.exit_code == 0, res.output
    data = json.loads(res.stdout)
    assert data["summary"]["新增"] == 1 and data["thresholds"]["match"] == MATCH_THRESHOLD
    res = runner.invoke(main, ["diff", str(edited["old"]), str(edited["new"]), "-o", str(tmp_path / "d.pdf")])
    assert res.exit_code == 2 and "不支持输出为 .pdf" in res.output
    res = runner.invoke(main, ["diff", str(edited["old"]), str(tmp_path / "missing.yaml")])
    assert res.exit_code == 2 and "Traceback" not in res.output
    _, plan, superior, _ = traced
    res = runner.invoke(main, ["trace", str(plan), "--superior", str(superior)])
    assert res.exit_code == 0 and "上级要点逐项对照" in res.stdout


@pytest.mark.parametrize("suffix", [".xlsx", ".docx", ".html"])
def test_outputs_are_reproducible_and_say_what_the_diff_says(edited_diff, tmp_path, suffix):
    result = edited_diff
    a = write_sheet(result.sheet, tmp_path / f"a{suffix}", result.plan)
    b = write_sheet(result.sheet, tmp_path / f"b{suffix}", result.plan)
    assert a.read_bytes() == b.read_bytes()
    if suffix == ".xlsx":
        wb = openpyxl.load_workbook(a, rich_text=True)
        assert wb.sheetnames == ["说明和汇总", "各部分变化汇总"][:1] + ["逐项变化"]
        ws = wb["逐项变化"]
        assert ws.page_setup.orientation == "landscape" and str(ws.page_setup.paperSize) == ws.PAPERSIZE_A4
        assert ws.print_title_rows == "$2:$2"
        kinds = [ws.cell(row=r, column=1).value for r in range(3, ws.max_row + 1)]
        assert [str(k) for k in kinds if str(k) in ("新增", "删除", "修改", "拆分")].count("修改") == 3
    if suffix == ".docx":
        with zipfile.ZipFile(a) as z:
            xml = z.read("word/document.xml").decode()
        assert 'w:orient="landscape"' in xml and "<w:tblHeader" in xml and "w:strike" not in xml  # styles, not direct
        assert "新增文字" in zipfile.ZipFile(a).read("word/styles.xml").decode()
        from zwgk_docs.check.docxread import read as read_docx
        from zwgk_docs.check.findings import Report
        from zwgk_docs.check.footer import check_page_numbers

        report = Report(str(a))  # "— N —" 4号宋体, odd right / even left, as the 通知 (§7.5)
        check_page_numbers(read_docx(a), report)
        assert not report.failures, report.as_text()
    if suffix == ".html":
        html = a.read_text(encoding="utf-8")
        assert "<ins>和解读</ins>" in html and 'lang="zh-CN"' in html and "size: A4 landscape" in html


@pytest.mark.libreoffice
def test_outputs_open_in_libreoffice(edited_diff, traced, tmp_path):
    diff = edited_diff
    trace_result = traced[0]
    cases = [(name, result, write_sheet(result.sheet, tmp_path / f"{name}-{suffix[1:]}{suffix}", result.plan))
             for name, result in (("diff", diff), ("trace", trace_result)) for suffix in (".xlsx", ".docx")]
    pdfs = soffice_convert([src for _, _, src in cases], tmp_path / "lo")  # one LibreOffice run for the four
    import pdfplumber

    for (name, result, _src), pdf in zip(cases, pdfs):
        with pdfplumber.open(pdf) as doc:
            assert all(round(p.width) > round(p.height) for p in doc.pages)  # A4 landscape
            assert round(doc.pages[0].width) in (841, 842)
        text = squash(pdf_text(pdf))
        assert squash(result.sheet.tables[0].title) in text
        if name == "diff":
            assert squash("开展政务公开“进社区”活动") in text  # the added task
        else:
            assert squash("推进海洋渔业信息公开") in text and "待确认" in text


def test_user_text_is_data_in_every_format(tmp_path):
    data = read(SHENYANG)
    first = data["plan"]["parts"][0]["tasks"][0]
    first["title"] = '=HYPERLINK("http://x")<script>alert(1)</script>'
    new = dump(data, tmp_path / "evil.yaml")
    result = diff_files(SHENYANG, new)
    html = write_sheet(result.sheet, tmp_path / "d.html", result.plan).read_text(encoding="utf-8")
    assert "<script>" not in html and "&lt;script&gt;" in html
    wb = openpyxl.load_workbook(write_sheet(result.sheet, tmp_path / "d.xlsx", result.plan))
    cells = [c for ws in wb.worksheets for row in ws.iter_rows() for c in row]
    assert not [c for c in cells if c.data_type == "f"]


def test_imported_document_against_its_transcription():
    """The seed's web text, imported on the fly, against the example plan typed from it: nothing new or gone."""
    from conftest import SEEDS

    result = diff_files(SEEDS / "002_46f165a63541e37e.txt", example_path("chizhou-2018"))
    assert result.data.count("新增") == result.data.count("删除") == 0
    assert result.data.count("未变") + result.data.count("修改") == 25


def test_plans_of_different_layouts():
    """吉林市's prose 分工方案 against 四平's task table: the common tasks pair up."""
    result = diff_files(example_path("jilin-2018"), example_path("siping-2018"))
    first = next(c for c in result.data.changes if c.kind == "修改")
    assert first.old[0].label == "（一）" and first.new[0].label == "1."
    assert result.data.count("修改") + result.data.count("拆分") >= 8
