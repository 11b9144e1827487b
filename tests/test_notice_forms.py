"""The 通知's written forms: 发文字号, 份号, 密级 refused with the right form; no 正文 drafted; no 主送 warned."""

from __future__ import annotations

import pytest

from conftest import ROOT
from zwgk_docs.context import build_context
from zwgk_docs.errors import UserError
from zwgk_docs.load import loads, loads_with_warnings

MINI = (ROOT / "tests" / "data" / "mini.yaml").read_text(encoding="utf-8")


def with_notice(extra: str = "", drop: tuple[str, ...] = ()) -> str:
    lines = [line for line in MINI.splitlines() if not any(line.startswith(f"  {d}:") for d in drop)]
    text = "\n".join(lines) + "\n"
    if "body" in drop:
        text = text.replace("    - 为贯彻落实……请结合实际认真贯彻执行。\n", "")
    return text.replace("notice:\n", "notice:\n" + extra, 1)


BAD = [
    ("  doc_number: 沈政公领发[2021]01号\n", "doc_number", "沈政公领发〔2021〕1号"),
    ("  doc_number: 沈政公领发(2021)1号\n", "doc_number", "沈政公领发〔2021〕1号"),
    ("  doc_number: 沈政公领发〔2021〕第1号\n", "doc_number", "沈政公领发〔2021〕1号"),
    ("  doc_number: 沈政公领发〔21〕1号\n", "doc_number", "机关代字〔年份〕序号号"),
    ("  copy_number: 1\n", "copy_number", "000001"),
    ('  copy_number: "12"\n', "copy_number", "000012"),
    ("  secrecy: 机密1年\n", "secrecy", "机密★1年"),
    ("  secrecy: 秘密 * 6个月\n", "secrecy", "秘密★6个月"),
    ("  secrecy: 内部\n", "secrecy", "机密★1年"),
]


@pytest.mark.parametrize("extra,field,right", BAD)
def test_bad_forms_refused_with_the_right_form(extra, field, right):
    text = with_notice(extra, drop=("doc_number",) if field == "doc_number" else ())
    with pytest.raises(UserError) as info:
        loads(text)
    diag = info.value.diagnostics[0]
    assert diag.path == f"notice.{field}" and right in diag.message and diag.location.line == 3, str(diag)


@pytest.mark.parametrize("extra", ['  copy_number: "000001"\n', "  secrecy: 机密★1年\n", "  secrecy: 绝密\n",
                                   "  secrecy: 秘密★长期\n"])
def test_good_forms_accepted(extra):
    loads(with_notice(extra))


def test_notice_without_body_gets_the_issue_sentence():
    plan, warnings = loads_with_warnings(with_notice(drop=("body",)))
    sentence = "现将《沈阳市2021年政务公开工作要点》印发给你们，请结合实际认真贯彻执行。"
    assert build_context(plan).notice.body == [sentence]
    assert any("没有正文" in w.message and sentence in w.message and w.path == "notice.body" for w in warnings)


def test_notice_without_recipients_warns():
    _, warnings = loads_with_warnings(with_notice(drop=("recipients",)))
    assert any("主送机关" in w.message and w.path == "notice.recipients" for w in warnings)
    _, warnings = loads_with_warnings(MINI)
    assert not any("没有主送机关" in w.message or "没有正文" in w.message for w in warnings)


def test_build_never_fails_its_own_checker(tmp_path):
    """`zwgk build` checks the notice it wrote and prints any 不符合; for our own output there is none."""
    from click.testing import CliRunner

    from conftest import example_path
    from zwgk_docs.check import self_check
    from zwgk_docs.cli import main

    variant = tmp_path / "variant.yaml"
    variant.write_text(with_notice(
        "  seal_image: " + str(ROOT / "tests" / "data" / "seal.png") + "\n"
        "  cc: [市委各部门, 市人大常委会办公厅, 市政协办公厅, 市中级人民法院, 市人民检察院, 各人民团体, 各民主党派, 驻市部队]\n"
        "  printer: 沈阳市人民政府办公室\n  print_date: 2021-06-23\n", drop=("body",)), encoding="utf-8")
    for plan in (variant, example_path("jilin-2018")):
        out = tmp_path / plan.stem
        result = CliRunner().invoke(main, ["build", str(plan), "-o", str(out), "-f", "docx"])
        assert result.exit_code == 0, result.output
        assert "不符合" not in result.output, result.output
        assert self_check([out / "notice.docx"]) == []


def test_headings_in_the_notice_text_use_their_fonts(tmp_path):
    """"一、" in 黑体 and "（一）" in 楷体 inside the 通知's own 正文 (§7.3.3), docx and PDF; check agrees."""
    from zwgk_docs.check import check_docx
    from zwgk_docs.writers.docx import write
    from zwgk_docs.writers.pdf import notice_html

    plan = loads(MINI)
    plan.notice.body = ["为做好今年工作，现通知如下。", "一、总体要求", "各单位要高度重视。",
                        "（一）工作措施。各单位要加强组织领导。", "特此通知。"]
    ctx = build_context(plan)
    report = check_docx(write(ctx, tmp_path)[0].path)
    assert not [f for f in report.failures if f.clause == "7.3.3"], report.as_text()
    html = notice_html(ctx)
    assert '<span class="lead l1">一、总体要求</span>' in html and '<span class="lead l2">（一）工作措施。</span>' in html
