"""HTML → PDF with WeasyPrint and installed Chinese fonts; reusable by other writers.

Usage (e.g. the annual report):

    from zwgk_docs.writers.pdf.render import html_to_pdf, font_css
    html = f"<html lang='zh-CN'><style>{font_css()}</style>…"
    html_to_pdf(html, out_dir / "report.pdf", base_url=out_dir)

WeasyPrint embeds and subsets every font it uses; with libharfbuzz-subset0 installed it
subsets through HarfBuzz (a fraction of a second) instead of fontTools (~8 s per CJK font).
"""

from __future__ import annotations

import atexit
import contextlib
import contextvars
import gc
import os
import signal
import sys
import threading
import traceback
import weakref
from pathlib import Path
from typing import Any, Callable, Iterator, Optional, Union

from ...errors import UserError
from ...fonts import FontChoice, missing_cjk_font_message, resolve_fonts
from ...interrupts import child_dies_with_parent
from ...parallel import parallel_allowed
from ..reproducible import current
from .libraries import import_weasyprint, share_ffi_types


def fonts_for(profile: str = "gb2312") -> dict[str, FontChoice]:
    """Role → installed face; a UserError when no Chinese face is installed at all."""
    fonts = resolve_fonts(profile)
    if not all(f.stack for f in fonts.values()):
        raise UserError.single(missing_cjk_font_message())
    return fonts


def font_css(profile: str = "gb2312") -> str:
    """CSS giving body text the 仿宋 role and h1/h2/h3 the 小标宋/黑体/楷体 roles (installed faces only)."""
    f = fonts_for(profile)
    return (
        f"html {{ {f['body'].css}; }}\n"
        f"h1 {{ {f['title'].css}; }}\n"
        f"h2, th {{ {f['heading1'].css}; }}\n"
        f"h3 {{ {f['heading2'].css}; }}\n"
    )


def harfbuzz_subsetter() -> bool:
    """True when WeasyPrint will subset fonts with HarfBuzz (fast) rather than fontTools."""
    try:
        import_weasyprint()
        from weasyprint.text.ffi import harfbuzz, harfbuzz_subset
    except (ImportError, OSError):
        return False
    return bool(harfbuzz_subset) and bool(harfbuzz.hb_version_atleast(4, 1, 0))


# WeasyPrint ships no type information: its documents and fetchers are Any here.
WeasyDocument = Any


def layout(html: str, base_url: Optional[Union[str, "os.PathLike[str]"]] = None) -> WeasyDocument:
    """Lay out an HTML string: a weasyprint Document whose pages can be inspected, then written."""
    weasyprint = import_weasyprint()
    document = weasyprint.HTML(string=html, base_url=str(base_url) if base_url else None, url_fetcher=_offline_fetcher())
    with cycles_paused():
        return document.render(font_config=_font_config())


@contextlib.contextmanager
def cycles_paused() -> Iterator[None]:
    """Python's cycle collector paused while WeasyPrint lays out or writes. A layout makes millions
    of objects that all stay alive until the document is written, and every collector pass walks
    them again: 10–20 % of a 500-page layout's time, more the longer the document. Memory barely
    changes (+2 % at 525 pages: little of it is cyclic garbage); the collector resumes afterwards
    and frees what is left."""
    if not gc.isenabled():  # paused by the caller (or an outer layout): leave it as it is
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def collector_off() -> None:
    """In a process that ends after its one job (a forked writer, a part's process, the early PDF process):
    no automatic collection for the rest of its life. The first one after a layout (or a write) walks every
    object it made — the collector was paused (cycles_paused) — ~0.4 CPU s after a 250-page layout, to free
    next to nothing: the pages stay until they are written and the process exits soon after. An explicit
    gc.collect() still runs (between the segments of a part: each segment's layout freed before the next)."""
    gc.disable()


