"""The command line's PDF process, forked before the plan is read: WeasyPrint loads meanwhile.

`zwgk build plan.yaml` spends its first ~0.4 s importing WeasyPrint only to lay out the
PDFs, after ~0.3 s reading the plan and building its context. The executable (entry.py)
forks this process as soon as the modules both need are imported; it imports WeasyPrint
while the command line parses the options, reads the plan and builds the context, which it
then receives (pickled) with the PDFs to write. The notice's layout — the longest stretch of a
build — so starts ~0.2–0.3 s sooner, and the main process, which now never imports WeasyPrint,
writes the .docx/.xlsx/.html meanwhile.

Only the executable starts one (never a library caller: no fork there), once, for a single
build with PDFs; a process nobody gives a job to exits when the main process does (its pipe
closes), without finishing the import.
"""

from __future__ import annotations

import contextlib
import logging
import os
import pickle
import sys
import threading
import traceback
from dataclasses import dataclass
from typing import Any, Callable, Optional

import PIL.Image  # noqa: F401 — both processes load it (WeasyPrint; openpyxl and docxtpl): once, before the fork

from ... import files
from ...fonts import installed
from ...interrupts import child_dies_with_parent
from ...parallel import parallel_pdf
from ...stack_room import roomy
from ..reproducible import Stamp, current, stamping
from .libraries import import_weasyprint
from .render import Background, collector_off


@dataclass
class _Job:
    """What the PDF process runs, and the build's settings it runs them under."""

    function: Callable[..., object]  # module-level, pickled by name
    args: tuple[Any, ...]
    stamp: Stamp
    trusted: bool
    log_level: int = logging.ERROR
    warm: Optional[Callable[..., object]] = None  # run on the same args while WeasyPrint is imported


class _Process:
    def __init__(self, pid: int, pipe: int) -> None:
        self.pid, self.pipe = pid, pipe

    def run(self, function: Callable[..., object], *args: Any,
            warm: Optional[Callable[..., object]] = None) -> Optional[Background]:
        """Hand the job over (the process starts on it once WeasyPrint is loaded); wait() on the
        result. None when the process could not take it.
        `warm(*args)`, when given, runs meanwhile: what waits on other processes (fc-list…), not on the CPU."""
        job = _Job(function, args, current(), files.is_trusted(), logging.getLogger("weasyprint").getEffectiveLevel(), warm)
        data = pickle.dumps(job, protocol=pickle.HIGHEST_PROTOCOL)
        try:
            with os.fdopen(self.pipe, "wb") as pipe:  # read at once by the process's reader thread
                pipe.write(data)
        except OSError:  # the process is gone (it said why on stderr): the caller writes the PDFs itself
            with contextlib.suppress(OSError):
                os.waitpid(self.pid, 0)
            return None
        finally:
            self.pipe = -1
        return Background(self.pid)

    def close(self) -> None:
        """No job: the process exits on the closed pipe (at the latest when this process does)."""
        if self.pipe >= 0:
            with contextlib.suppress(OSError):
                os.close(self.pipe)
            self.pipe = -1


_STARTED: Optional[_Process] = None


def start() -> None:
    """Fork the PDF process (the executable's first step for `zwgk build PLAN` with PDFs; Linux)."""
    global _STARTED
    if _STARTED is not None or not sys.platform.startswith("linux") or threading.active_count() != 1:
        return
    installed.faces()  # both processes ask fontconfig (the fonts' check, the PDFs): once, its configuration shared
    sys.stdout.flush()
    sys.stderr.flush()
    read, write = os.pipe()
    parent = os.getpid()
    pid = os.fork()
    if pid == 0:
        os.close(write)
        _serve(read, parent)
    os.close(read)
    _STARTED = _Process(pid, write)


def take() -> Optional[_Process]:
    """The started process, to the first build that asks for it (in the process that started it)."""
    global _STARTED
    started, _STARTED = _STARTED, None
    if started is not None and started.pipe < 0:
        return None
    return started


def _serve(pipe: int, parent: int) -> None:
    """In the forked process: load WeasyPrint while the job arrives, run it, exit. Never returns."""
    status = 1
    try:
        child_dies_with_parent(parent)
        collector_off()  # for good: WeasyPrint's import and the warm-up leave next to no cyclic garbage
        received: list[_Job] = []
        reader = threading.Thread(target=_receive, args=(pipe, received), daemon=True)
        reader.start()  # drains the pipe at once: the main process never waits to hand over
        import_weasyprint()
        if not received:
            _warm_layout()
        reader.join()
        if not received:
            return  # the reader failed (and said why)
        job = received[0]
        logging.getLogger("weasyprint").setLevel(job.log_level)
        with parallel_pdf(), stamping(job.stamp), files.policy(job.trusted):  # fork again only now: one thread
            roomy(job.function, *job.args)
        status = 0
    except BaseException:  # noqa: BLE001 — reported, and the main process fails the build
        traceback.print_exc()
    finally:
        sys.stderr.flush()
        os._exit(status)


# Body text, headings and a justified line in each font role: what a first layout loads (faces, Pango's font map).
_WARM_HTML = ("<html lang='zh-CN'><style>{css}</style><body><h1>标题</h1><h2>一、标题</h2><h3>（一）标题</h3>"
              "<p style='text-align: justify'>正文 ABC 123，。“”《》—</p><table><tr><th>表头</th><td>表格</td></tr></table>"
              "</body></html>")


def _warm_layout() -> None:
    """While the job has not come: a small layout in the default fonts, so that the notice's first one (and
    its head's process, forked from this one) does not load the faces itself (~0.1 s each). Laid out only:
    nothing is written, nothing kept for later documents but what any layout leaves."""
    from .render import font_css, layout

    with contextlib.suppress(Exception):  # only a head start: the job itself meets any error
        roomy(layout, _WARM_HTML.format(css=font_css()))


def _receive(pipe: int, received: list[_Job]) -> None:
    """The reader thread: the job, then its warm-up (while the main thread still imports)."""
    chunks = []
    with os.fdopen(pipe, "rb") as stream:
        while chunk := stream.read(1 << 16):
            chunks.append(chunk)
    if not chunks:  # closed without a job: nothing to do, not even to finish importing
        os._exit(0)
    job: _Job = pickle.loads(b"".join(chunks))
    received.append(job)
    if job.warm is not None:
        with contextlib.suppress(Exception):  # only a head start: the job itself meets any error
            job.warm(*job.args)
