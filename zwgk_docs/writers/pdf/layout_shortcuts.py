"""Less work per box and per line in WeasyPrint's layout, the same boxes (installed by render.py).

Three of WeasyPrint's steps recomputed, for every box or element, what an earlier identical one
had just computed; each is replaced by the same computation done once and reused:

- resolve_percentages (weasyprint.layout.percent) turns a box's computed margins, paddings,
  widths, heights and borders into used values, ~20 properties, each through two function
  calls: 10–15 % of a table's layout, called again for every line box and every fragment of a
  cell. The used values depend only on those computed values, the containing block's size,
  whether the box is a page and (collapsed borders) the box's own border widths: they are kept
  per style object for each such size and set in one step when the same style comes again —
  after checking that every computed value is still the very same object (a style changed in
  place is computed anew).
- avoid_collisions (weasyprint.layout.float) places every line box and block beside the page's
  floats; with no float on the page (our documents have none) it only returns the containing
  block's content edge: done directly when nothing is excluded, WeasyPrint's own loop otherwise.
- Pseudo-element styles. The user-agent sheet gives every element ::marker, ::footnote-call,
  ::footnote-marker and three note pseudo-elements, and WeasyPrint computes each of these six
  styles for every element (a 1,000-task table: ~60,000 styles it never draws). It already
  shares the style of elements with the same parent style and the same matched rules; the
  pseudo-elements' styles are shared the same way here: one per parent style and cascade.

- Line breaking of repeated short texts. A task table repeats its unit names, deadlines and
  headers on every row and page, and WeasyPrint asks Pango anew to shape and break each (two
  Pango layouts per line, the largest single cost of a line). split_first_line's result depends
  only on the text, the width, the justification spacing and the text's font and spacing
  properties: a short text met again at the same width in the same font — in this document or
  an earlier one laid out with the same fonts — gets a copy of the result found the first time
  (its own Layout record, so drawing one never touches another's).

- Backgrounds. After each page, WeasyPrint walks all its boxes to resolve their corner radii and
  lay out their backgrounds; for a box whose style has no background, border image, shadow or
  rounded corner that walk ends in "no background" after a dozen property reads: that finding
  is kept per style object (checked as above) and such a box gets its result directly.
- In normal flow? Every line asks it of each of its boxes (40,000 times for 200 tasks), through five
  methods and six style reads; Box.is_in_normal_flow here reads the two properties once, with the
  same comparisons (WeasyPrint's own when a box class overrides one of the five, or their source differs).
- Margin boxes: only those a page keeps are made (margin_boxes.py).
- Descendants: walked by one generator, not one per level; anchors gathered past plain boxes (box_walks.py).
- Collapsed table borders: each style's sides read once per table, not once per grid edge (collapsed_borders.py).
- Struts. Every line asks for its strut (line height and baseline), which WeasyPrint caches under
  a key made by formatting 16 properties into a string, per call; the key is made once per style.

Each replacement gives exactly what WeasyPrint's own gives (tests/test_pdf_shortcuts.py compares
the PDFs byte for byte). Installed once per process; a WeasyPrint whose function differs from
what is replaced (a release outside cjk_justify.TESTED_MAJORS, another signature) is left alone.
"""

from __future__ import annotations

import functools
import operator
from typing import Any

from .cjk_justify import known

# The computed values resolve_percentages reads, and the used values (box attributes) it sets.
_READ = ("margin_left", "margin_right", "margin_top", "margin_bottom", "padding_left", "padding_right",
         "padding_top", "padding_bottom", "width", "min_width", "max_width", "height", "min_height",
         "max_height", "border_top_width", "border_right_width", "border_bottom_width", "border_left_width",
         "border_collapse", "box_sizing")
_BORDERS = ("border_top_width", "border_right_width", "border_bottom_width", "border_left_width")
_SET: tuple[str, ...] = _READ[:-2]
_MISSING = object()
_MEMO = "_zwgk_used_values"  # the style object's attribute holding its used values per containing block

