"""The preview's state: the plan file, its latest build (or its errors), and a version number."""

from __future__ import annotations

import contextlib
import html
import os
import threading
import time
from collections import Counter
from concurrent.futures import CancelledError, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator, Optional

from ..context import RenderContext, build_context
from ..errors import Diagnostic, UserError
from ..load import load_plan_with_warnings, loads_with_warnings
from .pdf_worker import PdfWorker, Result

PDF_NAMES = ("notice.pdf", "tasks.pdf")


@dataclass
class Snapshot:
    """One build of the plan: the pages as served, or the diagnostics that stopped it."""

    version: int
    built_at: float
    source: Optional[bytes] = None  # the plan file's bytes (None: it could not be read)
    context: Optional[RenderContext] = None
    pages: dict[str, str] = field(default_factory=dict)  # name → HTML
    warnings: list[Diagnostic] = field(default_factory=list)
    errors: list[Diagnostic] = field(default_factory=list)
    pdfs: dict[str, Result] = field(default_factory=dict)  # laid out by the PDF process, on demand


class Preview:
    """Rebuild `plan_path` whenever its bytes change; `wait_for_change` serves the browsers.

    After a save, the PDFs that a browser shows (a PDF page with its event stream open, or the
    PDF asked for last) are laid out at once in the PDF process while this one rebuilds the
    HTML page; the other when it is asked for."""

    def __init__(self, plan_path: Path) -> None:
        self.plan_path = Path(plan_path)
        self._changed = threading.Condition()
        # One thread talks to the PDF process (which it started: the process dies with this one);
        # it lays out one PDF at a time and skips versions saved over meanwhile.
        self._pdf_thread = ThreadPoolExecutor(max_workers=1, thread_name_prefix="zwgk-preview-pdf")
        self._worker = PdfWorker()
        self._viewers: Counter[str] = Counter()  # PDF pages open in a browser, by PDF name
        self._fetched: Optional[str] = None  # the PDF asked for last (a viewer reloaded by hand, a script)
        self._signature: Optional[tuple[int, int, bytes]] = None
        self.revision = 0  # counts builds and finished PDFs: what the event streams wait for
        self.snapshot = Snapshot(0, time.time())
        self._latest = self.snapshot  # the newest save, perhaps still being built
        self.refresh()

    # ---------------------------------------------------------------- building

    def refresh(self) -> bool:
        """Rebuild when the file changed since the last build; True when it did."""
        signature = self._read_signature()
        if signature == self._signature:
            return False
        self._signature = signature
        snapshot = Snapshot(self._latest.version + 1, time.time(), source=signature[2] if signature else None)
        self._latest = snapshot
        for name in self._shown():
            with contextlib.suppress(RuntimeError):  # closing
                self._pdf_thread.submit(self._lay_out, snapshot, name)  # starts now, in the other process
        self._build(snapshot)
        with self._changed:
            self.snapshot = snapshot
            self.revision += 1
            self._changed.notify_all()
        return True

    def _shown(self) -> list[str]:
        """The PDFs to lay out right after a save: those open in a PDF page, then the one asked for last."""
        names = [n for n in PDF_NAMES if self._viewers[n]]
        return names + [self._fetched] if self._fetched is not None and self._fetched not in names else names

    def _read_signature(self) -> Optional[tuple[int, int, bytes]]:
        try:
            stat = self.plan_path.stat()
            return stat.st_mtime_ns, stat.st_size, self.plan_path.read_bytes()
        except OSError:
            return None

    def _build(self, snapshot: Snapshot) -> None:
        from ..writers.html import page_html

        try:
            if snapshot.source is None:  # the file's own message: not found, no permission, …
                plan, snapshot.warnings = load_plan_with_warnings(self.plan_path)
            else:  # the bytes the PDF process reads too
                plan, snapshot.warnings = loads_with_warnings(snapshot.source, os.fspath(self.plan_path))
            snapshot.context = build_context(plan)
            snapshot.pages["notice.html"] = page_html(snapshot.context)
        except UserError as exc:
            snapshot.errors = list(exc.diagnostics)

    def pdf(self, name: str) -> Result:
        """The PDF of the current version (laid out now if need be): bytes, None when the plan
        has none or has errors, or the Chinese messages of an error only the PDF meets (a seal)."""
        if name not in PDF_NAMES:
            return None
        self._fetched = name
        try:
            return self._pdf_thread.submit(self._lay_out, self.snapshot, name).result()
        except (CancelledError, RuntimeError):  # the preview is closing (no new work after shutdown)
            return None

    def _lay_out(self, snapshot: Snapshot, name: str) -> Result:
        """On the PDF thread: the PDF of `snapshot`, laid out once; the newest one's once saved again."""
        if snapshot is not self._latest:
            return self._lay_out(self._latest, name)
        if name not in snapshot.pdfs:
            no_notice = snapshot.context is not None and name == "notice.pdf" and snapshot.context.notice is None
            if snapshot.source is None or snapshot.errors or no_notice:  # the page says why
                result: Result = None
            else:
                result = self._worker.lay_out(self.plan_path, snapshot.source, name)
            with self._changed:
                snapshot.pdfs[name] = result
                self.revision += 1
                self._changed.notify_all()
        return snapshot.pdfs[name]

    def warm_up(self) -> None:
        """Start the PDF process now and lay out the plan's first PDF there (in the background):
        WeasyPrint, the fonts and the notice's spacing are ready before a PDF is asked for."""
        context = self.snapshot.context
        name = "notice.pdf" if context is not None and context.notice is not None else "tasks.pdf"

        def job() -> None:
            with contextlib.suppress(Exception):  # a failure shows again on the real request
                self._lay_out(self.snapshot, name)

        self._pdf_thread.submit(job)

    def close(self) -> None:
        self._pdf_thread.shutdown(wait=False, cancel_futures=True)
        self._worker.close()

    # ---------------------------------------------------------------- the browsers

    @contextlib.contextmanager
    def viewing(self, name: Optional[str]) -> Iterator[None]:
        """While a browser shows PDF `name` (its page's event stream is open), lay it out after each save."""
        if name not in PDF_NAMES:
            yield
            return
        with self._changed:
            self._viewers[name] += 1
        try:
            yield
        finally:
            with self._changed:
                self._viewers[name] -= 1

    def status(self) -> dict[str, Any]:
        """What the event streams send: the version, whether it has errors, its PDFs laid out."""
        snapshot = self.snapshot
        return {"version": snapshot.version, "errors": bool(snapshot.errors),
                "ready": [name for name in PDF_NAMES if name in snapshot.pdfs]}

    def wait_for_change(self, seen: int, timeout: float) -> int:
        """Block until the revision differs from `seen` (or timeout); return the current revision."""
        with self._changed:
            self._changed.wait_for(lambda: self.revision != seen, timeout)
            return self.revision

    # ---------------------------------------------------------------- errors as a page

    def error_page(self, diagnostics: Optional[list[str]] = None) -> str:
        """The plan's errors (or `diagnostics`) as a page, in Chinese, each with file:line:column."""
        messages = diagnostics if diagnostics is not None else [str(d) for d in self.snapshot.errors]
        rows = "".join(f"<li><code>{html.escape(m)}</code></li>" for m in messages)
        name = html.escape(str(self.plan_path))
        return (
            "<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\">"
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
            f"<title>计划文件有错误 — {name}</title>"
            "<style>body{font:16px/1.7 sans-serif;margin:2em auto;max-width:60em;padding:0 1em;color:#1a1a1a}"
            "h1{font-size:1.4em;color:#a40000}code{white-space:pre-wrap;font-size:1em}li{margin:.4em 0}</style>"
            f"</head><body><main><h1>计划文件有错误，尚未更新预览</h1><p>文件：<code>{name}</code></p>"
            f"<ol>{rows}</ol><p>改正并保存后，本页自动刷新。</p></main></body></html>"
        )
