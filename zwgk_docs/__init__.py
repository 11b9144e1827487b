"""zwgk_docs: 政务公开工作要点 — one YAML plan, every document, one numbering.

Pipeline (one package per stage): load (YAML → Plan) → numbering → context → writers.

    >>> import zwgk_docs
    >>> plan = zwgk_docs.load_plan("examples/shenyang-2021.yaml")
    >>> outputs = zwgk_docs.build(plan, "out", formats=["docx", "xlsx"])
"""

from __future__ import annotations

__version__ = "0.1.0"

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .build import build, render
    from .context import RenderContext, build_context
    from .errors import Diagnostic, Location, UserError
    from .load import load_plan, loads
    from .model import Plan
    from .writers import Output

# Imported on first use (PEP 562): `zwgk --help` and the batch workers' start-up do not pay
# for pydantic models, WeasyPrint or templates they may never need.
_LAZY = {
    "build": "build", "render": "build", "RenderContext": "context", "build_context": "context",
    "Diagnostic": "errors", "Location": "errors", "UserError": "errors", "load_plan": "load", "loads": "load",
    "Plan": "model", "Output": "writers",
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        import importlib

        value = getattr(importlib.import_module(f".{_LAZY[name]}", __name__), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "__version__", "build", "build_context", "render", "load_plan", "loads", "Diagnostic", "Location", "Output", "Plan",
    "RenderContext", "UserError",
]
