"""`zwgk check`: our notices pass; seeded GB/T 9704 violations are caught, clause by clause."""

from __future__ import annotations

import json
import re
import zipfile
from pathlib import Path

import docx
import pytest
from docx.shared import Pt

from conftest import WITH_NOTICE, soffice_convert, zwgk
from zwgk_docs.check import check_docx
from zwgk_docs.check.head import check_doc_number
from zwgk_docs.check.tail import check_date_text





@pytest.fixture(scope="module")
def notices(notice_docx) -> dict[str, Path]:
    """Each example's notice.docx and the all-options one, built once for the session (tests/conftest.py)."""
    return notice_docx


def mutate(src: Path, dst: Path, part: str, old: str, new: str, count: int = 1) -> Path:
    """Copy a .docx replacing text in one of its XML parts (the seeded violation)."""
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == part:
                text = data.decode("utf-8")
                assert old in text, f"{old!r} not in {part}"
                data = text.replace(old, new, count).encode("utf-8")
            zout.writestr(item, data)
    return dst


def failed(report, clause: str) -> list[str]:
    return [f.message for f in report.findings if f.status == "fail" and f.clause == clause]


# ---------------------------------------------------------------- our own documents pass


@pytest.mark.parametrize("name", WITH_NOTICE + ["full"])
def test_every_generated_notice_passes(notices, name):
    result = zwgk("check", str(notices[name]))
    assert result.returncode == 0, result.stdout
    assert "结论：符合" in result.stdout and "[不符合]" not in result.stdout


@pytest.fixture(scope="module")
def shenyang_json(notices):
    """`zwgk check --json` of the 沈阳 notice, run once for the tests below."""
    result = zwgk("check", str(notices["shenyang-2021"]), "--json")
    return result.returncode, json.loads(result.stdout)


def test_shenyang_report_covers_the_clauses(shenyang_json):
    _, data = shenyang_json
    passed = {f["clause"] for f in data["findings"] if f["status"] == "pass"}
    for clause in ("5.1", "5.2.1", "5.2.2", "5.2.3", "7.2.4", "7.2.5", "7.2.7", "7.3.1", "7.3.2", "7.3.3",
                   "7.3.4", "7.3.5", "7.3.5.4", "7.3.6", "7.3.7", "7.5"):
        assert clause in passed, clause
    numbering = next(f for f in data["findings"] if f["item"] == "结构层次序数")
    assert numbering["message"].startswith("32 ")  # 4 parts + 28 items


def test_json_output(shenyang_json):
    returncode, data = shenyang_json
    assert returncode == 0 and data["ok"] is True and data["standard"] == "GB/T 9704-2012"
    assert data["summary"]["fail"] == 0
    assert {"clause", "item", "status", "message", "where"} == set(data["findings"][0])


# ---------------------------------------------------------------- seeded violations


SEEDED = [
    # (part, old, new, clause, words in the message)
    ("word/document.xml", "沈政公领发〔2021〕1号", "沈政公领发[2021]01号", "7.2.5", ["六角括号", "虚位"]),
    ("word/document.xml", "沈政公领发〔2021〕1号", "沈政公领发〔2021〕第1号", "7.2.5", ["第"]),
    ("word/document.xml", ">2021年6月22日<", ">2021年06月22日<", "7.3.5.4", ["虚位"]),
    ("word/document.xml", ">2021年6月22日<", ">二〇二一年六月二十二日<", "7.3.5.4", ["阿拉伯数字"]),
    ("word/document.xml", ">5. 推进政府规章", ">6. 推进政府规章", "7.3.3", ["序号"]),
    ("word/document.xml", ">8. 深入推进", ">7. 深入推进", "7.3.3", ["重复"]),
    ("word/document.xml", ">二、", ">四、", "7.3.3", ["跳号"]),
    ("word/document.xml", '<w:pStyle w:val="GwHeading1"/>', "", "7.3.3", ["黑体"]),
    ("word/document.xml", 'w:top="2098"', 'w:top="1440"', "5.2.1", ["天头"]),
    ("word/document.xml", 'w:w="11906" w:h="16838"', 'w:w="12240" w:h="15840"', "5.1", ["A4"]),
    ("word/document.xml", ">附件：沈阳市2021年政务公开工作要点任务分解表<", ">附件：沈阳市2021年政务公开工作任务表<", "7.3.4", ["不一致"]),
    ("word/document.xml", ">附件：沈阳市", ">附件:沈阳市", "7.3.4", ["全角冒号"]),
    ("word/document.xml", ">（此件公开发布）<", ">(此件公开发布)<", "7.3.6", ["全角圆括号"]),
    ("word/document.xml", '<w:pStyle w:val="AttachMark"/>', '<w:pStyle w:val="Recipients"/>', "7.3.7", ["黑体"]),
    ("word/settings.xml", "<w:evenAndOddHeaders/>", "", "7.5", ["奇偶页"]),
    ("word/footer1.xml", ">— <", "><", "7.5", ["一字线"]),
    ("word/styles.xml", 'w:eastAsia="宋体"', 'w:eastAsia="仿宋_GB2312"', "7.5", ["宋体"]),
    ("word/styles.xml", '<w:color w:val="FF0000"/>', "", "7.2.4", ["红色"]),
    ("word/document.xml", '<w:pStyle w:val="DocNumber"/>', '<w:pStyle w:val="DocNumber"/><w:ind w:left="600"/>', "7.2.7", ["等宽"]),
    ("word/styles.xml", 'w:eastAsia="方正小标宋简体" w:cs="方正小标宋简体" w:hint="eastAsia"/><w:sz w:val="44"/>',
     'w:eastAsia="黑体" w:cs="黑体" w:hint="eastAsia"/><w:sz w:val="36"/>', "7.3.1", ["2号小标宋"]),
]


