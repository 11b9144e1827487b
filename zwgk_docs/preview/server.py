"""A localhost HTTP server for the preview: pages, PDFs and a Server-Sent Events stream.

Only the standard library: ThreadingHTTPServer bound to 127.0.0.1, one thread per browser
connection, a watcher thread that polls the plan file (a few stat calls a second is nothing,
and polling works on every file system and editor save strategy: in place, rename, delete).
"""

from __future__ import annotations

import json
import threading
import time
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Optional
from urllib.parse import urlsplit

from .state import Preview

POLL_SECONDS = 0.1
KEEPALIVE_SECONDS = 15.0

# Reload on a new version; keep the reader's place in the page across reloads.
LIVE_RELOAD = """<script>
(function () {
  var key = "zwgk-preview-scroll";
  var y = sessionStorage.getItem(key);
  if (y !== null) { window.scrollTo(0, +y); sessionStorage.removeItem(key); }
  var source = new EventSource("/events?since=%(version)d");
  source.onmessage = function (event) {
    if (+event.data !== %(version)d) {
      sessionStorage.setItem(key, String(window.scrollY));
      source.close();
      location.reload();
    }
  };
})();
</script>"""

# The HTML page says when it has been drawn: only then does the PDF layout (which holds the
# interpreter, and a core) start, so the page the person is looking at comes first.
SHOWN_BEACON = """<script>
addEventListener("load", function () {
  requestAnimationFrame(function () {
    setTimeout(function () { fetch("/shown?v=%(version)d", {cache: "no-store"}); }, 0);
  });
});
</script>"""

TOOLBAR = (
    '<nav class="zwgk-preview" aria-label="预览" style="position:sticky;top:0;z-index:9;background:#1f3a5f;'
    'color:#fff;font:14px/2 sans-serif;padding:0 1em;display:flex;flex-wrap:wrap;gap:1.2em">'
    '<strong>预览（保存后自动刷新）</strong>%(links)s<span>第 %(version)d 次生成，%(time)s</span></nav>'
)
LINK = '<a style="color:#fff" href="/%s">%s</a>'
PDF_NAMES = {"notice.pdf": "通知 PDF", "tasks.pdf": "任务分解表 PDF"}
# A PDF in a page of its own, so that it too is shown anew after each save (a browser's PDF
# viewer never reloads by itself); ?v= makes each version a new URL.
PDF_PAGE = (
    '<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>%(title)s — 预览</title>'
    '<style>html,body{height:100%%;margin:0}body{display:flex;flex-direction:column}'
    'iframe{flex:1;border:0;width:100%%}</style></head><body>%(toolbar)s'
    '<iframe title="%(title)s" src="/%(name)s?v=%(version)d"></iframe></body></html>'
)


def make_server(preview: Preview, host: str = "127.0.0.1", port: int = 8000) -> ThreadingHTTPServer:
    """A server for `preview` (port 0: any free port); call serve_forever() on it."""

    class Handler(PreviewHandler):
        state = preview

    server = ThreadingHTTPServer((host, port), Handler)
    server.daemon_threads = True
    return server


def watch(preview: Preview, stop: threading.Event) -> threading.Thread:
    """Start the thread that rebuilds the preview whenever the plan file changes."""

    def loop() -> None:
        while not stop.wait(POLL_SECONDS):
            preview.refresh()

    thread = threading.Thread(target=loop, name="zwgk-preview-watch", daemon=True)
    thread.start()
    return thread


