"""A font subset asked of HarfBuzz by its characters instead of its glyph ids, when that gives the same bytes.

Given glyph ids, HarfBuzz's subsetter first reads the whole character map of the face into a hash
map (~45,000 entries for a Noto CJK face) to find the characters of the glyphs kept: ~7 of the
~9 ms each CJK subset takes, three faces per PDF. Given the characters themselves it looks only
those up (~2 ms). Its plan is then the same when the characters given are every one the
character map gives one of the glyphs (so its cmap keeps the same entries), each glyph has one
(the glyph set is the same), and no variation sequence keeps a glyph for a character not given
(HarfBuzz keeps a non-default UVS mapping when its character or its glyph was asked for). These
are checked from the face's character map read once per process (HarfBuzz's own mapping:
hb_face_collect_unicodes and hb_font_get_nominal_glyphs), and only for the HarfBuzz release it
was compared with (6.0.0: the tests compare the two subsets of each case, byte for byte);
otherwise, and for a face subset less than READ_AT times in the process, the glyph ids are given as before.
"""

from __future__ import annotations

import ctypes
import hashlib
import struct
import sys
import threading
from array import array
from typing import Any, Optional

VERSION = (6, 0, 0)  # the HarfBuzz whose plans were compared
UVS_FORMAT = 14
# The character map is read (~30 ms a CJK face) at a face's fourth subset in the process (a batch
# worker's second plan), never in a process writing one plan's two PDFs: each subset saves ~7 ms.
READ_AT = 4

_lock = threading.Lock()
# glyph → its first character, glyph → its other characters (a few: CJK compatibility ideographs,
# radicals), glyph → the characters of its non-default variation sequences
Maps = tuple[dict[int, int], dict[int, list[int]], dict[int, set[int]]]
# (glyph count, digest of the cmap table) → how often asked, then (glyph → its characters, glyph → UVS characters)
_SEEN: dict[tuple[int, bytes], int] = {}
_MAPS: dict[tuple[int, bytes], Optional[Maps]] = {}
_LIBRARY: list[Any] = []  # [ctypes library or None], once looked for


def one_job() -> None:
    """This process was forked to write one part and exit (render.in_background): its few subsets of
    a face would not pay back reading the face's character map (a 1,000-task notice's segment writers
    each reached the fourth subset and read it: ~0.8 CPU s in all), so it is never read here."""
    global READ_AT
    READ_AT = sys.maxsize


def characters(face: Any, glyphs: list[int], ffi: Any, harfbuzz: Any) -> Optional[list[int]]:
    """The characters (sorted) to give HarfBuzz instead of `glyphs` (sorted ids) for the same subset of
    `face`, or None: give the glyph ids."""
    if not _known(harfbuzz):
        return None
    key = _key(face, ffi, harfbuzz)
    if key is None:
        return None
    maps = _MAPS.get(key)
    if maps is None:
        with _lock:
            if key not in _MAPS:
                _SEEN[key] = _SEEN.get(key, 0) + 1
                if _SEEN[key] < READ_AT:
                    return None
                _MAPS[key] = _maps(face, ffi, harfbuzz)
            maps = _MAPS[key]
        if maps is None:
            return None
    first, more, uvs = maps
    found: list[int] = []
    for glyph in glyphs:
        if glyph:
            code = first.get(glyph)
            if code is None:  # a glyph no character gives (a variant form): only by its id
                return None
            found.append(code)
            if glyph in more:
                found.extend(more[glyph])
    given = set(found)
    if not found or len(given) >= harfbuzz.hb_face_get_glyph_count(face):
        return None
    if any(not uvs[glyph] <= given for glyph in glyphs if glyph in uvs):
        return None
    return sorted(given)


def _known(harfbuzz: Any) -> bool:
    major, minor, micro = VERSION
    return bool(harfbuzz.hb_version_atleast(major, minor, micro)) and not harfbuzz.hb_version_atleast(major, minor, micro + 1)


def _key(face: Any, ffi: Any, harfbuzz: Any) -> Optional[tuple[int, bytes]]:
    cmap = _table(face, b"cmap", ffi, harfbuzz)
    if not cmap:
        return None
    return int(harfbuzz.hb_face_get_glyph_count(face)), hashlib.blake2b(cmap, digest_size=16).digest()