MAX_DATA_URL = 8 * 1024 * 1024  # the largest seal (files.MAX_SEAL_BYTES) in base64, with room


def _allowed(url: str) -> bool:
    """No network at render time: data: URLs up to a size and the package's own files, nothing else."""
    from urllib.parse import unquote, urlsplit

    from ...files import readable_by_renderer

    scheme = url.split(":", 1)[0].lower()
    if scheme == "data":
        return len(url) <= MAX_DATA_URL
    if scheme == "file":
        return readable_by_renderer(Path(unquote(urlsplit(url).path)))
    return False


def _offline_fetcher() -> Any:
    """WeasyPrint's fetcher, refusing every URL _allowed() does not accept (it logs and goes on).
    A new one per document: the class keeps per-request state."""
    import_weasyprint()
    from weasyprint import urls

    if hasattr(urls, "URLFetcher"):  # WeasyPrint ≥ 68: a class
        class Offline(urls.URLFetcher):  # type: ignore[misc]  # an untyped base class
            def fetch(self, url: str, headers: Optional[dict[str, str]] = None) -> Any:
                if not _allowed(url):
                    raise ValueError(f"zwgk_docs renders offline, refused: {url[:80]}")
                return super().fetch(url, headers)

        return Offline(allowed_protocols={"data", "file"}, allow_redirects=False)

    def fetch(url: str, *args: Any, **kwargs: Any) -> Any:  # older WeasyPrint: a function
        if not _allowed(url):
            raise ValueError(f"zwgk_docs renders offline, refused: {url[:80]}")
        return urls.default_url_fetcher(url, *args, **kwargs)

    return fetch


_THREAD = threading.local()


def _font_config() -> Any:  # weasyprint.text.fonts.FontConfiguration
    """One Pango font map per thread: the notice's probes and PDFs load each face once,
    and threads of an embedding application never share one."""
    config = getattr(_THREAD, "font_config", None)
    if config is None:
        import_weasyprint()
        from weasyprint.text.fonts import FontConfiguration

        from . import (border_drawing, cjk_justify, css_cache, first_lines, fit, font_files, layout_shortcuts,
                       long_documents, pango_contexts, streams, text_drawing)

        font_files.install()
        streams.install()  # zlib level 6, not 9; colours and page content written cheaper (the same bytes)
        text_drawing.install()  # lines of text drawn with fewer Python calls (the same bytes)
        border_drawing.install()  # collapsed table borders painted with fewer Python calls (the same bytes)
        css_cache.install()  # the print CSS parsed once, not per document
        cjk_justify.install()  # justified Chinese lines (text-align: justify in the print CSS)
        long_documents.install()  # no per-page walks over every other page (layout linear in pages)
        pango_contexts.install()  # one Pango context and font description per font, not per Layout
        first_lines.install()  # a line's first Pango layout shorter (the same break); before layout_shortcuts' memo
        layout_shortcuts.install()  # used values, float-free placement, pseudo-element styles: once, not per box
        fit.install()  # the notice watched as it is laid out: stopped where the sign-off leaves the 正文
        config = _THREAD.font_config = FontConfiguration()
        _CONFIGS.add(config)
    return config


def font_configuration() -> Any:
    """This thread's font configuration, WeasyPrint imported first (a batch's server makes it
    before forking its workers, batch_preload.py)."""
    return _font_config()


# Every font configuration still alive at exit is cleaned up while the modules still exist:
# left to interpreter teardown, WeasyPrint's FontConfiguration.__del__ finds its rmtree gone
# and Python prints "Exception ignored … TypeError" on the user's screen.
_CONFIGS: "weakref.WeakSet[Any]" = weakref.WeakSet()


@atexit.register
def _clean_font_configs() -> None:
    for config in list(_CONFIGS):
        with contextlib.suppress(Exception):
            config.__del__()  # removes its temporary font folder
            config._folder = None  # nothing left for the later __del__