class PreviewHandler(BaseHTTPRequestHandler):
    state: Preview
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 (stdlib signature)
        pass  # the terminal shows rebuilds, not every request

    def do_GET(self) -> None:  # noqa: N802 (stdlib name)
        url = urlsplit(self.path)
        route = url.path.lstrip("/") or "notice.html"
        if route == "events":
            self._events(url.query)
        elif route == "shown":
            self._shown(url.query)
        elif route == "status.json":
            self._status()
        elif route in PDF_NAMES:
            self._pdf(route)
        elif route.startswith("view/") and route[5:] in PDF_NAMES:
            self._pdf_page(route[5:])
        elif route == "notice.html":
            self._page()
        else:
            self._send(HTTPStatus.NOT_FOUND, "text/plain; charset=utf-8", "没有这个页面。".encode())

    # ---------------------------------------------------------------- routes

    def _page(self) -> None:
        snapshot = self.state.snapshot
        page = snapshot.pages.get("notice.html") if not snapshot.errors else None
        body = page if page is not None else self.state.error_page()
        script = (LIVE_RELOAD + SHOWN_BEACON) % {"version": snapshot.version}
        body = _inject(body, self._toolbar(), script)
        self._send(HTTPStatus.OK, "text/html; charset=utf-8", body.encode("utf-8"))
        self.state.page_watched = True

    def _shown(self, query: str) -> None:
        """The browser has drawn the HTML page of a version: that version's PDF may start."""
        snapshot = self.state.snapshot
        if _since(query, "v") == snapshot.version:
            snapshot.served.set()
        self.send_response(HTTPStatus.NO_CONTENT)
        self.send_header("Cache-Control", "no-store")
        self.end_headers()

    def _pdf_page(self, name: str) -> None:
        snapshot = self.state.snapshot
        if snapshot.errors:
            body = _inject(self.state.error_page(), self._toolbar(), "")
        else:
            body = PDF_PAGE % {"title": PDF_NAMES[name], "toolbar": self._toolbar(), "name": name,
                               "version": snapshot.version}
        body = _inject(body, "", LIVE_RELOAD % {"version": snapshot.version})
        self._send(HTTPStatus.OK, "text/html; charset=utf-8", body.encode("utf-8"))

    def _toolbar(self) -> str:
        snapshot = self.state.snapshot
        links = []
        if snapshot.context is not None:
            links.append(LINK % ("", "网页"))
            if snapshot.context.notice is not None:
                links.append(LINK % ("view/notice.pdf", PDF_NAMES["notice.pdf"]))
            links.append(LINK % ("view/tasks.pdf", PDF_NAMES["tasks.pdf"]))
        return TOOLBAR % {
            "links": "".join(links), "version": snapshot.version,
            "time": time.strftime("%H:%M:%S", time.localtime(snapshot.built_at)),
        }

    def _pdf(self, name: str) -> None:
        data = self.state.pdf(name)
        if data is None:
            message = "计划文件有错误，或没有这份文件（没有 notice 时不生成通知）。"
            self._send(HTTPStatus.NOT_FOUND, "text/plain; charset=utf-8", message.encode())
            return
        self._send(HTTPStatus.OK, "application/pdf", data)

    def _status(self) -> None:
        snapshot = self.state.snapshot
        status = {
            "version": snapshot.version, "built_at": snapshot.built_at,
            "errors": [str(d) for d in snapshot.errors], "warnings": [str(d) for d in snapshot.warnings],
        }
        self._send(HTTPStatus.OK, "application/json", json.dumps(status, ensure_ascii=False).encode())

    def _events(self, query: str) -> None:
        seen = _since(query)
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", "text/event-stream; charset=utf-8")
        self.send_header("Cache-Control", "no-cache")
        self.end_headers()
        try:
            current = self.state.snapshot.version
            while True:
                if current != seen:
                    self.wfile.write(f"data: {current}\n\n".encode())
                    self.wfile.flush()
                    seen = current
                else:
                    self.wfile.write(b": keep-alive\n\n")
                    self.wfile.flush()
                current = self.state.wait_for_change(seen, KEEPALIVE_SECONDS)
        except (BrokenPipeError, ConnectionResetError):
            return  # the browser left or reloaded

    def _send(self, status: HTTPStatus, content_type: str, body: bytes) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(body)


def _inject(page: str, toolbar: str, script: str) -> str:
    """The toolbar right after <body>, the reload script before </body>."""
    head, sep, rest = page.partition("<body>")
    page = head + sep + toolbar + rest if sep else toolbar + page
    body, sep, tail = page.rpartition("</body>")
    return body + script + sep + tail if sep else page + script


def _since(query: str, name: str = "since") -> Optional[int]:
    for pair in query.split("&"):
        key, _, value = pair.partition("=")
        if key == name and value.isdigit():
            return int(value)
    return None

