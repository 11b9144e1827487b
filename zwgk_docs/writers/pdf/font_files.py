"""How WeasyPrint embeds fonts, made cheaper for large CJK faces (installed once per process).

Shared reads: WeasyPrint copies the whole font file out of HarfBuzz for every font of every
PDF it writes (weasyprint.pdf.fonts.Font → get_hb_object_data); a Noto CJK collection is
20–30 MB, so a build, a batch worker or the live preview copied ~100 MB per PDF before
subsetting. The copy is keyed by where HarfBuzz holds the file (address and length of its
blob) plus its first bytes, and reused. Only whole-face reads are shared; colour-glyph reads
pass through. Subsets are read unshared (WeasyPrint's own subsetting read them through the
shared reader, where a later subset at a freed subset's address could have been mistaken for it).

One subsetting pass: WeasyPrint subsets each font twice with HarfBuzz — once keeping the
glyph ids, then again over every id up to the last one used, only to drop hinting. One pass
with the same glyphs, the same kept ids and hinting dropped gives the same outlines at
less than half the cost (~0.03 s instead of ~0.07 s per CJK face and PDF).

Files read when needed: WeasyPrint copies each whole font file into Python for every PDF
(Font.__init__), though a subset font never uses the copy — ~0.15 s and ~80 MB per process
for four CJK faces. With the one-pass subsetter the copy is made only if something reads it
(a variable or colour font, a font HarfBuzz could not subset).

Only the used glyphs: a Chinese CFF face's subset keeps just the used glyphs, renumbered, and the
page content follows (cff_renumber.py); any other font keeps every glyph id, as WeasyPrint does.

By characters: in a batch worker a CJK subset is asked of HarfBuzz by the characters of its glyphs
when that gives the same subset, a fraction of the cost (unicode_subsets.py).

If a WeasyPrint release renames what is replaced here, its own code runs unchanged.
"""

from __future__ import annotations

import hashlib
import threading
from typing import Any, Callable, Optional

from . import cff_renumber, unicode_subsets

_lock = threading.Lock()
_installed = False

# Tables a PDF reader never uses (WeasyPrint's own list): glyphs are already placed.
DROP_TABLES = (b"BASE", b"DSIG", b"EBDT", b"EBLC", b"EBSC", b"GPOS", b"GSUB", b"JSTF", b"LTSH", b"PCLT", b"SVG ", b"VORG", b"vhea", b"vmtx")


def install() -> None:
    """Install the shared reader and the one-pass subsetter into WeasyPrint (idempotent)."""
    global _installed
    with _lock:
        if _installed:
            return
        _installed = True
        try:
            from weasyprint.pdf import fonts as pdf_fonts
            from weasyprint.text.ffi import ffi, harfbuzz, harfbuzz_subset
        except ImportError:
            return
        original = getattr(pdf_fonts, "get_hb_object_data", None)
        if original is None:
            return
        shared = _shared(original, ffi, harfbuzz)
        font = getattr(pdf_fonts, "Font", None)
        if harfbuzz_subset and font is not None and hasattr(font, "_harfbuzz_subset"):
            # a subset is read with the unshared reader: a later subset may reuse its address
            font._harfbuzz_subset = _one_pass(original, ffi, harfbuzz, harfbuzz_subset)
            _renumbering()
            font.file_content = _read_when_needed(shared)
            pdf_fonts.get_hb_object_data = _deferred(shared)  # Font.__init__'s whole-face read
        else:
            pdf_fonts.get_hb_object_data = shared


def _renumbering() -> None:
    """Fonts renumbered where cff_renumber.py can: WeasyPrint's build_fonts_dictionary wrapped."""
    import weasyprint
    from weasyprint import pdf

    from .cjk_justify import known

    build = getattr(pdf, "build_fonts_dictionary", None)
    if build is not None and known(weasyprint.__version__, build, ["pdf", "fonts", "compress", "subset", "options"]):
        pdf.build_fonts_dictionary = cff_renumber.fonts_dictionary(build)


class _Unread:
    """Stands for a font file not copied out of HarfBuzz yet."""


_UNREAD = _Unread()


def _deferred(read: Callable[..., Optional[bytes]]) -> Callable[..., Any]:
    def get_hb_object_data(hb_object: Any, ot_color: Optional[str] = None, glyph: Any = None) -> Any:
        return _UNREAD if ot_color is None else read(hb_object, ot_color, glyph)

    return get_hb_object_data


