"""WeasyPrint's C declarations compiled once into cffi's "out-of-line" form, not parsed at every start.

WeasyPrint declares the Pango, HarfBuzz and fontconfig functions it calls in one cdef string
(weasyprint/text/ffi.py) that cffi parses with pycparser whenever WeasyPrint is imported
(~0.05–0.1 s, plus ~0.03 s importing pycparser), and every C type string it later passes to
ffi.new() is parsed the same way again (~5–10 ms each, in each PDF process). cffi's own answer
is its out-of-line ABI mode: the declarations compiled once into a table of types that cffi's
C core reads without a parser. Here that table is made from WeasyPrint's own cdef (cffi's
recompiler, the first time) and kept in the user cache, keyed by the text of WeasyPrint's
ffi.py and the cffi and Python versions; during WeasyPrint's import, the `cffi.FFI()` it
creates is the compiled one, and its cdef() only checks that the text is the one compiled.

The compiled FFI is cffi's own out-of-line FFI (the class cffi's generated modules create),
with dlopen() finding libraries by name as the in-line FFI does. Whenever anything differs
(another cdef text, no cache folder, cffi without the recompiler), WeasyPrint imports as
before (libraries.py retries the import with the usual FFI).
"""

from __future__ import annotations

import ast
import contextlib
import ctypes.util
import hashlib
import importlib.util
import io
import os
import sys
import tempfile
from pathlib import Path
from typing import Any, Iterator, Optional

from ... import user_cache

FORMAT = "2"  # of the cached entry (2: with its digest); in the key, so that versions sharing a cache never overwrite each other
MODULE = "_zwgk_weasyprint_ffi"


class Mismatch(Exception):
    """WeasyPrint's cdef is not the one compiled: import it again with the usual FFI."""


@contextlib.contextmanager
def compiled_ffi() -> Iterator[None]:
    """While WeasyPrint is imported, `cffi.FFI()` gives the compiled FFI (when one can be had)."""
    made = _compiled()
    if made is None:
        yield
        return
    cffi = _cffi()
    digest, kwargs = made
    original = cffi.FFI
    created: list[Any] = []

    def factory(*args: Any, **kw: Any) -> Any:
        if args or kw or created:  # not WeasyPrint's one plain FFI(): the usual class
            return original(*args, **kw)
        try:
            ffi = _compiled_class()(MODULE, **kwargs)
        except Exception:  # noqa: BLE001 — a table this cffi does not take (a damaged cache entry): the usual FFI
            created.append(None)
            return original()
        ffi.zwgk_cdef_digest = digest
        created.append(ffi)
        return ffi

    cffi.FFI = factory  # a callable standing in for the class
    try:
        yield
    finally:
        cffi.FFI = original


def _cffi() -> Any:
    return importlib.import_module("cffi")  # no type information


def _source_file() -> Optional[Path]:
    """weasyprint/text/ffi.py, found without importing WeasyPrint."""
    try:
        spec = importlib.util.find_spec("weasyprint")
    except (ImportError, ValueError):
        return None
    for folder in (spec.submodule_search_locations or []) if spec is not None else []:
        path = Path(folder, "text", "ffi.py")
        if path.is_file():
            return path
    return None


def _compiled() -> Optional[tuple[str, dict[str, Any]]]:
    """(digest of the cdef text, the compiled FFI's keyword arguments), from the cache or made now."""
    if user_cache.cache_dir() is None:
        return None
    source = _source_file()
    if source is None:
        return None
    try:
        text = source.read_bytes()
        cffi = _cffi()
    except (OSError, ImportError):
        return None
    key = hashlib.sha256(b"\0".join([FORMAT.encode(), text, cffi.__version__.encode(), sys.version.encode()])).hexdigest()
    cached = user_cache.read_text("cffi", f"{key}.txt")
    if cached is not None:
        # cffi trusts its type table (a damaged one crashes the process): the entry carries its own digest
        check, _, body = cached.partition("\n")
        if check == hashlib.sha256(body.encode("utf-8")).hexdigest():
            with contextlib.suppress(ValueError, SyntaxError, TypeError, MemoryError, RecursionError):
                digest, kwargs = ast.literal_eval(body)
                if isinstance(digest, str) and isinstance(kwargs, dict):
                    return digest, kwargs
    made = _compile(text.decode("utf-8", "replace"))
    if made is not None:
        body = repr(made)
        user_cache.write_text(f"{hashlib.sha256(body.encode('utf-8')).hexdigest()}\n{body}", "cffi", f"{key}.txt")
    return made


