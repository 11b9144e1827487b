"""A box's descendants walked with one generator, not one per level; anchors gathered past plain boxes
(installed by layout_shortcuts.py).

WeasyPrint (70) walks a box's descendants with a recursive generator (Box.descendants: `yield from`
each child's own), so every box it yields passes up through one generator per level above it — ten
or more inside a table cell. It is walked for every line (footnotes), for every page twice (anchors,
then bookmarks and string sets) and for every text's content: ~95,000 generator steps for the 沈阳
notice. Box.descendants here yields the same boxes in the same order from one explicit stack, each
box's children read when WeasyPrint's would read them (just after the box itself is yielded); a child
that is not a Box, when placeholders are walked, and a box whose class has its own descendants are
walked by their own method, as WeasyPrint does.

Anchors. For every page WeasyPrint's gather_anchors visits every box, reading seven of its style's
properties and calling five of its methods to find whether it holds a link, an anchor, a bookmark, a
form or an input; here a box with no transform, bookmark label, link (on a box that would record it),
new anchor, input or form — what WeasyPrint's own would record nothing for and pass its parent's
matrix, form and link on from — has its children visited directly; any other box is WeasyPrint's own.

Installed once per process; a WeasyPrint whose Box.descendants or gather_anchors has another source
(SHA-256 checked) keeps its own. tests/test_pdf_box_walks.py compares the walks and the PDFs.
"""

from __future__ import annotations

import functools
from typing import Any, Iterator

from .sources import known_source

# sha256 of weasyprint.formatting_structure.boxes.Box.descendants's source (70.0)
KNOWN_SOURCES = {"c15a877f61361343c932e5da7b45520292364eb2447365d7fa166e1d3ac8987f"}


def known(function: Any) -> bool:
    """`function` is the Box.descendants that descendants() follows (its source unchanged)."""
    return known_source(function, KNOWN_SOURCES)


@functools.cache
def install() -> bool:
    """Replace Box.descendants (once); False when this WeasyPrint is not the one followed."""
    from weasyprint.formatting_structure.boxes import Box

    original = Box.descendants
    if original.__module__ != Box.__module__ or not known(original):
        return False
    Box.descendants = one_generator(original, Box)
    return True


def one_generator(original: Any, box_class: Any) -> Any:
    def descendants(self: Any, placeholders: bool = False) -> Iterator[Any]:
        """Box.descendants: the box, then each child's descendants in order (one generator for all levels)."""
        yield self
        stack = [iter(self.children)]
        while stack:
            child: Any
            for child in stack[-1]:
                if isinstance(child, box_class):
                    if type(child).descendants is not descendants:  # a class with its own walk
                        yield from child.descendants(placeholders)
                        continue
                    yield child
                    stack.append(iter(child.children))
                    break
                if placeholders:
                    yield from child.descendants(placeholders)
                else:
                    yield child
            else:
                stack.pop()

    descendants.__wrapped__ = original  # type: ignore[attr-defined]  # as functools.wraps would
    return descendants


# sha256 of weasyprint.anchors.gather_anchors's source (70.0), which plain_boxes_passed() follows
KNOWN_ANCHOR_SOURCES = {"373f8c676f27da3b0960998876d78d01eef0b5ff0a0b0c48bfc7a9a89627bbfd"}


@functools.cache
def install_anchors() -> bool:
    """Replace gather_anchors where WeasyPrint looks it up (once); False when this WeasyPrint is not the one followed."""
    from weasyprint import anchors, document

    original = anchors.gather_anchors
    if document.gather_anchors is not original or not known_source(original, KNOWN_ANCHOR_SOURCES):
        return False
    anchors.gather_anchors = document.gather_anchors = plain_boxes_passed(original)
    return True


def plain_boxes_passed(original: Any) -> Any:
    """WeasyPrint's gather_anchors, a box with nothing to record (no transform, bookmark, link, anchor, input or
    form: most of a page's boxes) passed on to its children directly."""
    from weasyprint.formatting_structure.boxes import LineBox, TextBox

    def gather_anchors(box: Any, anchors: Any, links: Any, bookmarks: Any, forms: Any, parent_matrix: Any = None,
                       parent_form: Any = None, parent_link: Any = None) -> None:
        """WeasyPrint's gather_anchors (its own for a box with something to record)."""
        style = box.style
        link = box.link or parent_link
        anchor_name = style["anchor"]
        if (style["transform"] or box.bookmark_label or (link and not isinstance(box, (TextBox, LineBox)))
                or (anchor_name and anchor_name not in anchors) or box.is_input() or box.is_form()):
            original(box, anchors, links, bookmarks, forms, parent_matrix, parent_form, parent_link)
            return
        for child in box.all_children():  # the matrix is the parent's: no transform here
            gather_anchors(child, anchors, links, bookmarks, forms, parent_matrix, parent_form, link)

    gather_anchors.__wrapped__ = original  # type: ignore[attr-defined]
    return gather_anchors
