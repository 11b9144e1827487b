"""Chinese CFF fonts embedded with their glyphs renumbered 1…n, not at their original ids.

WeasyPrint subsets each font keeping every glyph at its id (HarfBuzz's RETAIN_GIDS), because
its page content already names the glyphs by those ids. A Noto CJK face has ~65,000 glyphs:
a subset of a few dozen used ones still carries an entry for every id below the highest —
empty charstrings and their offsets (CFF), advance widths (hmtx) — 0.3–0.7 MB per font before
compression, most of each PDF (a 1-page 通知: 0.85 MB of fonts for 3 KB of text), and it
takes HarfBuzz twice as long to make as the subset of only the used glyphs.

For a CID-keyed CFF font (Noto Sans/Serif CJK, Source Han: CID n is glyph n) the glyphs are
instead kept in order and renumbered 1…n: the subset's charset, which HarfBuzz writes with
each kept glyph's original CID, proves the renumbering (old id → new one), and is then
rewritten as the identity (CID n is glyph n again) — so whatever a reader uses, CID or glyph
id, it finds the same glyph, as it did before. The page content, the widths (/W) and the
ToUnicode map are renumbered the same way before the PDF is written.

Only when everything is as expected: the document's text is all shown with TJ in a known
font (text_fonts()), the font is CID-keyed CFF without colour glyphs, variations or missing
glyphs, and the subset's charset lists the glyphs asked for by their ids, in order. Otherwise the font is
subset keeping its ids, as WeasyPrint does.
"""

from __future__ import annotations

import struct
import sys
import threading
from array import array
from typing import Any, Callable, Iterable, Optional

_THREAD = threading.local()

ROS, CHARSET, CHARSTRINGS = 1230, 15, 17  # Top DICT operators (12 30, 15, 17)


def wanted(font: Any) -> bool:
    """Whether this font of the document being written may be renumbered."""
    tables = getattr(font, "tables", ())
    return bool(getattr(_THREAD, "allowed", False) and "CFF " in tables and "fvar" not in tables
                and not any(getattr(font, name, True) for name in ("png", "svg", "colr", "bitmap", "missing")))


def renumbered(font: Any, content: bytes, glyphs: list[int]) -> Optional[bytes]:
    """The subset `content` (made without RETAIN_GIDS) with identity CIDs, the font (and the fonts sharing
    its file) renumbered to it; None, nothing changed, when it is not as expected."""
    try:
        done = identity_cids(content, glyphs)
    except (IndexError, ValueError, struct.error):
        return None
    if done is None:
        return None
    patched, gids = done
    group = getattr(font, "_zwgk_group", None) or [font]
    if any(not gids.keys() >= f.widths.keys() or not gids.keys() >= f.to_unicode.keys() for f in group):
        return None
    for f in group:
        f.widths = {gids[glyph]: width for glyph, width in f.widths.items()}
        f.to_unicode = {gids[glyph]: text for glyph, text in f.to_unicode.items()}
        f._zwgk_gids = gids
    return patched