def _read_when_needed(read: Callable[..., Optional[bytes]]) -> property:
    """Font.file_content, read from the font's face only when something uses it: once the font is
    subset (the usual case) the whole file (20–30 MB for a CJK collection) is never copied."""

    def get(self: Any) -> Optional[bytes]:
        content = self.__dict__.get("_zwgk_file_content", _UNREAD)
        if content is _UNREAD:
            content = self.__dict__["_zwgk_file_content"] = read(self.hb_face)
        return content  # type: ignore[no-any-return]

    def set_(self: Any, value: Any) -> None:
        self.__dict__["_zwgk_file_content"] = value

    return property(get, set_)


def _shared(original: Callable[..., Optional[bytes]], ffi: Any, harfbuzz: Any) -> Callable[..., Optional[bytes]]:
    files: dict[tuple[int, int, bytes], Optional[bytes]] = {}

    def get_hb_object_data(hb_object: Any, ot_color: Optional[str] = None, glyph: Any = None) -> Optional[bytes]:
        if ot_color is not None:
            return original(hb_object, ot_color, glyph)
        blob = harfbuzz.hb_face_reference_blob(hb_object)
        try:
            with ffi.new("unsigned int *") as length:
                data = harfbuzz.hb_blob_get_data(blob, length)
                size = int(length[0])
                if data == ffi.NULL or size == 0:
                    return original(hb_object)
                head = hashlib.blake2b(ffi.buffer(data, min(size, 65536))[:], digest_size=16).digest()
                key = (int(ffi.cast("uintptr_t", data)), size, head)
        finally:
            harfbuzz.hb_blob_destroy(blob)
        if key not in files:
            files[key] = original(hb_object)
        return files[key]

    return get_hb_object_data


def _one_pass(read: Callable[..., Optional[bytes]], ffi: Any, harfbuzz: Any, hb_subset: Any) -> Callable[..., None]:
    def subset(face: Any, glyphs: list[int], retain: bool, hinting: bool, notdef: bool,
               characters: Optional[list[int]] = None) -> Optional[bytes]:
        subset_input = ffi.gc(hb_subset.hb_subset_input_create_or_fail(), hb_subset.hb_subset_input_destroy)
        if characters is None:
            _add(ffi, harfbuzz, hb_subset.hb_subset_input_glyph_set(subset_input), glyphs)
        else:  # the same subset, asked by characters (unicode_subsets.py)
            _add(ffi, harfbuzz, hb_subset.hb_subset_input_set(subset_input, hb_subset.HB_SUBSET_SETS_UNICODE), characters)
        flags = hb_subset.HB_SUBSET_FLAGS_PASSTHROUGH_UNRECOGNIZED | hb_subset.HB_SUBSET_FLAGS_DESUBROUTINIZE
        if retain:
            flags |= hb_subset.HB_SUBSET_FLAGS_RETAIN_GIDS
        if not hinting:
            flags |= hb_subset.HB_SUBSET_FLAGS_NO_HINTING
        if notdef:
            flags |= hb_subset.HB_SUBSET_FLAGS_NOTDEF_OUTLINE
        hb_subset.hb_subset_input_set_flags(subset_input, flags)
        drop = hb_subset.hb_subset_input_set(subset_input, hb_subset.HB_SUBSET_SETS_DROP_TABLE_TAG)
        _add(ffi, harfbuzz, drop, sorted(harfbuzz.hb_tag_from_string(tag, -1) for tag in DROP_TABLES))
        made = ffi.gc(hb_subset.hb_subset_or_fail(face, subset_input), harfbuzz.hb_face_destroy)
        return read(made) if made else None

    def _harfbuzz_subset(self: Any, to_unicode: dict[int, str], hinting: bool) -> None:
        glyphs = sorted(to_unicode)
        content = None
        if cff_renumber.wanted(self):  # the used glyphs only, renumbered (cff_renumber.py)
            characters = unicode_subsets.characters(self.hb_face, glyphs, ffi, harfbuzz)
            content = subset(self.hb_face, glyphs, False, hinting, False, characters)
            content = cff_renumber.renumbered(self, content, glyphs) if content else None
        if content is None:
            content = subset(self.hb_face, glyphs, True, hinting, bool(self.missing))
        if content:
            self.file_content = content
        # else: the whole font stays embedded, as WeasyPrint does when HarfBuzz fails

    _harfbuzz_subset.subset = subset  # type: ignore[attr-defined]  # for the tests: a face subset either way
    return _harfbuzz_subset


def _add(ffi: Any, harfbuzz: Any, hb_set: Any, values: list[int]) -> None:
    # "[]", not "[n]": cffi parses each new type string with pycparser (~1 ms)
    harfbuzz.hb_set_add_sorted_array(hb_set, ffi.new("hb_codepoint_t[]", values), len(values))
