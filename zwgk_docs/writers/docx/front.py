"""The 通知's front matter (版头, 标题, 主送, 正文, 附件说明, 署名, 日期, 附注) as docxtpl values.

The layout lives in the template; this module only supplies data, and the few numbers the
template cannot know: right indents of 署名/日期 (set after rendering) and the size of a
long 发文机关标志.
All text reaches the template as values (autoescaped or RichText), never as template source.
"""

from __future__ import annotations

from typing import Any, TypedDict

from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph
from docxtpl import RichText

from ...context import RenderContext
from ...standard import gbt9704 as std
from . import carry
from . import geometry as g
from ...context.text import split_heading
from ...model.text import clean_text as clean
from .ooxml import style_id
from .text import one_line, paragraphs, width_in_chars


def _rich(text: str, style: str = "", size_pt: float = 0) -> RichText:
    rt = RichText()
    if text:
        rt.add(clean(text), style=style or None, size=int(size_pt * 2) if size_pt else None)
    return rt


def _mark_pt(text: str) -> float:
    """The 发文机关标志 size when a long name needs less than the template's (else 0: the style's)."""
    size = std.issuer_mark_pt(text)
    return 0.0 if size >= g.MARK_PT else size


def signature_indents(signature: str, date: str, sealed: bool) -> tuple[float, float]:
    """Right indents in 字 of 署名 and 成文日期 (§7.3.5).

    No seal: 署名 right-indented 2 字, the date starting 2 字 right of the 署名's first
    character; a date longer than that is right-indented 2 字 and the 署名 moves left.
    Seal: date right-indented 4 字, 署名 centred on it.
    """
    ls, ld = width_in_chars(signature), width_in_chars(date)
    if sealed:
        date_right = std.SEALED_DATE_RIGHT_ZI
        return max(date_right + (ld - ls) / 2, 0), date_right
    sig, dat = std.SIGNATURE_RIGHT_ZI, ls - ld - std.DATE_OFFSET_ZI + std.SIGNATURE_RIGHT_ZI
    if dat < std.SIGNATURE_RIGHT_ZI:
        dat = std.SIGNATURE_RIGHT_ZI
        sig = dat + ld + std.DATE_OFFSET_ZI - ls
    return sig, dat


class AttachmentLine(TypedDict):
    number: int
    title: str


class FrontValues(TypedDict):
    """The notice template's values (templates/docx/notice.docx), then the sign-off's indents."""

    head1: RichText
    head2: RichText
    head3: RichText
    issuer_mark: RichText
    mark_pt: float
    signer: str
    doc_number: str
    title: RichText
    recipients: str
    body: list[str]
    attachments_here: bool
    attachments: list[AttachmentLine]
    seal: bool
    signature: str
    date_text: str
    note_text: str
    indents: dict[str, float]  # paragraph style id → right indent in 字
    title_lines: list[str]  # not in the template: place_signature sets the 标题's line breaks


def front_values(ctx: RenderContext) -> FrontValues:
    n = ctx.notice
    assert n is not None
    head = ([_rich(n.copy_number, "CopyNumberChar")] if n.copy_number else []) + [
        _rich(t) for t in (n.secrecy, n.urgency) if t
    ]
    head += [_rich("") for _ in range(3 - len(head))]
    sig_right, date_right = signature_indents(one_line(n.signature), one_line(n.date_text), bool(n.seal_image))
    return {
        "head1": head[0], "head2": head[1], "head3": head[2],
        "issuer_mark": _rich(one_line(n.issuer_mark), size_pt=_mark_pt(one_line(n.issuer_mark))),
        "mark_pt": _mark_pt(one_line(n.issuer_mark)),
        "signer": one_line(n.signer),
        "doc_number": one_line(n.doc_number),
        "title": _rich(n.title),
        "recipients": one_line(n.recipients),
        "body": paragraphs(n.body),
        "attachments_here": bool(n.attachments) and not n.plan_after_notice,
        "attachments": [{"number": a.number, "title": one_line(a.title)} for a in n.attachments],
        "seal": bool(n.seal_image),
        "signature": one_line(n.signature),
        "date_text": one_line(n.date_text),
        "note_text": one_line(n.note_text),
        "indents": {"Signature": sig_right, "DocDate": date_right},
        "title_lines": [clean(line) for line in n.title_lines],
    }


