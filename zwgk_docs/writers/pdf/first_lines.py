"""A line of text found with a shorter Pango layout: the same line break, less shaping (installed by render.py).

For every line of a paragraph WeasyPrint (70) calls split_first_line with the rest of the text
and lays out, in Pango, a prefix of it: max_width / font_size × 4 characters, enough for four
lines of Chinese (each character is about one em wide), to find where the first line ends and
the first break opportunity of the second. It then lays out the first line again, alone. The
first layout is ~60 % of a line's Pango time and most of what it shapes is thrown away.

Here that first layout gets a shorter prefix — max_width / font_size × PREFIX_RATIO + PREFIX_MARGIN
characters (about one and a half lines of Chinese) — and WeasyPrint's own steps follow on it,
statement for statement (a copy of weasyprint.text.line_break.split_first_line 70.0, checked by
the SHA-256 of its source). The result is WeasyPrint's own because each step reads only what is
the same in both layouts:

- Pango's first line of a text is decided by the text up to the first character that no longer
  fits, the break opportunities up to there (UAX #14 looks a few characters ahead at most) and
  HarfBuzz's shaping context (5 characters each side). Both prefixes end SAFE_CHARS or more
  characters after the second line's first break opportunity, so the first line, its width and
  that break opportunity are the same in both layouts.
- WeasyPrint keeps its prefix as the text when that second-line break lies inside it; the later
  steps read the prefix only up to that break (the next word, the line's end) — except those that
  read all of it: soft hyphens and automatic hyphenation (the whole second line), breaking an
  overlong word (space < 0 with overflow-wrap/word-break) and a second line made of nothing but a
  word that fits on the first. In each of those cases, and whenever the shorter layout has no second
  line or the break lies too near its end, WeasyPrint's own function does the work (a line of
  Latin words, a narrow column, a preserved newline or tab: the same bytes, just not faster).

Installed once per process for lines of inline layout (weasyprint.layout.inline); a WeasyPrint
whose split_first_line has another source is left alone. tests/test_pdf_first_lines.py compares
every field of the result with WeasyPrint's own on random texts and widths.
"""

from __future__ import annotations

import functools
from math import inf
from typing import Any, Callable

from .sources import known_source

# sha256 of weasyprint.text.line_break.split_first_line's source (70.0) that _shorter follows
KNOWN_SOURCES = {"39ad1016863ca34de0bea4c9fcffb46da7e27813c87dd82b7011bfa19fe5504f"}
PREFIX_RATIO = 1.25  # characters per em of width in the first try (Chinese: 1.0, with letter spacing ~1.02)
PREFIX_MARGIN = 12  # characters more: the second line's first break, the safety zone after it
SAFE_CHARS = 8  # characters at least between that break and the prefix's end (UAX #14 look-ahead, HarfBuzz context)
WEASYPRINT_RATIO = 4  # line_break.split_first_line's own `ratio`
_UNSAFE_CHARACTERS = ("\xad", "\t", "\n")  # soft hyphen; tab stops; preserved line breaks

_originals: dict[str, Any] = {}


def known(function: Any) -> bool:
    """`function` is the split_first_line whose steps _shorter follows (its source unchanged)."""
    return known_source(function, KNOWN_SOURCES)


@functools.cache
def install() -> bool:
    """Replace inline layout's split_first_line (once); False when this WeasyPrint is not the one followed."""
    from weasyprint.layout import inline
    from weasyprint.text import line_break

    from . import kept_lines

    kept_lines.install()  # before shorter_first_layout binds first_line_metrics
    original: Callable[..., Any] = line_break.split_first_line
    if not known(original) or inline.split_first_line is not line_break.split_first_line:  # not under another wrapper
        return False
    inline.split_first_line = shorter_first_layout(original)
    _originals["split_first_line"] = original
    return True


def uninstalled() -> dict[str, Any]:
    """WeasyPrint's own functions that install() replaced, by name (for tests)."""
    return dict(_originals)


_BAIL = None  # _shorter's "WeasyPrint's own must decide"


