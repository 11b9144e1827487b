"""The layout shortcuts (writers/pdf/layout_shortcuts.py: used values reused, placement without floats,
shared pseudo-element styles, repeated short texts broken once, plain backgrounds, struts and normal flow found once), the shared
page styles (long_documents.py), the shorter first layout of a line (first_lines.py), a kept line's metrics
read from that layout (kept_lines.py), only the margin boxes kept made (margin_boxes.py), descendants walked by
one generator and anchors gathered past plain boxes (box_walks.py), collapsed borders read once per style (collapsed_borders.py) and the shared Pango contexts (pango_contexts.py) give exactly the PDF WeasyPrint's own functions give (issue 16: less CPU per line, the same bytes)."""

from __future__ import annotations

import sys

from conftest import ROOT
from zwgk_docs.context import build_context
from zwgk_docs.load import loads
from zwgk_docs.writers.pdf import collapsed_borders, first_lines, kept_lines, layout_shortcuts, long_documents, notice_html, pango_contexts
from zwgk_docs.writers.pdf.render import layout, write

sys.path.insert(0, str(ROOT / "benchmarks"))
from plangen import plan_yaml  # noqa: E402


def _weasyprints_own(monkeypatch) -> None:
    """Every function the shortcuts replaced put back where WeasyPrint's modules look it up."""
    from weasyprint import css
    from weasyprint.layout import (absolute, background, block, column, flex, float as floats, grid, inline, page,
                                   percent, table)
    from weasyprint.formatting_structure.boxes import Box
    from weasyprint.text import line_break

    own = layout_shortcuts.uninstalled()
    assert set(own) == {"resolve_percentages", "avoid_collisions", "set_computed_styles", "split_first_line",
                        "layout_box_backgrounds", "strut", "is_in_normal_flow"}
    for module in (percent, absolute, block, column, flex, floats, grid, inline, page, table):
        for name in ("resolve_percentages", "avoid_collisions", "split_first_line", "strut"):
            if getattr(getattr(module, name, None), "__wrapped__", None) is own[name]:
                monkeypatch.setattr(module, name, own[name])
    monkeypatch.setattr(inline, "split_first_line", first_lines.uninstalled()["split_first_line"])  # under the memo
    monkeypatch.setattr(line_break.Layout, "setup", pango_contexts.uninstalled()["setup"])
    monkeypatch.setattr(line_break, "first_line_metrics", kept_lines.own())
    monkeypatch.setattr(Box, "is_in_normal_flow", own["is_in_normal_flow"])
    monkeypatch.setattr(background, "layout_box_backgrounds", own["layout_box_backgrounds"])
    monkeypatch.setattr(css.StyleFor, "set_computed_styles", own["set_computed_styles"])
    monkeypatch.setattr(page, "set_page_type_computed_styles", long_documents._original)
    from weasyprint import layout as layouts

    monkeypatch.setattr(layouts, "make_margin_boxes", page.make_margin_boxes)
    monkeypatch.setattr(Box, "descendants", Box.descendants.__wrapped__)
    from weasyprint import anchors, document

    monkeypatch.setattr(document, "gather_anchors", anchors.gather_anchors.__wrapped__)
    monkeypatch.setattr(anchors, "gather_anchors", anchors.gather_anchors.__wrapped__)
    from weasyprint.formatting_structure import build

    from weasyprint.layout import table

    assert collapsed_borders.install()
    monkeypatch.setattr(build, "collapse_table_borders", table.collapse_table_borders)


def test_shortcuts_give_weasyprints_pdf(tmp_path, monkeypatch):
    """A notice with its body, a sealed-off 版记, the task table on landscape pages: byte for byte."""
    text = plan_yaml(8).replace("  note: 此件公开发布\n", "  note: 此件公开发布\n  cc: [市委办公室]\n"
                                 "  printer: 示例市政务公开领导小组办公室\n  print_date: 2021-06-23\n")
    ctx = build_context(loads(text))
    html = notice_html(ctx)
    layout("<p>字</p>")  # installs the replacements
    assert layout_shortcuts.install()
    ours = write(layout(html), tmp_path / "ours.pdf").read_bytes()
    _weasyprints_own(monkeypatch)
    theirs = write(layout(html), tmp_path / "theirs.pdf").read_bytes()
    assert ours == theirs


