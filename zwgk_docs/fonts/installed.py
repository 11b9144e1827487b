"""The font faces fontconfig has installed, each as `fc-list --format '%{file}\\t%{family}\\n'` lists it.

Both questions a build asks fontconfig — which families are installed (fonts/__init__.py) and
which files the print CSS's families have (the fit cache's key, writers/pdf/fit_cache.py) — are
answered from this one listing. On Linux it is made in this process through libfontconfig
(the library fc-list and WeasyPrint use: the same FcFontList call fc-list makes, joined the way
its format joins a face's family names), else by running fc-list. Three fc-list processes ran
per `zwgk build` before (~8 ms of CPU each, plus starting them); the command line makes the
listing once, before it forks its PDF process (writers/pdf/early.py), which then also finds
fontconfig's configuration loaded (Pango loads the same one).

Kept for the life of the process, as the families were before: a font installed meanwhile is
seen by the next command (a long-running library user restarts to see it).
"""

from __future__ import annotations

import ctypes
import functools
import os
import shutil
import subprocess
import sys
from typing import Optional

# (file, the face's family names joined by commas as fc-list's %{family} prints them), in fc-list's order.
Face = tuple[str, str]

_LIBRARY = "libfontconfig.so.1"  # fc-list's and WeasyPrint's (weasyprint/text/ffi.py) on Linux
_MATCH = 0  # FcResultMatch


class _FontSet(ctypes.Structure):
    _fields_ = [("nfont", ctypes.c_int), ("sfont", ctypes.c_int), ("fonts", ctypes.POINTER(ctypes.c_void_p))]


@functools.lru_cache(maxsize=1)
def faces() -> Optional[tuple[Face, ...]]:
    """Every installed face; None without fontconfig (no fc-list: as if no font were installed)."""
    if shutil.which("fc-list") is None:
        return None
    listed = listed_in_process() if sys.platform.startswith("linux") else None
    return listed if listed is not None else listed_by_fc_list()


def listed_in_process() -> Optional[tuple[Face, ...]]:
    """FcFontList(current configuration, empty pattern, all properties), as fc-list calls it; None
    when libfontconfig cannot be loaded or answers nothing."""
    try:
        fc = ctypes.CDLL(_LIBRARY)
        fc.FcPatternCreate.restype = ctypes.c_void_p
        fc.FcPatternDestroy.argtypes = [ctypes.c_void_p]
        fc.FcFontList.restype = ctypes.POINTER(_FontSet)
        fc.FcFontList.argtypes = [ctypes.c_void_p, ctypes.c_void_p, ctypes.c_void_p]
        fc.FcFontSetDestroy.argtypes = [ctypes.POINTER(_FontSet)]
        fc.FcPatternGetString.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_int, ctypes.POINTER(ctypes.c_char_p)]
    except (OSError, AttributeError):
        return None
    pattern = fc.FcPatternCreate()
    if not pattern:
        return None
    try:
        found = fc.FcFontList(None, pattern, None)
    finally:
        fc.FcPatternDestroy(pattern)
    if not found:
        return None
    value = ctypes.c_char_p()

    def strings(face: int, name: bytes) -> list[str]:
        values: list[str] = []
        while fc.FcPatternGetString(face, name, len(values), ctypes.byref(value)) == _MATCH and value.value is not None:
            values.append(os.fsdecode(value.value))
        return values

    try:
        listed = found.contents
        result = []
        for i in range(listed.nfont):
            face = listed.fonts[i]
            result.append((",".join(strings(face, b"file")), ",".join(strings(face, b"family"))))
        return tuple(result)
    finally:
        fc.FcFontSetDestroy(found)


def listed_by_fc_list() -> Optional[tuple[Face, ...]]:
    """fc-list's own listing; None when it cannot be run."""
    try:
        out = subprocess.run(["fc-list", "--format", "%{file}\t%{family}\n"], capture_output=True, text=True,
                             check=True, timeout=30).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    result = []
    for line in out.splitlines():
        file, _, families = line.partition("\t")
        result.append((file, families))
    return tuple(result)


def family_names(families: str) -> list[str]:
    """The names in a face's %{family} field (a name with a comma in it counts as two, as it always did)."""
    return [name.strip() for name in families.split(",") if name.strip()]
