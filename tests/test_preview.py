"""`zwgk preview`: rebuild on save, errors as a page, PDFs from their own process, live update in a real browser."""

from __future__ import annotations

import json
import threading
import time
import urllib.request

import pypdfium2 as pdfium
import pytest

from conftest import chromium_browser, example_path
from zwgk_docs.preview import Preview
from zwgk_docs.preview.server import make_server
from zwgk_docs.preview.watch import watch

EDIT = ("全面公开各类规划信息", "全面公开各类规划信息（已改）")


@pytest.fixture
def served(tmp_path):
    plan = tmp_path / "plan.yaml"
    plan.write_text(example_path("shenyang-2021").read_text(encoding="utf-8"), encoding="utf-8")
    state = Preview(plan)
    server = make_server(state, port=0)
    stop = threading.Event()
    watch(state, stop)
    threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    yield plan, base
    stop.set()
    server.shutdown()
    server.server_close()
    state.close()


def get(url: str) -> bytes:
    with urllib.request.urlopen(url, timeout=60) as response:
        return response.read()


def wait_for_version(base: str, version: int, seconds: float = 20) -> dict:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        status = json.loads(get(base + "/status.json"))
        if status["version"] >= version:
            return status
        time.sleep(0.02)
    raise AssertionError(f"the preview never reached version {version}")


def events(base: str, query: str = ""):
    """The preview's event stream, message by message (JSON)."""
    response = urllib.request.urlopen(base + "/events" + query, timeout=60)
    for line in response:
        if line.startswith(b"data: "):
            yield json.loads(line[6:])


def test_save_rebuilds_and_errors_show_in_the_page(served):
    plan, base = served
    page = get(base + "/").decode()
    assert EDIT[0] in page and "EventSource" in page
    stream = events(base)
    assert next(stream)["version"] == 1
    plan.write_text(plan.read_text(encoding="utf-8").replace(*EDIT), encoding="utf-8")
    assert next(stream) == {"version": 2, "errors": False, "ready": []}  # no PDF is shown: none laid out
    assert EDIT[1] in get(base + "/").decode()
    plan.write_text(plan.read_text(encoding="utf-8").replace("  year: 2021", "  year: 20x1"), encoding="utf-8")
    status = wait_for_version(base, 3)
    assert any("plan.year" in e and ":" in e for e in status["errors"])
    page = get(base + "/").decode()
    assert "计划文件有错误" in page and "plan.year" in page and "EventSource" in page


@pytest.mark.slow  # a real PDF process: spawned, warmed up, lays both PDFs out (~5 s)
def test_pdfs_laid_out_in_their_process_and_announced(served):
    """Both PDFs come from the PDF process; while a PDF page is open (its event stream, pdf=NAME),
    each save lays that PDF out at once and the stream says when it is ready."""
    plan, base = served
    assert get(base + "/tasks.pdf").startswith(b"%PDF")
    assert get(base + "/notice.pdf").startswith(b"%PDF")
    page = get(base + "/view/notice.pdf").decode()
    assert 'src="/notice.pdf?v=1"' in page and "EventSource" in page and 'href="/view/tasks.pdf"' in page
    stream = events(base, "?pdf=notice.pdf")
    assert next(stream) == {"version": 1, "errors": False, "ready": ["notice.pdf", "tasks.pdf"]}
    plan.write_text(plan.read_text(encoding="utf-8").replace(*EDIT), encoding="utf-8")
    state = next(stream)
    while state["version"] < 2 or "notice.pdf" not in state["ready"]:  # built, then laid out unasked
        state = next(stream)
    assert "tasks.pdf" not in state["ready"]  # neither shown nor asked for last: laid out when asked for
    assert 'src="/notice.pdf?v=2"' in get(base + "/view/notice.pdf").decode()
    pdf = pdfium.PdfDocument(get(base + "/notice.pdf?v=2"))
    assert any(EDIT[1] in page.get_textpage().get_text_range() for page in pdf)


def test_pdfs_laid_out_after_a_save_are_those_shown(tmp_path):
    """Those open in a PDF page (in the order of PDF_NAMES), then the one asked for last."""
    plan = tmp_path / "plan.yaml"
    plan.write_text(example_path("shenyang-2021").read_text(encoding="utf-8"), encoding="utf-8")
    state = Preview(plan)
    try:
        assert state._shown() == []
        state._fetched = "notice.pdf"
        assert state._shown() == ["notice.pdf"]
        with state.viewing("tasks.pdf"), state.viewing("tasks.pdf"):
            assert state._shown() == ["tasks.pdf", "notice.pdf"]
            with state.viewing("notice.pdf"), state.viewing("../secret"):
                assert state._shown() == ["notice.pdf", "tasks.pdf"]
        state._fetched = None
        assert state._shown() == []
    finally:
        state.close()


