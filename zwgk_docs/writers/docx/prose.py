"""The 要点 text: headings in the font of their level (§7.3.3) through named styles."""

from __future__ import annotations

from ...context import NoticeInfo, ProseBlock
from .ooxml import Body, paragraph, run, text_paragraph
from .text import paragraphs

# style_level → (paragraph style for a heading on its own line, character style for a lead-in)
LEVEL_STYLES = {
    1: ("GwHeading1", "GwHeading1Char"),  # 黑体
    2: ("GwHeading2", "GwHeading2Char"),  # 楷体
    3: ("GwHeading3", "GwHeading3Char"),  # 仿宋
    4: ("GwHeading4", "GwHeading4Char"),  # 仿宋
}


def add_blocks(body: Body, blocks: list[ProseBlock]) -> None:
    for block in blocks:
        para_style, char_style = LEVEL_STYLES.get(block.style_level, ("Normal", None))
        texts = paragraphs([block.text])
        if block.lead_in and not texts:
            body.add(text_paragraph(block.lead_in, para_style))
        elif block.lead_in:
            body.add(paragraph(None, [run(block.lead_in, char_style), run(texts.pop(0))]))
        for text in texts:
            body.add(text_paragraph(text))


def add_attachment_note(body: Body, notice: NoticeInfo) -> None:
    """附件说明 (§7.3.4), one blank line below the text; same styles as the template's."""
    lines = notice.attachment_note
    if not lines:
        return
    body.add(paragraph())
    if len(lines) == 1:
        body.add(text_paragraph(lines[0].text, "AttachNote"))
        return
    for i, line in enumerate(lines):
        body.add(paragraph("AttachNoteNext" if i else "AttachNoteFirst", [run(f"{line.label}{line.number}\t{line.title}")]))


def add_plan(body: Body, title: str, blocks: list[ProseBlock], title_style: str = "PlanTitle") -> None:
    body.add(text_paragraph(title, title_style), paragraph())
    add_blocks(body, blocks)