def identity_cids(font: bytes, glyphs: list[int]) -> Optional[tuple[bytes, dict[int, int]]]:
    """(the OpenType font with its CFF charset made the identity, {old glyph id: new one}) when the font
    is CID-keyed CFF whose charset lists `glyphs` (but .notdef) by their ids, in order; else None."""
    if font[:4] != b"OTTO":
        return None
    tables = {}
    for i in range(int.from_bytes(font[4:6], "big")):
        record = 12 + 16 * i
        tables[font[record:record + 4]] = (record, int.from_bytes(font[record + 8:record + 12], "big"),
                                           int.from_bytes(font[record + 12:record + 16], "big"))
    if b"CFF " not in tables or b"head" not in tables:
        return None
    record, start, length = tables[b"CFF "]
    cff = font[start:start + length]
    _, after_names = _index(cff, cff[2])
    tops, _ = _index(cff, after_names)
    if len(tops) != 1:
        return None
    top = _dict(cff[tops[0][0]:tops[0][1]])
    if ROS not in top or CHARSET not in top or CHARSTRINGS not in top or int(top[CHARSET][0]) <= 2:
        return None
    count = int.from_bytes(cff[int(top[CHARSTRINGS][0]):int(top[CHARSTRINGS][0]) + 2], "big")
    at = int(top[CHARSET][0])
    cids, size = _charset(cff, at, count)
    # HarfBuzz keeps the glyphs asked for (and a few it finds they may turn into), in their order; in a
    # font whose CID n is glyph n the charset so lists their old ids, increasing
    if any(a >= b for a, b in zip(cids, cids[1:])) or not set(cids) >= set(glyphs) - {0}:
        return None
    identity = _identity_charset(cff[at], size, count - 1)
    if identity is None:
        return None
    out = bytearray(font)
    out[start + at:start + at + len(identity)] = identity
    out[record + 4:record + 8] = _checksum(bytes(out[start:start + length])).to_bytes(4, "big")
    head = tables[b"head"][1]
    out[head + 8:head + 12] = bytes(4)  # checkSumAdjustment, computed over the whole font with it 0
    out[head + 8:head + 12] = ((0xB1B0AFBA - _checksum(bytes(out))) & 0xFFFFFFFF).to_bytes(4, "big")
    return bytes(out), {0: 0, **{glyph: new for new, glyph in enumerate(cids, 1)}}


def _index(data: bytes, pos: int) -> tuple[list[tuple[int, int]], int]:
    """A CFF INDEX at `pos`: the (start, end) of each item, and where the INDEX ends."""
    count = int.from_bytes(data[pos:pos + 2], "big")
    if count == 0:
        return [], pos + 2
    size = data[pos + 2]
    offsets = [int.from_bytes(data[pos + 3 + i * size:pos + 3 + (i + 1) * size], "big") for i in range(count + 1)]
    base = pos + 2 + (count + 1) * size  # offsets count from the byte before the data
    return [(base + offsets[i], base + offsets[i + 1]) for i in range(count)], base + offsets[-1]


def _dict(data: bytes) -> dict[int, list[float]]:
    """A CFF DICT: operator (12 x as 1200 + x) → its operands."""
    found: dict[int, list[float]] = {}
    operands: list[float] = []
    i = 0
    while i < len(data):
        b = data[i]
        if b <= 21:
            op, i = (1200 + data[i + 1], i + 2) if b == 12 else (b, i + 1)
            found[op], operands = operands, []
        elif b == 28:
            operands.append(int.from_bytes(data[i + 1:i + 3], "big", signed=True))
            i += 3
        elif b == 29:
            operands.append(int.from_bytes(data[i + 1:i + 5], "big", signed=True))
            i += 5
        elif b == 30:  # a real number: its nibbles up to an 0xf one (its value is not needed here)
            i += 1
            while data[i] & 0x0F != 0x0F and data[i] >> 4 != 0x0F:
                i += 1
            operands.append(0.0)
            i += 1
        elif 32 <= b <= 246:
            operands.append(b - 139)
            i += 1
        elif 247 <= b <= 250:
            operands.append((b - 247) * 256 + data[i + 1] + 108)
            i += 2
        elif 251 <= b <= 254:
            operands.append(-(b - 251) * 256 - data[i + 1] - 108)
            i += 2
        else:
            raise ValueError(f"CFF DICT byte {b}")
    return found


