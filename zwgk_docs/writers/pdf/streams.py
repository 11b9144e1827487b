"""How pydyf writes the PDF's streams, made cheaper, the same bytes but for zlib's level (installed once per process).

- Compression: pydyf (WeasyPrint's PDF serialiser) deflates every stream at level 9. A build's
  two PDFs hold ~3.5 MB of font subsets and page content; level 9 spends ~0.08 s CPU more than
  level 6 on them for 0.2 % smaller files (measured on the 沈阳 plan: 1,112 KB vs 1,114 KB of
  deflated data). Level 6 is zlib's default and what cairo, LibreOffice and Ghostscript write.
  The output stays deterministic: the same input gives the same bytes. Only pydyf's own
  reference to the zlib module is replaced, by one whose compressobj() uses level 6 whatever
  level is asked for; if a pydyf release no longer compresses through `pydyf.zlib`, its own
  code runs unchanged.
- Colours: WeasyPrint's Stream.set_color converts the colour to sRGB and formats its three
  numbers at every call (every text box and border line sets one: 12,500 calls for 160 pages,
  0.29 s); here each colour object's operators are made once and kept (the same bytes), the
  state checks (what is already set) being WeasyPrint's.
- Page content: pydyf joins a stream's operators through its generic _to_bytes, one call per
  operator (80,000 for 160 pages); operators that are all bytes already are joined at once.
- Context managers: WeasyPrint wraps every text box in `with stream.marked(…)` and every
  stacking context and line in `with stream.stacked()`, generator-based context managers
  (~1.5 µs each); without tags marked() and artifact() write nothing and return one shared
  null context, and stacked() is a small class doing the same push_state / pop_state.

The last two only for the pydyf and WeasyPrint functions they were written from (their
source is compared: pydyf 0.13, WeasyPrint 70); otherwise their own code runs.
"""

from __future__ import annotations

import contextlib
import importlib
import threading
import types
import zlib
from typing import Any, Callable, NamedTuple, Optional

LEVEL = 6
KEPT_COLOURS = 4096  # colour objects whose operators are kept (a document has a handful; inset/outset borders make new ones)
# sha256 of the sources the colour and content replacements are written from
KNOWN_SET_COLOR = {
    "weasyprint.pdf.stream.Stream.set_color": "d289ec41ef8285c2dde81e92fbf400ef3b9f22b14d9484529d2ab967e827e451",
    "weasyprint.pdf.stream.Stream.set_alpha": "c9c74350fd9a8fb5b9d214fa4454a2a64b4bc0fb3953677fbffa8549b2b2db01",
    "weasyprint.pdf.stream.Stream.set_color_rgb": "c64335d569ba1041271c252b7dabe23cd197262d55caa0804c1bcf007554ecc8",
    "pydyf._to_bytes": "1cefd02c285d3aee7ad09bf6e5be50b2b7bd6956dec69829790e64f5255e0009",
}
KNOWN_DATA = {"pydyf.Stream.data.fget": "bdc2bc513f286de7b7a7220a43e6085daa6ed0056d9c04e3c9b5abe40f3ecf81"}
KNOWN_CONTEXTS = {
    "weasyprint.pdf.stream.Stream.marked": "3fa3acacbbf66422e7b0de4346b6eaf638657280a0f62c73172e3c445b888692",
    "weasyprint.pdf.stream.Stream.artifact": "be61e42186804e990c3fa090d95a0a579b0d9ca73ba2ec9915c57fde18910faa",
    "weasyprint.pdf.stream.Stream.stacked": "241f5cdfb961363b6a60b91695674a8c97509e2dd5073d92d494d84e3216ed2f",
}
RGB_SPACES = ("srgb", "hsl", "hwb")  # what set_color writes with set_color_rgb
KEPT_NUMBERS = 65536  # floats written (a table's column and row positions, line widths: written again and again)
_FLOATS: dict[float, bytes] = {}

_lock = threading.Lock()
_installed: set[str] = set()


def number(value: Any) -> bytes:
    """A number as pydyf's _to_bytes writes it (integral floats without a point, others without trailing zeros)."""
    if type(value) is float:
        written = _FLOATS.get(value)
        if written is None:
            written = (str(int(value)) if value.is_integer() else f"{value:f}".rstrip("0")).encode("ascii")
            if len(_FLOATS) >= KEPT_NUMBERS:
                _FLOATS.clear()
            _FLOATS[value] = written
        return written
    if type(value) is int:
        return str(value).encode("ascii")
    return _pydyf()._to_bytes(value)  # type: ignore[no-any-return]


class _Zlib(types.ModuleType):
    """zlib as pydyf sees it: every name is zlib's, compressobj() deflates at LEVEL."""

    def __init__(self) -> None:
        super().__init__("zlib", zlib.__doc__)
        self.__dict__.update((name, value) for name, value in vars(zlib).items() if not name.startswith("__"))
        self.__dict__["compressobj"] = _compressobj


def _compressobj(level: int = LEVEL, *args: Any, **kwargs: Any) -> Any:  # noqa: ARG001 — the level is ours
    return zlib.compressobj(LEVEL, *args, **kwargs)


def _pydyf() -> Any:
    return importlib.import_module("pydyf")  # no type information: a plain module object


