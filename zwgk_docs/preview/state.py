"""The preview's state: the plan file, its latest build (or its errors), and a version number."""

from __future__ import annotations

import html
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

from ..context import RenderContext, build_context
from ..errors import Diagnostic, UserError
from ..load import load_plan_with_warnings


@dataclass
class Snapshot:
    """One build of the plan: the pages as served, or the diagnostics that stopped it."""

    version: int
    built_at: float
    context: Optional[RenderContext] = None
    pages: dict[str, str] = field(default_factory=dict)  # name → HTML
    warnings: list[Diagnostic] = field(default_factory=list)
    errors: list[Diagnostic] = field(default_factory=list)
    pdfs: dict[str, bytes] = field(default_factory=dict)  # laid out on first request
    served: threading.Event = field(default_factory=threading.Event)  # a browser has drawn its HTML page


PAGE_FIRST_SECONDS = 0.5  # longest the PDF waits for a browser to draw the new page


class Preview:
    """Rebuild `plan_path` whenever its bytes change; `wait_for_change` serves the browsers."""

    def __init__(self, plan_path: Path) -> None:
        self.plan_path = Path(plan_path)
        self._changed = threading.Condition()
        # Every PDF is laid out on this one long-lived thread: WeasyPrint lays out one document at
        # a time, and its font configuration (fonts loaded, shaped glyphs) is kept per thread.
        self._pdf_thread = ThreadPoolExecutor(max_workers=1, thread_name_prefix="zwgk-preview-pdf")
        self._signature: Optional[tuple[int, int, bytes]] = None
        self._shown: Optional[str] = None  # the PDF looked at last: laid out again right after each save
        self.page_watched = False  # an HTML page was served: its reload goes before the PDF
        self.snapshot = Snapshot(0, time.time())
        self.refresh()

    # ---------------------------------------------------------------- building

    def refresh(self) -> bool:
        """Rebuild when the file changed since the last build; True when it did."""
        signature = self._read_signature()
        if signature == self._signature:
            return False
        self._signature = signature
        snapshot = self._build(self.snapshot.version + 1)
        with self._changed:
            self.snapshot = snapshot
            self._changed.notify_all()
        if self._shown is not None and snapshot.context is not None:
            self._pdf_thread.submit(self._lay_out_after_page, snapshot, self._shown)  # the other PDF: when asked for
        return True

    def _lay_out_after_page(self, snapshot: Snapshot, name: str) -> None:
        """The PDF shown last, laid out again once the browsers have the new page: WeasyPrint holds
        the interpreter while it works, so starting at once would slow the page's reload. Only the
        drawn HTML page counts: a PDF viewer reloading first must not start the layout before it."""
        if self.page_watched:
            snapshot.served.wait(PAGE_FIRST_SECONDS)
        self._lay_out(snapshot, name)

    def _read_signature(self) -> Optional[tuple[int, int, bytes]]:
        try:
            stat = self.plan_path.stat()
            return stat.st_mtime_ns, stat.st_size, self.plan_path.read_bytes()
        except OSError:
            return None

    def _build(self, version: int) -> Snapshot:
        from ..writers.html import page_html

        snapshot = Snapshot(version, time.time())
        try:
            plan, snapshot.warnings = load_plan_with_warnings(self.plan_path)
            snapshot.context = build_context(plan)
            snapshot.pages["notice.html"] = page_html(snapshot.context)
        except UserError as exc:
            snapshot.errors = list(exc.diagnostics)
        return snapshot

    def pdf(self, name: str) -> Optional[bytes]:
        """notice.pdf or tasks.pdf of the current build, laid out once per version."""
        if name not in ("notice.pdf", "tasks.pdf"):
            return None
        self._shown = name
        return self._pdf_thread.submit(self._lay_out, self.snapshot, name).result()

    def _lay_out(self, snapshot: Snapshot, name: str) -> Optional[bytes]:
        """On the PDF thread: the PDF of `snapshot`, laid out once; none once a newer build is there."""
        if snapshot.context is None or (name == "notice.pdf" and snapshot.context.notice is None):
            return None
        if name not in snapshot.pdfs:
            if snapshot is not self.snapshot:
                return self._lay_out(self.snapshot, name)  # saved again meanwhile: make the newer one
            snapshot.pdfs[name] = _lay_out(snapshot.context, name)
        return snapshot.pdfs[name]

    def warm_up(self) -> None:
        """Load WeasyPrint and the fonts on the PDF thread now (in the background), so the first
        PDF asked for comes quickly; marks nothing as shown."""

        def job() -> None:
            try:
                self._lay_out(self.snapshot, "tasks.pdf")
            except Exception:  # noqa: BLE001 — a failure shows again on the real request
                pass

        self._pdf_thread.submit(job)

    def close(self) -> None:
        self._pdf_thread.shutdown(wait=False, cancel_futures=True)

    # ---------------------------------------------------------------- waiting

    def wait_for_change(self, seen: int, timeout: float) -> int:
        """Block until the version differs from `seen` (or timeout); return the current version."""
        with self._changed:
            self._changed.wait_for(lambda: self.snapshot.version != seen, timeout)
            return self.snapshot.version

    # ---------------------------------------------------------------- errors as a page

    def error_page(self) -> str:
        rows = "".join(f"<li><code>{html.escape(str(d))}</code></li>" for d in self.snapshot.errors)
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


def _lay_out(ctx: RenderContext, name: str) -> bytes:
    import tempfile

    from ..writers.pdf import notice_html, print_html
    from ..writers.pdf.render import html_to_pdf

    source = notice_html(ctx) if name == "notice.pdf" else print_html(ctx, "tasks_print.html")
    with tempfile.TemporaryDirectory(prefix="zwgk-preview-") as tmp:
        return html_to_pdf(source, Path(tmp) / name).read_bytes()
