"""The print CSS parsed once per process, not once per document (installed by render.py).

WeasyPrint parses every <style> element of every document it lays out: the notice's ~10 kB
of print CSS cost ~0.03 s per layout — for a batch worker, the live preview or a web back end
that is the same text, parsed again for every probe of the 通知, every notice and every task
table. A stylesheet's parsed form depends only on its text, base URL and media type, and
WeasyPrint only reads it afterwards (selectors are matched, declarations copied into each
element's cascade), so one parsed sheet serves every document with the same <style> text.

Kept only where that holds: documents whose stylesheets are all plain <style> elements, and
sheets without at-rules that change the document while they are parsed (@font-face adds to
the font configuration, @counter-style to the counter styles, @layer to the layer order, …;
only @page and its margin boxes, @media and @supports are allowed). Anything else is parsed
by WeasyPrint's own code, per document, as before — and so is everything when a WeasyPrint
release renames what is wrapped here.
"""

from __future__ import annotations

import re
import threading
from collections import OrderedDict
from typing import Any, Iterator

_lock = threading.Lock()

KEPT = 64  # parsed sheets (the 通知 probes' spacings × font profiles, with room)
# At-rules a kept sheet may hold: they only add rules to the sheet itself.
_SAFE_AT_RULES = frozenset({"page", "media", "supports", "footnote"}) | {
    f"{side}-{where}" for side in ("top", "bottom") for where in ("left-corner", "left", "center", "right", "right-corner")
} | {f"{side}-{where}" for side in ("left", "right") for where in ("top", "middle", "bottom")}
_AT_RULE = re.compile(r"@([A-Za-z_-][A-Za-z0-9_-]*)")

_sheets: "OrderedDict[tuple[str, str, str], Any]" = OrderedDict()  # (text, base URL, media) → weasyprint.CSS


def install() -> None:
    """Wrap WeasyPrint's stylesheet finder with the shared parsed sheets (idempotent)."""
    try:
        from weasyprint import CSS
        from weasyprint import css as weasy_css
    except ImportError:
        return
    with _lock:
        finder = getattr(weasy_css, "find_stylesheets", None)
        child_text = getattr(weasy_css, "get_child_text", None)
        if finder is not None and child_text is not None and getattr(finder, "__module__", "") != __name__:
            weasy_css.find_stylesheets = _finder(finder, child_text, CSS)


def cacheable(text: str) -> bool:
    """True when parsing `text` changes nothing but the parsed sheet itself."""
    if "\\" in text:  # an escaped at-keyword would slip past the check below
        return False
    return all(name.lower() in _SAFE_AT_RULES for name in _AT_RULE.findall(text))


def _finder(original: Any, child_text: Any, css_class: Any) -> Any:
    def find_stylesheets(wrapper_element: Any, device_media_type: str, url_fetcher: Any, base_url: Any,
                         font_config: Any, counter_style: Any, color_profiles: Any, page_rules: Any,
                         layers: Any) -> Iterator[Any]:
        elements = [wrapper.etree_element for wrapper in wrapper_element.query_all("style", "link")]
        texts = [child_text(e) for e in elements if e.tag == "style" and not e.attrib]
        if len(texts) != len(elements) or not all(map(cacheable, texts)):
            yield from original(wrapper_element, device_media_type, url_fetcher, base_url, font_config,
                                counter_style, color_profiles, page_rules, layers)
            return
        for text in texts:
            yield _parsed(text, base_url, device_media_type, url_fetcher, css_class)

    find_stylesheets.__wrapped__ = original  # type: ignore[attr-defined]  # WeasyPrint's own, as functools.wraps would
    return find_stylesheets


def _parsed(text: str, base_url: Any, media_type: str, url_fetcher: Any, css_class: Any) -> Any:
    key = (text, str(base_url), media_type)
    with _lock:
        sheet = _sheets.get(key)
        if sheet is not None:
            _sheets.move_to_end(key)
            return sheet
    # Its own rule lists: nothing of the document's is touched (see cacheable()).
    sheet = css_class(string=text, base_url=base_url, url_fetcher=url_fetcher, media_type=media_type)
    with _lock:
        _sheets[key] = sheet
        while len(_sheets) > KEPT:
            _sheets.popitem(last=False)
    return sheet