# What split_first_line reads of a text's style (weasyprint.text.line_break and .fonts, 70), and
# what drawing reads of its Layout record's making.
_LINE_STYLE = ("white_space", "font_size", "letter_spacing", "word_spacing", "overflow_wrap", "word_break",
               "hyphens", "lang", "hyphenate_limit_chars", "hyphenate_limit_zone", "hyphenate_character",
               "direction", "font_language_override", "font_family", "font_style", "font_stretch", "font_weight",
               "font_variant_ligatures", "font_variant_position", "font_variant_caps", "font_variant_numeric",
               "font_variant_alternates", "font_variant_east_asian", "font_feature_settings",
               "font_variation_settings", "font_kerning", "text_decoration_line", "tab_size", "line_height")
# What layout_box_backgrounds reads of a box's style to find it has no background to lay out.
_BACKGROUND = ("border_top_left_radius", "border_top_right_radius", "border_bottom_right_radius",
               "border_bottom_left_radius", "border_image_source", "mask_border_source", "visibility",
               "background_image", "background_color", "color", "box_shadow")
_RADII = tuple(f"border_{corner}_radius" for corner in ("top_left", "top_right", "bottom_right", "bottom_left"))
# What strut() reads (line_break._font_style_cache_key with the size, and the line height).
_STRUT = ("font_family", "font_style", "font_stretch", "font_weight", "font_variant_ligatures",
          "font_variant_position", "font_variant_caps", "font_variant_numeric", "font_variant_alternates",
          "font_variant_east_asian", "font_feature_settings", "font_variation_settings", "font_language_override",
          "lang", "font_size", "line_height")
SHORT_TEXT = 64  # characters: unit names, deadlines, headers, a paragraph's last few characters
KEPT_LINES = 8192  # results kept per font configuration (or document) at most

# Box methods is_in_normal_flow() calls (weasyprint.formatting_structure.boxes, 70.0): their sources' sha256
_FLOW_METHODS = ("is_in_normal_flow", "is_floated", "is_absolutely_positioned", "is_running", "is_footnote", "is_note")
KNOWN_FLOW_SOURCES = {"be44cfff8dbc90fc67ce46e1e34104076d1c5728242ece26858bc6a674a720cd"}
_FLOATED = ("left", "right", "inline-start", "inline-end", "footnote")  # is_floated()'s values, and is_footnote()'s

_originals: dict[str, Any] = {}


