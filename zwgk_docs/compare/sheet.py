"""A printable review document, independent of its format: a title, notes, and tables whose
cells are runs of styled text. diff and trace build one; write_xlsx/docx/html print it."""

from __future__ import annotations

from dataclasses import dataclass, field

# Run styles: "" plain · ins inserted text · del deleted text · hint suggestion/notes · strong · alert (a gap)
STYLES = ("", "ins", "del", "hint", "strong", "alert")


@dataclass(frozen=True)
class Run:
    text: str
    style: str = ""


Cell = list[Run]


def plain(text: str) -> Cell:
    return [Run(text)] if text else []


@dataclass
class Row:
    cells: list[Cell]
    group: str = ""  # a heading row across the table (the part of the plan); cells empty


@dataclass
class Table:
    title: str
    headers: list[str]
    widths: list[float]  # relative, in characters
    rows: list[Row] = field(default_factory=list)
    empty: str = "（无）"


@dataclass
class Sheet:
    title: str
    notes: list[str]
    tables: list[Table]
    legend: bool = False  # explain the ins/del colours


def cell_text(cell: Cell) -> str:
    """Plain text of a cell, with 〔删：…〕〔增：…〕 marks where the format has no colours."""
    out = []
    for r in cell:
        out.append({"ins": f"〔增：{r.text}〕", "del": f"〔删：{r.text}〕"}.get(r.style, r.text))
    return "".join(out)
