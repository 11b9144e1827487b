"""load/yaml_fast.py (libyaml) reads exactly what the pure round-trip reader reads, or leaves it.

The fast reader may decline any text (then the pure reader reads it, and words its errors);
what it does return must equal the pure reader's data and positions, and it must never
accept a text the pure reader refuses.
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from ruamel.yaml import YAML

from zwgk_docs.errors import UserError
from zwgk_docs.load import yaml_fast, yaml_reader

ROOT = Path(__file__).resolve().parent.parent
PLANS = sorted([*ROOT.glob("examples/*.yaml"), *ROOT.glob("tests/data/**/*.yaml")])

pytestmark = pytest.mark.skipif(yaml_fast.CSafeLoader is None, reason="ruamel.yaml.clib not installed")


def _fast(text: str):
    smap = yaml_reader.SourceMap("x.yaml")
    construct = yaml_reader._round_trip_yaml("x.yaml").constructor.construct_object
    data = yaml_fast.read_fast(text, yaml_reader._plain_scalar, construct, smap)
    return data, smap


def _pure(text: str):
    try:
        return yaml_reader._read_pure(text, "x.yaml")
    except UserError:
        return None


def _positions(smap):
    return ({k: tuple(v) for k, v in smap.keys.items()}, {k: tuple(v) for k, v in smap.values.items()})


def _same_or_declined(text: str) -> bool:
    """True when the fast reader declined; asserts equality when it did not."""
    data, smap = _fast(text)
    if data is None:
        return True
    pure = _pure(text)
    assert pure is not None, "the fast reader accepted a text the pure reader refuses"
    assert repr(data) == repr(pure[0])  # repr: types too (date vs datetime, int vs bool)
    assert _positions(smap) == _positions(pure[1])
    return False


@pytest.mark.parametrize("path", PLANS, ids=lambda p: p.name)
def test_every_shipped_plan_reads_alike(path):
    text = path.read_text("utf-8-sig")
    declined = _same_or_declined(text)
    if path.name.endswith(("shenyang-2021.yaml", "mini.yaml", "teda-2018.yaml")):
        assert not declined, "the common plans must take the fast path"


def test_crlf_and_a_thousand_tasks_read_alike():
    text = (ROOT / "examples/shenyang-2021.yaml").read_text("utf-8")
    assert not _same_or_declined(text.replace("\n", "\r\n"))


@pytest.mark.parametrize("text", [
    "a: &x 1\nb: *x\n",  # aliases
    "a: !!str 1\n",  # explicit tags
    "%YAML 1.1\n---\na: yes\n",  # directives
    "a: 1\na: 2\n",  # duplicate keys
    "? [a, b]\n: c\n",  # a non-text key
    "1: a\n",  # a number key
    "a: [https://example.com, b]\n",  # libyaml refuses, ruamel reads
    "a:\tb\n",  # tabs
    "a: b\u2028c\n",  # YAML 1.1 line break
    "a: 1\n---\nb: 2\n",  # two documents
    "- " * 5000 + "x\n",  # deeper than MAX_DEPTH, in one line
])
def test_unusual_texts_are_left_to_the_pure_reader(text):
    assert _fast(text)[0] is None


_WORDS = ["2021-02-30", "2021-09-18", "2021-09-18 10:00", "yes", "null", "0o17", "0x1F", "1_000", ".5", "1e3", "true", "~"]
_TEXT = st.lists(st.sampled_from(list("ab 1:-#'\"[]{},&*!|>%@`?~.\n年月日，：（）“”、0-9") + _WORDS), max_size=8).map("".join)
_SCALAR = st.one_of(_TEXT, st.integers(-10**6, 10**6), st.booleans(), st.none(), st.floats(allow_nan=False, allow_infinity=False),
                    st.dates())
_TREE = st.recursive(_SCALAR, lambda inner: st.one_of(
    st.lists(inner, max_size=4), st.dictionaries(st.text("abc任务_", min_size=1, max_size=5), inner, max_size=4)), max_leaves=25)


@settings(max_examples=50, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(tree=_TREE, flow=st.sampled_from([None, True, False]), style=st.sampled_from([None, '"', "'", "|"]))
def test_dumped_trees_read_alike(tree, flow, style):
    yaml = YAML(typ="rt")
    yaml.default_flow_style = flow
    yaml.default_style = style
    out = io.StringIO()
    yaml.dump({"root": tree}, out)
    _same_or_declined(out.getvalue())


@settings(max_examples=50, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(data=st.data())
def test_edited_plans_read_alike_or_are_declined(data):
    """A plan with a character inserted, deleted or a line doubled, as a slip of the keyboard does."""
    text = (ROOT / "tests/data/mini.yaml").read_text("utf-8")
    at = data.draw(st.integers(0, len(text) - 1))
    edit = data.draw(st.sampled_from(["insert", "delete", "double"]))
    if edit == "insert":
        text = text[:at] + data.draw(st.sampled_from(list(" :-#'\"[]{},&*!|>%@`?\n\t：，"))) + text[at:]
    elif edit == "delete":
        text = text[:at] + text[at + 1:]
    else:
        start = text.rfind("\n", 0, at) + 1
        end = text.find("\n", at) + 1 or len(text)
        text = text[:end] + text[start:end] + text[end:]
    _same_or_declined(text)


def test_an_anchor_is_left_to_the_pure_reader():
    """`year: &2021` (a slip of the keyboard): an anchored empty value, located differently by libyaml."""
    text = (ROOT / "tests/data/mini.yaml").read_text("utf-8").replace("  year: 2021", "  year: &2021", 1)
    assert _fast(text)[0] is None and _same_or_declined(text)
    assert _fast("a: &x 1\nb: 2\n")[0] is None
