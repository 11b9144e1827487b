#!/usr/bin/env python3
"""Regenerate templates/docx/notice.docx, the docxtpl template of the 通知 (GB/T 9704-2012).

Run from the repository root:  python scripts/make_docx_template.py [OUT.docx]

The template carries what an office may want to restyle in Word/WPS without touching code:
named styles (fonts, sizes, indents, spacing), the page set-up (A4, margins, 22-line grid, 28 characters by tracking),
the odd/even footers with the page number, and the 通知's front matter as docxtpl tags.
The 要点, the 附件 pages, the task table and the 版记 are appended by
zwgk_docs/writers/docx from the template's styles.

Fonts are written in the "gb2312" profile (zwgk_docs.fonts.PROFILES); the writer swaps the
names for the "plain" profile. Every run font sets w:eastAsia (and no theme font), so Word
does not fall back to the theme's 等线/宋体.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import docx  # noqa: E402
from docx.oxml import parse_xml  # noqa: E402
from docx.oxml.ns import nsdecls, qn  # noqa: E402

from zwgk_docs.fonts import PROFILES  # noqa: E402
from zwgk_docs.writers.docx import geometry as g  # noqa: E402

OUT = ROOT / "templates" / "docx" / "notice.docx"
F = PROFILES["gb2312"]
W = nsdecls("w")


# ------------------------------------------------------------------ style XML helpers

def fonts(name: str) -> str:
    return f'<w:rFonts w:ascii="{name}" w:hAnsi="{name}" w:eastAsia="{name}" w:cs="{name}" w:hint="eastAsia"/>'


def rpr(font: str, pt: float, color: str = "", bold: bool = False, tracking: int = 0, kern: bool = False) -> str:
    """w:rPr in the schema's child order (rFonts, b, color, spacing, kern, sz, szCs)."""
    half = int(round(pt * 2))
    colour = f'<w:color w:val="{color}"/>' if color else ""
    spacing_ = f'<w:spacing w:val="{tracking}"/>' if tracking else ""
    kern_ = '<w:kern w:val="2"/>' if kern else ""
    return f"<w:rPr>{fonts(font)}{'<w:b/>' if bold else ''}{colour}{spacing_}{kern_}<w:sz w:val=\"{half}\"/><w:szCs w:val=\"{half}\"/></w:rPr>"


def spacing(line: int = g.LINE, rule: str = "exact", before: int = 0) -> str:
    return f'<w:spacing w:before="{before}" w:after="0" w:line="{line}" w:lineRule="{rule}"/>'


def indent(left: float = 0, right: float = 0, first: float = 0, hanging: float = 0) -> str:
    """Indents in 字 (hundredths via *Chars for Word/WPS, twips for LibreOffice)."""
    attrs = [f'w:left="{g.chars(left)}" w:leftChars="{int(left * 100)}"',
             f'w:right="{g.chars(right)}" w:rightChars="{int(right * 100)}"']
    if hanging:
        attrs.append(f'w:hanging="{g.chars(hanging)}" w:hangingChars="{int(hanging * 100)}"')
    else:
        attrs.append(f'w:firstLine="{g.chars(first)}" w:firstLineChars="{int(first * 100)}"')
    return f"<w:ind {' '.join(attrs)}/>"


def pstyle(sid: str, name: str, ppr: str, run: str, based: str = "Normal", extra: str = "") -> str:
    return (
        f'<w:style {W} w:type="paragraph" w:customStyle="1" w:styleId="{sid}"><w:name w:val="{name}"/>'
        f'<w:basedOn w:val="{based}"/><w:next w:val="Normal"/><w:qFormat/>{extra}<w:pPr>{ppr}</w:pPr>{run}</w:style>'
    )


def cstyle(sid: str, name: str, run: str) -> str:
    return (
        f'<w:style {W} w:type="character" w:customStyle="1" w:styleId="{sid}"><w:name w:val="{name}"/>'
        f'<w:basedOn w:val="DefaultParagraphFont"/><w:qFormat/>{run}</w:style>'
    )


