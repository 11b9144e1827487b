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

import gc
import hashlib
import json
import shutil
import tempfile
from pathlib import Path
from typing import Any, Callable, Optional

from ...context import RenderContext
from ...context.text import split_heading
from .. import Output
from ..templating import environment
from ..templating import render as render_template
from . import compose, early, fit, fit_cache, geometry, segments, split
from .render import (Background, WeasyDocument, defer, fonts_for, html_to_pdf, in_background, layout, may_fork, preload,
                     write)


def _seal_url(ctx: RenderContext) -> str:
    """The checked seal as a data: URL: WeasyPrint reads no file a plan names."""
    seal = ctx.seal
    return seal.data_url if seal is not None else ""


def check_print_inputs(ctx: RenderContext) -> None:
    """The UserErrors print_html can meet (no Chinese face installed, a seal that cannot be used),
    without rendering the HTML (a 1,000-task notice's is ~0.2 CPU s)."""
    fonts_for(ctx.font_profile)
    _seal_url(ctx)


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
        seal_url=_seal_url(ctx), pitch_pt=spacing[0], tracking_pt=spacing[1], standard_pt=fit.STANDARD, probe=probe, slots=slots,
        split_heading=split_heading,
        part=part, tail_from=tail_from,
    )


def notice_html(ctx: RenderContext, part: str = "", tail_from: int = 0) -> str:
    """The notice's HTML, its 通知 text tightened as far as needed to keep the sign-off with the 正文
    (chosen by probes; notice_document() lays the notice out with fewer layouts).
    `part`, `tail_from`: one part of a split notice (split.py)."""
    return print_html(ctx, "notice_print.html", notice_spacing(ctx), part=part, tail_from=tail_from)


def notice_spacing(ctx: RenderContext) -> fit.Spacing:
    """The spacing of the notice's 通知 text (notice_html): remembered, else chosen by probes."""
    probe = _probe(ctx)
    spacing = _remembered(probe)
    if spacing is None:
        spacing = _remember(probe, fit_cache.chosen(probe, _families(ctx), lambda: _probed(ctx)))
    return spacing


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

    def decide(one_page: bool, standard: Optional[bool]) -> Optional[fit.Spacing]:
        chosen = fit.STANDARD if one_page else _probed(ctx, standard)
        fit_cache.remember(probe, families, chosen)
        _remember(probe, chosen)
        return chosen

    with fit.deciding(decide, _probe_shares_last_page(ctx)) as decision:
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


def _probed(ctx: RenderContext, standard: Optional[bool] = None) -> Optional[fit.Spacing]:
    """The spacing the probes choose; `standard`: the standard probe's verdict when known (fit_breaks.py)."""
    return fit.choose(lambda s: layout(print_html(ctx, "notice_print.html", s, probe=True)), standard)