def _charset(cff: bytes, at: int, count: int) -> tuple[list[int], int]:
    """The CIDs of glyphs 1…count-1 and the charset's size in bytes."""
    fmt, wanted_cids, pos = cff[at], count - 1, at + 1
    if fmt == 0:
        return list(struct.unpack(f">{wanted_cids}H", cff[pos:pos + 2 * wanted_cids])), 1 + 2 * wanted_cids
    if fmt not in (1, 2):
        raise ValueError(f"CFF charset format {fmt}")
    cids: list[int] = []
    while len(cids) < wanted_cids:
        first = int.from_bytes(cff[pos:pos + 2], "big")
        left = cff[pos + 2] if fmt == 1 else int.from_bytes(cff[pos + 2:pos + 4], "big")
        cids.extend(range(first, first + left + 1))
        pos += 3 if fmt == 1 else 4
    if len(cids) != wanted_cids:
        raise ValueError("CFF charset ranges")
    return cids, pos - at


def _identity_charset(fmt: int, size: int, glyphs: int) -> Optional[bytes]:
    """A charset giving glyph n CID n (n = 1…glyphs) in at most `size` bytes."""
    if fmt == 0 or glyphs == 0:  # the same size as the one it replaces
        return bytes([0]) + b"".join(n.to_bytes(2, "big") for n in range(1, glyphs + 1))
    if size >= 5:
        return bytes([2]) + (1).to_bytes(2, "big") + (glyphs - 1).to_bytes(2, "big")
    if glyphs - 1 <= 255:
        return bytes([1]) + (1).to_bytes(2, "big") + bytes([glyphs - 1])
    return None


def _checksum(data: bytes) -> int:
    """An OpenType table checksum: the sum of its big-endian 32-bit words (padded with zeros), modulo 2**32."""
    padded = data + bytes(-len(data) % 4)
    if _WORD.itemsize != 4:
        return int(sum(struct.unpack(f">{len(padded) // 4}I", padded))) & 0xFFFFFFFF
    words = array(_WORD.typecode, padded)  # twice as fast as struct.unpack's tuple (a font is ~0.3 MB)
    if sys.byteorder == "little":
        words.byteswap()
    return sum(words) & 0xFFFFFFFF


_WORD = array("I")


# ---------------------------------------------------------------- the document's page content


def fonts_dictionary(original: Callable[..., Any]) -> Callable[..., Any]:
    """WeasyPrint's build_fonts_dictionary (which subsets the fonts), renumbering where it can and
    then the page content to match."""

    def build_fonts_dictionary(pdf: Any, fonts: Any, compress: Any, subset: Any, options: Any) -> Any:
        streams = content_streams(pdf)
        groups: dict[Any, list[Any]] = {}
        for font in fonts.values():
            groups.setdefault(font.hash, []).append(font)
        for group in groups.values():
            for font in group:
                font._zwgk_group = group
        shown = text_fonts(streams) if subset else None
        _THREAD.allowed = shown is not None
        try:
            result = original(pdf, fonts, compress, subset, options)
            renumbering = {font.hash.encode(): font._zwgk_gids for font in fonts.values() if getattr(font, "_zwgk_gids", None)}
            if renumbering and shown is not None:
                renumber(shown, renumbering)
        finally:
            _THREAD.allowed = False
            # back to the face's ids, also after an error: the document may be written again (and drawn anew)
            for font in fonts.values():
                gids = getattr(font, "_zwgk_gids", None)
                if gids:
                    old = {new: glyph for glyph, new in gids.items()}
                    font.widths = {old[glyph]: width for glyph, width in font.widths.items()}
                    font.to_unicode = {old[glyph]: text for glyph, text in font.to_unicode.items()}
                    font._zwgk_gids = None
        return result

    build_fonts_dictionary.__wrapped__ = original  # type: ignore[attr-defined]  # as functools.wraps would
    return build_fonts_dictionary


def content_streams(pdf: Any) -> list[Any]:
    """Every WeasyPrint content stream of the PDF: the pages' and the groups and patterns they draw."""
    from weasyprint.pdf.stream import Stream

    found: list[Any] = []
    seen: set[int] = set()
    todo = [item for item in pdf.objects if isinstance(item, Stream)]
    while todo:
        stream = todo.pop()
        if id(stream) in seen:
            continue
        seen.add(id(stream))
        found.append(stream)
        resources = getattr(stream, "_resources", None) or {}
        for kind in ("XObject", "Pattern"):
            todo.extend(v for v in (resources.get(kind) or {}).values() if isinstance(v, Stream))
    return found


