"""The CSS cascade of a document done once per kind of element, not once per element (installed by libraries.py).

Before laying a document out, WeasyPrint's StyleFor matches every element against every selector
of the user-agent and print stylesheets and weighs each matched declaration (~20 per element):
0.24 s CPU for the 200-task notice and its frame, a tenth of a second per 沈阳 layout. A task
table repeats the same few elements (row, cell, paragraph, line break) in the same places
hundreds of times, and most selectors can only tell them apart by what those repeats share.

A selector's test (cssselect2 compiles each into a small Python function) that reads nothing but
the element's and its ancestors' names and attributes — the names its code looks up are checked,
nested generator code included — gives the same answer for two elements with the same name, the
same values of the attributes any such test names (and class, id, lang), and parents that are the
same in that sense again. Those elements are one kind here: the first of a kind is matched by
cssselect2 against these selectors, and the others get its result. The other selectors (sibling
combinators, :nth-child, :empty, :has…) are matched for every element by cssselect2, as before, and
merged in the order cssselect2 sorts them. When an element has no style attribute and no such
other selector matches it, its cascaded declarations are the first's (the same dictionaries: nothing changes them once made); otherwise they are
weighed as WeasyPrint weighs them. Computed styles are then shared exactly as WeasyPrint shares them.

A WeasyPrint whose StyleFor.__init__ is not the one copied here (KNOWN_INIT), or a cssselect2
whose Matcher keeps its selectors otherwise, keeps WeasyPrint's own cascade
(tests/test_pdf_cascade.py compares the styles and the PDFs).
"""

from __future__ import annotations

import functools
import types
from math import inf
from typing import Any, Iterator, Optional

from .sources import source_hash

# sha256 of the source of weasyprint.css.StyleFor.__init__ copied below (WeasyPrint 70.0)
KNOWN_INIT = {"b1e725a7552502aa00f0bc07aec79c1aa49365b107a889085161f8d6a4c4a836"}
# sha256 of the sources of weasyprint.css.ComputedStyle.__missing__ and AnonymousStyle.__missing__, whose values
# twins take from the first (70.0)
KNOWN_COMPUTED_MISSING = {("b318d8efc8ac79d716f05cb81cc3abd65a32bd79601e363b218a32559bb3a5fb",
                           "d39252707764730654fe9f69638bfc8bb7435365de0dbfa0309708576cae5d63")}
# What cssselect2's Matcher (0.10) holds: selectors by id, class, lower-case name, namespace, lang.
_MATCHER_FIELDS = {"id_selectors", "class_selectors", "lower_local_name_selectors", "namespace_selectors",
                   "lang_attr_selectors", "other_selectors", "order"}
_BY_KEY = ("id_selectors", "class_selectors", "lower_local_name_selectors", "namespace_selectors")
# Names a selector's code may look up and still depend only on the element's and its ancestors'
# names and attributes (cssselect2.compiler's expressions for names, classes, ids, attributes,
# :lang, :link, descendant and child combinators; builtins and str methods they call).
_LOCAL = frozenset({
    "local_name", "in_html_document", "namespace_url", "classes", "id", "lang", "etree_element", "attrib",
    "get", "tag", "parent", "ancestors", "any", "all", "next", "lower", "startswith", "endswith", "split",
    "split_whitespace", "ascii_lower", "urlparse", "scheme", "len",
})
_SHARES_PSEUDO_STYLES = "zwgk_docs.writers.pdf.layout_shortcuts"  # its set_computed_styles: one per parent style, cascade
# Read by every sheet's matching (class buckets, :lang); the id only where a selector names one (ids are unique:
# a kind per id would match every 要点 paragraph on its own).
_ALWAYS_READ = frozenset({"class", "lang", "{http://www.w3.org/XML/1998/namespace}lang"})


class _Split:
    """One stylesheet's selectors in two cssselect2 Matchers: those whose answer depends only on the element's
    kind (`local`) and the others (`other`: their tests moved into the payloads, each test replaced by one that
    is always true, so that its match() gives the selectors cssselect2 would test an element against, which
    depends only on the element's kind); `reads`: the attribute names the local ones may read."""

    def __init__(self, local: Any, other: Optional[Any], reads: frozenset[str]) -> None:
        self.local, self.other, self.reads = local, other, reads


def _candidate(element: Any) -> bool:
    return True


def _codes(code: types.CodeType) -> Iterator[types.CodeType]:
    yield code
    for constant in code.co_consts:
        if isinstance(constant, types.CodeType):
            yield from _codes(constant)


