"""Each example reproduces its seed document: every task, sub-task, unit and deadline, with the seed's numbers."""

import json

import pytest

from conftest import EXAMPLE_NAMES, SEEDS, example_path, squash, zwgk
from zwgk_docs import build_context, load_plan
from zwgk_docs.load import load_plan_with_warnings

SEED_FILES = {
    "siping-2018": "000_faf1ee59e50a76da.txt",
    "jilin-2018": "001_c753b72a8911a67c.txt",
    "chizhou-2018": "002_46f165a63541e37e.txt",
    "teda-2018": "003_6e628a68f77c9935.txt",
    "shenyang-2021": "004_9c6554cf7d48d132.txt",
}
TASK_COUNTS = {"siping-2018": 15, "jilin-2018": 17, "chizhou-2018": 25, "teda-2018": 30, "shenyang-2021": 28}
# The seed's own numbering of its tasks, as printed there.
FIRST_LAST_LABELS = {
    "siping-2018": ("1.", "15."), "jilin-2018": ("（一）", "（十七）"), "chizhou-2018": ("1.", "25."),
    "teda-2018": ("1．", "30．"), "shenyang-2021": ("1.", "28."),
}


def seed(name: str) -> str:
    return squash((SEEDS / SEED_FILES[name]).read_text(encoding="utf-8").replace("**", "").replace("<b>", "").replace("</b>", ""))


@pytest.fixture(scope="module", params=EXAMPLE_NAMES)
def example(request):
    name = request.param
    return name, build_context(load_plan(example_path(name))), seed(name)


def test_validates_without_errors(example):
    name, _, _ = example
    result = zwgk("validate", example_path(name))
    assert result.returncode == 0, result.stderr


def test_task_count_and_numbers(example):
    name, ctx, _ = example
    labels = [t.label for t in ctx.tasks]
    assert len(labels) == TASK_COUNTS[name]
    assert (labels[0], labels[-1]) == FIRST_LAST_LABELS[name]
    assert len(set(labels)) == len(labels)  # one number per task


def _occurs_in_order(pieces: list[str], text: str) -> list[str]:
    """Pieces not found in text at or after the previous piece's position."""
    missing, pos = [], 0
    for piece in pieces:
        at = text.find(piece, pos)
        if at < 0:
            missing.append(piece[:30])
        else:
            pos = at
    return missing


def test_tasks_are_verbatim_and_in_seed_order(example):
    name, ctx, text = example
    heads = []
    for task in ctx.tasks:
        head = squash(task.title or task.text)[:25]
        variants = [squash(task.label) + head, str(task.ordinal) + "|" + head, str(task.ordinal) + head, head]
        found = next((v for v in variants if v in text), None)
        assert found, f"{name} task {task.label} not in seed: {head}"
        heads.append(found)
    assert _occurs_in_order(heads, text) == []


def test_every_text_unit_and_deadline_is_in_seed(example):
    name, ctx, text = example
    missing = []
    written = {t.id: t for t in ctx.plan.iter_tasks()}  # units as the plan writes them (the table prints these)
    for task in ctx.tasks:
        plan_task = written[task.id]
        for node, raw in zip([task, *task.subtasks], [plan_task, *plan_task.subtasks]):
            pieces = [node.title, *node.text.split("\n"), *raw.lead, *raw.responsible, *raw.cooperate, node.deadline]
            missing += [f"{task.label} {p[:30]}" for p in pieces if p and squash(p) not in text]
    assert missing == []


def test_outline_json_matches_numbered_headings(example):
    name, ctx, text = example
    result = zwgk("outline", "--json", example_path(name))
    items = json.loads(result.stdout)["items"]
    assert [i["label"] for i in items] == [o.label for o in ctx.outline]
    for item in items:
        if item["kind"] in ("part", "section") and item["label"]:
            assert squash(item["label"] + item["title"]) in text, item


def test_no_structural_warnings(example):
    name, _, _ = example
    _, warnings = load_plan_with_warnings(example_path(name))
    assert [str(w) for w in warnings if "不在计划年度" in w.message] == []
