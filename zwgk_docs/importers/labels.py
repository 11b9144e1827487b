"""Reading headings: numbering labels (from the vocabulary), first sentences, short titles."""

from __future__ import annotations

import re

from ..model.vocab import Label, split_label

__all__ = ["CLOSERS", "Label", "first_sentence", "is_short_title", "split_label"]

CLOSERS = "。！？；：…”）)"


def first_sentence(text: str) -> tuple[str, str]:
    """(first sentence without its 。, the rest). Quotes and brackets are respected."""
    depth = 0
    for i, ch in enumerate(text):
        if ch in "“（(《「":
            depth += 1
        elif ch in "”）)》」":
            depth = max(0, depth - 1)
        elif ch in "。！？" and depth == 0:
            return text[:i].strip(), text[i + 1:].strip()
    return text.strip(), ""


def is_short_title(sentence: str) -> bool:
    """A table cell's first sentence reads as a title: short, no comma outside quotes."""
    if not sentence or len(sentence) > 25:
        return False
    bare = re.sub(r"“[^”]*”|《[^》]*》|（[^）]*）|\([^)]*\)", "", sentence)
    return not re.search(r"[，,；;]", bare)
