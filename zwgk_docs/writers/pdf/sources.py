"""The source of a library function, as the version guards read it (inspect.getsource), kept.

Each replacement of a WeasyPrint or pydyf function first checks that the function it follows
is the one it was written against: the SHA-256 of its source. inspect.getsource tokenizes the
function's block to find where it ends, ~1–2 ms a function, ~40 of them when a PDF process
makes its first document: ~0.05–0.08 CPU s of every `zwgk build`. The source is kept in the
user cache (user_cache.py) keyed by the file's path, size and modification time and the
function's first line and qualified name — what Python trusts for its own .pyc files — so a
changed library is read again; a function without a code object (a class) is always read.
"""

from __future__ import annotations

import hashlib
import inspect
import os
from typing import Any, Optional, Sequence

from ... import user_cache

_READ: dict[str, str] = {}


def source_of(function: Any) -> str:
    """inspect.getsource(function), from the cache when the function's file has not changed."""
    key = _key(function)
    if key is not None:
        known = _READ.get(key)
        if known is None:
            known = user_cache.read_text("sources", key)
        if known is not None:
            _READ[key] = known
            return known
    text = inspect.getsource(function)
    if key is not None:
        _READ[key] = text
        user_cache.write_text(text, "sources", key)
    return text


def source_hash(*functions: Any) -> str:
    """sha256 of the functions' sources, one after the other (one function: of its source)."""
    return hashlib.sha256("".join(source_of(f) for f in functions).encode("utf-8")).hexdigest()


def known_source(function: Any, sources: set[str]) -> bool:
    """`function`'s source is one of `sources` (sha256): the library function a replacement follows.
    False when there is none, or no source to compare (a frozen install)."""
    return known_sources([function], sources)


def known_sources(functions: Sequence[Any], sources: set[str]) -> bool:
    """known_source for a replacement that follows several functions: their sources hashed together."""
    try:
        return source_hash(*functions) in sources
    except (OSError, TypeError):
        return False


def _key(function: Any) -> Optional[str]:
    code = getattr(inspect.unwrap(function), "__code__", None)
    if code is None:
        return None
    try:
        stat = os.stat(code.co_filename)
    except (OSError, TypeError, ValueError):
        return None
    place = "\0".join([code.co_filename, str(stat.st_size), str(stat.st_mtime_ns), str(code.co_firstlineno),
                       code.co_qualname])
    return hashlib.sha256(place.encode("utf-8")).hexdigest()
