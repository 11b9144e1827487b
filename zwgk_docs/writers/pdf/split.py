"""A long notice laid out in two processes at once: its head (通知, 要点) and its tail (the 附件 table).

A notice that attaches the task table starts the table's 附件 on a page of its own (`.annex`:
break-before: page), so the single layout of the notice is exactly the pages of its head
(everything before that 附件) followed by the pages of its tail (that 附件, the ones after it
and the 版记): nothing on a tail page depends on the head but its page number. With 1,000
tasks that is ~250 pages of text and ~270 pages of table — 20 CPU-seconds in one process, the
build's critical path. Laid out in two processes (both cores), each written, and the PDFs
joined page after page (merge.py), the notice is the same, in about half the time. Each part
is itself laid out in segments, each written and freed before the next (segments.py): memory
stays at about a segment's pages whatever the length of the plan.

The page numbers: WeasyPrint makes the margin boxes (our "— N —") only after all pages are
laid out (weasyprint.layout.layout_document, after make_all_pages). A segment is numbered as in
the whole document: when its margin boxes are made, numbered_after() hands in the count of the
pages before it and each page gets the number and the side (:left/:right, odd/even) it has in
the single layout. The tail's segments are numbered from the tail's first page (tasks.pdf's
numbers) and written without their numbers; the notice's numbers for the tail's pages are laid
out on their own once the head's process has sent its page count (segments.page_numbers). The side chooses the
margin boxes only — checked on the document's own @page rules (_page_rules_allow): none with
:left/:right may set the page itself (its size, margins), none may use :first or :nth(),
which would see the tail's first page as the document's. A forced break to a left/right page
(the 版记 on an even page, banji_even_page) would insert blank pages by the tail's own parity:
such a notice is not split (wanted()).

Installed once per process, for the WeasyPrint releases tested (cjk_justify.TESTED_MAJORS) and
the signatures replaced here; otherwise available() is False and the notice is laid out in one
process as before.
"""

from __future__ import annotations

import contextlib
import functools
import os
import select
import threading
from typing import Any, Callable, Iterator, Optional

from ...context import RenderContext
from .cjk_justify import known

# A notice is split when its table has at least this many rows (tasks and sub-tasks): below, the
# head and tail are a few dozen pages and a second process, a second PDF and the merge cost more
# than they save. A property of the plan, never of the machine's core count. The split runs only
# where the build may fork (render.may_fork: the command line on Linux); a library call lays the
# same notice out in one piece: the same pages and text, other PDF bytes (fonts subset per part).
MIN_ROWS = 150

_THREAD = threading.local()


class Unsupported(RuntimeError):
    """The document's page rules make a tail page depend on more than its number (see the module doc)."""


def wanted(ctx: RenderContext) -> Optional[int]:
    """The number of the attachment the tail starts with (the task table's), when this notice is split."""
    n = ctx.notice
    if n is None or n.banji_even_page or len(ctx.table.rows) < MIN_ROWS:
        return None
    return next((a.number for a in n.attachments if a.content == "table"), None)


@functools.cache
def available() -> bool:
    """Whether this WeasyPrint's margin boxes can be numbered after the layout (install() works)."""
    try:
        import weasyprint
        from weasyprint import layout
        from weasyprint.layout import page
    except ImportError:
        return False
    margins, pages = getattr(layout, "make_margin_boxes", None), getattr(layout, "make_all_pages", None)
    if margins is None or pages is None or not hasattr(page, "set_page_type_computed_styles"):
        return False
    if getattr(margins, "__module__", "") == __name__:
        return True
    if not (known(weasyprint.__version__, margins, ["context", "page", "state"])
            and known(weasyprint.__version__, pages, ["context", "root_box", "html", "pages"])):
        return False
    layout.make_margin_boxes = _numbered(margins)
    layout.make_all_pages = _keeping_html(pages)
    return True


