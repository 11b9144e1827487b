"""User text made safe for WordprocessingML, and text widths in 字 for layout."""

from __future__ import annotations

import re

from ...model.text import clean_text as clean  # API callers may build a Plan without YAML
from ...standard.gbt9704 import width_in_zi


def one_line(text: str) -> str:
    """For fields printed on one line (发文字号, 署名, dates)."""
    return re.sub(r"\s*\n\s*", " ", clean(text)).strip()


width_in_chars = width_in_zi  # printed width in 字 (standard/gbt9704.py)


def paragraphs(texts: list[str]) -> list[str]:
    """Body paragraphs; a line break pasted inside one (\x0b, \n) starts a new paragraph,
    since a justified 公文 paragraph must not end a line early."""
    return [line for text in texts for line in clean(text).split("\n") if line.strip()]
