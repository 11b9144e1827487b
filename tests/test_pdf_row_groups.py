"""The printed task table in row groups (geometry.row_groups): a long table stays linear to lay out."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from zwgk_docs.context.table import TableCell, TableModel, TableRow
from zwgk_docs.writers.pdf import geometry as g


def _table(spans: list[tuple[str, int]]) -> TableModel:
    """Rows of kind ("part"/"data") whose first cell merges `span` rows down (clipped to the table)."""
    rows: list[TableRow] = []
    covered_until = -1
    for index, (kind, span) in enumerate(spans):
        if kind == "part":
            rows.append(TableRow("part", [TableCell("第一部分")]))
            continue
        span = min(span, len(spans) - index)
        if index <= covered_until:
            first = TableCell("", covered=True)
        else:
            first = TableCell("甲", rowspan=span)
            covered_until = index + span - 1
        rows.append(TableRow("data", [first, TableCell("任务")]))
    return TableModel("表", [], rows)


@given(st.lists(st.tuples(st.sampled_from(["data"] * 9 + ["part"]), st.integers(1, 40)), max_size=300))
def test_groups_never_cut_a_merge_and_stay_short(spans):
    table = _table(spans)
    starts = sorted(g.row_groups(table))
    assert 0 not in starts
    reach = -1  # the last row a merge above reaches
    for index, row in enumerate(table.rows):
        if index in starts:
            assert index > reach, "a <tbody> must not start under a merged cell"
        reach = max([reach] + [index + c.rowspan - 1 for c in row.cells if not c.covered])
    bounds = [0] + starts + [len(table.rows)]
    for start, end in zip(bounds, bounds[1:]):
        long_merge = any(c.rowspan > 1 for r in table.rows[start:end] for c in r.cells)
        assert end - start <= g.ROW_GROUP or long_merge


def test_every_part_row_starts_a_group_unless_merged_into():
    table = _table([("part", 1)] + [("data", 1)] * 5 + [("part", 1)] + [("data", 1)] * 60)
    starts = g.row_groups(table)
    assert 6 in starts and 0 not in starts
    assert all(b - a <= g.ROW_GROUP for a, b in zip(sorted(starts), sorted(starts)[1:]))
