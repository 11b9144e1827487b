"""A justified text's Pango record made without Pango (writers/pdf/justified_layouts.py, used by cjk_justify.py):
the same record as WeasyPrint's create_layout then deactivate() on random texts, styles and spacings, and the
same PDF bytes for a justified notice (issue 16)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from test_pdf_first_lines import CONTEXT, PIECES, _styles

from zwgk_docs.writers.pdf import cjk_justify, justified_layouts
from zwgk_docs.writers.pdf.render import layout, write


def _record(layout_record: object) -> tuple:
    return type(layout_record), list(vars(layout_record).items())


@settings(max_examples=200, deadline=None)
@given(pieces=st.lists(st.sampled_from(PIECES + [" "]), max_size=40), style=st.integers(0, 23),
       spacing=st.sampled_from([0, 0.5, 1.25, -0.25, 3]), letter=st.sampled_from([None, 0.3, 1.7]))
def test_same_record_as_weasyprints(pieces, style, spacing, letter):
    from weasyprint.text.line_break import create_layout

    assert justified_layouts.known()
    computed = _styles()[style % len(_styles())]
    if letter is not None:  # as cjk_justify widens it
        computed = computed.copy()
        computed["letter_spacing"] = letter
    text = "".join(pieces)
    ours = justified_layouts.deactivated(create_layout)(text, computed, CONTEXT, spacing)
    theirs = justified_layouts.own(create_layout)(text, computed, CONTEXT, spacing)
    assert _record(ours) == _record(theirs)


def test_a_lone_space_with_word_spacing():
    from weasyprint.text.line_break import create_layout

    for computed in _styles():
        for text in (" ", "\n", "a\nbc", "", "字 "):
            ours = justified_layouts.deactivated(create_layout)(text, computed, CONTEXT, 2)
            theirs = justified_layouts.own(create_layout)(text, computed, CONTEXT, 2)
            assert _record(ours) == _record(theirs)


def test_same_pdf_as_weasyprints(tmp_path, monkeypatch):
    from weasyprint.layout import inline

    html = ("<html lang='zh-CN'><body style='text-align: justify; font-size: 16pt; width: 300pt'>"
            + "<p>认真做好政务公开工作，推进决策、执行、管理、服务、结果公开，2021年底前完成。</p>" * 30
            + "<p style='text-decoration: underline'>加强政策解读，回应社会关切，提升政务公开质量和实效。</p>" * 5
            + "</body></html>")
    layout("<p>字</p>")  # installs the replacements
    assert cjk_justify.install()
    justify = inline.justify_line
    ours = write(layout(html), tmp_path / "ours.pdf").read_bytes()
    monkeypatch.setattr(justified_layouts, "deactivated", justified_layouts.own)
    monkeypatch.setattr(inline, "justify_line", cjk_justify._justify_line(justify.__wrapped__))
    theirs = write(layout(html), tmp_path / "theirs.pdf").read_bytes()
    assert ours == theirs
