"""The print CSS parsed once per process (writers/pdf/css_cache.py): same PDFs, fewer parses."""

from __future__ import annotations

from zwgk_docs.writers.pdf import css_cache
from zwgk_docs.writers.pdf.render import font_css, html_to_pdf, layout

CSS = ("@page { size: A4; margin: 20mm; @bottom-center { content: counter(page); } }\n"
       "@page :blank { @bottom-center { content: none; } }\n"
       "p { text-indent: 2em; line-height: 28pt; } .k { letter-spacing: 1pt; }\n")


def _html(css: str, text: str) -> str:
    return f"<html lang='zh-CN'><style>{font_css()}\n{css}</style><p>{text}</p><p class='k'>附件：任务分解表</p></html>"


def test_only_sheets_that_change_nothing_else_are_kept():
    assert css_cache.cacheable(CSS)
    assert css_cache.cacheable("@media print { p { color: red } } @supports (display: grid) { p { color: blue } }")
    for other in ("@font-face { font-family: x; src: url(x.ttf) }", "@counter-style c { system: cyclic; symbols: a }",
                  "@import url(x.css);", "@layer base { p { color: red } }", "@color-profile --x { src: url(x.icc) }",
                  "@\\66ont-face { font-family: x }"):
        assert not css_cache.cacheable(CSS + other), other


def test_a_kept_sheet_gives_the_same_pdf_as_parsing_it_again(tmp_path, monkeypatch):
    from weasyprint import css as weasy_css

    layout(_html("", "预热"))  # installs the cache
    cached = weasy_css.find_stylesheets
    texts = ["全面公开财政预决算信息，做好政策解读。" * 30, "规范政府信息公开工作。" * 50]
    first = [html_to_pdf(_html(CSS, t), tmp_path / f"first{i}.pdf").read_bytes() for i, t in enumerate(texts)]
    again = [html_to_pdf(_html(CSS, t), tmp_path / f"again{i}.pdf").read_bytes() for i, t in enumerate(texts)]
    kept = [sheet for (text, _, _), sheet in css_cache._sheets.items() if CSS in text]
    assert len(kept) == 1  # one parse for the four documents

    monkeypatch.setattr(weasy_css, "find_stylesheets", cached.__wrapped__)  # WeasyPrint's own
    own = [html_to_pdf(_html(CSS, t), tmp_path / f"own{i}.pdf").read_bytes() for i, t in enumerate(texts)]
    assert first == again == own


def test_a_sheet_with_font_faces_is_parsed_per_document():
    sheet = CSS + "@font-face { font-family: zwgk-none; src: local(zwgk-none) }"
    layout(_html(sheet, "一"))
    layout(_html(sheet, "二"))
    assert not [key for key in css_cache._sheets if "zwgk-none" in key[0]]
