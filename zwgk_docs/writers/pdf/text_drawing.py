"""Lines of text drawn with fewer Python calls: WeasyPrint's draw_first_line, the same operators (installed once per process).

Writing a PDF spends about half its time in draw_first_line, which reads every glyph of every
line through cffi — four attribute reads of C structs and a slice per glyph, ~1 µs each — to
write the line's TJ operator. The replacement reads each run's glyphs in one copy of its C array
(PangoGlyphInfo, unpacked with struct) and builds the same string the same way, so the PDF is
byte-identical; it is about three times faster (~0.4 s of a 106-page notice's 1.1 s write).

Only the plain case: lines without ellipsis, in fonts without colour glyphs (SVG, PNG, COLR);
those, and any WeasyPrint whose draw_first_line is not the one this was written from (its
source is compared), are drawn by WeasyPrint's own code.
"""

from __future__ import annotations

import hashlib
import importlib
import inspect
import struct
import threading
from typing import Any, Callable, Optional

_lock = threading.Lock()
_installed = False

# sha256 of the source of the draw_first_line this replaces (WeasyPrint 70.0)
KNOWN_SOURCES = {"1bb8eae6d88e71b17096a034656f3be17da8f1f513c78536c1c38d971927638b"}
GLYPH_INFO = struct.Struct("=IiiiI")  # PangoGlyphInfo: glyph, geometry (width, x_offset, y_offset), attr


def source_hash(function: Any) -> str:
    return hashlib.sha256(inspect.getsource(function).encode("utf-8")).hexdigest()


def install() -> bool:
    """Replace WeasyPrint's draw_first_line (idempotent); False when it is not the one we know."""
    global _installed
    with _lock:
        if not _installed:
            module = _known_module()
            if module is not None:
                from weasyprint.logger import LOGGER
                from weasyprint.text.ffi import FROM_UNITS, ffi, pango

                from weasyprint.pdf.stream import Stream

                pydyf = importlib.import_module("pydyf")  # no type information: a plain module object

                # the text matrix written here, as pydyf writes it, unless WeasyPrint's Stream writes its own
                plain_tm = Stream.set_text_matrix is pydyf.Stream.set_text_matrix
                module.draw_first_line = _draw_first_line(module.draw_first_line, ffi, pango, FROM_UNITS, LOGGER,
                                                          pydyf._to_bytes if plain_tm else None)
                _installed = True
        return _installed


def _known_module() -> Any:
    """weasyprint.draw.text when its draw_first_line is the one replaced here (and Pango's glyphs are
    laid out as unpacked here), else None."""
    try:
        from weasyprint.draw import text
        from weasyprint.text.ffi import ffi
    except ImportError:
        return None
    try:
        known = source_hash(text.draw_first_line) in KNOWN_SOURCES
    except (AttributeError, OSError, TypeError):  # renamed, or no source to compare (a frozen install)
        return None
    return text if known and ffi.sizeof("PangoGlyphInfo") == GLYPH_INFO.size else None