NO_GRID = "<w:snapToGrid w:val=\"0\"/>"  # type other than 3号 keeps its own line height, off the 28.95 pt grid
CENTER = '<w:jc w:val="center"/>'
LEFT = '<w:jc w:val="left"/>'
RIGHT = '<w:jc w:val="right"/>'


def red_rule(side: str, size_eighths: int, space_pt: int) -> str:
    return f'<w:pBdr><w:{side} w:val="single" w:sz="{size_eighths}" w:space="{space_pt}" w:color="{g.RED}"/></w:pBdr>'


# id, name, paragraph properties, run properties
PARAGRAPH_STYLES = [
    ("BanTou", "版头标注", indent() + LEFT, rpr(F["heading1"], 16)),  # 份号/密级/紧急程度 (§7.2.1–7.2.3)
    # 发文机关标志: red, centred, top edge 35 mm below the 版心 top, under the three 版头 lines (§7.2.4)
    ("IssuerMark", "发文机关标志", NO_GRID + spacing(g.MARK_LINE, before=g.MARK_BEFORE) + indent() + CENTER,
     rpr(F["title"], g.MARK_PT, g.RED)),
    # 发文字号 centred; the red separator (版心 wide) 4 mm below it (§7.2.5, §7.2.7)
    ("DocNumber", "发文字号", red_rule("bottom", g.RED_RULE_SZ, g.RED_RULE_SPACE) + indent() + CENTER, rpr(F["body"], 16)),
    ("DocNumberUp", "发文字号（上行文）",
     # 1 字 in from both sides by tabs: indents would shorten the red rule
     red_rule("bottom", g.RED_RULE_SZ, g.RED_RULE_SPACE)
     + f'<w:tabs><w:tab w:val="left" w:pos="{g.chars(1)}"/><w:tab w:val="right" w:pos="{g.TEXT_W - g.chars(1)}"/></w:tabs>'
     + indent() + LEFT, rpr(F["body"], 16)),
    ("Title", "标题", NO_GRID + indent() + CENTER, rpr(F["title"], 22)),  # §7.3.1
    ("Recipients", "主送机关", indent() + LEFT, rpr(F["body"], 16)),  # §7.3.2
    # 附件说明 (§7.3.4): wrapped names align with the name's first character
    ("AttachNote", "附件说明", indent(left=5, hanging=3), ""),
    ("AttachNoteFirst", "附件说明（多个）", f'<w:tabs><w:tab w:val="left" w:pos="{g.chars(6.5)}"/></w:tabs>' + indent(left=6.5, hanging=4.5), ""),
    ("AttachNoteNext", "附件说明（续）", f'<w:tabs><w:tab w:val="left" w:pos="{g.chars(6.5)}"/></w:tabs>' + indent(left=6.5, hanging=1.5), ""),
    ("Signature", "发文机关署名", "<w:keepNext/>" + indent(right=2) + RIGHT, ""),  # §7.3.5.2; right indent set per document
    ("DocDate", "成文日期", indent(right=2) + RIGHT, ""),
    ("Note", "附注", indent(first=2), ""),  # §7.3.6
    # A 正文 paragraph split where the sign-off takes its last lines over to the next page, so that
    # LibreOffice keeps the rest on page 1 (zwgk_docs/writers/docx/carry.py): the first part ends
    # spread to the margin, the second goes on without an indent.
    ("BodyCarried", "正文（转页）", '<w:jc w:val="distribute"/>', ""),
    ("BodyContinued", "正文（续）", "<w:keepNext/>" + indent(), ""),
    ("PlanTitle", "要点标题", '<w:pageBreakBefore/>' + NO_GRID + indent() + CENTER, rpr(F["title"], 22)),
    ("GwHeading1", "一级标题", '<w:keepNext/><w:outlineLvl w:val="0"/>', rpr(F["heading1"], 16)),  # §7.3.3
    ("GwHeading2", "二级标题", '<w:keepNext/><w:outlineLvl w:val="1"/>', rpr(F["heading2"], 16)),
    ("GwHeading3", "三级标题", '<w:outlineLvl w:val="2"/>', rpr(F["body"], 16)),
    ("GwHeading4", "四级标题", '<w:outlineLvl w:val="3"/>', rpr(F["body"], 16)),
    # 附件 pages (§7.3.7): 附件N 3号黑体 flush left on a new page; title centred on line 3
    ("AttachMark", "附件标识", '<w:keepNext/><w:pageBreakBefore/>' + indent() + LEFT, rpr(F["heading1"], 16)),
    ("AttachTitle", "附件标题", '<w:keepNext/>' + NO_GRID + indent() + CENTER, rpr(F["title"], 22)),
    # Task table (not set by the standard: 小四 仿宋, 黑体 header — a common choice)
    ("TableText", "表格文字", NO_GRID + spacing(g.TABLE_LINE, "exact") + indent() + LEFT, rpr(F["body"], g.TABLE_PT)),
    ("TableHeader", "表头", '<w:keepNext/>' + NO_GRID + spacing(g.TABLE_LINE, "exact") + indent() + CENTER, rpr(F["heading1"], g.TABLE_PT)),
    ("TablePart", "表格通栏", '<w:keepNext/>' + NO_GRID + spacing(g.TABLE_LINE, "exact") + indent() + LEFT, rpr(F["heading1"], g.TABLE_PT)),
    ("TableEnd", "表后", NO_GRID + spacing(20) + indent(), rpr(F["body"], 1)),  # carries the section break after a table
    # 版记 (§7.4): 4号仿宋, 1 字 in from both sides; 印发日期 on a right tab
    ("BanJi", "版记", f'<w:tabs><w:tab w:val="left" w:pos="{g.chars(1, 14)}"/><w:tab w:val="right" w:pos="{g.TEXT_W - g.chars(1, 14)}"/></w:tabs>'
     + NO_GRID + indent() + LEFT, rpr(F["body"], 14)),  # pPr children in schema order: tabs before snapToGrid
    ("BanJiCc", "版记（抄送）", NO_GRID + f'<w:ind w:left="{g.chars(4, 14)}" w:right="{g.chars(1, 14)}" w:hanging="{g.chars(3, 14)}"/>' + LEFT,
     rpr(F["body"], 14), "BanJi"),
    # 页码 (§7.5): 4号半角宋体, odd pages right and even pages left, 1 字 in
    ("PageNumber", "页码", NO_GRID + spacing(240, "auto") + f'<w:ind w:left="0" w:right="{g.chars(1, 14)}" w:firstLine="0"/>' + RIGHT,
     rpr(F["number"], 14), "Footer"),
    ("PageNumberEven", "页码（偶数页）", NO_GRID + spacing(240, "auto") + f'<w:ind w:left="{g.chars(1, 14)}" w:right="0" w:firstLine="0"/>' + LEFT,
     rpr(F["number"], 14), "Footer"),
]

