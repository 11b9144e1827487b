"""Stage 4: writers. Each reads a context and writes files; none parses YAML, counts or reads the plan.

One registry, keyed by (document, format): `zwgk build`, `zwgk report` and `zwgk publish`
all look their writers up here. A writer is a function `write(ctx, out_dir) -> list[Output]`
(ctx: RenderContext; for the annual report, ReportContext) in its own module.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Iterable, Literal, Sequence

from ..errors import UserError


@dataclass(frozen=True)
class Output:
    """One file written by a build: its kind (``notice.docx``, ``units/市财政局.xlsx``) and its path."""

    kind: str  # notice.docx | notice.pdf | notice.html | tasks.xlsx | tasks.pdf | report.* | units/*.xlsx
    path: Path

    def as_json(self) -> dict[str, str]:
        return {"kind": self.kind, "path": str(self.path)}


Document = Literal["notice", "tasks", "ledger", "units", "report"]
Format = Literal["docx", "xlsx", "pdf", "html"]
# The context type differs by document (RenderContext, or ReportContext for "report").
Writer = Callable[[Any, Path], list[Output]]

# (document, format) → "module:function", imported lazily so a missing optional system
# library (e.g. Pango for WeasyPrint) only matters when that format is asked for.
# Order matters: it is the order of a build's outputs.
REGISTRY: dict[tuple[Document, Format], str] = {
    ("notice", "docx"): "zwgk_docs.writers.docx:write",
    ("tasks", "xlsx"): "zwgk_docs.writers.xlsx:write_tasks",
    ("ledger", "xlsx"): "zwgk_docs.writers.xlsx:write_ledger_file",
    ("notice", "pdf"): "zwgk_docs.writers.pdf:write_notice",
    ("tasks", "pdf"): "zwgk_docs.writers.pdf:write_tasks",
    ("notice", "html"): "zwgk_docs.writers.html:write",
    ("units", "xlsx"): "zwgk_docs.writers.xlsx:write_by_unit",
    ("report", "docx"): "zwgk_docs.report.write_docx:write_docx",
    ("report", "pdf"): "zwgk_docs.report.write_html:write_pdf",
    ("report", "html"): "zwgk_docs.report.write_html:write_html",
}
# Writers that produce several documents of one format together, faster than one by one
# (the two PDFs share WeasyPrint's start-up and may be laid out in parallel).
COMBINED: dict[tuple[Format, tuple[Document, ...]], str] = {
    ("pdf", ("notice", "tasks")): "zwgk_docs.writers.pdf:write_notice_and_tasks",
}
FORMATS: tuple[Format, ...] = ("docx", "xlsx", "pdf", "html")
_FORMAT_NAMES: dict[str, Format] = {f: f for f in FORMATS}
# What `zwgk build` writes for each --format; "units" comes with --by-unit.
BUILD_DOCUMENTS: tuple[Document, ...] = ("notice", "tasks", "ledger")


def parse_formats(value: "str | Iterable[str] | None", allowed: Sequence[str] = FORMATS) -> list[str]:
    """"docx,pdf" (or full-width commas, or a list) → the formats, checked against `allowed` (None: all of them).
    Here, not in build.py: a batch's parent process checks them without importing the writers."""
    if value is None:
        return list(allowed)
    items = value.replace("，", ",").split(",") if isinstance(value, str) else list(value)
    names = [i.strip().lower() for i in items if i.strip()]
    unknown = [n for n in names if n not in allowed]
    if unknown:
        raise UserError.single(f"不支持的输出格式：{'、'.join(unknown)}。可选：{','.join(allowed)}。")
    return list(dict.fromkeys(names))


def writer(document: Document, fmt: Format) -> Writer:
    """The registered writer of `document` in `fmt`."""
    target = REGISTRY.get((document, fmt))
    if target is None:
        raise UserError.single(f"不支持生成 {document}.{fmt}。")
    return _load(target, fmt)


def _load(target: str, fmt: str) -> Writer:
    module_name, func = target.split(":")
    try:
        module = importlib.import_module(module_name)
    except ModuleNotFoundError as exc:
        if exc.name and exc.name.startswith("zwgk_docs."):
            raise UserError.single(f"输出格式“{fmt}”尚未实现。") from None
        raise
    found: Writer = getattr(module, func)
    return found


def documents_in(fmt: Format, documents: Sequence[Document] = BUILD_DOCUMENTS) -> list[Document]:
    return [d for d in documents if (d, fmt) in REGISTRY]


def write_documents(ctx: Any, out_dir: Path, fmt: Format, documents: Sequence[Document] = BUILD_DOCUMENTS) -> list[Output]:
    """Every registered document of `documents` in format `fmt`, in registry order."""
    wanted = tuple(documents_in(fmt, documents))
    combined = COMBINED.get((fmt, wanted))
    if combined is not None:
        return _load(combined, fmt)(ctx, out_dir)
    return [o for d in wanted for o in writer(d, fmt)(ctx, out_dir)]


def get_writer(name: str) -> Writer:
    """A build step by name: a format (every build document in it) or "units" (--by-unit)."""
    if name == "units":
        return writer("units", "xlsx")
    if name not in FORMATS:
        raise UserError.single(f"不支持的输出格式“{name}”。可选：{'、'.join(FORMATS)}。")
    fmt = _FORMAT_NAMES[name]

    def write(ctx: Any, out_dir: Path) -> list[Output]:
        return write_documents(ctx, out_dir, fmt)

    return write
