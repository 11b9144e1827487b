"""Lines of text drawn with fewer Python calls, the same operators and bytes (installed once per process).

Writing a PDF spends about half its time drawing text: for every line WeasyPrint's draw_text lays
the line out again with Pango (Layout.reactivate, get_first_line), and draw_first_line reads each
glyph through cffi (four attribute reads of C structs and a slice per glyph) and formats its id,
offset and kerning into the TJ operator. The replacements each build what WeasyPrint's own
builds, byte for byte:

- draw_first_line reads a run's glyphs in one copy of its C array (PangoGlyphInfo, unpacked with
  struct) and keeps, per font and size, what the TJ says for each (glyph, width, x offset) met
  (ids, letter-spacing offsets and kerning formatted once); a run whose glyphs were all met
  before is joined at C speed. The text matrix is written directly, as pydyf writes it.
- draw_text: a short text (≤ SHORT_TEXT characters: unit names, deadlines, table headers — a
  quarter to a third of a notice's text boxes are repeats) met again in the same document, with
  the same spacing and every style property Pango's layout reads the same, is written from what
  its first drawing wrote, without Pango: its glyphs are the same, and its fonts already hold
  their widths and text.
- a plain line met for the first time (visible, undecorated, without ellipsis or tab) is laid out
  again in a Pango layout kept for its style: WeasyPrint's reactivate makes a new Pango context
  and layout for every line drawn (and frees them after), ~15 % of writing a page; the kept one is
  given no attributes and then WeasyPrint's own set_text, which is all a fresh one would hold
  (one per style and thread; not for a style with font features, whose attributes WeasyPrint
  shares between layouts). Alternating in one process: 沈阳 notice.pdf 0.218 → 0.199 CPU s,
  tasks.pdf 0.127 → 0.110 (fastest of 8, load 4.5).

- a plain line drawn in an earlier document of the process (tasks.pdf after notice.pdf, the next
  plan of a batch worker) is written from that drawing when the glyphs' widths in this document
  allow it (shared_lines.py).

Measured in one process, alternating with WeasyPrint's own (tests compare the bytes): notice.pdf
of the 沈阳 example 0.285 → 0.248 s, of 200 tasks (106 pages) 1.45 → 1.02 s (medians).
Only the plain case: lines without ellipsis or decoration lines, in fonts without colour glyphs
(SVG, PNG, COLR), without missing glyphs; those, and any WeasyPrint whose functions are not the
ones this was written from (their source is compared), are drawn by WeasyPrint's own code.
"""

from __future__ import annotations

import importlib
import struct
import threading
from typing import Any, Callable, Optional

from . import shared_lines
from .sources import known_source

_lock = threading.Lock()
_installed = False

# sha256 of the source of the draw_first_line this replaces (WeasyPrint 70.0)
KNOWN_SOURCES = {"1bb8eae6d88e71b17096a034656f3be17da8f1f513c78536c1c38d971927638b"}
GLYPH_INFO = struct.Struct("=IiiiI")  # PangoGlyphInfo: glyph, geometry (width, x_offset, y_offset), attr
# sha256 of the source of the draw_text whose short lines are drawn again from what was kept (70.0)
KNOWN_DRAW_TEXT = {"ebaf96239c6ca3635d2b91bfb34718c2dcebd7809fec1c53fb8dffd1366befe3"}
# sha256 of the sources of WeasyPrint's Layout methods a plain line's drawing goes through (70.0)
KNOWN_LAYOUT = {
    "setup": "fb227a55094f41d42fbd57f180d8b7a9a1e741969ec8ddb3fd5cd80920257442",
    "set_text": "fe23ca9937dbf5205bda422f9c01103f301ef2c511228842632ea86e853274f7",
    "deactivate": "bfec3ec8406e1c82a91f9570103eb5ecbc5a20c1339ff26bb0f4eafb03189f0b",
    "reactivate": "0b89ee097104b71376c179f48a98858708b07169dc0212c393263a1a831607c9",
}
KEPT_LAYOUTS = 64  # Pango layouts kept for drawing, one per style (a document has a few dozen)
SHORT_TEXT = 32  # characters: unit names, deadlines, table headers — what a document repeats
KEPT_LINES = 8192  # lines kept per document at most
KEPT_DOCUMENTS = 4  # the documents written last
# What Pango's layout of a text box for drawing reads of its style (Layout.setup and set_text,
# get_font_description, font_features, draw_first_line; WeasyPrint 70).
LINE_STYLE = ("font_size", "font_family", "font_style", "font_stretch", "font_weight", "font_variant_caps",
              "font_variation_settings", "font_kerning", "font_variant_ligatures", "font_variant_position",
              "font_variant_numeric", "font_variant_alternates", "font_variant_east_asian", "font_feature_settings",
              "font_language_override", "lang", "direction", "word_spacing", "letter_spacing", "overflow_wrap",
              "tab_size")