CHARACTER_STYLES = [
    ("GwHeading1Char", "一级标题字符", rpr(F["heading1"], 16)),
    ("GwHeading2Char", "二级标题字符", rpr(F["heading2"], 16)),
    ("GwHeading3Char", "三级标题字符", rpr(F["body"], 16)),
    ("GwHeading4Char", "四级标题字符", rpr(F["body"], 16)),
    ("BodyChar", "正文字符", rpr(F["body"], 16)),
    ("CopyNumberChar", "份号字符", rpr(F["body"], 16)),  # font not fixed by §7.2.1: the default 仿宋
    ("SignerChar", "签发人姓名", rpr(F["heading2"], 16)),  # 3号楷体 (§7.2.6)
]

BANJI_TABLE_STYLE = f"""<w:style {W} w:type="table" w:customStyle="1" w:styleId="BanJiTable"><w:name w:val="版记表格"/>
<w:basedOn w:val="TableNormal"/><w:qFormat/><w:tblPr><w:tblBorders>
<w:top w:val="single" w:sz="{g.BANJI_THICK}" w:space="0" w:color="000000"/>
<w:bottom w:val="single" w:sz="{g.BANJI_THICK}" w:space="0" w:color="000000"/>
<w:insideH w:val="single" w:sz="{g.BANJI_THIN}" w:space="0" w:color="000000"/>
</w:tblBorders><w:tblCellMar><w:left w:w="0" w:type="dxa"/><w:right w:w="0" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>"""

