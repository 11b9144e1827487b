"""Room on CPython's frame stack for a deeply recursive job (a WeasyPrint layout), so that calls and
returns across a boundary of the stack's chunks do not allocate and free a chunk each time.

CPython 3.11+ keeps Python frames in chunks of 16 KiB, allocated with mmap() when a call does not
fit in the current one and freed with munmap() as soon as the call that opened a chunk returns. A
layout's recursion goes back and forth across such a boundary: the early PDF process of a 沈阳
build made ~1,450 mmap/munmap pairs of 16 KiB (~10 µs each with the page faults: ~15 ms of CPU).
A chunk is at least as large as the frame that opens it plus 8,000 bytes, in powers of two: the
frame of `roomy()` claims a stack of ~123 KB it never touches, so its chunk is 256 KiB and the
~139 KB above the frame hold the job's calls. Nothing else changes: the job gets the same
arguments, its exceptions and its result pass through.
"""

from __future__ import annotations

from typing import Any, Callable, TypeVar

T = TypeVar("T")

# Slots (8 bytes each) the frame claims: past half a 256 KiB chunk, less the 1,000 slots CPython adds.
_CLAIMED_SLOTS = (256 * 1024 // 8) // 2 - 1000 + 8


def roomy(function: Callable[..., T], *args: Any, **kwargs: Any) -> T:
    """function(*args, **kwargs), called from a frame that opens a 256 KiB chunk of the frame stack."""
    return function(*args, **kwargs)


roomy.__code__ = roomy.__code__.replace(co_stacksize=max(roomy.__code__.co_stacksize, _CLAIMED_SLOTS))
