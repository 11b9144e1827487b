"""Read any .docx for checking: page set-up, effective fonts/sizes/alignment per paragraph.

Effective properties follow Word's order: document defaults → paragraph style chain →
character style chain → direct formatting. Theme fonts are resolved through theme1.xml.
"""

from __future__ import annotations

import copy
import re
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

from lxml import etree

from ..errors import Location, UserError

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {"w": W, "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
      "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships"}
TWIPS_PER_MM = 1440 / 25.4


def q(tag: str) -> str:
    """"w:pPr" → "{namespace}pPr" (remembered: the reader asks for the same few tags ~20,000 times a notice)."""
    found = _CLARK.get(tag)
    if found is None:
        prefix, name = tag.split(":")
        found = _CLARK[tag] = f"{{{NS[prefix]}}}{name}"
    return found


_CLARK: dict[str, str] = {}


def _int(value: Optional[str]) -> Optional[int]:
    try:
        return int(float(value)) if value is not None else None
    except ValueError:
        return None


@dataclass
class RunInfo:
    text: str
    font: str  # East Asian font
    size: float  # pt
    color: str  # RRGGBB or "" (auto)
    bold: bool


@dataclass
class Para:
    index: int  # among body paragraphs
    text: str
    runs: list[RunInfo]
    style_id: str
    style_name: str
    jc: str
    ind: dict[str, int]  # left/right/firstLine/hanging in twips (chars converted at 16 pt)
    line: Optional[int]
    line_rule: str
    page_break_before: bool
    breaks_page_after: bool  # a page break run or a section break ends it
    border_colors: list[str]
    border_width_twips: Optional[int] = None

    @property
    def empty(self) -> bool:
        return not self.text.strip()

    def font_at(self, pos: int = 0) -> Optional[RunInfo]:
        """The run holding the pos-th non-space character."""
        seen = 0
        for r in self.runs:
            for ch in r.text:
                if ch.isspace():
                    continue
                if seen == pos:
                    return r
                seen += 1
        return None

    @property
    def main_run(self) -> Optional[RunInfo]:
        """The run carrying most of the text."""
        runs = [r for r in self.runs if r.text.strip()]
        return max(runs, key=lambda r: len(r.text.strip())) if runs else None


@dataclass
class Section:
    width: int
    height: int
    top: int
    bottom: int
    left: int
    right: int
    grid_type: str
    line_pitch: Optional[int]
    char_space: Optional[int]

    @property
    def landscape(self) -> bool:
        return self.width > self.height


@dataclass
class Footer:
    kind: str  # default | even | first
    text: str
    has_page_field: bool
    jc: str
    runs: list[RunInfo]


@dataclass
class Document:
    path: Path
    paragraphs: list[Para]
    table_paragraphs: list[Para]
    sections: list[Section]
    footers: list[Footer]
    even_odd: bool
    has_red_shape: bool
    red_shape_widths_mm: list[float] = field(default_factory=list)
    body_tracking: float = 0.0  # pt, from the body style


