"""`zwgk preview`: rebuild on save, errors as a page, PDFs on request, reload in a real browser."""

from __future__ import annotations

import json
import threading
import time
import urllib.request

import pytest

from conftest import chromium_browser, example_path
from zwgk_docs.preview import Preview
from zwgk_docs.preview.server import make_server, watch



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


def test_save_rebuilds_and_errors_show_in_the_page(served):
    plan, base = served
    page = get(base + "/").decode()
    assert "全面公开各类规划信息" in page and "EventSource" in page
    plan.write_text(plan.read_text(encoding="utf-8").replace("全面公开各类规划信息", "全面公开各类规划信息（已改）"), encoding="utf-8")
    wait_for_version(base, 2)
    assert "全面公开各类规划信息（已改）" in get(base + "/").decode()
    plan.write_text(plan.read_text(encoding="utf-8").replace("  year: 2021", "  year: 20x1"), encoding="utf-8")
    status = wait_for_version(base, 3)
    assert any("plan.year" in e and ":" in e for e in status["errors"])
    page = get(base + "/").decode()
    assert "计划文件有错误" in page and "plan.year" in page and "EventSource" in page


def test_pdf_waits_for_the_drawn_page_not_for_the_pdf_viewer(tmp_path, monkeypatch):
    """After a save the shown PDF is laid out once the HTML page says it is drawn (/shown?v=N),
    so the page the person looks at comes first; a PDF viewer reloading does not count."""
    import zwgk_docs.preview.state as state_module

    monkeypatch.setattr(state_module, "PAGE_FIRST_SECONDS", 30)
    plan = tmp_path / "plan.yaml"
    plan.write_text(example_path("shenyang-2021").read_text(encoding="utf-8"), encoding="utf-8")
    state = Preview(plan)
    server = make_server(state, port=0)
    threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        assert "/shown?v=1" in get(base + "/").decode()
        get(base + "/tasks.pdf")  # the PDF looked at: laid out again after each save
        plan.write_text(plan.read_text(encoding="utf-8") + "\n# 改\n", encoding="utf-8")
        assert state.refresh()
        get(base + "/view/tasks.pdf")
        get(base + "/shown?v=1")  # an old version's beacon
        get(base + "/")  # fetched, not yet drawn
        time.sleep(0.5)
        assert "tasks.pdf" not in state.snapshot.pdfs
        get(base + "/shown?v=2")
        deadline = time.monotonic() + 25
        while "tasks.pdf" not in state.snapshot.pdfs and time.monotonic() < deadline:
            time.sleep(0.05)
        assert state.snapshot.pdfs["tasks.pdf"].startswith(b"%PDF")
    finally:
        server.shutdown()
        server.server_close()
        state.close()


def test_pdf_is_the_built_notice(served):
    _, base = served
    data = get(base + "/notice.pdf")
    assert data.startswith(b"%PDF")
    assert get(base + "/tasks.pdf").startswith(b"%PDF")


def test_pdf_page_shows_each_version(served):
    """/view/notice.pdf frames the PDF of the current version and reloads on a save."""
    plan, base = served
    page = get(base + "/view/notice.pdf").decode()
    assert 'src="/notice.pdf?v=1"' in page and "EventSource" in page and 'href="/view/tasks.pdf"' in page
    assert get(base + "/notice.pdf?v=1").startswith(b"%PDF")
    plan.write_text(plan.read_text(encoding="utf-8").replace("全面公开各类规划信息", "全面公开各类规划信息（已改）"), encoding="utf-8")
    wait_for_version(base, 2)
    assert 'src="/notice.pdf?v=2"' in get(base + "/view/notice.pdf").decode()
    assert get(base + "/notice.pdf?v=2").startswith(b"%PDF")


@pytest.mark.browser
def test_browser_reloads_by_itself(served):
    plan, base = served
    with chromium_browser() as browser:
        page = browser.new_page()
        page.goto(base + "/")
        page.wait_for_function("() => document.body.innerText.includes('全面公开各类规划信息')")
        text = plan.read_text(encoding="utf-8")
        plan.write_text(text.replace("全面公开各类规划信息", "浏览器自动刷新测试"), encoding="utf-8")
        page.wait_for_function("() => document.body.innerText.includes('浏览器自动刷新测试')", timeout=20000)
        plan.write_text(text.replace("  year: 2021", "  year: 20x1"), encoding="utf-8")
        page.wait_for_function("() => document.body.innerText.includes('计划文件有错误')", timeout=20000)
