"""§7.3.1: a long 标题 turns at the seams of its grammar or between words, each line fits, nothing is lost.

The .docx and the PDF print the same lines (explicit breaks), checked on the 沈阳 example.
"""

from __future__ import annotations

import time

from conftest import example_path, opened_pdf
from hypothesis import given, settings
from hypothesis import strategies as st

from zwgk_docs.standard import gbt9704 as std
from zwgk_docs.standard.text_width import piece_pt
from zwgk_docs.standard.title_breaks import INSIDE_WORD, SLACK_ZI, break_costs, title_lines

WIDTH = std.TEXT_W_MM * std.PT_PER_MM - SLACK_ZI * std.TITLE_PT

TITLES = {
    # seams of the grammar: after 印发 (the document's name kept whole), before 关于
    "沈阳市政务公开领导小组关于印发沈阳市2021年政务公开工作要点的通知":
        ["沈阳市政务公开领导小组关于印发", "沈阳市2021年政务公开工作要点的通知"],
    "天津经济技术开发区管理委员会办公室关于印发2018年开发区政务公开重点工作任务分解表的通知":
        ["天津经济技术开发区管理委员会办公室", "关于印发2018年开发区政务公开", "重点工作任务分解表的通知"],
    # no seam fits: between two words, never inside 政务公开 or 印发
    "吉林市人民政府办公厅关于印发2018年全市政务公开工作重点任务分工方案的通知":
        ["吉林市人民政府办公厅关于印发2018年全市", "政务公开工作重点任务分工方案的通知"],
    "关于做好2024年政务公开工作的通知": ["关于做好2024年政务公开工作的通知"],
    # never "的通知" alone on a last line (长短适宜)
    "成都市武侯区人民政府办公室关于印发武侯区2021年政务公开工作要点责任分工的通知":
        ["成都市武侯区人民政府办公室", "关于印发武侯区2021年政务公开", "工作要点责任分工的通知"],
}


def test_known_titles():
    for title, lines in TITLES.items():
        assert title_lines(title) == lines, title


def test_no_break_inside_a_word_when_another_fits():
    for title in TITLES:
        costs = break_costs(title)
        lines = title_lines(title)
        starts = [sum(len(x) for x in lines[:k]) for k in range(1, len(lines))]
        assert all(costs[s] < INSIDE_WORD for s in starts), (title, lines)


def test_numbers_units_and_punctuation_never_part():
    costs = break_costs("关于印发《2021年政务公开工作要点》的通知")
    text = "关于印发《2021年政务公开工作要点》的通知"
    for i in costs:
        assert not (text[i - 1].isdigit() and (text[i].isdigit() or text[i] == "年")), i
        assert text[i] not in "》" and text[i - 1] not in "《"


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("政务公开工作要点关于印发的通知市区县人民政府办公室2021年《》、ABC")), min_size=1, max_size=120))
def test_any_title_is_split_losslessly_and_every_line_fits_when_it_can(text):
    start = time.perf_counter()
    lines = title_lines(text)
    assert time.perf_counter() - start < 1.0  # never a search that explodes
    assert "".join(lines) == text
    if len(lines) > 1:
        assert all(piece_pt(line, 0, len(line), std.TITLE_PT) <= WIDTH + 1e-6 for line in lines), lines


def test_docx_and_pdf_print_the_same_lines(built_plan):
    """The 沈阳 notice: the .docx title holds the chosen lines as line breaks; the PDF prints them."""
    import docx

    lines = ["沈阳市政务公开领导小组关于印发", "沈阳市2021年政务公开工作要点的通知"]
    notice_docx = built_plan(example_path("shenyang-2021")).path("notice.docx")
    title = next(p for p in docx.Document(str(notice_docx)).paragraphs if p.text.replace("\n", "") == "".join(lines))
    assert title.text.split("\n") == lines
    rows: dict[int, str] = {}
    with opened_pdf(built_plan(example_path("shenyang-2021"), "pdf", by_unit=False).path("notice.pdf")) as pdf:
        for w in pdf.pages[0].extract_words(extra_attrs=["size"]):
            if w["size"] > 20:
                rows[round(w["top"])] = rows.get(round(w["top"]), "") + w["text"]
    assert [rows[k] for k in sorted(rows)][1:] == lines  # under the 发文机关标志
