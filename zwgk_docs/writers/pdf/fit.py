"""GB/T 9704 §7.3.5.5: the sign-off (署名, 成文日期, 附注) stays on the page with the 正文.

The 通知 pages are laid out alone (a short "probe" of notice_print.html) at the standard
pitch. When the sign-off is not wholly on the page holding the last line of 正文/附件说明, or
that page shows fewer than two lines of it (a one-line "特此通知。" alone is not enough),
the 通知 text is tightened step by step — line pitch down to PITCH_FLOOR_PT; if that is not
enough, 29 characters a line with the pitch again from the standard one down — until it is. When nothing fits, the standard layout stays and the print CSS
(break-before: avoid, widows) carries the last 正文 lines over with the sign-off — a one-line
last paragraph with the end of the one before it.

Fewer layouts (deciding()): the notice itself is laid out first, at the standard spacing, and
watched page by page. A 通知 that ends on its first page fits there: no probe at all (its
layout is what a probe would show, the carry-over rules having had nowhere to act). One that
goes on to a second page is decided then, by probes, while the notice's layout waits: at the
standard spacing, then at the tightest (when even that does not fit, nothing will) — in both
cases the waiting layout is the notice and goes on; only a spacing in between stops it. The
standard probe's verdict is often shown by the notice's own layout (fit_breaks.py: where its page
breaks part from the probe's), and then that probe is not laid out.
"""

from __future__ import annotations

import contextlib
import threading
from typing import Any, Callable, Iterator, Optional

from . import fit_breaks
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
TIGHTEST: Spacing = LEVELS[-1][-1]
MIN_TEXT_LINES = 2  # 正文 lines the sign-off's page must show


def choose(layout_probe: Callable[[Spacing], object], standard: Optional[bool] = None) -> Optional[Spacing]:
    """The loosest spacing whose laid-out probe (a weasyprint Document) keeps the sign-off with the 正文;
    `standard`: the standard probe's verdict when it is known (not laid out then)."""
    verdicts: dict[Spacing, bool] = {} if standard is None else {STANDARD: standard}

    def fits(spacing: Spacing) -> bool:
        if spacing not in verdicts:
            verdicts[spacing] = signoff_with_text(layout_probe(spacing))
        return verdicts[spacing]

    if fits(STANDARD):
        return STANDARD
    if not fits(TIGHTEST):  # tighter both ways than any other spacing: nothing else fits either
        return None
    for level in LEVELS:
        loosest, *middle, floor = level
        if fits(loosest):
            return loosest
        if fits(floor):  # else nothing in this level fits: skip its middle (a layout per probe)
            return _loosest_fitting([*middle, floor], fits)
    return None


def _loosest_fitting(spacings: list[Spacing], fits: Callable[[Spacing], bool]) -> Spacing:
    """The first of `spacings` (loosest first, the last known to fit) that fits, found by halving:
    a tighter spacing fits whenever a looser one does, so three probes instead of up to five."""
    low, high = 0, len(spacings) - 1
    while low < high:
        middle = (low + high) // 2
        if fits(spacings[middle]):
            high = middle
        else:
            low = middle + 1
    return spacings[low]


def signoff_with_text(document: Any) -> bool:  # a weasyprint Document
    """True when every line marked data-fit="signoff" is on the page of the last data-fit="text"
    line, and that page holds at least MIN_TEXT_LINES of the text (a lone "特此通知。" is not enough)."""
    return watched(document).fits()


def watched(document: Any) -> "Watch":
    """The marked lines of a laid-out document, its pages seen up to the end of the 通知."""
    watch = Watch()
    for index, page in enumerate(document.pages):
        watch.see(index, page._page_box)  # private attribute; WeasyPrint has no public box API
        if watch.complete:
            break
    return watch


class Watch:
    """The lines marked data-fit (role "text" or "signoff") of a layout, page after page."""

    def __init__(self) -> None:
        self.pages: dict[str, list[int]] = {"text": [], "signoff": []}
        self.complete = False  # a page without marked lines came after them: the 通知 is over
        self.seen = 0  # pages seen

    def see(self, index: int, page_box: Any) -> None:
        self.seen += 1
        if self.complete:
            return
        marked = False
        for role in _line_roles(page_box):
            if role in self.pages:
                self.pages[role].append(index)
                marked = True
        if not marked and (self.pages["text"] or self.pages["signoff"]):
            self.complete = True

    def one_page(self) -> bool:
        """Every marked line on the first page."""
        return not any(self.pages["text"] + self.pages["signoff"])

    def fits(self) -> bool:
        text, signoff = self.pages["text"], self.pages["signoff"]
        if not text or not signoff:
            return True
        last = max(text)
        return set(signoff) == {last} and text.count(last) >= min(MIN_TEXT_LINES, len(text))


def _line_roles(page_box: Any) -> Iterator[Optional[str]]:
    """The data-fit role of each line box on a page (None outside marked elements)."""
    from weasyprint.formatting_structure.boxes import LineBox

    stack: list[tuple[Any, Optional[str]]] = [(page_box, None)]
    while stack:
        box, role = stack.pop()
        element = getattr(box, "element", None)
        role = (element.get("data-fit") if element is not None else None) or role
        if isinstance(box, LineBox):
            yield role
        else:
            stack.extend((child, role) for child in getattr(box, "children", ()))


class Stopped(Exception):
    """The watched layout is not the notice: the spacing decided is another one (deciding())."""


Decide = Callable[[bool, Optional[bool]], Optional[Spacing]]  # (one page, the standard probe's verdict if shown)


