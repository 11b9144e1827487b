"""tasks.pdf made of the notice's table pages: the task table laid out once per build.

When the notice attaches the task table, notice.pdf holds it on landscape 附件 pages and
tasks.pdf is the same table on its own, with the same 附件 mark and title (tasks_print.html),
so it breaks into the same pages. Instead of a second layout of the whole table, tasks.pdf
is a cheap layout of tasks_print.html with an empty "slot" per table page (its heading, its
own page numbers from 1 and its metadata), each slot then given the notice's laid-out table
fragment of that page. WeasyPrint positions boxes absolutely on the page, and both documents'
landscape pages share one @page rule, so a fragment drawn in the slot is where a layout of
tasks.pdf would put it; the first slot must start exactly where the notice's table does.

This moves boxes between WeasyPrint page trees, which WeasyPrint has no public API for: only
for the versions tested (TESTED_MAJORS) and when every check holds; otherwise None, and the
caller lays tasks.pdf out in full as before.
"""

from __future__ import annotations

from typing import Any, Callable, Iterator, Optional

from .render import WeasyDocument

TESTED_MAJORS = range(67, 80)  # as cjk_justify: 67 is the declared minimum; 70 is what CI runs
TABLE_CLASS = "tasks"  # <table class="tasks"> in _macros.html task_table
SLOT_CLASS = "table-slot"  # <div class="table-slot"> in tasks_print.html
SAME_POSITION_PX = 1e-6


def tasks_from_notice(notice: WeasyDocument, slotted: Callable[[int], WeasyDocument]) -> Optional[WeasyDocument]:
    """tasks.pdf's document from the laid-out notice, or None (lay it out in full).

    `slotted(n)` lays out tasks_print.html with n table slots."""
    if not _supported() or not all(hasattr(page, "_page_box") for page in notice.pages):
        return None
    fragments = list(_table_fragments(notice))
    if not fragments:
        return None
    frame = slotted(len(fragments))
    if len(frame.pages) != len(fragments):
        return None
    slots = [_first(page._page_box, _has_class(SLOT_CLASS)) for page in frame.pages]
    if any(slot is None for slot in slots) or not _same_place(slots[0], fragments[0]):
        return None  # the headings differ in height (e.g. a title of more lines): no shared pages
    from weasyprint.document import Page

    pages = []
    for page, slot, fragment in zip(frame.pages, slots, fragments):
        slot.children = [fragment]
        pages.append(Page(page._page_box))  # gathers the page's bookmarks and links again
    return frame.copy(pages)


def table_frame(notice: WeasyDocument, slotted: Callable[[int], WeasyDocument]) -> Optional[tuple[int, WeasyDocument]]:
    """For a notice whose first page starts the table (a split notice's tail, split.py): how many of its
    pages hold the table, and tasks.pdf's frame of one slot (its metadata), when tasks.pdf's pages would
    be those pages (the slot where the table starts); else None."""
    if not _supported() or not notice.pages or not all(hasattr(page, "_page_box") for page in notice.pages):
        return None
    fragments = list(_table_fragments(notice))
    if not fragments or _first(notice.pages[0]._page_box, _has_class(TABLE_CLASS)) is not fragments[0]:
        return None
    frame = slotted(1)
    slot = _first(frame.pages[0]._page_box, _has_class(SLOT_CLASS)) if len(frame.pages) == 1 else None
    if slot is None or not _same_place(slot, fragments[0]):
        return None
    return len(fragments), frame


def table_pages(document: WeasyDocument) -> int:
    """How many pages of `document`, from its first, hold the task table (a segment of a split notice's tail)."""
    if not document.pages or _first(document.pages[0]._page_box, _has_class(TABLE_CLASS)) is None:
        return 0
    return sum(1 for _ in _table_fragments(document))


def _supported() -> bool:
    try:
        import weasyprint
        from weasyprint.document import Page
    except ImportError:
        return False
    try:
        major = int(weasyprint.__version__.split(".")[0])
    except ValueError:
        return False
    return major in TESTED_MAJORS and callable(Page)


def _table_fragments(document: WeasyDocument) -> Iterator[Any]:
    """The outermost box of the first task table on each page it spans, page after page."""
    element = None
    for page in document.pages:
        box = _first(page._page_box, _has_class(TABLE_CLASS) if element is None else _is(element))
        if box is None:
            if element is not None:
                return
            continue
        element = box.element
        yield box


def _has_class(name: str) -> Callable[[Any], bool]:
    def match(box: Any) -> bool:
        element = getattr(box, "element", None)
        return element is not None and name in (element.get("class") or "").split()
    return match


def _is(element: Any) -> Callable[[Any], bool]:
    return lambda box: getattr(box, "element", None) is element


def _first(box: Any, match: Callable[[Any], bool]) -> Any:
    """The first box in document order that matches, not looking inside a match."""
    stack = [box]
    while stack:
        box = stack.pop()
        if match(box):
            return box
        stack.extend(reversed(getattr(box, "children", ())))
    return None


def _same_place(slot: Any, fragment: Any) -> bool:
    return bool(abs(slot.position_y - fragment.position_y) < SAME_POSITION_PX
            and abs(slot.position_x - fragment.position_x) < SAME_POSITION_PX
            and abs(slot.width - fragment.width) < SAME_POSITION_PX)
