"""Reading the report's YAML inputs: located Chinese errors, as for plan files."""

from __future__ import annotations

import os
import re
from typing import Any, Callable, Optional, Union

from pydantic import BaseModel, ValidationError

from ..errors import Diagnostic, Location, UserError
from ..load import SourceMap, format_path, read_source
from ..load.errors import translate
from ..model.tree import Loc
from ..load.yaml_reader import read_yaml

Describe = Callable[[Loc], str]  # loc → "表三“…”行“总计”列" (or "" when loc is not a cell)


class Source:
    """Where a value of a report input was written: file:line:column for YAML, sheet!cell for .xlsx."""

    def __init__(self, file: str, smap: Optional[SourceMap] = None, text: str = "") -> None:
        self.file = file
        self.smap = smap
        self.lines = text.splitlines()
        self.cells: dict[Loc, tuple[str, int, int]] = {}  # path → (sheet!cell, row, column) of a workbook

    def locate(self, path: Loc, prefer_key: bool = False) -> Location:
        if self.smap is not None:
            return self.smap.locate(path, prefer_key=prefer_key)
        return Location(self.file)  # a workbook cell is named by name(): 表三!D5

    def name(self, path: Loc) -> str:
        """The field as the person sees it: requests.一[6] in YAML, 表三!J4 in a workbook."""
        if self.smap is None:
            cell = self._cell(path)
            return cell[0] if cell else ""
        return format_path(path)

    def _cell(self, path: Loc) -> Optional[tuple[str, int, int]]:
        p = tuple(path)
        while p:
            if p in self.cells:
                return self.cells[p]
            p = p[:-1]
        return None

    def token(self, path: Loc) -> Optional[str]:
        """The scalar at path exactly as typed in the YAML text (None when unknown)."""
        if self.smap is None or tuple(path) not in self.smap.values or not self.lines:
            return None
        line, col = self.smap.values[tuple(path)]
        if line >= len(self.lines):
            return None
        rest = self.lines[line][col:]
        if rest[:1] in ("'", '"'):
            return None
        m = re.match(r"[^,\]\}#]*", rest)
        return m[0].strip() if m else None

    def diagnostic(self, message: str, path: Loc, severity: str = "error", prefer_key: bool = False) -> Diagnostic:
        return Diagnostic(message, self.locate(path, prefer_key), self.name(path), severity)


def read_mapping(path: Union[str, os.PathLike[str]], what: str) -> tuple[dict[str, Any], SourceMap]:
    data, source = read_yaml_source(path, what)
    assert source.smap is not None
    return data, source.smap


def read_yaml_source(path: Union[str, os.PathLike[str]], what: str) -> tuple[dict[str, Any], Source]:
    text, name = read_source(path)
    data, smap = read_yaml(text, name)
    if not isinstance(data, dict):
        raise UserError.single(f"{what}的最外层应为“键: 值”的映射。", smap.locate(()))
    return data, Source(name, smap, text)


def aliases(model: type[BaseModel]) -> list[str]:
    return [f.alias or n for n, f in model.model_fields.items() if not f.exclude]


def validate(model: type[BaseModel], data: Any, smap: Union[SourceMap, Source], describe: Optional[Describe] = None,
             relocate: Optional[Callable[[Loc], Loc]] = None) -> Any:
    """model.model_validate(data) with every error translated and located.

    `relocate` maps a model loc back to the YAML path (when keys were normalised first).
    """
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        diags = []
        for err in exc.errors():
            loc = tuple(err["loc"])
            where = relocate(loc) if relocate else loc
            cell = describe(loc) if describe else ""
            extra = err["type"] == "extra_forbidden"
            name = smap.name(where) if isinstance(smap, Source) else format_path(where)
            diags.append(Diagnostic(translate(err, model, cell), smap.locate(where, prefer_key=extra), name))
        raise UserError(diags) from None
