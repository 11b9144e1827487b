"""A table's collapsed border grid resolved with each style's sides read once (writers/pdf/collapsed_borders.py):
the same grid and used border widths as WeasyPrint's own collapse_table_borders on random tables (spans, row,
row group, column and table borders, every border style, right to left), and the same PDF bytes (issue 16)."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from zwgk_docs.writers.pdf import collapsed_borders
from zwgk_docs.writers.pdf.render import layout, write

BORDERS = ("none", "0.5pt solid #000", "1pt solid red", "2pt double blue", "1pt dashed", "3pt dotted green",
           "hidden", "2pt inset #888", "2pt outset #888", "1pt ridge", "1pt groove", "1.5pt solid currentcolor",
           "0.5pt solid transparent")
BOXES = ("table", "thead", "tbody", "tr", "td", "th", "col", "colgroup")


def _tables(document: object) -> list:
    from weasyprint.formatting_structure import boxes

    found = []
    for page in document.pages:  # type: ignore[attr-defined]
        for box in page._page_box.descendants():
            if isinstance(box, boxes.TableBox):
                found.append(box)
    return found


def _facts(document: object) -> list:
    """Each table box's grid and the used border widths of it and its rows' cells."""
    facts = []
    for table in _tables(document):
        widths = [(cell.border_top_width, cell.border_right_width, cell.border_bottom_width, cell.border_left_width)
                  for group in table.children for row in group.children for cell in row.children]
        facts.append((table.collapsed_border_grid, widths, table.border_left_width, table.border_top_width))
    return facts


def _with_own(monkeypatch: object, html: str) -> tuple:
    from weasyprint.formatting_structure import build

    layout("<p>字</p>")  # installs the replacements
    assert collapsed_borders.install()
    ours = build.collapse_table_borders
    from weasyprint.layout import table

    assert ours.__wrapped__ is table.collapse_table_borders
    mine = layout(html)
    monkeypatch.setattr(build, "collapse_table_borders", ours.__wrapped__)  # type: ignore[attr-defined]
    theirs = layout(html)
    monkeypatch.setattr(build, "collapse_table_borders", ours)  # type: ignore[attr-defined]
    return mine, theirs


@st.composite
def tables(draw: st.DrawFn) -> str:
    columns = draw(st.integers(1, 4))
    rtl = draw(st.booleans())
    css = " ".join(f"{name}.b{i} {{ border: {border}; }}" for name in BOXES for i, border in enumerate(BORDERS))
    css += " td.s, th.s { border-left: 2pt solid #0a0; border-bottom-style: hidden; }"

    def cls(name: str) -> str:
        extra = " s" if name in ("td", "th") and draw(st.booleans()) else ""
        return f" class='b{draw(st.integers(0, len(BORDERS) - 1))}{extra}'"

    cols = "".join(f"<col{cls('col')}>" for _ in range(columns)) if draw(st.booleans()) else ""
    parts = []
    for group in (("thead",) if draw(st.booleans()) else ()) + ("tbody",) * draw(st.integers(1, 2)):
        rows = []
        for _ in range(draw(st.integers(1, 3))):
            cells, used = [], 0
            while used < columns:
                span = draw(st.integers(1, columns - used))
                rowspan = draw(st.integers(1, 2))
                tag = "th" if group == "thead" else "td"
                cells.append(f"<{tag}{cls(tag)} colspan='{span}' rowspan='{rowspan}'>认真做好</{tag}>")
                used += span
            rows.append(f"<tr{cls('tr')}>{''.join(cells)}</tr>")
        parts.append(f"<{group}{cls(group)}>{''.join(rows)}</{group}>")
    direction = " dir='rtl'" if rtl else ""
    return (f"<html lang='zh-CN'><head><style>table {{ border-collapse: collapse; color: #345; }} {css}</style></head>"
            f"<body><table{cls('table')}{direction}><colgroup{cls('colgroup')}>{cols}</colgroup>{''.join(parts)}</table>"
            "</body></html>")


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(html=tables())
def test_same_grid_as_weasyprints_own(monkeypatch, html):
    mine, theirs = _with_own(monkeypatch, html)
    assert _facts(mine) == _facts(theirs)


def test_same_pdf_as_weasyprints_own(tmp_path, monkeypatch):
    rows = "".join(f"<tr><td>{i}</td><td class='b{i % len(BORDERS)}'>认真做好政务公开工作</td><td>2021年底</td></tr>"
                   for i in range(60))
    css = " ".join(f"td.b{i} {{ border-right: {border}; }}" for i, border in enumerate(BORDERS))
    html = ("<html lang='zh-CN'><head><style>table { border-collapse: collapse; width: 100% } td, th { border: 0.5pt "
            f"solid #000 }} {css}</style></head><body><table><thead><tr><th>序号</th><th>任务</th><th>时限</th></tr>"
            f"</thead><tbody>{rows}</tbody></table></body></html>")
    mine, theirs = _with_own(monkeypatch, html)
    assert write(mine, tmp_path / "ours.pdf").read_bytes() == write(theirs, tmp_path / "theirs.pdf").read_bytes()


def test_installed_only_over_the_function_followed(monkeypatch):
    from weasyprint.layout import table

    layout("<p>字</p>")
    assert collapsed_borders.known(table.collapse_table_borders)
    assert not collapsed_borders.known(collapsed_borders.install)