def _probe_shares_last_page(ctx: RenderContext) -> bool:
    """What follows the 通知 in the notice is in the probe as well (the 版记, when nothing else follows), or
    starts a new page (the 工作要点, an attachment printed with it): notice_print.html."""
    n = ctx.notice
    if n is None:
        return False
    more = n.plan_after_notice or n.attachments
    return not more or bool(n.plan_after_notice) or any(a.content != "none" for a in n.attachments)


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
    is one, else a child forked now. What the print HTML reads that a user can get wrong (the
    seal, the fonts) is checked here first, so that its UserError reaches the user (in process, as
    in a batch's worker, the writing itself does)."""
    notice_pdf, tasks_pdf = out_dir / "notice.pdf", out_dir / "tasks.pdf"
    outputs = [Output("notice.pdf", notice_pdf)] if ctx.notice is not None else []
    outputs.append(Output("tasks.pdf", tasks_pdf))
    started = early.take()
    if started is not None or (ctx.notice is not None and may_fork()):
        check_print_inputs(ctx)
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
    job = in_background(lambda: write(notice_document(ctx), notice_pdf), one_write=True)
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
    """The notice laid out (the table in it), tasks.pdf made of its table pages, both written. A short
    tasks.pdf is written after the notice in this process: its table lines are then written from the
    notice's (shared_lines.py: about half its writing), where a forked child writing the notice meanwhile
    saves under ~0.2 s of the build's time for more CPU time in all. A longer one is written here while
    a forked child writes the notice (the longer write: the build's critical path). A long notice is
    laid out in two parts at once (_write_split)."""
    tail_from = split.wanted(ctx)
    if tail_from is not None and may_fork() and split.available():
        try:
            _write_split(ctx, tail_from, notice_pdf, tasks_pdf)
            return
        except split.Unsupported:  # found before anything is written: the single layout below
            pass
    notice = notice_document(ctx)
    tasks = tasks_document(ctx, notice)
    if len(tasks.pages) <= SHARED_WRITE_PAGES or not may_fork():
        write(notice, notice_pdf)
        write(tasks, tasks_pdf)
        return
    job = in_background(lambda: write(notice, notice_pdf), one_write=True)
    try:
        write(tasks, tasks_pdf)
    except BaseException:
        job.stop()
        raise
    job.wait()


# tasks.pdf pages up to which it is written after the notice in the same process (_write_both): 沈阳's 12
# take ~0.1 CPU s less so, ~0.15 s longer; 100 tasks' 27 ~0.1 CPU s less, 0.4 s longer (bench_scale).
SHARED_WRITE_PAGES = 16


def _write_split(ctx: RenderContext, tail_from: int, notice_pdf: Path, tasks_pdf: Path) -> None:
    """The notice's head laid out and written by a forked child while this process lays out its tail
    (the table pages). Each part segment after segment (segments.py), each segment written by a forked
    writer while the next is laid out: no process holds more than about a segment's pages. The tail's
    segments are laid out numbered as tasks.pdf numbers them and written once for both PDFs, their numbers
    apart (segments.apart); the notice's numbers for those pages are laid out once the head's process has
    counted its pages (segments.page_numbers): it sends the count when its layout ends, so they are made
    while the head's last segment is written, not after. tasks.pdf is the table pages with their own numbers over
    them, notice.pdf the head's segments and the tail's with the notice's numbers (merge.join)."""
    from .merge import Part, join

    spacing = notice_spacing(ctx)
    folder = Path(tempfile.mkdtemp(prefix=f".{notice_pdf.stem}.", suffix=".parts", dir=notice_pdf.parent))
    jobs: list[Background] = []
    count = split.PageCount()
    try:
        # each part's HTML made in its own process: the head's (the longer layout) starts ~0.2 s sooner
        jobs.append(in_background(lambda: _write_head(print_html(ctx, "notice_print.html", spacing, part="head",
                                                                 tail_from=tail_from), folder, count), one_write=True))
        count.sent()
        tail_html = print_html(ctx, "notice_print.html", spacing, part="tail", tail_from=tail_from)
        tail = _Tail(ctx, folder)
        numbers: list[int] = []  # the head's page count, once the notice's numbers for the tail are laid out
        numbers_job: list[Background] = []  # their writer: the join reads them last

        def numbered() -> None:  # the head's count is sent when its layout ends, before it is written
            if not numbers:
                numbers.append(count.received())
                document = segments.page_numbers(tail_html, tail.kept, numbers[0])
                numbers_job.append(in_background(lambda: write(document, folder / "numbers.pdf"), one_write=True))
                jobs.append(numbers_job[0])

        last = _each_segment(tail_html, tail.written, tail.again)
        jobs.append(last)
        if count.comes_before(last.pid):  # the head laid out before the tail's last segment is written: the numbers meanwhile
            numbered()
        tail.write_last_numbers()  # here, while the last segment is written: that writer is the build's critical path
        import pikepdf  # noqa: F401 — once, before the fork: both processes join PDFs

        tasks: list[Background] = []

        def tasks_joined() -> None:
            """tasks.pdf needs nothing of the head: joined by a child of its own once the tail is written, while
            this process joins the notice (the last two steps of the build side by side)."""
            last.wait()
            shared = tail.tasks
            tasks.append(in_background(lambda: join(shared, tasks_pdf) if shared is not None
                                       else _joined(print_html(ctx, "tasks_print.html"), folder, "tasks", tasks_pdf)))
            jobs.append(tasks[0])

        numbered()
        head_pages = numbers[0]
        jobs[0].wait()  # the head's process: its parts are written
        heads = [Part(folder / part["file"], part["levels"])
                 for part in json.loads((folder / "head.json").read_text(encoding="utf-8"))]

        def written(n: int) -> None:
            """Before the join reads part n: the head's parts are there; the tail's once its last writer is done;
            the numbers (n past the parts) once their writer is."""
            if n == len(heads):
                tasks_joined()
            elif n == len(heads) + len(tail.contents):
                numbers_job[0].wait()

        join(heads + tail.contents, notice_pdf, over=folder / "numbers.pdf", over_from=head_pages, wait=written)
        if not tasks:
            tasks_joined()
        tasks[0].wait()
    except BaseException:
        for job in jobs:
            job.stop()
        raise
    finally:
        count.close()
        shutil.rmtree(folder, ignore_errors=True)


class _Tail:
    """The tail's segments as written: the content of each (both PDFs'), tasks.pdf's numbers for its table
    pages (None: tasks.pdf is not made of the tail's pages), each page as the notice's numbers need it."""

    def __init__(self, ctx: RenderContext, folder: Path) -> None:
        self.ctx, self.folder = ctx, folder
        self.again()

    def again(self) -> None:
        from .merge import Part

        self.contents: list[Part] = []
        self.tasks: Optional[list[Part]] = []
        self.kept: list[Any] = []
        self.frame: Optional[WeasyDocument] = None
        self.table_done = False
        self.last_numbers: Optional[Callable[[], object]] = None

    def written(self, segment: "segments.Segment", n: int) -> Callable[[], object]:
        """What writes this segment (in a forked writer): its content, and tasks.pdf's numbers for its table pages."""
        from .merge import Part

        document = segment.document
        table = 0
        if self.tasks is not None and not self.table_done:
            if n == 0:
                shared = compose.table_frame(document, lambda k: layout(print_html(self.ctx, "tasks_print.html", slots=k)))
                self.frame = shared[1] if shared is not None else None
            table = compose.table_pages(document) if self.frame is not None else 0
            if self.frame is None:
                self.tasks = None
        try:
            content, numbers = segments.apart(document, table, self.frame)
        except split.Unsupported:
            self.tasks, table = None, 0
            content, numbers = segments.apart(document, 0, None)
        self.table_done = self.table_done or table < len(document.pages)
        path, own = self.folder / f"tail-{n}.pdf", self.folder / f"tasks-{n}.pdf"
        self.contents.append(Part(path, segment.levels))
        self.kept += segment.kept
        if numbers is not None and self.tasks is not None:
            self.tasks.append(Part(own, [mark[0] for page in numbers.pages for mark in page.bookmarks], under=path))

        last = segment.last

        def job() -> None:
            write(content, path)
            if numbers is not None and not last:
                write(numbers, own)
        if numbers is not None and last:  # written by this process meanwhile (write_last_numbers)
            self.last_numbers = lambda: write(numbers, own)
        return job

    def write_last_numbers(self) -> None:
        """tasks.pdf's numbers for the last segment's table pages, written by the tail's process while that
        segment is written (the longest write of the build's end, ~2 CPU s at 1,000 tasks, its critical path)."""
        if self.last_numbers is not None:
            self.last_numbers()
            self.last_numbers = None


def _each_segment(html: str, written: Callable[["segments.Segment", int], Callable[[], object]],
                  again: Callable[[], None], laid_out: Optional[Callable[[], object]] = None,
                  last_here: bool = False) -> Background:
    """`html` laid out segment after segment; `written(segment, n)` gives the job that writes segment n, run
    by a forked writer while the next segment is laid out (one writer at a time: one segment in it).
    `again()`: the segments so far are void (segments.AGAIN), n starts from 0 again. `laid_out()`: called
    once the last segment is laid out, before it is written. The last segment is written by this process when
    `last_here` (it has nothing else to do meanwhile: no fork), else by a writer returned still running (wait()
    on it); either way its layout is not collected first (a full collection, ~0.3–0.5 CPU s at 270 pages, for
    memory this process needs no more)."""
    writer, n = Background(), 0
    try:
        for segment in segments.laid_out(html):
            if segment is segments.AGAIN:
                writer.wait()
                again()
                n = 0
                continue
            job = written(segment, n)
            n, last = n + 1, segment.last
            del segment
            if last and laid_out is not None:
                laid_out()
            writer.wait()
            if last and last_here:
                job()
                return Background()
            writer = in_background(job, one_write=True)
            del job
            if last:
                return writer
            gc.collect()  # a layout's context is in reference cycles: freed now, not at the next full collection
        return writer
    except BaseException:
        writer.stop()
        raise


def _written(html: str, folder: Path, name: str,
             laid_out: Optional[Callable[[list[dict[str, Any]]], object]] = None) -> list[dict[str, Any]]:
    """`html` laid out and written segment after segment to folder/name-N.pdf: each file, its bookmark levels, its pages.
    `laid_out(those parts)`: called once all are laid out, before the last one is written; then this process
    writes it itself (the head's process: it only waits for the tail meanwhile)."""
    parts: list[dict[str, Any]] = []

    def written(segment: "segments.Segment", n: int) -> Callable[[], object]:
        path, document = folder / f"{name}-{n}.pdf", segment.document
        parts.append({"file": path.name, "levels": segment.levels, "pages": len(document.pages)})
        return lambda: write(document, path)

    last = _each_segment(html, written, parts.clear, None if laid_out is None else lambda: laid_out(parts),
                         last_here=laid_out is not None)
    last.wait()
    return parts


def _joined(html: str, folder: Path, name: str, out: Path) -> None:
    """`html` laid out in segments, written and joined into `out`."""
    from .merge import Part, join

    join([Part(folder / part["file"], part["levels"]) for part in _written(html, folder, name)], out)


def _write_head(html: str, folder: Path, count: "split.PageCount") -> None:
    """In the head's process: lay out and write the head in segments; once all are laid out (before the last one
    is written: the tail's numbers in the notice are laid out meanwhile), list them (head.json) and send the
    page count."""
    def laid_out(parts: list[dict[str, Any]]) -> None:
        (folder / "head.json").write_text(json.dumps(parts), encoding="utf-8")
        count.send(sum(part["pages"] for part in parts))

    _written(html, folder, "head", laid_out)