def _entries(matcher: Any) -> Iterator[tuple[str, Any, Any]]:
    for field in _BY_KEY:
        for key, entries in getattr(matcher, field).items():
            for entry in entries:
                yield field, key, entry
    for field in ("lang_attr_selectors", "other_selectors"):
        for entry in getattr(matcher, field):
            yield field, None, entry


def _split(sheet: Any, matcher_class: Any) -> Optional[_Split]:
    """The sheet's selectors split (kept on the sheet: its selectors never change); None when not understood."""
    found = sheet.__dict__.get("_zwgk_split")
    if found is not None and found[0] is sheet.matcher:
        return found[1]  # type: ignore[no-any-return]
    matcher = sheet.matcher
    if set(vars(matcher)) != _MATCHER_FIELDS:
        return None
    halves = [matcher_class(), matcher_class()]
    reads: set[str] = set()
    for half in halves:
        half.order = matcher.order
    for field, key, entry in _entries(matcher):
        test = entry[0]
        code = getattr(test, "__code__", None)
        local = isinstance(code, types.CodeType) and not getattr(test, "__closure__", None)
        if local and isinstance(code, types.CodeType):
            names: set[str] = set()
            constants: set[str] = set()
            for inner in _codes(code):
                names.update(inner.co_names)
                constants.update(c for c in inner.co_consts if isinstance(c, str))
            local = names <= _LOCAL
            if local:
                reads |= constants
                if "id" in names:
                    reads.add("id")
        half = halves[0 if local else 1]
        if not local:
            entry = (_candidate, entry[1], entry[2], entry[3], (test, entry[4]))
        if key is None:
            getattr(half, field).append(entry)
        else:
            getattr(half, field).setdefault(key, []).append(entry)
    other = halves[1] if any(True for _ in _entries(halves[1])) else None
    if matcher.id_selectors:  # bucketed by the element's id: the selectors tested depend on it
        reads.add("id")
    split = _Split(halves[0], other, frozenset(reads | _ALWAYS_READ))
    sheet.__dict__["_zwgk_split"] = (matcher, split)
    return split


@functools.cache
def install() -> bool:
    """StyleFor.__init__ replaced (once); False when this WeasyPrint or cssselect2 is not the one known."""
    try:
        import cssselect2  # type: ignore[import-untyped]
        from weasyprint import css
    except ImportError:
        return False
    init = css.StyleFor.__init__
    try:
        known = source_hash(init) in KNOWN_INIT
    except (OSError, TypeError):
        return False
    if not known or set(vars(cssselect2.Matcher())) != _MATCHER_FIELDS:
        return False
    css.StyleFor.__init__ = _style_for_init(init, css, cssselect2.Matcher)
    return True


class _Twins:
    """The styles made for one document, each a twin of the first made equal to it but for its anchor (see below)."""

    def __init__(self, twin_class: Optional[type]) -> None:
        self.twin_class = twin_class
        self.firsts: dict[tuple[Any, ...], Any] = {}
        self.seen: dict[int, Any] = {}  # id(style) → the first style equal to it (itself when none came before)

    def made(self, style: Any) -> Any:
        """`style`, just made by WeasyPrint (or shared by layout_shortcuts): a twin when an equal one came first."""
        if self.twin_class is None or id(style) in self.seen:
            return style
        parent = style.parent_style
        if parent is not None:
            parent = self.seen.get(id(parent), parent)
        try:
            signature = (id(parent), style.pseudo_type, id(style.root_style), style.base_url, tuple(
                (name, id(values), weight) for name, (values, weight) in style.cascaded.items() if name != "anchor"))
            first = self.firsts.setdefault(signature, style)
        except (TypeError, AttributeError):  # a weight that is no plain tuple, another kind of style: as it is
            self.seen[id(style)] = style
            return style
        self.seen[id(style)] = first
        if first is not style and type(style) is self.twin_class.__base__:
            style.__class__ = self.twin_class
            style.__dict__["_zwgk_twin"] = first
        return style