@functools.cache
def install() -> bool:
    """Replace the three steps (once); False when this WeasyPrint is not one we know."""
    import weasyprint
    from weasyprint import css
    from weasyprint.layout import (absolute, background, block, column, flex, float as floats, grid, inline, page,
                                   percent, table)

    from . import box_walks, collapsed_borders, margin_boxes

    version = weasyprint.__version__
    replaced = margin_boxes.install()
    replaced = box_walks.install() or replaced
    replaced = box_walks.install_anchors() or replaced
    replaced = collapsed_borders.install() or replaced
    resolve = percent.resolve_percentages
    if resolve.__module__ != __name__ and known(version, resolve, ["box", "containing_block"]):
        fast = _memoized_percentages(resolve)
        for module in (percent, absolute, block, column, flex, floats, grid, inline, page, table):
            if getattr(module, "resolve_percentages", None) is resolve:
                module.resolve_percentages = fast
        _originals["resolve_percentages"] = resolve
        replaced = True
    avoid = floats.avoid_collisions
    if avoid.__module__ != __name__ and known(version, avoid, ["context", "box", "containing_block", "outer"]):
        direct = _without_floats(avoid)
        for module in (floats, block, inline):
            if getattr(module, "avoid_collisions", None) is avoid:
                module.avoid_collisions = direct
        _originals["avoid_collisions"] = avoid
        replaced = True
    split = inline.split_first_line
    if split.__module__ != __name__ and known(version, split, ["text", "style", "context", "max_width",
                                                               "justification_spacing", "is_line_start", "minimum"]):
        inline.split_first_line = _remembered_lines(split)
        _originals["split_first_line"] = split
        replaced = True
    backgrounds = background.layout_box_backgrounds
    if backgrounds.__module__ != __name__ and known(version, backgrounds, ["page", "box", "get_image_from_uri",
                                                                           "layout_children", "style"]):
        background.layout_box_backgrounds = _plain_backgrounds(backgrounds)
        _originals["layout_box_backgrounds"] = backgrounds
        replaced = True
    strut = inline.strut
    if strut.__module__ != __name__ and known(version, strut, ["style"]):
        inline.strut = _struts_by_style(strut)
        _originals["strut"] = strut
        replaced = True
    from weasyprint.formatting_structure.boxes import Box

    flow = Box.is_in_normal_flow
    if flow.__module__ != __name__ and _flow_methods_known(Box):
        Box.is_in_normal_flow = _in_normal_flow(flow)
        _originals["is_in_normal_flow"] = flow
        replaced = True
    computed = css.StyleFor.set_computed_styles
    if (computed.__module__ != __name__ and hasattr(css.StyleFor, "get_computed_styles")
            and known(version, computed, ["self", "element", "parent", "root", "pseudo_type", "base_url",
                                          "target_collector"])):
        css.StyleFor.set_computed_styles = _shared_pseudo_styles(computed)
        _originals["set_computed_styles"] = computed
        replaced = True
    return replaced


def uninstalled() -> dict[str, Any]:
    """WeasyPrint's own functions that install() replaced, by name (for tests)."""
    return dict(_originals)


def _flow_methods_known(box_class: Any) -> bool:
    """The five methods are WeasyPrint 70.0's, and no box class overrides one of them."""
    from .sources import known_sources

    if not known_sources([getattr(box_class, name) for name in _FLOW_METHODS], KNOWN_FLOW_SOURCES):
        return False
    classes, seen = list(box_class.__subclasses__()), set()
    while classes:
        cls = classes.pop()
        if cls in seen:
            continue
        seen.add(cls)
        if any(name in cls.__dict__ for name in _FLOW_METHODS):
            return False
        classes.extend(cls.__subclasses__())
    return True


def _in_normal_flow(original: Any) -> Any:
    def is_in_normal_flow(self: Any) -> bool:
        """Box.is_in_normal_flow: not floated, absolutely positioned, running, a footnote or a note."""
        style = self.style
        if style["float"] in _FLOATED:
            return False
        position = style["position"]
        return not (position in ("absolute", "fixed") or position[0] == "running()" or position[0] == "note()")

    is_in_normal_flow.__wrapped__ = original  # type: ignore[attr-defined]
    return is_in_normal_flow


def _memoized_percentages(original: Any) -> Any:
    from weasyprint.formatting_structure.boxes import Box, PageBox

    read = operator.itemgetter(*_READ)
    same = operator.is_

    def resolve_percentages(box: Any, containing_block: Any) -> None:
        """WeasyPrint's resolve_percentages, its result reused for the same style and containing block."""
        style = box.style
        if isinstance(containing_block, Box):
            cb_width, cb_height = containing_block.width, containing_block.height
        else:
            cb_width, cb_height = containing_block
        values = read(style)
        borders = None
        if values[-2] == "collapse":  # the box's own (collapsed) border widths are kept and used
            borders = tuple((type(b), b) for b in (getattr(box, name, _MISSING) for name in _BORDERS))
        key = (type(cb_width), cb_width, type(cb_height), cb_height, isinstance(box, PageBox), borders)
        memo = style.__dict__.get(_MEMO)
        if memo is None:
            memo = style.__dict__[_MEMO] = {}
        found = memo.get(key)
        if found is not None and all(map(same, found[0], values)):
            box.__dict__.update(found[1])
            return
        original(box, containing_block)
        names = _SET
        if borders is not None:  # those the box had are its own, not set here
            kept = {name for name, (kind, _) in zip(_BORDERS, borders) if kind is not object}
            names = tuple(name for name in _SET if name not in kept)
        memo[key] = (values, {name: getattr(box, name) for name in names})

    resolve_percentages.__wrapped__ = original  # type: ignore[attr-defined]  # as functools.wraps would
    return resolve_percentages


