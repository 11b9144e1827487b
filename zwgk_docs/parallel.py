"""Whether this process may fork for a second PDF: the command line's choice, never a library's.

Kept apart from the PDF writer so that the command line can set it without importing
WeasyPrint, templates or the writers (`zwgk validate` starts in a fraction of a second).
"""

from __future__ import annotations

from typing import ContextManager

from .flags import Flag

_PARALLEL = Flag("zwgk_parallel_pdf")


def parallel_pdf() -> ContextManager[None]:
    """Within this block (the `zwgk` command line), a second PDF may be laid out in a forked child."""
    return _PARALLEL.on()


def parallel_allowed() -> bool:
    return bool(_PARALLEL)
