import pytest

from zwgk_docs import build_context, loads
from zwgk_docs.numbering import chinese_numeral, format_label, parse_chinese_numeral


@pytest.mark.parametrize("n,text", [(1, "一"), (10, "十"), (11, "十一"), (17, "十七"), (20, "二十"), (21, "二十一"),
                                    (28, "二十八"), (99, "九十九"), (100, "一百"), (101, "一百零一"), (110, "一百一十")])
def test_chinese_numerals(n, text):
    assert chinese_numeral(n) == text
    assert parse_chinese_numeral(text) == n


@pytest.mark.parametrize("style,n,label", [("一、", 12, "十二、"), ("（一）", 17, "（十七）"), ("1.", 7, "7."),
                                           ("1．", 30, "30．"), ("1、", 3, "3、"), ("（1）", 2, "（2）"), ("1", 5, "5"),
                                           ("none", 4, "")])
def test_label_styles(style, n, label):
    assert format_label(style, n) == label


def _plan(numbering: str, shape: list[list[int]]) -> str:
    """A plan with parts → sections → task counts; numbering is a YAML flow mapping."""
    lines = ["plan:", "  title: 测试", "  year: 2021", f"  numbering: {numbering}", "  parts:"]
    for p, sections in enumerate(shape):
        lines += [f"    - title: 部分{p}", "      sections:"]
        for s, count in enumerate(sections):
            lines += [f"        - title: 小节{p}{s}", "          tasks:"]
            lines += [f"            - title: 任务{p}{s}{t}" for t in range(count)]
    lines += ["table:", "  columns:", "    - {header: 内容, field: task}"]
    return "\n".join(lines) + "\n"


def labels(text: str, kind: str) -> list[str]:
    return [i.label for i in build_context(loads(text)).outline if i.kind == kind]


def test_teda_style_sections_restart_tasks_continue():
    text = _plan('{section: {style: "（一）", restart: true}, task: {style: "1．", restart: false}}', [[2, 1], [1, 2]])
    assert labels(text, "section") == ["（一）", "（二）", "（一）", "（二）"]
    assert labels(text, "task") == ["1．", "2．", "3．", "4．", "5．", "6．"]
    assert labels(text, "part") == ["一、", "二、"]


def test_restarting_tasks_and_continuous_sections():
    text = _plan('{section: {style: "（一）", restart: false}, task: {style: "1.", restart: true}}', [[2, 1], [1]])
    assert labels(text, "section") == ["（一）", "（二）", "（三）"]
    assert labels(text, "task") == ["1.", "2.", "1.", "1."]


def test_unnumbered_parts_and_beyond_ten():
    text = _plan('{part: {style: none}, section: {style: "（一）", restart: false}}', [[1] * 12])
    assert labels(text, "part") == [""]
    assert labels(text, "section")[-2:] == ["（十一）", "（十二）"]


def test_ids_are_stable_and_unique():
    text = _plan("{}", [[2]])
    first = [i.id for i in build_context(loads(text)).outline]
    again = [i.id for i in build_context(loads(text)).outline]
    assert first == again and len(set(first)) == len(first)
    # reordering tasks keeps each task's derived id
    swapped = text.replace("任务000", "TMP").replace("任务001", "任务000").replace("TMP", "任务001")
    ids = {i.title: i.id for i in build_context(loads(swapped)).outline}
    assert ids["任务000"] == dict(zip([i.title for i in build_context(loads(text)).outline], first))["任务000"]