SHOW, FONT, RISE = "TJ", "Tf", "Ts"  # what a line writes after its text matrix


class Line:
    """What draw_first_line writes for a text box: whether it is placed (a text matrix), then its
    operations in order (SHOW string, FONT name size, RISE height); plain: no missing glyph."""

    __slots__ = ("placed", "ops", "plain", "runs")

    def __init__(self, placed: bool, ops: list[tuple[Any, ...]], plain: bool,
                 runs: Optional[list[tuple[Any, ...]]] = None) -> None:
        self.placed, self.ops, self.plain = placed, ops, plain
        self.runs = runs  # while drawn: its runs' glyphs, when the line is to be kept for other documents


Player = Callable[[Any, Line, tuple[Any, ...]], None]  # (stream, line, text matrix)
_RECORDING = threading.local()  # key: the line draw_text asks draw_first_line to keep, in lines
# (a document's fonts, its lines, its styles' LINE_STYLE values by id: (style, values or None when not kept))
_DOCUMENTS: list[tuple[dict[Any, Any], dict[tuple[Any, ...], Line], dict[int, tuple[Any, Optional[tuple[Any, ...]]]]]] = []


_USES: dict[str, bool] = {}


def uses_kept_layouts() -> bool:
    """Whether plain lines are laid out in Pango layouts kept per style (WeasyPrint's Layout is the known one)."""
    return _USES.get("kept layouts", False)


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
                draw_first_line, play = _draw_first_line(module.draw_first_line, ffi, pango, FROM_UNITS, LOGGER,
                                                         pydyf._to_bytes if plain_tm else None)
                module.draw_first_line = draw_first_line
                draw = importlib.import_module("weasyprint.draw")  # imported draw_text by name
                weasyprint_draw_text: Callable[..., Any] = module.draw_text
                if known_source(weasyprint_draw_text, KNOWN_DRAW_TEXT) and vars(draw).get("draw_text") is weasyprint_draw_text:
                    from weasyprint.text.line_break import Layout

                    layouts_known = type(Layout) is type and all(
                        known_source(getattr(Layout, name, None), {digest}) for name, digest in KNOWN_LAYOUT.items())
                    reactivate = _reactivate(Layout, ffi, pango) if layouts_known else None
                    _USES["kept layouts"] = reactivate is not None
                    module.draw_text = vars(draw)["draw_text"] = _draw_text(weasyprint_draw_text, play, module, reactivate)
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
    known = known_source(getattr(text, "draw_first_line", None), KNOWN_SOURCES)
    return text if known and ffi.sizeof("PangoGlyphInfo") == GLYPH_INFO.size else None


