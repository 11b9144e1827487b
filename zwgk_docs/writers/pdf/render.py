"""HTML → PDF with WeasyPrint and installed Chinese fonts; reusable by other writers.

Usage (e.g. the annual report):

    from zwgk_docs.writers.pdf.render import html_to_pdf, font_css
    html = f"<html lang='zh-CN'><style>{font_css()}</style>…"
    html_to_pdf(html, out_dir / "report.pdf", base_url=out_dir)

WeasyPrint embeds and subsets every font it uses; with libharfbuzz-subset0 installed it
subsets through HarfBuzz (a fraction of a second) instead of fontTools (~8 s per CJK font).
"""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import Optional, Union

from ...errors import UserError
from ...fonts import FontChoice, missing_cjk_font_message, resolve_fonts


def fonts_for(profile: str = "gb2312") -> dict[str, FontChoice]:
    """Role → installed face; a UserError when no Chinese face is installed at all."""
    fonts = resolve_fonts(profile)
    if not all(f.stack for f in fonts.values()):
        raise UserError.single(missing_cjk_font_message())
    return fonts


def font_css(profile: str = "gb2312") -> str:
    """CSS giving body text the 仿宋 role and h1/h2/h3 the 小标宋/黑体/楷体 roles (installed faces only)."""
    f = fonts_for(profile)
    return (
        f"html {{ {f['body'].css}; }}\n"
        f"h1 {{ {f['title'].css}; }}\n"
        f"h2, th {{ {f['heading1'].css}; }}\n"
        f"h3 {{ {f['heading2'].css}; }}\n"
    )


def harfbuzz_subsetter() -> bool:
    """True when WeasyPrint will subset fonts with HarfBuzz (fast) rather than fontTools."""
    try:
        from weasyprint.text.ffi import harfbuzz, harfbuzz_subset
    except (ImportError, OSError):
        return False
    return bool(harfbuzz_subset) and bool(harfbuzz.hb_version_atleast(4, 1, 0))


def layout(html: str, base_url: Optional[Union[str, os.PathLike]] = None):
    """Lay out an HTML string: a weasyprint Document whose pages can be inspected, then written."""
    import weasyprint

    # WeasyPrint logs every CSS property it ignores; keep the command line quiet.
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    return weasyprint.HTML(string=html, base_url=str(base_url) if base_url else None).render()


def html_to_pdf(html: str, out: Union[str, os.PathLike], base_url: Optional[Union[str, os.PathLike]] = None) -> Path:
    """Render an HTML string to `out`; fonts are embedded and subset, images kept lossless."""
    out = Path(out)
    layout(html, base_url).write_pdf(out, uncompressed_pdf=False, optimize_images=False)
    return out