def html_to_pdf(html: str, out: Union[str, "os.PathLike[str]"], base_url: Optional[Union[str, "os.PathLike[str]"]] = None) -> Path:
    """Render an HTML string to `out`; fonts are embedded and subset, images kept lossless."""
    return write(layout(html, base_url), out)


def write(document: WeasyDocument, out: Union[str, "os.PathLike[str]"]) -> Path:
    """Write a laid-out document to `out`, stamped with the build's date (reproducible bytes)."""
    out = Path(out)
    stamp = current()  # the build's date, not the clock: same input, same bytes
    document.metadata.created = document.metadata.modified = stamp.w3c
    if stamp.author and not document.metadata.authors:
        document.metadata.authors = [stamp.author]
    with cycles_paused():
        document.write_pdf(out, uncompressed_pdf=False, optimize_images=False)
    return out


# Waits for background PDFs, collected by build() so the other writers run meanwhile.
_DEFERRED: contextvars.ContextVar[Optional[list["Background"]]] = contextvars.ContextVar(
    "zwgk_deferred_pdf", default=None)


class Background:
    """A job running in a forked child (pid), or already done (pid None)."""

    def __init__(self, pid: Optional[int] = None) -> None:
        self.pid = pid

    def wait(self) -> None:
        if self.pid is None:
            return
        _, status = os.waitpid(self.pid, 0)  # a Ctrl-C in here leaves pid set, so stop() still kills it
        self.pid = None
        if status != 0:
            raise RuntimeError(f"PDF 生成子进程失败（状态 {status}），详见上方错误信息。")

    def stop(self) -> None:
        """Kill and reap the child: a failed build leaves no process behind."""
        if self.pid is None:
            return
        pid, self.pid = self.pid, None
        with contextlib.suppress(OSError):
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)


def may_fork() -> bool:
    """Whether in_background() runs its job in a forked child (else right away, in this process)."""
    return parallel_allowed() and sys.platform.startswith("linux") and threading.active_count() == 1


def in_background(job: Callable[[], object], one_write: bool = False) -> Background:
    """Start `job` in a forked child; wait() on the result for it to finish.
    `one_write`: the job writes one part of a document (a segment): the child keeps nothing for later ones.

    WeasyPrint is single-threaded Python, so a second PDF laid out in a child uses the
    second core. Only inside parallel_pdf() (the CLI), on Linux, and while the process has a
    single thread (forking a threaded process can deadlock); otherwise the job runs now.
    """
    if not may_fork():
        job()
        return Background()
    share_ffi_types()  # parsed once here, not in every child
    sys.stdout.flush()
    sys.stderr.flush()
    parent = os.getpid()
    pid = os.fork()
    if pid == 0:  # the child: never return into the caller's code
        status = 1
        try:
            child_dies_with_parent(parent)
            if one_write:  # nothing this process would keep for later documents outlives it
                from . import shared_lines, unicode_subsets

                shared_lines.one_job()
                unicode_subsets.one_job()
                collector_off()
            job()
            status = 0
        except BaseException:
            traceback.print_exc()
        finally:
            sys.stderr.flush()
            os._exit(status)
    return Background(pid)


def defer(job: Background) -> None:
    """Wait for a background job at the end of the current build (now, outside one)."""
    pending = _DEFERRED.get()
    if pending is None:
        job.wait()
    else:
        pending.append(job)


@contextlib.contextmanager
def deferred_jobs() -> Iterator[None]:
    """Background PDFs started inside this block are waited for at its end; if the block
    fails they are stopped first, so no child outlives a failed build."""
    pending: list[Background] = []
    token = _DEFERRED.set(pending)
    try:
        yield
    except BaseException:
        for job in pending:
            job.stop()
        raise
    finally:
        _DEFERRED.reset(token)
    for job in pending:
        job.wait()


def preload() -> None:
    """Import WeasyPrint now: before a fork, so parent and child share the import."""
    import_weasyprint()
