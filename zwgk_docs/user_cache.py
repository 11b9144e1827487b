"""zwgk_docs' folder in the user's cache: results that are pure functions of what they are keyed by.

Used for facts a rebuild would otherwise recompute: the digests of ledgers written with
nothing carried over (collect/untouched.py) and the 通知 spacing chosen for a laid-out 通知
(writers/pdf/fit_cache.py). Deleting the folder only makes the next build slower.
ZWGK_CACHE_DIR overrides the place; an empty value turns the cache off.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import os
import sys
import tempfile
from pathlib import Path
from typing import Optional


def cache_dir() -> Optional[Path]:
    """$ZWGK_CACHE_DIR, else XDG_CACHE_HOME or ~/.cache (%LOCALAPPDATA% on Windows) /zwgk_docs; None when there is none."""
    if "ZWGK_CACHE_DIR" in os.environ:
        chosen = os.environ["ZWGK_CACHE_DIR"]
        return Path(chosen) if chosen else None
    if sys.platform == "win32":
        base = os.environ.get("LOCALAPPDATA")
    else:
        base = os.environ.get("XDG_CACHE_HOME") or (str(Path.home() / ".cache") if Path.home() != Path("/") else None)
    return Path(base) / "zwgk_docs" if base else None


def read_text(*parts: str) -> Optional[str]:
    data = read_bytes(*parts)
    if data is None:
        return None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return None


def read_bytes(*parts: str) -> Optional[bytes]:
    folder = cache_dir()
    if folder is None:
        return None
    try:
        return folder.joinpath(*parts).read_bytes()
    except OSError:
        return None


def write_text(text: str, *parts: str) -> None:
    write_bytes(text.encode("utf-8"), *parts)


def write_bytes(data: bytes, *parts: str) -> None:
    """Write atomically; never fails the caller (a read-only home only loses the speed-up).
    Files are private to the user (mkstemp's 0600): some entries are read back as code or pickles."""
    folder = cache_dir()
    if folder is None:
        return
    target = folder.joinpath(*parts)
    with contextlib.suppress(OSError):
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".tmp-")
        try:
            with os.fdopen(fd, "wb") as f:
                f.write(data)
            os.replace(tmp, target)
        finally:
            with contextlib.suppress(OSError):
                os.unlink(tmp)


@functools.lru_cache(maxsize=1)
def code_digest() -> str:
    """A digest of every module of this package (name, size, modification time): an entry keyed by
    it dies with any edit or new install of the code."""
    digest = hashlib.sha256()
    package = Path(__file__).parent
    for source in sorted(package.rglob("*.py")):
        stat = source.stat()
        digest.update(f"{source.relative_to(package).as_posix()}\t{stat.st_size}\t{stat.st_mtime_ns}\n".encode())
    return digest.hexdigest()