def _twin_classes(css: Any) -> Optional[type]:
    """Styles whose values are their twin's. Two styles made from the same declarations (but the anchor, which
    an element's id gives it and no value is computed from) for the same pseudo-element, with parents that
    are the same object or twins again, compute every value alike: a twin takes each from the first, once
    asked, instead of computing it again (its anchor, margins and paddings — which StyleFor.__call__ may set
    on a table's style — it computes itself). An element with an id (each 要点 paragraph, each heading)
    otherwise gets a style of its own, and so do its children and their pseudo-elements (a seventh of a
    notice's layout went into computing these values again)."""
    computed: Any = getattr(css, "ComputedStyle", None)
    anonymous: Any = getattr(css, "AnonymousStyle", None)
    try:
        sources = (source_hash(computed.__missing__), source_hash(anonymous.__missing__))
    except (AttributeError, OSError, TypeError):
        return None
    if sources not in KNOWN_COMPUTED_MISSING:
        return None
    compute = computed.__missing__
    own = frozenset({"anchor"} | {f"{box}_{side}" for box in ("margin", "padding")
                                  for side in ("top", "right", "bottom", "left")})
    specified = ("position", "float", "display")  # ComputedStyle.__missing__ keeps their specified values

    class TwinAnonymous(anonymous):  # type: ignore[misc]  # WeasyPrint's untyped class
        def __missing__(self, key: str) -> Any:
            value = self[key] = self.__dict__["_zwgk_twin"][key]
            return value

    class TwinStyle(computed):  # type: ignore[misc]
        def __missing__(self, key: str) -> Any:
            if key in own:
                return compute(self, key)
            if key == "float":  # as ComputedStyle.__missing__: their specified values first
                self["position"]
            elif key == "display":
                self["float"]
            twin = self.__dict__["_zwgk_twin"]
            value = twin[key]
            if key in specified:
                self.specified[key] = twin.specified[key]
            self[key] = value
            return value

        @functools.cached_property
        def anonymous_style(self) -> Any:
            style = anonymous(self)
            style.__class__ = TwinAnonymous
            style.__dict__["_zwgk_twin"] = self.__dict__["_zwgk_twin"].anonymous_style
            return style

    return TwinStyle


