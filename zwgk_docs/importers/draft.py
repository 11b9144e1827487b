"""What an import produces before it is written as YAML: plain dicts in plan-file shape plus notes."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Optional


@dataclass
class Draft:
    title: str = ""
    year: Optional[int] = None
    parts: list[dict[str, Any]] = field(default_factory=list)
    numbering: dict[str, Any] = field(default_factory=dict)
    columns: list[dict[str, Any]] = field(default_factory=list)  # {header, field, width}
    table_title: str = ""
    part_rows: bool = False
    unit_separator: str = "、"
    preamble: list[str] = field(default_factory=list)
    closing: list[str] = field(default_factory=list)
    notice: Optional[dict[str, Any]] = None
    web: Optional[dict[str, Any]] = None
    warnings: list[str] = field(default_factory=list)
    # What the importer decided and on which cells (column roles, levels): printed and written on top.
    decisions: list[str] = field(default_factory=list)
    # Comments for the YAML: id(dict) → comment line, written above that mapping.
    notes: dict[int, str] = field(default_factory=dict)

    def note(self, node: dict[str, Any], text: str) -> None:
        self.notes[id(node)] = (self.notes[id(node)] + "；" + text) if id(node) in self.notes else text

    def tasks(self) -> list[dict[str, Any]]:
        return [t for p in self.parts for t in p.get("tasks", []) + [t for s in p.get("sections", []) for t in s["tasks"]]]


def guess_year(*texts: Any) -> Optional[int]:
    for text in texts:
        m = re.search(r"(20\d\d)\s*年", str(text or ""))
        if m:
            return int(m.group(1))
    return None
