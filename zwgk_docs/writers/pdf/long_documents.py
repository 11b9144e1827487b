"""Long documents laid out in time linear in their pages: two WeasyPrint steps replaced (installed by render.py).

Page styles. For every page, WeasyPrint (70 at least) computes the page's style from the @page rules in
weasyprint.layout.page.set_page_type_computed_styles and then walks *every* cascaded style
gathered so far — a few for each page already made — to find this page's margin boxes
(the page number). A 525-page notice (1,000 tasks) made ~1 million such comparisons, a
2,600-page one (5,000 tasks) ~30 million: the layout of a long document grew with the square
of its pages. This version looks up only this page's margin boxes, among the margin-box
types the @page rules name: the same styles, computed from the same cascade.

Fixed boxes. When it adds the margin boxes, WeasyPrint lays out on each page the
`position: fixed` boxes of every other page — a loop over all pages for each page, in Python,
even when no page has one (ours never do): 6.8 million steps for 2,600 pages. The replacement
goes to WeasyPrint's own loop only when some page has a fixed box.

Installed once per process; a WeasyPrint whose function or style object differs from what
is replaced here (a release outside cjk_justify.TESTED_MAJORS, another signature) is left alone.
"""

from __future__ import annotations

import functools
import operator
from typing import Any, Callable, Optional

from .cjk_justify import known


_original: Any = None  # WeasyPrint's own, for a style object not shaped as expected


@functools.cache
def install() -> bool:
    """Replace set_page_type_computed_styles and layout_fixed_boxes (once); False when this
    WeasyPrint is not one we know. render.py imports WeasyPrint first."""
    global _original
    import weasyprint
    from weasyprint import layout
    from weasyprint.css import StyleFor
    from weasyprint.layout import page

    styles, fixed = page.set_page_type_computed_styles, layout.layout_fixed_boxes
    needed = ("add_page_declarations", "get_cascaded_styles", "set_computed_styles")
    replaced = False
    if (styles.__module__ != __name__ and known(weasyprint.__version__, styles, ["page_type", "html", "style_for"])
            and all(hasattr(StyleFor, name) for name in needed)):
        _original, page.set_page_type_computed_styles = styles, set_page_type_computed_styles
        replaced = True
    if fixed.__module__ != __name__ and known(weasyprint.__version__, fixed, ["context", "pages", "containing_page"]):
        layout.layout_fixed_boxes = _without_needless_walk(fixed)
        replaced = True
    return replaced


def _without_needless_walk(original: Any) -> Any:
    has_fixed = operator.attrgetter("fixed_boxes")

    def layout_fixed_boxes(context: Any, pages: Any, containing_page: Any) -> Any:
        """WeasyPrint's own when one of `pages` has fixed boxes; else there is nothing to lay out."""
        if any(map(has_fixed, pages)):  # a C-level pass, not a Python loop per page
            return original(context, pages, containing_page)
        return iter(())

    layout_fixed_boxes.__wrapped__ = original  # type: ignore[attr-defined]  # as functools.wraps would
    return layout_fixed_boxes


def margin_pseudo_types(style_for: Any) -> list[str]:
    """The margin-box types ("@bottom-right", …) the document's @page rules name, in rule order."""
    found: dict[str, None] = {}
    for sheet, _origin, _specificity in style_for._sheets:
        for _rule, selectors, _declarations in sheet.page_rules:
            for _page_specificity, pseudo_type, _page_selector in selectors:
                if pseudo_type:
                    found[pseudo_type] = None
    return list(found)


def page_kind(style_for: Any) -> Optional[Callable[[Any], tuple[Any, ...]]]:
    """What selects a page's @page rules in this document: its side, blank and name, and whether it is the
    first page when a rule says :first — or None when one selects by :nth() (the page's index, its groups)."""
    first = False
    for sheet, _origin, _specificity in style_for._sheets:
        for _rule, selectors, _declarations in sheet.page_rules:
            for _page_specificity, _pseudo_type, selector in selectors:
                if selector.index is not None:
                    return None
                first = first or selector.first is not None
    if first:
        return lambda page_type: (page_type.side, page_type.blank, page_type.name, page_type.index == 0)
    return lambda page_type: (page_type.side, page_type.blank, page_type.name)


def set_page_type_computed_styles(page_type: Any, html: Any, style_for: Any) -> None:
    """WeasyPrint's function of that name, without the walk over every earlier page's styles; a page of a
    kind already styled (page_kind) gets that page's computed styles, not cascaded again (~0.5 ms a page)."""
    known = style_for.__dict__.get("_zwgk_page_kinds")
    if known is None:  # the rules of one document do not change while it is laid out
        try:
            style_for._zwgk_margin_types = margin_pseudo_types(style_for)
            known = style_for._zwgk_page_kinds = (page_kind(style_for), {})
        except (AttributeError, TypeError, ValueError):
            _original(page_type, html, style_for)
            return
    kind_of, kinds = known
    kind = None if kind_of is None else kind_of(page_type)
    computed = style_for.get_computed_styles()
    styled = kinds.get(kind)
    if styled is not None:
        for pseudo_type, style in styled:
            computed[page_type, pseudo_type] = style
        return
    style_for.add_page_declarations(page_type)
    cascaded = style_for.get_cascaded_styles()
    # @page inherits from the root element (as WeasyPrint's own)
    _computed_once(style_for, cascaded, page_type, None, html.etree_element, html)
    pseudo_types = [None] + [pseudo_type for pseudo_type in style_for._zwgk_margin_types
                             if (page_type, pseudo_type) in cascaded]
    for pseudo_type in pseudo_types[1:]:
        _computed_once(style_for, cascaded, page_type, pseudo_type, page_type, html)
    if kind is not None:
        kinds[kind] = [(pseudo_type, computed[page_type, pseudo_type]) for pseudo_type in pseudo_types]


def _computed_once(style_for: Any, cascaded: Any, page_type: Any, pseudo_type: Any, parent: Any, html: Any) -> None:
    """The computed style of a page (or one of its margin boxes), shared by every page whose @page
    rules cascade the same declarations onto it. Each page type is a new key (its index is part
    of it), so WeasyPrint computed the same style anew for every page, property by property, as
    its boxes asked: ~2 ms a page, mostly for the margin boxes it then finds empty. A computed
    style depends only on its cascaded declarations and its parent's style (no element, no page
    index); what the page layout writes into one (overflow, the page counter's increment) is the
    same on every page."""
    computed = style_for.get_computed_styles()
    own = cascaded.get((page_type, pseudo_type), {})
    key = (pseudo_type, id(computed[parent, None]),
           tuple((name, id(values), repr(weight)) for name, (values, weight) in own.items()))
    shared = style_for.__dict__.setdefault("_zwgk_page_styles", {})
    found = shared.get(key)
    if found is not None:
        computed[page_type, pseudo_type] = found[0]
        return
    style_for.set_computed_styles(page_type, pseudo_type=pseudo_type, root=html.etree_element, parent=parent,
                                  base_url=html.base_url)
    # the declarations and parent style kept alive with it: the ids in the key stay theirs
    shared[key] = (computed[page_type, pseudo_type], own, computed[parent, None])
