"""WeasyPrint's user-agent stylesheets kept parsed in the user cache, not parsed at every import.

Importing WeasyPrint parses its three user-agent stylesheets (weasyprint/html.py: the HTML5
defaults, form controls and presentational hints; ~0.12 s CPU, 40 % of the import). What a
parse makes depends only on the stylesheet's text and the library versions: a weasyprint.CSS
object (selectors compiled by cssselect2 into small functions, declarations validated) and the
@counter-style rules it adds to the counter styles given. The first import pickles both into
the user cache, keyed by the text, the versions of WeasyPrint, tinycss2, cssselect2 and Python;
later imports read them back (~3 ms). cssselect2's compiled selector functions cannot be
pickled as such: their code objects are kept (marshal, as in .pyc files) with the names of
the cssselect2 globals they use.

Only html.py's own `CSS(string=…)` calls are served (through a stand-in for weasyprint.CSS
while that module is imported); anything unexpected — another call, an entry that does not
read back, a cssselect2 that compiles differently — is parsed by WeasyPrint as usual.
"""

from __future__ import annotations

import builtins
import contextlib
import hashlib
import importlib
import importlib.abc
import io
import marshal
import pickle
import sys
import types
from typing import Any, Callable, Iterator, Optional, Sequence

from ... import user_cache

FORMAT = "1"  # of the kept entries: bump when what is pickled changes
_COMPILER = "cssselect2.compiler"


@contextlib.contextmanager
def kept() -> Iterator[None]:
    """While WeasyPrint is imported, its user-agent stylesheets come from the user cache."""
    if user_cache.cache_dir() is None or "weasyprint.html" in sys.modules:
        yield
        return
    finder = _Finder()
    sys.meta_path.insert(0, finder)
    try:
        yield
    finally:
        with contextlib.suppress(ValueError):
            sys.meta_path.remove(finder)
        finder.restore()


class _Finder(importlib.abc.MetaPathFinder):
    """Sees `weasyprint.html` about to be imported (weasyprint.CSS then exists) and puts the stand-in
    in place; finds nothing itself."""

    def __init__(self) -> None:
        self.patched: Optional[tuple[Any, Any, Any]] = None

    def find_spec(self, fullname: str, path: Optional[Sequence[str]], target: Optional[types.ModuleType] = None) -> None:
        if fullname == "weasyprint.html" and self.patched is None:
            package = sys.modules.get("weasyprint")
            original = getattr(package, "CSS", None)
            if isinstance(original, type):
                stand_in = _stand_in(original)
                setattr(package, "CSS", stand_in)  # noqa: B010 — the package's own name, replaced for a moment
                self.patched = (package, original, stand_in)
        return None

    def restore(self) -> None:
        if self.patched is None:
            return
        package, original, stand_in = self.patched
        for module in (package, sys.modules.get("weasyprint.html")):
            if module is not None and getattr(module, "CSS", None) is stand_in:
                setattr(module, "CSS", original)  # noqa: B010


def _stand_in(original: Any) -> Callable[..., Any]:
    def css(*args: Any, **kwargs: Any) -> Any:
        text = kwargs.get("string")
        if args or not isinstance(text, str) or set(kwargs) - {"string", "counter_style"}:
            return original(*args, **kwargs)
        counter_style = kwargs.get("counter_style")
        key = _key(text)
        if key is None:
            return original(*args, **kwargs)
        entry = user_cache.read_bytes("css", f"{key}.pickle")
        if entry:
            with contextlib.suppress(Exception), _named(original):  # an entry that does not read back: parsed again
                sheet, counters = pickle.loads(entry)
                if isinstance(sheet, original) and isinstance(counters, dict):
                    if counter_style is not None:
                        counter_style.update(counters)
                    return sheet
        with _named(original):
            sheet, data = _parse_and_pickle(original, text, counter_style)
        if data is not None:
            user_cache.write_bytes(data, "css", f"{key}.pickle")
        return sheet

    return css


@contextlib.contextmanager
def _named(original: Any) -> Iterator[None]:
    """weasyprint.CSS is the class itself meanwhile: pickle finds classes by their module's name."""
    package: Any = sys.modules["weasyprint"]
    stand_in = package.CSS
    package.CSS = original
    try:
        yield
    finally:
        package.CSS = stand_in


def _key(text: str) -> Optional[str]:
    try:
        versions = [importlib.import_module(name).__version__ for name in ("weasyprint", "tinycss2", "cssselect2")]
    except (ImportError, AttributeError):
        return None
    return hashlib.sha256("\0".join([FORMAT, text, *versions, sys.version]).encode("utf-8")).hexdigest()


def _parse_and_pickle(original: Any, text: str, counter_style: Optional[dict[str, Any]]) -> tuple[Any, Optional[bytes]]:
    """WeasyPrint's own parse, and its pickle (None when it cannot be made)."""
    compiler = sys.modules.get(_COMPILER)
    if compiler is None:
        return original(string=text, counter_style=counter_style), None
    functions: dict[int, tuple[types.FunctionType, tuple[str, ...]]] = {}

    def recording_eval(source: Any, globals_: Optional[dict[str, Any]] = None, locals_: Any = None) -> Any:
        made = builtins.eval(source, globals_, locals_)  # noqa: S307 — cssselect2's own call, recorded
        if isinstance(made, types.FunctionType):
            functions[id(made)] = (made, tuple(globals_ or ()))
        return made

    before = set(counter_style or ())
    compiler.__dict__["eval"] = recording_eval  # CompiledSelector compiles each selector with eval()
    try:
        sheet = original(string=text, counter_style=counter_style)
    finally:
        compiler.__dict__.pop("eval", None)
    counters = {name: value for name, value in (counter_style or {}).items() if name not in before}
    buffer = io.BytesIO()
    try:
        _Pickler(buffer, functions).dump((sheet, counters))
    except Exception:  # noqa: BLE001 — something else unpicklable in a later release: not kept
        return sheet, None
    return sheet, buffer.getvalue()


class _Pickler(pickle.Pickler):
    def __init__(self, file: io.BytesIO, functions: dict[int, tuple[types.FunctionType, tuple[str, ...]]]) -> None:
        super().__init__(file, protocol=pickle.HIGHEST_PROTOCOL)
        self.functions = functions

    def reducer_override(self, obj: Any) -> Any:
        recorded = self.functions.get(id(obj)) if isinstance(obj, types.FunctionType) else None
        if recorded is None or recorded[0] is not obj:
            return NotImplemented  # anything else pickles as usual (an unknown function fails: not kept)
        return _selector_function, (marshal.dumps(obj.__code__), recorded[1])


def _selector_function(code: bytes, names: tuple[str, ...]) -> types.FunctionType:
    """A compiled selector's function again: its code, and the cssselect2 globals it was given."""
    compiler = importlib.import_module(_COMPILER)
    return types.FunctionType(marshal.loads(code), {name: compiler.__dict__[name] for name in names})
