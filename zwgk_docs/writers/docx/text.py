"""User text made safe for WordprocessingML, and text widths in 字 for layout."""

from __future__ import annotations

import re
import unicodedata

# Characters XML 1.0 forbids. Word pastes \x0b (manual line break) and \x0c (page break):
# they become line breaks; the rest are dropped, so the document stays valid.
_BREAKS = re.compile("\r\n|[\r\x0b\x0c\x85\u2028\u2029]")
_ILLEGAL = re.compile("[\x00-\x08\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")


def clean(text: str) -> str:
    return _ILLEGAL.sub("", _BREAKS.sub("\n", text or ""))


def one_line(text: str) -> str:
    """For fields printed on one line (发文字号, 署名, dates)."""
    return re.sub(r"\s*\n\s*", " ", clean(text)).strip()


def width_in_chars(text: str) -> float:
    """Printed width in 字: full-width characters 1, half-width (digits, Latin) ½."""
    return sum(1.0 if unicodedata.east_asian_width(c) in "WF" else 0.5 for c in text)


def paragraphs(texts: list[str]) -> list[str]:
    """Body paragraphs; a line break pasted inside one (\x0b, \n) starts a new paragraph,
    since a justified 公文 paragraph must not end a line early."""
    return [line for text in texts for line in clean(text).split("\n") if line.strip()]
