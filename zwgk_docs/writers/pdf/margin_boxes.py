"""Only the margin boxes a page keeps are made (installed by layout_shortcuts.py).

For every page WeasyPrint (70) makes all sixteen margin boxes (@top-left … @bottom-right-corner):
each a box with its style's used values resolved and its spacing reset, then keeps those with
content (our page number) and, on a side where one has content, its two neighbours (they share
the side's width). A side with no content, and an empty corner, are dropped unused: 13 of the 16
boxes of our pages, about half of the page's margin-box time.

make_margin_boxes here is WeasyPrint's (a copy of weasyprint.layout.page.make_margin_boxes 70.0,
checked by the SHA-256 of its source) but for that: each margin box's style is still looked up and
its page-based counters standardized (what WeasyPrint's make_box does to the style in place), and
whether it has content is read from the same `content` value; the box itself is made only when it
is kept or needed by a kept neighbour. The boxes kept are made exactly as WeasyPrint makes them.
tests/test_pdf_margin_boxes.py compares the PDFs byte for byte.
"""

from __future__ import annotations

import copy
import functools
from typing import Any, Iterator

from .sources import known_source

# sha256 of weasyprint.layout.page.make_margin_boxes's source (70.0), which make_margin_boxes() below follows
KNOWN_SOURCES = {"4a2d2e301eb3bc47c2812d1502d4d6ce3b65922a76e69fb45c11a5ae353198a7"}
_EMPTY = ("normal", "inhibit", "none")  # `content` values of a margin box that is not generated


def known(function: Any) -> bool:
    """`function` is the make_margin_boxes that make_margin_boxes() follows (its source unchanged)."""
    return known_source(function, KNOWN_SOURCES)


@functools.cache
def install() -> bool:
    """Replace weasyprint.layout's make_margin_boxes (once); False when this WeasyPrint is not the one followed
    or another wrapper is there already."""
    from weasyprint import layout
    from weasyprint.layout import page

    original = page.make_margin_boxes
    if layout.make_margin_boxes is not original or not known(original):
        return False
    layout.make_margin_boxes = kept_only(original)  # WeasyPrint's own stays weasyprint.layout.page's
    return True


def kept_only(original: Any) -> Any:
    from weasyprint.formatting_structure import boxes, build
    from weasyprint.layout import page as pages

    def make_margin_boxes(context: Any, page: Any, state: Any) -> Iterator[Any]:
        """WeasyPrint's make_margin_boxes; the boxes it would drop unused not made."""

        def style_of(at_keyword: str) -> Any:
            """What make_box does to the margin box's style before making the box."""
            style = context.style_for(page.page_type, at_keyword)
            if style is None:
                style = page.style.anonymous_style
            pages._standardize_page_based_counters(style, at_keyword)
            return style

        def make_box(at_keyword: str, style: Any, containing_block: Any) -> Any:
            """WeasyPrint's make_box, from the style style_of() gave."""
            box = boxes.MarginBox(at_keyword, style)
            box.is_generated = style["content"] not in _EMPTY
            if box.is_generated:
                margin_state = copy.deepcopy(state)
                quote_depth, counter_values, counter_scopes, _page_groups = margin_state
                counter_scopes.append(set())
                build.update_counters(margin_state, box.style)
                box.children = build.content_to_boxes(
                    box.style, box, quote_depth, counter_values, context.get_image_from_uri,
                    context.target_collector, context.counter_style, context, page)
                box.process_whitespace()
                box.process_text_transform()
                box = build.create_anonymous_boxes(box)
            pages.resolve_percentages(box, containing_block)
            if not box.is_generated:
                box.width = box.height = 0
                for side in ("top", "right", "bottom", "left"):
                    box._reset_spacing(side)
            return box

        margin_top, margin_bottom = page.margin_top, page.margin_bottom
        margin_left, margin_right = page.margin_left, page.margin_right
        max_box_width, max_box_height = page.border_width(), page.border_height()
        page_end_x, page_end_y = margin_left + max_box_width, margin_top + max_box_height
        generated_boxes = []

        for prefix, vertical, containing_block, position_x, position_y in (
            ("top", False, (max_box_width, margin_top), margin_left, 0),
            ("bottom", False, (max_box_width, margin_bottom), margin_left, page_end_y),
            ("left", True, (margin_left, max_box_height), 0, margin_top),
            ("right", True, (margin_right, max_box_height), page_end_x, margin_top),
        ):
            if vertical:
                suffixes = ["top", "middle", "bottom"]
                fixed_outer, variable_outer = containing_block
            else:
                suffixes = ["left", "center", "right"]
                variable_outer, fixed_outer = containing_block
            keywords = [f"@{prefix}-{suffix}" for suffix in suffixes]
            styles = [style_of(at_keyword) for at_keyword in keywords]
            if all(style["content"] in _EMPTY for style in styles):
                continue  # WeasyPrint's side boxes, none generated: dropped
            side_boxes = [make_box(at_keyword, style, containing_block) for at_keyword, style in zip(keywords, styles)]
            pages.compute_variable_dimension(context, side_boxes, vertical, variable_outer)
            for box, offset in zip(side_boxes, [0, 0.5, 1]):
                if not box.is_generated:
                    continue
                box.position_x = position_x
                box.position_y = position_y
                if vertical:
                    box.position_y += offset * (variable_outer - box.margin_height())
                else:
                    box.position_x += offset * (variable_outer - box.margin_width())
                pages.compute_fixed_dimension(context, box, fixed_outer, not vertical, prefix in ("top", "left"))
                generated_boxes.append(box)

        for at_keyword, cb_width, cb_height, position_x, position_y in (
            ("@top-left-corner", margin_left, margin_top, 0, 0),
            ("@top-right-corner", margin_right, margin_top, page_end_x, 0),
            ("@bottom-left-corner", margin_left, margin_bottom, 0, page_end_y),
            ("@bottom-right-corner", margin_right, margin_bottom, page_end_x, page_end_y),
        ):
            style = style_of(at_keyword)
            if style["content"] in _EMPTY:
                continue  # a corner box not generated: dropped
            box = make_box(at_keyword, style, (cb_width, cb_height))
            box.position_x = position_x
            box.position_y = position_y
            pages.compute_fixed_dimension(context, box, cb_height, True, "top" in at_keyword)
            pages.compute_fixed_dimension(context, box, cb_width, False, "left" in at_keyword)
            generated_boxes.append(box)

        for box in generated_boxes:
            yield pages.margin_box_content_layout(context, page, box)

    make_margin_boxes.__wrapped__ = original  # type: ignore[attr-defined]  # as functools.wraps would
    return make_margin_boxes

