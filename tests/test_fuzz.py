"""Random plans, valid and broken (hypothesis): every answer is a located Chinese user error or
outputs that show the text literally — never a traceback, never the exit-3 last resort.

Example counts follow HYPOTHESIS_PROFILE: "dev" (the default, a quick developer run), "ci" (set by
.ci/run: bounded, derandomized so CI is repeatable), "release" (a longer run before a release:
HYPOTHESIS_PROFILE=release pytest tests/test_fuzz.py; docs/security.md, docs/testing.md). A failure prints the plan that caused it (hypothesis shrinks it first).
"""

from __future__ import annotations

import html
import io
import os
import re
import zipfile

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

import zwgk_docs
from zwgk_docs.errors import UserError
from zwgk_docs.load import loads, loads_with_warnings
from zwgk_docs.model.text import clean_text

from fuzz_plans import RAW, STYLES_OF_TEXT, as_yaml, broken_plan, foreign_formulas, valid_plan

PROFILE = os.environ.get("HYPOTHESIS_PROFILE", "dev")
# examples per test: (load + outline, broken plans, raw text, build docx+xlsx+html, build pdf)
COUNTS = {"dev": (60, 40, 200, 6, 1), "ci": (400, 200, 400, 30, 3), "release": (10000, 5000, 5000, 500, 40)}
N_LOAD, N_BROKEN, N_RAW, N_BUILD, N_PDF = COUNTS.get(PROFILE, COUNTS["dev"])
# The quick subset (`-m "not slow"`) draws at most the dev counts in every profile; each test has a `slow`
# twin that draws the rest of the profile's count (other examples: derandomized by the twin's own source),
# so the full suite (CI) still tries N_* plans per property and a quick run stays quick.
QUICK_LOAD, QUICK_BROKEN, QUICK_RAW, QUICK_BUILD, _ = COUNTS["dev"]


def quick_and_more(total: int, quick: int) -> tuple[int, int]:
    """(examples in the quick test, examples in its slow twin) for a profile's `total`."""
    return min(total, quick), max(total - quick, 0)


Q_LOAD, M_LOAD = quick_and_more(N_LOAD, QUICK_LOAD)
Q_BROKEN, M_BROKEN = quick_and_more(N_BROKEN, QUICK_BROKEN)
Q_RAW, M_RAW = quick_and_more(N_RAW, QUICK_RAW)
Q_BUILD, M_BUILD = quick_and_more(N_BUILD, QUICK_BUILD)


def slow_twin(more: int):
    """Marks for the twin that draws `more` examples (skipped when the profile has none left)."""
    def mark(test):
        test = pytest.mark.skipif(more == 0, reason=f"HYPOTHESIS_PROFILE={PROFILE}: the quick test drew them all")(test)
        return pytest.mark.slow(test)
    return mark


DERANDOMIZE = PROFILE != "release"  # the same examples on every CI run; a release run explores
COMMON = dict(deadline=None, database=None, print_blob=True,
              # CI reports the failing example as drawn; a release run also shrinks it (can take minutes)
              phases=tuple(Phase) if PROFILE == "release" else (Phase.explicit, Phase.reuse, Phase.generate),
              suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much])

CJK = re.compile(r"[\u4e00-\u9fff]")
ENGLISH = re.compile(r"Input should|Field required|validation error|Traceback|Error:|object has no|unexpected|"
                     r"expected|found|while (?:scanning|parsing)|line \d+, column", re.I)


def assert_user_error(exc: UserError, name: str) -> None:
    assert exc.diagnostics
    for d in exc.diagnostics:
        text = str(d)
        assert CJK.search(d.message), text
        assert not ENGLISH.search(d.message), text
        assert d.location is not None and d.location.file == name and d.location.line, f"no line: {text}"


def load_or_error(text: str, name: str = "fuzz.yaml"):
    try:
        return loads_with_warnings(text, name)
    except UserError as exc:
        assert_user_error(exc, name)
        return None


def check_valid_plan(data, style) -> None:
    loaded = load_or_error(as_yaml(data, style))
    if loaded is None:  # a drawn deadline like 2022-02-30 or an empty title after cleaning: a located user error
        return
    plan, warnings = loaded
    for w in warnings:
        assert CJK.search(w.message) and not ENGLISH.search(w.message), str(w)
    ctx = zwgk_docs.build_context(plan)
    assert len(ctx.outline) >= len(plan.iter_tasks())
    # writers read the context's revalidated copy: cleaning the loaded text again changed nothing
    assert ctx.plan.model_dump() == plan.model_dump()


