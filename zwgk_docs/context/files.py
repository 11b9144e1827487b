"""Files a plan names (the seal image), resolved once when the context is built.

Relative names are relative to the plan file. Writers receive a checked Path and never
look at the plan's location themselves.
"""

from __future__ import annotations

from pathlib import Path
from typing import Optional

from ..errors import Location, UserError


def resolve_plan_file(name: str, source: Optional[str], field: str, what: str) -> Path:
    """The file `name` (as written in the plan field `field`), or a UserError saying it is missing."""
    path = Path(name)
    if not path.is_absolute() and source:
        path = Path(source).parent / path
    if not path.is_file():
        raise UserError.single(f"{what}“{name}”不存在（按计划文件所在文件夹查找）。请检查 {field}。",
                               Location(source) if source else None, field)
    return path.resolve()