class Decision:
    """What deciding() found: `spacing` once decided (None: nothing fits), `decided` whether it was."""

    def __init__(self, decide: Decide, probe_shares_last_page: bool = False) -> None:
        self._decide = decide
        self.probe_shares_last_page = probe_shares_last_page
        self.watch = Watch()
        self.decided = False
        self.spacing: Optional[Spacing] = None

    def settle(self, one_page: bool, standard: Optional[bool] = None) -> Optional[Spacing]:
        if not self.decided:
            self.spacing, self.decided = self._decide(one_page, standard), True
        return self.spacing

    def keeps(self) -> bool:
        """The watched layout (standard spacing) is the notice for the spacing decided."""
        return self.spacing in (STANDARD, None)


@contextlib.contextmanager
def deciding(decide: Decide, probe_shares_last_page: bool = False) -> Iterator[Decision]:
    """The notice laid out in this block (this thread; at the standard spacing, with the print CSS's
    carry-over rules) is watched page by page: `decide(one_page, standard)` is called once, as soon as the
    通知 is seen to end on its first page (True: it fits at the standard spacing) or to go on to a second
    one (False: probes decide; nested layouts are not watched; `standard` is the standard probe's verdict
    when the layout showed it, else None); when it returns a spacing other than the standard one or None,
    the layout stops (Stopped). `probe_shares_last_page`: what follows the 通知 in the notice is in the
    probe too, or starts a new page (fit_breaks.py). Without a watched layout (another WeasyPrint), call
    `settle()` afterwards with `watched(document).one_page()`."""
    decision = Decision(decide, probe_shares_last_page)
    previous = getattr(_THREAD, "decision", None)
    _THREAD.decision = decision
    try:
        yield decision
    finally:
        _THREAD.decision = previous


_THREAD = threading.local()
_lock = threading.Lock()


def install() -> bool:
    """Watch the pages WeasyPrint makes (weasyprint.layout.make_all_pages wrapped, once); False when this
    WeasyPrint is not one we know."""
    from .cjk_justify import known

    with _lock:
        import weasyprint
        from weasyprint import layout

        pages = getattr(layout, "make_all_pages", None)
        if pages is None:
            return False
        if any(getattr(f, "_zwgk_watched", False) for f in _wrappers(pages)):  # also under split.py's wrapper
            return True
        if not known(weasyprint.__version__, pages, ["context", "root_box", "html", "pages"]):
            return False
        _BREAKS[0] = fit_breaks.install()
        layout.make_all_pages = _watched(pages)
        return True


def _wrappers(function: Any) -> Iterator[Any]:
    """`function` and what it wraps (__wrapped__), outermost first."""
    while function is not None:
        yield function
        function = getattr(function, "__wrapped__", None)


def _watched(original: Any) -> Any:
    def make_all_pages(context: Any, root_box: Any, html: Any, pages: Any) -> Any:
        """WeasyPrint's own; in a deciding() block, the pages of the first pass are watched until decided."""
        decision = getattr(_THREAD, "decision", None)
        if decision is None or decision.decided or pages or decision.watch.seen:
            yield from original(context, root_box, html, pages)
            return
        watch = decision.watch
        breaks = fit_breaks.carried_elements(html) if _BREAKS[0] else None
        fit_breaks.watching(breaks)
        try:
            for index, page in enumerate(original(context, root_box, html, pages)):
                if not decision.decided:
                    watch.see(index, page)
                    if (watch.complete or not watch.one_page()) and not _goes_on(decision, breaks, context, root_box, index):
                        fit_breaks.watching(None)
                        standard = None if watch.one_page() else _standard_shown(decision, breaks, context, root_box, index)
                        _THREAD.decision = None  # the probes' layouts are not watched
                        try:
                            decision.settle(watch.one_page(), standard)
                        finally:
                            _THREAD.decision = decision
                        if not decision.keeps():
                            raise Stopped()
                yield page
        finally:
            fit_breaks.watching(None)

    make_all_pages.__wrapped__ = original  # type: ignore[attr-defined]  # as functools.wraps would
    make_all_pages._zwgk_watched = True  # type: ignore[attr-defined]
    return make_all_pages


def _standard_shown(decision: Decision, breaks: Optional[fit_breaks.Breaks], context: Any, root_box: Any,
                    index: int) -> Optional[bool]:
    """The standard probe's verdict when the watched pages (up to page `index`) show it (fit_breaks.py), else None."""
    if breaks is None:
        return None
    watch = decision.watch
    if breaks.first is not None:
        return False if fit_breaks.signoff_left_text(breaks, bool(watch.pages["text"])) else None
    if decision.probe_shares_last_page and _ended(breaks, context, root_box, index) is True:
        return watch.fits()  # the probe's pages are these
    return None


def _goes_on(decision: Decision, breaks: Optional[fit_breaks.Breaks], context: Any, root_box: Any, index: int) -> bool:
    """A 通知 past its first page that goes on after page `index`, nothing parted from the probe yet: the decision
    waits for its end, where the pages show the standard probe's verdict (a 通知 of three pages or more)."""
    if breaks is None or breaks.first is not None or not decision.probe_shares_last_page or decision.watch.complete:
        return False
    return _ended(breaks, context, root_box, index) is False


def _ended(breaks: fit_breaks.Breaks, context: Any, root_box: Any, index: int) -> Optional[bool]:
    """Whether the 通知 ends on page `index` of the layout (None: not known)."""
    makers = getattr(context, "page_maker", None)
    if not isinstance(makers, list) or len(makers) <= index + 1:
        return None
    return fit_breaks.past_notice_text(breaks, root_box, makers[index + 1][0])


_BREAKS = [False]  # fit_breaks installed: the watched layout's page breaks are weighed
