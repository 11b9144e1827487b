"""A localhost HTTP server for the preview: pages, PDFs and a Server-Sent Events stream.

The standard library's ThreadingHTTPServer bound to 127.0.0.1, one thread per browser
connection. A page never reloads: the event stream says that a new version is there, and the
page fetches it and swaps its <body> in place (a reload costs a new document, its styles and a
layout from scratch: several times the swap, and the reader's place in the page).
"""

from __future__ import annotations

import json
import time
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Optional
from urllib.parse import parse_qsl, urlsplit

from .state import Preview, Snapshot

KEEPALIVE_SECONDS = 15.0

# Swap in each new version: the page of the version the stream announces (a PDF page: once its
# PDF is laid out, or the plan has errors), fetched and put in place of this one's <body>.
LIVE_UPDATE = """<script>
(function () {
  var version = %(version)d, pdf = %(pdf)s, latest = null, fetching = false;
  function swap(text) {
    var doc = new DOMParser().parseFromString(text, "text/html");
    document.title = doc.title;
    document.head.querySelectorAll("style").forEach(function (s) { s.remove(); });
    doc.head.querySelectorAll("style").forEach(function (s) { document.head.appendChild(s); });
    document.body.replaceWith(doc.body);  /* its scripts stay inert: this one keeps listening */
  }
  function update() {
    if (!latest || latest.version <= version || fetching) return;
    if (pdf && !latest.errors && latest.ready.indexOf(pdf) < 0) {
      var note = document.getElementById("zwgk-preview-note");
      if (note) note.textContent = "正在生成新的 PDF……";
      return;
    }
    fetching = true;
    fetch(location.pathname, {cache: "no-store"}).then(function (response) {
      var shown = +response.headers.get("X-Preview-Version");
      return response.text().then(function (text) { swap(text); version = shown; });
    }).catch(function () { location.reload(); }).finally(function () { fetching = false; update(); });
  }
  var source = new EventSource("/events" + (pdf ? "?pdf=" + pdf : ""));
  source.onmessage = function (event) { latest = JSON.parse(event.data); update(); };
})();
</script>"""

TOOLBAR = (
    '<nav class="zwgk-preview" aria-label="预览" style="position:sticky;top:0;z-index:9;background:#1f3a5f;'
    'color:#fff;font:14px/2 sans-serif;padding:0 1em;display:flex;flex-wrap:wrap;gap:1.2em">'
    '<strong>预览（保存后自动刷新）</strong>%(links)s<span>第 %(version)d 次生成，%(time)s</span><span id="zwgk-preview-note"></span></nav>'
)
LINK = '<a style="color:#fff" href="/%s">%s</a>'
PDF_NAMES = {"notice.pdf": "通知 PDF", "tasks.pdf": "任务分解表 PDF"}
# A PDF in a page of its own, so that it too is shown anew after each save (a browser's PDF
# viewer never reloads by itself); ?v= makes each version a new URL, framed once it is laid out.
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
        self._send_page(snapshot, _inject(body, self._toolbar(snapshot), LIVE_UPDATE % {"version": snapshot.version, "pdf": "null"}))

    def _pdf_page(self, name: str) -> None:
        snapshot = self.state.snapshot
        if snapshot.errors:
            body = _inject(self.state.error_page(), self._toolbar(snapshot), "")
        else:
            body = PDF_PAGE % {"title": PDF_NAMES[name], "toolbar": self._toolbar(snapshot), "name": name,
                               "version": snapshot.version}
        self._send_page(snapshot, _inject(body, "", LIVE_UPDATE % {"version": snapshot.version, "pdf": json.dumps(name)}))

    def _toolbar(self, snapshot: Snapshot) -> str:
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
        result = self.state.pdf(name)
        if isinstance(result, bytes):
            self._send(HTTPStatus.OK, "application/pdf", result)
        elif isinstance(result, list):  # an error only the PDF meets (the seal image): shown in the frame
            self._send(HTTPStatus.OK, "text/html; charset=utf-8", self.state.error_page(result).encode("utf-8"))
        else:
            message = "计划文件有错误，或没有这份文件（没有 notice 时不生成通知）。"
            self._send(HTTPStatus.NOT_FOUND, "text/plain; charset=utf-8", message.encode())

    def _status(self) -> None:
        snapshot = self.state.snapshot
        status = {
            "version": snapshot.version, "built_at": snapshot.built_at,
            "errors": [str(d) for d in snapshot.errors], "warnings": [str(d) for d in snapshot.warnings],
        }
        self._send(HTTPStatus.OK, "application/json", json.dumps(status, ensure_ascii=False).encode())

    def _events(self, query: str) -> None:
        """The state (version, errors, PDFs laid out) each time it changes; a PDF page's stream
        (pdf=NAME) also asks for that PDF to be laid out after every save while it is open."""
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", "text/event-stream; charset=utf-8")
        self.send_header("Cache-Control", "no-cache")
        self.end_headers()
        sent = None
        try:
            with self.state.viewing(_param(query, "pdf")):
                revision = self.state.revision
                while True:
                    status = json.dumps(self.state.status())
                    if status != sent:
                        self.wfile.write(f"data: {status}\n\n".encode())
                        sent = status
                    else:
                        self.wfile.write(b": keep-alive\n\n")
                    self.wfile.flush()
                    revision = self.state.wait_for_change(revision, KEEPALIVE_SECONDS)
        except (BrokenPipeError, ConnectionResetError):
            return  # the browser left or reloaded

    def _send_page(self, snapshot: Snapshot, page: str) -> None:
        self._send(HTTPStatus.OK, "text/html; charset=utf-8", page.encode("utf-8"), {"X-Preview-Version": str(snapshot.version)})

    def _send(self, status: HTTPStatus, content_type: str, body: bytes, headers: Optional[dict[str, str]] = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        for key, value in (headers or {}).items():
            self.send_header(key, value)
        self.end_headers()
        self.wfile.write(body)


def _inject(page: str, toolbar: str, script: str) -> str:
    """The toolbar right after <body>, the reload script before </body>."""
    head, sep, rest = page.partition("<body>")
    page = head + sep + toolbar + rest if sep else toolbar + page
    body, sep, tail = page.rpartition("</body>")
    return body + script + sep + tail if sep else page + script


def _param(query: str, name: str) -> Optional[str]:
    for key, value in parse_qsl(query):
        if key == name:
            return value
    return None

