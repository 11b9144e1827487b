"""A review Sheet as .docx: A4 landscape, tables with a repeated header row, insertions
underlined in red, deletions struck through; paragraph and character styles are named
(对照表正文, 新增文字, 删去文字…) so an office restyles them in Word/WPS."""

from __future__ import annotations

from pathlib import Path
from typing import Union

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import qn
from docx.section import Section
from docx.shared import Cm, Mm, Pt, RGBColor
from docx.styles.style import BaseStyle
from docx.table import _Cell
from docx.text.run import Run

from ..fonts import office_fonts
from ..standard import gbt9704 as std
from ..writers.docx.geometry import page_number_runs_xml
from .sheet import Cell, Sheet, Table

BODY_PT = 10.5
BOTTOM_MARGIN_CM = 1.8
# Page-number styles: odd pages right, even pages left (GB/T 9704 §7.5, as the 通知).
PAGE_NUMBER_STYLES = {"odd": "对照表页码", "even": "对照表双页码"}
CHAR_STYLES = {"ins": "新增文字", "del": "删去文字", "hint": "建议文字", "strong": "要点文字", "alert": "提醒文字"}


def _east_asian(style_or_run: Union[BaseStyle, Run], name: str) -> None:
    rpr = style_or_run.element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia"):
        fonts.set(qn(attr), name)


def _styles(doc: DocxDocument) -> None:
    f = office_fonts("gb2312")
    normal = doc.styles["Normal"]
    normal.font.size = Pt(BODY_PT)
    _east_asian(normal, f["number"])
    for name, size, font, align in (("对照表标题", 16, f["heading1"], WD_ALIGN_PARAGRAPH.CENTER),
                                    ("对照表小标题", 12, f["heading1"], None),
                                    ("对照表说明", BODY_PT, f["number"], None),
                                    ("对照表正文", BODY_PT, f["number"], None),
                                    ("对照表表头", BODY_PT, f["heading1"], WD_ALIGN_PARAGRAPH.CENTER)):
        s = doc.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        s.base_style = normal
        s.font.size = Pt(size)
        _east_asian(s, font)
        s.paragraph_format.space_after = Pt(2 if name in ("对照表正文", "对照表表头") else 6)
        if name == "对照表小标题":
            s.paragraph_format.space_before = Pt(12)
            s.paragraph_format.keep_with_next = True
        if align is not None:
            s.paragraph_format.alignment = align
    for side, name in PAGE_NUMBER_STYLES.items():
        s = doc.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        s.base_style = doc.styles["Footer"]
        s.font.size = Pt(std.FOOTER_PT)
        _east_asian(s, f["number"])
        fmt = s.paragraph_format
        fmt.space_before = fmt.space_after = Pt(0)
        fmt.alignment = WD_ALIGN_PARAGRAPH.RIGHT if side == "odd" else WD_ALIGN_PARAGRAPH.LEFT
        inset = Pt(std.PAGE_NUMBER_INSET_ZI * std.FOOTER_PT)
        fmt.right_indent, fmt.left_indent = (inset, Pt(0)) if side == "odd" else (Pt(0), inset)
    for style, name in CHAR_STYLES.items():
        s = doc.styles.add_style(name, WD_STYLE_TYPE.CHARACTER)
        if style == "ins":
            s.font.color.rgb, s.font.underline = RGBColor(0xC0, 0, 0), True
        elif style == "del":
            s.font.color.rgb, s.font.strike = RGBColor(0x7F, 0x7F, 0x7F), True
        elif style == "hint":
            s.font.color.rgb, s.font.italic = RGBColor(0x44, 0x54, 0x6A), True
        elif style == "alert":
            s.font.color.rgb, s.font.bold = RGBColor(0xC0, 0, 0), True
        else:
            s.font.bold = True


def _fill(cell: _Cell, runs: Cell) -> None:
    p = cell.paragraphs[0]
    p.style = "对照表正文"
    for r in runs:
        for k, line in enumerate(r.text.split("\n")):
            if k:
                p = cell.add_paragraph(style="对照表正文")
            if line:
                p.add_run(line, style=CHAR_STYLES.get(r.style))