def _without_floats(original: Any) -> Any:
    def avoid_collisions(context: Any, box: Any, containing_block: Any, outer: bool = True) -> Any:
        """WeasyPrint's avoid_collisions: its own when a float is excluded or the block is right-to-left,
        else its result without floats, by the same arithmetic."""
        if context.excluded_shapes or containing_block.style["direction"] != "ltr":
            return original(context, box, containing_block, outer)
        position_y = box.position_y if outer else box.border_box_y()
        if box.border_height() == 0 and box.is_floated():
            return 0, position_y, containing_block.width
        max_left_bound = containing_block.content_box_x()
        max_right_bound = max_left_bound + containing_block.width
        if not outer:
            max_left_bound += box.margin_left
            max_right_bound -= box.margin_right
        position_x = max_left_bound
        available_width = max_right_bound - max_left_bound
        if not outer:
            position_x -= box.margin_left
            position_y -= box.margin_top
        return position_x, position_y, available_width

    avoid_collisions.__wrapped__ = original  # type: ignore[attr-defined]
    return avoid_collisions


def _shared_pseudo_styles(original: Any) -> Any:
    from xml.etree.ElementTree import Element

    def set_computed_styles(self: Any, element: Any, parent: Any, root: Any = None, pseudo_type: Any = None,
                            base_url: Any = None, target_collector: Any = None) -> None:
        """WeasyPrint's StyleFor.set_computed_styles; an element's pseudo-element gets the style already
        computed for another with the same parent style and the same cascaded declarations."""
        if pseudo_type is None or parent is not element or not isinstance(element, Element):
            original(self, element, parent, root, pseudo_type, base_url, target_collector)
            return
        computed = self.get_computed_styles()
        cascaded = self.get_cascaded_styles().get((element, pseudo_type), {})
        try:
            key = (pseudo_type, id(computed[parent, None]), id(computed[root, None]), base_url,
                   tuple((name, id(values), weight) for name, (values, weight) in cascaded.items()))
            shared = self.__dict__.setdefault("_zwgk_pseudo_styles", {})
            found = shared.get(key)
        except TypeError:  # a weight that is not a plain tuple: as WeasyPrint does
            original(self, element, parent, root, pseudo_type, base_url, target_collector)
            return
        if found is None:
            original(self, element, parent, root, pseudo_type, base_url, target_collector)
            # the declarations and parent styles kept alive with it: the ids in the key stay theirs
            shared[key] = (computed[element, pseudo_type], cascaded, computed[parent, None], computed[root, None])
            return
        style = computed[element, pseudo_type] = found[0]
        if target_collector and style["anchor"]:
            target_collector.collect_anchor(style["anchor"])

    set_computed_styles.__wrapped__ = original  # type: ignore[attr-defined]
    return set_computed_styles


