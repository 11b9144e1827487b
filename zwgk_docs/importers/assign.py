"""Who and by when: unit lists in table cells, and responsibility sentences in prose.

Units are split only when the split is safe: a cell that reads as a sentence
("市编办牵头,市政府各部门负责落实") stays one string, so the table prints as before.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Optional


# Words that make a cell a sentence about units rather than a list of units.
_SENTENCE = re.compile(r"牵头|配合|负责|落实|会同|分工|按职责|按职能|协调|指导|等$|等相关|等部门|等单位|及相关")
SEPARATORS = ("\n", "、", "，", ",", "；", ";", " ")
_UNIT_END = "厅局委办府会室心部院处所站队行社团馆司组科中区县市镇街"


def _top_level_split(text: str, seps: str) -> list[str]:
    """Split on any char of seps outside brackets: 各县（市、区）政府 stays whole."""
    out, depth, cur = [], 0, ""
    for ch in text:
        if ch in "（(《“":
            depth += 1
        elif ch in "）)》”":
            depth = max(0, depth - 1)
        if ch in seps and depth == 0:
            out.append(cur)
            cur = ""
        else:
            cur += ch
    out.append(cur)
    return out


def _join_fragments(pieces: list[str], sep: str) -> list[str]:
    """Keep '市政府各部门、单位' and '市、县(市)区政府' whole: a 1–2 character piece is no unit."""
    out: list[str] = []
    for piece in pieces:
        if out and len(out[-1]) <= 1:
            out[-1] = out[-1] + sep + piece
        elif out and len(piece) <= 2:
            out[-1] = out[-1] + sep + piece
        else:
            out.append(piece)
    return out


@lru_cache(maxsize=4096)  # the same unit cells repeat down a table
def cell_separator(text: str) -> Optional[str]:
    """The one separator a unit-list cell uses, or None (a single unit, a sentence, or mixed separators)."""
    text = text.strip()
    if not text or _SENTENCE.search(text):
        return None
    used = [s for s in SEPARATORS if len(_top_level_split(text, s)) > 1]
    if " " in used and len(used) > 1:
        used.remove(" ")  # "市政府 办公室、…": spaces are noise next to a real separator
    if len(used) != 1:
        return None
    pieces = [p.strip() for p in _top_level_split(text, used[0])]
    if any(not p or len(p) > 30 for p in pieces):
        return None
    return used[0]


def split_cell(text: str, separator: str) -> list[str]:
    sep = " " if separator == "\n" and "\n" not in text else separator
    pieces = [p.strip() for p in _top_level_split(text.strip(), sep) if p.strip()]
    return _join_fragments(pieces, sep)


# ---------------------------------------------------------------- responsibility sentences
# One parser for plans and importers: zwgk_docs.model.units.
from ..model.units import RESPONSIBILITY, Responsibility, is_deadline, leading_responsibility  # noqa: E402,F401
from ..model import units as _units  # noqa: E402


def parse_responsibility(sentence: str) -> Responsibility:
    """A draft plan keeps each unit as the document wrote it; the plan loader normalises later."""
    return _units.parse_responsibility(sentence, keep_spelling=True)
