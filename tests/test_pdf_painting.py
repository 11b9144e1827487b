"""border_drawing.py and streams.py: tables, colours and page content written by the replacements give the PDF
WeasyPrint's and pydyf's own code gives, byte for byte; another version's code is left alone."""

from __future__ import annotations

import pytest

from zwgk_docs.writers.pdf import border_drawing, streams
from zwgk_docs.writers.pdf.render import font_configuration, font_css, layout, write

STYLES = ("solid", "dashed", "dotted", "double", "inset", "outset", "ridge", "groove", "hidden", "none")
COLOURS = ("#000", "rgb(10 20 30 / 0.5)", "hsl(120 50% 50%)", "hwb(200 10% 20%)", "currentcolor", "transparent")
OTHER_SPACES = ("lab(50% 20 30)", "oklch(60% 0.1 30)", "device-cmyk(0 0.5 1 0)")  # not sRGB (WeasyPrint: solid borders only)
# Collapsed borders of every style, width and colour space (conflicts resolved by WeasyPrint), a header row
# repeated on each page, a table of one cell, an empty one; text in colours (set_color for fill).
HTML = (f"<html lang='zh-CN'><style>{font_css()} @page {{ size: A6 }} table {{ border-collapse: collapse; margin: 2mm }}"
        " td, th { border: 0.5pt solid #000; padding: 1mm }</style>"
        "<table><thead><tr><th>序号</th><th style='border-bottom: 2pt double #333'>任务</th><th>单位</th></tr></thead><tbody>"
        + "".join(
            f"<tr><td style='border-left: {1 + n % 3}px {STYLES[n % len(STYLES)]} {COLOURS[n % len(COLOURS)]}'>{n}</td>"
            f"<td style='color: {(COLOURS + OTHER_SPACES)[n % 9]}; border-top: {n % 4}pt {STYLES[(n + 3) % len(STYLES)]}"
            f" {COLOURS[(n + 2) % len(COLOURS)]}'>推进政务公开标准化规范化第{n}项</td>"
            f"<td style='border-right: 3px {STYLES[(n + 5) % len(STYLES)]} red; border-bottom: 1pt solid"
            f" {OTHER_SPACES[n % 3]}'>市财政局</td></tr>"
            for n in range(18))
        + "</tbody></table><table><tr><td>一格</td></tr></table><table></table>"
        "<p style='color: rgb(0 0 0 / 0.3)'>半透明</p>"
        "<p style='outline: 1pt dashed blue'>有轮廓的段落<span style='outline: 1px solid red'>和文字</span></p>"
        "<div style='border: 2pt dotted green; border-radius: 2mm; columns: 2; column-rule: 1pt solid'>分栏的"
        "文字，有边框和栏间线</div><div style='columns: 2; column-rule: 1pt solid'>只有栏间线</div>"
        "<p style='border-bottom: 1pt solid; visibility: hidden'>隐藏</p>"
        "<p style='border-image: linear-gradient(red, blue) 30; border-width: 0'>边框图像（宽度为零）</p></html>")


def _theirs(monkeypatch: pytest.MonkeyPatch) -> None:
    """WeasyPrint's and pydyf's own functions back in place (until the test ends)."""
    import pydyf
    import weasyprint.draw
    from weasyprint.pdf.stream import Stream

    for name in ("draw_collapsed_borders", "draw_outline", "draw_border"):
        monkeypatch.setattr(weasyprint.draw, name, getattr(weasyprint.draw, name).__wrapped__)
    for name in ("set_color", "marked", "artifact", "stacked"):
        monkeypatch.setattr(Stream, name, getattr(Stream, name).__wrapped__)
    monkeypatch.setattr(pydyf.Stream, "data", property(pydyf.Stream.data.fget.__wrapped__))


def test_the_replacements_are_installed_for_this_weasyprint():
    font_configuration()
    import weasyprint.draw

    assert weasyprint.draw.draw_collapsed_borders.__module__ == border_drawing.__name__
    assert border_drawing.installed() == {"collapsed_borders", "outline", "border"}
    assert streams.installed() == {"set_color", "data", "contexts"}


def test_tables_and_colours_are_written_byte_for_byte_as_weasyprint_writes_them(tmp_path, monkeypatch):
    font_configuration()
    ours = write(layout(HTML), tmp_path / "ours.pdf").read_bytes()
    _theirs(monkeypatch)
    theirs = write(layout(HTML), tmp_path / "weasyprint.pdf").read_bytes()
    assert ours == theirs
    assert len(ours) > 10_000  # really drawn (pages of borders and text)


def test_a_tagged_pdf_is_written_by_weasyprint_s_own_code(tmp_path, monkeypatch):
    """With tags (PDF/UA) artifact() writes marked content: WeasyPrint's own painter, the same bytes."""
    font_configuration()
    ours = layout(HTML).write_pdf(pdf_tags=True)
    _theirs(monkeypatch)
    assert layout(HTML).write_pdf(pdf_tags=True) == ours


def test_another_weasyprint_or_pydyf_is_left_alone(monkeypatch):
    font_configuration()
    import weasyprint.draw

    drawn, outline, known = weasyprint.draw.draw_collapsed_borders, weasyprint.draw.draw_outline, dict(border_drawing.KNOWN)
    monkeypatch.setattr(border_drawing, "_installed", set())
    monkeypatch.setattr(border_drawing, "KNOWN_OUTLINE", {"weasyprint.draw.draw_outline": "0" * 64})
    monkeypatch.setattr(border_drawing, "KNOWN_BORDER", {"weasyprint.draw.draw_border": "0" * 64})
    monkeypatch.setattr(border_drawing, "KNOWN", {**known, "weasyprint.draw.border.draw_line": "0" * 64})
    assert border_drawing.install() is False
    assert weasyprint.draw.draw_collapsed_borders is drawn and weasyprint.draw.draw_outline is outline  # not replaced again
    monkeypatch.setattr(border_drawing, "KNOWN", {**known, "weasyprint.draw.no_such_function": ""})
    assert border_drawing._known_functions(border_drawing.KNOWN) is None  # renamed in another release
    monkeypatch.setattr(border_drawing, "KNOWN", known)
    assert border_drawing._known_functions(border_drawing.KNOWN) is not None
    changed = {**streams.KNOWN_SET_COLOR, "pydyf._to_bytes": "0" * 64}
    assert streams._known(streams.KNOWN_SET_COLOR) and not streams._known(changed)
    assert not streams._known({"pydyf.no_such_function": "0" * 64})


def test_numbers_are_written_as_pydyf_writes_them():
    import pydyf

    for value in (0, 1, -3, 0.0, -0.0, 1.0, 0.5, 1 / 3, 123456.789, 1e-7, -2.5e5, 10**20, 1e20, True):
        assert streams.number(value) == pydyf._to_bytes(value), value


if __name__ == "__main__":
    pytest.main([__file__])