@pytest.mark.parametrize("part,old,new,clause,words", SEEDED, ids=[f"{s[3]}-{i}" for i, s in enumerate(SEEDED)])
def test_seeded_violation_is_caught(notices, tmp_path, part, old, new, clause, words):
    """One `zwgk check --json` per case: the command's exit code and the findings it reports."""
    bad = mutate(notices["shenyang-2021"], tmp_path / "bad.docx", part, old, new)
    result = zwgk("check", str(bad), "--json")
    report = json.loads(result.stdout)
    failures = [f for f in report["findings"] if f["status"] == "fail"]
    messages = [f["message"] for f in failures if f["clause"] == clause]
    assert result.returncode == 1 and report["ok"] is False and report["summary"]["fail"] == len(failures)
    assert messages, result.stdout
    for word in words:
        assert any(word in m for m in messages) or any(word in f["message"] + f["where"] for f in failures), (word, result.stdout)


def test_violation_in_the_text_output(notices, tmp_path):
    """The text report of a failing notice: the finding marked [不符合] with its clause, the verdict, exit 1."""
    part, old, new, clause, words = SEEDED[0]
    result = zwgk("check", str(mutate(notices["shenyang-2021"], tmp_path / "bad.docx", part, old, new)))
    assert result.returncode == 1
    assert any(line.startswith(f"[不符合] {clause} ") and words[0] in line for line in result.stdout.splitlines()), result.stdout
    assert re.search(r"结论：\d+ 处不符合", result.stdout), result.stdout


def test_attachment_not_on_a_new_page(notices, tmp_path):
    # 附件1 of the full plan follows the 通知 on portrait pages: only its style breaks the page
    bad = mutate(notices["full"], tmp_path / "bad.docx", "word/document.xml",
                 '<w:pStyle w:val="AttachMark"/>', '<w:pStyle w:val="BanTou"/>')
    assert any("另面编排" in m for m in failed(check_docx(bad), "7.3.7"))


def test_body_font_and_grid_violations(notices, tmp_path):
    # body type 4号 instead of 3号: the text and the 28-character line both fail
    styles = zipfile.ZipFile(notices["shenyang-2021"]).read("word/styles.xml").decode()
    normal = re.search(r'<w:style w:type="paragraph" w:default="1" w:styleId="Normal">.*?</w:style>', styles, re.S).group(0)
    bad = mutate(notices["shenyang-2021"], tmp_path / "bad.docx", "word/styles.xml", normal,
                 normal.replace('<w:sz w:val="32"/>', '<w:sz w:val="28"/>'))
    report = check_docx(bad)
    assert failed(report, "5.2.2") and any("每行" in m for m in failed(report, "5.2.3"))


def test_line_count_violation(notices, tmp_path):
    bad = mutate(notices["shenyang-2021"], tmp_path / "bad.docx", "word/styles.xml",
                 'w:line="579" w:lineRule="exact"', 'w:line="640" w:lineRule="exact"', count=50)
    assert any("22 行" in m for m in failed(check_docx(bad), "5.2.3"))