class _Styles:
    def __init__(self, styles: Optional[etree._Element], theme: Optional[etree._Element]) -> None:
        self.by_id: dict[str, etree._Element] = {}
        self.default_para = ""
        self.default_char = ""
        self.defaults_r: Optional[etree._Element] = None
        self.defaults_p: Optional[etree._Element] = None
        self.theme_fonts: dict[str, str] = {}
        # What the styles alone give (a few dozen combinations per document, ~400 paragraphs):
        # the direct formatting of each run and paragraph is applied on top, layer by layer as before.
        self._run_base: dict[tuple[str, str], _RunProps] = {}
        self._para_base: dict[str, _ParaProps] = {}
        self._names: dict[str, str] = {}
        if theme is not None:
            for kind in ("major", "minor"):
                font = theme.find(f".//a:{kind}Font", NS)
                if font is None:
                    continue
                hans = font.find("a:font[@script='Hans']", NS)
                ea = font.find("a:ea", NS)
                latin = font.find("a:latin", NS)
                self.theme_fonts[f"{kind}EastAsia"] = (hans.get("typeface") if hans is not None else "") or (ea.get("typeface") if ea is not None else "") or ""
                self.theme_fonts[f"{kind}HAnsi"] = (latin.get("typeface") if latin is not None else "") or ""
        if styles is None:
            return
        for st in styles.findall("w:style", NS):
            sid = st.get(q("w:styleId"))
            if sid is None:  # not a style anything can refer to
                continue
            self.by_id[sid] = st
            if st.get(q("w:default")) in ("1", "true"):
                if st.get(q("w:type")) == "paragraph":
                    self.default_para = sid
                elif st.get(q("w:type")) == "character":
                    self.default_char = sid
        self.defaults_r = styles.find("w:docDefaults/w:rPrDefault/w:rPr", NS)
        self.defaults_p = styles.find("w:docDefaults/w:pPrDefault/w:pPr", NS)

    def chain(self, sid: str) -> list[etree._Element]:
        out: list[etree._Element] = []
        seen: set[str] = set()
        while sid and sid in self.by_id and sid not in seen:
            seen.add(sid)
            st = self.by_id[sid]
            out.append(st)
            based = st.find("w:basedOn", NS)
            sid = (based.get(q("w:val")) if based is not None else "") or ""
        return list(reversed(out))

    def name(self, sid: str) -> str:
        found = self._names.get(sid)
        if found is None:
            st = self.by_id.get(sid)
            node = st.find("w:name", NS) if st is not None else None
            found = self._names[sid] = (node.get(q("w:val")) if node is not None else None) or sid
        return found

    def run_layers(self, pstyle: str, rstyle: str, direct: Optional[etree._Element]) -> list[etree._Element]:
        layers: list[Optional[etree._Element]] = [self.defaults_r]
        layers += [s.find("w:rPr", NS) for s in self.chain(pstyle or self.default_para)]
        layers += [s.find("w:rPr", NS) for s in self.chain(rstyle)]
        layers.append(direct)
        return [x for x in layers if x is not None]

    def para_layers(self, pstyle: str, direct: Optional[etree._Element]) -> list[etree._Element]:
        layers: list[Optional[etree._Element]] = [self.defaults_p]
        layers += [s.find("w:pPr", NS) for s in self.chain(pstyle or self.default_para)]
        layers.append(direct)
        return [x for x in layers if x is not None]

    def run_info(self, text: str, layers: list[etree._Element]) -> RunInfo:
        props = _RunProps()
        for rpr in layers:
            props.apply(rpr, self.theme_fonts)
        return props.info(text)

    def run(self, text: str, pstyle: str, rstyle: str, direct: Optional[etree._Element]) -> RunInfo:
        """run_info(text, run_layers(pstyle, rstyle, direct)), the styles' part computed once."""
        base = self._run_base.get((pstyle, rstyle))
        if base is None:
            base = self._run_base[pstyle, rstyle] = _RunProps()
            for rpr in self.run_layers(pstyle, rstyle, None):
                base.apply(rpr, self.theme_fonts)
        if direct is None:
            return base.info(text)
        props = copy.copy(base)
        props.apply(direct, self.theme_fonts)
        return props.info(text)

    def paragraph(self, pstyle: str, direct: Optional[etree._Element]) -> "_ParaProps":
        """The paragraph properties of para_layers(pstyle, direct), the styles' part computed once."""
        base = self._para_base.get(pstyle)
        if base is None:
            base = self._para_base[pstyle] = _ParaProps()
            for ppr in self.para_layers(pstyle, None):
                base.apply(ppr)
        props = base.copy()
        if direct is not None:
            props.apply(direct)
        return props


@dataclass
class _RunProps:
    """A run's properties as the layers read so far give them (each layer overrides what it names)."""

    font: str = ""
    size: float = 10.0
    color: str = ""
    bold: bool = False

    def apply(self, rpr: etree._Element, theme_fonts: dict[str, str]) -> None:
        rf = rpr.find(_RFONTS)
        if rf is not None:
            theme = rf.get(_EAST_ASIA_THEME)
            east_asia = rf.get(_EAST_ASIA)
            if east_asia:
                self.font = east_asia
            elif theme:
                self.font = theme_fonts.get(theme, self.font)
        sz = rpr.find(_SZ)
        half_points = _int(sz.get(_VAL)) if sz is not None else None
        if half_points:
            self.size = half_points / 2
        c = rpr.find(_COLOR)
        value = c.get(_VAL) if c is not None else None
        if value:
            self.color = "" if value == "auto" else value.upper()
        b = rpr.find(_B)
        if b is not None:
            self.bold = b.get(_VAL) not in ("0", "false")

    def info(self, text: str) -> RunInfo:
        return RunInfo(text, self.font, self.size, self.color, self.bold)


