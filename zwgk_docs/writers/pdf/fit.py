"""GB/T 9704 §7.3.5.5: the sign-off (署名, 成文日期, 附注) stays on the page with the 正文.

The 通知 pages are laid out alone (a short "probe" of notice_print.html) at the standard
pitch. When the sign-off is not wholly on the page holding the last line of 正文/附件说明, or
that page shows fewer than two lines of it (a one-line "特此通知。" alone is not enough),
the 通知 text is tightened step by step — line pitch down to PITCH_FLOOR_PT; if that is not
enough, 29 characters a line with the pitch again from the standard one down — until it is. When nothing fits, the standard layout stays and the print CSS
(break-before: avoid, widows) carries the last 正文 lines over with the sign-off — a one-line
last paragraph with the end of the one before it.
"""

from __future__ import annotations

from typing import Any, Callable, Iterator, Optional

from . import geometry as g

Spacing = tuple[float, float]  # (line pitch, letter spacing) in pt

PITCH_FLOOR_PT = 26.0  # 22 lines would be 201.8 mm: still a full-looking page, clearly legible
# 29 字 a line: 29 × (16 − 0.76) pt = 442.0 pt ≤ 442.2 pt of 版心 width ("可以作适当调整", §5.2.3).
TRACKING_FLOOR_PT = -0.76
PITCHES_PT = (g.LINE_PT, 28.5, 28.0, 27.5, 27.0, 26.5, PITCH_FLOOR_PT)
# Line pitch first; only then tighter tracking, again from the standard pitch down.
LEVELS: tuple[tuple[Spacing, ...], ...] = tuple(
    tuple((pitch, tracking) for pitch in PITCHES_PT) for tracking in (g.LETTER_SPACING_PT, TRACKING_FLOOR_PT)
)
STANDARD: Spacing = LEVELS[0][0]
MIN_TEXT_LINES = 2  # 正文 lines the sign-off's page must show


def choose(layout_probe: Callable[[Spacing], object]) -> Optional[Spacing]:
    """The loosest spacing whose laid-out probe (a weasyprint Document) keeps the sign-off with the 正文."""

    def fits(spacing: Spacing) -> bool:
        return signoff_with_text(layout_probe(spacing))

    for level in LEVELS:
        loosest, *middle, floor = level
        if fits(loosest):
            return loosest
        if fits(floor):  # else nothing in this level fits: skip its middle (a layout per probe)
            return next((s for s in middle if fits(s)), floor)
    return None


def signoff_with_text(document: Any) -> bool:  # a weasyprint Document
    """True when every line marked data-fit="signoff" is on the page of the last data-fit="text"
    line, and that page holds at least MIN_TEXT_LINES of the text (a lone "特此通知。" is not enough)."""
    pages: dict[str, list[int]] = {"text": [], "signoff": []}
    for role, page in _marked_lines(document):
        pages[role].append(page)
    if not pages["text"] or not pages["signoff"]:
        return True
    last = max(pages["text"])
    with_signoff = pages["text"].count(last)
    return set(pages["signoff"]) == {last} and with_signoff >= min(MIN_TEXT_LINES, len(pages["text"]))


def _marked_lines(document: Any) -> Iterator[tuple[str, int]]:
    """(data-fit role, page index) for each line box inside an element carrying data-fit."""
    from weasyprint.formatting_structure.boxes import LineBox

    for index, page in enumerate(document.pages):
        stack = [(page._page_box, None)]  # private attribute; WeasyPrint has no public box API
        while stack:
            box, role = stack.pop()
            element = getattr(box, "element", None)
            role = (element.get("data-fit") if element is not None else None) or role
            if isinstance(box, LineBox):
                if role:
                    yield role, index
            else:
                stack.extend((child, role) for child in getattr(box, "children", ()))
