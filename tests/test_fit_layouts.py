"""fit.deciding: the notice, laid out at the standard spacing, decides the 通知 spacing as it goes —
no probe for a 通知 that ends on its first page, the probes' answer otherwise — and it is the same
document, byte for byte, as the notice laid out from notice_html() (probes first, as before)."""

from __future__ import annotations

import pytest

from conftest import ROOT
from zwgk_docs.context import build_context
from zwgk_docs.load import load_plan
from zwgk_docs.writers import pdf
from zwgk_docs.writers.pdf import fit, fit_cache, print_html
from zwgk_docs.writers.pdf.render import html_to_pdf, layout, write

FULL_LINE = ("政务公开工作要点任务分解表沈阳市人民政府办公室规划信息" * 2)[:28]  # as test_pdf's
FILL = "各级行政机关要认真落实政务公开各项制度，全面推进决策、执行、管理、服务、结果公开，不断提升政务公开工作质量和实效。"


def mini(body: list[str] | None):
    plan = load_plan(ROOT / "tests" / "data" / "mini.yaml")
    if body is not None:
        plan.notice.body = body
    return build_context(plan)


# (body, the spacing chosen, layouts notice_document() makes: the notice's own, probes, a second notice)
CASES = [
    (None, fit.STANDARD, 1),  # mini.yaml's 通知 ends on page 1: no probe
    # nothing fits: the tightest probe only (the notice's layout shows the standard one's sign-off going
    # over alone, fit_breaks.py), the notice goes on
    ([FULL_LINE * 6], None, 1 + 1),
    # 7 paragraphs and "特此通知。": 26.5 pt found by probes (tightest, 26.0, then halving 28.5…26.5; the
    # standard one's verdict shown), the notice stopped on its second page and laid out again
    ([FILL * (1 + i % 2) + f"第{i}段止。" for i in range(7)] + ["特此通知。"], (26.5, fit.g.LETTER_SPACING_PT), 1 + 5 + 1),
]


@pytest.mark.parametrize("body,spacing,layouts", CASES)
def test_notice_document_decides_while_laid_out(tmp_path, monkeypatch, body, spacing, layouts):
    ctx = mini(body)
    assert fit.choose(lambda s: layout(print_html(ctx, "notice_print.html", s, probe=True))) == spacing
    monkeypatch.setattr(pdf, "_SPACINGS", {})  # a new process, an empty user cache
    monkeypatch.setattr(fit_cache, "known", lambda probe, families: None)
    remembered: list[object] = []
    monkeypatch.setattr(fit_cache, "remember", lambda probe, families, chosen: remembered.append(chosen))
    made: list[str] = []

    def counted(html: str, base_url: object = None) -> object:
        made.append(html)
        return layout(html, base_url)

    monkeypatch.setattr(pdf, "layout", counted)
    document = pdf.notice_document(ctx)
    assert remembered == [spacing] and len(made) == layouts
    ours = write(document, tmp_path / "decided.pdf").read_bytes()
    assert html_to_pdf(pdf.notice_html(ctx), tmp_path / "probed.pdf").read_bytes() == ours  # spacing remembered


def test_a_spacing_from_the_cache_lays_the_notice_out_once(monkeypatch):
    ctx = mini([FULL_LINE * 6])
    monkeypatch.setattr(pdf, "_SPACINGS", {})
    monkeypatch.setattr(fit_cache, "known", lambda probe, families: (None,))  # "nothing fits", remembered
    made: list[str] = []
    monkeypatch.setattr(pdf, "layout", lambda html, base_url=None: made.append(html) or layout(html, base_url))
    pdf.notice_document(ctx)
    assert made == [print_html(ctx, "notice_print.html", fit.STANDARD)]


def test_the_page_watch_is_installed_once_even_under_the_split_wrapper():
    """fit.install after split.available() wrapped make_all_pages again (a later thread) adds no second watch."""
    from weasyprint import layout as weasy_layout

    from zwgk_docs.writers.pdf import split

    assert fit.install()
    split.available()
    fit.install()
    chain = list(fit._wrappers(weasy_layout.make_all_pages))
    assert sum(bool(getattr(f, "_zwgk_watched", False)) for f in chain) == 1