@dataclass
class _ParaProps:
    """A paragraph's properties as the layers read so far give them (each layer overrides what it
    names; border colours add up)."""

    jc: Optional[str] = None
    ind: dict[str, int] = field(default_factory=lambda: {"left": 0, "right": 0, "firstLine": 0, "hanging": 0})
    line: Optional[str] = None
    line_rule: Optional[str] = None
    page_break_before: bool = False
    border_colors: list[str] = field(default_factory=list)

    def copy(self) -> "_ParaProps":
        return _ParaProps(self.jc, dict(self.ind), self.line, self.line_rule, self.page_break_before, list(self.border_colors))

    def apply(self, ppr: etree._Element) -> None:
        bdr = ppr.find(_PBDR)
        if bdr is not None:
            self.border_colors += [(b.get(_COLOR_ATTR) or "").upper() for b in bdr if b.get(_VAL) not in ("nil", "none")]
        jc = ppr.find(_JC)
        if jc is not None and jc.get(_VAL) is not None:
            self.jc = jc.get(_VAL)
        _apply_ind(self.ind, ppr)
        spacing = ppr.find(_SPACING)
        if spacing is not None:
            if spacing.get(_LINE) is not None:
                self.line = spacing.get(_LINE)
            if spacing.get(_LINE_RULE) is not None:
                self.line_rule = spacing.get(_LINE_RULE)
        flag = ppr.find(_PAGE_BREAK_BEFORE)
        if flag is not None:
            self.page_break_before = flag.get(_VAL) not in ("0", "false")


def _apply_ind(ind: dict[str, int], ppr: etree._Element, char_twips: int = 320) -> None:
    """One layer's indents over `ind` (twips); *Chars values (hundredths of a 字) win, as in Word."""
    node = ppr.find(_IND)
    if node is None:
        return

    def get(*names: str) -> Optional[int]:
        for name in names:
            chars = _int(node.get(q(f"w:{name}Chars")))
            if chars:
                return chars * char_twips // 100
        for name in names:
            value = _int(node.get(q(f"w:{name}")))
            if value is not None:
                return value
        return None

    for key, names in (("left", ("left", "start")), ("right", ("right", "end"))):
        value = get(*names)
        if value is not None:
            ind[key] = value
    first, hanging = get("firstLine"), get("hanging")
    # firstLine and hanging are one property: a layer naming either (even as 0, as LibreOffice
    # writes hanging="0") replaces what the style below it said.
    if hanging is not None and (hanging or first is None):
        ind["hanging"], ind["firstLine"] = hanging, 0
    elif first is not None:
        ind["firstLine"], ind["hanging"] = first, 0


_RFONTS, _SZ, _COLOR, _B = q("w:rFonts"), q("w:sz"), q("w:color"), q("w:b")
_EAST_ASIA, _EAST_ASIA_THEME, _VAL, _COLOR_ATTR = q("w:eastAsia"), q("w:eastAsiaTheme"), q("w:val"), q("w:color")
_PBDR, _JC, _IND, _SPACING, _PAGE_BREAK_BEFORE = q("w:pBdr"), q("w:jc"), q("w:ind"), q("w:spacing"), q("w:pageBreakBefore")
_LINE, _LINE_RULE = q("w:line"), q("w:lineRule")
_PPR, _RPR, _PSTYLE, _RSTYLE, _SECTPR = q("w:pPr"), q("w:rPr"), q("w:pStyle"), q("w:rStyle"), q("w:sectPr")
_T, _TAB, _BR, _TYPE = q("w:t"), q("w:tab"), q("w:br"), q("w:type")


_TXBX = q("w:txbxContent")
_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"


def _own_runs(p: etree._Element) -> list[etree._Element]:
    """The paragraph's runs, not those of a text box anchored in it (read as paragraphs of their own)."""
    out: list[etree._Element] = []
    for r in p.iter(q("w:r")):
        parent = r.getparent()
        while parent is not None and parent is not p and parent.tag not in (_TXBX, _FALLBACK):
            parent = parent.getparent()
        if parent is p:
            out.append(r)
    return out


def text_box_paragraphs(body: etree._Element) -> list[etree._Element]:
    """Paragraphs inside text boxes (版记 boxes, hand-made frames), once each: not the VML fallback copy."""
    out: list[etree._Element] = []
    for box in body.iter(_TXBX):
        if any(a.tag == _FALLBACK for a in box.iterancestors()):
            continue
        out += [p for p in box.iter(q("w:p")) if not any(a.tag == _TXBX for a in p.iterancestors() if a is not box)]
    return out


