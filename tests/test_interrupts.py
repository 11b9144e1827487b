"""Ctrl-C, SIGTERM and SIGKILL: the output folder stays as it was, no traceback, no staging folder, no orphan."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from zwgk_docs import interrupts
from zwgk_docs.build import write_all
from zwgk_docs.writers import Output

from conftest import ROOT

MINI = ROOT / "tests" / "data" / "mini.yaml"


def test_an_interrupted_build_leaves_the_folder_as_it_was(tmp_path):
    (tmp_path / "tasks.xlsx").write_bytes(b"old")

    def produce(staging: Path):
        (staging / "tasks.xlsx").write_bytes(b"new")
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        write_all(tmp_path, produce)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["tasks.xlsx"]
    assert (tmp_path / "tasks.xlsx").read_bytes() == b"old"


def test_stale_staging_folders_are_removed_live_ones_kept(tmp_path):
    stale = tmp_path / ".zwgk-dead"
    stale.mkdir()
    (stale / interrupts.LOCK_NAME).touch()
    (stale / "notice.docx").write_bytes(b"partial")
    live = tmp_path / ".zwgk-live"
    live.mkdir()
    holder = interrupts.claim(live)
    try:
        write_all(tmp_path, lambda staging: [Output("x", _touch(staging / "x.html"))])
        assert not stale.exists() and live.exists()
        assert (tmp_path / "x.html").exists()
    finally:
        holder.close()
    interrupts.remove_stale(tmp_path)
    assert not live.exists()


def _touch(path: Path) -> Path:
    path.write_text("x", encoding="utf-8")
    return path


def _start(out: Path, formats: str) -> subprocess.Popen:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    return subprocess.Popen([sys.executable, "-m", "zwgk_docs", "build", str(MINI), "-o", str(out), "-f", formats],
                            env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)


def _wait_for(proc: subprocess.Popen, words: str, timeout: float = 60) -> str:
    """Read stderr until `words` appears (the progress lines say what is being written)."""
    seen, end = "", time.monotonic() + timeout
    os.set_blocking(proc.stderr.fileno(), False)
    while words not in seen and time.monotonic() < end and proc.poll() is None:
        chunk = proc.stderr.read() or b""
        seen += chunk.decode("utf-8", "replace")
        time.sleep(0.02)
    assert words in seen, seen
    return seen


@pytest.mark.parametrize("sig, code", [(signal.SIGINT, 130), (signal.SIGTERM, 143)])
def test_signal_during_a_build(tmp_path, sig, code):
    (tmp_path / "notice.docx").write_bytes(b"old")
    proc = _start(tmp_path, "docx,xlsx,html")
    seen = _wait_for(proc, "[1/")
    os.killpg(proc.pid, sig)
    _, err = proc.communicate(timeout=60)
    err = seen + err.decode("utf-8", "replace")
    if proc.returncode == 0:  # finished before the signal: fully new is the other allowed state
        assert (tmp_path / "notice.docx").read_bytes() != b"old"
    else:
        assert proc.returncode == code, err
        names = sorted(p.name for p in tmp_path.iterdir())
        if (tmp_path / "notice.docx").read_bytes() == b"old":  # as it was …
            assert names == ["notice.docx"]
        else:  # … or fully new: the signal came while the files were being moved into place
            assert {"notice.docx", "tasks.xlsx", "ledger.xlsx", "notice.html"} <= set(names), names
    assert "Traceback" not in err and "已停止" in err or proc.returncode == 0
    assert not list(tmp_path.glob(".zwgk-*"))


@pytest.mark.slow
def test_killed_parent_leaves_no_pdf_child_and_the_next_build_cleans_up(tmp_path):
    proc = _start(tmp_path, "pdf")
    _wait_for(proc, "[1/")
    children: list[str] = []
    for _ in range(300):  # until tasks.pdf is being laid out in the forked child
        children = subprocess.run(["pgrep", "-P", str(proc.pid)], capture_output=True, text=True).stdout.split()
        if children or proc.poll() is not None:
            break
        time.sleep(0.05)
    assert children, "no PDF child was forked"
    os.kill(proc.pid, signal.SIGKILL)
    proc.communicate(timeout=30)
    for _ in range(50):
        if not any(Path(f"/proc/{c}").exists() and "zombie" not in Path(f"/proc/{c}/status").read_text() for c in children):
            break
        time.sleep(0.1)
    else:
        pytest.fail(f"PDF child outlived its parent: {children}")
    left = list(tmp_path.glob(".zwgk-*"))
    assert left  # SIGKILL runs no cleanup …
    rerun = _start(tmp_path, "html")
    rerun.communicate(timeout=120)
    assert rerun.returncode == 0
    assert not list(tmp_path.glob(".zwgk-*"))  # … the next build does