def table_style(sid: str, name: str, pad_y: int, pad_x: int) -> str:
    """A ruled table (0.5 pt lines) with cell margins in twips."""
    rules = "".join(f'<w:{s} w:val="single" w:sz="4" w:space="0" w:color="000000"/>'
                    for s in ("top", "left", "bottom", "right", "insideH", "insideV"))
    return (f'<w:style {W} w:type="table" w:customStyle="1" w:styleId="{sid}"><w:name w:val="{name}"/>'
            '<w:basedOn w:val="TableNormal"/><w:qFormat/><w:pPr><w:snapToGrid w:val="0"/></w:pPr>'
            f'<w:tblPr><w:jc w:val="center"/><w:tblBorders>{rules}</w:tblBorders><w:tblCellMar>'
            f'<w:top w:w="{pad_y}" w:type="dxa"/><w:left w:w="{pad_x}" w:type="dxa"/>'
            f'<w:bottom w:w="{pad_y}" w:type="dxa"/><w:right w:w="{pad_x}" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>')


# the task table: cells as in the PDF (standard/gbt9704.py TABLE_*), so it takes the same pages
TABLE_STYLE = table_style("TaskTable", "任务分解表", g.TABLE_CELL_PAD_Y, g.TABLE_CELL_PAD)


def build_styles(document: docx.Document) -> None:
    styles = document.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    defaults.getparent().replace(defaults, parse_xml(
        f"<w:docDefaults {W}><w:rPrDefault>{rpr(F['body'], 16, kern=True)[:-8]}"
        '<w:lang w:val="en-US" w:eastAsia="zh-CN" w:bidi="ar-SA"/></w:rPr></w:rPrDefault>'
        f"<w:pPrDefault><w:pPr>{spacing()}</w:pPr></w:pPrDefault></w:docDefaults>"
    ))
    # Normal is Word's 正文 (that is its name in Chinese Word/WPS): 3号仿宋, 2-字 indent, 28.95 pt lines.
    normal = document.styles["Normal"].element
    for child in list(normal):
        if child.tag in (qn("w:pPr"), qn("w:rPr")):
            normal.remove(child)
    normal.append(parse_xml(f"<w:pPr {W}>{spacing()}{indent(first=2)}<w:jc w:val=\"both\"/></w:pPr>"))
    # -0.25 pt tracking: 28 × 15.75 pt fits the 156 mm line (28 characters, §5.2.3).
    normal.append(parse_xml(rpr(F["body"], 16, tracking=g.TRACKING).replace("<w:rPr>", f"<w:rPr {W}>")))
    # Our 标题 replaces the built-in Title; other built-ins lose their theme fonts so that
    # nothing falls back to the theme (Word's 等线) when an office applies them.
    for style in list(styles.findall(qn("w:style"))):
        if style.get(qn("w:styleId")) in ("Title", "TitleChar"):
            styles.remove(style)
            continue
        for rfonts in style.iter(qn("w:rFonts")):
            for attr in [a for a in rfonts.attrib if "theme" in a.lower()]:
                del rfonts.attrib[attr]
            for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
                rfonts.set(qn(attr), rfonts.get(qn(attr)) or F["body"])
    for sid, name, ppr, run, *based in PARAGRAPH_STYLES:
        styles.append(parse_xml(pstyle(sid, name, ppr, run, based[0] if based else "Normal")))
    for sid, name, run in CHARACTER_STYLES:
        styles.append(parse_xml(cstyle(sid, name, run)))
    styles.append(parse_xml(TABLE_STYLE))
    styles.append(parse_xml(BANJI_TABLE_STYLE))
    ids = [s.get(qn("w:styleId")) for s in styles.findall(qn("w:style"))]
    assert len(ids) == len(set(ids)), sorted(i for i in ids if ids.count(i) > 1)


# ------------------------------------------------------------------ page set-up and footers