def test_check_helpers():
    assert check_doc_number("沈政公领发〔2021〕1号") == []
    assert check_doc_number("吉市政办函(2018)57号") == ["年份应使用六角括号“〔〕”"]
    assert "序号不编虚位（如 1 不写作 01）" in check_doc_number("沈政公领发〔2021〕001号")
    assert check_date_text("2021年6月22日") == [] and check_date_text("2021年12月31日") == []
    assert check_date_text("2021年6月32日") and check_date_text("2021-06-22")


def test_hand_made_document(tmp_path):
    """A document typed in Word without any 公文 template: many findings, no crash."""
    d = docx.Document()
    d.add_paragraph("某某局文件")
    d.add_paragraph("某局发〔2021〕01号")
    p = d.add_paragraph("关于某事的通知")
    p.runs[0].font.size = Pt(22)
    d.add_paragraph("各单位:")
    d.add_paragraph("一、总体要求")
    d.add_paragraph("三、工作任务")
    d.add_paragraph("附件：1.甲表。")
    d.add_paragraph("某某局")
    d.add_paragraph("2021年06月01日")
    path = tmp_path / "hand.docx"
    d.save(str(path))
    result = zwgk("check", str(path), "--json")
    assert result.returncode == 1
    data = json.loads(result.stdout)
    clauses = {f["clause"] for f in data["findings"] if f["status"] == "fail"}
    assert {"5.1", "5.2.1", "7.3.5.4", "7.5"} <= clauses
    assert any("跳号" in f["message"] for f in data["findings"] if f["clause"] == "7.3.3")


def test_unreadable_input_exits_2(tmp_path):
    junk = tmp_path / "junk.docx"
    junk.write_text("not a zip", encoding="utf-8")
    result = zwgk("check", str(junk))
    assert result.returncode == 2 and "不是有效的 Word 文档" in result.stderr and "Traceback" not in result.stderr
    result = zwgk("check", str(tmp_path / "missing.docx"))
    assert result.returncode == 2 and "文件不存在" in result.stderr



def _not_docx(tmp_path: Path, kind: str) -> Path:
    if kind == "folder":
        (tmp_path / "通知").mkdir()
        return tmp_path / "通知"
    if kind == "xlsx":  # a zip package, but not a Word one
        import openpyxl

        openpyxl.Workbook().save(tmp_path / "任务表.xlsx")
        return tmp_path / "任务表.xlsx"
    if kind == "damaged":  # a .docx whose styles part is cut off
        src = docx.Document()
        src.save(str(tmp_path / "src.docx"))
        with zipfile.ZipFile(tmp_path / "src.docx") as z, zipfile.ZipFile(tmp_path / "坏.docx", "w") as out:
            for name in z.namelist():
                out.writestr(name, z.read(name)[:100] if name == "word/styles.xml" else z.read(name))
        return tmp_path / "坏.docx"
    path = tmp_path / {"binary": "扫描件.pdf", "doc": "旧版.doc"}[kind]
    path.write_bytes(bytes(range(256)) * 8)
    return path


@pytest.mark.parametrize("kind, says", [("binary", "不是 .docx 格式"), ("doc", "另存为 .docx"), ("folder", "文件夹"),
                                        ("xlsx", "没有 word/document.xml"), ("damaged", "已损坏")])
def test_input_errors_name_the_file(tmp_path, kind, says):
    """Like every other user error: 错误 FILE：… in Chinese, exit 2, nothing on stdout."""
    path = _not_docx(tmp_path, kind)
    result = zwgk("check", str(path))
    assert result.returncode == 2 and not result.stdout.strip() and "Traceback" not in result.stderr
    assert result.stderr.startswith(f"错误 {path}：") and says in result.stderr, result.stderr


# ---------------------------------------------------------------- issue 13: more catches, fewer false alarms

MORE_SEEDED = [
    # (notice, part, old, new, clause, words)
    ("full", "word/document.xml", ">000123<", ">123<", "7.2.2", ["6 位", "000123"]),
    ("full", "word/document.xml", ">秘密★1年<", ">秘密1年<", "7.2.3", ["★", "秘密★1年"]),
    ("shenyang-2021", "word/document.xml", ">二、", ">二.", "7.3.3", ["一、"]),
    ("shenyang-2021", "word/document.xml", "人民政府，市政府各部门", "人民政府,市政府各部门", "9", ["全角"]),
]