def _draw_first_line(original: Callable[..., Any], ffi: Any, pango: Any, from_units: float, logger: Any,
                     number: Optional[Callable[[Any], bytes]]) -> Callable[..., Any]:
    empty, unknown_flag = pango.PANGO_GLYPH_EMPTY, pango.PANGO_GLYPH_UNKNOWN_FLAG
    old_pango = pango.pango_version() < 14802
    null, buffer, unpack = ffi.NULL, ffi.buffer, GLYPH_INFO.iter_unpack
    set_single_paragraph_mode = pango.pango_layout_set_single_paragraph_mode
    glyph_extents = pango.pango_font_get_glyph_extents

    def draw_first_line(stream: Any, textbox: Any, text_overflow: Any, block_ellipsis: Any, matrix: Any) -> Any:
        if text_overflow == "ellipsis" or block_ellipsis != "none":
            return original(stream, textbox, text_overflow, block_ellipsis, matrix)
        if not textbox.text.strip():
            return []
        style = textbox.style
        if style["font_size"] < 1e-6:  # default float precision used by pydyf
            return []
        layout = textbox.pango_layout
        set_single_paragraph_mode(layout.layout, True)
        first_line, _ = layout.get_first_line()

        # The runs and their fonts first (added to the stream as WeasyPrint adds them): a colour
        # font anywhere in the line leaves the whole line to WeasyPrint.
        runs = []
        previous = None
        font_of_run: Any = None
        run = first_line.runs[0]
        while run != null:
            glyph_item = run.data
            run = run.next
            pango_font = glyph_item.item.analysis.font
            if pango_font != previous:
                previous = pango_font
                font_of_run = stream.add_font(pango_font)
                font = font_of_run[0]
                if font.svg or font.png or font.colr:
                    return original(stream, textbox, text_overflow, block_ellipsis, matrix)
                runs.append((glyph_item, pango_font, font_of_run))
            else:
                runs.append((glyph_item, pango_font, None))

        a, b, c, d, e, f = matrix.values
        if number is not None and a == 1 and b == 0 and c == 0 and d == -1:  # pydyf's "1 0 0 -1 e f Tm"
            stream.stream.append(b"1 0 0 -1 " + number(e) + b" " + number(f) + b" Tm")
        else:
            stream.set_text_matrix(a, b, c, d, e, f)
        string = ""
        font, font_size = None, 0
        for glyph_item, pango_font, new_font in runs:
            glyph_string = glyph_item.glyphs
            num_glyphs = glyph_string.num_glyphs
            clusters = None
            utf8_text = None
            if new_font is not None:
                font, font_size = new_font
                if old_pango:  # https://gitlab.gnome.org/GNOME/pango/-/issues/530
                    font_size = style["font_size"]
                if string:
                    stream.show_text(string)
                string = ""
                stream.set_font_size(font.hash, 1 if font.bitmap else font_size)
            widths, to_unicode, bitmap = font.widths, font.to_unicode, font.bitmap
            segments = _segments(font, font_size)
            string += "<"
            glyphs = buffer(glyph_string.glyphs, num_glyphs * GLYPH_INFO.size)[:]
            fields = memoryview(glyphs).cast("i")  # glyph, width, x_offset, y_offset, attr; glyph by glyph
            if not any(fields[3::5]):  # no glyph raised: maybe all of them drawn before
                drawn = list(map(segments.get, zip(fields[0::5], fields[1::5], fields[2::5])))
                if None not in drawn:
                    string += "".join(drawn)  # type: ignore[arg-type]  # no None in it
                    glyphs = b""  # done: nothing for the glyph-by-glyph loop
            for i, (glyph_id, width, x_offset, y_offset, _) in enumerate(unpack(glyphs)):
                if not y_offset:
                    segment = segments.get((glyph_id, width, x_offset))
                    if segment is not None:  # this glyph at this width and offset drawn before: what the TJ says
                        string += segment
                        continue
                if glyph_id == empty:  # a zero-width empty glyph
                    string += f">{-width / font_size}<"
                    continue
                if glyph_id & unknown_flag:  # .notdef, and a warning, for a missing glyph
                    codepoint = glyph_id - unknown_flag
                    logger.warning(
                        '.notdef glyph rendered for Unicode string unsupported by fonts: '
                        '"%s" (U+%04X)', chr(codepoint), codepoint)
                    glyph_id = font.get_unused_glyph_id(codepoint)
                    segments.clear()  # the widths of the ids it takes change
                    widths[glyph_id] = round(width * 1000 * from_units / font_size)
                    if 0 not in widths:
                        widths[0] = widths[glyph_id]
                if glyph_id not in to_unicode:  # the glyph's text, from its cluster
                    item = glyph_item.item
                    if clusters is None:
                        clusters = ffi.unpack(glyph_string.log_clusters, num_glyphs)
                    t1 = clusters[i]
                    if item.analysis.level % 2:  # rtl
                        t2 = item.length if i == 0 else clusters[i - 1]
                    else:
                        t2 = item.length if i == num_glyphs - 1 else clusters[i + 1]
                    utf8_text = utf8_text or layout.text.encode()
                    to_unicode[glyph_id] = utf8_text[item.offset + t1:item.offset + t2].decode()
                offset = x_offset / font_size
                rise = y_offset / 1000
                if rise:
                    if string[-1] == "<":
                        string = string[:-1]
                    else:
                        string += ">"
                    if string:
                        stream.show_text(string)
                    stream.set_text_rise(-rise)
                    string = ""
                    if offset:
                        string = f"{-offset}"
                    string += f"<{glyph_id:02x}>" if bitmap else f"<{glyph_id:04x}>"
                    stream.show_text(string)
                    stream.set_text_rise(0)
                    string = "<"
                else:
                    if offset:
                        string += f">{-offset}<"
                    string += f"{glyph_id:02x}" if bitmap else f"{glyph_id:04x}"
                logical_width = widths.get(glyph_id)
                if logical_width is None:
                    glyph_extents(pango_font, glyph_id, stream.ink_rect, stream.logical_rect)
                    logical_width = widths[glyph_id] = round(stream.logical_rect.width * 1000 * from_units / font_size)
                kerning = logical_width + offset - width * 1000 * from_units / font_size
                if kerning:
                    string += f">{int(kerning)}<"
                if not y_offset and glyph_id != empty and not glyph_id & unknown_flag:
                    segments[glyph_id, width, x_offset] = (f">{-offset}<" if offset else "") + (
                        f"{glyph_id:02x}" if bitmap else f"{glyph_id:04x}") + (f">{int(kerning)}<" if kerning else "")
            if string[-1] == "<":  # the run's glyphs closed, an empty list removed
                string = string[:-1]
            else:
                string += ">"
        stream.show_text(string)
        return []

    def _segments(font: Any, font_size: float) -> dict[tuple[int, int, int], str]:
        """The font's glyphs drawn so far at this size: (id, width, x offset) → what the TJ says for it. Valid
        while the font's widths and text are the same dictionaries (cff_renumber swaps them)."""
        cache = font.__dict__.get("_zwgk_segments")
        if cache is None or cache[0] is not font.widths or cache[1] is not font.to_unicode:
            cache = font._zwgk_segments = (font.widths, font.to_unicode, {})
        by_size: dict[tuple[int, int, int], str] = cache[2].setdefault(font_size, {})
        return by_size

    draw_first_line.__wrapped__ = original  # type: ignore[attr-defined]  # as functools.wraps would
    return draw_first_line
