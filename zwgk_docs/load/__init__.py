"""Stage 1 of the pipeline: YAML text → validated, numbered Plan."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Union

from ..errors import Diagnostic, Location, UserError
from ..model import Plan
from .punctuation import punctuation_warnings
from .validate import format_path, to_plan, warnings_for
from .yaml_reader import SourceMap, decode, read_yaml

__all__ = ["load_plan", "load_plan_with_warnings", "read_source", "format_path", "SourceMap"]


def read_source(path_or_text: Union[str, os.PathLike, bytes]) -> tuple[str, str]:
    """(text, display name). A str containing a newline is YAML text, otherwise a path."""
    if isinstance(path_or_text, bytes):
        return decode(path_or_text, "<文本>"), "<文本>"
    if isinstance(path_or_text, str) and ("\n" in path_or_text or not path_or_text.strip()):
        return path_or_text, "<文本>"
    path = Path(path_or_text)
    name = str(path)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise UserError.single("找不到文件。", Location(name)) from None
    except IsADirectoryError:
        raise UserError.single("这是一个文件夹，不是计划文件。", Location(name)) from None
    except OSError as exc:
        raise UserError.single(f"无法读取文件：{exc.strerror}", Location(name)) from None
    return decode(raw, name), name


def load_plan_with_warnings(path_or_text: Union[str, os.PathLike, bytes]) -> tuple[Plan, list[Diagnostic]]:
    text, name = read_source(path_or_text)
    data, smap = read_yaml(text, name)
    plan = to_plan(data, smap)
    return plan, punctuation_warnings(data, text, smap) + warnings_for(plan, smap)


def load_plan(path_or_text: Union[str, os.PathLike, bytes]) -> Plan:
    """Load, validate and number a plan. Raises UserError with located Chinese diagnostics."""
    return load_plan_with_warnings(path_or_text)[0]