def _shade(cell: _Cell, fill: str) -> None:
    tcpr = cell._tc.get_or_add_tcPr()
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), fill)
    tcpr.append(shd)


def _table(doc: DocxDocument, table: Table, width_cm: float) -> None:
    doc.add_paragraph(table.title, style="对照表小标题")
    if not table.rows:
        doc.add_paragraph(table.empty, style="对照表说明")
        return
    t = doc.add_table(rows=1, cols=len(table.headers))
    t.style = "Table Grid"
    t.alignment = WD_TABLE_ALIGNMENT.CENTER
    t.autofit = False
    widths = [Cm(width_cm * w / sum(table.widths)) for w in table.widths]
    header = t.rows[0]
    trpr = header._tr.get_or_add_trPr()
    repeat = OxmlElement("w:tblHeader")
    repeat.set(qn("w:val"), "true")
    trpr.append(repeat)
    for c, h in enumerate(table.headers):
        header.cells[c].text = ""
        header.cells[c].paragraphs[0].style = "对照表表头"
        header.cells[c].paragraphs[0].add_run(h)
        _shade(header.cells[c], "E3EAF3")
    for row in table.rows:
        cells = t.add_row().cells
        if row.group:
            merged = cells[0].merge(cells[-1])
            merged.paragraphs[0].style = "对照表正文"
            merged.paragraphs[0].add_run(row.group, style=CHAR_STYLES["strong"])
            _shade(merged, "F2F2F2")
            continue
        for c, cell in enumerate(row.cells):
            _fill(cells[c], cell)
    for c, column in enumerate(t.columns):  # the grid (LibreOffice) and each cell (Word)
        column.width = widths[c]
    for r in t.rows:
        for c, cell in enumerate(r.cells):
            cell.width = widths[min(c, len(widths) - 1)]


def _page_numbers(doc: DocxDocument, section: Section) -> None:
    """"— N —" in 4号宋体 as in the 通知 (§7.5): odd pages right, even pages left, 1 字 in, the
    line 7 mm below the text block."""
    doc.settings.odd_and_even_pages_header_footer = True
    line_mm = std.FOOTER_PT / std.PT_PER_MM
    section.footer_distance = Mm(BOTTOM_MARGIN_CM * 10 - std.PAGE_NUMBER_GAP_MM - line_mm / 2)
    for footer, side in ((section.footer, "odd"), (section.even_page_footer, "even")):
        footer.is_linked_to_previous = False
        p = footer.paragraphs[0]
        p.style = PAGE_NUMBER_STYLES[side]
        for r in list(parse_xml(page_number_runs_xml())):
            p._p.append(r)


def _drop_styles_with_effects(doc: DocxDocument) -> None:
    """python-docx's blank template carries Word 2010's stylesWithEffects.xml, a stale copy of the
    styles without ours; Word 2013+ neither writes nor needs it, and a copy that differs from
    styles.xml is what Word may call unreadable content."""
    for rid, rel in list(doc.part.rels.items()):
        if rel.reltype.endswith("/stylesWithEffects"):
            doc.part.drop_rel(rid)


def write_docx(sheet: Sheet, path: Path) -> Path:
    doc = Document()
    section = doc.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Cm(29.7), Cm(21.0)
    for side in ("left_margin", "right_margin"):
        setattr(section, side, Cm(2.0))
    section.top_margin = section.bottom_margin = Cm(BOTTOM_MARGIN_CM)
    _styles(doc)
    _page_numbers(doc, section)
    doc.add_paragraph(sheet.title, style="对照表标题")
    for note in sheet.notes + (["内容变化一栏：红色下划线为新增的文字，灰色删除线为删去的文字。"] if sheet.legend else []):
        doc.add_paragraph(note, style="对照表说明")
    for table in sheet.tables:
        _table(doc, table, 29.7 - 4.0)
    doc.core_properties.title = sheet.title
    _drop_styles_with_effects(doc)
    doc.save(str(path))
    return path
