"""tasks.pdf made of the notice's 附件 table pages (writers/pdf/compose.py): the task table is laid
out once per build, and what comes out is byte for byte what a layout of tasks.pdf of its own gives."""

from __future__ import annotations

from conftest import ROOT
from zwgk_docs.build import build
from zwgk_docs.context import build_context
from zwgk_docs.load import load_plan
from zwgk_docs.writers.pdf import compose, notice_html, print_html, tasks_document
from zwgk_docs.writers.pdf.render import layout


def rows_by_page(document, first: int = 0) -> list[list[str]]:
    """The task ids (data-task) of the table rows on each page from `first` on."""
    pages = []
    for page in document.pages[first:]:
        ids, stack = [], [page._page_box]
        while stack:
            box = stack.pop()
            element = getattr(box, "element", None)
            if element is not None and element.tag == "tr" and element.get("data-task") and type(box).__name__ == "TableRowBox":
                ids.append(element.get("data-task"))
            stack.extend(reversed(getattr(box, "children", ())))
        pages.append(list(dict.fromkeys(ids)))
    return pages


def laid_out(plan):
    ctx = build_context(plan)
    notice = layout(notice_html(ctx))
    slotted = []

    def frame(n):
        slotted.append(n)
        return layout(print_html(ctx, "tasks_print.html", slots=n))

    return ctx, notice, compose.tasks_from_notice(notice, frame), slotted


def test_composed_tasks_pdf_is_the_full_layout():
    """Whether the 附件 starts on an odd or an even page of the notice, tasks.pdf is numbered from 1
    (odd pages right, even left) and is the same file as a layout of its own; its pages hold the rows
    of the notice's 附件 pages."""
    starts = set()
    for body_paragraphs in (1, 9):
        plan = load_plan(ROOT / "tests" / "data" / "notice-full.yaml")
        plan.notice.body = plan.notice.body * body_paragraphs
        ctx, notice, composed, slotted = laid_out(plan)
        assert composed is not None and slotted == [len(composed.pages)]
        full = layout(print_html(ctx, "tasks_print.html"))
        assert composed.write_pdf() == full.write_pdf()
        start = next(i for i, rows in enumerate(rows_by_page(notice)) if rows)
        starts.add(start % 2)
        assert rows_by_page(notice, start)[: len(full.pages)] == rows_by_page(full)
        assert [b[1] for p in composed.pages for b in p.bookmarks] == [ctx.table.title]
    assert starts == {0, 1}  # page numbers 1… whatever the notice's page there


def test_headings_of_different_height_fall_back_to_a_full_layout(tmp_path):
    """A notice 附件 title on two lines and a one-line table title: the table starts lower in the
    notice, no page is shared, and tasks.pdf is laid out on its own."""
    plan = load_plan(ROOT / "tests" / "data" / "mini.yaml")
    plan.notice.attachments[0].title = "沈阳市2021年政务公开工作要点任务分解表（含各区县、市政府各部门、各直属机构责任分工）"
    ctx, notice, composed, slotted = laid_out(plan)
    assert composed is None and slotted
    assert tasks_document(ctx, notice).write_pdf() == layout(print_html(ctx, "tasks_print.html")).write_pdf()


def test_unknown_weasyprint_falls_back(monkeypatch):
    import weasyprint

    monkeypatch.setattr(weasyprint, "__version__", "999.0")
    ctx, notice, composed, slotted = laid_out(load_plan(ROOT / "tests" / "data" / "mini.yaml"))
    assert composed is None and not slotted


def test_build_writes_the_same_tasks_pdf_with_and_without_the_notice(tmp_path):
    """`zwgk build` (tasks.pdf from the notice's pages) and the tasks writer alone give the same bytes."""
    plan = load_plan(ROOT / "tests" / "data" / "notice-full.yaml")
    build(plan, tmp_path / "both", ["pdf"])
    from zwgk_docs.writers.reproducible import plan_stamp, stamping
    from zwgk_docs.writers.pdf import write_tasks

    (tmp_path / "alone").mkdir()
    with stamping(plan_stamp(plan)):
        write_tasks(build_context(plan), tmp_path / "alone")
    assert (tmp_path / "both" / "tasks.pdf").read_bytes() == (tmp_path / "alone" / "tasks.pdf").read_bytes()