@pytest.mark.parametrize("name,part,old,new,clause,words", MORE_SEEDED, ids=[s[4] for s in MORE_SEEDED])
def test_more_violations_are_caught(notices, tmp_path, name, part, old, new, clause, words):
    report = check_docx(mutate(notices[name], tmp_path / "bad.docx", part, old, new))
    text = " ".join(m for m in failed(report, clause)) + " ".join(f.where for f in report.failures)
    assert all(w in text for w in words), report.as_text()


def test_no_false_alarm_for_e60012_red(notices, tmp_path):
    good = mutate(notices["shenyang-2021"], tmp_path / "red.docx", "word/styles.xml", 'w:color w:val="FF0000"', 'w:color w:val="E60012"', count=5)
    assert not check_docx(good).failures


def test_title_over_two_paragraphs_and_red_rule_as_shape(tmp_path):
    """A hand-made notice: title typed as two centred lines, red rule drawn as a DrawingML line in E60012."""
    from docx.oxml import parse_xml

    d = docx.Document()
    mark = d.add_paragraph().add_run("某某局文件")
    mark.font.color.rgb = docx.shared.RGBColor(0xE6, 0x00, 0x12)
    d.paragraphs[0].alignment = 1
    d.add_paragraph("")
    d.add_paragraph("")
    number = d.add_paragraph("某局发〔2021〕1号")
    number.alignment = 1
    line = d.add_paragraph()
    line.add_run()._r.append(parse_xml(
        '<w:drawing xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
        'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
        'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><wp:inline><wp:extent cx="5616000" cy="0"/>'
        '<wp:docPr id="5" name="红线"/><a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">'
        '<a:ln><a:solidFill><a:srgbClr val="E60012"/></a:solidFill></a:ln></a:graphicData></a:graphic></wp:inline></w:drawing>'))
    d.add_paragraph("")
    for text in ("某某局关于印发", "2021年工作要点的通知"):
        p = d.add_paragraph(text)
        p.alignment = 1
        p.runs[0].font.size = Pt(22)
    d.add_paragraph("")
    d.add_paragraph("各单位：")
    path = tmp_path / "hand.docx"
    d.save(str(path))
    report = check_docx(path)
    assert not [m for m in failed(report, "7.3.2") if "空" in m], report.as_text()  # one blank line below the 2-line title
    assert any("关于印发" in f.message and "工作要点的通知" in f.message for f in report.findings if f.clause == "7.3.1") or \
        not [m for m in failed(report, "7.3.1") if "空" in m], report.as_text()
    assert not [m for m in failed(report, "7.2.7")], report.as_text()
    assert any(f.clause == "7.2.7" and f.status == "pass" for f in report.findings)


def test_title_broken_inside_a_word_is_flagged(tmp_path):
    """§7.3.1 词意完整: a title typed as two lines parted inside 政务公开 gets a warning; parted at a seam, none."""
    def notice(lines: tuple[str, ...]) -> Path:
        d = docx.Document()
        d.add_paragraph("某某局文件").alignment = 1
        d.add_paragraph("某局发〔2021〕1号").alignment = 1
        d.add_paragraph("")
        d.add_paragraph("")
        p = d.add_paragraph()
        p.alignment = 1
        p.add_run("\n".join(lines)).font.size = Pt(22)  # one paragraph, a line break typed with Shift+Enter
        d.add_paragraph("")
        d.add_paragraph("各单位：")
        path = tmp_path / f"{len(lines[0])}.docx"
        d.save(str(path))
        return path

    bad = check_docx(notice(("某某局关于印发2021年政务公", "开工作要点的通知")))
    assert any("拆开了词语" in f.message and "政务公|开" in f.message for f in bad.findings if f.clause == "7.3.1"), bad.as_text()
    good = check_docx(notice(("某某局关于印发", "2021年政务公开工作要点的通知")))
    assert not any("拆开了词语" in f.message for f in good.findings), good.as_text()


@pytest.mark.libreoffice
def test_libreoffice_resaved_notice_passes(notices, tmp_path):
    """Re-saved by LibreOffice (styles renamed, indents as hanging="0"): no 顶格 false alarms."""
    import shutil

    src = tmp_path / "src.docx"
    shutil.copy(notices["shenyang-2021"], src)
    (resaved,) = soffice_convert([src], tmp_path / "out", to="docx:MS Word 2007 XML")
    report = check_docx(resaved)
    assert not report.failures, report.as_text()
