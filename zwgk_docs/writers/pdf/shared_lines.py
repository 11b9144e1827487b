"""Lines drawn in an earlier document of the process written again without Pango (text_drawing.py).

A batch worker writes notice.pdf, then tasks.pdf, whose table pages are the notice's: every
line of tasks.pdf was drawn in notice.pdf; and department plans share most of their wording.
Within a document text_drawing.py already writes a short line met again from its first
drawing; across documents the line's glyphs are the same (the same text, spacing, style values
and Pango font map give the same Pango layout) but what its TJ says is not always: a glyph's
kerning is its logical width (the document's Font.widths, set where the glyph was first drawn,
maybe at another size) less its drawn width. So a line is kept with, for each glyph, the
logical width its TJ was written with, the width Pango gives it at the run's size and the text
its cluster gives; it is written again in another document when each glyph's width there (or,
for a glyph the document has not drawn yet, the width Pango gives it) is the one written, and
its fonts are already in the document. The glyphs the document had not drawn get their width
and text as WeasyPrint's draw_first_line gives them, in the same order. Otherwise the line is
drawn as before (and kept anew).
"""

from __future__ import annotations

import threading
from typing import Any, Optional

KEPT = 8192  # lines kept at most (~4 KB each; a department plan has ~330 different lines, a 200-task plan thousands)
KEPT_FONTS = 64  # (font map, font, size) whose glyph widths are kept

_lock = threading.Lock()


class Run:
    """A run of a kept line: its font (key in the document's fonts, hash) and, glyph by glyph, its id,
    the logical width written, the width Pango gives it and the text of its cluster."""

    __slots__ = ("key", "hash", "glyphs", "written", "widths", "texts")

    def __init__(self, key: Any, font_hash: str, glyphs: list[int], written: list[int], widths: list[int],
                 texts: list[str]) -> None:
        self.key, self.hash, self.glyphs, self.written, self.widths, self.texts = \
            key, font_hash, glyphs, written, widths, texts


class Shared:
    """A kept line: the font map it was laid out with, what draw_first_line wrote (a text_drawing.Line), its runs."""

    __slots__ = ("font_map", "line", "runs")

    def __init__(self, font_map: Any, line: Any, runs: list[Run]) -> None:
        self.font_map, self.line, self.runs = font_map, line, runs


_LINES: dict[tuple[Any, ...], Shared] = {}
# (font map id, font key, size) → (font map, {glyph: the logical width Pango gives it, as draw_first_line rounds it})
_WIDTHS: dict[tuple[Any, ...], tuple[Any, dict[int, int]]] = {}


_KEEPING = [True]


def one_job() -> None:
    """This process was forked to write one part and exit (render.in_background): a line kept here
    would die with it, unread (a 1,000-task notice's writers: ~0.3 CPU s of keeping), so none is."""
    _KEEPING[0] = False


def keeping() -> bool:
    return _KEEPING[0]


def found(key: tuple[Any, ...], font_map: Any) -> Optional[Shared]:
    shared = _LINES.get((id(font_map), key))
    return shared if shared is not None and shared.font_map is font_map else None


def keep(key: tuple[Any, ...], font_map: Any, line: Any, runs: list[Run]) -> None:
    with _lock:
        if len(_LINES) >= KEPT:
            _LINES.clear()
        _LINES[id(font_map), key] = Shared(font_map, line, runs)


def glyph_widths(font_map: Any, font_key: Any, size: float) -> dict[int, int]:
    """The logical widths Pango gives the glyphs of a font at a size, as met (filled by the caller)."""
    entry = _WIDTHS.get((id(font_map), font_key, size))
    if entry is None or entry[0] is not font_map:
        with _lock:
            if len(_WIDTHS) >= KEPT_FONTS:
                _WIDTHS.clear()
            entry = _WIDTHS[(id(font_map), font_key, size)] = (font_map, {})
    return entry[1]


def adopt(fonts: dict[Any, Any], shared: Shared) -> bool:
    """Whether the kept line writes in this document (its fonts in it, each glyph's logical width the one
    written); if so the glyphs it had not drawn are given their widths and text, in the line's order."""
    added: dict[int, tuple[Any, dict[int, int], dict[int, str]]] = {}  # font id → (font, widths, texts) to add
    for run in shared.runs:
        font = fonts.get(run.key)
        if font is None or font.hash != run.hash:
            return False
        widths, to_unicode = font.widths, font.to_unicode
        pending = added.get(id(font))
        if pending is None and list(map(widths.get, run.glyphs)) == run.written \
                and all(map(to_unicode.__contains__, run.glyphs)):
            continue  # every glyph drawn before in this document, at the width written
        if pending is None:
            pending = added[id(font)] = (font, {}, {})
        new_widths, new_texts = pending[1], pending[2]
        for glyph, written, width, text in zip(run.glyphs, run.written, run.widths, run.texts):
            current = widths.get(glyph)
            if current is None:
                current = new_widths.setdefault(glyph, width)
            if current != written:
                return False
            if glyph not in to_unicode and glyph not in new_texts:
                new_texts[glyph] = text
    for font, new_widths, new_texts in added.values():
        font.widths.update(new_widths)
        font.to_unicode.update(new_texts)
    return True


def cluster_texts(glyph_item: Any, num_glyphs: int, utf8_text: bytes, ffi: Any) -> list[str]:
    """The text of each glyph's cluster, as draw_first_line gives a glyph not in the font's to_unicode."""
    item = glyph_item.item
    clusters = ffi.unpack(glyph_item.glyphs.log_clusters, num_glyphs)
    start, length = item.offset, item.length
    if item.analysis.level % 2:  # rtl
        ends = [length, *clusters[:-1]]
    else:
        ends = [*clusters[1:], length]
    return [utf8_text[start + a:start + b].decode() for a, b in zip(clusters, ends)]
