"""Font profile switch: the template names the "gb2312" fonts; swap them for ctx.fonts."""

from __future__ import annotations

from typing import Any

from docx.oxml.ns import qn

from ...fonts import PROFILES

_ATTRS = [qn(f"w:{a}") for a in ("ascii", "hAnsi", "eastAsia", "cs")]


def apply_font_profile(document: Any, fonts: dict[str, str]) -> None:  # a python-docx Document
    mapping = {PROFILES["gb2312"][role]: name for role, name in fonts.items() if PROFILES["gb2312"].get(role) != name}
    if not mapping:
        return
    for rfonts in document.styles.element.iter(qn("w:rFonts")):
        for attr in _ATTRS:
            value = rfonts.get(attr)
            if value in mapping:
                rfonts.set(attr, mapping[value])
