"""zwgk_docs: 政务公开工作要点 — one YAML plan, every document, one numbering.

Pipeline (one package per stage): load (YAML → Plan) → numbering → context → writers.

    >>> import zwgk_docs
    >>> plan = zwgk_docs.load_plan("examples/shenyang-2021.yaml")
    >>> outputs = zwgk_docs.build(plan, "out", formats=["docx", "xlsx"])
"""

from __future__ import annotations

__version__ = "0.1.0"

import importlib
import sys
import types
from typing import TYPE_CHECKING, Any

# The public names are imported on first use, so `zwgk` starts (and installs its Ctrl-C/SIGTERM
# handling, see entry.py) before pydantic, WeasyPrint & co. are loaded.
_EXPORTS = {
    "build": ".build", "render": ".build", "RenderContext": ".context", "build_context": ".context",
    "Diagnostic": ".errors", "Location": ".errors", "UserError": ".errors", "load_plan": ".load", "loads": ".load",
    "Plan": ".model", "Output": ".writers",
}

if TYPE_CHECKING:
    from .build import build, render
    from .context import RenderContext, build_context
    from .errors import Diagnostic, Location, UserError
    from .load import load_plan, loads
    from .model import Plan
    from .writers import Output


def __getattr__(name: str) -> Any:
    if name in _EXPORTS:
        value = getattr(importlib.import_module(_EXPORTS[name], __name__), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


class _Package(types.ModuleType):
    """Importing the submodule zwgk_docs.build must not replace the function zwgk_docs.build."""

    def __setattr__(self, name: str, value: Any) -> None:
        if name in _EXPORTS and isinstance(value, types.ModuleType):
            return
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _Package


__all__ = [
    "__version__", "build", "build_context", "render", "load_plan", "loads", "Diagnostic", "Location", "Output", "Plan",
    "RenderContext", "UserError",
]
