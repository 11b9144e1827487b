"""GB/T 15834 punctuation in Chinese text: half-width , : ; ( ) ? ! next to Chinese become full width.

Plans are often pasted from web pages that turned the published ，：（）； into ASCII. A mark is
converted only when a Chinese character (or Chinese punctuation) is its nearest neighbour, so
numbers (1,000  10:30  3.5), Latin words ("Word, Excel"), URLs, e-mail addresses, dates and
文号 parts stay as they are. Brackets convert as a pair when either the inside or the outside
touches Chinese. A mark that turns full width is Chinese punctuation to the marks beside it, so
runs of marks turn together and normalising twice changes nothing (the model cleans each text when
a plan is loaded and again before writers read it). One function finds the places (validate,
check, fix); `normalise` applies them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

HALF_TO_FULL = {",": "，", ":": "：", ";": "；", "(": "（", ")": "）", "?": "？", "!": "！"}
_HALF_MARK = re.compile("[" + re.escape("".join(HALF_TO_FULL)) + "]")

# Fields that hold codes, names of files or keys rather than prose; never rewritten.
EXEMPT_FIELDS = frozenset({
    "id", "field", "seal_image", "doc_number", "unit_separator", "style", "content", "fonts",
    "source", "index_number", "version", "copy_number",
})

_CJK = re.compile(
    "[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef"
    "\u2014\u2026\u2018\u2019\u201c\u201d\u00b7\u300a-\u300f]"
)
# Spans never touched: URLs, e-mail addresses, 文号-like "机关代字(2021)1号" / "[2021]" parts.
_PROTECTED = re.compile(
    r"(?:https?|ftp)://[^\s\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]+"
    r"|www\.[^\s\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]+"
    r"|[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
    r"|[(\[（【〔]\d{4}[)\]）】〕]\s*\d+\s*号"
)


@dataclass(frozen=True)
class Fix:
    offset: int  # index of the half-width mark in the text
    mark: str
    replacement: str
    strip_before: int = 0  # spaces before the mark that go with it
    strip_after: int = 0  # spaces after the mark that go with it

    def describe(self) -> str:
        return f"半角“{self.mark}”应为全角“{self.replacement}”"


def _is_cjk(ch: str) -> bool:
    return bool(ch) and bool(_CJK.match(ch))


def _neighbour(text: str, i: int, step: int) -> tuple[str, int]:
    """The nearest non-space character from i in direction step, and how many spaces lie between."""
    j = _neighbour_at(text, i, step)
    return (text[j] if 0 <= j < len(text) else ""), abs(j - i) - 1


def _neighbour_at(text: str, i: int, step: int) -> int:
    """Index of the nearest non-space character from i in direction step (-1 or len(text) at the ends)."""
    j = i + step
    while 0 <= j < len(text) and text[j] in " \t":
        j += step
    return j


def _protected(text: str) -> set[int]:
    out: set[int] = set()
    for m in _PROTECTED.finditer(text):
        out.update(range(m.start(), m.end()))
    return out


def _pairs(text: str, skip: set[int]) -> dict[int, int]:
    """Matching half-width brackets, both directions."""
    stack: list[int] = []
    pairs: dict[int, int] = {}
    for i, ch in enumerate(text):
        if i in skip:
            continue
        if ch == "(":
            stack.append(i)
        elif ch == ")" and stack:
            j = stack.pop()
            pairs[i], pairs[j] = j, i
    return pairs


def find_fixes(text: str) -> list[Fix]:
    """Every half-width mark of `text` that GB/T 15834 wants full width, in order."""
    if not text or not _HALF_MARK.search(text):  # most texts have none: one scan in C
        return []
    skip = _protected(text)
    pairs = _pairs(text, skip)
    chosen: dict[int, bool] = {}
    for i, ch in enumerate(text):
        if ch not in HALF_TO_FULL or i in skip or i in chosen:
            continue
        before, _ = _neighbour(text, i, -1)
        after, _ = _neighbour(text, i, 1)
        touches = _is_cjk(before) or _is_cjk(after)
        if ch in "()" and i in pairs:
            j = pairs[i]
            lo, hi = min(i, j), max(i, j)
            inside = any(_is_cjk(c) for c in text[lo + 1:hi])
            outside = _is_cjk(_neighbour(text, lo, -1)[0]) or _is_cjk(_neighbour(text, hi, 1)[0])
            chosen[lo] = chosen[hi] = inside or outside
        elif ch == ":" and text[i + 1:i + 3] == "//":
            chosen[i] = False
        else:
            chosen[i] = touches
    _spread(text, chosen, pairs, skip)
    fixes = []
    for i in sorted(k for k, v in chosen.items() if v):
        ch = text[i]
        sb = _neighbour(text, i, -1)[1]
        sa = _neighbour(text, i, 1)[1]
        # A full-width mark carries its own spacing: spaces next to it go.
        strip_before, strip_after = sb, sa
        fixes.append(Fix(i, ch, HALF_TO_FULL[ch], strip_before, strip_after))
    return fixes


def _spread(text: str, chosen: dict[int, bool], pairs: dict[int, int], skip: set[int]) -> None:
    """A mark that turns full width is Chinese punctuation to the marks beside it ("7)!）": the "!"
    turns, so the ")" touches "！"): follow those chains here, so `normalise` is done in one pass
    and normalising its own result changes nothing (the model cleans every text again in `prepare`)."""
    todo = [i for i, v in chosen.items() if v]
    while todo:
        k = todo.pop()
        for step in (-1, 1):
            j = _neighbour_at(text, k, step)
            if not 0 <= j < len(text) or text[j] not in HALF_TO_FULL or j in skip or chosen.get(j):
                continue
            if text[j] == ":" and text[j + 1:j + 3] == "//":
                continue
            for m in (j, pairs[j]) if j in pairs else (j,):
                if not chosen.get(m):
                    chosen[m] = True
                    todo.append(m)


def apply_fixes(text: str, fixes: list[Fix]) -> str:
    out = []
    pos = 0
    for f in fixes:
        start = f.offset - f.strip_before
        if start < pos:
            start = pos
        out.append(text[pos:start])
        out.append(f.replacement)
        pos = f.offset + 1 + f.strip_after
    out.append(text[pos:])
    return "".join(out)


def normalise(text: str) -> str:
    """Text with GB/T 15834 full-width punctuation between Chinese characters."""
    fixes = find_fixes(text)
    return apply_fixes(text, fixes) if fixes else text


def context(text: str, fix: Fix, width: int = 8) -> str:
    """A short excerpt around the mark, for messages."""
    lo = max(0, fix.offset - width)
    return text[lo:fix.offset + width + 1].replace("\n", " ")
