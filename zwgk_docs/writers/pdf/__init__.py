"""notice.pdf and tasks.pdf through WeasyPrint, laid out per GB/T 9704 (see geometry.py).

notice.pdf follows the .docx: 版头, 标题, 主送, 正文, (附件说明), 署名/日期, 附注, then the
工作要点 when it is printed with the notice (its 附件说明 after it, as in the 沈阳 original),
the 附件 pages (the task table on landscape pages) and the 版记 at the foot of the last page.
The 通知 text may be set slightly tighter so the sign-off stays with the 正文 (fit.py).
When the notice attaches the table, tasks.pdf is made of the notice's table pages (compose.py):
the table is laid out once for both.
Like the .docx writer, a plan without a notice (四平、池州、泰达) gets no notice.pdf.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Optional

from ...context import RenderContext
from ...context.text import split_heading
from .. import Output
from ..templating import environment
from ..templating import render as render_template
from . import compose, early, fit, fit_cache, geometry, split
from .render import (Background, WeasyDocument, defer, fonts_for, html_to_pdf, in_background, layout, may_fork, preload,
                     write)


def _seal_url(ctx: RenderContext) -> str:
    """The checked seal as a data: URL: WeasyPrint reads no file a plan names."""
    seal = ctx.seal
    return seal.data_url if seal is not None else ""


def print_html(ctx: RenderContext, template: str, spacing: fit.Spacing = fit.STANDARD, probe: bool = False,
               slots: int = 0, part: str = "", tail_from: int = 0) -> str:
    """notice_print.html or tasks_print.html; `spacing` sets the 通知 text, `probe` keeps only its pages;
    `slots`: tasks.pdf with that many empty table pages instead of the table (compose.py);
    `part`: "head" or "tail" of the notice split before attachment number `tail_from` (split.py)."""
    n = ctx.notice
    return render_template(
        template, ctx=ctx, g=geometry, f=fonts_for(ctx.font_profile),
        doc_title=n.title if n else ctx.plan_title,
        mark_pt=geometry.issuer_mark_pt(n.issuer_mark) if n else 0,
        seal_url=_seal_url(ctx), pitch_pt=spacing[0], tracking_pt=spacing[1], probe=probe, slots=slots, split_heading=split_heading,
        part=part, tail_from=tail_from,
    )


def notice_html(ctx: RenderContext, part: str = "", tail_from: int = 0) -> str:
    """The notice's HTML, its 通知 text tightened as far as needed to keep the sign-off with the 正文
    (chosen by probes; notice_document() lays the notice out with fewer layouts).
    `part`, `tail_from`: one part of a split notice (split.py)."""
    probe = _probe(ctx)
    spacing = _remembered(probe)
    if spacing is None:
        spacing = _remember(probe, fit_cache.chosen(probe, _families(ctx), lambda: _probed(ctx)))
    return print_html(ctx, "notice_print.html", spacing, part=part, tail_from=tail_from)


def notice_document(ctx: RenderContext) -> WeasyDocument:
    """The notice laid out, its 通知 text tightened as far as needed to keep the sign-off with the 正文.

    The spacing depends only on the probe (the 通知 pages), so it is remembered by the probe's
    HTML: a process that lays the same 通知 out again (the live preview after an edit of the
    tasks, a web back end rendering one plan twice) skips choosing it; so does a later run, from
    the user's cache folder (fit_cache.py). Else it is decided while the notice is laid out at the
    standard spacing (fit.deciding): with no probe when the 通知 ends on its first page, and that
    layout is kept unless the spacing decided is neither the standard one nor "nothing fits"."""
    probe, families = _probe(ctx), _families(ctx)
    spacing = _remembered(probe)
    if spacing is None:
        known = fit_cache.known(probe, families)
        if known is not None:
            spacing = _remember(probe, known[0])
    if spacing is not None:
        return layout(print_html(ctx, "notice_print.html", spacing))

    def decide(one_page: bool) -> Optional[fit.Spacing]:
        chosen = fit.STANDARD if one_page else _probed(ctx)
        fit_cache.remember(probe, families, chosen)
        _remember(probe, chosen)
        return chosen

    with fit.deciding(decide) as decision:
        try:
            document = layout(print_html(ctx, "notice_print.html", fit.STANDARD))
        except fit.Stopped:
            document = None
    if not decision.decided:  # not watched (another WeasyPrint), or the notice is one page
        decision.settle((decision.watch if decision.watch.seen else fit.watched(document)).one_page())
    if document is None or not decision.keeps():
        return layout(print_html(ctx, "notice_print.html", decision.spacing or fit.STANDARD))
    return document


def _probe(ctx: RenderContext) -> str:
    """The 通知 pages alone at the standard spacing: the key of the spacing chosen for them."""
    return print_html(ctx, "notice_print.html", fit.STANDARD, probe=True)


def _probed(ctx: RenderContext) -> Optional[fit.Spacing]:
    return fit.choose(lambda s: layout(print_html(ctx, "notice_print.html", s, probe=True)))


def _remembered(probe: str) -> Optional[fit.Spacing]:
    return _SPACINGS.get(hashlib.blake2b(probe.encode("utf-8"), digest_size=16).digest())


def _remember(probe: str, spacing: Optional[fit.Spacing]) -> fit.Spacing:
    """Keep the spacing chosen for this probe (None: nothing fits, the standard spacing stays) in this process."""
    _SPACINGS[hashlib.blake2b(probe.encode("utf-8"), digest_size=16).digest()] = spacing = spacing or fit.STANDARD
    while len(_SPACINGS) > _SPACINGS_KEPT:
        _SPACINGS.pop(next(iter(_SPACINGS)), None)
    return spacing


def _families(ctx: RenderContext) -> list[str]:
    """Every font family the print CSS names (the fit cache's key lists their files)."""
    return [name for f in fonts_for(ctx.font_profile).values() for name in f.stack]


_SPACINGS: dict[bytes, fit.Spacing] = {}  # blake2b(probe HTML at the standard spacing) → chosen spacing
_SPACINGS_KEPT = 64


def write_notice(ctx: RenderContext, out_dir: Path) -> list[Output]:
    """notice.pdf; a plan without a notice has none."""
    if ctx.notice is None:
        return []
    return [Output("notice.pdf", write(notice_document(ctx), out_dir / "notice.pdf"))]


def tasks_document(ctx: RenderContext, notice: Optional[WeasyDocument] = None) -> WeasyDocument:
    """tasks.pdf laid out: from the laid-out notice's table pages when it attaches the table, else in full."""
    if notice is not None and ctx.table_mark:
        shared = compose.tasks_from_notice(notice, lambda n: layout(print_html(ctx, "tasks_print.html", slots=n)))
        if shared is not None:
            return shared
    return layout(print_html(ctx, "tasks_print.html"))


def write_tasks(ctx: RenderContext, out_dir: Path) -> list[Output]:
    return [Output("tasks.pdf", write(tasks_document(ctx), out_dir / "tasks.pdf"))]


def write_notice_and_tasks(ctx: RenderContext, out_dir: Path) -> list[Output]:
    """Both PDFs (the registry's combined writer), in a forked child (CLI only) while this process
    writes the other formats: the command line's PDF process started early (early.py) when there
    is one, else a child forked now. The HTML is rendered here first so that a UserError (seal,
    fonts) reaches the user (in process, as in a batch's worker, the writing itself does)."""
    notice_pdf, tasks_pdf = out_dir / "notice.pdf", out_dir / "tasks.pdf"
    outputs = [Output("notice.pdf", notice_pdf)] if ctx.notice is not None else []
    outputs.append(Output("tasks.pdf", tasks_pdf))
    started = early.take()
    if started is not None or (ctx.notice is not None and may_fork()):  # the table in it too, when attached
        print_html(ctx, "notice_print.html" if ctx.notice is not None else "tasks_print.html")
    handed = started.run(write_pdfs_and_wait, ctx, notice_pdf, tasks_pdf, warm=warm_up) if started else None
    if handed is not None:
        defer(handed)
    elif ctx.notice is not None and ctx.table_mark:
        preload()
        defer(in_background(lambda: _write_both(ctx, notice_pdf, tasks_pdf)))
    else:
        defer(write_pdfs(ctx, notice_pdf, tasks_pdf))
    return outputs


def write_pdfs(ctx: RenderContext, notice_pdf: Path, tasks_pdf: Path) -> Background:
    """notice.pdf (when the plan has a notice) and tasks.pdf, using a second core where allowed.
    When the notice attaches the table, tasks.pdf is made of its table pages (_write_both);
    otherwise the notice (its fit probes and the final layout) is laid out in a forked child,
    returned still running, while this process lays out tasks.pdf."""
    if ctx.notice is None:
        html_to_pdf(print_html(ctx, "tasks_print.html"), tasks_pdf)
        return Background()
    if ctx.table_mark:
        _write_both(ctx, notice_pdf, tasks_pdf)
        return Background()
    tasks = print_html(ctx, "tasks_print.html")
    preload()
    job = in_background(lambda: write(notice_document(ctx), notice_pdf))
    try:
        html_to_pdf(tasks, tasks_pdf)
    except BaseException:
        job.stop()
        raise
    return job


def write_pdfs_and_wait(ctx: RenderContext, notice_pdf: Path, tasks_pdf: Path) -> None:
    """write_pdfs, done when both files are (the early PDF process's job)."""
    write_pdfs(ctx, notice_pdf, tasks_pdf).wait()


def warm_up(ctx: RenderContext, *paths: Path) -> None:
    """What write_pdfs first waits for besides WeasyPrint: the installed fonts (fc-list, fc-match
    processes) and the templates (files); the early PDF process does it while importing WeasyPrint."""
    fit_cache.installed_files(_families(ctx))
    for template in ("notice_print.html", "tasks_print.html"):
        environment().get_template(template)


def _write_both(ctx: RenderContext, notice_pdf: Path, tasks_pdf: Path) -> None:
    """The notice laid out (the table in it) and written by a forked child of its own (the
    longer write: the build's critical path), while this process makes and writes tasks.pdf.
    A long notice is laid out in two parts at once (_write_split)."""
    tail_from = split.wanted(ctx)
    if tail_from is not None and may_fork() and split.available():
        try:
            _write_split(ctx, tail_from, notice_pdf, tasks_pdf)
            return
        except split.Unsupported:  # found before anything is written: the single layout below
            pass
    notice = notice_document(ctx)
    job = in_background(lambda: write(notice, notice_pdf))
    try:
        write(tasks_document(ctx, notice), tasks_pdf)
    except BaseException:
        job.stop()
        raise
    job.wait()


def _write_split(ctx: RenderContext, tail_from: int, notice_pdf: Path, tasks_pdf: Path) -> None:
    """The notice's head laid out and written by a forked child while this process lays out its
    tail (the table pages, numbered after the head's once it sends its page count); the tail is
    written once, its page numbers apart (split.Apart), half of it by another forked child (the
    head's is done by then: both cores); tasks.pdf is its table pages with numbers of its own,
    notice.pdf the head and the tail with the notice's."""
    from .merge import merge, stamped

    head_html, tail_html = notice_html(ctx, "head", tail_from), notice_html(ctx, "tail", tail_from)
    head_pdf, tail_pdf, first_pdf, second_pdf, numbers_pdf, own_pdf = (
        notice_pdf.with_name(f".{notice_pdf.stem}.{part}.pdf")
        for part in ("head", "tail", "tail-first", "tail-second", "numbers", "tasks-numbers"))
    jobs: list[Background] = []
    count = split.PageCount()
    try:
        jobs.append(in_background(lambda: _write_head(head_html, head_pdf, count)))
        count.sent()
        with split.numbered_after(count.received):
            tail = layout(tail_html)
        shared = compose.table_frame(tail, lambda n: layout(print_html(ctx, "tasks_print.html", slots=n)))
        parts = split.apart(tail, *shared) if shared is not None else None
        if parts is None:  # tasks.pdf is not the tail's pages: as in _write_both
            jobs.append(in_background(lambda: write(tail, tail_pdf)))
            write(tasks_document(ctx, tail), tasks_pdf)
        else:
            content = parts.content
            cut = split.cut(len(content.pages), parts.table_pages)
            if cut:
                jobs.append(in_background(lambda: write(content.copy(content.pages[:cut]), first_pdf)))
            write(content.copy(content.pages[cut:]), second_pdf if cut else tail_pdf)
            write(parts.numbers, numbers_pdf)
            write(parts.own_numbers, own_pdf)
            if cut:
                jobs[-1].wait()
                merge(first_pdf, second_pdf, tail_pdf)
            stamped(own_pdf, tail_pdf, tasks_pdf)
        for job in jobs:
            job.wait()
        merge(head_pdf, tail_pdf, notice_pdf, tail_numbers=numbers_pdf if parts is not None else None)
    except BaseException:
        for job in jobs:
            job.stop()
        raise
    finally:
        count.close()
        for part in (head_pdf, tail_pdf, first_pdf, second_pdf, numbers_pdf, own_pdf):
            part.unlink(missing_ok=True)


def _write_head(html: str, out: Path, count: "split.PageCount") -> None:
    """In the head's process: lay out, tell the tail's process how many pages, write."""
    head = layout(html)
    count.send(len(head.pages))
    write(head, out)
