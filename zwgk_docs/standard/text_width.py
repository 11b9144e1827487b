"""How wide a run of printed text is, in points: the metrics Word, WPS and LibreOffice use with
the CJK faces of the font profiles (measured once; an estimate, used where a line break must be
decided before any of them lays the text out: the 正文 carry-over, the 标题's lines)."""

from __future__ import annotations

from typing import Callable

from ..east_asian import is_wide
from . import gbt9704 as std

HALF_WIDTH_EM = 0.56  # digits and Latin letters in the CJK faces LibreOffice picks (measured)
AUTOSPACE_EM = 0.21  # the space Word and LibreOffice add between 汉字 and digits/Latin (w:autoSpaceDN/DE; measured)
# Closing punctuation may hang past the margin (w:overflowPunct, Word's and LibreOffice's default);
# opening punctuation never ends a line.
CLOSING = set("，。、；：？！）》」』”’〕】…—")
OPENING = set("（《「『“‘〔【")


def char_pt(c: str, size_pt: float = std.BODY_PT) -> float:
    em = 1.0 if is_wide(c) else HALF_WIDTH_EM
    return em * size_pt + std.TRACKING_PT


def _mixed(a: str, b: str) -> bool:
    """Between a 汉字 and a digit or Latin letter (where the auto space goes)."""
    return (a.isascii() and a.isalnum() and is_wide(b)) or (b.isascii() and b.isalnum() and is_wide(a))


def piece_pt(text: str, i: int, j: int, size_pt: float) -> float:
    """Width of text[i:j] with the auto spaces inside it (and before it, from text[i-1])."""
    spaces = sum(1 for k in range(max(i, 1), j) if _mixed(text[k - 1], text[k]))
    return sum(char_pt(c, size_pt) for c in text[i:j]) + spaces * AUTOSPACE_EM * size_pt


def piece_measure(text: str, size_pt: float) -> Callable[[int, int], float]:
    """piece_pt(text, i, j, size_pt) for many (i, j) of one text, each in constant time (prefix sums)."""
    chars, spaces = [0.0], [0, 0]
    for c in text:
        chars.append(chars[-1] + char_pt(c, size_pt))
    for k in range(1, len(text)):
        spaces.append(spaces[-1] + _mixed(text[k - 1], text[k]))

    def measure(i: int, j: int) -> float:
        return chars[j] - chars[i] + (spaces[j] - spaces[max(i, 1)]) * AUTOSPACE_EM * size_pt if j > i else 0.0

    return measure
