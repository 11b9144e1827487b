"""Hypothesis strategies for plans: valid ones (random structure and text) and broken ones.

Used by tests/test_fuzz.py. Text mixes Chinese, ASCII and what breaks naive writers: XML/HTML
specials, template syntax, formula starts, control and bidi characters, emoji, full-width forms.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from typing import Any

from hypothesis import strategies as st

from zwgk_docs.model.vocab import COLUMNS as COLUMN_FIELDS
from zwgk_docs.model.vocab import NUMBER_STYLES

SPECIAL = ["<", ">", "&", '"', "'", "{{ x }}", "{% if %}", "${x}", "=1+1", "+", "-", "@", "\t", "\r", "\x00", "\x07",
           "\x1b", "\u202e", "\u200b", "\ufeff", "\u2028", "😀", "（", "）", "，", "：", "……", "\\", "/", "%", "#", "*", "&a",
           "]]>", "<!--", "<script>", "\\n", "\n", "\n\n", "  ", "CON", "..", "：值", ")!", "?("]
CJK = st.characters(min_codepoint=0x4E00, max_codepoint=0x62FF)
PIECES = st.one_of(
    st.text(CJK, min_size=1, max_size=6),
    st.text(st.characters(min_codepoint=0x20, max_codepoint=0x7E), min_size=1, max_size=6),
    st.sampled_from(SPECIAL),
    st.text(max_size=3),  # anything unicode
)
TEXT = st.lists(PIECES, min_size=1, max_size=6).map("".join)
SHORT = st.lists(PIECES, min_size=1, max_size=3).map("".join)
UNIT = st.one_of(st.sampled_from(["市财政局", "市政务公开办", "各区县政府", "市政府各部门", "=SUM(A1)", "CON", "\u202e局.exe"]), SHORT)
DEADLINES = st.one_of(
    st.sampled_from(["全年", "年底前", "持续推进", "长期坚持", "及时公开", "每年一次", "9月底", "12月底前", "2021年7月底前完成",
                     "11月30日前", "十二月底", "2021年底前", "2022-02-30", "2021-13-01", "二〇二一年", "6月31日前"]),
    st.dates().map(str), st.dates(), SHORT,
)
STYLES = st.sampled_from(sorted(NUMBER_STYLES))
FIELDS = st.sampled_from(sorted(COLUMN_FIELDS) + ["extra:备注"])


def _units() -> st.SearchStrategy:
    return st.one_of(st.none(), UNIT, st.lists(UNIT, max_size=3))


@st.composite
def assignment(draw) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key in ("lead", "responsible", "cooperate"):
        if draw(st.booleans()):
            out[key] = draw(_units())
    if draw(st.booleans()):
        out["deadline"] = draw(DEADLINES)
    if draw(st.integers(0, 4)) == 0:
        out["disclosure_time"] = draw(SHORT)
    if draw(st.integers(0, 4)) == 0:
        out["extra"] = {"备注": draw(SHORT)}
    return out


@st.composite
def task(draw, max_subtasks: int = 3) -> dict[str, Any]:
    out = {"title": draw(TEXT), "text": draw(st.one_of(TEXT, st.lists(TEXT, max_size=2)))}
    out.update(draw(assignment()))
    subtasks = draw(st.lists(st.builds(lambda t, a: {"text": t, **a}, TEXT, assignment()), max_size=max_subtasks))
    if subtasks:
        out["subtasks"] = subtasks
    return out


@st.composite
def valid_plan(draw, parts_max: int = 3, tasks_max: int = 3, subtasks_max: int = 3) -> dict[str, Any]:
    """A plan as people write them; the *_max bound its size (small plans let CI try more of them)."""
    parts = []
    for _ in range(draw(st.integers(1, parts_max))):
        part: dict[str, Any] = {"title": draw(TEXT)}
        if draw(st.booleans()):
            part["sections"] = [{"title": draw(TEXT), "tasks": draw(st.lists(task(subtasks_max), min_size=1, max_size=max(1, tasks_max - 1)))}
                                for _ in range(draw(st.integers(1, 2)))]
        else:
            part["tasks"] = draw(st.lists(task(subtasks_max), min_size=1, max_size=tasks_max))
        parts.append(part)
    columns = [{"header": draw(SHORT), "field": f, "width": draw(st.floats(1, 80))}
               for f in draw(st.lists(FIELDS, min_size=1, max_size=6, unique=True))]
    plan: dict[str, Any] = {
        "plan": {
            "title": draw(TEXT), "year": draw(st.integers(2000, 2100)), "parts": parts,
            "numbering": {level: {"style": draw(STYLES), "restart": draw(st.booleans())}
                          for level in ("part", "section", "task", "subtask")},
        },
        "table": {"columns": columns, "part_rows": draw(st.booleans()),
                  "unit_separator": draw(st.sampled_from(["、", "\n", "，", " / "]))},
    }
    if draw(st.booleans()):
        plan["notice"] = {"issuer": draw(SHORT), "title": draw(TEXT), "date": str(draw(st.dates(min_value=dt.date(1990, 1, 1)))),
                          "body": draw(st.lists(TEXT, max_size=3)), "recipients": draw(SHORT),
                          "attachments": [{"title": draw(SHORT), "content": draw(st.sampled_from(["table", "plan", "none"]))}]}
    if draw(st.booleans()):
        plan["fonts"] = draw(st.sampled_from(["gb2312", "plain"]))
    return plan


JUNK = st.one_of(st.none(), st.booleans(), st.integers(-10**30, 10**30), st.floats(allow_nan=True), TEXT,
                 st.lists(SHORT, max_size=2), st.dictionaries(SHORT, SHORT, max_size=2))


@st.composite
def broken_plan(draw) -> dict[str, Any]:
    """A valid plan with a few random changes: a key dropped, a value of the wrong kind, a key added."""
    plan = draw(valid_plan(2, 2, 2))
    for _ in range(draw(st.integers(1, 3))):
        holder, key = _random_slot(draw, plan)
        action = draw(st.sampled_from(["drop", "junk", "add"]))
        if action == "drop" and isinstance(holder, dict) and key in holder:
            del holder[key]
        elif action == "junk":
            holder[key] = draw(JUNK)
        elif isinstance(holder, dict):
            holder[draw(SHORT)] = draw(JUNK)
    return plan


def _random_slot(draw, node: Any) -> tuple[Any, Any]:
    holder, key = node, None
    while True:
        keys = list(holder) if isinstance(holder, dict) else list(range(len(holder))) if isinstance(holder, list) else []
        if not keys:
            return holder, key
        key = draw(st.sampled_from(keys))
        child = holder[key]
        if not isinstance(child, (dict, list)) or not child or draw(st.integers(0, 2)) == 0:
            return holder, key
        holder = child


def as_yaml(data: Any, style: str) -> str:
    """JSON (valid YAML) on one line or indented, or block YAML as people write it."""
    if style == "flow":
        return json.dumps(data, ensure_ascii=False, default=str) + "\n"
    if style == "json":
        return json.dumps(data, ensure_ascii=False, default=str, indent=1) + "\n"
    import io

    from ruamel.yaml import YAML

    yaml = YAML(typ="safe", pure=True)
    yaml.allow_unicode = True
    buf = io.StringIO()
    yaml.dump(json.loads(json.dumps(data, default=str)), buf)
    return buf.getvalue()


STYLES_OF_TEXT = st.sampled_from(["block", "json", "flow"])
# Raw text that is barely YAML: the loader must still answer in Chinese with a line.
RAW = st.one_of(
    st.text(max_size=200),
    st.lists(st.sampled_from(["plan:", "  - ", "table:", "  columns:", "[", "]", "{", "}", ": ", "&a ", "*a", "!!python/object ",
                              "---", "...", "? ", "|", ">", "\t", "\"", "'", "#", "%YAML 1.1", "\n", "  ", "- ", "!tag ",
                              "year: 2021", "title: 标题", "\x84", "\ufeff", "<<: *a"]), max_size=40).map("".join),
)


# The ledger's summary sheet counts statuses with formulas of its own; any other formula came from user text.
_FORMULA = re.compile(rb"<f>(.*?)</f>|<f [^>]*>(.*?)</f>", re.S)
_OWN_FORMULA = re.compile(rb"^(COUNTIFS?|IF)\(")


def foreign_formulas(sheet_xml: bytes) -> list[bytes]:
    return [f for m in _FORMULA.finditer(sheet_xml) for f in [m.group(1) or m.group(2) or b""] if not _OWN_FORMULA.match(f)]
