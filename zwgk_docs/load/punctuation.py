"""Where a plan's YAML text has half-width punctuation the model will print full width.

The model normalises every prose string (model/punctuation.py), so outputs are right either way;
this module finds each place in the file — line and column of the mark itself — so `zwgk
validate` can warn and `zwgk fix` can rewrite exactly those characters, leaving comments,
quoting and layout untouched.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterator

from ..errors import Diagnostic, Location
from ..model.punctuation import EXEMPT_FIELDS, HALF_TO_FULL, Fix, context, find_fixes
from ..model.tree import Loc
from .errors import format_path
from .yaml_reader import SourceMap


@dataclass(frozen=True)
class Place:
    path: Loc
    value: str
    fix: Fix
    offset: int  # index of the mark in the file text, -1 when it could not be located
    line: int  # 1-based
    column: int  # 1-based


def _field_of(path: Loc) -> str:
    names = [p for p in path if isinstance(p, str)]
    if len(names) >= 2 and names[-2] == "extra":
        return "extra"
    return names[-1] if names else ""


def _strings(data: Any, path: Loc = ()) -> Iterator[tuple[Loc, str]]:
    if isinstance(data, dict):
        for key, value in data.items():
            yield from _strings(value, path + (str(key),))
    elif isinstance(data, list):
        for i, item in enumerate(data):
            yield from _strings(item, path + (i,))
    elif isinstance(data, str) and _field_of(path) not in EXEMPT_FIELDS:
        yield path, data


def _line_starts(text: str) -> list[int]:
    starts = [0]
    for i, ch in enumerate(text):
        if ch == "\n":
            starts.append(i + 1)
    return starts


def find_places(data: Any, text: str, smap: SourceMap) -> list[Place]:
    """Every half-width mark to convert, with its position in `text`."""
    starts = _line_starts(text)
    places: list[Place] = []
    for path, value in _strings(data):
        fixes = find_fixes(value)
        if not fixes:
            continue
        pos = smap.values.get(path)
        offsets = _source_offsets(value, text, starts[pos[0]] + pos[1]) if pos and pos[0] < len(starts) else None
        for fix in fixes:
            if offsets is not None:
                off = offsets[fix.offset]
                line = _line_of(starts, off)
                places.append(Place(path, value, fix, off, line + 1, off - starts[line] + 1))
            else:
                loc = smap.locate(path)
                places.append(Place(path, value, fix, -1, loc.line or 1, loc.column or 1))
    return places


def _line_of(starts: list[int], offset: int) -> int:
    lo, hi = 0, len(starts) - 1
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if starts[mid] <= offset:
            lo = mid
        else:
            hi = mid - 1
    return lo


def _source_offsets(value: str, text: str, start: int) -> dict[int, int] | None:
    """Map each half-width mark of value to its offset in text (marks appear in the same order)."""
    out: dict[int, int] = {}
    cursor = start
    for i, ch in enumerate(value):
        if ch not in HALF_TO_FULL:
            continue
        while cursor < len(text) and text[cursor] not in HALF_TO_FULL:
            cursor += 1
        if cursor >= len(text) or text[cursor] != ch:
            return None  # an escape sequence or a quoting we do not follow: report the value's start
        out[i] = cursor
        cursor += 1
    return out


def punctuation_warnings(data: Any, text: str, smap: SourceMap) -> list[Diagnostic]:
    out = []
    for p in find_places(data, text, smap):
        message = f"{p.fix.describe()}（GB/T 15834）：“{context(p.value, p.fix)}”。运行 zwgk fix 可自动改正。"
        out.append(Diagnostic(message, Location(smap.file, p.line, p.column), format_path(p.path), "warning"))
    return out