def _table(face: Any, tag: bytes, ffi: Any, harfbuzz: Any) -> bytes:
    blob = harfbuzz.hb_face_reference_table(face, int.from_bytes(tag, "big"))
    try:
        with ffi.new("unsigned int *") as length:
            data = harfbuzz.hb_blob_get_data(blob, length)
            return b"" if data == ffi.NULL else ffi.buffer(data, length[0])[:]
    finally:
        harfbuzz.hb_blob_destroy(blob)


def _maps(face: Any, ffi: Any, harfbuzz: Any) -> Optional[Maps]:
    """The characters HarfBuzz's character map gives each glyph and the characters of its non-default
    variation sequences (Maps); None when they cannot be read."""
    library = _library()
    uvs = _non_default_uvs(_table(face, b"cmap", ffi, harfbuzz))
    if library is None or uvs is None:
        return None
    address = int(ffi.cast("uintptr_t", face))
    unicodes = library.hb_set_create()
    try:
        library.hb_face_collect_unicodes(address, unicodes)
        count = library.hb_set_get_population(unicodes)
        codes = (ctypes.c_uint * count)()
        if library.hb_set_next_many(unicodes, 0xFFFFFFFF, codes, count) != count:
            return None
    finally:
        library.hb_set_destroy(unicodes)
    font = library.hb_font_create(address)
    try:
        glyphs = (ctypes.c_uint * count)()
        if library.hb_font_get_nominal_glyphs(font, count, codes, 4, glyphs, 4) != count:
            return None
    finally:
        library.hb_font_destroy(font)
    first: dict[int, int] = {}
    more: dict[int, list[int]] = {}
    for code, glyph in zip(array("I", bytes(codes)), array("I", bytes(glyphs))):
        if first.setdefault(glyph, code) != code:
            more.setdefault(glyph, []).append(code)
    return first, more, uvs


def _non_default_uvs(cmap: bytes) -> Optional[dict[int, set[int]]]:
    """glyph → the characters a non-default variation sequence maps to it (cmap format 14); None for a
    cmap with more than one format 14 subtable or one not read as expected."""
    try:
        found: dict[int, set[int]] = {}
        offsets = {struct.unpack_from(">I", cmap, 8 + 8 * i)[0] for i in range(struct.unpack_from(">H", cmap, 2)[0])}
        tables = [at for at in offsets if struct.unpack_from(">H", cmap, at)[0] == UVS_FORMAT]
        if len(tables) > 1:
            return None
        for at in tables:
            for record in range(struct.unpack_from(">I", cmap, at + 6)[0]):
                non_default = struct.unpack_from(">I", cmap, at + 10 + 11 * record + 7)[0]
                if not non_default:
                    continue
                start = at + non_default
                for mapping in range(struct.unpack_from(">I", cmap, start)[0]):
                    entry = cmap[start + 4 + 5 * mapping:start + 9 + 5 * mapping]
                    if len(entry) != 5:
                        return None
                    found.setdefault(int.from_bytes(entry[3:], "big"), set()).add(int.from_bytes(entry[:3], "big"))
        return found
    except struct.error:
        return None


def _library() -> Any:
    """HarfBuzz through ctypes, for the calls WeasyPrint's declarations lack (None when not loadable)."""
    if not _LIBRARY:
        try:
            library = ctypes.CDLL("libharfbuzz.so.0")
        except OSError:
            library = None
        if library is not None:
            pointer, unsigned = ctypes.c_void_p, ctypes.c_uint
            codes = ctypes.POINTER(unsigned)
            for name, result, arguments in (
                    ("hb_set_create", pointer, []), ("hb_set_destroy", None, [pointer]),
                    ("hb_face_collect_unicodes", None, [pointer, pointer]), ("hb_set_get_population", unsigned, [pointer]),
                    ("hb_set_next_many", unsigned, [pointer, unsigned, codes, unsigned]),
                    ("hb_font_create", pointer, [pointer]), ("hb_font_destroy", None, [pointer]),
                    ("hb_font_get_nominal_glyphs", unsigned, [pointer, unsigned, codes, unsigned, codes, unsigned])):
                function = getattr(library, name, None)
                if function is None:
                    library = None
                    break
                function.restype, function.argtypes = result, arguments
        _LIBRARY.append(library)
    return _LIBRARY[0]
