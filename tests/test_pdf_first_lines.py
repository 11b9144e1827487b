"""Less Pango work per line, the same lines (issue 16): a line's first Pango layout made of a shorter prefix
(writers/pdf/first_lines.py) and Layouts made from shared Pango contexts and font descriptions
(pango_contexts.py) give exactly what WeasyPrint's own split_first_line and Layout.setup give: every
field of the result, on random texts, styles and widths (tests/test_pdf_shortcuts.py: the same PDF bytes)."""

from __future__ import annotations

import functools
import types

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from zwgk_docs.writers.pdf import first_lines, pango_contexts
from zwgk_docs.writers.pdf.render import layout

CSS = (
    "font-size: 16pt; letter-spacing: -0.25pt",  # the 通知's 正文
    "font-size: 16pt; letter-spacing: -0.76pt",  # fit.py's tightest tracking
    "font-size: 10.5pt; letter-spacing: 0",  # a table cell
    "font-size: 12pt; word-spacing: 3pt; font-family: 'Noto Sans CJK SC'",
    "font-size: 14pt; letter-spacing: 1pt; font-family: 'DejaVu Serif', serif",
    "font-size: 16pt; overflow-wrap: break-word",
    "font-size: 16pt; word-break: break-all",
    "font-size: 16pt; hyphens: none; white-space: pre-wrap",
    "font-size: 16pt; hyphens: auto",
    "font-size: 10.5pt; text-decoration: underline",
    "font-size: 12pt; direction: rtl; font-family: 'DejaVu Sans', sans-serif",
    "font-size: 14pt; font-kerning: none; font-variant: small-caps; font-weight: bold",
)
CONTEXT = types.SimpleNamespace(dictionaries={})  # what split_first_line reads of a layout context (hyphenation)
PIECES = (list("认真做好生态环境信息通过政府门户网站和政务新媒体等渠道向社会公开") + list("，。、；：（）《》“”—…")
          + ["2021年", "12月底", " ", "  ", "abc ", "Information ", "WeasyPrint", "-", "1.", "3.5%", "(a)", "ﬁ",
             "e\u0301", "Ａ", "\u00a0", "\xad", "\t", "\n", "https://www.gov.cn/", "１２３"])


@functools.cache
def _styles() -> tuple[object, ...]:
    from weasyprint.formatting_structure import boxes

    def text_box(box: object) -> object:
        if isinstance(box, boxes.TextBox):
            return box
        for child in getattr(box, "children", ()):
            found = text_box(child)
            if found is not None:
                return found
        return None

    found = []
    for css in CSS:
        for lang in ("zh-CN", "en"):
            document = layout(f"<html lang='{lang}'><body style=\"{css}\"><p>字</p></body></html>")
            found.append(text_box(document.pages[0]._page_box).style)
    return tuple(found)


def _fields(result: tuple) -> tuple:
    layout_record, *rest = result
    return (type(layout_record), dict(layout_record.__dict__), *rest)


@functools.cache
def _pair():
    from weasyprint.text import line_break

    layout("<p>字</p>")  # installs the replacements
    return line_break.split_first_line, first_lines.shorter_first_layout(line_break.split_first_line)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(pieces=st.lists(st.sampled_from(PIECES), min_size=1, max_size=160), style=st.integers(0, 2 * len(CSS) - 1),
       width=st.one_of(st.sampled_from([35.15, 68.38, 113.75, 442.0, 458.66, 589.6]), st.floats(20, 900)),
       spacing=st.sampled_from([0, 0, 1.5]), line_start=st.booleans())
def test_same_line_as_weasyprint(pieces, style, width, spacing, line_start):
    """Chinese, Latin words, digits, spaces, soft hyphens, tabs, newlines, combining marks, any width."""
    text = "".join(pieces)
    theirs, ours = _pair()
    args = (text, _styles()[style], CONTEXT, width, spacing, line_start)
    assert _fields(ours(*args)) == _fields(theirs(*args))


