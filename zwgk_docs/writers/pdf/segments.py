"""One part of a long notice (split.py) laid out as a row of small documents, each written and freed before the next.

WeasyPrint keeps the box tree and the styles of the whole document, and every laid-out page,
until the PDF is written: ~0.08 MB a line, ~0.25 MB a page, 800 MB for the 1,350 table pages
of 5,000 tasks. Laid out in segments of about SEGMENT_PAGES pages, a process holds one segment.

A segment is the document cut down to a run of "items" — the blocks of the 要点 and 附件
sections (children of `main > section`) and the rows of the task table — with their ancestors
(shallow copies), the <head> (the styles) and the table's own parts (columns, the header row
repeated on every page). Its first item must start a page of the whole layout: then the
segment, laid out as a document of its own, has that page and the following ones exactly as
the whole document does (the table: the header repeated, the same borders; a block: at the top
of a page of its own). So each segment after the first starts at an item that starts a page in
the previous segment's layout, taken at least two pages before that layout's end (the end of a
segment may pull a heading or a row — `break-after: avoid` — onto the next page: those last pages
are laid out again, at the start of the next segment). Where the next segment starts, its first
page is compared with the page of the previous layout it replaces (every text box and its
position): a difference means this document does not cut as assumed — Unsupported, and the caller
lays the part out in one piece. A row that a rowspan from an earlier row covers never starts one.

Each segment is numbered as in the whole part (split.numbered_after with the pages before it).
The segments' PDFs are joined by merge.py (outline nested by the bookmark levels recorded here).
"""

from __future__ import annotations

import gc
import math
from typing import Any, Callable, Iterator, Optional

from .render import _font_config, _offline_fetcher, cycles_paused
from .split import Unsupported, numbered_after, numbered_again, pages_kept

# Pages per segment: a property of the plan (the same input, the same segments, the same bytes).
# ~0.5 MB a page laid out: ~100 MB a segment; each segment embeds its own font subsets (~0.1 MB a face).
SEGMENT_PAGES = 160
# A part of up to WHOLE_SEGMENTS × SEGMENT_PAGES pages is laid out in one piece (~200 MB): cutting it
# would lay pages out again and wait for writers for memory it does not need (1,000 tasks: ~260 pages).
WHOLE_SEGMENTS = 2
_LAID_AGAIN = 2  # the last pages of a segment are laid out again at the start of the next
_FIRST_GUESS = 3.5  # items per page before any is measured (a table page holds ~3.7 rows, a page of the 要点 ~4.5 blocks)
_HTML_FIELDS = {"base_url", "url_fetcher", "media_type", "wrapper_element", "etree_element"}


class Segment:
    """A laid-out segment: its pages (a WeasyPrint document), numbered after `first_page` pages of the part;
    `last`: the part's last segment (no other follows)."""

    def __init__(self, document: Any, first_page: int, kept: Optional[list[Any]] = None, last: bool = False) -> None:
        self.document, self.first_page, self.last = document, first_page, last
        self.levels = [mark[0] for page in document.pages for mark in page.bookmarks]
        self.kept = (kept or [])[:len(document.pages)]  # its pages as split.numbered_again needs them


class _Items:
    """The items of a parsed document in order, where each may start a segment, and their ancestors."""

    def __init__(self, root: Any) -> None:
        self.root = root
        self.list: list[Any] = []
        self.may_start: list[bool] = []
        self.position: dict[int, int] = {}  # id(element that is neither item nor ancestor) → items before it
        for main in root.iter("main"):
            for section in main:
                if _is_task_table(section):
                    self._rows(section)
                    continue
                if section.tag != "section":
                    continue
                for child in section:
                    if _is_task_table(child):
                        self._rows(child)
                    else:
                        self.list.append(child)
                        self.may_start.append(True)
        self.index = {id(item): n for n, item in enumerate(self.list)}
        parent = {id(child): element for element in root.iter() for child in element}
        self.ancestors: set[int] = set()
        for item in self.list:
            up = parent.get(id(item))
            while up is not None and id(up) not in self.ancestors:
                self.ancestors.add(id(up))
                up = parent.get(id(up))
        self._positions(root, 0)

    def _rows(self, table: Any) -> None:
        for group in table:
            if group.tag != "tbody":
                continue
            covered = -1  # the last row (of this group) a rowspan reaches
            for n, row in enumerate(group):
                self.list.append(row)
                self.may_start.append(n > covered)
                for cell in row:
                    try:
                        span = int(cell.get("rowspan") or 1)
                    except ValueError:
                        span = 1
                    covered = max(covered, n + span - 1)

    def _positions(self, element: Any, seen: int) -> int:
        for child in element:
            if id(child) in self.index:
                seen = self.index[id(child)] + 1
            elif id(child) in self.ancestors:
                seen = self._positions(child, seen)
            else:
                self.position[id(child)] = seen
        return seen

    def cut(self, start: int, end: Optional[int]) -> Any:
        """The root restricted to items [start, end) (end None: to the last, and what follows them)."""
        last = len(self.list) if end is None else end

        def restricted(element: Any) -> Optional[Any]:
            copy = element.makeelement(element.tag, element.attrib)
            copy.text, copy.tail = element.text, element.tail
            kept = False
            for child in element:
                key = id(child)
                if key in self.index:
                    if start <= self.index[key] < last:
                        copy.append(child)
                        kept = True
                elif key in self.ancestors:
                    inner = restricted(child)
                    if inner is not None:
                        copy.append(inner)
                        kept = True
                elif element is self.root or element.tag == "table":  # the styles; a table's columns and header
                    copy.append(child)
                else:
                    seen = self.position[key]
                    if (start == 0 or seen > start) and (end is None or seen < end):
                        copy.append(child)
            return copy if kept or element is self.root else None

        return restricted(self.root)


