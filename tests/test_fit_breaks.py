"""fit_breaks: the standard probe's verdict read off the notice's own layout is the probe's, whenever it is
read at all — and the spacing decided is fit.choose's, with the standard probe laid out as before."""

from __future__ import annotations

from typing import Optional

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import ROOT
from zwgk_docs.context import build_context
from zwgk_docs.load import load_plan
from zwgk_docs.model.plan import Attachment
from zwgk_docs.writers.pdf import fit, fit_breaks, print_html
from zwgk_docs.writers.pdf import _probe_shares_last_page as shares_last_page
from zwgk_docs.writers.pdf.render import layout

FILL = "各级行政机关要认真落实政务公开各项制度，全面推进决策、执行、管理、服务、结果公开，不断提升政务公开工作质量和实效。"


def notice(body: list[str], note: Optional[str], plan_follows: bool, attachments: list[str], cc: bool = False,
           header: int = 0, sealed: bool = False):
    """mini.yaml's notice with this 正文, 附注, attachments…; `header` 1: 签发人, 2: 密级 and 紧急程度 (a taller 版头)."""
    plan = load_plan(ROOT / "tests" / "data" / "mini.yaml")
    n = plan.notice
    n.body, n.note, n.plan_follows = body, note, plan_follows
    n.attachments = [Attachment(title=f"附件标题{i}" * (1 + i), content=c) for i, c in enumerate(attachments)]
    if cc:
        n.cc = ["各市政府办公室"]
    if header == 1:
        n.signer = "张三"
    elif header == 2:
        n.secrecy, n.urgency = "机密★1年", "特急"
    if sealed:
        n.seal_image = str(ROOT / "tests" / "data" / "seal.png")
    return build_context(plan)


def shown_and_probed(ctx) -> tuple[bool, Optional[bool], bool, Optional[fit.Spacing], Optional[fit.Spacing]]:
    """(one page, the verdict the notice's layout showed, the standard probe's own, the spacing decided
    with the verdict shown, fit.choose's)."""
    probes: dict[fit.Spacing, object] = {}

    def probe(spacing: fit.Spacing) -> object:
        if spacing not in probes:
            probes[spacing] = layout(print_html(ctx, "notice_print.html", spacing, probe=True))
        return probes[spacing]

    seen: list[tuple[bool, Optional[bool]]] = []

    def decide(one_page: bool, standard: Optional[bool]) -> Optional[fit.Spacing]:
        seen.append((one_page, standard))
        return fit.STANDARD if one_page else fit.choose(probe, standard)

    document = None
    with fit.deciding(decide, shares_last_page(ctx)) as decision:
        try:
            document = layout(print_html(ctx, "notice_print.html", fit.STANDARD))
        except fit.Stopped:
            pass
    if not decision.decided:  # as notice_document(): the notice is one page
        decision.settle((decision.watch if decision.watch.seen else fit.watched(document)).one_page())
    (one_page, standard), = seen
    own = fit.signoff_with_text(probe(fit.STANDARD))
    return one_page, standard, own, decision.spacing, (fit.STANDARD if one_page else fit.choose(probe))


HALF = FILL[:30]