@pytest.mark.browser
def test_browser_updates_by_itself(served):
    """A save swaps the new page in (no reload: the reader's place and the page's state stay);
    an error shows in the page, in Chinese with its line."""
    plan, base = served
    with chromium_browser() as browser:
        page = browser.new_page(viewport={"width": 1000, "height": 600})
        page.goto(base + "/")
        page.wait_for_function(f"() => document.body.innerText.includes({EDIT[0]!r})")
        page.evaluate("() => { window.zwgkMark = 1; window.scrollTo(0, 1500); }")
        text = plan.read_text(encoding="utf-8")
        plan.write_text(text.replace(EDIT[0], "浏览器自动刷新测试"), encoding="utf-8")
        page.wait_for_function("() => document.body.innerText.includes('浏览器自动刷新测试')", timeout=20000)
        assert page.evaluate("() => [window.zwgkMark, window.scrollY]") == [1, 1500]
        plan.write_text(text.replace("  year: 2021", "  year: 20x1"), encoding="utf-8")
        page.wait_for_function("() => document.body.innerText.includes('计划文件有错误')", timeout=20000)
        line = text.splitlines().index("  year: 2021") + 1
        assert "plan.year" in page.inner_text("body") and f"plan.yaml:{line}:" in page.inner_text("body")
        plan.write_text(text, encoding="utf-8")
        page.wait_for_function(f"() => document.body.innerText.includes({EDIT[0]!r})", timeout=20000)


@pytest.mark.parametrize("watcher", ["events", "polling"])
def test_every_way_of_saving_is_seen(tmp_path, monkeypatch, watcher):
    """In place, write-and-rename (most editors' safe save), delete-and-create: each is rebuilt
    at once; where the folder cannot be watched (no inotify), by polling."""
    import watchfiles

    import zwgk_docs.preview.watch as watch_module

    monkeypatch.setattr(watch_module, "SAFETY_POLL_MS", 60_000)  # events only: no look at the file meanwhile
    if watcher == "polling":
        def unwatchable(*args, **kwargs):
            raise OSError(28, "inotify watch limit reached")
            yield  # a generator, like watchfiles.watch

        monkeypatch.setattr(watchfiles, "watch", unwatchable)
    plan = tmp_path / "plan.yaml"
    text = example_path("shenyang-2021").read_text(encoding="utf-8")
    plan.write_text(text, encoding="utf-8")
    state = Preview(plan)
    stop = threading.Event()
    watch(state, stop)
    try:
        time.sleep(0.1)  # the watch is set up
        saves = [
            lambda t: plan.write_text(t, encoding="utf-8"),
            lambda t: ((tmp_path / ".plan.yaml.tmp").write_text(t, encoding="utf-8"), (tmp_path / ".plan.yaml.tmp").replace(plan)),
            lambda t: (plan.unlink(), plan.write_text(t, encoding="utf-8")),
        ]
        for n, save in enumerate(saves, 1):
            save(text.replace(EDIT[0], f"{EDIT[0]}{n}"))
            deadline = time.monotonic() + 10
            while f"{EDIT[0]}{n}" not in state.snapshot.pages.get("notice.html", ""):
                assert time.monotonic() < deadline, f"save {n} not seen"
                time.sleep(0.01)
    finally:
        stop.set()
        state.close()


def test_an_error_only_the_pdf_meets_shows_in_chinese_in_its_frame(served, monkeypatch):
    """A seal image that is missing stops the notice PDF, not the page: its frame shows why."""
    from zwgk_docs.preview import pdf_worker

    plan, base = served
    text = plan.read_text(encoding="utf-8").replace("  date: 2021-06-22", "  date: 2021-06-22\n  seal_image: 印章.png", 1)
    plan.write_text(text, encoding="utf-8")
    result = pdf_worker._lay_out(str(plan), text.encode("utf-8"), "notice.pdf")  # in this process
    assert isinstance(result, list) and "印章" in result[0] and "plan.yaml:" in result[0]
    monkeypatch.setattr(Preview, "pdf", lambda self, name: result)
    page = get(base + "/notice.pdf").decode()
    assert "计划文件有错误" in page and "印章" in page
