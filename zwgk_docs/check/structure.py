"""Find the 公文 elements in a document's paragraphs, by content and position (GB/T 9704 §7).

Works on hand-made documents too: nothing here depends on our own style names.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Optional

from .docxread import Document, Para, is_red

DOC_NUMBER_LIKE = re.compile(r"[\u4e00-\u9fa5]+\s*[〔\[【(（［]\s*\d{4}\s*[〕\]】)）］]\s*第?\s*\d+\s*号")
DATE_LIKE = re.compile(r"^\s*(\d{4}|[〇○零一二三四五六七八九]{4})\s*年\s*[\d〇○零一二三四五六七八九十]{1,3}\s*月\s*[\d〇○零一二三四五六七八九十]{1,3}\s*日\s*$")
ANNEX_MARK = re.compile(r"^附件\s*(\d*)$")
ANNEX_NOTE = re.compile(r"^附件\s*[：:]")
ANNEX_NEXT = re.compile(r"^(\d+)\s*[.．、]\s*\S")


@dataclass
class Annex:
    mark: Para
    number: Optional[int]
    title: Optional[Para]
    blank_between: int


@dataclass
class Layout:
    mark: Optional[Para] = None  # 发文机关标志
    doc_number: Optional[Para] = None
    separator: Optional[Para] = None  # paragraph carrying the red rule
    title: Optional[Para] = None
    title_lines: list[Para] = field(default_factory=list)  # further paragraphs of a title typed line by line
    recipients: Optional[Para] = None
    note_lines: list[Para] = field(default_factory=list)  # 附件说明
    signature: Optional[Para] = None
    date: Optional[Para] = None
    remark: Optional[Para] = None  # 附注
    annexes: list[Annex] = field(default_factory=list)
    segment_titles: list[Para] = field(default_factory=list)  # 标题, 要点标题 …
    banji: list[Para] = field(default_factory=list)

    def skip(self) -> set[int]:
        """Paragraphs that are not running text (for the font and numbering checks)."""
        items = [self.mark, self.doc_number, self.separator, self.title, *self.title_lines, self.recipients, self.signature,
                 self.date, self.remark, *self.note_lines, *self.segment_titles, *self.banji]
        items += [a.mark for a in self.annexes] + [a.title for a in self.annexes if a.title]
        return {p.index for p in items if p is not None}


def _next_nonempty(paras: list[Para], start: int) -> tuple[Optional[Para], int]:
    blanks = 0
    for p in paras[start:]:
        if p.empty:
            blanks += 1
            continue
        return p, blanks
    return None, blanks


def _big_centred(p: Para) -> bool:
    run = p.main_run
    return p.jc == "center" and run is not None and run.size >= 20 and not is_red(run.color)


def _same_title(title: Para, p: Para) -> bool:
    a, b = title.main_run, p.main_run
    return (not p.empty and p.jc == title.jc == "center" and a is not None and b is not None
            and abs(a.size - b.size) < 0.3 and a.font == b.font and not p.text.rstrip().endswith(("：", ":")))


def find(doc: Document) -> Layout:
    paras = doc.paragraphs
    lay = Layout()
    head = paras[:25]
    lay.mark = next((p for p in head if not p.empty and p.main_run and is_red(p.main_run.color)), None)
    lay.doc_number = next((p for p in head if DOC_NUMBER_LIKE.search(p.text) and len(p.text) < 60), None)
    if lay.mark is None and lay.doc_number is not None:  # a black 标志 is still the 标志
        lay.mark = next((p for p in reversed(paras[:lay.doc_number.index]) if not p.empty), None)
    lay.separator = next((p for p in head if any(is_red(c) for c in p.border_colors)), None)
    after = max([p.index for p in (lay.mark, lay.doc_number, lay.separator) if p is not None], default=-1)
    title, _ = _next_nonempty(paras, after + 1)
    if title is not None and (after >= 0 or _big_centred(title)):
        lay.title = title
        # a title typed over two or more paragraphs (one per line): the lines directly below in the same type
        last = title
        while last.index + 1 < len(paras) and _same_title(title, paras[last.index + 1]):
            last = paras[last.index + 1]
            lay.title_lines.append(last)
        rec, blanks = _next_nonempty(paras, last.index + 1)
        if rec is not None and rec.text.rstrip().endswith(("：", ":")) and len(rec.text) < 200:
            lay.recipients = rec
    lay.segment_titles = [p for p in paras if _big_centred(p) and p is not lay.title]
    if lay.title is not None:
        lay.segment_titles.insert(0, lay.title)
    # 附件说明: "附件：…" and the numbered lines right after it
    for p in paras:
        if ANNEX_NOTE.match(p.text.strip()):
            lay.note_lines = [p]
            for q_ in paras[p.index + 1:]:
                if ANNEX_NEXT.match(q_.text.strip()) and not q_.empty:
                    lay.note_lines.append(q_)
                else:
                    break
            break
    # 成文日期: a date on its own line after the text; 署名 just above it; 附注 just below
    for p in paras:
        if DATE_LIKE.match(p.text) and (lay.title is None or p.index > lay.title.index):
            lay.date = p
            above = [x for x in paras[:p.index] if not x.empty]
            lay.signature = above[-1] if above and len(above[-1].text.strip()) < 40 else None
            below, blanks = _next_nonempty(paras, p.index + 1)
            if below is not None and blanks == 0 and re.match(r"^[（(].*[）)]$", below.text.strip()):
                lay.remark = below
            break
    for p in paras:
        m = ANNEX_MARK.match(p.text.strip())
        if m:
            title, blanks = _next_nonempty(paras, p.index + 1)
            lay.annexes.append(Annex(p, int(m.group(1)) if m.group(1) else None, title, blanks))
    lay.banji = [p for p in doc.paragraphs + doc.table_paragraphs
                 if p.text.strip().startswith(("抄送", "主送：")) or re.search(r"\d+\s*日\s*印发\s*$", p.text)]
    return lay