def install() -> None:
    """Point pydyf at the level-6 zlib; colours and page content written cheaper (idempotent)."""
    try:
        pydyf = _pydyf()
    except ImportError:
        return
    with _lock:
        if getattr(pydyf, "zlib", None) is zlib:
            pydyf.__dict__["zlib"] = _Zlib()
        if "set_color" not in _installed and _known(KNOWN_SET_COLOR):
            stream_class = importlib.import_module("weasyprint.pdf.stream").Stream
            stream_class.set_color = _set_color(stream_class.set_color)
            _installed.add("set_color")
        if "data" not in _installed and _known(KNOWN_DATA):
            pydyf.Stream.data = property(_data(pydyf.Stream.data.fget, pydyf))
            _installed.add("data")
        if "contexts" not in _installed and _known(KNOWN_CONTEXTS):
            stream_class = importlib.import_module("weasyprint.pdf.stream").Stream
            stream_class.marked, stream_class.artifact = _untagged(stream_class.marked), _untagged(stream_class.artifact)
            stream_class.stacked = _stacked(stream_class.stacked)
            _installed.add("contexts")


def installed() -> frozenset[str]:
    """Which of WeasyPrint's and pydyf's functions install() replaced ("set_color", "data", "contexts")."""
    return frozenset(_installed)


def _known(sources: dict[str, str]) -> bool:
    from .border_drawing import resolve
    from .sources import source_hash

    try:
        return all(source_hash(resolve(name)) == digest for name, digest in sources.items())
    except (ImportError, AttributeError, OSError, TypeError):
        return False


class Colour(NamedTuple):
    """What set_color writes for a colour object (its coordinates, alpha and space checked unchanged since)."""

    color: Any
    coordinates: Any
    alpha: float
    space: str
    current: tuple[Any, ...]  # what set_color compares with the colour already set
    fill: bytes  # "r g b rg"
    stroke: bytes  # "r g b RG"
    fill_state: str  # the ExtGState of its alpha, for filling ("a1") and stroking ("A1")
    stroke_state: str
    stroke_gs: bytes  # "/A1 gs"


_COLOURS: dict[int, Colour] = {}


def colour(color: Any) -> Optional[Colour]:
    """What set_color writes for `color` (made once per colour object); None: not written with set_color_rgb."""
    entry = _COLOURS.get(id(color))
    if entry is not None and entry.color is color and entry.coordinates is color.coordinates \
            and entry.alpha == color.alpha and entry.space == color.space:
        return entry
    space = getattr(color, "space", None)
    if space not in RGB_SPACES:
        return None
    *channels, alpha = color
    rgb = b" ".join(map(number, color.to("srgb").coordinates))
    entry = Colour(color, color.coordinates, color.alpha, space, (space, *channels), rgb + b" rg", rgb + b" RG",
                   f"a{alpha}", f"A{alpha}", f"/A{alpha} gs".encode("ascii"))
    if len(_COLOURS) >= KEPT_COLOURS:
        _COLOURS.clear()
    _COLOURS[id(color)] = entry
    return entry


def _set_color(original: Callable[..., Any]) -> Callable[..., Any]:
    """WeasyPrint's Stream.set_color, an sRGB colour's operators made once per colour object."""

    def set_color(self: Any, color: Any, stroke: bool = False) -> None:
        entry = colour(color)
        if entry is None:
            return original(self, color, stroke)  # type: ignore[no-any-return]
        if stroke:
            if entry.stroke_state != self._current_alpha_stroke:
                self.set_alpha(entry.alpha, True)
            if entry.current != self._current_color_stroke:
                self._current_color_stroke = entry.current
                self.stream.append(entry.stroke)
        else:
            if entry.fill_state != self._current_alpha:
                self.set_alpha(entry.alpha, False)
            if entry.current != self._current_color:
                self._current_color = entry.current
                self.stream.append(entry.fill)
        return None

    set_color.__wrapped__ = original  # type: ignore[attr-defined]  # as functools.wraps would
    return set_color


def _data(original: Callable[[Any], bytes], pydyf: Any) -> Callable[[Any], bytes]:
    """pydyf's Stream.data, operators that are all bytes joined at once."""

    def data(self: Any) -> bytes:
        items = self.stream
        if not isinstance(items, list) or not set(map(type, items)) <= {bytes}:
            return original(self)
        stream = b"\n".join(items)
        extra = pydyf.Dictionary(self.extra.copy())
        if self.compress:
            extra["Filter"] = "/FlateDecode"
            compressobj = pydyf.zlib.compressobj(level=9)
            stream = compressobj.compress(stream)
            stream += compressobj.flush()
        extra["Length"] = len(stream)
        return b"\n".join((extra.data, b"stream", stream, b"endstream"))

    data.__wrapped__ = original  # type: ignore[attr-defined]  # as functools.wraps would
    return data


_NOTHING = contextlib.nullcontext()


def _untagged(original: Callable[..., Any]) -> Callable[..., Any]:
    """Stream.marked / Stream.artifact: nothing to write without tags (WeasyPrint's writes marked content with them)."""

    def context(self: Any, *args: Any) -> Any:
        return _NOTHING if self._tags is None else original(self, *args)

    context.__wrapped__ = original  # type: ignore[attr-defined]  # as functools.wraps would
    return context


class _Stacked:
    """`with stream.stacked():` — the graphic state saved on entry and restored on exit, as WeasyPrint's."""

    __slots__ = ("stream",)

    def __init__(self, stream: Any) -> None:
        self.stream = stream

    def __enter__(self) -> None:
        self.stream.push_state()

    def __exit__(self, *exc: object) -> None:
        self.stream.pop_state()


def _stacked(original: Callable[..., Any]) -> Callable[..., Any]:
    def stacked(self: Any) -> _Stacked:
        return _Stacked(self)

    stacked.__wrapped__ = original  # type: ignore[attr-defined]  # as functools.wraps would
    return stacked
