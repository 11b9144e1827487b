"""§7.2 版头 and §7.3.1–7.3.2 标题, 主送机关."""

from __future__ import annotations

import re

from ..standard import forms
from ..standard.forms import doc_number_problems
from ..standard.title_breaks import INSIDE_WORD, break_costs
from .docxread import Document, Para, is_red
from .findings import Report, quote, where
from .fonts import describe, family, is_font
from .structure import Layout

check_doc_number = doc_number_problems  # the name tests and callers know


def check_head(doc: Document, lay: Layout, report: Report) -> None:
    if lay.mark is None:
        report.warn("7.2.4", "发文机关标志", "未找到红色的发文机关标志（信函、纪要等格式或无版头时可忽略）")
    else:
        run = lay.mark.main_run
        problems = []
        if lay.mark.jc != "center":
            problems.append("应居中排布")
        if not is_red(run.color if run else ""):
            problems.append("应为红色")
        if problems:
            report.fail("7.2.4", "发文机关标志", "，".join(problems), where(lay.mark))
        else:
            report.ok("7.2.4", "发文机关标志", f"红色、居中：{quote(lay.mark.text)}")
        if run is not None and family(run.font) != "小标宋":
            report.warn("7.2.4", "发文机关标志", f"推荐使用小标宋体字，现为 {describe(run)}", where(lay.mark))
    if lay.doc_number is None:
        if lay.mark is not None:
            report.fail("7.2.5", "发文字号", "版头中未找到发文字号")
    else:
        problems = check_doc_number(lay.doc_number.text)
        run = lay.doc_number.font_at(0)
        if not is_font(run, "仿宋", 16):
            problems.append(f"应为3号仿宋，现为 {describe(run)}")
        if "签发人" not in lay.doc_number.text and lay.doc_number.jc != "center":
            problems.append("应居中排布（上行文除外）")
        if lay.mark is not None:
            blanks = sum(1 for p in doc.paragraphs[lay.mark.index + 1:lay.doc_number.index] if p.empty)
            if blanks != 2:
                problems.append(f"发文机关标志下应空二行，现空 {blanks} 行")
        if problems:
            report.fail("7.2.5", "发文字号", "；".join(problems), where(lay.doc_number))
        else:
            report.ok("7.2.5", "发文字号", quote(lay.doc_number.text, 40))
    if lay.mark is not None or lay.doc_number is not None:
        if lay.separator is not None:
            indent = lay.separator.ind["left"] + lay.separator.ind["right"]
            if indent > 60:
                report.fail("7.2.7", "版头分隔线", "红色分隔线应与版心等宽（所在段落不应缩进）", where(lay.separator))
            else:
                report.ok("7.2.7", "版头分隔线", "红色，与版心等宽")
        elif doc.has_red_shape:
            bad = [w for w in doc.red_shape_widths_mm if abs(w - 156) > 1]
            if bad:
                report.fail("7.2.7", "版头分隔线", f"红色分隔线宽 {bad[0]:.0f} mm，应与版心等宽（156 mm）")
            else:
                report.ok("7.2.7", "版头分隔线", "红色线条")
        else:
            report.fail("7.2.7", "版头分隔线", "发文字号之下未找到红色分隔线")


def _check_title_breaks(printed: list[str], title: Para, report: Report) -> None:
    """§7.3.1 回行时要做到词意完整: a line break (or a new 标题 paragraph) inside a word of a title.
    Only breaks the document makes itself are seen; where Word wraps a long line is not known here."""
    whole, pos = "".join(printed), 0
    costs = break_costs(whole)
    for line in printed[:-1]:
        pos += len(line)
        if costs.get(pos) == INSIDE_WORD:
            report.warn("7.3.1", "标题", f"标题回行处拆开了词语：“{whole[max(0, pos - 4):pos]}|{whole[pos:pos + 4]}”"
                        "（回行时要做到词意完整）", where(title))


def check_title(doc: Document, lay: Layout, report: Report) -> None:
    if lay.title is None:
        report.fail("7.3.1", "标题", "未找到标题")
        return
    problems = []
    run = lay.title.main_run
    if not is_font(run, "小标宋", 22):
        problems.append(f"应为2号小标宋体字，现为 {describe(run)}")
    if lay.title.jc != "center":
        problems.append("应居中排布")
    printed = [line.strip() for p in [lay.title, *lay.title_lines] for line in p.text.split("\n") if line.strip()]
    whole = "".join(printed)
    _check_title_breaks(printed, lay.title, report)
    if whole.endswith(("。", ".", "；", "，")):  # usage (标题 is not a sentence); the clause does not spell it out
        report.warn("7.3.1", "标题", f"标题末尾不应加标点“{whole[-1]}”", where(lay.title))
    top = lay.separator or lay.doc_number
    if top is not None:
        blanks = sum(1 for p in doc.paragraphs[top.index + 1:lay.title.index] if p.empty)
        if blanks != 2:
            problems.append(f"红色分隔线下应空二行，现空 {blanks} 行")
    if problems:
        report.fail("7.3.1", "标题", "；".join(problems), where(lay.title))
    else:
        report.ok("7.3.1", "标题", f"2号小标宋体、居中：{quote(whole, 40)}")
    if lay.recipients is None:
        report.warn("7.3.2", "主送机关", "未找到主送机关（以冒号结尾的一行）")
        return
    problems = []
    text = lay.recipients.text.rstrip()
    if not text.endswith("："):
        problems.append("最后一个主送机关名称后应标全角冒号“：”")
    title_end = (lay.title_lines or [lay.title])[-1]
    blanks = sum(1 for p in doc.paragraphs[title_end.index + 1:lay.recipients.index] if p.empty)
    if blanks != 1:
        problems.append(f"应在标题下空一行，现空 {blanks} 行")
    if lay.recipients.ind["firstLine"] > 60 or lay.recipients.ind["left"] > 60:
        problems.append("应居左顶格")
    if not is_font(lay.recipients.font_at(0), "仿宋", 16):
        problems.append(f"应为3号仿宋，现为 {describe(lay.recipients.font_at(0))}")
    if problems:
        report.fail("7.3.2", "主送机关", "；".join(problems), where(lay.recipients))
    else:
        report.ok("7.3.2", "主送机关", quote(text, 40))


def check_pre_mark(doc: Document, lay: Layout, report: Report) -> None:
    """§7.2.2 份号 (6 digits) and §7.2.3 密级和保密期限 (★ between level and period), above the 标志."""
    if lay.mark is None:
        return
    for p in doc.paragraphs[:lay.mark.index]:
        text = re.sub(r"\s", "", p.text)
        if not text:
            continue
        if text.isdigit():
            if forms.COPY_NUMBER.match(text):
                report.ok("7.2.2", "份号", f"6 位阿拉伯数字：{text}")
            else:
                fixed = forms.copy_number_fixed(text)
                report.fail("7.2.2", "份号", "份号应为 6 位阿拉伯数字" + (f"，如“{fixed}”" if fixed else ""), where(p))
        elif text.startswith(forms.SECRECY_LEVELS):
            if forms.SECRECY.match(text):
                report.ok("7.2.3", "密级和保密期限", text)
            else:
                fixed = forms.secrecy_fixed(text)
                report.fail("7.2.3", "密级和保密期限", "密级和保密期限之间用“★”隔开" + (f"，应为“{fixed}”" if fixed else ""), where(p))
