"""A broken line's metrics read from the layout that broke it (writers/pdf/kept_lines.py) are exactly what
WeasyPrint's own first_line_metrics gives after laying the line out again: every field of split_first_line's
result, on random texts, styles and widths, and line after line of a 正文 paragraph (tests/test_pdf_shortcuts.py:
the same PDF bytes)."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_pdf_first_lines import CONTEXT, CSS, PIECES, _fields, _styles

from zwgk_docs.writers.pdf import kept_lines
from zwgk_docs.writers.pdf.render import layout


def _both(monkeypatch, *args):
    """split_first_line(*args) with WeasyPrint's first_line_metrics, then with ours; and how often ours read
    the first layout."""
    from weasyprint.text import line_break

    layout("<p>字</p>")  # installs the replacements
    own = kept_lines.own()
    ours = kept_lines.read_from_first_layout(own)
    read = []

    def counting(*call):
        result = ours(*call)
        read.append(result[0] is call[2] and call[3])
        return result

    with monkeypatch.context() as patched:
        patched.setattr(line_break, "first_line_metrics", own)
        theirs = line_break.split_first_line(*args)
    with monkeypatch.context() as patched:
        patched.setattr(line_break, "first_line_metrics", counting)
        found = line_break.split_first_line(*args)
    return _fields(theirs), _fields(found), read


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(pieces=st.lists(st.sampled_from(PIECES), min_size=1, max_size=160), style=st.integers(0, 2 * len(CSS) - 1),
       width=st.one_of(st.sampled_from([35.15, 68.38, 113.75, 442.0, 458.66, 589.6]), st.floats(20, 900)),
       spacing=st.sampled_from([0, 0, 1.5]), line_start=st.booleans())
def test_same_metrics_as_weasyprint(monkeypatch, pieces, style, width, spacing, line_start):
    """Chinese, Latin words, digits, spaces, soft hyphens, tabs, newlines, combining marks, any width."""
    theirs, ours, _ = _both(monkeypatch, "".join(pieces), _styles()[style], CONTEXT, width, spacing, line_start)
    assert ours == theirs


def test_paragraph_lines_read_from_the_first_layout(monkeypatch):
    """A 正文 paragraph (letter-spaced) broken line after line: the same lines, each but the last read from the
    layout that broke it."""
    style = _styles()[0]
    text = "认真做好生态环境信息，通过政府门户网站和政务新媒体等渠道向社会公开，做好医疗卫生领域信息的归集整理和解读回应工作。" * 4
    lines = reads = 0
    while True:
        theirs, ours, read = _both(monkeypatch, text, style, CONTEXT, 442.0, 0)
        assert ours == theirs
        lines, reads = lines + 1, reads + sum(map(bool, read))
        if theirs[3] is None:
            break
        text = text.encode()[theirs[3]:].decode()
    assert lines > 5 and reads == lines - 1


def test_installed_only_over_the_functions_followed(monkeypatch):
    """WeasyPrint 70.0's first_line_metrics is replaced; other sources are left alone."""
    from weasyprint.text import line_break

    layout("<p>字</p>")
    assert kept_lines.install()
    assert line_break.first_line_metrics.__module__ == kept_lines.__name__
    assert kept_lines.own().__module__ == line_break.__name__
    assert kept_lines.known()
    monkeypatch.setattr(kept_lines, "KNOWN_SOURCES", set())
    assert not kept_lines.known()
    before = line_break.first_line_metrics
    assert kept_lines.install.__wrapped__() is False
    assert line_break.first_line_metrics is before


PUNCTUATION = tuple("，。、；：（）《》“”‘’—…·「」") + ("——", "……", "12", "Ａ", "a", " ")


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(pieces=st.lists(st.sampled_from(PUNCTUATION + tuple("认真做好信息公开")), min_size=1, max_size=60),
       style=st.integers(0, 2 * len(CSS) - 1), width=st.floats(15, 160), line_start=st.booleans())
def test_punctuation_takes_the_script_of_its_line(monkeypatch, pieces, style, width, line_start):
    """Narrow lines of full-width punctuation, dashes and ellipses around a few ideographs (a line of nothing but
    punctuation would take its font from the next line's text: laid out again)."""
    theirs, ours, _ = _both(monkeypatch, "".join(pieces), _styles()[style], CONTEXT, width, 0, line_start)
    assert ours == theirs
