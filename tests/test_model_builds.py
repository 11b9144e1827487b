"""model_builds.py: the executable builds the plan model's validators on first use (library use: with the
classes). Either way a plan loads to the same model, a broken one fails with the same located messages."""

from __future__ import annotations

import json
import subprocess
import sys

from conftest import ROOT
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fuzz_plans import as_yaml, broken_plan, valid_plan
from zwgk_docs import UserError, loads
from zwgk_docs.model import Plan

# Loads each text given on stdin (a JSON list) with the validators built on first use, as `zwgk` does.
LOAD_ON_FIRST_USE = """
import json, sys
from zwgk_docs import model_builds
model_builds.ON_FIRST_USE = True
from zwgk_docs import UserError, loads
from zwgk_docs.model import Plan
assert Plan.__pydantic_complete__ is False  # nothing built by the import
out = []
for text in json.load(sys.stdin):
    try:
        out.append(["plan", loads(text).model_dump(mode="json")])
    except UserError as error:
        out.append(["error", [str(d) for d in error.diagnostics]])
print(json.dumps(out, ensure_ascii=False))
"""


def loaded_here(text: str) -> list[object]:
    try:
        return ["plan", loads(text).model_dump(mode="json")]
    except UserError as error:
        return ["error", [str(d) for d in error.diagnostics]]


def loaded_on_first_use(texts: list[str]) -> list[list[object]]:
    done = subprocess.run([sys.executable, "-c", LOAD_ON_FIRST_USE], input=json.dumps(texts), capture_output=True,
                          text=True, cwd=ROOT, timeout=120, check=True)
    return json.loads(done.stdout)  # type: ignore[no-any-return]


def test_this_process_builds_them_with_the_classes():
    assert Plan.__pydantic_complete__ is True


@settings(max_examples=4, deadline=None, suppress_health_check=list(HealthCheck), database=None)
@given(st.lists(st.one_of(broken_plan(), valid_plan(2, 2, 2)), min_size=8, max_size=8),
       st.sampled_from(["block", "flow"]))
def test_the_same_plans_and_errors_either_way(plans, style):
    texts = [as_yaml(data, style) for data in plans]
    examples = (ROOT / "examples").glob("*.yaml")
    texts += [path.read_text(encoding="utf-8") for path in sorted(examples)]
    assert loaded_on_first_use(texts) == [loaded_here(text) for text in texts]