def _paragraph(p: etree._Element, index: int, styles: _Styles) -> Para:
    ppr = p.find(_PPR)
    pstyle_node = ppr.find(_PSTYLE) if ppr is not None else None
    pstyle = (pstyle_node.get(_VAL) or "") if pstyle_node is not None else styles.default_para
    runs: list[RunInfo] = []
    breaks = ppr is not None and ppr.find(_SECTPR) is not None
    for r in _own_runs(p):
        rpr = r.find(_RPR)
        rstyle_node = rpr.find(_RSTYLE) if rpr is not None else None
        rstyle = (rstyle_node.get(_VAL) if rstyle_node is not None else "") or ""
        text = ""
        for child in r:
            if child.tag == _T:
                text += child.text or ""
            elif child.tag == _TAB:
                text += "\t"
            elif child.tag == _BR:
                if child.get(_TYPE) == "page":
                    breaks = True
                else:
                    text += "\n"
        if text:
            runs.append(styles.run(text, pstyle, rstyle, rpr))
    props = styles.paragraph(pstyle, ppr)
    return Para(
        index=index, text="".join(r.text for r in runs), runs=runs, style_id=pstyle, style_name=styles.name(pstyle),
        jc=props.jc or "left", ind=props.ind, line=_int(props.line), line_rule=props.line_rule or "auto",
        page_break_before=props.page_break_before, breaks_page_after=breaks, border_colors=props.border_colors,
    )


def _section(sect: etree._Element) -> Section:
    sz, mar, grid = sect.find("w:pgSz", NS), sect.find("w:pgMar", NS), sect.find("w:docGrid", NS)

    def opt(node: Optional[etree._Element], attr: str) -> Optional[int]:
        return _int(node.get(q(attr))) if node is not None else None

    def g(node: Optional[etree._Element], attr: str, default: int) -> int:  # Word's defaults (Letter) when absent
        value = opt(node, attr)
        return value if value is not None else default

    return Section(
        width=g(sz, "w:w", 12240), height=g(sz, "w:h", 15840), top=abs(g(mar, "w:top", 1440)), bottom=abs(g(mar, "w:bottom", 1440)),
        left=g(mar, "w:left", 1800), right=g(mar, "w:right", 1800),
        grid_type=grid.get(q("w:type"), "default") if grid is not None else "default",
        line_pitch=opt(grid, "w:linePitch"), char_space=opt(grid, "w:charSpace"),
    )


_RED = re.compile(r"^(FF|E[0-9A-F]|D[0-9A-F])[0-4][0-9A-F][0-4][0-9A-F]$")


def is_red(color: str) -> bool:
    return bool(color) and bool(_RED.match(color.upper()))


def _red_rules(xml: str) -> tuple[list[str], list[float]]:
    """Red lines drawn as shapes (DrawingML or VML, any red such as FF0000 or E60012): (shapes, widths in mm)."""
    shapes: list[str] = []
    widths: list[float] = []
    for m in re.finditer(r"<w:drawing\b.*?</w:drawing>", xml, flags=re.S):
        block = m.group(0)
        colours = re.findall(r'<a:srgbClr val="([0-9A-Fa-f]{6})"', block)
        if "<w:txbxContent" in block or not any(is_red(c) for c in colours):
            continue
        extent = re.search(r'<wp:extent cx="(\d+)" cy="(\d+)"', block)
        if extent and int(extent.group(2)) < int(extent.group(1)) / 20:  # a line, not a seal or a box
            shapes.append(block[:40])
            widths.append(int(extent.group(1)) / 36000)
    for m in re.finditer(r'<v:(?:line|shape|rect)\b[^>]*>', xml, flags=re.I):
        tag = m.group(0)
        colour = re.search(r'(?:strokecolor|fillcolor)="#?([0-9A-Fa-f]{6}|red)"', tag, flags=re.I)
        if colour and (colour.group(1).lower() == "red" or is_red(colour.group(1))):
            shapes.append(tag[:40])
            pts = re.search(r'from="(-?[\d.]+)pt[^"]*" to="(-?[\d.]+)pt', tag) or re.search(r"width:([\d.]+)pt", tag)
            if pts is not None and len(pts.groups()) == 2:
                widths.append(abs(float(pts.group(2)) - float(pts.group(1))) / PT_MM)
            elif pts is not None:
                widths.append(float(pts.group(1)) / PT_MM)
    return shapes, widths


PT_MM = 72 / 25.4


def _strings(result: object) -> list[str]:
    """The text results of an XPath query (lxml types them loosely)."""
    return [x for x in result if isinstance(x, str)] if isinstance(result, list) else []