@contextlib.contextmanager
def numbered_after(head_pages: Callable[[], int]) -> Iterator[None]:
    """Documents laid out in this block (this thread) are numbered as if `head_pages()` pages came first;
    it is called once per document, when its margin boxes are made (after all its pages).
    Unsupported when this WeasyPrint or the document's page rules do not allow it."""
    if not available():
        raise Unsupported("WeasyPrint release not supported")
    asked: list[int] = []

    def counted() -> int:
        asked.append(head_pages())
        return asked[-1]

    previous = getattr(_THREAD, "head_pages", None)
    _THREAD.head_pages = counted
    try:
        yield
    finally:
        _THREAD.head_pages = previous
    if not asked:  # margin boxes made past the hook (another WeasyPrint path): numbered from 1
        raise Unsupported("the margin boxes were made without the page count")


def _keeping_html(original: Any) -> Any:
    def make_all_pages(context: Any, root_box: Any, html: Any, pages: Any) -> Any:
        """WeasyPrint's own; the document is kept on the context for the margin boxes (_numbered)."""
        context._zwgk_html = html
        return original(context, root_box, html, pages)

    make_all_pages.__wrapped__ = original  # type: ignore[attr-defined]  # as functools.wraps would
    return make_all_pages


def _numbered(original: Any) -> Any:
    def make_margin_boxes(context: Any, page: Any, state: Any) -> Any:
        """WeasyPrint's own; inside numbered_after(), for the page's number and side in the whole notice."""
        head_pages = getattr(_THREAD, "head_pages", None)
        if head_pages is None:
            return original(context, page, state)
        offset = getattr(context, "_zwgk_offset", None)
        if offset is None:
            if not _page_rules_allow(context.style_for):
                raise Unsupported("the @page rules depend on more than the page number")
            offset = context._zwgk_offset = int(head_pages())
        kept = getattr(_THREAD, "kept", None)
        if kept is not None:  # for numbered_again(): the page without its content, its type, its state
            stub = page.copy()
            stub.children = []
            kept[0].append((stub, page.page_type, state, offset))
            if kept[1] is not None and not kept[1]:
                kept[1].append(context)
        if offset % 2:
            page.page_type = _other_side(context, page.page_type)
        return original(context, page, _shifted(state, offset))

    make_margin_boxes.__wrapped__ = original  # type: ignore[attr-defined]
    return make_margin_boxes


@contextlib.contextmanager
def pages_kept(into: list[Any], context: Optional[list[Any]] = None) -> Iterator[None]:
    """Inside numbered_after(): each page laid out in this block (this thread) also goes to `into`, as
    numbered_again() needs it (its page box without content: small), in the order of the pages;
    `context`: gets the first document's layout context (only then: it holds the document's styles)."""
    previous = getattr(_THREAD, "kept", None)
    _THREAD.kept = (into, context)
    try:
        yield
    finally:
        _THREAD.kept = previous


def numbered_again(kept: list[Any], further: int, context: Any) -> list[Any]:
    """Page boxes holding only the margin boxes (page numbers) that the pages `kept` (pages_kept()) have
    when numbered `further` pages later than they were, made in `context` (a layout context with the
    same @page rules) as layout_document makes them: margin boxes, then their backgrounds. The tail's
    numbers in the notice, made once the head's pages are counted."""
    from weasyprint import layout
    from weasyprint.layout import background

    original = layout.make_margin_boxes.__wrapped__
    numbered = []
    for n, (stub, page_type, state, offset) in enumerate(kept):
        total = offset + further
        stub.page_type = _other_side(context, page_type) if total % 2 else _styled(context, page_type)
        context.current_page = n + 1
        stub.children = list(original(context, stub, _shifted(state, total)))
        background.layout_box_backgrounds(stub, stub, context.get_image_from_uri)  # the page and its margin boxes
        stub.canvas_background = None  # the content's (html, body) is drawn by the page under these numbers
        numbered.append(stub)
    return numbered


