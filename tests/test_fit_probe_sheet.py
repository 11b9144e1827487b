"""The fit probe's two sheets (the notice's print CSS at the standard spacing, notice_probe.css over it) give
every element the style, and the probe the pages, that the single probe=True sheet gives."""

from __future__ import annotations

import re

import weasyprint
from hypothesis import given, settings
from hypothesis import strategies as st
from test_fit_breaks import FILL, notice

from zwgk_docs.writers.pdf import fit, fonts_for, geometry, print_html
from zwgk_docs.writers.pdf.render import _font_config, _offline_fetcher
from zwgk_docs.writers.templating import render as render_template

SPACINGS = sorted({spacing for level in fit.LEVELS for spacing in level})


def one_sheet(ctx, spacing: fit.Spacing) -> str:
    """The probe as it was: one <style>, notice_print.css rendered with probe=True at `spacing`."""
    html = print_html(ctx, "notice_print.html", spacing, probe=True)
    css = render_template("notice_print.css", g=geometry, f=fonts_for(ctx.font_profile), pitch_pt=spacing[0],
                          tracking_pt=spacing[1], probe=True)
    sheets = re.compile(r"<style>.*?</style>\s*<style>.*?</style>", re.S)
    assert len(sheets.findall(html)) == 1
    return sheets.sub(lambda _: f"<style>{css}</style>", html)


def styles_and_lines(html: str) -> tuple[list[tuple[str, object]], list[tuple[int, str, float, float, float]]]:
    """(each element's computed style, in document order; each line box: page, element, x, y, width)."""
    document = weasyprint.HTML(string=html, url_fetcher=_offline_fetcher()).render(font_config=_font_config())
    from weasyprint.css.properties import INITIAL_VALUES
    from weasyprint.formatting_structure.boxes import LineBox

    styles: dict[int, tuple[str, object]] = {}
    lines = []
    for index, page in enumerate(document.pages):
        stack = [page._page_box]
        while stack:
            box = stack.pop()
            element = getattr(box, "element", None)
            if element is not None and id(element) not in styles and box.element_tag == element.tag:
                styles[id(element)] = (element.tag, tuple(_value(box.style, name) for name in sorted(INITIAL_VALUES)))
            if isinstance(box, LineBox):
                lines.append((index, box.element_tag, box.position_x, box.position_y, box.width))
            stack.extend(reversed(getattr(box, "children", [])))
    return list(styles.values()), lines


def _value(style, name: str) -> str:
    try:
        return repr(style[name])
    except KeyError:  # a logical property WeasyPrint computes from its physical ones only
        return "-"


def assert_same_probe(ctx, spacing: fit.Spacing) -> None:
    ours = styles_and_lines(print_html(ctx, "notice_print.html", spacing, probe=True))
    assert ours == styles_and_lines(one_sheet(ctx, spacing))


def test_every_spacing_as_with_one_sheet():
    ctx = notice([FILL * 2] * 3 + ["特此通知。"], "此件公开发布", False, ["table", "none"], cc=True, sealed=True)
    for spacing in SPACINGS:
        assert_same_probe(ctx, spacing)


@settings(max_examples=15, deadline=None)
@given(paragraphs=st.lists(st.integers(0, 12), min_size=1, max_size=8), note=st.booleans(),
       follows=st.lists(st.sampled_from(["plan", "table", "none"]), max_size=2), cc=st.booleans(),
       header=st.integers(0, 2), sealed=st.booleans(), spacing=st.sampled_from(SPACINGS))
def test_varied_probes_as_with_one_sheet(paragraphs, note, follows, cc, header, sealed, spacing):
    body = [FILL * (n // 4 + 1) + "止。" * (n % 4) for n in paragraphs]
    ctx = notice(body, "此件公开发布" if note else None, "plan" in follows, [f for f in follows if f != "plan"], cc,
                 header, sealed)
    assert_same_probe(ctx, spacing)