def _cdef_text(module_text: str) -> Optional[str]:
    """The string of the module's one `ffi.cdef('''…''')` call."""
    try:
        tree = ast.parse(module_text)
    except SyntaxError:
        return None
    calls = [node for node in ast.walk(tree) if isinstance(node, ast.Call)
             and isinstance(node.func, ast.Attribute) and node.func.attr == "cdef"]
    if len(calls) != 1 or len(calls[0].args) != 1 or calls[0].keywords:
        return None
    arg = calls[0].args[0]
    return arg.value if isinstance(arg, ast.Constant) and isinstance(arg.value, str) else None


def _compile(module_text: str) -> Optional[tuple[str, dict[str, Any]]]:
    """cffi's recompiler run on the cdef: the keyword arguments of the FFI its module would create."""
    cdef = _cdef_text(module_text)
    if cdef is None:
        return None
    try:
        builder = _cffi().FFI()
        builder.cdef(cdef)
        builder.set_source(MODULE, None)
        with tempfile.TemporaryDirectory(prefix="zwgk-ffi-") as folder:
            path = os.path.join(folder, f"{MODULE}.py")
            with contextlib.redirect_stdout(io.StringIO()):  # cffi prints "generating …"
                builder.emit_python_code(path)
            generated = Path(path).read_text(encoding="utf-8")
    except Exception:  # noqa: BLE001 — any failure: WeasyPrint parses its cdef as usual
        return None
    calls = [node for node in ast.walk(ast.parse(generated)) if isinstance(node, ast.Call)
             and isinstance(node.func, ast.Attribute) and node.func.attr == "FFI"]
    if len(calls) != 1 or not all(k.arg for k in calls[0].keywords):
        return None
    try:
        kwargs = {str(k.arg): ast.literal_eval(k.value) for k in calls[0].keywords}
    except ValueError:
        return None
    return _digest(cdef), kwargs


def _digest(cdef: str) -> str:
    return hashlib.sha256(cdef.encode("utf-8")).hexdigest()


def _compiled_class() -> Any:
    backend: Any = importlib.import_module("_cffi_backend")  # cffi's C core, untyped

    class CompiledFFI(backend.FFI):  # type: ignore[misc]  # an untyped base class
        """cffi's out-of-line FFI, as WeasyPrint uses the in-line one."""

        zwgk_cdef_digest = ""

        def cdef(self, csource: str, *args: Any, **kwargs: Any) -> None:
            if args or kwargs or _digest(csource) != self.zwgk_cdef_digest:
                raise Mismatch

        def dlopen(self, name: Any, flags: int = 0) -> Any:
            """A library by file name or by name, as cffi's in-line FFI finds it (api._load_backend_lib)."""
            # Never unloaded: the out-of-line library object dlclose()s when collected, and at
            # interpreter exit WeasyPrint's ffi.gc destructors may still call into it.
            flags |= getattr(self, "RTLD_NODELETE", 0)
            if not isinstance(name, str):
                return super().dlopen(name, flags)
            first_error: Optional[OSError] = None
            if "." in name or "/" in name or os.sep in name:
                try:
                    return super().dlopen(name, flags)
                except OSError as exc:
                    first_error = exc
            path = ctypes.util.find_library(name)
            if path is None:
                raise OSError(f"ctypes.util.find_library() did not manage to locate a library called {name!r}"
                              + (f". Additionally, {first_error}" if first_error else ""))
            return super().dlopen(path, flags)

    return CompiledFFI