def body(k: int) -> list[str]:
    """Full paragraphs, then a last one of one to three short lines: the 通知 ends lower on page 2 as k grows."""
    return [FILL * 2] * (k // 2 + 1) + [HALF * (k % 3 + 1)]


# (body, note, 工作要点 follows, attachments, 抄送, the verdict the notice shows: False, True or None)
CASES = [
    (body(0), "此件公开发布", True, ["table"], False, False),  # the sign-off over alone, nothing fits
    (body(0), "此件公开发布", False, [], True, False),
    (body(1), "此件公开发布", True, ["table"], False, True),  # fits on page 2 as it is
    (body(7), "此件公开发布", False, [], False, True),
    (body(9), "此件公开发布", True, ["table"], False, False),  # 27 pt fits
    (body(10), "此件公开发布", True, ["table"], False, None),  # the last paragraph's lines carried over
    ([FILL * 4] * 6 + body(0), "此件公开发布", True, ["table"], False, True),  # four pages: decided at the end
    (body(1), None, False, ["none"], True, None),  # the 版记 follows the 通知 in the notice only
    ([FILL * 6], "此件公开发布", True, ["table"], False, None),
    ([FILL * (1 + i % 2) for i in range(7)] + ["特此通知。"], None, False, ["table"], False, None),
]


@pytest.mark.parametrize("body,note,plan_follows,attachments,cc,expected", CASES)
def test_the_verdict_shown_is_the_probes(body, note, plan_follows, attachments, cc, expected):
    one_page, standard, own, decided, chosen = shown_and_probed(notice(body, note, plan_follows, attachments, cc))
    assert not one_page
    assert standard is None or standard == own
    assert decided == chosen
    if expected is not None or not shares_last_page(notice(body, note, plan_follows, attachments, cc)):
        assert standard is expected


VARIED = dict(paragraphs=st.lists(st.integers(0, 12), min_size=1, max_size=9), closing=st.booleans(),
              note=st.booleans(), follows=st.lists(st.sampled_from(["plan", "table", "none"]), max_size=3),
              cc=st.booleans(), header=st.integers(0, 2), sealed=st.booleans())


def check_varied(paragraphs, closing, note, follows, cc, header, sealed) -> None:
    body = [FILL * (n // 4 + 1) + "止。" * (n % 4) for n in paragraphs] + (["特此通知。"] if closing else [])
    ctx = notice(body, "此件公开发布" if note else None, "plan" in follows, [f for f in follows if f != "plan"], cc,
                 header, sealed)
    one_page, standard, own, decided, chosen = shown_and_probed(ctx)
    if one_page:
        assert standard is None
    else:
        assert standard is None or standard == own
    assert decided == chosen


@settings(max_examples=25, deadline=None)
@given(**VARIED)
def test_the_verdict_shown_is_the_probes_for_varied_notices(**values):
    check_varied(**values)


@pytest.mark.slow
@settings(max_examples=400, deadline=None)
@given(**VARIED)
def test_the_verdict_shown_is_the_probes_for_many_notices(**values):
    check_varied(**values)


def test_carried_is_what_the_probe_leaves_out():
    """CARRIED selects exactly the 通知's elements whose break-before differs between the notice and the
    probe: "avoid" in the notice (its carry-over rules), "auto" in the probe."""
    import weasyprint

    from zwgk_docs.writers.pdf.render import _font_config, _offline_fetcher

    ctx = notice([FILL * 2] * 3 + ["特此通知。"], "此件公开发布", False, ["table"])
    found = {}
    for probe in (False, True):
        html = weasyprint.HTML(string=print_html(ctx, "notice_print.html", fit.STANDARD, probe=probe),
                               url_fetcher=_offline_fetcher())
        document = html.render(font_config=_font_config())
        breaks = fit_breaks.carried_elements(html)
        assert breaks is not None
        styles: dict[int, str] = {}
        for page in document.pages:
            stack = [page._page_box]
            while stack:
                box = stack.pop()
                element = getattr(box, "element", None)
                if element is not None:  # pre-order: the element's own box before anonymous ones
                    styles.setdefault(id(element), box.style["break_before"])
                stack.extend(reversed(getattr(box, "children", [])))
        elements = list(breaks.notice_text.iter())
        found[probe] = [(id(e) in breaks.carried, styles.get(id(e))) for e in elements]
    assert len(found[False]) == len(found[True]) and sum(carried for carried, _ in found[False]) >= 3
    for (carried, ours), (_, theirs) in zip(found[False], found[True]):
        if carried:
            assert (ours, theirs) in (("avoid", "auto"), (None, None))
        else:
            assert ours == theirs
