"""A box's descendants walked with one generator, not one per level (installed by layout_shortcuts.py).

WeasyPrint (70) walks a box's descendants with a recursive generator (Box.descendants: `yield from`
each child's own), so every box it yields passes up through one generator per level above it — ten
or more inside a table cell. It is walked for every line (footnotes), for every page twice (anchors,
then bookmarks and string sets) and for every text's content: ~95,000 generator steps for the 沈阳
notice. Box.descendants here yields the same boxes in the same order from one explicit stack, each
box's children read when WeasyPrint's would read them (just after the box itself is yielded); a child
that is not a Box, when placeholders are walked, and a box whose class has its own descendants are
walked by their own method, as WeasyPrint does.

Installed once per process; a WeasyPrint whose Box.descendants has another source (SHA-256 checked)
keeps its own. tests/test_pdf_box_walks.py compares the walks and the PDFs.
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