def build_page(document: docx.Document) -> None:
    section = document.sections[0]
    sect = section._sectPr
    for tag in ("w:pgSz", "w:pgMar", "w:cols", "w:docGrid"):
        for el in sect.findall(qn(tag)):
            sect.remove(el)
    for child in parse_xml(g.portrait_page_xml()):
        sect.append(child)
    document.settings.odd_and_even_pages_header_footer = True
    for footer, style in ((section.footer, "PageNumber"), (section.even_page_footer, "PageNumberEven")):
        footer.is_linked_to_previous = False
        p = footer.paragraphs[0]
        p._p.get_or_add_pPr().style = style
        for child in parse_xml(g.page_number_runs_xml()):
            p._p.append(child)


# ------------------------------------------------------------------ the front matter (docxtpl tags)

def para(document: docx.Document, text: str = "", style: str = "Normal") -> None:
    pstyle_xml = f'<w:pPr><w:pStyle w:val="{style}"/></w:pPr>' if style != "Normal" else ""
    raw(document, f"<w:p {W}>{pstyle_xml}{run(text) if text else ''}</w:p>")


def raw(document: docx.Document, xml: str) -> None:
    body = document.element.body
    body.insert(len(body) - 1, parse_xml(xml))


def run(text: str, style: str = "") -> str:
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    rstyle = f'<w:rPr><w:rStyle w:val="{style}"/></w:rPr>' if style else ""
    return f'<w:r>{rstyle}<w:t xml:space="preserve">{text}</w:t></w:r>'


def build_body(document: docx.Document) -> None:
    body = document.element.body
    for p in body.findall(qn("w:p")):
        body.remove(p)
    # 版头: three lines for 份号, 密级和保密期限, 紧急程度 in that order (empty when not given), so the
    # 发文机关标志 below them keeps its place 35 mm under the 版心 top.
    for n in (1, 2, 3):
        para(document, f"{{{{r head{n} }}}}", "BanTou")
    para(document, "{{r issuer_mark }}", "IssuerMark")
    para(document)
    para(document)
    para(document, "{%p if signer %}")
    raw(document, f'<w:p {W}><w:pPr><w:pStyle w:val="DocNumberUp"/></w:pPr><w:r><w:tab/></w:r>{run("{{ doc_number }}")}'
        f'<w:r><w:tab/></w:r>{run("签发人：")}{run("{{ signer }}", "SignerChar")}</w:p>')
    para(document, "{%p else %}")
    para(document, "{{ doc_number }}", "DocNumber")
    para(document, "{%p endif %}")
    para(document)
    para(document)
    para(document, "{{r title }}", "Title")
    para(document, "{%p if recipients %}")
    para(document)
    para(document, "{{ recipients }}", "Recipients")
    para(document, "{%p endif %}")
    para(document, "{%p for text in body %}")
    para(document, "{{ text }}")
    para(document, "{%p endfor %}")
    # 附件说明 here unless the 要点 follows (then it closes the 要点, as in the 沈阳 seed)
    para(document, "{%p if attachments_here %}")
    para(document)
    para(document, "{%p for a in attachments %}")
    para(document, "{%p if attachments|length == 1 %}")
    para(document, "附件：{{ a.title }}", "AttachNote")
    para(document, "{%p elif loop.first %}")
    raw(document, f'<w:p {W}><w:pPr><w:pStyle w:val="AttachNoteFirst"/></w:pPr>{run("附件：{{ a.number }}.")}<w:r><w:tab/></w:r>{run("{{ a.title }}")}</w:p>')
    para(document, "{%p else %}")
    raw(document, f'<w:p {W}><w:pPr><w:pStyle w:val="AttachNoteNext"/></w:pPr>{run("{{ a.number }}.")}<w:r><w:tab/></w:r>{run("{{ a.title }}")}</w:p>')
    para(document, "{%p endif %}")
    para(document, "{%p endfor %}")
    para(document, "{%p endif %}")
    # 署名 and 成文日期: the no-seal layout (§7.3.5.2); with a seal the writer adds the image.
    # Their right indents depend on the lengths of 署名 and 日期: the writer sets them.
    para(document)
    para(document, "{%p if seal %}")  # a sealed 署名 sits lower: the seal's top stays below the 正文
    para(document)
    para(document, "{%p endif %}")
    para(document, "{{ signature }}", "Signature")
    para(document, "{{ date_text }}", "DocDate")
    para(document, "{%p if note_text %}")
    para(document, "{{ note_text }}", "Note")
    para(document, "{%p endif %}")


