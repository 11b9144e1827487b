"""Files a plan names (the seal): one resolver, the same verdict in .docx and PDF, untrusted mode,
and no network at render time (a loopback server sees no request)."""

from __future__ import annotations

import http.server
import json
import shutil
import struct
import threading
import zlib
from pathlib import Path

import pytest

import zwgk_docs
from zwgk_docs.errors import UserError

from conftest import ROOT, zwgk_process

MINI = (ROOT / "tests" / "data" / "mini.yaml").read_text(encoding="utf-8")
SEAL = ROOT / "tests" / "data" / "seal.png"


def png(width: int, height: int) -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    rows = zlib.compress(b"\0" * (width + 1) * min(height, 4))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0))
            + chunk(b"IDAT", rows) + chunk(b"IEND", b""))


def plan_with_seal(folder: Path, seal: str) -> Path:
    path = folder / "plan.yaml"
    path.write_text(MINI.replace("  note: 此件公开发布", f"  note: 此件公开发布\n  seal_image: {json.dumps(seal)}"), encoding="utf-8")
    return path


def verdict(plan_path: Path, fmt: str, out: Path, trusted: bool = True) -> str:
    try:
        zwgk_docs.build(zwgk_docs.load_plan(plan_path), out, formats=[fmt], trusted=trusted)
    except UserError as exc:
        return str(exc)
    return "ok"


HOSTILE = {
    "passwd": lambda d: "/etc/passwd",
    "svg": lambda d: _write(d / "s.svg", b'<svg xmlns="http://www.w3.org/2000/svg"><image href="http://127.0.0.1:9/x"/></svg>'),
    "svg-named-png": lambda d: _write(d / "s.png", b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"/>'),
    "url": lambda d: "http://127.0.0.1:9/seal.png",
    "file-url": lambda d: "file:///etc/passwd",
    "device": lambda d: "/dev/zero",
    "folder": lambda d: ".",
    "missing": lambda d: "nope.png",
    "too-big": lambda d: _write(d / "big.png", SEAL.read_bytes() + b"\0" * (6 * 1024 * 1024)),
    "png-bomb": lambda d: _write(d / "bomb.png", png(100_000, 100_000)),
    "many-pixels": lambda d: _write(d / "wide.png", png(5000, 5000)),
    "truncated": lambda d: _write(d / "cut.png", SEAL.read_bytes()[:200]),
    "nul": lambda d: "seal\0.png",
}


def _write(path: Path, data: bytes) -> str:
    path.write_bytes(data)
    return path.name


@pytest.mark.parametrize("case", sorted(HOSTILE))
def test_docx_and_pdf_refuse_the_same_seals_the_same_way(tmp_path, case):
    plan = plan_with_seal(tmp_path, HOSTILE[case](tmp_path))
    docx, pdf = verdict(plan, "docx", tmp_path / "a"), verdict(plan, "pdf", tmp_path / "b")
    assert docx == pdf, (docx, pdf)
    assert docx != "ok" and "notice.seal_image" in docx and "印章图片" in docx
    if case != "nul":
        assert "plan.yaml:" in docx  # located on the seal_image line
    assert not (tmp_path / "a" / "notice.docx").exists() and not (tmp_path / "b" / "notice.pdf").exists()


def test_outside_the_plan_folder_is_a_notice_when_trusted_and_refused_when_not(tmp_path):
    folder = tmp_path / "plans"
    folder.mkdir()
    shutil.copy(SEAL, tmp_path / "seal.png")
    (folder / "link.png").symlink_to(tmp_path / "seal.png")
    for seal in ("../seal.png", str(tmp_path / "seal.png"), "link.png"):
        plan = plan_with_seal(folder, seal)
        assert verdict(plan, "docx", tmp_path / "out") == "ok"
        notes = zwgk_docs.files.plan_file_notes(zwgk_docs.load_plan(plan))
        assert notes and "计划文件夹以外" in str(notes[0])
        refused = verdict(plan, "docx", tmp_path / "out2", trusted=False)
        assert "不受信任模式" in refused, refused
    shutil.copy(SEAL, folder / "seal.png")
    plan = plan_with_seal(folder, "seal.png")
    assert verdict(plan, "docx", tmp_path / "out3", trusted=False) == "ok"
    assert zwgk_docs.files.plan_file_notes(zwgk_docs.load_plan(plan)) == []


def test_untrusted_on_the_command_line(tmp_path):
    from click.testing import CliRunner

    from zwgk_docs.cli import main

    shutil.copy(SEAL, tmp_path / "seal.png")
    (tmp_path / "p").mkdir()
    plan = plan_with_seal(tmp_path / "p", "../seal.png")
    trusted = CliRunner().invoke(main, ["build", str(plan), "-o", str(tmp_path / "o1"), "-f", "docx"])
    assert trusted.exit_code == 0 and "计划文件夹以外" in trusted.output
    untrusted = CliRunner().invoke(main, ["build", str(plan), "-o", str(tmp_path / "o2"), "-f", "docx", "--untrusted"])
    assert untrusted.exit_code == 2 and "不受信任模式" in untrusted.output


class _Recorder(http.server.BaseHTTPRequestHandler):
    seen: list[str] = []

    def do_GET(self) -> None:  # noqa: N802
        self.seen.append(self.path)
        self.send_response(200)
        self.send_header("Content-Type", "image/png")
        self.end_headers()
        self.wfile.write(SEAL.read_bytes())

    def log_message(self, *args) -> None:
        pass


@pytest.fixture
def loopback():
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Recorder)
    _Recorder.seen = []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}", _Recorder.seen
    server.shutdown()