def _draw_first_line(original: Callable[..., Any], ffi: Any, pango: Any, from_units: float, logger: Any,
                     number: Optional[Callable[[Any], bytes]]) -> tuple[Callable[..., Any], Player]:
    """(draw_first_line, play: what writes a Line)."""
    empty, unknown_flag = pango.PANGO_GLYPH_EMPTY, pango.PANGO_GLYPH_UNKNOWN_FLAG
    old_pango = pango.pango_version() < 14802
    null, buffer, unpack = ffi.NULL, ffi.buffer, GLYPH_INFO.iter_unpack
    set_single_paragraph_mode = pango.pango_layout_set_single_paragraph_mode
    glyph_extents = pango.pango_font_get_glyph_extents

    def draw_first_line(stream: Any, textbox: Any, text_overflow: Any, block_ellipsis: Any, matrix: Any) -> Any:
        if text_overflow == "ellipsis" or block_ellipsis != "none":
            return original(stream, textbox, text_overflow, block_ellipsis, matrix)
        line = _line(stream, textbox)
        if line is None:  # a colour font in it
            return original(stream, textbox, text_overflow, block_ellipsis, matrix)
        recording = _RECORDING.__dict__.pop("key", None)
        if recording is not None and line.plain:
            _RECORDING.lines[recording] = line
        sharing = _RECORDING.__dict__.pop("shared", None)
        if sharing is not None and line.plain and line.runs is not None:
            runs = _shared_runs(stream, line.runs, textbox.pango_layout.text, sharing[1])
            if runs is not None:
                shared_lines.keep(sharing[0], sharing[1], line, runs)
        line.runs = None
        play(stream, line, matrix.values)
        return []

    def _line(stream: Any, textbox: Any) -> Optional[Line]:
        """What draw_first_line writes for the text box (its glyphs laid out again by Pango), but its text matrix."""
        if not textbox.text.strip():
            return Line(False, [], True, [])
        style = textbox.style
        if style["font_size"] < 1e-6:  # default float precision used by pydyf
            return Line(False, [], True, [])
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
                    return None
                runs.append((glyph_item, pango_font, font_of_run))
            else:
                runs.append((glyph_item, pango_font, None))

        ops: list[tuple[Any, ...]] = []  # (SHOW, string), (FONT, name, size), (RISE, height)
        plain = True  # no missing glyph (each logs a warning, every time it is drawn)
        # the runs' glyphs, for a line to be kept for other documents (shared_lines.py)
        sharing: Optional[list[tuple[Any, ...]]] = [] if "shared" in _RECORDING.__dict__ else None
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
                    ops.append((SHOW, string))
                string = ""
                ops.append((FONT, font.hash, 1 if font.bitmap else font_size))
            widths, to_unicode, bitmap = font.widths, font.to_unicode, font.bitmap
            segments = _segments(font, font_size)
            string += "<"
            glyphs = buffer(glyph_string.glyphs, num_glyphs * GLYPH_INFO.size)[:]
            fields = memoryview(glyphs).cast("i")  # glyph, width, x_offset, y_offset, attr; glyph by glyph
            if sharing is not None:
                ids = fields[0::5].tolist()
                if bitmap or (ids and max(ids) >= empty):  # an empty or missing glyph: not kept
                    sharing = None
                else:
                    sharing.append((font, font_size, pango_font, glyph_item, num_glyphs, ids))
            if not any(fields[3::5]):  # no glyph raised: maybe all of them drawn before
                # (a justified line's first glyph at its new width is not: none of the others are either)
                drawn = list(map(segments.get, zip(fields[0::5], fields[1::5], fields[2::5]))) \
                    if not num_glyphs or (fields[0], fields[1], fields[2]) in segments else [None]
                if None not in drawn:
                    string += "".join(drawn)  # type: ignore[arg-type]  # no None in it
                    glyphs = b""  # done: nothing for the glyph-by-glyph loop
                elif not any(fields[2::5]):  # nor moved: known glyphs at new widths (a justified line) at C speed
                    shown = _known_glyphs(fields[0::5].tolist(), fields[1::5].tolist(), font, font_size)
                    if shown is not None:
                        string += shown
                        glyphs = b""
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
                    plain = False
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
                        ops.append((SHOW, string))
                    ops.append((RISE, -rise))
                    string = ""
                    if offset:
                        string = f"{-offset}"
                    string += f"<{glyph_id:02x}>" if bitmap else f"<{glyph_id:04x}>"
                    ops.append((SHOW, string))
                    ops.append((RISE, 0))
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
                if not y_offset and plain:
                    segments[glyph_id, width, x_offset] = (f">{-offset}<" if offset else "") + (
                        f"{glyph_id:02x}" if bitmap else f"{glyph_id:04x}") + (f">{int(kerning)}<" if kerning else "")
            if string[-1] == "<":  # the run's glyphs closed, an empty list removed
                string = string[:-1]
            else:
                string += ">"
        ops.append((SHOW, string))
        return Line(True, ops, plain, sharing)

    def _shared_runs(stream: Any, runs: list[tuple[Any, ...]], text: str, font_map: Any) -> Optional[list[shared_lines.Run]]:
        """The runs of a line just drawn, as shared_lines keeps them (None: not to be kept)."""
        keys = {id(font): key for key, font in stream._fonts.items()}
        utf8_text = text.encode()
        kept = []
        for font, font_size, pango_font, glyph_item, num_glyphs, ids in runs:
            key = keys.get(id(font))
            if key is None:
                return None
            pango_widths = shared_lines.glyph_widths(font_map, key, font_size)
            for glyph_id in set(ids).difference(pango_widths):
                glyph_extents(pango_font, glyph_id, stream.ink_rect, stream.logical_rect)
                pango_widths[glyph_id] = round(stream.logical_rect.width * 1000 * from_units / font_size)
            try:
                texts = shared_lines.cluster_texts(glyph_item, num_glyphs, utf8_text, ffi)
            except UnicodeDecodeError:
                return None
            kept.append(shared_lines.Run(key, font.hash, ids, list(map(font.widths.get, ids)),
                                         list(map(pango_widths.__getitem__, ids)), texts))
        return kept

    def play(stream: Any, line: Line, matrix: tuple[Any, ...]) -> None:
        """Write the line: its text matrix (placing it) and what it shows."""
        if not line.placed:
            return
        a, b, c, d, e, f = matrix
        if number is not None and a == 1 and b == 0 and c == 0 and d == -1:  # pydyf's "1 0 0 -1 e f Tm"
            stream.stream.append(b"1 0 0 -1 " + number(e) + b" " + number(f) + b" Tm")
        else:
            stream.set_text_matrix(a, b, c, d, e, f)
        for op in line.ops:
            if op[0] is SHOW:
                stream.show_text(op[1])
            elif op[0] is FONT:
                stream.set_font_size(op[1], op[2])
            else:
                stream.set_text_rise(op[1])


    def _known_glyphs(ids: list[int], widths: list[int], font: Any, font_size: float) -> Optional[str]:
        """What the glyph-by-glyph loop writes for a run of glyphs neither raised nor moved, when each is a
        real glyph whose width and text the font already holds (None otherwise): its id, then its
        kerning (logical width less drawn width) when not zero."""
        if max(ids) >= empty:  # an empty glyph, or a missing one (unknown_flag is above)
            return None
        logical = list(map(font.widths.get, ids))
        if None in logical or not all(map(font.to_unicode.__contains__, ids)):
            return None
        kerned = _kerning(font, font_size)
        pairs = list(zip(logical, widths))
        offset = 0 / font_size  # as the loop's x_offset / font_size
        for logical_width, width in set(pairs).difference(kerned):
            kerning = logical_width + offset - width * 1000 * from_units / font_size
            kerned[logical_width, width] = f">{int(kerning)}<" if kerning else ""
        return "".join(map(str.__add__, map(font_id_format(font), ids), map(kerned.__getitem__, pairs)))

    def _kerning(font: Any, font_size: float) -> dict[tuple[int, int], str]:
        """The font's kerning at this size: (logical width, drawn width) → what the TJ says after the glyph."""
        cache = font.__dict__.get("_zwgk_kerning")
        if cache is None:
            cache = font._zwgk_kerning = {}
        by_size: dict[tuple[int, int], str] = cache.setdefault(font_size, {})
        return by_size

    def _segments(font: Any, font_size: float) -> dict[tuple[int, int, int], str]:
        """The font's glyphs drawn so far at this size: (id, width, x offset) → what the TJ says for it. Valid
        while the font's widths and text are the same dictionaries (cff_renumber swaps them)."""
        cache = font.__dict__.get("_zwgk_segments")
        if cache is None or cache[0] is not font.widths or cache[1] is not font.to_unicode:
            cache = font._zwgk_segments = (font.widths, font.to_unicode, {})
        by_size: dict[tuple[int, int, int], str] = cache[2].setdefault(font_size, {})
        return by_size

    draw_first_line.__wrapped__ = original  # type: ignore[attr-defined]  # as functools.wraps would
    return draw_first_line, play