# Styles python-docx's default template defines that the 通知 never uses: dropped, so that Word's
# style pane shows the office's styles only. Kept: those the writers and Word need.
KEEP_BUILT_IN = {"Normal", "DefaultParagraphFont", "TableNormal", "NoList", "Footer", "Header", "FooterChar", "HeaderChar"}


def prune_styles(document: docx.Document) -> None:
    styles = document.styles.element
    ours = {sid for sid, *_ in PARAGRAPH_STYLES} | {sid for sid, *_ in CHARACTER_STYLES} | {"TaskTable", "BanJiTable"}
    keep = KEEP_BUILT_IN | ours
    by_id = {s.get(qn("w:styleId")): s for s in styles.findall(qn("w:style"))}
    for sid in list(keep):  # and whatever they are based on or linked to
        node = by_id.get(sid)
        while node is not None:
            based = node.find(qn("w:basedOn"))
            parent = based.get(qn("w:val")) if based is not None else None
            if parent is None or parent in keep:
                break
            keep.add(parent)
            node = by_id.get(parent)
    for sid, node in by_id.items():
        if sid not in keep:
            styles.remove(node)
    for node in styles.findall(qn("w:style")):
        for tag in ("w:link", "w:next"):
            ref = node.find(qn(tag))
            if ref is not None and ref.get(qn("w:val")) not in keep:
                node.remove(ref)


def clean_package(document: docx.Document) -> None:
    """Chinese East Asian language, current compatibility mode, no Word 2010 stylesWithEffects copy."""
    part = document.part
    for rid, rel in list(part.rels.items()):
        if rel.reltype.endswith("/stylesWithEffects"):
            part.drop_rel(rid)
    settings = document.settings.element
    lang = settings.find(qn("w:themeFontLang"))
    if lang is not None:
        lang.set(qn("w:val"), "zh-CN")
        lang.set(qn("w:eastAsia"), "zh-CN")
    for setting in settings.iter(qn("w:compatSetting")):
        if setting.get(qn("w:name")) == "compatibilityMode":
            setting.set(qn("w:val"), "15")  # Word 2013 and later
    theme = next((r.target_part for r in part.rels.values() if r.reltype.endswith("/theme")), None)
    if theme is not None:
        xml = theme.blob.decode("utf-8")
        xml = xml.replace('script="Jpan" typeface="ＭＳ ゴシック"', 'script="Jpan" typeface=""').replace(
            'script="Jpan" typeface="ＭＳ 明朝"', 'script="Jpan" typeface=""')
        theme._blob = xml.encode("utf-8")


CORE_NS = "http://schemas.openxmlformats.org/package/2006/metadata/core-properties"
TEMPLATE_DATE = dt.datetime(2024, 1, 1)  # fixed, so that regenerating gives the same file (not python-docx's 2013)


def set_core_text(core, **values: str) -> None:
    for tag, text in values.items():
        node = core._element.find(f"{{{CORE_NS}}}{tag}")
        if node is None:
            node = core._element.makeelement(f"{{{CORE_NS}}}{tag}", {})
            core._element.append(node)
        node.text = text


def main(out: Path = OUT) -> None:
    document = docx.Document()
    build_styles(document)
    prune_styles(document)
    build_page(document)
    build_body(document)
    clean_package(document)
    core = document.core_properties
    core.title, core.author, core.comments = "通知（GB/T 9704-2012）", "zwgk_docs", "由 scripts/make_docx_template.py 生成"
    # python-docx maps the prefix cp to the custom-properties namespace when it sets these two, and
    # adds a second, invalid pair: set the template's own elements instead
    set_core_text(core, lastModifiedBy="zwgk_docs", revision="1")
    core.created = core.modified = TEMPLATE_DATE
    out.parent.mkdir(parents=True, exist_ok=True)
    document.save(out)
    print(f"wrote {out}")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else OUT)
