"""Justified Chinese lines: WeasyPrint's `text-align: justify` widened only spaces.

WeasyPrint (up to 70 at least) justifies a line by adding word spacing to its spaces
(weasyprint.layout.inline.justify_line, "TODO: use a better algorithm"). A Chinese line has
no spaces, so it stayed ragged; a line that has one ("1. 全面公开…") gaped after its label.
GB/T 9704 正文 — like Word's and WPS's 两端对齐 — spreads the slack over every character
gap instead (CSS Text 3 `text-justify: inter-character`, the rule for CJK).

This replaces that one function: a line holding Chinese text gets the slack as extra letter
spacing, the same amount after every character but the last (Pango adds letter spacing
after each character, so the last one's trailing share lies past the line end and is not
counted). The line breaks are WeasyPrint's own (Pango's UAX #14 breaking, which keeps 、，。）
off a line start and （《“ off a line end); only the drawing widens. Lines without Chinese text,
and lines that would need more than MAX_EXTRA_EM between characters (a line cut short by
a long unbreakable Latin word), keep WeasyPrint's behaviour.

Installed once per process by render.py; a WeasyPrint whose function differs (a release
outside TESTED_MAJORS or another signature) is left alone: its lines stay as it sets them.
"""

from __future__ import annotations

import inspect
import threading
import unicodedata
from typing import Any

TESTED_MAJORS = range(67, 80)  # 67 is the declared minimum; 70 is what CI runs
MAX_EXTRA_EM = 0.5  # at most half a character of extra space between two characters

_lock = threading.Lock()
_installed = False


def is_cjk(char: str) -> bool:
    """A Chinese character or a full-width punctuation mark (what a 正文 line is made of)."""
    code = ord(char)
    return (
        0x3000 <= code <= 0x303F  # CJK symbols and punctuation: 、。〔〕《》
        or 0x3400 <= code <= 0x4DBF  # extension A
        or 0x4E00 <= code <= 0x9FFF  # unified ideographs
        or 0xF900 <= code <= 0xFAFF  # compatibility ideographs
        or 0xFF00 <= code <= 0xFFEF  # full-width forms: ，：；（）
        or 0x20000 <= code <= 0x3FFFF  # extensions B–H
        or char in "“”‘’—…·"  # general punctuation used full width in Chinese text
    )


def install() -> bool:
    """Replace WeasyPrint's justify_line (idempotent); False when this WeasyPrint is not one we know."""
    global _installed
    with _lock:
        if _installed:
            return True
        try:
            import weasyprint
            from weasyprint.layout import inline
        except ImportError:
            return False
        original = getattr(inline, "justify_line", None)
        if original is None or not _known(weasyprint.__version__, original):
            return False
        inline.justify_line = _justify_line(original)
        _installed = True
        return True


def _known(version: str, function: Any) -> bool:
    return known(version, function, ["context", "line", "extra_width"])


def known(version: str, function: Any, parameters: list[str]) -> bool:
    """A WeasyPrint function we replace is the one we tested: a TESTED_MAJORS release, the same parameters."""
    try:
        major = int(version.split(".")[0])
        params = list(inspect.signature(function).parameters)
    except (ValueError, TypeError):
        return False
    return major in TESTED_MAJORS and params == parameters


def _justify_line(original: Any) -> Any:
    from weasyprint.formatting_structure import boxes
    from weasyprint.text.line_break import create_layout

    from .justified_layouts import deactivated

    deactivated_layout = deactivated(create_layout)  # the record create_layout then deactivate() leave

    def text_boxes(box: Any) -> list[Any]:
        if isinstance(box, boxes.TextBox):
            return [box]
        if isinstance(box, (boxes.LineBox, boxes.InlineBox)):
            return [t for child in box.children if child.is_in_normal_flow() for t in text_boxes(child)]
        return []

    def characters(text: str) -> int:
        """What Pango spaces: one per character, combining marks go with theirs."""
        return len(text) - sum(map(bool, map(unicodedata.combining, text)))  # C-level loops: once per line

    def justify_line(context: Any, line: Any, extra_width: float) -> None:
        texts = text_boxes(line)
        if extra_width <= 0 or not any(is_cjk(c) for t in texts for c in t.text):
            original(context, line, extra_width)
            return
        gaps = sum(characters(t.text) for t in texts) - 1
        if gaps < 1:
            return
        spacing = extra_width / gaps
        if spacing > MAX_EXTRA_EM * max(t.style["font_size"] for t in texts):
            return  # a line cut short by an unbreakable word: better ragged than strewn
        _spread(context, line, spacing, 0.0, texts[-1])

    def _spread(context: Any, box: Any, spacing: float, x_advance: float, last: Any) -> float:
        """Shift `box` by x_advance and widen its text; return the advance for what follows
        (add_word_spacing's walk, with letter spacing instead of word spacing)."""
        if isinstance(box, boxes.TextBox):
            box.position_x += x_advance
            count = characters(box.text)
            style = box.style.copy()  # boxes share their element's style: never widen it in place
            base = style["letter_spacing"]
            style["letter_spacing"] = (0 if base == "normal" else base) + spacing
            box.style = style
            box.pango_layout = deactivated_layout(box.text, style, context, box.justification_spacing)
            added = spacing * (count - 1 if box is last else count)
            box.width += added
            return x_advance + added
        if isinstance(box, (boxes.LineBox, boxes.InlineBox)):
            box.position_x += x_advance
            before = x_advance
            children = box.children[::-1] if box.style["direction"] == "rtl" else box.children
            for child in children:
                if child.is_in_normal_flow():
                    x_advance = _spread(context, child, spacing, x_advance, last)
            box.width += x_advance - before
            return x_advance
        box.translate(x_advance, 0)  # an atomic inline (image, inline-block)
        return x_advance

    justify_line.__wrapped__ = original  # type: ignore[attr-defined]
    return justify_line
