"""A broken line's metrics read from the layout that broke it, not from a second one (installed by first_lines.py).

When WeasyPrint (70) has found where a line of text ends, first_line_metrics sets the line's text
alone into the Pango layout, without a width, and lays it out once more to read its length, width,
height and baseline: a second shaping of every line kept, a fifth of the Pango time of a notice's
layout. Drawing never uses that Pango layout (the record is deactivated, and drawing makes a new one
from its text), so only those four figures and the record's text come out of it.

Where the second layout is the first one's first line again, they are read from the first line: the
same glyphs give the same figures. That is so when

- the layout holds nothing but the line (the next word was tried on it and fitted: the same text,
  one line, with or without a width), or
- the line ends at a break between two Chinese characters (UAX #14: a break opportunity after an
  ideograph or full-width punctuation, no hyphen inserted there) and holds an ideograph (Han script):
  punctuation and symbols have no script of their own and take that of the text around them, in a
  line of nothing but those (a lone "——") the first character of the next line's — the text past
  the line would decide the font,

and the line does not end in white space (the second layout would drop trailing spaces), has no
preserved line break, tab, soft hyphen or word spacing, and runs left to right:
then the line's glyphs are shaped from the same characters in both layouts (HarfBuzz does not shape
across a line break; letter spacing is the same attribute on the same characters). Any other line —
one ending in a space, a word broken by overflow-wrap, a hyphenated one — is laid out again as
WeasyPrint does. tests/test_pdf_kept_lines.py compares every field with WeasyPrint's own on random
texts, styles and widths.

Installed once per process; a WeasyPrint whose first_line_metrics, Layout.set_text, get_first_line,
deactivate or line_size has another source (SHA-256 checked) keeps its own.
"""

from __future__ import annotations

import functools
import re
from typing import Any

from .cjk_justify import is_cjk
from .sources import known_sources

# sha256 over the sources of line_break's first_line_metrics, Layout.set_text, Layout.get_first_line,
# Layout.deactivate and line_size (WeasyPrint 70.0): what the shortcut reads or stands in for
KNOWN_SOURCES = {"ff579485520a067ca3eaf7f6f163c5ebdab9d1a12c420e8495b046c716204a52"}
_UNSAFE = frozenset("\n\r\t\v\f\x85\u2028\u2029\xad")  # line and paragraph breaks, tabs, soft hyphens

_IDEOGRAPH = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003ffff]")  # Han script


def known() -> bool:
    from weasyprint.text import line_break

    return known_sources((line_break.first_line_metrics, line_break.Layout.set_text, line_break.Layout.get_first_line,
                          line_break.Layout.deactivate, line_break.line_size), KNOWN_SOURCES)


@functools.cache
def install() -> bool:
    """Replace line_break.first_line_metrics (once); False when this WeasyPrint is not the one followed.
    To be installed before anything binds first_line_metrics by name (first_lines.py does)."""
    from weasyprint.text import line_break

    original = line_break.first_line_metrics
    if original.__module__ != line_break.__name__ or not known():
        return False
    line_break.first_line_metrics = read_from_first_layout(original)  # WeasyPrint's own: its __wrapped__
    return True


def own() -> Any:
    """WeasyPrint's own first_line_metrics (for tests)."""
    from weasyprint.text import line_break

    install()
    function = line_break.first_line_metrics
    return getattr(function, "__wrapped__", function)


def read_from_first_layout(original: Any) -> Any:
    from weasyprint.text.ffi import FROM_UNITS, pango
    from weasyprint.text.line_break import line_size

    def first_line_metrics(first_line: Any, text: str, layout: Any, resume_at: Any, space_collapse: bool,
                           style: Any, hyphenated: bool = False, hyphenation_character: Any = None) -> Any:
        """WeasyPrint's first_line_metrics; a line whose second layout would be its first line again read
        from the first."""
        if hyphenated or not resume_at or style["word_spacing"] != 0 or style["direction"] != "ltr":
            return original(first_line, text, layout, resume_at, space_collapse, style, hyphenated,
                            hyphenation_character)
        length = first_line.length
        encoded = text.encode()
        line_text = encoded[:length].decode()
        if not line_text or line_text[-1].isspace() or not _UNSAFE.isdisjoint(line_text):
            return original(first_line, text, layout, resume_at, space_collapse, style, hyphenated,
                            hyphenation_character)
        alone = layout.text == line_text  # the layout holds just the line
        if not alone:
            following = encoded[length:length + 4].decode(errors="ignore")[:1]
            if not (resume_at == length and following and is_cjk(line_text[-1]) and is_cjk(following)
                    and _IDEOGRAPH.search(line_text)):
                return original(first_line, text, layout, resume_at, space_collapse, style, hyphenated,
                                hyphenation_character)
        layout.text = line_text  # as set_text would keep it
        width, height = line_size(first_line, style)
        baseline = pango.pango_layout_get_baseline(layout.layout) * FROM_UNITS
        layout.deactivate()
        return layout, length, resume_at, width, height, baseline

    first_line_metrics.__wrapped__ = original  # type: ignore[attr-defined]  # as functools.wraps would
    return first_line_metrics
