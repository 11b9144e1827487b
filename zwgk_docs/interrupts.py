"""Ctrl-C, `kill` and killed runs: the output folder is as it was, or fully new — never half.

- SIGTERM (and SIGHUP) are turned into `Terminated`, a KeyboardInterrupt, so the same
  `finally` blocks that clean up after Ctrl-C run for them too (command line only: a library
  caller keeps its own handlers).
- While a build moves its files into place or removes its staging folder, SIGINT/SIGTERM
  are held back (`deferred`) and delivered right after: the move completes or is undone.
- A staging folder (.zwgk-*) holds an flock on its `.lock` for as long as its build runs (the
  kernel drops it when the process dies, even by SIGKILL); the next build removes every
  staging folder whose lock it can take.
- The forked PDF child dies with its parent (PR_SET_PDEATHSIG) and quietly on a signal.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import sys
import threading
from pathlib import Path
from typing import IO, Iterator, Optional

EXIT_INTERRUPTED = 130  # 128 + SIGINT, what shells report for Ctrl-C
EXIT_TERMINATED = 143  # 128 + SIGTERM
STAGING_PREFIX = ".zwgk-"
LOCK_NAME = ".lock"
HELD = tuple(s for s in (getattr(signal, "SIGINT", None), getattr(signal, "SIGTERM", None), getattr(signal, "SIGHUP", None)) if s)


class Terminated(KeyboardInterrupt):
    """SIGTERM/SIGHUP, raised where the program is, like Ctrl-C."""

    def __init__(self, signum: int = signal.SIGTERM) -> None:
        super().__init__(signum)
        self.signum = signum


def exit_code(exc: BaseException) -> int:
    return EXIT_TERMINATED if isinstance(exc, Terminated) else EXIT_INTERRUPTED


def message(exc: BaseException) -> str:
    what = "收到终止信号" if isinstance(exc, Terminated) else "已按 Ctrl-C"
    return f"{what}，已停止：输出文件夹保持原样（没有写入半成品）。"


def _raise_terminated(signum: int, frame: object) -> None:
    raise Terminated(signum)


def _main_thread() -> bool:
    return threading.current_thread() is threading.main_thread()


@contextlib.contextmanager
def command_line_signals() -> Iterator[None]:
    """For the `zwgk` process: SIGTERM/SIGHUP raise Terminated (then exit 143), SIGINT stays KeyboardInterrupt."""
    if not _main_thread():
        yield
        return
    previous = {}
    for name in ("SIGTERM", "SIGHUP"):
        sig = getattr(signal, name, None)
        if sig is not None:
            previous[sig] = signal.signal(sig, _raise_terminated)
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


@contextlib.contextmanager
def deferred() -> Iterator[None]:
    """Hold SIGINT/SIGTERM/SIGHUP back for the duration (POSIX, main thread); they arrive afterwards."""
    if not (_main_thread() and hasattr(signal, "pthread_sigmask")):
        yield
        return
    old = signal.pthread_sigmask(signal.SIG_BLOCK, HELD)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, old)


# ---------------------------------------------------------------- staging folders


def claim(staging: Path) -> Optional[IO[bytes]]:
    """Lock `staging` for this process; keep the returned file open while the build runs."""
    try:
        import fcntl
    except ImportError:  # Windows: stale folders are not detected (docs/security.md)
        return None
    handle = open(staging / LOCK_NAME, "wb")  # noqa: SIM115 - held open on purpose
    fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    return handle


def remove_stale(out: Path) -> list[Path]:
    """Remove staging folders left in `out` by builds that were killed; returns them."""
    try:
        import fcntl
    except ImportError:
        return []
    removed = []
    try:
        candidates = [p for p in out.iterdir() if p.name.startswith(STAGING_PREFIX) and p.is_dir() and not p.is_symlink()]
    except OSError:
        return []
    for folder in candidates:
        lock = folder / LOCK_NAME
        try:
            with open(lock, "ab") as handle:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)  # a live build holds it: OSError
                shutil.rmtree(folder, ignore_errors=True)
                removed.append(folder)
        except FileNotFoundError:
            # No lock file: a build from before locks, or one that has only just created its folder.
            # Only the former is old enough to matter.
            with contextlib.suppress(OSError):
                import time

                if time.time() - folder.stat().st_mtime > 3600:
                    shutil.rmtree(folder, ignore_errors=True)
                    removed.append(folder)
        except OSError:
            continue
    return removed


# ---------------------------------------------------------------- the forked PDF child


def child_dies_with_parent(parent_pid: int) -> None:
    """In a forked child: die with the parent, and on a signal without a traceback."""
    for sig in HELD:
        signal.signal(sig, signal.SIG_DFL)
    die_with_parent(signal.SIGKILL)
    if os.getppid() != parent_pid:  # the parent died before prctl took effect
        os._exit(1)


def die_with_parent(sig: int) -> None:
    """Linux: the kernel sends `sig` to this process when its parent exits (PR_SET_PDEATHSIG)."""
    if not sys.platform.startswith("linux"):
        return
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        PR_SET_PDEATHSIG = 1
        libc.prctl(PR_SET_PDEATHSIG, int(sig))
    except (OSError, AttributeError):
        pass
