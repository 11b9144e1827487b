"""What counts as text in a plan.

Text pasted from Word carries line/page breaks (\\x0b, \\x0c, U+2028/9) and stray control
characters: breaks become newlines and the rest go, so no output shows a tofu box and
every XML writer stays valid.
"""

from __future__ import annotations

import re

_BREAKS = re.compile("\r\n|[\r\x0b\x0c\x85\u2028\u2029]")
_CONTROLS = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufffe\uffff]")
# Either of the above: most texts have neither, and one search tells (every string of a plan passes here).
_ANY = re.compile("[\r\x0b\x0c\x85\u2028\u2029\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufffe\uffff]")


def clean_text(text: str) -> str:
    if not text or not _ANY.search(text):
        return text or ""
    return _CONTROLS.sub("", _BREAKS.sub("\n", text))