def font_id_format(font: Any) -> Callable[[int], str]:
    """How a glyph id is written in the font's TJ strings (two hex digits for a bitmap font, else four)."""
    return "{:02x}".format if font.bitmap else "{:04x}".format


def _draw_text(original: Callable[..., Any], play: Player, module: Any,
               reactivate: Optional[Callable[[Any, Any, tuple[Any, ...]], None]]) -> Callable[..., Any]:
    """WeasyPrint's draw_text: a short line drawn before in the document written again without Pango,
    another plain line laid out by Pango in a layout kept for its style (`reactivate`)."""

    def draw_text(stream: Any, textbox: Any, offset_x: Any, text_overflow: Any, block_ellipsis: Any) -> Any:
        lines, styles = _kept(stream._fonts)
        values = _plain(textbox, text_overflow, block_ellipsis, styles)
        if values is None:
            return original(stream, textbox, offset_x, text_overflow, block_ellipsis)
        layout = textbox.pango_layout
        everywhere = (layout.text, textbox.text, layout.justification_spacing, values)
        key = everywhere if len(layout.text) <= SHORT_TEXT else None
        line = None if key is None else lines.get(key)
        if line is None and reactivate is not None and "\t" not in layout.text:
            font_map = textbox.style.font_config.font_map
            shared = shared_lines.found(everywhere, font_map)  # drawn in another document
            if shared is not None and shared_lines.adopt(stream._fonts, shared):
                line = shared.line
                if key is not None and len(lines) < KEPT_LINES:
                    lines[key] = line
            else:  # drawn by draw_first_line, which keeps what it wrote
                if key is not None and len(lines) < KEPT_LINES:
                    _RECORDING.key, _RECORDING.lines = key, lines
                if shared_lines.keeping():
                    _RECORDING.shared = (everywhere, font_map)
                try:
                    return draw_anew(stream, textbox, text_overflow, block_ellipsis, values)
                finally:
                    _RECORDING.__dict__.pop("key", None)
                    _RECORDING.__dict__.pop("shared", None)
        if line is None:  # drawn by draw_first_line, which keeps what it wrote
            if key is not None and len(lines) < KEPT_LINES:
                _RECORDING.key, _RECORDING.lines = key, lines
            try:
                if reactivate is None or "\t" in layout.text:  # a tab: WeasyPrint's set_tabs changes the layout
                    return original(stream, textbox, offset_x, text_overflow, block_ellipsis)
                return draw_anew(stream, textbox, text_overflow, block_ellipsis, values)
            finally:
                _RECORDING.__dict__.pop("key", None)
        # What draw_text does for a visible text box without decoration lines, but its layout by Pango
        # (reactivate … deactivate) and draw_first_line's reading of it.
        style = textbox.style
        assert style["font_size"]  # as WeasyPrint's: Pango crashes with font-size: 0
        stream.set_color(style["color"])
        stream.begin_text()
        play(stream, line, (1, 0, 0, -1, textbox.position_x, textbox.position_y + textbox.baseline))
        stream.end_text()
        return None

    def draw_anew(stream: Any, textbox: Any, text_overflow: Any, block_ellipsis: Any, values: tuple[Any, ...]) -> None:
        """What WeasyPrint's draw_text does for a visible text box without decoration lines, its layout
        set up again in the Pango layout kept for its style."""
        assert reactivate is not None
        style = textbox.style
        assert style["font_size"]  # as WeasyPrint's: Pango crashes with font-size: 0
        x, y = textbox.position_x, textbox.position_y + textbox.baseline
        stream.set_color(style["color"])
        reactivate(textbox.pango_layout, style, values)
        stream.begin_text()
        emojis = module.draw_first_line(stream, textbox, text_overflow, block_ellipsis, module.Matrix(d=-1, e=x, f=y))
        stream.end_text()
        module.draw_emojis(stream, style, x, y, emojis)
        textbox.pango_layout.deactivate()

    draw_text.__wrapped__ = original  # type: ignore[attr-defined]  # as functools.wraps would
    return draw_text


