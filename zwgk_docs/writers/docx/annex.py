"""附件 pages (§7.3.7): each on a new page, "附件N" 3号黑体 on line 1, title centred on line 3."""

from __future__ import annotations

from ...context import AttachmentInfo, RenderContext
from . import geometry as g
from .ooxml import Body, el, paragraph, text_paragraph
from .prose import add_blocks
from .sections import Sections
from .table import task_table


def _head(body: Body, attachment: AttachmentInfo, new_section: bool) -> None:
    mark = text_paragraph(attachment.mark, "AttachMark")
    if new_section:  # the section break already starts a new page
        mark.find("{*}pPr").append(el("w:pageBreakBefore", val=0))
    body.add(mark, paragraph(), text_paragraph(attachment.title, "AttachTitle"), paragraph())


def add_attachments(body: Body, sections: Sections, ctx: RenderContext) -> None:
    assert ctx.notice is not None
    for attachment in ctx.notice.attachments:
        if attachment.content == "none":  # listed in the 附件说明 only (另行提供)
            continue
        wide = attachment.content == "table"
        changed = wide != sections.landscape
        if changed:
            sections.start(landscape=wide)
        _head(body, attachment, changed)
        if wide:
            body.add(task_table(ctx.table, g.WIDE_TEXT_W), paragraph("TableEnd"))
        else:
            add_blocks(body, ctx.prose)