def test_the_renderer_fetches_nothing_outside_its_templates(loopback):
    import urllib.request

    from zwgk_docs.writers.pdf.render import layout

    base, seen = loopback
    urllib.request.urlopen(base + "/probe").read()  # the server works
    assert seen == ["/probe"]
    seen.clear()
    html = (f'<html><head><link rel="stylesheet" href="{base}/css"><style>@import url("{base}/import");'
            f'body {{ background: url("{base}/bg") }} @font-face {{ font-family: x; src: url("{base}/font") }}</style></head>'
            f'<body><img src="{base}/img"><img src="file:///etc/passwd"><img src="ftp://127.0.0.1/x">'
            f'<iframe src="{base}/frame"></iframe><object data="{base}/object"></object>'
            f'<img src="data:image/png;base64,{"A" * (9 * 1024 * 1024)}"></body></html>')
    layout(html, base_url=base + "/")
    assert seen == []


@pytest.mark.slow
def test_no_plan_field_makes_a_request(loopback, tmp_path):
    """Every text of a plan carrying URLs and markup: the PDFs and the page are made, nothing is fetched."""
    base, seen = loopback
    shutil.copy(SEAL, tmp_path / "seal.png")
    bait = f'<img src="{base}/t"> url({base}/u) {base}/plain <link href="{base}/l"> @import "{base}/i";'
    text = MINI.replace("此件公开发布", bait).replace("全面公开各类规划信息", bait)
    text = text.replace("  note: ", "  seal_image: seal.png\n  note: ")
    plan = tmp_path / "plan.yaml"
    plan.write_text(text.replace("沈阳市2021年政务公开工作要点任务分解表", json.dumps(bait)), encoding="utf-8")
    zwgk_docs.build(zwgk_docs.load_plan(plan), tmp_path / "out", formats=["pdf", "html", "docx"])
    assert (tmp_path / "out" / "notice.pdf").exists()
    assert seen == []


def test_the_executable_refuses_a_bad_seal_before_its_pdf_process_starts_on_it(tmp_path):
    """`zwgk build` hands the PDFs to the process it forked first: a seal it cannot use is a
    Chinese error with the line (exit 2), not a traceback from that process, and nothing is written."""
    plan = plan_with_seal(tmp_path, HOSTILE["svg"](tmp_path))
    done = zwgk_process("build", plan, "-o", tmp_path / "out")
    assert done.returncode == 2, done.stderr
    assert "印章图片" in done.stderr and "plan.yaml:" in done.stderr and "Traceback" not in done.stderr
    assert not list((tmp_path / "out").glob("*"))
