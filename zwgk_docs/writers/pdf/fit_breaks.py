"""The standard probe's verdict read off the notice's own layout, when that layout shows it (fit.deciding).

The probe at the standard spacing (notice_print.html, probe=True) is the notice's 通知 without the
print CSS's carry-over rules (CARRIED: break-before: avoid on the sign-off, the 附注, the last 正文
paragraph and the 附件说明) and without what follows the 通知. WeasyPrint lays both out by the same
steps over the same boxes, so their pages are the same up to the first page break it weighs
(block_level_page_break) whose value a carry-over rule changes — the first "divergence". The notice's
layout is watched for it (this thread, until the spacing is decided):

- none until the 通知 has ended, and what follows it on that page is the probe's too: the probe's
  pages are the notice's, and so is its verdict (fit.Watch.fits);
- first, the sign-off (or the 附注 after it) not fitting where it is (_in_flow_layout, the only place
  a block that does not fit meets the rule) with text laid out before it: the probe breaks there,
  its sign-off leaves the page of the text's last line — it does not fit;
- anything else: not shown, the probe is laid out (fit.choose).
"""

from __future__ import annotations

import functools
import sys
import threading
from typing import Any, Optional

from .sources import known_sources

# notice_print.css's {% if not probe %} block: what it sets to break-before: avoid (test_fit_breaks checks it).
CARRIED = ".signoff-wrap, .note, .notice-text .body p:last-child, .attachment-note"
NOTICE_TEXT = "notice-text"  # the 通知's element: every data-fit line is in it
# WeasyPrint 70.0's block_level_page_break, _add_break_values, _in_flow_layout and block_container_layout
KNOWN_SOURCES = {"c7a3dc9cb9fa2f76245c65b3d2b54e8b3369e8bd415a8d7527dd7fef443d3fa3"}
_AVOID = ("avoid", "avoid-page", "avoid-column")
_SIBLINGS_ONLY = "block_container_layout"  # there only a forced break counts: avoid and auto are the same

_THREAD = threading.local()


class Breaks:
    """The first page break of a watched layout that the carry-over rules weighed otherwise."""

    def __init__(self, carried: set[int], notice_text: Any) -> None:
        self.carried = carried  # id() of the elements CARRIED selects
        self.notice_text = notice_text  # the 通知's element
        self.first: Optional[tuple[str, Any, Any]] = None  # (WeasyPrint function, box before, box after)

    def probe_value(self, sibling_before: Any, sibling_after: Any, value: str) -> str:
        """What block_level_page_break gives for these boxes without the carry-over rules ("avoid"
        wins over "auto" only, and everything else over "avoid": the first avoid kind left, else "auto")."""
        if value not in _AVOID:
            return value
        values = [*_break_values(sibling_before, "after", self.carried), *_break_values(sibling_after, "before", self.carried)]
        return next((kept for kept in values if kept in _AVOID), "auto")


def _break_values(box: Any, side: str, carried: set[int]) -> list[str]:
    """The values WeasyPrint's _add_break_values collects, in its order; a carried element's break-before
    as the probe has it ("auto": nothing else in the print CSS sets it)."""
    from weasyprint.formatting_structure import boxes

    kinds = (boxes.BlockLevelBox, boxes.TableRowGroupBox, boxes.TableRowBox)
    found = []
    while isinstance(box, kinds) and (box.is_in_normal_flow() or box.is_floated()):
        value = box.style[f"break_{side}"]
        if side == "before" and value == "avoid" and id(box.element) in carried:
            value = "auto"
        found.append(value)
        if not box.children:
            break
        box = box.children[-1 if side == "after" else 0]
    if side == "after":
        found.reverse()
    return found


def carried_elements(html: Any) -> Optional[Breaks]:
    """A Breaks for this document (a weasyprint HTML): the elements of its 通知 CARRIED selects;
    None without a 通知."""
    import cssselect2  # type: ignore[import-untyped]

    root = cssselect2.ElementWrapper.from_html_root(html.etree_element)
    notice_text = next(root.query_all(f".{NOTICE_TEXT}"), None)
    if notice_text is None:
        return None
    selectors = _carried_selectors()
    carried = {id(e.etree_element) for e in notice_text.iter_subtree() if any(s.test(e) for s in selectors)}
    return Breaks(carried, notice_text.etree_element)


