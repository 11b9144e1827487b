"""Our print HTML parsed by expat (C), into the very tree tinyhtml5 builds (installed by libraries.py).

WeasyPrint parses every document with tinyhtml5, a pure-Python HTML5 parser: ~50 ms for the
沈阳 notice, 0.2 s for 200 tasks, ~1 s for 1,000 — for every layout (each probe of the 通知,
the notice, the task table's frame, each part of a long notice). The HTML we hand it comes
from our own templates, with user text escaped by Jinja: apart from its void elements
(`<br>`, `<meta>`, `<col>`…) it is well-formed XML, and xml.etree's expat parser builds the same
ElementTree elements in C in ~4 % of the time.

The two parsers agree only where HTML5's tree construction does nothing XML would not do, so a
document is taken this way only when that is checked:
- the source: `<!DOCTYPE html>` first (no quirks mode), no other `<!…` or `<?…` (comments, CDATA,
  an internal subset's entities), no `xmlns`, no self-closing non-void element (`<div/>` opens a
  div in HTML), no literal tab or line break inside a quoted attribute value (XML turns them into
  spaces), no `&` in a <style> (raw text in HTML), no character reference in 0x80–0x9F
  (HTML5 reads them as windows-1252);
- the tree: <html> holding <head> (meta, title, style, link, base) then <body>; only elements
  whose start tag HTML5 inserts where it stands (a whitelist) in lower case, in a place where
  HTML5 implies or closes nothing: only phrasing content inside <p>, no heading directly in a
  heading, no <a> in an <a>, <li> in <ul>/<ol>, <dt>/<dd> in <dl>, tables spelt out (<tbody>,
  <colgroup>, whitespace only between their parts).
Whitespace is then placed as HTML5 places it: none before <head>, what follows </body> and
</html> appended to the body. Anything else (an office's restyled template, a parse error) is
parsed by tinyhtml5 as before; so is everything when WeasyPrint's HTML class is not the one
known here (KNOWN_HTML_INIT). tests/test_pdf_html_tree.py compares both trees node by node for
the examples, generated plans and random documents, and the PDFs byte for byte.
"""

from __future__ import annotations

import functools
import io
import re
import sys
import types
from typing import Any, Optional
from xml.etree import ElementTree

from .sources import source_hash

# sha256 of the source of weasyprint.HTML.__init__ whose tinyhtml5.parse call is served here (70.0)
KNOWN_HTML_INIT = {"5f19f40b81837f87ae7af8e5c53d5f11e7c98ba245094a86d45f5f14d001b943"}
_PARSE_ARGUMENTS = {"namespace_html_elements": False}  # what WeasyPrint's HTML passes

_VOID = ("area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr")
_ATTRIBUTES = r"(?:[^<>\"']|\"[^\"]*\"|'[^']*')*?"  # a start tag's attributes, quoted values whole
_VOID_TAG = re.compile(rf"<({'|'.join(_VOID)})(?=[\s/>])({_ATTRIBUTES})\s*/?>")
_SELF_CLOSED = re.compile(rf"<(?!(?:{'|'.join(_VOID)})[\s/>])[A-Za-z][^\s/>]*{_ATTRIBUTES}/>")
_DOCTYPE = re.compile(r"[ \t\n\r\f]*<!doctype[ \t\n\r\f]+html[ \t\n\r\f]*>", re.IGNORECASE)
_SPACED_VALUE = re.compile(r"=[ \t\n\r\f]*(?:\"[^\"]*[\t\n\r]|'[^']*[\t\n\r])")
_STYLE_TEXT = re.compile(r"<style\b[^>]*>([^<]*)")
_CHARACTER_REFERENCE = re.compile(r"&#([xX][0-9a-fA-F]+|[0-9]+);")
_HTML_END = re.compile(r"</html[ \t\n\r\f]*>")

_PHRASING = frozenset("a abbr b bdi bdo br cite code data del dfn em i img ins kbd mark q s samp small span "
                      "strong sub sup time u var wbr".split())
_HEADINGS = frozenset(("h1", "h2", "h3", "h4", "h5", "h6"))
_FLOW = _PHRASING | _HEADINGS | frozenset("address article aside blockquote dd div dl dt figcaption figure "
                                          "footer header hr li main nav ol p section table ul".split())
_HEAD = frozenset(("meta", "title", "style", "link", "base"))
_ROW_GROUPS = frozenset(("thead", "tbody", "tfoot"))
_CELLS = frozenset(("td", "th"))
_BLANK = " \t\n\r\f"


def parsed(source: str) -> Optional[ElementTree.Element]:
    """The tree tinyhtml5.parse(source, namespace_html_elements=False) builds, or None when that is
    not certain (the caller parses with tinyhtml5)."""
    if not _plain(source):
        return None
    try:
        root = ElementTree.fromstring(_VOID_TAG.sub(r"<\1\2/>", source))
    except ElementTree.ParseError:
        return None
    if not _conforms(root):
        return None
    head, body = root
    root.text = None  # HTML5 drops the whitespace before <head> ("before head"); keeps it after </head>
    end = _HTML_END.search(source, source.rfind("</html"))
    trailer = (body.tail or "") + (source[end.end():] if end else "")  # "after body": into the body
    body.tail = None
    if trailer:
        if len(body):
            body[-1].tail = (body[-1].tail or "") + trailer
        else:
            body.text = (body.text or "") + trailer
    return root