def _style_for_init(original: Any, css: Any, matcher_class: Any) -> Any:
    find_style_attributes, preprocess_declarations = css.find_style_attributes, css.preprocess_declarations
    declaration_precedence, progress = css.declaration_precedence, css.PROGRESS_LOGGER
    twin_style = _twin_classes(css)

    def __init__(self: Any, html: Any, sheets: Any, presentational_hints: Any, font_config: Any,
                 target_collector: Any) -> None:
        """WeasyPrint's StyleFor.__init__ (70.0), each kind of element matched and weighed once."""
        found_splits = [_split(sheet, matcher_class) for sheet, _, _ in sheets]
        splits = [split for split in found_splits if split is not None]
        if len(splits) != len(found_splits):
            original(self, html, sheets, presentational_hints, font_config, target_collector)
            return
        cascaded_styles: dict[tuple[Any, Any], dict[str, Any]] = {}
        computed_styles: dict[tuple[Any, Any], Any] = {}
        self._cascaded_styles, self._computed_styles = cascaded_styles, computed_styles
        self.initial_page_sizes = {"box": None, "area": None}
        self._sheets = sheets
        self.font_config = font_config

        progress.info("Step 3 - Applying CSS")
        layer_order = inf
        elements_declarations: dict[Any, tuple[Any, ...]] = {}
        for specificity, element, declarations, base_url in find_style_attributes(
                html.etree_element, presentational_hints, html.base_url):
            style = cascaded_styles.setdefault((element, None), {})
            elements_declarations[element] = tuple(declarations)
            for name, values, importance in preprocess_declarations(base_url, declarations):
                precedence = declaration_precedence("author", importance)
                weight = (precedence, layer_order, specificity)
                old_weight = style.get(name, (None, None))[1]
                if old_weight is None or old_weight <= weight:
                    style[name] = values, weight

        reads = frozenset().union(*(split.reads for split in splits))
        kinds: dict[Any, int] = {}  # etree element → its kind
        numbers: dict[tuple[Any, ...], int] = {}  # (tag, attributes read, parent's kind) → kind
        # kind → per sheet: the local selectors that match, the other selectors to test (test, entry)
        matched: dict[int, list[tuple[list[Any], list[tuple[Any, Any]]]]] = {}
        weighed: dict[int, tuple[list[Any], list[tuple[Any, dict[str, Any]]]]] = {}  # kind → selectors_keys, cascade
        alike_kinds: dict[Any, int] = {}  # etree element cascaded as the first of its kind → its kind
        computed_cache: dict[tuple[Any, ...], Any] = {}
        twins = _Twins(twin_style)
        for element in html.wrapper_element.iter_subtree():
            etree_element = element.etree_element
            parent = element.parent.etree_element if element.parent else None
            parent_id = id(computed_styles[parent, None]) if element.parent else None
            element_declarations = elements_declarations.get(etree_element)
            signature = (etree_element.tag, tuple(item for item in etree_element.attrib.items() if item[0] in reads),
                         kinds.get(parent) if parent is not None else None)
            kind = kinds[etree_element] = numbers.setdefault(signature, len(numbers))
            per_sheet = matched.get(kind)
            if per_sheet is None:
                per_sheet = matched[kind] = [
                    (split.local.match(element),
                     [(test, (specificity, order, pseudo_type, payload))
                      for specificity, order, pseudo_type, (test, payload) in split.other.match(element)]
                     if split.other is not None else [])
                    for split in splits]
            selections = []
            alike = element_declarations is None  # cascaded as the kind's first element
            for found, others in per_sheet:
                if others:
                    extra = [entry for test, entry in others if test(element)]
                    if extra:
                        found = sorted(found + extra)
                        alike = False
                selections.append(found)
            if alike:
                alike_kinds[etree_element] = kind
            if alike and kind in weighed:
                selectors_keys, cascade = weighed[kind]
                for pseudo_type, style in cascade:  # only read from now on (ComputedStyle, layout_shortcuts)
                    cascaded_styles[etree_element, pseudo_type] = style
            else:
                selectors_keys = []
                for (sheet, origin, sheet_specificity), selection in zip(sheets, selections):
                    # Add declarations for matching elements.
                    for selector in selection:
                        specificity, order, pseudo_type, (declarations, layer) = selector
                        layer_order = inf if layer is None else sheet.layers.index(layer)
                        selectors_keys.append((sheet, specificity, id(declarations), layer_order))
                        specificity = sheet_specificity or specificity
                        style = cascaded_styles.setdefault((etree_element, pseudo_type), {})
                        for name, values, importance in declarations:
                            precedence = declaration_precedence(origin, importance)
                            weight = (precedence, layer_order, specificity)
                            old_weight = style.get(name, (None, None))[1]
                            if old_weight is None or old_weight <= weight:
                                style[name] = values, weight
                if alike:
                    pseudo_types = dict.fromkeys(selector[2] for selection in selections for selector in selection)
                    weighed[kind] = (selectors_keys, [(pseudo_type, cascaded_styles[etree_element, pseudo_type])
                                                      for pseudo_type in pseudo_types])

            # Store computed styles.
            key = (parent_id, element_declarations, tuple(selectors_keys))
            if key in computed_cache:
                # Equivalent computed style already exsists, share it.
                computed_styles[etree_element, None] = computed_cache[key]
            else:
                # No equivalent computed style found, create it.
                self.set_computed_styles(
                    etree_element, root=html.etree_element, parent=parent,
                    base_url=html.base_url, target_collector=target_collector)
                computed_cache[key] = twins.made(computed_styles[etree_element, None])

        # Then computed styles for pseudo elements, in any order.
        # Where layout_shortcuts shares them (one per parent style and cascade), elements of a kind cascaded alike
        # with the same style get the same pseudo-element styles: found for the first, given to the others.
        sharing = getattr(type(self).set_computed_styles, "__module__", "") == _SHARES_PSEUDO_STYLES
        firsts: dict[tuple[Any, int, int], Any] = {}
        for element, pseudo_type in cascaded_styles:
            if pseudo_type:
                alike_kind = alike_kinds.get(element) if sharing else None
                if alike_kind is not None:
                    group = (pseudo_type, id(computed_styles[element, None]), alike_kind)
                    first = firsts.setdefault(group, element)
                    if first is not element:
                        style = computed_styles[element, pseudo_type] = computed_styles[first, pseudo_type]
                        if target_collector and style["anchor"]:
                            target_collector.collect_anchor(style["anchor"])
                        continue
                self.set_computed_styles(
                    element, pseudo_type=pseudo_type,
                    # The pseudo-element inherits from the element.
                    root=html.etree_element, parent=element,
                    base_url=html.base_url, target_collector=target_collector)
                twins.made(computed_styles[element, pseudo_type])

        # Clear the cascaded styles, we don't need them anymore. Keep the
        # dictionary, it is used later for page margins.
        self._cascaded_styles.clear()

    __init__.__wrapped__ = original  # type: ignore[attr-defined]
    return __init__
