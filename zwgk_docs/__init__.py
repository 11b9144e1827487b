"""zwgk_docs: 政务公开工作要点 — one YAML plan, every document, one numbering.

Pipeline (one package per stage): load (YAML → Plan) → numbering → context → writers.

    >>> import zwgk_docs
    >>> plan = zwgk_docs.load_plan("examples/shenyang-2021.yaml")
    >>> outputs = zwgk_docs.build(plan, "out", formats=["docx", "xlsx"])
"""

from __future__ import annotations

__version__ = "0.1.0"

from .build import build, render
from .context import RenderContext, build_context
from .errors import Diagnostic, Location, UserError
from .load import load_plan, loads
from .model import Plan
from .writers import Output

__all__ = [
    "__version__", "build", "build_context", "render", "load_plan", "loads", "Diagnostic", "Location", "Output", "Plan",
    "RenderContext", "UserError",
]