def _remembered_lines(original: Any) -> Any:
    from weasyprint.text.line_break import Layout

    read = operator.itemgetter(*_LINE_STYLE)
    new = object.__new__

    def split_first_line(text: str, style: Any, context: Any, max_width: Any, justification_spacing: Any,
                         is_line_start: bool = True, minimum: bool = False) -> Any:
        """WeasyPrint's split_first_line; a short text's result found before in this document reused."""
        if len(text) > SHORT_TEXT:
            return original(text, style, context, max_width, justification_spacing, is_line_start, minimum)
        try:
            key = (text, type(max_width), max_width, justification_spacing, is_line_start, minimum,
                   id(style.font_config), read(style))
            lines = _kept_lines(style.font_config, context)
            found = lines.get(key)
        except TypeError:  # a value that cannot be a key: as WeasyPrint does
            return original(text, style, context, max_width, justification_spacing, is_line_start, minimum)
        if found is None:
            found = original(text, style, context, max_width, justification_spacing, is_line_start, minimum)
            layout = found[0]
            if type(layout) is not Layout or "layout" in layout.__dict__:  # not a finished (deactivated) record
                return found
            if len(lines) >= KEPT_LINES:
                lines.clear()
            lines[key] = found
            return found
        layout = new(Layout)
        layout.__dict__.update(found[0].__dict__)  # its own record: drawing reactivates and changes it
        return (layout, *found[1:])

    split_first_line.__wrapped__ = original  # type: ignore[attr-defined]
    return split_first_line


def _kept_lines(font_config: Any, context: Any) -> dict[Any, Any]:
    """Where split_first_line's results are kept: with the font configuration (every document laid out with it:
    a batch worker's plans share their headers, units and deadlines) while no @font-face has added a face to it
    (WeasyPrint makes its folder for the first), else with the document's layout context."""
    if getattr(font_config, "_folder", True) is None:
        found: dict[Any, Any] = font_config.__dict__.setdefault("_zwgk_lines", {})
        return found
    return context.__dict__.setdefault("_zwgk_lines", {})  # type: ignore[no-any-return]


def _plain_backgrounds(original: Any) -> Any:
    read = operator.itemgetter(*_BACKGROUND)
    same = operator.is_
    zero = (0, "px")

    def plain(style: Any) -> bool:
        """Whether WeasyPrint's own would find nothing to lay out for a box of this style (not a page)."""
        values = read(style)
        found = style.__dict__.get("_zwgk_plain_background")
        if found is not None and all(map(same, found[0], values)):
            return bool(found[1])
        radii, border_image, mask_border, visibility, images, color, current, shadow = (
            values[:4], values[4], values[5], values[6], values[7], values[8], values[9], values[10])
        if color == "currentcolor":  # as draw.color.get_color
            color = current
        result = (all(zero in radius for radius in radii) and border_image[0] == "none" and mask_border[0] == "none"
                  and not shadow
                  and (visibility == "hidden"
                       or (all(kind != "url" and not value for kind, value in images) and color.alpha == 0)))
        style.__dict__["_zwgk_plain_background"] = (values, result)
        return result

    def layout_box_backgrounds(page: Any, box: Any, get_image_from_uri: Any, layout_children: bool = True,
                               style: Any = None) -> None:
        """WeasyPrint's layout_box_backgrounds; a box with no background of any kind done directly."""
        if style is not None or not layout_children or box is page or not plain(box.style):
            original(page, box, get_image_from_uri, layout_children, style)
            return
        for name in _RADII:
            setattr(box, name, (0, 0))
        for child in box.all_children():
            layout_box_backgrounds(page, child, get_image_from_uri)
        box.background = None

    layout_box_backgrounds.__wrapped__ = original  # type: ignore[attr-defined]
    return layout_box_backgrounds


def _struts_by_style(original: Any) -> Any:
    read = operator.itemgetter(*_STRUT)
    same = operator.is_

    def strut(style: Any) -> Any:
        """WeasyPrint's strut, found again without formatting its cache key when the style is one seen."""
        if style["font_size"] == 0:
            return original(style)
        values = read(style)
        found = style.__dict__.get("_zwgk_strut")
        if found is not None and found[2] is style.font_config and all(map(same, found[0], values)):
            return found[1]
        result = original(style)
        style.__dict__["_zwgk_strut"] = (values, result, style.font_config)
        return result

    strut.__wrapped__ = original  # type: ignore[attr-defined]
    return strut
