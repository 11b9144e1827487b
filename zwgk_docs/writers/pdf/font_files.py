"""Read each font file once per process, not once per PDF.

WeasyPrint copies the whole font file out of HarfBuzz for every font of every PDF it writes
(weasyprint.pdf.fonts.Font → get_hb_object_data); a Noto CJK collection is 20–30 MB, so a
build, a batch worker or the live preview copied ~100 MB per PDF before subsetting. The copy
is keyed by where HarfBuzz holds the file (address and length of its blob) plus its first
bytes, and reused. Only WeasyPrint's whole-face reads are shared; colour-glyph reads pass
through. If a WeasyPrint release renames the function, this quietly does nothing.
"""

from __future__ import annotations

import hashlib
import threading
from typing import Any, Callable, Optional

_lock = threading.Lock()
_installed = False


def share_font_files() -> None:
    """Install the shared reader into WeasyPrint (idempotent)."""
    global _installed
    with _lock:
        if _installed:
            return
        _installed = True
        try:
            from weasyprint.pdf import fonts as pdf_fonts
            from weasyprint.text.ffi import ffi, harfbuzz
        except ImportError:
            return
        original = getattr(pdf_fonts, "get_hb_object_data", None)
        if original is None:
            return
        pdf_fonts.get_hb_object_data = _shared(original, ffi, harfbuzz)


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
