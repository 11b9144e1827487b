"""How a batch hands plans to its workers (batch.py): the biggest first, results in plan order."""

from __future__ import annotations

from zwgk_docs.batch import _largest_first


def test_biggest_plans_start_first_equal_ones_in_order(tmp_path):
    sizes = {"a.yaml": 10, "b.yaml": 300, "c.yaml": 10, "d.yaml": 50}
    paths = []
    for name, size in sizes.items():
        (tmp_path / name).write_text("x" * size, encoding="utf-8")
        paths.append(tmp_path / name)
    paths.append(tmp_path / "missing.yaml")  # reported by its own build, last
    assert _largest_first(paths) == [1, 3, 0, 2, 4]
