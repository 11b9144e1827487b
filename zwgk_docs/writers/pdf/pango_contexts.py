"""Pango contexts and font descriptions made once per font and language, not for every line (installed by render.py).

WeasyPrint (70) makes, for every Layout — each try at breaking a line, each justified line, each
line it draws — a new Pango context from the font map (set to the style's direction and language),
a new font description from seven font properties and, for decorated text, asks that context for the
font's metrics: about a quarter of the time of breaking a line. All of it depends only on the font
map and those properties, so Layout.setup here makes them once per font configuration and property
values and gives each new Layout its own PangoLayout made from them. A PangoLayout copies the font
description it is given and only reads its context (nothing changes a context after it is set up
here), so a layout made from shared ones lays out exactly as one made from its own.

The rest of setup (the layout itself, its font-feature attributes) is done per Layout as WeasyPrint
does. Installed once per process; a WeasyPrint whose Layout.setup has another source (SHA-256 checked)
keeps its own, and so does a style whose values cannot be a dictionary key.
"""

from __future__ import annotations

import functools
from typing import Any

from .sources import known_source

# sha256 of weasyprint.text.line_break.Layout.setup's source (70.0), which setup() below follows
KNOWN_SOURCES = {"fb227a55094f41d42fbd57f180d8b7a9a1e741969ec8ddb3fd5cd80920257442"}
# What the shared part reads of a style: the context (direction, language) and get_font_description().
_CONTEXT = ("direction", "font_language_override", "lang", "font_family", "font_style", "font_stretch",
            "font_weight", "font_size", "font_variant_caps", "font_variation_settings")
_SHARED = "_zwgk_pango_contexts"  # the font configuration's attribute holding them

_originals: dict[str, Any] = {}


def known(function: Any) -> bool:
    """`function` is the Layout.setup that setup() follows (its source unchanged)."""
    return known_source(function, KNOWN_SOURCES)


@functools.cache
def install() -> bool:
    """Replace Layout.setup (once); False when this WeasyPrint is not the one followed."""
    from weasyprint.text import line_break

    original = line_break.Layout.setup
    if not known(original):
        return False
    line_break.Layout.setup = shared_setup(original)
    _originals["setup"] = original
    return True


def uninstalled() -> dict[str, Any]:
    """WeasyPrint's own functions that install() replaced, by name (for tests)."""
    return dict(_originals)


def shared_setup(original: Any) -> Any:
    import operator

    from weasyprint.text.constants import LST_TO_ISO, PANGO_DIRECTION
    from weasyprint.text.ffi import FROM_UNITS, ffi, gobject, pango, unicode_to_char_p
    from weasyprint.text.fonts import font_features, get_font_description

    read = operator.itemgetter(*_CONTEXT)

    def made(style: Any) -> tuple[Any, Any, Any, Any]:
        """What WeasyPrint's setup makes anew for every Layout: context, language, font description, metrics."""
        font_map = style.font_config.font_map
        pango_context = ffi.gc(pango.pango_font_map_create_context(font_map), gobject.g_object_unref)
        pango.pango_context_set_round_glyph_positions(pango_context, False)
        pango.pango_context_set_base_dir(pango_context, PANGO_DIRECTION[style["direction"]])
        if style["font_language_override"] != "normal":
            lang_p, lang = unicode_to_char_p(LST_TO_ISO.get(
                style["font_language_override"].lower(), style["font_language_override"]))
        elif style["lang"]:
            lang_p, lang = unicode_to_char_p(style["lang"])
        else:
            lang = None
            language = pango.pango_language_get_default()
        if lang:
            language = pango.pango_language_from_string(lang_p)
            pango.pango_context_set_language(pango_context, language)
        assert not isinstance(style["font_family"], str), "font_family should be a list"
        font_description = get_font_description(style)
        metrics = None
        if style["text_decoration_line"] != "none":
            found = ffi.gc(pango.pango_context_get_metrics(pango_context, font_description, language),
                           pango.pango_font_metrics_unref)
            metrics = (FROM_UNITS * pango.pango_font_metrics_get_ascent(found),
                       FROM_UNITS * pango.pango_font_metrics_get_underline_position(found),
                       FROM_UNITS * pango.pango_font_metrics_get_strikethrough_position(found),
                       FROM_UNITS * pango.pango_font_metrics_get_underline_thickness(found),
                       FROM_UNITS * pango.pango_font_metrics_get_strikethrough_thickness(found))
        return pango_context, language, font_description, metrics

    def setup(self: Any, style: Any) -> None:
        """WeasyPrint's Layout.setup, its context, language, font description and metrics shared."""
        font_config = style.font_config
        try:
            key = (read(style), style["text_decoration_line"] != "none")
            shared = font_config.__dict__.setdefault(_SHARED, {})
            found = shared.get(key)
        except (TypeError, AttributeError):  # a value that cannot be a key, a configuration without __dict__
            original(self, style)
            return
        if found is None:
            found = shared[key] = made(style)
        pango_context, language, font_description, metrics = found
        self.style = style
        self.first_line_direction = 0
        self.language = language
        self.layout = ffi.gc(pango.pango_layout_new(pango_context), gobject.g_object_unref)
        pango.pango_layout_set_auto_dir(self.layout, False)
        pango.pango_layout_set_font_description(self.layout, font_description)
        if metrics is None:
            self.ascent = self.underline_position = self.strikethrough_position = None
        else:
            (self.ascent, self.underline_position, self.strikethrough_position, self.underline_thickness,
             self.strikethrough_thickness) = metrics
        features = font_features(
            style["font_kerning"], style["font_variant_ligatures"], style["font_variant_position"],
            style["font_variant_caps"], style["font_variant_numeric"], style["font_variant_alternates"],
            style["font_variant_east_asian"], style["font_feature_settings"])
        if features:
            features = ",".join(f"{key} {value}" for key, value in features.items()).encode()
            attr = style.font_config.font_features.setdefault(features, pango.pango_attr_font_features_new(features))
            attr_list = pango.pango_attr_list_new()
            pango.pango_attr_list_insert(attr_list, attr)
            pango.pango_layout_set_attributes(self.layout, attr_list)

    setup.__wrapped__ = original  # type: ignore[attr-defined]  # as functools.wraps would
    return setup
