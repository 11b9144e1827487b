"""pydantic's plugin loader imported without importlib.metadata, which it needs only to look plugins up.

pydantic.plugin._loader imports `entry_points` from importlib.metadata (and with it email, zipfile,
csv…, ~10 ms) when the first model class is made, yet with PYDANTIC_DISABLE_PLUGINS=__all__ (the
command line's setting, entry.py) it never calls it. The executable imports the loader with a
stand-in `entry_points` that imports the real one when called (as libraries.py does for
fontTools' subsetter): the same plugins are found if plugins are enabled after all. Nothing
changes when importlib.metadata or the loader is already imported, or the import fails.
"""

from __future__ import annotations

import importlib
import sys
from types import ModuleType
from typing import Any

LOADER = "pydantic.plugin._loader"
METADATA = "importlib.metadata"


def entry_points(**params: Any) -> Any:
    """importlib.metadata.entry_points(**params), importing it now."""
    from importlib.metadata import entry_points as found

    return found(**params)


def install() -> None:
    """Import pydantic's plugin loader now, its `entry_points` the stand-in above."""
    if LOADER in sys.modules or METADATA in sys.modules:
        return
    try:
        importlib.import_module(LOADER.rpartition(".")[0])  # its package (pydantic's): as usual, before the stand-in
    except ImportError:
        return
    stub = ModuleType(METADATA)
    stub.__dict__["entry_points"] = entry_points
    sys.modules[METADATA] = stub
    try:
        importlib.import_module(LOADER)
    except ImportError:  # another pydantic: it is imported as usual when it is needed
        sys.modules.pop(LOADER, None)
    finally:
        if sys.modules.get(METADATA) is stub:
            del sys.modules[METADATA]
        package = sys.modules.get("importlib")
        if package is not None and getattr(package, "metadata", None) is stub:
            delattr(package, "metadata")