def shorter_first_layout(original: Callable[..., Any]) -> Callable[..., Any]:
    """WeasyPrint's split_first_line (`original`), its first Pango layout made of a shorter prefix when that
    cannot change the result."""
    from weasyprint.text.ffi import ffi, pango
    from weasyprint.text.line_break import create_layout, first_line_metrics, get_next_break_point, line_size

    def shorter(text: str, style: Any, context: Any, max_width: Any, justification_spacing: Any,
                is_line_start: bool, minimum: bool) -> Any:
        """line_break.split_first_line's steps on a shorter prefix; _BAIL where its result could differ."""
        white_space = style["white_space"]
        if white_space not in ("normal", "pre-wrap", "pre-line") or max_width is None or max_width == inf:
            return _BAIL
        font_size = style["font_size"]
        if not font_size or font_size * WEASYPRINT_RATIO > max_width or style["hyphens"] == "auto":
            return _BAIL
        theirs = int(max_width / font_size * WEASYPRINT_RATIO)  # the prefix WeasyPrint would lay out
        length = int(max_width / font_size * PREFIX_RATIO) + PREFIX_MARGIN
        if length >= min(theirs, len(text)):
            return _BAIL
        read = text[:theirs]
        if any(c in read for c in _UNSAFE_CHARACTERS):
            return _BAIL
        space_collapse = white_space in ("normal", "nowrap", "pre-line")

        # Step #1, on the shorter prefix: a second line and its first break opportunity well inside it.
        short_text = text[:length]
        layout = create_layout(short_text, style, context, max_width, justification_spacing)
        first_line, resume_index = layout.get_first_line()
        if resume_index is None:
            return _BAIL
        first_line_text = short_text.encode()[:resume_index].decode()
        start, end = len(first_line_text) + 1, len(short_text)
        text_end_log_attrs = pango.pango_layout_get_log_attrs_readonly(layout.layout, ffi.NULL)[start:end]
        second_break = get_next_break_point(text_end_log_attrs)
        if second_break is None or start + second_break > end - SAFE_CHARS:
            return _BAIL
        text = short_text  # as WeasyPrint: its prefix has the same break there

        # Step #2: there is a second line.
        first_line_width, _ = line_size(first_line, style)

        # Step #3
        if first_line_width <= max_width:
            encoded_text = text.encode()
            first_line_text = encoded_text[:resume_index].decode()
            second_line_text = encoded_text[resume_index:].decode()
        else:
            first_line_text = ""
            second_line_text = text
        log_attrs = pango.pango_layout_get_log_attrs_readonly(layout.layout, ffi.NULL)
        start = len(first_line_text) + 1
        break_point = get_next_break_point(log_attrs[start:end])
        if break_point is None or start + break_point > end - SAFE_CHARS:
            return _BAIL
        next_word = second_line_text[:break_point].rstrip(" ")
        if next_word:
            if space_collapse and second_line_text[break_point] == " ":
                new_first_line_text = first_line_text + next_word
                layout.set_text(new_first_line_text)
                first_line, resume_index = layout.get_first_line()
                if resume_index is None:
                    if first_line_text:
                        resume_index = len(new_first_line_text.encode()) + 1
                        return first_line_metrics(first_line, text, layout, resume_index, space_collapse, style)
                    return _BAIL  # WeasyPrint compares with the length of its whole prefix
        elif first_line_text:
            return first_line_metrics(first_line, text, layout, resume_index, space_collapse, style)

        # Step #4: no hyphenation (no soft hyphen in WeasyPrint's prefix, hyphens not auto).
        # Step #5: an overlong word broken anywhere would read the whole prefix.
        overflow_wrap = style["overflow_wrap"]
        first_line_width, _ = line_size(first_line, style)
        space = max_width - first_line_width
        can_break = (style["word_break"] == "break-all" or (
            is_line_start and (overflow_wrap == "anywhere" or (overflow_wrap == "break-word" and not minimum))))
        if space < 0 and can_break:
            return _BAIL
        return first_line_metrics(first_line, text, layout, resume_index, space_collapse, style,
                                  False, style["hyphenate_character"])

    def split_first_line(text: str, style: Any, context: Any, max_width: Any, justification_spacing: Any,
                         is_line_start: bool = True, minimum: bool = False) -> Any:
        """WeasyPrint's split_first_line, its first layout shorter where that gives the same line."""
        found = shorter(text, style, context, max_width, justification_spacing, is_line_start, minimum)
        if found is _BAIL:
            return original(text, style, context, max_width, justification_spacing, is_line_start, minimum)
        return found

    split_first_line.__wrapped__ = original  # type: ignore[attr-defined]  # as functools.wraps would
    return split_first_line
