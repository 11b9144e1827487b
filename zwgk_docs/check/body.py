"""§7.3.3 正文: 3号仿宋 text, the heading sequence 一、（一）1.（1） and each level's font."""

from __future__ import annotations

import re
from typing import Optional

from ..model.vocab import CN_NUMERAL_CHARS, parse_number
from .docxread import Document, Para
from .findings import Report, where
from .fonts import describe, family, is_font
from .structure import Layout

_CN = CN_NUMERAL_CHARS
LEVELS = [
    (1, re.compile(rf"^([{_CN}]+)、"), "黑体", "一、"),
    (2, re.compile(rf"^[（(]([{_CN}]+)[）)]"), "楷体", "（一）"),
    (3, re.compile(r"^(\d{1,3})[.．](?!\d)"), "仿宋", "1."),
    (4, re.compile(r"^[（(](\d{1,3})[）)]"), "仿宋", "（1）"),
]


def heading(text: str) -> Optional[tuple[int, int, str, str, int]]:
    """(level, number, required font, label form, label length) of a numbered heading at the start."""
    text = text.lstrip()
    for level, pattern, font, form in LEVELS:
        m = pattern.match(text)
        if m:
            try:
                n = parse_number(m.group(1))
            except ValueError:
                return None
            return level, n, font, form, m.end()
    return None


class _Sequence:
    """Per-level counters: a number continues its level or restarts at 1 under a new parent."""

    def __init__(self) -> None:
        self.last = {1: 0, 2: 0, 3: 0, 4: 0}
        self.may_restart = {1: True, 2: True, 3: True, 4: True}

    def step(self, level: int, n: int) -> Optional[str]:
        prev = self.last[level]
        problem = None
        if n == prev + 1 or (n == 1 and self.may_restart[level]):
            pass
        elif n == prev:
            problem = f"序号重复（{n}）"
        elif n > prev + 1:
            problem = f"序号跳号（{prev} 之后是 {n}）" if prev else f"序号应从 1 开始（现为 {n}）"
        else:
            problem = f"序号顺序错误（{prev} 之后是 {n}）"
        self.last[level] = n
        self.may_restart[level] = False
        for deeper in range(level + 1, 5):
            self.may_restart[deeper] = True
        return problem


def body_paragraphs(doc: Document, lay: Layout) -> list[Para]:
    skip = lay.skip()
    start = lay.recipients or lay.title
    first = start.index + 1 if start is not None else 0
    annex_pages = {a.mark.index for a in lay.annexes}
    return [p for p in doc.paragraphs[first:] if not p.empty and p.index not in skip and p.index not in annex_pages]


# Label forms GB/T 9704 §7.3.3 does not use, with the right one: 一、 （一） 1. （1）
WRONG_FORMS = [
    (re.compile(rf"^[{_CN}]+[.．,，]"), "“一.”应写作“一、”"),
    (re.compile(rf"^[（(][{_CN}]+[）)]、"), "“（一）、”应写作“（一）”（括号后不加顿号）"),
    (re.compile(rf"^\([{_CN}]+\)|^\([{_CN}]+）|^（[{_CN}]+\)"), "“(一)”应使用全角括号“（一）”"),
    (re.compile(r"^\d{1,3}、"), "“1、”应写作“1.”"),
    (re.compile(r"^\(\d{1,3}\)|^\(\d{1,3}）|^（\d{1,3}\)"), "“(1)”应使用全角括号“（1）”"),
    (re.compile(r"^[（(]\d{1,3}[）)][、.．]"), "“（1）、”应写作“（1）”"),
]


def wrong_form(text: str) -> str:
    text = text.lstrip()
    return next((why for pattern, why in WRONG_FORMS if pattern.match(text)), "")


def check_first_page_text(doc: Document, lay: Layout, report: Report) -> None:
    """§7.3.3 公文首页必须显示正文: some 正文 between 主送 (or 标题) and 署名/日期, before any page break."""
    start = lay.recipients or (lay.title_lines or [lay.title])[-1] if lay.title is not None else None
    end = lay.signature or lay.date
    if start is None or end is None:
        return
    between = doc.paragraphs[start.index + 1:end.index]
    text = [p for p in between if not p.empty and p.index not in lay.skip()]
    broken = next((p.index for p in between if p.page_break_before or p.breaks_page_after), None)
    if not text or (broken is not None and text[0].index > broken):
        report.fail("7.3.3", "正文", "公文首页必须显示正文：标题（主送机关）与署名之间没有正文", where(start))


def check_body(doc: Document, lay: Layout, report: Report) -> None:
    check_first_page_text(doc, lay, report)
    paras = body_paragraphs(doc, lay)
    if not paras:
        report.warn("7.3.3", "正文", "未找到正文")
        return
    segment_starts = sorted({p.index for p in lay.segment_titles} | {a.mark.index for a in lay.annexes})
    seq, seg = _Sequence(), 0
    numbering_problems, level_problems, font_problems = [], [], []
    count = 0
    for p in paras:
        while seg < len(segment_starts) and segment_starts[seg] < p.index:
            seq, seg = _Sequence(), seg + 1  # each document (通知, 要点, 附件) numbers on its own
        why = wrong_form(p.text)
        if why:
            numbering_problems.append(f"{why}：{where(p)}")
        found = heading(p.text)
        label_len = 0
        if found:
            level, n, font, form, label_len = found
            count += 1
            problem = seq.step(level, n)
            if problem:
                numbering_problems.append(f"{problem}：{where(p)}")
            run = p.font_at(0)
            if not is_font(run, font):
                level_problems.append(f"“{form}”级标题应用{font}，现为 {describe(run)}：{where(p)}")
        # the running text is 3号仿宋; a level-1/2 heading alone on its line is in its own font
        rest = p.main_run
        if found and found[0] in (1, 2) and rest is not None and family(rest.font) == found[2]:
            rest = None
        if rest is not None and not is_font(rest, "仿宋", 16):
            font_problems.append(f"{describe(rest)}：{where(p)}")
    if numbering_problems:
        report.fail("7.3.3", "结构层次序数", "；".join(numbering_problems[:8]) + ("……" if len(numbering_problems) > 8 else ""))
    else:
        report.ok("7.3.3", "结构层次序数", f"{count} 个层次序数连续、无重复")
    if level_problems:
        report.fail("7.3.3", "层次字体", "；".join(level_problems[:8]) + ("……" if len(level_problems) > 8 else ""))
    else:
        report.ok("7.3.3", "层次字体", "一级黑体、二级楷体、三级四级仿宋")
    if font_problems:
        report.fail("5.2.2", "正文字体字号", f"{len(font_problems)} 段正文不是3号仿宋：" + "；".join(font_problems[:5]))
    else:
        report.ok("5.2.2", "正文字体字号", f"{len(paras)} 段正文为3号仿宋")


def body_size(doc: Document, lay: Layout) -> float:
    """The type size most body paragraphs use (3号 = 16 pt when there is no body)."""
    sizes = [p.main_run.size for p in body_paragraphs(doc, lay) if p.main_run]
    return max(set(sizes), key=sizes.count) if sizes else 16.0


def body_line_twips(doc: Document, lay: Layout) -> Optional[float]:
    """The fixed line spacing most body paragraphs use, if any."""
    values = [p.line for p in body_paragraphs(doc, lay) if p.line_rule == "exact" and p.line]
    return max(set(values), key=values.count) if values else None
