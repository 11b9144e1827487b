"""Small lxml builders for WordprocessingML; user text only ever goes into element text."""

from __future__ import annotations

import functools
import weakref
from typing import Any, Iterable, Optional

from docx.oxml.ns import NamespacePrefixedTag, qn
from docx.oxml.parser import oxml_parser, parse_xml

from ...model.text import clean_text as clean

# python-docx's element classes (lxml subclasses) gain their child accessors (get_or_add_pPr …) at
# run time, which its type hints do not describe: the builders type them as Any.
Xml = Any


def style_id(p: Xml) -> str:
    """The id of a paragraph's style as python-docx resolves it (``p.style.style_id``): its own
    w:pStyle when the document defines that paragraph style, else the default paragraph style
    ("" without one). python-docx walks every style of the document for each lookup; here the
    document's paragraph styles are listed once (again if styles are added)."""
    own = p._p.style
    known, default = _paragraph_styles(p.part)
    return own if own in known else default


_STYLES: "weakref.WeakKeyDictionary[Any, tuple[int, frozenset[str], str]]" = weakref.WeakKeyDictionary()


def _paragraph_styles(part: Xml) -> tuple[frozenset[str], str]:
    from docx.enum.style import WD_STYLE_TYPE

    styles = part.styles
    count = len(styles.element)
    listed = _STYLES.get(part)
    if listed is None or listed[0] != count:
        paragraph = WD_STYLE_TYPE.PARAGRAPH
        default = styles.default(paragraph)
        known = frozenset(s.style_id for s in styles if s.type == paragraph)
        listed = _STYLES[part] = (count, known, default.style_id if default is not None else "")
    return listed[1], listed[2]


def el(tag: str, children: Iterable[Xml] = (), **attrs: object) -> Xml:
    """<w:tag w:attr="…">children</w:tag>; attribute names are given without the w: prefix."""
    name, nsmap = _element(tag)
    node = oxml_parser.makeelement(name, nsmap=nsmap)  # what OxmlElement(tag) makes, its names resolved once
    for key, value in attrs.items():
        node.set(_attribute(key), str(value))
    for child in children:
        node.append(child)
    return node


@functools.lru_cache(maxsize=None)
def _element(tag: str) -> tuple[str, dict[str, str]]:
    """(Clark name, namespace map) of a prefixed tag, as OxmlElement resolves them (~3,500 a notice)."""
    name = NamespacePrefixedTag(tag)
    return name.clark_name, name.nsmap


@functools.lru_cache(maxsize=None)
def _attribute(name: str) -> str:
    return qn(f"w:{name}")


def markup(tag: str, inner: str = "", **attrs: object) -> str:
    """The text of ``el(tag, …, **attrs)`` with `inner` (markup) inside, for parse(): a w: tag,
    attribute names without the prefix, values our own (numbers, style ids)."""
    head = tag + "".join(f' w:{key}="{_escape(str(value), True)}"' for key, value in attrs.items())
    return f"<{head}>{inner}</{tag}>" if inner else f"<{head}/>"


def parse(markup: str) -> Xml:
    """The element `markup` describes, with python-docx's element classes as el() makes them.
    lxml parses a fragment in about a microsecond per element, where el() takes ~8 (a
    1,000-task table has ~60,000 elements); appended to the document, the fragment's own
    declaration of w: goes, as el()'s do (lxml drops declarations its new parents make)."""
    end = markup.find(">")
    if markup[end - 1] == "/":
        end -= 1
    return parse_xml(f"{markup[:end]} xmlns:w=\"{_W}\"{markup[end:]}")


_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _escape(text: str, attribute: bool = False) -> str:
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\r", "&#13;")
    return text.replace('"', "&quot;").replace("\n", "&#10;").replace("\t", "&#9;") if attribute else text


def run_markup(text: str, char_style: Optional[str] = None) -> str:
    """A w:r; line breaks in the text become w:br, tabs w:tab."""
    parts = [markup("w:rPr", markup("w:rStyle", val=char_style))] if char_style else []
    for i, line in enumerate(clean(text).split("\n")):
        if i:
            parts.append("<w:br/>")
        for j, piece in enumerate(line.split("\t")):
            if j:
                parts.append("<w:tab/>")
            if piece:
                parts.append(f'<w:t xml:space="preserve">{_escape(piece)}</w:t>')
    return markup("w:r", "".join(parts))


def text_paragraph_markup(text: str, style: Optional[str] = None, char_style: Optional[str] = None,
                          ppr_extra: str = "") -> str:
    ppr = (markup("w:pStyle", val=style) if style and style != "Normal" else "") + ppr_extra
    return markup("w:p", markup("w:pPr", ppr) + (run_markup(text, char_style) if text else ""))


def run(text: str, char_style: Optional[str] = None) -> Xml:
    return parse(run_markup(text, char_style))


def paragraph(style: Optional[str] = None, runs: Iterable[Xml] = (), ppr_extra: Iterable[Xml] = ()) -> Xml:
    ppr = el("w:pPr")
    if style and style != "Normal":
        ppr.append(el("w:pStyle", val=style))
    for child in ppr_extra:
        ppr.append(child)
    return el("w:p", [ppr, *runs])


def text_paragraph(text: str, style: Optional[str] = None, char_style: Optional[str] = None) -> Xml:
    return parse(text_paragraph_markup(text, style, char_style))


class Body:
    """Appends block elements before the body's final w:sectPr."""

    def __init__(self, document: Xml) -> None:
        self.element = document.element.body

    # Through the final child, not by index: lxml counts an element's children one by one for
    # len() and insert(i), which made a 5,000-task notice's ~5,500 additions quadratic (1.5 s).
    def add(self, *elements: Xml) -> None:
        end = self.element[-1]
        for element in elements:
            end.addprevious(element)

    @property
    def last(self) -> Xml:
        return self.element[-1].getprevious()

    @property
    def sectPr(self) -> Xml:
        return self.element.find(qn("w:sectPr"))
