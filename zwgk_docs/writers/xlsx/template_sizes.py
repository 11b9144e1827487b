"""Font sizes of a template's named cell styles, read from its styles.xml without openpyxl.

`zwgk validate` warns about cells Excel cannot show (load/excel_limits.py) at the sizes the
office's template sets; reading them this way keeps openpyxl (~0.3 s) out of the check.
"""

from __future__ import annotations

import functools
import zipfile
from xml.etree import ElementTree

from ...resources import template_path

_NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
DEFAULT_PT = 11.0  # what Excel uses for a font without <sz>


@functools.lru_cache(maxsize=4)
def named_style_pt(template: str) -> dict[str, float]:
    """{named style: font size in pt} of templates/xlsx/<template>."""
    with zipfile.ZipFile(template_path("xlsx", template)) as z:
        root = ElementTree.fromstring(z.read("xl/styles.xml"))
    sizes = []
    for element in root.iterfind(f"{_NS}fonts/{_NS}font"):
        sz = element.find(f"{_NS}sz")
        sizes.append(float(sz.get("val", DEFAULT_PT)) if sz is not None else DEFAULT_PT)
    xf_fonts = [int(xf.get("fontId", 0)) for xf in root.iterfind(f"{_NS}cellStyleXfs/{_NS}xf")]
    out: dict[str, float] = {}
    for style in root.iterfind(f"{_NS}cellStyles/{_NS}cellStyle"):
        xf = int(style.get("xfId", 0))
        font = xf_fonts[xf] if xf < len(xf_fonts) else 0
        out[style.get("name", "")] = sizes[font] if font < len(sizes) else DEFAULT_PT
    return out
