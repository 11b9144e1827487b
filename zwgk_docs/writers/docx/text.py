"""User text made safe for WordprocessingML, and text widths in 字 for layout."""

from __future__ import annotations

import re
import unicodedata

from ...model.text import clean_text as clean  # API callers may build a Plan without YAML


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