def place_signature(document: Any, values: FrontValues) -> None:  # a python-docx Document (docxtpl's, untyped)
    """Right indents of 署名 and 日期 (in 字), and the keep-with-next chain of §7.3.5.5.

    Set after rendering, so the template stays valid OOXML. The chain runs from the last 正文
    lines through the 附件说明 and blank lines to 署名, 日期 and 附注: Word and LibreOffice then
    carry the last lines of 正文 over with the sign-off rather than leave it alone on a page.
    A one-line last paragraph ("特此通知。") also takes the paragraph before it along (its last
    two lines, by widow control).
    """
    paragraphs = document.paragraphs
    for i, p in enumerate(paragraphs):
        style = style_id(p)
        if style == "IssuerMark" and values["mark_pt"]:
            line, before = g.mark_spacing(values["mark_pt"])
            spacing = p._p.get_or_add_pPr().get_or_add_spacing()
            spacing.set(qn("w:line"), str(line))
            spacing.set(qn("w:lineRule"), "exact")
            spacing.set(qn("w:before"), str(before))
        if style == "Title":
            _title_lines(p, values["title_lines"])
        if style not in values["indents"]:
            continue
        chars = values["indents"][style]
        ind = p._p.get_or_add_pPr().get_or_add_ind()  # python-docx keeps the schema order of pPr
        ind.set(qn("w:right"), str(g.chars(chars)))
        ind.set(qn("w:rightChars"), str(int(round(chars * 100))))
        if style == "DocDate" and values["note_text"]:
            _keep_next(p)
        if style == "Signature":
            _heading_fonts(paragraphs[:i])
            _chain_and_carry(paragraphs, i)


_NOTE_STYLES = ("AttachNote", "AttachNoteFirst", "AttachNoteNext")


def _title_lines(p: Any, lines: list[str]) -> None:
    """The 标题's lines as the context chose them (§7.3.1: words kept whole), as line breaks: Word,
    WPS and LibreOffice then turn where the PDF does, not where their own wrapping would."""
    run = next((r for r in p.runs if r.text), None)
    if run is None or len(lines) < 2 or run.text != "".join(lines):
        return
    run.text = "\n".join(lines)  # python-docx writes each "\n" as <w:br/>


_SIGNOFF_STYLES = ("Signature", "DocDate", "Note")


def _chain_before(before: list[Paragraph]) -> int:
    """keepNext on the blank lines, 附件说明 and last 正文 paragraphs above the 署名; the index of
    the first 正文 paragraph kept (-1 if none)."""
    text_kept, first = 0, -1
    for i in range(len(before) - 1, -1, -1):
        p = before[i]
        if style_id(p) in ("Recipients", "Title") or text_kept >= 2:
            break
        _keep_next(p)
        if p.text.strip() and style_id(p) not in _NOTE_STYLES:
            text_kept, first = text_kept + 1, i
            if width_in_chars(p.text) > g.CHARS_PER_LINE - 2:  # more than one line: it carries enough
                break
    return first


def _chain_and_carry(paragraphs: list[Paragraph], signature: int) -> None:
    """The keep chain, and the carry-over split LibreOffice needs when the chain would take all of
    a page-1 正文 along (carry.py)."""
    kept = _chain_before(paragraphs[:signature])
    head = max((i for i, p in enumerate(paragraphs[:signature]) if style_id(p) in ("Recipients", "Title")), default=-1)
    if kept < 0:
        return
    # lines left on page 1 where the kept paragraph starts (none: it starts on a later page)
    free = carry.page_one_free_lines(paragraphs[:head + 1]) - carry.body_lines(paragraphs[head + 1:kept])
    if free <= 0:
        return
    end = signature
    while end + 1 < len(paragraphs) and style_id(paragraphs[end + 1]) in _SIGNOFF_STYLES:
        end += 1
    carry.carry_over(paragraphs[kept], paragraphs[kept + 1:end + 1], free)


def _keep_next(p: Paragraph) -> None:
    p.paragraph_format.keep_with_next = True


_LEVEL_STYLES = {1: ("GwHeading1", "GwHeading1Char"), 2: ("GwHeading2", "GwHeading2Char")}


def _heading_fonts(before: list[Paragraph]) -> None:
    """"一、" / "（一）" headings in the 通知's own 正文 in 黑体 / 楷体 (§7.3.3), like those of the 要点."""
    start = max((i for i, p in enumerate(before) if style_id(p) in ("Recipients", "Title")), default=-1)
    for p in before[start + 1:]:
        if style_id(p) not in ("Normal", "") or len(p.runs) != 1:
            continue
        level, head, rest = split_heading(p.text)
        if not level:
            continue
        para_style, char_style = _LEVEL_STYLES[level]
        if not rest:
            p._p.get_or_add_pPr().style = para_style  # by style id
            continue
        first = p.runs[0]
        first.text = head
        first._r.get_or_add_rPr().style = char_style
        p.add_run(rest)
