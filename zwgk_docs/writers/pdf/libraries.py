"""Import WeasyPrint without ctypes' slow search for its C libraries, nor fontTools' subsetter.

WeasyPrint opens Pango, HarfBuzz, fontconfig… by trying several names per library
(weasyprint/text/ffi.py); for every name that is not a file name, cffi asks
ctypes.util.find_library, which on Linux runs `ldconfig -p` and, when that finds nothing,
gcc and ld. Importing WeasyPrint ran ~50 such processes (~0.2 s CPU, more on a busy
machine) on every `zwgk build`. During the import the lookup reads `ldconfig -p` once (its
output kept in the user cache while /etc/ld.so.cache and ldconfig are unchanged: no process at all)
and answers from it; the usual search is kept wherever the answer could differ
(LD_LIBRARY_PATH set, no ldconfig, not Linux), and if the import fails it is retried with it.

Before a fork (render.in_background), the C types WeasyPrint names in strings when it lays
out and writes a PDF are parsed once (share_ffi_types): cffi parses each new type string
with pycparser (~10 ms each, the whole cdef's typedef names included), and every forked
child that lays out or writes a PDF parsed them again.

WeasyPrint also imports fontTools' subsetter and variable-font instancer (~0.1–0.15 s) that
it only calls when HarfBuzz cannot subset a font or a font is variable: they are loaded
when first used instead (_fonttools_on_first_use).
"""

from __future__ import annotations

import contextlib
import ctypes.util
import hashlib
import importlib
import os
import shutil
import struct
import subprocess
import sys
import threading
from types import ModuleType
from typing import Any, Callable, Iterator, Optional

from ... import user_cache

_lock = threading.Lock()

# ctypes.util._findSoname_ldconfig's ABI names, so that the same entry is chosen.
_ABI = {"x86_64-64": "libc6,x86-64", "ppc64-64": "libc6,64bit", "sparc64-64": "libc6,64bit",
        "s390x-64": "libc6,64bit", "ia64-64": "libc6,IA-64"}


def import_weasyprint() -> ModuleType:
    """`import weasyprint`, its libraries found through one `ldconfig -p`."""
    from . import cascade, html_tree

    loaded = sys.modules.get("weasyprint")
    if loaded is not None:
        html_tree.install()  # (once) imported elsewhere first
        cascade.install()
        return loaded
    with _lock:
        from . import ua_sheets
        from .compiled_ffi import Mismatch, compiled_ffi

        try:
            with _one_ldconfig(), _fonttools_on_first_use(), compiled_ffi(), ua_sheets.kept():
                import weasyprint
        except (OSError, Mismatch):  # a library only the full search finds, another cdef: import again as usual
            for name in [m for m in sys.modules if m == "weasyprint" or m.startswith("weasyprint.")]:
                del sys.modules[name]
            import weasyprint
        html_tree.install()  # our own print HTML parsed by expat, not the pure-Python tinyhtml5
        cascade.install()  # each kind of element matched against the stylesheets once
        module: ModuleType = weasyprint
        return module


# Type strings WeasyPrint 67–70 passes to ffi.new() in text/line_break.py, text/fonts.py and
# pdf/fonts.py, and font_files.py's own; a string a release no longer knows is skipped.
FFI_TYPES = ("char[]", "char[4]", "unsigned int *", "hb_tag_t[100]", "hb_codepoint_t[]",
             "PangoRectangle *", "PangoLogAttr[]", "PangoFcFontMap *")


def share_ffi_types() -> None:
    """Parse FFI_TYPES now (once per process), so that forked children inherit them parsed."""
    if "weasyprint.text.ffi" not in sys.modules:
        return
    from weasyprint.text.ffi import ffi

    for name in FFI_TYPES:
        with contextlib.suppress(Exception):  # cffi.CDefError, or anything a later cffi raises
            ffi.typeof(name)