def _is_task_table(element: Any) -> bool:
    return bool(element.tag == "table" and "tasks" in (element.get("class") or "").split())


AGAIN = Segment.__new__(Segment)  # laid_out(): forget the segments so far, the whole document follows


def laid_out(html: str, offset: int = 0) -> Iterator[Segment]:
    """The part `html` laid out segment after segment, each numbered as if `offset` pages came first.
    A segment's document is not used again once the next is asked for: the caller writes it and lets it go.
    When a segment does not start as the page it replaces (Unsupported above), AGAIN, then the whole
    document as one segment."""
    import weasyprint

    whole = weasyprint.HTML(string=html, url_fetcher=_offline_fetcher())
    if set(vars(whole)) != _HTML_FIELDS:
        raise Unsupported("weasyprint.HTML not as known")
    items = _Items(whole.etree_element)
    wrapper = type(whole.wrapper_element)  # cssselect2.ElementWrapper: the tree as selectors see it
    kept: list[Any] = []  # the pages of the last document laid out, for page_numbers()

    def render(start: int, end: Optional[int], pages_before: int) -> Any:
        cut = weasyprint.HTML.__new__(weasyprint.HTML)
        cut.base_url, cut.media_type, cut.url_fetcher = whole.base_url, whole.media_type, _offline_fetcher()
        cut.wrapper_element = wrapper.from_html_root(items.cut(start, end), content_language=None)
        cut.etree_element = cut.wrapper_element.etree_element
        kept.clear()
        with numbered_after(lambda: offset + pages_before), pages_kept(kept), cycles_paused():
            return cut.render(font_config=_font_config())

    gc.freeze()  # what stays (the parsed document, the plan) out of the collections that free each segment
    try:
        yield from _segments(items, render, kept)
    finally:
        gc.unfreeze()


def _segments(items: "_Items", render: Callable[[int, Optional[int], int], Any], kept: list[Any]) -> Iterator[Segment]:
    start, done, per_page = 0, 0, _FIRST_GUESS
    expected: Optional[list[Any]] = None
    while True:
        remaining = len(items.list) - start  # into segments of about SEGMENT_PAGES pages, evenly
        pages = remaining / per_page
        whole = start == 0 and pages <= WHOLE_SEGMENTS * SEGMENT_PAGES  # only a short part, not a long one's end
        parts = 1 if whole else max(1, round(pages / SEGMENT_PAGES))
        span = max(1, math.ceil(remaining / parts + (_LAID_AGAIN + 1) * per_page))
        while True:
            end: Optional[int] = start + span if start + span < len(items.list) else None
            document = render(start, end, done)
            if len(kept) != len(document.pages):
                raise Unsupported("margin boxes not made once a page")
            if expected is not None and _drawn(document.pages[0]) != expected:
                del document
                yield AGAIN
                yield Segment(render(0, None, 0), 0, kept, last=True)
                return
            if end is None:
                handed = [Segment(document, done, kept, last=True)]
                del document
                yield handed.pop()
                return
            restart = _restart(document, items, start)
            if restart is not None:
                break
            span *= 2  # too few pages to cut: a longer segment
            del document
        page, item = restart
        expected = _drawn(document.pages[page])
        per_page = (item - start) / page
        handed = [Segment(document.copy(document.pages[:page]), done, kept)]
        del document
        yield handed.pop()  # held by the caller alone: freed once it lets it go (not while the next is laid out)
        start, done = item, done + page


