"""How the PDF's streams are compressed: zlib level 6 instead of pydyf's fixed level 9 (installed once per process).

pydyf (WeasyPrint's PDF serialiser) deflates every stream at level 9. A build's two PDFs hold
~3.5 MB of font subsets and page content; level 9 spends ~0.08 s CPU more than level 6 on them
for 0.2 % smaller files (measured on the 沈阳 plan: 1,112 KB vs 1,114 KB of deflated data).
Level 6 is zlib's default and what cairo, LibreOffice and Ghostscript write. The output stays
deterministic: the same input gives the same bytes.

Only pydyf's own reference to the zlib module is replaced, by one whose compressobj() uses
level 6 whatever level is asked for; if a pydyf release no longer compresses through
`pydyf.zlib`, its own code runs unchanged.
"""

from __future__ import annotations

import importlib
import threading
import types
import zlib
from typing import Any

LEVEL = 6

_lock = threading.Lock()


class _Zlib(types.ModuleType):
    """zlib as pydyf sees it: every name is zlib's, compressobj() deflates at LEVEL."""

    def __init__(self) -> None:
        super().__init__("zlib", zlib.__doc__)
        self.__dict__.update((name, value) for name, value in vars(zlib).items() if not name.startswith("__"))
        self.__dict__["compressobj"] = _compressobj


def _compressobj(level: int = LEVEL, *args: Any, **kwargs: Any) -> Any:  # noqa: ARG001 — the level is ours
    return zlib.compressobj(LEVEL, *args, **kwargs)


def install() -> None:
    """Point pydyf at the level-6 zlib (idempotent)."""
    try:
        pydyf = importlib.import_module("pydyf")  # no type information: a plain module object
    except ImportError:
        return
    with _lock:
        if getattr(pydyf, "zlib", None) is zlib:
            pydyf.__dict__["zlib"] = _Zlib()
