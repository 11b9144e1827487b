"""Stage 4: writers. Each reads a RenderContext and writes files; none parses YAML or counts.

A writer is a function `write(ctx, out_dir) -> list[Output]` in its own module,
registered here by format name (Sphinx-style: one builder per output format).
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from ..context import RenderContext
from ..errors import UserError


@dataclass(frozen=True)
class Output:
    """One file written by a build: its kind (``notice.docx``, ``units/市财政局.xlsx``) and its path."""

    kind: str  # notice.docx | notice.pdf | notice.html | tasks.xlsx | tasks.pdf | report.* | units/*.xlsx
    path: Path

    def as_json(self) -> dict:
        return {"kind": self.kind, "path": str(self.path)}


Writer = Callable[[RenderContext, Path], "list[Output]"]

# format name → "module:function"; imported lazily so a missing optional system
# library (e.g. Pango for WeasyPrint) only matters when that format is asked for.
WRITERS: dict[str, str] = {
    "docx": "zwgk_docs.writers.docx:write",
    "xlsx": "zwgk_docs.writers.xlsx:write",
    "pdf": "zwgk_docs.writers.pdf:write",
    "html": "zwgk_docs.writers.html:write",
}
FORMATS = tuple(WRITERS)
# Not a --format choice: `zwgk build --by-unit` adds it.
WRITERS["units"] = "zwgk_docs.writers.xlsx:write_by_unit"


def get_writer(name: str) -> Writer:
    if name not in WRITERS:
        raise UserError.single(f"不支持的输出格式“{name}”。可选：{'、'.join(WRITERS)}。")
    module_name, func = WRITERS[name].split(":")
    try:
        module = importlib.import_module(module_name)
    except ModuleNotFoundError as exc:
        if exc.name and exc.name.startswith("zwgk_docs.writers"):
            raise UserError.single(f"输出格式“{name}”尚未实现。") from None
        raise
    return getattr(module, func)
