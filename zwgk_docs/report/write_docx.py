"""report.docx through the docxtpl template templates/docx/report.docx.

Text reaches the template only as context values (autoescaped); the statistics tables are
sub-documents built here from the report context's grids, in the template's named styles.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.document import Document
from docx.shared import Twips
from docx.table import _Row
from docxtpl import DocxTemplate, RichText
from docxtpl.subdoc import Subdoc

from ..resources import template_path
from ..writers import Output
from ..writers.docx import geometry
from ..writers.docx.fonts import apply_font_profile
from .context import Block, ReportContext
from .grid import Grid

SMALL = {"requests", "appeals"}  # 10 and 15 columns: 小五 so labels fit the 版心


def _styles(grid: Grid) -> dict[str, str]:
    suffix = "（小）" if grid.name in SMALL else ""
    return {"head": "统计表表头" + suffix, "label": "统计表行名" + suffix, "value": "统计表文字" + suffix}


def _mark_row(row: _Row, tag: str) -> None:
    trpr = row._tr.get_or_add_trPr()
    el = OxmlElement(tag)
    el.set(qn("w:val"), "true")
    trpr.append(el)


def table_subdoc(tpl: DocxTemplate, grid: Grid) -> Subdoc:
    sd = tpl.new_subdoc()
    table = sd.add_table(rows=len(grid.rows), cols=grid.columns)
    table.style = "统计表"
    table.autofit = False
    total = sum(grid.widths)
    widths = [int(geometry.TEXT_W * w / total) for w in grid.widths]
    for col, w in zip(table.columns, widths):
        col.width = Twips(w)
    for row in table.rows:
        for cell, w in zip(row.cells, widths):
            cell.width = Twips(w)
    for i, row in enumerate(table.rows):
        _mark_row(row, "w:cantSplit")
        if i < grid.header_rows:
            _mark_row(row, "w:tblHeader")  # repeated at the top of every page
    # Looked up once: python-docx's table.cell() lists every cell of the table, and setting a style
    # searches all styles twice (by name, then whether it is the default) — per cell, that made the
    # report's .docx take seconds. A merge only rewrites the cells it spans, and grid.cells() yields
    # each merged cell once; the style ids are what paragraph.style = name would set.
    cells = table._cells
    styles = {role: sd.part.get_style_id(name, WD_STYLE_TYPE.PARAGRAPH) for role, name in _styles(grid).items()}
    for r, c, cell in grid.cells():
        target = cells[r * grid.columns + c]
        if cell.rowspan > 1 or cell.colspan > 1:
            target = target.merge(cells[(r + cell.rowspan - 1) * grid.columns + c + cell.colspan - 1])
        target.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
        paragraph = target.paragraphs[0]
        paragraph._p.style = styles["label" if cell.label else "head" if cell.header else "value"]
        paragraph.add_run(cell.text)
    if grid.name != "units":  # a statistics table stays whole: every row keeps with the next (group labels never cut off)
        for row in table.rows[:-1]:
            for cell in row.cells:
                for paragraph in cell.paragraphs:
                    paragraph.paragraph_format.keep_with_next = True
    if grid.name == "requests":  # 表三 nearly fills a page: it starts one, so no group label is cut from its rows
        table.rows[0].cells[0].paragraphs[0].paragraph_format.page_break_before = True
    return sd


def _rich(tpl: DocxTemplate, block: Block) -> RichText:
    rt = RichText()
    if block.lead:
        rt.add(block.lead, style="FieldLabel")
    if block.kind == "evidence":
        for i, item in enumerate(block.items):
            if i:
                rt.add("；")
            if item.startswith(("http://", "https://")):
                rt.add(item, url_id=tpl.build_url_id(item))
            else:
                rt.add(item)
    else:
        rt.add(block.text)
    return rt


def docx_values(tpl: DocxTemplate, report: ReportContext) -> dict[str, Any]:
    """The template's context: plain values, sub-documents and RichText."""
    sections = []
    for s in report.sections:
        blocks = []
        for b in s.blocks:
            value: dict[str, object] = {"kind": b.kind, "text": b.text, "level": b.level}
            if b.kind == "table" and b.grid is not None:
                value["table"] = table_subdoc(tpl, b.grid)
            elif b.kind in ("field", "evidence"):
                value["rich"] = _rich(tpl, b)
            blocks.append(value)
        sections.append({"heading": s.heading, "blocks": blocks})
    return {"title": report.title, "intro": report.intro, "sections": sections,
            "organ": report.organ, "date_text": report.date_text}


def keep_signoff_with_text(document: Document) -> None:
    """署名 and 日期 never alone on the last page: the last lines of text keep with them (§7.3.5.5)."""
    paras = document.paragraphs
    signs = [i for i, p in enumerate(paras) if p.style is not None and p.style.name == "报告署名"]
    if not signs:
        return
    first = signs[0]
    texts = [i for i in range(first) if paras[i].text.strip()]
    start = texts[-1] if texts else first
    for i in range(start, signs[-1]):
        paras[i].paragraph_format.keep_with_next = True
    if texts:
        paras[start].paragraph_format.widow_control = True


def write_docx(report: ReportContext, out_dir: Path) -> list[Output]:
    tpl = DocxTemplate(str(template_path("docx", "report.docx")))
    tpl.render(docx_values(tpl, report), autoescape=True)
    apply_font_profile(tpl.docx, report.fonts)
    keep_signoff_with_text(tpl.docx)
    core = tpl.docx.core_properties
    core.title, core.author, core.comments = report.title, report.organ or "zwgk_docs", ""
    path = Path(out_dir) / "report.docx"
    tpl.save(str(path))
    return [Output("report.docx", path)]