@functools.lru_cache(maxsize=1)
def _carried_selectors() -> list[Any]:
    import cssselect2

    return list(cssselect2.compile_selector_list(CARRIED))


def watching(breaks: Optional[Breaks]) -> None:
    """Page breaks weighed in this thread go to `breaks` (None: to nothing)."""
    _THREAD.breaks = breaks


def _weighed(original: Any) -> Any:
    def block_level_page_break(sibling_before: Any, sibling_after: Any) -> str:
        """WeasyPrint's own; while a layout is watched, the first break the carry-over rules weigh otherwise noted."""
        value: str = original(sibling_before, sibling_after)
        breaks = getattr(_THREAD, "breaks", None)
        if breaks is not None and breaks.first is None and breaks.probe_value(sibling_before, sibling_after, value) != value:
            caller = sys._getframe(1).f_code.co_name
            if caller != _SIBLINGS_ONLY:
                breaks.first = (caller, sibling_before, sibling_after)
        return value

    block_level_page_break.__wrapped__ = original  # type: ignore[attr-defined]  # as functools.wraps would
    block_level_page_break._zwgk_weighed = True  # type: ignore[attr-defined]
    return block_level_page_break


def install() -> bool:
    """Wrap weasyprint.layout.block.block_level_page_break (once); False when this WeasyPrint is not the one
    these rules were checked against (then the standard probe is always laid out)."""
    from weasyprint.layout import block

    current = block.block_level_page_break
    if getattr(current, "_zwgk_weighed", False):
        return True
    if not known_sources([current, block._add_break_values, block._in_flow_layout, block.block_container_layout],
                         KNOWN_SOURCES):
        return False
    block.block_level_page_break = _weighed(current)
    return True


def signoff_left_text(breaks: Breaks, text_seen: bool) -> bool:
    """The first divergence shows the probe's sign-off (or 附注) leaving the page of the text's last line:
    a block marked data-fit="signoff" did not fit where the carry-over rules forbade breaking before it,
    after a sign-off block (the sign-off parted) or with text laid out already (`text_seen`: the text is
    all before the sign-off, so its last line is on this page or an earlier one)."""
    if breaks.first is None:
        return False
    caller, before, after = breaks.first
    if caller != "_in_flow_layout" or _role(after) != "signoff":
        return False
    return _role(before) == "signoff" or text_seen


def _role(box: Any) -> Optional[str]:
    element = getattr(box, "element", None)
    return element.get("data-fit") if element is not None else None


def past_notice_text(breaks: Breaks, root_box: Any, resume_at: Any) -> Optional[bool]:
    """Whether the next page starts after the 通知 (`resume_at`: WeasyPrint's skip stack from the root box;
    None: there is no next page); None when that is not clear."""
    if resume_at is None:
        return True
    path = _path(root_box, breaks.notice_text)
    if path is None:
        return None
    stack = resume_at
    for index in path:
        if not isinstance(stack, dict) or len(stack) != 1:
            return None  # resumes at the start of a box holding the 通知, or not a plain position
        ((key, stack),) = stack.items()
        if key != index:
            return bool(key > index)
    return False  # inside the 通知


def _path(root_box: Any, element: Any, depth: int = 6) -> Optional[list[int]]:
    """Child indices from the root box to the first box made for `element` (a shallow search: the 通知
    is a few levels down)."""
    frontier: list[tuple[Any, list[int]]] = [(root_box, [])]
    for _ in range(depth):
        deeper = []
        for box, path in frontier:
            for index, child in enumerate(getattr(box, "children", ())):
                if getattr(child, "element", None) is element:
                    return [*path, index]
                deeper.append((child, [*path, index]))
        frontier = deeper
    return None
