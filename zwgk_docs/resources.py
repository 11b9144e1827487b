"""Where the office-editable templates live: inside the wheel, or templates/ in a checkout."""

from __future__ import annotations

from pathlib import Path

_PACKAGED = Path(__file__).parent / "templates"
_CHECKOUT = Path(__file__).resolve().parent.parent / "templates"


def template_dir() -> Path:
    return _PACKAGED if _PACKAGED.is_dir() else _CHECKOUT


def template_path(*parts: str) -> Path:
    return template_dir().joinpath(*parts)
