"""A justified text's Pango record made without Pango (used by cjk_justify.py).

Justifying a Chinese line gives each of its text boxes a copy of its style with wider letter
spacing and a new Layout record for it: WeasyPrint's create_layout makes a Pango layout (from a
context, a font description and attribute lists), sets the text, and cjk_justify deactivates it
at once — drawing makes its own from the record's text and style. Of all that only what
deactivate keeps stays: the justification spacing, the first line's direction (0), the three
decoration metrics (None without a text decoration), the maximum width (None) and the text as
set_text keeps it (cut after a preserved line break, a lone space with word spacing widened by a
zero-width space). The record here is made with those fields directly, by the same rules.

A text with a decoration (its metrics come from Pango) is made by WeasyPrint's own. Only when
create_layout, Layout.__init__, Layout.setup, Layout.set_text and Layout.deactivate are WeasyPrint
70.0's (SHA-256 of their sources); otherwise WeasyPrint's own every time.
tests/test_pdf_justified_layouts.py compares the records with WeasyPrint's own.
"""

from __future__ import annotations

import inspect
from typing import Any, Callable

from .sources import known_sources

# sha256 over the sources of line_break.create_layout, Layout.__init__, Layout.setup (WeasyPrint's own, under any
# wrapper), Layout.set_text and Layout.deactivate (70.0)
KNOWN_SOURCES = {"686cc44631cef66fa9867242c6df0ce676ed115bf1163f042ee794ace4cfdb20"}


def known() -> bool:
    from weasyprint.text import line_break

    layout = line_break.Layout
    return known_sources((line_break.create_layout, layout.__init__, inspect.unwrap(layout.setup), layout.set_text,
                          layout.deactivate), KNOWN_SOURCES)


def own(create_layout: Callable[..., Any]) -> Callable[[str, Any, Any, Any], Any]:
    """WeasyPrint's way: create_layout, then deactivate."""

    def deactivated_layout(text: str, style: Any, context: Any, justification_spacing: Any) -> Any:
        layout = create_layout(text, style, context, max_width=None, justification_spacing=justification_spacing)
        layout.deactivate()
        return layout

    return deactivated_layout


def deactivated(create_layout: Callable[..., Any]) -> Callable[[str, Any, Any, Any], Any]:
    """A function giving what `create_layout(text, style, context, None, spacing)` then deactivate() leave."""
    weasyprints = own(create_layout)
    if not known():
        return weasyprints
    from weasyprint.text.line_break import Layout

    new = object.__new__

    def deactivated_layout(text: str, style: Any, context: Any, justification_spacing: Any) -> Any:
        """The record deactivate() would leave, made directly."""
        if style["text_decoration_line"] != "none":  # its metrics: from Pango
            return weasyprints(text, style, context, justification_spacing)
        layout = new(Layout)
        values = layout.__dict__
        values["justification_spacing"] = justification_spacing  # __init__
        values["first_line_direction"] = 0  # setup
        values["ascent"] = values["underline_position"] = values["strikethrough_position"] = None
        values["max_width"] = None  # __init__
        index = text.find("\n")  # set_text: the first line and one character
        if index != -1:
            text = text[:index + 2]
        if text == " " and style["word_spacing"]:  # set_text: a space Pango can widen
            text = " \u200b"
        values["text"] = text
        return layout

    return deactivated_layout
