"""§7.3.4–7.3.7 附件说明, 署名/成文日期, 附注, 附件; §7.4 版记."""

from __future__ import annotations

import re

from .docxread import Document
from .findings import Report, quote, where
from .fonts import describe, is_font
from .structure import ANNEX_NEXT, Layout

DATE = re.compile(r"^(\d{4})年([1-9]\d?)月([1-9]\d?)日$")


def check_date_text(text: str) -> list[str]:
    """Problems of a 成文日期 / 印发日期 (§7.3.5.4); [] when well formed."""
    text = re.sub(r"\s+", "", text)
    if re.search(r"[〇○零一二三四五六七八九十]", text):
        return ["应使用阿拉伯数字（如“2021年6月22日”）"]
    if re.search(r"年0\d|月0\d", text):
        return ["月、日不编虚位（如“6月”不写作“06月”）"]
    m = DATE.match(text)
    if not m:
        return ["格式应为“YYYY年M月D日”"]
    if not (1 <= int(m.group(2)) <= 12 and 1 <= int(m.group(3)) <= 31):
        return ["月、日超出范围"]
    return []


def _note_items(lay: Layout) -> list[tuple[int, str]]:
    """(number, title) from the 附件说明 lines."""
    if not lay.note_lines:
        return []
    first = re.sub(r"^附件\s*[：:]\s*", "", lay.note_lines[0].text.strip())
    items = []
    for text in [first] + [p.text.strip() for p in lay.note_lines[1:]]:
        m = ANNEX_NEXT.match(text)
        if m:
            items.append((int(m.group(1)), re.sub(r"^\d+\s*[.．、]\s*", "", text)))
        else:
            items.append((0, text))
    return items


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def check_attachment_note(doc: Document, lay: Layout, report: Report) -> None:
    items = _note_items(lay)
    if not items and not lay.annexes:
        return
    problems = []
    if items:
        first = lay.note_lines[0]
        if not first.text.strip().startswith("附件："):
            problems.append("“附件”后应标全角冒号“：”")
        if first.ind["left"] - first.ind["hanging"] + first.ind["firstLine"] < 500:
            problems.append("应左空二字")
        if len(items) > 1 and [n for n, _ in items] != list(range(1, len(items) + 1)):
            problems.append("多个附件应按 1. 2. 3. 顺序标注序号")
        for _, title in items:
            if re.search(r"[。，；、.,;:：]$", title):
                problems.append(f"附件名称后不加标点：{quote(title)}")
    numbered = len(items) > 1
    by_number = {(n if numbered else None): t for n, t in items}
    for annex in lay.annexes:
        title = annex.title.text.strip() if annex.title else ""
        if annex.number is None and numbered:
            problems.append(f"附件有多个，附件标识应带序号：{where(annex.mark)}")
            continue
        expected = by_number.get(annex.number)
        if items and expected is None:
            problems.append(f"附件说明中没有“{annex.mark.text.strip()}”")
        elif expected is not None and _squash(expected) != _squash(title):
            problems.append(f"“{annex.mark.text.strip()}”标题{quote(title)}与附件说明{quote(expected)}不一致")
    if problems:
        report.fail("7.3.4", "附件说明", "；".join(problems), where(lay.note_lines[0]) if lay.note_lines else "")
    elif items:
        report.ok("7.3.4", "附件说明", f"{len(items)} 个附件，名称与附件页一致")
    listed = {n for n, _ in items} if numbered else ({None} if items else set())
    missing = listed - {a.number for a in lay.annexes}
    if missing and items:
        report.warn("7.3.7", "附件", "附件说明列出的附件未见正文："
                    + "、".join(f"附件{n}" if n else "附件" for n in sorted(missing, key=lambda x: x or 0)) + "（如另行提供可忽略）")


def check_annex_pages(doc: Document, lay: Layout, report: Report) -> None:
    problems = []
    for annex in lay.annexes:
        p = annex.mark
        prev = doc.paragraphs[p.index - 1] if p.index > 0 else None
        new_page = p.page_break_before or (prev is not None and prev.breaks_page_after)
        if not new_page:
            problems.append(f"附件应另面编排：{where(p)}")
        if not is_font(p.font_at(0), "黑体", 16):
            problems.append(f"“附件”标识应为3号黑体，现为 {describe(p.font_at(0))}")
        if p.ind["left"] + p.ind["firstLine"] > 60 or p.jc not in ("left", "both", "start"):
            problems.append(f"“附件”标识应顶格：{where(p)}")
        if annex.title is None:
            problems.append(f"附件缺少标题：{where(p)}")
        elif annex.blank_between != 1:
            problems.append(f"附件标题应在版心第三行（标识下空一行），现空 {annex.blank_between} 行：{where(annex.title)}")
        elif annex.title.jc != "center":
            problems.append(f"附件标题应居中：{where(annex.title)}")
    if problems:
        report.fail("7.3.7", "附件", "；".join(problems))
    elif lay.annexes:
        report.ok("7.3.7", "附件", f"{len(lay.annexes)} 个附件另面编排，标识3号黑体顶格，标题居中")


def check_signature(doc: Document, lay: Layout, report: Report) -> None:
    if lay.date is None:
        report.fail("7.3.5", "成文日期", "未找到成文日期（单独一行的“YYYY年M月D日”）")
        return
    problems = check_date_text(lay.date.text)
    if problems:
        report.fail("7.3.5.4", "成文日期", "；".join(problems), where(lay.date))
    else:
        report.ok("7.3.5.4", "成文日期", quote(lay.date.text))
    if lay.signature is None:
        report.fail("7.3.5", "发文机关署名", "成文日期之上未找到发文机关署名")
    else:
        report.ok("7.3.5", "发文机关署名", quote(lay.signature.text))
    if lay.remark is not None:
        text = lay.remark.text.strip()
        if not (text.startswith("（") and text.endswith("）")):
            report.fail("7.3.6", "附注", "附注应加全角圆括号“（）”", where(lay.remark))
        elif not is_font(lay.remark.font_at(1), "仿宋", 16):
            report.fail("7.3.6", "附注", f"应为3号仿宋，现为 {describe(lay.remark.font_at(1))}", where(lay.remark))
        else:
            report.ok("7.3.6", "附注", quote(text))


def check_banji(doc: Document, lay: Layout, report: Report) -> None:
    if not lay.banji:
        return
    problems = []
    for p in lay.banji:
        text = p.text.strip()
        if text.startswith("抄送"):
            if not text.startswith("抄送："):
                problems.append("“抄送”后应标全角冒号")
            if not text.endswith("。"):
                problems.append("最后一个抄送机关名称后标句号")
        m = re.search(r"(\S+日)\s*印发\s*$", text)
        if m:
            problems += [f"印发日期{x}" for x in check_date_text(m.group(1))]
        if not is_font(p.main_run, "仿宋", 14):
            problems.append(f"版记应为4号仿宋，现为 {describe(p.main_run)}：{quote(text)}")
    if problems:
        report.fail("7.4", "版记", "；".join(problems))
    else:
        report.ok("7.4", "版记", "抄送、印发机关和印发日期为4号仿宋")