@contextlib.contextmanager
def _fonttools_on_first_use() -> Iterator[None]:
    """During WeasyPrint's import, stand-ins for fontTools.subset (its names looked up in the real
    module when first used) and for instantiateVariableFont (importing the instancer when
    called); removed afterwards, so any later import gets the real modules. Nothing changes
    when fontTools is already loaded."""
    stubs = {}
    if "fontTools.subset" not in sys.modules:
        subset = stubs["fontTools.subset"] = ModuleType("fontTools.subset")
        subset.__dict__["__getattr__"] = lambda name: getattr(importlib.import_module("fontTools.subset"), name)
    if "fontTools.varLib.instancer" not in sys.modules:
        instancer = stubs["fontTools.varLib.instancer"] = ModuleType("fontTools.varLib.instancer")
        instancer.__dict__["instantiateVariableFont"] = _on_call("fontTools.varLib.instancer", "instantiateVariableFont")
    sys.modules.update(stubs)
    try:
        yield
    finally:
        for name, stub in stubs.items():
            if sys.modules.get(name) is stub:
                del sys.modules[name]


def _on_call(module: str, function: str) -> Callable[..., Any]:
    def call(*args: Any, **kwargs: Any) -> Any:
        return getattr(importlib.import_module(module), function)(*args, **kwargs)

    return call


@contextlib.contextmanager
def _one_ldconfig() -> Iterator[None]:
    cache = _ldconfig_cache()
    if cache is None:
        yield
        return
    original = ctypes.util.find_library
    ctypes.util.find_library = _finder(cache)  # type: ignore[assignment]
    try:
        yield
    finally:
        ctypes.util.find_library = original


def _ldconfig_cache() -> Optional[bytes]:
    """The output of `ldconfig -p`, or None when the usual search must be kept."""
    if not sys.platform.startswith("linux") or os.environ.get("LD_LIBRARY_PATH"):
        return None
    ldconfig = "/sbin/ldconfig" if os.path.exists("/sbin/ldconfig") else shutil.which("ldconfig")
    if ldconfig is None:
        return None
    key = _listing_key(ldconfig)
    kept = user_cache.read_bytes(LDCONFIG_FOLDER, key) if key is not None else None
    if kept:
        return kept
    try:
        run = subprocess.run([ldconfig, "-p"], capture_output=True, timeout=10,
                             env=dict(os.environ, LC_ALL="C", LANG="C"))
    except (OSError, subprocess.SubprocessError):
        return None
    if run.returncode != 0 or not run.stdout:
        return None
    if key is not None and key == _listing_key(ldconfig):  # unchanged while it ran
        user_cache.write_bytes(run.stdout, LDCONFIG_FOLDER, key)
    return run.stdout


LDCONFIG_FOLDER = "ldconfig"
LD_SO_CACHE = "/etc/ld.so.cache"  # what `ldconfig -p` prints (glibc's default; ldconfig rewrites it when libraries change)


def _listing_key(ldconfig: str) -> Optional[str]:
    """The user-cache key of `ldconfig -p`'s output: the dynamic linker's cache file and the ldconfig
    program as they are now (path, size, times, inode), as Python trusts a source's for its .pyc; None
    when either cannot be read."""
    parts = []
    for path in (LD_SO_CACHE, ldconfig):
        try:
            stat = os.stat(path)
        except OSError:
            return None
        parts.append(f"{path}\t{stat.st_size}\t{stat.st_mtime_ns}\t{stat.st_ctime_ns}\t{stat.st_ino}")
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


def _finder(cache: bytes) -> Callable[[str], Optional[str]]:
    """ctypes' answer from `cache`: the first library named lib<name>.… for this ABI (what its regular
    expression over the whole output finds, ~1 ms a name, with one pass over the lines instead)."""
    machine = os.uname().machine + ("-32" if struct.calcsize("l") == 4 else "-64")
    abi = os.fsencode(f"({_ABI.get(machine, 'libc6')}")
    names = []
    for line in cache.splitlines():
        name, _, rest = line.strip().partition(b" ")
        if name.startswith(b"lib") and rest.lstrip().startswith(abi):
            names.append(os.fsdecode(name))

    def find_library(name: str) -> Optional[str]:
        prefix = f"lib{name}."
        return next((found for found in names if found.startswith(prefix) and len(found) > len(prefix)), None)

    return find_library
