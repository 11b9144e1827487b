"""Ledgers zwgk wrote with nothing carried over, remembered by their SHA-256, so a rebuild need not read them back.

Every `zwgk build` reads the existing ledger.xlsx to carry its progress over (carry.py); with
openpyxl that is a good part of a rebuild (~0.25 s for the 沈阳 example). When the file's bytes
are exactly those of a ledger a build wrote from no progress at all, reading it could only
give nothing, so the rebuild writes it as a first build would. Any change to the file — a
unit's progress typed in, the file saved again in WPS or Excel — changes its digest, and it is
read as before. The digests are empty files in the user's cache folder (user_cache.py; a fact about the
bytes, not about a path); without a writable cache folder every ledger is simply read.
"""

from __future__ import annotations

import contextlib
import hashlib
from pathlib import Path
from typing import TYPE_CHECKING, Optional

from ..user_cache import cache_dir

if TYPE_CHECKING:  # openpyxl is imported by the xlsx writer, after the notice PDF has started
    from ..writers.xlsx.ledger import LedgerData

KEEP = 500  # digests kept; the oldest are forgotten (and those ledgers read again)


def _mark(path: Path) -> Optional[Path]:
    folder = cache_dir()
    if folder is None:
        return None
    try:
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None
    return folder / "empty-ledgers" / digest


def nothing_to_carry(data: Optional[LedgerData]) -> bool:
    """True when a ledger written from `data` holds only what the plan gives it."""
    if data is None:
        return True
    from ..writers.xlsx.entries import Entry

    return not data.orphans and all(e == Entry() for e in [*data.office.values(), *data.entries.values()])


def is_untouched(path: Path) -> bool:
    """True when `path` is byte for byte a ledger remembered by remember()."""
    mark = _mark(path) if path.is_file() else None
    return mark is not None and mark.is_file()


def remember(path: Path) -> None:
    """Remember the ledger just written at `path` (from nothing carried over); never fails a build."""
    mark = _mark(path)
    if mark is None:
        return
    with contextlib.suppress(OSError):
        mark.parent.mkdir(parents=True, exist_ok=True)
        mark.touch()
        marks = list(mark.parent.iterdir())
        if len(marks) > KEEP:
            for old in sorted(marks, key=lambda p: p.stat().st_mtime)[:-KEEP]:
                old.unlink()