@settings(max_examples=Q_LOAD, derandomize=DERANDOMIZE, **COMMON)
@given(valid_plan(1, 2, 2), STYLES_OF_TEXT)
def test_valid_plans_load_and_outline(data, style):
    check_valid_plan(data, style)


@slow_twin(M_LOAD)
@settings(max_examples=max(M_LOAD, 1), derandomize=DERANDOMIZE, **COMMON)
@given(valid_plan(1, 2, 2), STYLES_OF_TEXT)
def test_more_valid_plans_load_and_outline(data, style):
    check_valid_plan(data, style)


@settings(max_examples=Q_BROKEN, derandomize=DERANDOMIZE, **COMMON)
@given(broken_plan(), STYLES_OF_TEXT)
def test_broken_plans_are_located_chinese_errors(data, style):
    load_or_error(as_yaml(data, style))


@slow_twin(M_BROKEN)
@settings(max_examples=max(M_BROKEN, 1), derandomize=DERANDOMIZE, **COMMON)
@given(broken_plan(), STYLES_OF_TEXT)
def test_more_broken_plans_are_located_chinese_errors(data, style):
    load_or_error(as_yaml(data, style))


def check_raw_text(text: str) -> None:
    if not text.strip():
        with pytest.raises(UserError):
            loads(text)
        return
    load_or_error(text)


@settings(max_examples=Q_RAW, derandomize=DERANDOMIZE, **COMMON)
@given(RAW)
def test_raw_text_is_a_plan_or_a_located_chinese_error(text):
    check_raw_text(text)


@slow_twin(M_RAW)
@settings(max_examples=max(M_RAW, 1), derandomize=DERANDOMIZE, **COMMON)
@given(RAW)
def test_more_raw_text_is_a_plan_or_a_located_chinese_error(text):
    check_raw_text(text)


def render_or_chinese_error(data, formats: list[str]):
    """(plan, files) of a drawn plan, or None when loading or rendering refused it in Chinese."""
    loaded = load_or_error(as_yaml(data, "block"))
    if loaded is None:
        return None
    try:
        return loaded[0], zwgk_docs.render(loaded[0], formats)
    except UserError as exc:
        for d in exc.diagnostics:
            assert CJK.search(d.message) and not ENGLISH.search(d.message), str(d)
        return None


def _texts(plan) -> list[str]:
    """Task titles as a writer must show them (cleaned, stripped), long enough to find."""
    return [t.title for t in plan.iter_tasks() if t.title and len(t.title) >= 3 and "\n" not in t.title]


def check_built_plan(data) -> None:
    built = render_or_chinese_error(data, ["docx", "xlsx", "html"])
    if built is None:
        return
    plan, files = built
    from openpyxl import load_workbook

    for name, data_bytes in files.items():
        if name.endswith((".xlsx", ".docx")):
            with zipfile.ZipFile(io.BytesIO(data_bytes)) as z:
                assert z.testzip() is None
                for entry in z.namelist():
                    if entry.startswith("xl/worksheets/"):
                        assert not foreign_formulas(z.read(entry)), f"formula from user text in {name}"
    cells = {str(c.value) for ws in load_workbook(io.BytesIO(files["tasks.xlsx"])).worksheets
             for row in ws.iter_rows() for c in row if c.value is not None}
    page = files.get("notice.html") or next(v for k, v in files.items() if k.endswith(".html"))
    page_text = html.unescape(re.sub(r"<[^>]+>", "", page.decode("utf-8")))
    for title in _texts(plan):
        assert any(title in c for c in cells) or not any(c.field in ("task", "task_title", "task_full")
                                                         for c in plan.table.columns), title
        assert clean_text(title) in page_text or title in page_text, title


@settings(max_examples=Q_BUILD, derandomize=DERANDOMIZE, **COMMON)
@given(valid_plan(2, 2, 2))
def test_random_plans_build_with_text_shown_literally(data):
    check_built_plan(data)


@slow_twin(M_BUILD)
@settings(max_examples=max(M_BUILD, 1), derandomize=DERANDOMIZE, **COMMON)
@given(valid_plan(2, 2, 2))
def test_more_random_plans_build_with_text_shown_literally(data):
    check_built_plan(data)


@pytest.mark.slow
@settings(max_examples=N_PDF, derandomize=DERANDOMIZE, **COMMON)
@given(valid_plan(1, 2, 2))
def test_random_plans_make_pdfs(data):
    built = render_or_chinese_error(data, ["pdf"])
    if built is None:
        return
    _, files = built
    assert files["tasks.pdf"].startswith(b"%PDF")


@given(st.data())
@settings(max_examples=1, **COMMON)
def test_strategies_draw(data):
    assert data.draw(valid_plan())["plan"]["parts"]
