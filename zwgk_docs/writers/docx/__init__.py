"""The 通知 as a Word document (GB/T 9704-2012), from templates/docx/notice.docx.

docxtpl fills the 通知's front matter from the template; the 要点, the 附件 pages (the task
table on landscape pages) and the 版记 are then appended with the template's named styles.

A plan without a `notice` (四平、池州、泰达 publish only the task table) has no 通知 to
format: no notice.docx is written and the writer returns [] (the task table is in tasks.xlsx).
"""

from __future__ import annotations

from pathlib import Path

from docxtpl import DocxTemplate

from ...context import RenderContext
from ...resources import template_path
from .. import Output
from ..templating import docx_environment
from .annex import add_attachments
from .banji import add_banji, has_banji
from .fonts import apply_font_profile
from .front import front_values, place_signature
from .ooxml import Body
from .prose import add_attachment_note, add_plan
from .seal import press_seal
from .sections import Sections


def write(ctx: RenderContext, out_dir: Path) -> list[Output]:
    notice = ctx.notice
    if notice is None:
        return []
    seal = ctx.seal  # checked before anything is written; resolved once in the context (files.py)
    tpl = DocxTemplate(str(template_path("docx", "notice.docx")))
    values = front_values(ctx)
    tpl.render(values, docx_environment(), autoescape=True)
    document = tpl.docx
    place_signature(document, values)
    apply_font_profile(document, ctx.fonts)
    body = Body(document)
    sections = Sections(body, document)
    if notice.plan_after_notice:
        add_plan(body, ctx.plan_title, ctx.prose)
        add_attachment_note(body, notice)
    add_attachments(body, sections, ctx)
    if has_banji(notice):
        if notice.banji_even_page:
            sections.start_even_page()
        elif sections.landscape:
            sections.start(landscape=False)
        add_banji(body, notice)
    sections.finish()
    if seal is not None:
        press_seal(document, seal, notice.date_text, values["indents"]["DocDate"])
    path = Path(out_dir) / "notice.docx"
    document.core_properties.title = notice.title
    document.core_properties.author = notice.issuer
    document.save(str(path))
    return [Output("notice.docx", path)]