def _reactivate(layout_class: Any, ffi: Any, pango: Any) -> Callable[[Any, Any, tuple[Any, ...]], None]:
    """Layout.reactivate for a plain line (visible, undecorated, no tab): WeasyPrint's setup makes a Pango
    context and layout for the style each time (~25 µs, and as much to free them); here the first one
    made for a style is kept and set up again: no attributes (a style with font features is not kept),
    then WeasyPrint's set_text. What Pango lays out depends only on these (the width, ellipsis and
    tabs of a drawn plain line are never set), so the glyphs are the same."""
    set_text = layout_class.set_text
    get_attributes, set_attributes, null = pango.pango_layout_get_attributes, pango.pango_layout_set_attributes, ffi.NULL
    local = threading.local()  # a kept layout is set up and drawn by one thread

    def reactivate(layout: Any, style: Any, values: tuple[Any, ...]) -> None:
        font_map = style.font_config.font_map
        # (font map id, style values) → (font map, Pango layout, language)
        layouts: dict[tuple[Any, ...], tuple[Any, Any, Any]] = local.__dict__.setdefault("kept", {})
        found = layouts.get((id(font_map), values))
        if found is None or found[0] is not font_map:
            layout_class.setup(layout, style)  # whichever setup is installed (pango_contexts.py shares contexts)
            if get_attributes(layout.layout) == null:  # no font features: a layout to keep
                if len(layouts) >= KEPT_LAYOUTS:
                    layouts.clear()
                layouts[id(font_map), values] = (font_map, layout.layout, layout.language)
        else:  # what setup sets on the record for a style without decoration lines
            layout.style, layout.first_line_direction, layout.language, layout.layout = style, 0, found[2], found[1]
            layout.ascent = layout.underline_position = layout.strikethrough_position = None
            set_attributes(found[1], null)
        set_text(layout, layout.text, justify=True)

    return reactivate