SHORT_TJ = 256  # bytes: a TJ of a short text (~10 bytes a glyph with its kerning)
KEPT_PARTS = 65536  # renumbered runs kept per document and font
# Last bytes of the operations the scan looks at: q, Q, Tf, TJ (and what else shows text: Tj ' ")
_Q, _UNQ, _F, _J, _LOWER_J, _QUOTE, _DOUBLE = (ord(c) for c in "qQfJj'\"")


def text_fonts(streams: Iterable[Any]) -> Optional[list[tuple[Any, int, bytes]]]:
    """Every TJ of the streams with the font it shows in, (stream, index, font) — None when some text is
    not a TJ in a known font (q/Q followed)."""
    shown: list[tuple[Any, int, bytes]] = []
    for stream in streams:
        font: Optional[bytes] = None
        saved: list[Optional[bytes]] = []
        for index, item in enumerate(stream.stream):
            if item.__class__ is not bytes:
                return None
            if not item:
                continue
            last = item[-1]
            if last == _J:
                if item.endswith(b"] TJ"):
                    if font is None:
                        return None
                    shown.append((stream, index, font))
                elif item.endswith(b"TJ"):
                    return None
            elif last == _F:
                if item.endswith(b" Tf"):
                    font = item[1:item.index(b" ")]
            elif last == _Q and item == b"q":
                saved.append(font)
            elif last == _UNQ and item == b"Q":
                font = saved.pop() if saved else None
            elif (last == _LOWER_J and item.endswith(b"Tj")) or last in (_QUOTE, _DOUBLE):
                return None
    return shown


def renumber(shown: Iterable[tuple[Any, int, bytes]], renumbering: dict[bytes, dict[int, int]]) -> None:
    """Each TJ in a renumbered font names its glyphs by their new ids (4 hex digits each)."""
    runs = {name: _run(gids) for name, gids in renumbering.items()}
    for stream, index, font in shown:
        run = runs.get(font)
        if run is not None:
            stream.stream[index] = run(stream.stream[index])


def _run(gids: dict[int, int]) -> Callable[[bytes], bytes]:
    """A TJ's <…> runs of glyph ids (4 hex digits each; mostly one a run, letter spacing between), renumbered."""
    table = {b"%04x" % old: b"%04x" % new for old, new in gids.items()}
    done: dict[bytes, bytes] = {}  # a document repeats short TJs (unit names, deadlines, headers) many times
    parts = _Parts(table)

    def renumbered(item: bytes) -> bytes:
        if len(item) > SHORT_TJ:  # a line of its own: seen once
            return renumbered_anew(item)
        found = done.get(item)
        if found is None:
            found = done[item] = renumbered_anew(item)
        return found

    def renumbered_anew(item: bytes) -> bytes:
        # "[", then "ids>spacing" for each run: a split, not a regular expression (2x faster), and each
        # run renumbered once (a justified line's runs are one glyph and its kerning, met again and again)
        return b"<".join(map(parts.__getitem__, item.split(b"<")))

    return renumbered


class _Parts(dict[bytes, bytes]):
    """What follows a "<" in a TJ ("ids>spacing", or the "[" before the first run) → the same with the ids renumbered."""

    def __init__(self, table: dict[bytes, bytes]) -> None:
        super().__init__()
        self.table = table

    def __missing__(self, part: bytes) -> bytes:
        end = part.find(b">")
        if end < 0:  # the "[" (and a spacing) before the first run
            done = part
        elif end == 4:
            done = self.table[part[:4]] + part[4:]
        else:
            done = b"".join([self.table[part[i:i + 4]] for i in range(0, end, 4)]) + part[end:]
        if len(self) < KEPT_PARTS:
            self[part] = done
        return done
