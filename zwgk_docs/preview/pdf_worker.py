"""The preview's PDFs, laid out in a warm process of their own.

WeasyPrint is pure Python and holds the interpreter for the second or so a layout takes, so in
the server's process it would stall the HTML page's rebuild and the requests of the browser.
In a second process the PDF starts the moment a save is seen, on the other core, while the
server rebuilds and serves the page. The process is started with `spawn` (never `fork`: the
server has threads), loads WeasyPrint and the fonts once, and keeps between saves what the PDF
writer keeps in a process (its font configuration, the notice's chosen spacing).
"""

from __future__ import annotations

import multiprocessing
import os
import signal
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import TYPE_CHECKING, Optional, Union

from ..errors import UserError

if TYPE_CHECKING:
    from ..context import RenderContext
    from ..writers.pdf.render import WeasyDocument

# What a layout gives back: the PDF, None (no such document for this plan), or the Chinese
# messages of the error that stopped it (the HTML page shows the plan's own errors).
Result = Union[bytes, None, list[str]]
PROCESS_DIED = "生成 PDF 的进程意外退出（可能是内存不足）。保存计划文件后会再试一次。"
INTERNAL_ERROR = "生成 PDF 时程序内部出错（{}）。网页预览不受影响；请把计划文件发给维护人员。"


class PdfWorker:
    """One long-lived child process. Call `lay_out` from one long-lived thread: the child is
    started by it and killed when it ends (PR_SET_PDEATHSIG is tied to the starting thread), so
    no PDF process outlives the preview, even one killed with SIGKILL. As with any `spawn`, a
    program embedding the preview imports its main module again in the child: guard its start
    with `if __name__ == "__main__":`."""

    def __init__(self) -> None:
        self._pool: Optional[ProcessPoolExecutor] = None

    def lay_out(self, plan_path: Path, source: bytes, name: str) -> Result:
        """`name` (notice.pdf or tasks.pdf) of the plan whose file held `source`."""
        for _ in (1, 2):  # a child that died (killed, out of memory) is started again once
            try:
                return self._started().submit(_lay_out, str(plan_path), source, name).result()
            except BrokenProcessPool:
                self._pool = None
        return [PROCESS_DIED]

    def _started(self) -> ProcessPoolExecutor:
        if self._pool is None:
            self._pool = ProcessPoolExecutor(
                max_workers=1, mp_context=multiprocessing.get_context("spawn"),
                initializer=_start, initargs=(os.getpid(),))
        return self._pool

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=False, cancel_futures=True)
            self._pool = None


# ---------------------------------------------------------------- in the child


def _start(parent: int) -> None:
    from ..interrupts import die_with_parent

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is for the server, which stops this process
    die_with_parent(signal.SIGKILL)
    if os.getppid() != parent:
        os._exit(1)


class _Plan:
    """The plan read last, and its notice once laid out: tasks.pdf of the same save is made of
    the notice's table pages (writers/pdf/compose.py) instead of a second layout of the table."""

    key: Optional[tuple[str, bytes]] = None
    ctx: Optional["RenderContext"] = None
    notice: Optional[WeasyDocument] = None


def _context(plan_path: str, source: bytes) -> "RenderContext":
    from ..context import build_context
    from ..load import loads

    if _Plan.key != (plan_path, source) or _Plan.ctx is None:
        _Plan.key, _Plan.ctx, _Plan.notice = None, None, None
        _Plan.ctx = build_context(loads(source, plan_path))
        _Plan.key = (plan_path, source)
    return _Plan.ctx


def _lay_out(plan_path: str, source: bytes, name: str) -> Result:
    import tempfile

    from ..writers.pdf import notice_document, tasks_document
    from ..writers.pdf.render import write

    try:
        ctx = _context(plan_path, source)
        if name == "notice.pdf":
            if ctx.notice is None:
                return None
            document = _Plan.notice = notice_document(ctx)
        else:
            document, _Plan.notice = tasks_document(ctx, _Plan.notice), None  # (its boxes may move)
        with tempfile.TemporaryDirectory(prefix="zwgk-preview-") as tmp:
            return write(document, Path(tmp) / name).read_bytes()
    except UserError as exc:
        return [str(d) for d in exc.diagnostics]
    except Exception as exc:  # noqa: BLE001 — shown in the PDF's frame in Chinese, never a traceback
        return [INTERNAL_ERROR.format(type(exc).__name__)]