NOT_DOCX = "不是有效的 Word 文档（.docx）"
# Errors a damaged package raises while a part is read: bad zip, CRC or deflate data, bad XML.
DAMAGED = (zipfile.BadZipFile, zlib.error, EOFError, etree.XMLSyntaxError, ValueError)


def _open(path: Path) -> zipfile.ZipFile:
    """The package, or a located error saying why this file is not one (never opening a pipe)."""
    where = Location(str(path))
    if not path.exists():
        raise UserError.single("文件不存在。", where)
    if path.is_dir():
        raise UserError.single("这是一个文件夹，不是 Word 文档（.docx）：请给出要检查的 .docx 文件。", where)
    if not path.is_file():
        raise UserError.single("这不是普通文件，不是 Word 文档（.docx）。", where)
    try:
        return zipfile.ZipFile(path)
    except zipfile.BadZipFile:
        hint = ("旧版 Word 文档（.doc）请先在 Word 或 WPS 中另存为 .docx。" if path.suffix.lower() in (".doc", ".wps")
                else "文件不是 .docx 格式，或已损坏。")
        raise UserError.single(f"{NOT_DOCX}：{hint}", where) from None
    except OSError as exc:
        raise UserError.single(f"无法读取文件：{exc.strerror or type(exc).__name__}。", where) from None


def read(path: Path) -> Document:
    zf = _open(path)
    names = set(zf.namelist())
    if "word/document.xml" not in names:
        raise UserError.single(f"{NOT_DOCX}：压缩包中没有 word/document.xml（可能是 Excel、PowerPoint 文件或其他压缩包）。",
                               Location(str(path)))

    def part(name: str) -> Optional[etree._Element]:
        try:
            return etree.fromstring(zf.read(name)) if name in names else None
        except DAMAGED:
            raise UserError.single(f"{NOT_DOCX}：文件已损坏（{name} 无法读取）。", Location(str(path))) from None

    document = part("word/document.xml")
    styles = _Styles(part("word/styles.xml"), part("word/theme/theme1.xml"))
    body = document.find("w:body", NS) if document is not None else None
    if body is None:
        raise UserError.single(f"{NOT_DOCX}：缺少正文（w:body）。", Location(str(path)))
    paragraphs = [_paragraph(p, i, styles) for i, p in enumerate(body.findall("w:p", NS))]
    table_paragraphs = [_paragraph(p, -1, styles) for tbl in body.findall("w:tbl", NS) for p in tbl.iter(q("w:p"))]
    table_paragraphs += [_paragraph(p, -1, styles) for p in text_box_paragraphs(body)]
    sections = [_section(s) for s in body.iter(q("w:sectPr"))]
    settings = part("word/settings.xml")
    even_odd_node = settings.find("w:evenAndOddHeaders", NS) if settings is not None else None
    even_odd = even_odd_node is not None and even_odd_node.get(q("w:val")) not in ("0", "false")
    rels = part("word/_rels/document.xml.rels")
    targets: dict[str, str] = {}
    for r in rels if rels is not None else []:
        rid, target = r.get("Id"), r.get("Target")
        if rid is not None and target is not None:
            targets[rid] = target
    footers: list[Footer] = []
    seen: set[str] = set()
    for sect in body.iter(q("w:sectPr")):
        for ref in sect.findall("w:footerReference", NS):
            target = targets.get(ref.get(q("r:id")) or "", "")
            name = "word/" + target.lstrip("/").replace("word/", "")
            root = part(name) if name not in seen else None
            if root is None:
                continue
            seen.add(name)
            paras = [_paragraph(p, -1, styles) for p in root.iter(q("w:p"))]
            instr = "".join(_strings(root.xpath(".//w:instrText/text()", namespaces=NS))) + " ".join(
                _strings(root.xpath(".//w:fldSimple/@w:instr", namespaces=NS)))
            numbered = [p for p in paras if p.text.strip()]
            footers.append(Footer(ref.get(q("w:type"), "default"), "".join(p.text for p in paras), "PAGE" in instr.upper(),
                                  numbered[0].jc if numbered else "left", [r for p in paras for r in p.runs]))
    xml = zf.read("word/document.xml").decode("utf-8", "replace")
    red_shapes, widths = _red_rules(xml)
    normal = styles.run_layers(styles.default_para, "", None)
    tracking = 0.0
    for rpr in normal:
        sp = rpr.find("w:spacing", NS)
        twentieths = _int(sp.get(q("w:val"))) if sp is not None else None
        if twentieths is not None:
            tracking = twentieths / 20
    return Document(path, paragraphs, table_paragraphs, sections, footers, even_odd, bool(red_shapes or widths), widths, tracking)