def test_long_chinese_paragraph_line_by_line():
    """A 正文 paragraph broken line after line, as the inline layout does: the same lines, and WeasyPrint's
    own is needed only for the last ones (the text left is no longer than the shorter prefix)."""
    theirs, _ = _pair()
    own_calls = []

    def spy(*args):
        own_calls.append(args[0])
        return theirs(*args)

    ours = first_lines.shorter_first_layout(spy)
    style = _styles()[0]
    text = "认真做好生态环境信息，通过政府门户网站和政务新媒体等渠道向社会公开，做好医疗卫生领域信息的归集整理和解读回应工作。" * 6
    lines = 0
    while True:
        own = theirs(text, style, None, 442.0, 0)
        assert _fields(ours(text, style, None, 442.0, 0)) == _fields(own)
        lines += 1
        if own[2] is None:
            break
        text = text.encode()[own[2]:].decode()
    assert lines > 10 and len(own_calls) <= 2 and all(len(t) < 50 for t in own_calls)


def test_installed_only_over_the_function_followed(monkeypatch):
    """WeasyPrint 70.0's split_first_line is replaced in the inline layout; another source is left alone."""
    from weasyprint.layout import inline
    from weasyprint.text import line_break

    layout("<p>字</p>")
    assert first_lines.install()
    assert first_lines.uninstalled()["split_first_line"] is line_break.split_first_line
    chain, function = [], inline.split_first_line
    while function is not None:
        chain.append(function.__module__)
        function = getattr(function, "__wrapped__", None)
    assert chain[-2:] == ["zwgk_docs.writers.pdf.first_lines", "weasyprint.text.line_break"]
    assert first_lines.known(line_break.split_first_line)
    monkeypatch.setattr(first_lines, "KNOWN_SOURCES", set())
    assert not first_lines.known(line_break.split_first_line)
    before = inline.split_first_line
    assert first_lines.install.__wrapped__() is False  # another WeasyPrint: nothing replaced
    assert inline.split_first_line is before


@pytest.mark.parametrize("text", ["认真做好生态环境信息" * 20, "Information about the plan " * 12])
def test_falls_back_to_weasyprints_own(monkeypatch, text):
    """Where the shorter layout could differ (here: it never finds a second line), WeasyPrint's own decides."""
    theirs, _ = _pair()
    calls = []

    def spy(*args):
        calls.append(args[0])
        return theirs(*args)

    monkeypatch.setattr(first_lines, "SAFE_CHARS", 10_000)  # no break is ever far enough from the end
    ours = first_lines.shorter_first_layout(spy)
    style = _styles()[0]
    assert _fields(ours(text, style, None, 442.0, 0)) == _fields(theirs(text, style, None, 442.0, 0))
    assert calls == [text]


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(pieces=st.lists(st.sampled_from(PIECES + ["مرحبا "]), min_size=1, max_size=60),
       style=st.integers(0, 2 * len(CSS) - 1), width=st.one_of(st.none(), st.floats(20, 900)))
def test_shared_pango_contexts_lay_out_as_their_own(pieces, style, width):
    """A Layout made from a shared context and font description: the same record (every attribute, in
    the same order: metrics of decorated text, language) and the same line as with its own."""
    from weasyprint.text import line_break

    theirs, _ = _pair()
    assert pango_contexts.install()
    shared, own = line_break.Layout.setup, pango_contexts.uninstalled()["setup"]
    text, chosen = "".join(pieces), _styles()[style]
    results = []
    try:
        for setup in (own, shared):
            line_break.Layout.setup = setup
            found = theirs(text, chosen, CONTEXT, width, 0)
            record = line_break.Layout(chosen)
            record.set_text(text)
            line, _ = record.get_first_line()
            kept = {name: value for name, value in record.__dict__.items() if name not in ("layout", "style")}
            results.append((list(found[0].__dict__.items()), found[1:], list(kept), kept["ascent"],
                            line_break.line_size(line, chosen)))
    finally:
        line_break.Layout.setup = shared
    assert results[0] == results[1]


def test_shared_pango_contexts_only_over_the_function_followed(monkeypatch):
    from weasyprint.text import line_break

    layout("<p>字</p>")
    assert pango_contexts.install()
    assert line_break.Layout.setup.__wrapped__ is pango_contexts.uninstalled()["setup"]
    assert pango_contexts.known(pango_contexts.uninstalled()["setup"])
    monkeypatch.setattr(pango_contexts, "KNOWN_SOURCES", set())
    assert not pango_contexts.known(pango_contexts.uninstalled()["setup"])
    monkeypatch.setattr(line_break.Layout, "setup", pango_contexts.uninstalled()["setup"])
    assert pango_contexts.install.__wrapped__() is False  # another WeasyPrint: its own setup stays
    assert line_break.Layout.setup is pango_contexts.uninstalled()["setup"]