def test_used_values_follow_a_style_changed_in_place():
    """A style changed after its used values were kept gets new ones (the kept ones are checked)."""
    from weasyprint.formatting_structure import boxes

    layout("<p>字</p>")
    document = layout("<p style='margin-left: 10px; width: 50%'>字</p>")
    paragraph = document.pages[0]._page_box.children[0].children[0].children[0]
    assert isinstance(paragraph, boxes.BlockBox)
    from weasyprint.layout.percent import resolve_percentages

    resolve_percentages(paragraph, (200, 100))
    assert (paragraph.margin_left, paragraph.width) == (10, 100)
    style = paragraph.style = paragraph.style.copy()
    resolve_percentages(paragraph, (200, 100))
    assert (paragraph.margin_left, paragraph.width) == (10, 100)
    from weasyprint.css.properties import Dimension

    style["margin_left"] = Dimension(4, "px")
    resolve_percentages(paragraph, (200, 100))
    assert (paragraph.margin_left, paragraph.width) == (4, 100)
    resolve_percentages(paragraph, (300, 100))
    assert paragraph.width == 150


def test_normal_flow_as_weasyprint_says():
    """Box.is_in_normal_flow for every float and position value, and WeasyPrint's own kept when a box class
    overrides one of the methods it stands for."""
    from weasyprint.formatting_structure import boxes

    layout("<p>字</p>")
    own = layout_shortcuts.uninstalled()["is_in_normal_flow"]
    box = layout("<p>字</p>").pages[0]._page_box.children[0]
    for float_value in ("none", "left", "right", "inline-start", "inline-end", "footnote"):
        for position in ("static", "relative", "absolute", "fixed", "sticky", ("running()", "x"), ("note()", "y")):
            box.style = style = box.style.copy()
            style["float"], style["position"] = float_value, position
            assert boxes.Box.is_in_normal_flow(box) == own(box)
    assert layout_shortcuts._flow_methods_known(boxes.Box)

    class Floating(boxes.BlockBox):
        def is_floated(self):
            return True

    try:
        assert not layout_shortcuts._flow_methods_known(boxes.Box)
    finally:
        del Floating
        import gc

        gc.collect()


def test_short_texts_broken_in_an_earlier_document(tmp_path, monkeypatch):
    """A second notice laid out with the same fonts reuses the first's short lines (kept with the font
    configuration): its PDF is still WeasyPrint's own, byte for byte."""
    from weasyprint.text.fonts import FontConfiguration

    from zwgk_docs.writers.pdf.render import font_configuration

    first, second = (notice_html(build_context(loads(plan_yaml(6, title)))) for title in ("示例市甲局工作要点", "示例市乙局工作要点"))
    layout("<p>字</p>")  # installs the replacements
    write(layout(first), tmp_path / "first.pdf")
    kept = font_configuration().__dict__.get("_zwgk_lines")
    assert kept, "the first notice's short lines are kept with the font configuration"
    ours = write(layout(second), tmp_path / "ours.pdf").read_bytes()
    _weasyprints_own(monkeypatch)
    theirs = write(layout(second), tmp_path / "theirs.pdf").read_bytes()
    assert ours == theirs
    fresh = FontConfiguration()
    context = type("Context", (), {})()
    assert layout_shortcuts._kept_lines(fresh, context) is fresh.__dict__["_zwgk_lines"]
    fresh._folder = tmp_path / "faces"  # a face added by @font-face (its folder, removed with it): per document only
    assert layout_shortcuts._kept_lines(fresh, context) is context.__dict__["_zwgk_lines"]