def _restart(document: Any, items: _Items, start: int) -> Optional[tuple[int, int]]:
    """(page, item): the latest page, at least _LAID_AGAIN pages before the end, that starts with an item
    that may start a segment (not the segment's first item), its first box that item's first."""
    spans = [_item_span(page._page_box, items.index) for page in document.pages]
    for page in range(len(spans) - 1 - _LAID_AGAIN, 0, -1):
        first, previous = spans[page], spans[page - 1]
        if first is None or previous is None:
            continue
        item = first[0]
        if item > start and items.may_start[item] and previous[1] < item:
            return page, item
    return None


def _item_span(page_box: Any, index: dict[int, int]) -> Optional[tuple[int, int]]:
    """The first and last item with a box on this page (its flow, not the margin boxes)."""
    from weasyprint.formatting_structure import boxes

    found: list[int] = []
    stack = [child for child in reversed(page_box.children) if not isinstance(child, boxes.MarginBox)]
    while stack:
        box = stack.pop()
        n = index.get(id(getattr(box, "element", None)))
        if n is not None:
            found.append(n)
            continue
        stack.extend(reversed(getattr(box, "children", ())))
    return (min(found), max(found)) if found else None


def _drawn(page: Any) -> list[Any]:
    """What a page draws in its flow: every box's kind, text and place (the margin boxes aside)."""
    from weasyprint.formatting_structure import boxes

    drawn = []
    for child in page._page_box.children:
        if isinstance(child, boxes.MarginBox):
            continue
        for box in child.descendants():
            drawn.append((type(box).__name__, getattr(box, "text", None), round(box.position_x, 3),
                          round(box.position_y, 3), round(box.width or 0, 3), round(box.height or 0, 3)))
    return drawn


def apart(document: Any, table_pages: int, frame: Any) -> tuple[Any, Optional[Any]]:
    """A tail segment (laid out numbered as tasks.pdf numbers its pages) as its pages without their margin
    boxes — the content of both PDFs — and tasks.pdf's page numbers: the margin boxes of its first
    `table_pages` pages with tasks.pdf's metadata (`frame`) and those pages' bookmarks (None when 0).
    Unsupported when one of those pages has more than the table (a footnote area: the 版记)."""
    from weasyprint.document import Page
    from weasyprint.formatting_structure import boxes

    page_boxes = [page._page_box for page in document.pages]
    margins = [[child for child in box.children if isinstance(child, boxes.MarginBox)] for box in page_boxes]
    flows = [[child for child in box.children if not isinstance(child, boxes.MarginBox)] for box in page_boxes]
    if any(len(flow) != 1 for flow in flows[:table_pages]):
        raise Unsupported("a table page with a footnote")
    numbers = None
    if table_pages:
        own = []
        for page, box, boxes_of in zip(document.pages[:table_pages], page_boxes, margins):
            numbered = Page(_with_children(box, boxes_of))
            numbered.bookmarks, numbered.links, numbered.anchors = page.bookmarks, page.links, page.anchors
            own.append(numbered)
        numbers = frame.copy(own)
    for box, flow in zip(page_boxes, flows):
        box.children = flow  # the content alone (bookmarks, links, anchors stay on the pages)
    return document, numbers


def page_numbers(html: str, kept: list[Any], offset: int) -> Any:
    """The page numbers (margin boxes) of the pages `kept` (split.pages_kept) numbered `offset` pages later,
    as a document of those pages: the tail's numbers in the notice, once the head's pages are counted.
    Made with the @page rules of `html`'s <head>: a page of it laid out for its layout context."""
    from weasyprint.document import Page

    from .render import layout

    end = html.find("</head>")
    if end < 0:
        raise Unsupported("no <head>")
    context: list[Any] = []
    with numbered_after(lambda: 0), pages_kept([], context):
        document = layout(f"{html[:end]}</head><body><div></div></body></html>")
    if not context or not hasattr(context[0], "_zwgk_html"):
        raise Unsupported("no layout context")
    return document.copy([Page(box) for box in numbered_again(kept, offset, context[0])])


def _with_children(box: Any, children: list[Any]) -> Any:
    """The page box again (same size, style, type) holding only `children`."""
    copy = box.copy()
    copy.children = children
    return copy