def _plain(source: str) -> bool:
    """The source has nothing whose meaning differs between HTML5 and XML (see the module's doc)."""
    doctype = _DOCTYPE.match(source)
    if doctype is None or "<!" in source[doctype.end():] or "<?" in source or "xmlns" in source:
        return False
    if _SELF_CLOSED.search(source) or _SPACED_VALUE.search(source):
        return False
    if any("&" in text for text in _STYLE_TEXT.findall(source)):
        return False
    for number in _CHARACTER_REFERENCE.findall(source):
        code = int(number[1:], 16) if number[0] in "xX" else int(number)
        if 0x80 <= code <= 0x9F:
            return False
    return True


def _blank(text: Optional[str]) -> bool:
    return not text or not text.strip(_BLANK)


def _names_ok(element: ElementTree.Element) -> bool:
    """Attribute names as HTML5 keeps them: lower case, no namespace."""
    return all("{" not in name and name == name.lower() for name in element.attrib)


def _conforms(root: ElementTree.Element) -> bool:
    if root.tag != "html" or len(root) != 2 or not _names_ok(root) or not _blank(root.text):
        return False
    head, body = root
    if head.tag != "head" or body.tag != "body" or not _blank(head.tail) or not _blank(body.tail):
        return False
    if not _names_ok(head) or not _names_ok(body) or not _blank(head.text):
        return False
    for child in head:
        if child.tag not in _HEAD or len(child) or not _blank(child.tail) or not _names_ok(child):
            return False
    return _flow(body, False, False)


def _flow(element: ElementTree.Element, in_p: bool, in_a: bool) -> bool:
    """The children of `element` (flow content; phrasing only inside a <p>) are placed as written."""
    parent = element.tag
    for child in element:
        tag = child.tag
        if tag not in _FLOW or not _names_ok(child):  # a comment's tag is a function: not in the set
            return False
        if in_p and tag not in _PHRASING:
            return False
        if tag == "table":
            if not _table(child, in_a):
                return False
            continue
        if ((tag == "li" and parent not in ("ul", "ol")) or (tag in ("dt", "dd") and parent != "dl")
                or (tag in _HEADINGS and parent in _HEADINGS) or (tag == "a" and in_a)):
            return False
        if len(child) and not _flow(child, in_p or tag == "p", in_a or tag == "a"):
            return False
    return True


def _table(table: ElementTree.Element, in_a: bool) -> bool:
    """A table spelt out: caption, colgroups of cols, row groups of rows of cells; only whitespace between."""
    if not _blank(table.text):
        return False
    for part in table:
        tag = part.tag
        if not _blank(part.tail) or not _names_ok(part):
            return False
        if tag == "caption":
            if not _flow(part, False, in_a):
                return False
        elif tag == "colgroup":
            if not _blank(part.text) or any(col.tag != "col" or not _blank(col.tail) or not _names_ok(col)
                                            for col in part):
                return False
        elif tag in _ROW_GROUPS:
            if not _blank(part.text):
                return False
            for row in part:
                if row.tag != "tr" or not _blank(row.tail) or not _blank(row.text) or not _names_ok(row):
                    return False
                for cell in row:
                    if cell.tag not in _CELLS or not _blank(cell.tail) or not _names_ok(cell):
                        return False
                    if len(cell) and not _flow(cell, False, in_a):
                        return False
        else:
            return False
    return True


class _StandIn(types.ModuleType):
    """What weasyprint's module sees as `tinyhtml5`: parse() served here when it can be, else tinyhtml5's."""

    def __init__(self, original: types.ModuleType) -> None:
        super().__init__(original.__name__, original.__doc__)
        self.original = original

    def __getattr__(self, name: str) -> Any:
        return getattr(self.original, name)

    def parse(self, document: Any, **kwargs: Any) -> Any:
        if kwargs == _PARSE_ARGUMENTS and type(document) is io.StringIO and document.tell() == 0:
            tree = parsed(document.getvalue())
            if tree is not None:
                return tree
        return self.original.parse(document, **kwargs)


@functools.cache
def install() -> bool:
    """Let WeasyPrint's HTML(string=…) parse through parsed() (once); False when its HTML class is not the one known."""
    weasyprint = sys.modules.get("weasyprint")
    original = getattr(weasyprint, "tinyhtml5", None)
    if weasyprint is None or not isinstance(original, types.ModuleType) or isinstance(original, _StandIn):
        return False
    try:
        known = source_hash(weasyprint.HTML.__init__) in KNOWN_HTML_INIT
    except (OSError, TypeError, AttributeError):
        return False
    if not known:
        return False
    weasyprint.__dict__["tinyhtml5"] = _StandIn(original)  # the name HTML.__init__ looks up
    return True


def uninstall() -> None:
    """tinyhtml5 itself again (tests)."""
    weasyprint = sys.modules.get("weasyprint")
    stand_in = getattr(weasyprint, "tinyhtml5", None)
    if weasyprint is not None and isinstance(stand_in, _StandIn):
        weasyprint.__dict__["tinyhtml5"] = stand_in.original
    install.cache_clear()