def _plain(textbox: Any, text_overflow: Any, block_ellipsis: Any,
           styles: dict[int, tuple[Any, Optional[tuple[Any, ...]]]]) -> Optional[tuple[Any, ...]]:
    """The values of every style property Pango's layout of a text box reads (what its glyphs depend on
    with its text and spacing) — None when it is not a plain line (ellipsed, decorated, hidden)."""
    layout = getattr(textbox, "pango_layout", None)
    if (layout is None or getattr(layout, "text", None) is None or text_overflow == "ellipsis" or block_ellipsis != "none"
            or "layout" in layout.__dict__):  # not a finished (deactivated) layout record
        return None
    style = textbox.style
    known = styles.get(id(style))
    if known is None or known[0] is not style:  # the style kept with its values: its id is not reused
        known = styles[id(style)] = (style, _style_values(style))
    return known[1]


def _style_values(style: Any) -> Optional[tuple[Any, ...]]:
    """The LINE_STYLE values of a style (None: its text is hidden or decorated, or a value is unhashable)."""
    if style["visibility"] != "visible" or style["text_decoration_line"] != "none":
        return None
    values = tuple(tuple(v) if isinstance(v, list) else v for v in map(style.__getitem__, LINE_STYLE))
    try:
        hash(values)
    except TypeError:
        return None
    return values


def _kept(fonts: dict[Any, Any]) -> tuple[dict[tuple[Any, ...], Line], dict[int, tuple[Any, Optional[tuple[Any, ...]]]]]:
    """The lines and style values kept for the document whose fonts these are (its Font objects hold
    the glyphs' widths and text the lines' first drawing recorded). A document's styles do not change
    once it is laid out."""
    for kept, lines, styles in _DOCUMENTS:
        if kept is fonts:
            return lines, styles
    with _lock:
        lines, styles = {}, {}
        _DOCUMENTS.append((fonts, lines, styles))
        del _DOCUMENTS[:-KEPT_DOCUMENTS]
    return lines, styles
