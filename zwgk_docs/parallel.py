"""Whether this process may fork for a second PDF: the command line's choice, never a library's.

Kept apart from the PDF writer so that the command line can set it without importing
WeasyPrint, templates or the writers (`zwgk validate` starts in a fraction of a second).
"""

from __future__ import annotations

import contextlib
import contextvars
from typing import Iterator

_PARALLEL: contextvars.ContextVar[bool] = contextvars.ContextVar("zwgk_parallel_pdf", default=False)


@contextlib.contextmanager
def parallel_pdf() -> Iterator[None]:
    """Within this block (the `zwgk` command line), a second PDF may be laid out in a forked child."""
    token = _PARALLEL.set(True)
    try:
        yield
    finally:
        _PARALLEL.reset(token)


def parallel_allowed() -> bool:
    return _PARALLEL.get()
