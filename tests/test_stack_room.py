"""stack_room.roomy: a call whose recursion crosses CPython's frame-stack chunks maps no new chunk each time."""

from __future__ import annotations

import platform
import resource
import sys

import pytest

from zwgk_docs.stack_room import roomy


def nested(depth: int) -> int:
    return nested(depth - 1) + 1 if depth else 0


def faults_of(run) -> int:
    before = resource.getrusage(resource.RUSAGE_SELF).ru_minflt
    run()
    return resource.getrusage(resource.RUSAGE_SELF).ru_minflt - before


def calls_of_every_depth() -> None:
    for _ in range(3):
        for depth in range(1, 400):
            nested(depth)


def test_the_call_is_the_functions():
    assert roomy(nested, 10) == 10
    assert roomy(dict, [("a", 1)], b=2) == {"a": 1, "b": 2}
    with pytest.raises(ZeroDivisionError):
        roomy(lambda: 1 / 0)
    assert roomy(roomy, nested, 3) == 3  # nested: a frame that opens another chunk, as deep calls do


@pytest.mark.skipif(platform.python_implementation() != "CPython" or sys.version_info < (3, 11)
                    or not sys.platform.startswith("linux"), reason="CPython 3.11+'s frame stack, Linux's counters")
def test_deep_calls_inside_map_no_chunk_per_call():
    roomy(calls_of_every_depth)  # the chunks' pages touched once
    plain, inside = faults_of(calls_of_every_depth), faults_of(lambda: roomy(calls_of_every_depth))
    assert plain > 300 and inside < plain / 10, (plain, inside)
