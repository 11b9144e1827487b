"""§7.3.5.5 as LibreOffice lays it out: the sign-off carried over with the last lines of the 正文,
never with the whole of the 正文 on page 1.

The keep-with-next chain (front.place_signature) keeps the last 正文 paragraph with the 署名. Word
then carries only the paragraph's last lines over (widow control); LibreOffice moves the whole
paragraph, however long. When that paragraph starts on page 1 and does not end there together
with the sign-off, LibreOffice would leave page 1 without 正文 (§7.3.3 "首页必须显示正文") or
with a gap as tall as the paragraph. Then the paragraph is split where its last two lines begin,
estimated on the 28-字 grid (page 1's rows are the template's, known here): the first
part keeps the page-1 lines and ends justified to the margin (style 正文（转页）, jc distribute: a
line estimated a little short of full is spread, never left ragged); the second part, without its
first-line indent (style 正文（续）), goes over with the sign-off. In Word the two read the same.
"""

from __future__ import annotations

import copy
import math
from typing import Any

from docx.oxml.ns import qn

from ...standard import gbt9704 as std
from ...standard.text_width import CLOSING, OPENING, char_pt, piece_pt
from . import geometry as g
from .ooxml import style_id
from .text import width_in_chars

CARRIED_LINES = 2  # 正文 lines that go over with the sign-off
# Slack at the end of the first part's last line: the estimate must end before LibreOffice's line
# does (the line is then spread by a few points), never after it (a word alone on a spread line).
END_SLACK_ZI = 1.0

_RULE = g.pt(g.RED_RULE_SPACE) + g.RED_RULE_SZ * 20 // 8  # the red rule under the 发文字号


def line_starts(text: str, indent_zi: float = 2.0, size_pt: float = std.BODY_PT) -> list[int]:
    """Where each printed line of a paragraph starts (LibreOffice's breaking, approximately)."""
    width = std.TEXT_W_MM * std.PT_PER_MM
    starts, used = [0], indent_zi * std.ZI_PT
    i = 0
    while i < len(text):
        j = i + 1  # a Latin word or a number does not break
        while j < len(text) and text[j - 1].isascii() and text[j].isascii() and not text[j].isspace():
            j += 1
        piece = piece_pt(text, i, j, size_pt)
        if used + piece > width and used > 0 and text[i] not in CLOSING:
            start = i - 1 if text[i - 1] in OPENING and i - 1 > starts[-1] else i
            starts.append(start)
            used = piece_pt(text, start, j, size_pt)
        else:
            used += piece
        i = j
    return starts


def _lines(p: Any, per_line: float) -> int:
    """Printed lines of a paragraph; each line break (the 标题's) starts one."""
    return sum(max(1, math.ceil(width_in_chars(line) / per_line)) for line in p.text.split("\n")) if p.text.strip() else 1


def page_one_free_lines(before: list[Any]) -> int:
    """Body lines left on page 1 under the 版头, 标题 and 主送 (the template's rows, in twips)."""
    used = 0
    for p in before:
        style = style_id(p)
        if style == "IssuerMark":
            spacing = p._p.pPr.find(qn("w:spacing")) if p._p.pPr is not None else None
            line = int(spacing.get(qn("w:line"))) if spacing is not None else g.MARK_LINE
            before_ = int(spacing.get(qn("w:before"))) if spacing is not None else g.MARK_BEFORE
            used += line + before_
        elif style == "Title":
            used += g.LINE * _lines(p, std.TEXT_W_MM * std.PT_PER_MM / std.TITLE_PT)
        else:
            used += g.LINE * _lines(p, g.CHARS_PER_LINE)
            if style in ("DocNumber", "DocNumberUp"):
                used += _RULE
    return (g.TEXT_H - used) // g.LINE


def body_lines(paragraphs: list[Any]) -> int:
    """Printed lines of 正文 paragraphs (blank ones one line each)."""
    return sum(len(line_starts(p.text)) if p.text.strip() else 1 for p in paragraphs)


def carry_over(p: Any, after: list[Any], free: int) -> bool:
    """Split p, the first 正文 paragraph kept with the sign-off (`after`: the paragraphs down to the
    附注), if LibreOffice would carry it whole off page 1 (`free` lines of page 1 left where it starts)."""
    if len(p.runs) != 1 or p.runs[0]._r.find(qn("w:t")) is None:
        return False
    text = p.text
    starts = line_starts(text)
    lines = len(starts)
    rest = sum(_lines(q, g.CHARS_PER_LINE) for q in after)
    # lines of 正文 going over anyway ("特此通知。"): the split carries only what is missing
    text_after = sum(_lines(q, g.CHARS_PER_LINE) for q in after if q.text.strip() and _is_body(q))
    carried = max(1, CARRIED_LINES - text_after)
    if lines + rest <= free - 1 or lines <= carried:
        return False  # all fits (with a line to spare for the estimate); or too short to split
    cut = _cut_before(text, starts[lines - carried])
    if cut <= starts[lines - carried - 1]:
        return False
    second = copy.deepcopy(p._p)
    p._p.addnext(second)
    p.runs[0].text = text[:cut]
    ppr = p._p.get_or_add_pPr()
    ppr.style = "BodyCarried"
    keep = ppr.find(qn("w:keepNext"))
    if keep is not None:  # the first part stays on page 1
        ppr.remove(keep)
    tail = type(p)(second, p._parent)
    tail.runs[0].text = text[cut:]
    second.get_or_add_pPr().style = "BodyContinued"
    return True


def _is_body(p: Any) -> bool:
    return style_id(p) in ("", "Normal", "BodyContinued")


def _cut_before(text: str, seam: int) -> int:
    """The cut END_SLACK_ZI before the seam, not inside a number or before closing punctuation."""
    cut, slack = seam, 0.0
    while cut > 0 and slack < END_SLACK_ZI * std.ZI_PT:
        cut -= 1
        slack += char_pt(text[cut])
    while cut > 0 and (text[cut] in CLOSING or (text[cut].isascii() and text[cut - 1].isascii())
                       or text[cut - 1] in OPENING):
        cut -= 1
    return cut
