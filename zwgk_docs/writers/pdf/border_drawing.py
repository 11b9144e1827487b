"""Collapsed table borders and outlines painted with fewer Python calls, the same operators and bytes (installed once per process).

Our task tables collapse their borders: WeasyPrint's draw_collapsed_borders computes the grid's
segments (cheap), then paints each one inside two saved graphic states (its own `with
stream.artifact(), stream.stacked()` and draw_line's), through set_color, set_line_width,
move_to, line_to and stroke — about 40 µs per segment (200 tasks: 6,128 segments in the notice's
and tasks.pdf's 160 pages, 0.25 CPU s of 1.8 written; cProfile shows three times that).

Here WeasyPrint's own draw_collapsed_borders runs (its code object, so the grid, the shifts
and the order of the segments are its own), given a stand-in for the stream whose artifact()
and stacked() do nothing, and a draw_line that writes what WeasyPrint's writes for a plain
line (every style but dashed, dotted, double, ridge, groove and wavy): `q q`, the stroke alpha
state and colour as set_color writes them (from the colour's operators streams.py keeps, unless
what is already set makes them unneeded), `w m l S Q Q`, and the stream's state forgotten as its
pop_state forgets it (the 200-task PDFs' borders: 0.25 → 0.06 CPU s). Other styles are drawn by
WeasyPrint's draw_line inside the stream's real stacked().

Borders: WeasyPrint's draw_border is called for every box (each line and text box too) and reads
its visibility, column, border-image styles and four widths before finding there is nothing to draw;
a box without border widths, border image or column rule width is left at once.

Outlines: after each stacking context WeasyPrint's draw_outline walks every box below it, reading
three style values of each (17,000 boxes for 160 pages), though our documents have no outline; here
boxes without an outline width are skipped in the same order, and the first one that has one is
drawn, with its descendants, by WeasyPrint's draw_outline.

Only when the functions are the ones this was written from (their source is compared:
WeasyPrint 70.0, pydyf 0.13), for WeasyPrint's own Stream class, and without tagged PDF
(artifact() then writes marked content); otherwise WeasyPrint's own code runs.
"""

from __future__ import annotations

import contextlib
import importlib
import threading
import types
from typing import Any, Callable, Optional

from . import streams
from .streams import number
from .sources import source_hash

_lock = threading.Lock()
_installed: set[str] = set()

# sha256 of the sources this is written from (WeasyPrint 70.0, pydyf 0.13.0)
KNOWN = {
    "weasyprint.draw.draw_collapsed_borders": "120b162d2a4f90661f89b01079f842af22cd057db2823b4417f2b8b38d381d1c",
    "weasyprint.draw.border.draw_line": "cc41cbfdbabe04d00caee3bea0eea18ff37ebdc68b9cb1f9d9433d0e187edf69",
    "weasyprint.pdf.stream.Stream.push_state": "3e2340c99b30acb91df8ebf501f871f372d12faedf9364f2a31292e9f9dee9af",
    "weasyprint.pdf.stream.Stream.pop_state": "de364bfee3bd7f4f5428094f37263c05d4df86ecbea93e845ed39fdef7f000ce",
    "weasyprint.pdf.stream.Stream.artifact": "be61e42186804e990c3fa090d95a0a579b0d9ca73ba2ec9915c57fde18910faa",
    "weasyprint.pdf.stream.Stream.stacked": "241f5cdfb961363b6a60b91695674a8c97509e2dd5073d92d494d84e3216ed2f",
    "pydyf.Stream.push_state": "1791eb2aac855b0651f551609e50c750aa4b3f16daf358b6b8ac40b11ed1791d",
    "pydyf.Stream.pop_state": "6648661e1ee0e65a41c91d917eeaea8efdeb36b9d16490078d4aa8174630b990",
    "weasyprint.pdf.stream.Stream.set_line_width": "2f106ac99a664b6f792e6b40541334646d7d0f5bd3eb2488e23b3ce8e518788a",
    "weasyprint.pdf.stream.Stream.move_to": "27b9d7cbb250e088c0e0d0c392fd29c3baf80c5e696d8996a884b37e6b059a48",
    "weasyprint.pdf.stream.Stream.line_to": "ae6e8274d25247988d919dcfbf6c253d8b2cad64cfa13beec1ca5d2c4d13c0df",
    "weasyprint.pdf.stream.Stream.stroke": "2b8dcb94618db788ad2adadaf8309c3ac702e35945d5768f14e0df7cb08881b1",
}
KNOWN_OUTLINE = {"weasyprint.draw.draw_outline": "c98afcef4e21d30189fd4d81c4d4ff713394bfe4b8d662b0441a882e1521def2"}
KNOWN_BORDER = {"weasyprint.draw.draw_border": "8ba918f30893929f061678e6625703977bda5bdcdbb5c708d69898760371f0ab"}
# draw_line's styles that are not drawn as one plain stroked line
NOT_PLAIN = frozenset(("dashed", "dotted", "double", "ridge", "groove", "wavy"))
_NOTHING = contextlib.nullcontext()


def install() -> bool:
    """Replace weasyprint.draw's draw_collapsed_borders, draw_outline and draw_border (idempotent); False when the
    collapsed borders' code is not the one we know."""
    with _lock:
        if "tried" not in _installed:
            _installed.add("tried")
            try:
                draw: Any = importlib.import_module("weasyprint.draw")  # no type information
            except ImportError:
                return False
            functions, outline = _known_functions(KNOWN), _known_functions(KNOWN_OUTLINE)
            if functions is not None:
                draw.draw_collapsed_borders = _draw_collapsed_borders(functions)
                _installed.add("collapsed_borders")
            if outline is not None:
                draw.draw_outline = _draw_outline(outline["weasyprint.draw.draw_outline"])
                _installed.add("outline")
            border = _known_functions(KNOWN_BORDER)
            if border is not None:
                draw.draw_border = _draw_border(border["weasyprint.draw.draw_border"])
                _installed.add("border")
        return "collapsed_borders" in _installed