def _page_rules_allow(style_for: Any) -> bool:
    """No @page rule that depends on the page's index, nor one by side that sets the page box itself.
    WeasyPrint internals of another shape: Unsupported (the single layout), never a traceback."""
    try:
        for sheet, _origin, _specificity in style_for._sheets:
            for _rule, selectors, _declarations in sheet.page_rules:
                for _page_specificity, pseudo_type, selector in selectors:
                    if selector.first or selector.index is not None or (selector.side and pseudo_type is None):
                        return False
    except (AttributeError, TypeError, ValueError) as exc:
        raise Unsupported(f"WeasyPrint's page rules not as known: {exc}") from exc
    return True


def _other_side(context: Any, page_type: Any) -> Any:
    """The page type on the other side, its styles computed as WeasyPrint computes each page's."""
    return _styled(context, page_type._replace(side="left" if page_type.side == "right" else "right"))


def _styled(context: Any, page_type: Any) -> Any:
    """`page_type`, its styles computed in `context` if they are not yet — or the first page type of the same
    side, blank and name styled here: the page rules allowed (_page_rules_allow) select by nothing else, and
    only make_margin_boxes reads a page box's type (its styles), so each page need not cascade its own (the
    page's index is part of its type: ~1 ms a page, most of the tail's numbers in the notice)."""
    from weasyprint.layout import page

    seen = context.__dict__.setdefault("_zwgk_page_types", {})
    key = (page_type.side, page_type.blank, page_type.name)
    found = seen.get(key)
    if found is None:
        if context.style_for(page_type) is None:
            page.set_page_type_computed_styles(page_type, context._zwgk_html, context.style_for)
        found = seen[key] = page_type
    return found


def _shifted(state: Any, offset: int) -> Any:
    """The page state with the page counter `offset` further (its counter scopes as they were)."""
    try:
        quote_depth, counters, scopes, groups = state
        values = counters.get("page")
    except (AttributeError, TypeError, ValueError) as exc:
        raise Unsupported(f"WeasyPrint's page state not as known: {exc}") from exc
    if not offset or not values:
        return state
    if len(values) != 1:
        raise Unsupported("a nested page counter")
    return quote_depth, {**counters, "page": [values[0] + offset]}, scopes, groups


class PageCount:
    """The head's page count, from the head's process (a forked child) to the tail's, through a pipe."""

    def __init__(self) -> None:
        self._read, self._write = os.pipe()

    def send(self, count: int) -> None:
        """In the head's process. Ended by a newline: a writer it forked before holds the pipe open too."""
        os.write(self._write, f"{count}\n".encode("ascii"))
        self._close("_write")

    def sent(self) -> None:
        """In the tail's process, once the head's is forked: only that process holds the writing end now,
        so the pipe ends (and received() fails) if it dies without sending."""
        self._close("_write")

    def comes_before(self, pid: Optional[int]) -> bool:
        """In the tail's process: whether the count (or the end of the head's process) comes before child `pid`
        ends (None: ended), waiting for the first of the two; received() then returns at once."""
        if self._read < 0:
            return False
        waited = []
        if pid is not None:
            with contextlib.suppress(AttributeError, OSError):  # pidfd_open: Linux 5.3
                waited.append(os.pidfd_open(pid))
        try:
            return self._read in select.select([self._read, *waited], [], [], None if waited else 0)[0]
        finally:
            for fd in waited:
                os.close(fd)

    def received(self) -> int:
        """In the tail's process: the count, waiting for it."""
        data = b""
        while not data.endswith(b"\n") and (chunk := os.read(self._read, 64)):
            data += chunk
        self._close("_read")
        data = data.removesuffix(b"\n")
        if not data.isdigit():
            raise RuntimeError("PDF 生成子进程失败：通知的前半部分没有排完，详见上方错误信息。")
        return int(data)

    def close(self) -> None:
        self._close("_read")
        self._close("_write")

    def _close(self, end: str) -> None:
        fd = getattr(self, end)
        if fd >= 0:
            setattr(self, end, -1)
            with contextlib.suppress(OSError):
                os.close(fd)