def installed() -> frozenset[str]:
    """Which of WeasyPrint's functions install() replaced ("collapsed_borders", "outline", "border")."""
    return frozenset(_installed - {"tried"})


def resolve(dotted: str) -> Any:
    """The object named module.attribute[.attribute] (the longest importable module first)."""
    parts = dotted.split(".")
    for cut in range(len(parts) - 1, 0, -1):
        try:
            value: Any = importlib.import_module(".".join(parts[:cut]))
        except ImportError:
            continue
        for name in parts[cut:]:
            value = getattr(value, name)
        return value
    raise ImportError(dotted)


def _known_functions(known: dict[str, str]) -> Optional[dict[str, Any]]:
    """The functions a replacement relies on, by name, when every one's source is the known one; else None."""
    try:
        functions = {name: resolve(name) for name in known}
        if any(source_hash(function) != known[name] for name, function in functions.items()):
            return None
    except (ImportError, AttributeError, OSError, TypeError):
        return None
    return functions


class _Painter:
    """What draw_collapsed_borders sees of the stream: its artifact() and stacked() do nothing
    (draw_line writes the saved states itself); the stream it draws on."""

    __slots__ = ("stream",)

    def __init__(self, stream: Any) -> None:
        self.stream = stream

    def artifact(self) -> contextlib.nullcontext[None]:
        return _NOTHING

    def stacked(self) -> contextlib.nullcontext[None]:
        return _NOTHING


def _draw_collapsed_borders(functions: dict[str, Any]) -> Callable[[Any, Any], Any]:
    original = functions["weasyprint.draw.draw_collapsed_borders"]
    weasyprint_draw_line = functions["weasyprint.draw.border.draw_line"]
    stream_class = importlib.import_module("weasyprint.pdf.stream").Stream
    colours_known = "set_color" in streams.installed()  # set_color and set_alpha are the ones streams.py knows

    def draw_line(painter: _Painter, x1: Any, y1: Any, x2: Any, y2: Any, thickness: Any, style: Any, color: Any,
                  offset: Any = 0) -> None:
        """What `with stream.artifact(), stream.stacked(): draw_line(stream, …)` writes (no tags)."""
        stream = painter.stream
        if style in NOT_PLAIN:
            with stream.stacked():
                weasyprint_draw_line(stream, x1, y1, x2, y2, thickness, style, color, offset)
            return
        assert x1 == x2 or y1 == y2  # as draw_line's
        ops = stream.stream
        ops += (b"q", b"q")  # two push_state: the current transformation matrix pushed and popped again
        entry = streams.colour(color) if colours_known else None
        if entry is None:
            stream.set_color(color, stroke=True)
        else:  # what set_color(color, stroke=True) writes (its state is forgotten below)
            if entry.stroke_state != stream._current_alpha_stroke:
                if entry.stroke_state in stream._resources["ExtGState"]:
                    ops.append(entry.stroke_gs)
                else:
                    stream.set_alpha(entry.alpha, True)
            if entry.current != stream._current_color_stroke:
                ops.append(entry.stroke)
        ops += (number(thickness) + b" w", number(x1) + b" " + number(y1) + b" m",
                number(x2) + b" " + number(y2) + b" l", b"S", b"Q", b"Q")
        # what the two pop_state forget
        stream._current_color = stream._current_color_stroke = None
        stream._current_alpha = stream._current_alpha_stroke = None
        stream._current_font = None

    replaced = types.FunctionType(original.__code__, {**original.__globals__, "draw_line": draw_line},
                                  original.__name__, original.__defaults__, original.__closure__)

    def draw_collapsed_borders(stream: Any, table: Any) -> Any:
        if type(stream) is not stream_class or stream._tags is not None:
            return original(stream, table)
        return replaced(_Painter(stream), table)

    draw_collapsed_borders.__wrapped__ = original  # type: ignore[attr-defined]  # as functools.wraps would
    return draw_collapsed_borders


def _draw_outline(original: Callable[[Any, Any], Any]) -> Callable[[Any, Any], Any]:
    """WeasyPrint's draw_outline (a box's outline, then its descendants', each box's style read), the boxes
    without an outline width skipped: the first box that has one, and its descendants, drawn by it."""
    from weasyprint.formatting_structure.boxes import Box

    def draw_outline(stream: Any, box: Any) -> None:
        todo = [box]
        while todo:
            box = todo.pop()
            if box.style["outline_width"]:
                original(stream, box)
            else:
                todo.extend(child for child in reversed(box.children) if isinstance(child, Box))

    draw_outline.__wrapped__ = original  # type: ignore[attr-defined]  # as functools.wraps would
    return draw_outline


def _draw_border(original: Callable[[Any, Any], Any]) -> Callable[[Any, Any], Any]:
    """WeasyPrint's draw_border, a box without borders, border image or column rules (most boxes: every
    line and text box) left at once — WeasyPrint's returns without drawing after reading its styles and
    four widths into a set."""

    def draw_border(stream: Any, box: Any) -> Any:
        if not (box.border_top_width or box.border_right_width or box.border_bottom_width or box.border_left_width):
            style = box.style
            if style["border_image_source"][0] == "none" and not style["column_rule_width"]:
                return None
        return original(stream, box)

    draw_border.__wrapped__ = original  # type: ignore[attr-defined]  # as functools.wraps would
    return draw_border
