"""Stage 1 of the pipeline: YAML text → validated, numbered Plan.

Two doors, never guessed: `load_plan(path)` reads a file (``-`` is standard input),
`loads(text)` reads YAML text you already hold (from a web form, a database, a test).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Optional, Union

from ..errors import Diagnostic, Location, UserError
from ..model import Plan
from .punctuation import punctuation_warnings
from .errors import format_path
from .validate import to_plan, warnings_for
from .yaml_reader import SourceMap, decode, fullwidth_colon_errors, read_yaml

__all__ = ["load_plan", "load_plan_with_warnings", "loads", "loads_with_warnings", "read_source", "format_path",
           "load_progress", "load_stats", "load_ledger", "import_file",
           "SourceMap", "STDIN", "TEXT"]

STDIN = "-"  # the path that means standard input, as in other command-line tools
TEXT = "<文本>"  # display name of text given to loads()


def read_source(path: Union[str, "os.PathLike[str]"]) -> tuple[str, str]:
    """(text, display name) of a file; ``-`` reads standard input."""
    name = os.fspath(path)
    if name == STDIN:
        return decode(sys.stdin.buffer.read(), "<标准输入>"), "<标准输入>"
    if "\0" in name:
        raise UserError.single("文件名中含有空字符（\\0），不是有效的路径。", Location(name.replace("\0", "\\0")))
    if "\n" in name:  # never guessed as YAML text: that is loads()
        raise UserError.single("找不到文件：给出的是多行文字而不是文件路径（load_plan 只接受文件路径；YAML 文本请用 zwgk_docs.loads(text)）。",
                               Location(name.splitlines()[0][:80] + "……"))
    try:
        raw = Path(name).read_bytes()
    except FileNotFoundError:
        raise UserError.single("找不到文件。", Location(name)) from None
    except IsADirectoryError:
        raise UserError.single("这是一个文件夹，不是计划文件。", Location(name)) from None
    except PermissionError:
        raise UserError.single("没有读取这个文件的权限。请检查文件权限，或复制到自己的文件夹后再试。", Location(name)) from None
    except OSError as exc:
        raise UserError.single(f"无法读取文件：{exc.strerror}", Location(name)) from None
    return decode(raw, name), name


def _parse(text: str, name: str, warn: bool = True) -> tuple[Plan, list[Diagnostic]]:
    """The plan, and (`warn`) the warnings about it: a caller that shows none is spared them
    (~0.1 CPU s per 1,000 tasks)."""
    data, smap = read_yaml(text, name)
    try:
        plan = to_plan(data, smap)
    except UserError as exc:  # `key： value` parses as text; name the real mistake first
        raise UserError(fullwidth_colon_errors(text, name) + exc.diagnostics) from None
    return plan, (punctuation_warnings(data, text, smap) + warnings_for(plan, smap)) if warn else []


def loads_with_warnings(text: Union[str, bytes], name: str = TEXT, warn: bool = True) -> tuple[Plan, list[Diagnostic]]:
    if isinstance(text, bytes):
        text = decode(text, name)
    if not isinstance(text, str):
        raise TypeError(f"loads() expects YAML text (str or bytes), not {type(text).__name__}")
    if not text.strip():
        raise UserError.single("计划文本是空的。", Location(name, 1, 1))
    return _parse(text, name, warn)


def loads(text: Union[str, bytes], name: str = TEXT) -> Plan:
    """Validate and number a plan given as YAML text. `name` is shown in error locations.

    Raises UserError with located Chinese diagnostics.
    """
    return loads_with_warnings(text, name, warn=False)[0]


def load_plan_with_warnings(path: Union[str, "os.PathLike[str]"]) -> tuple[Plan, list[Diagnostic]]:
    text, name = read_source(path)
    return _parse(text, name)


def load_plan(path: Union[str, "os.PathLike[str]"]) -> Plan:
    """Read, validate and number the plan file at `path` (``-``: standard input).

    Raises UserError with located Chinese diagnostics (file:line:column and field).
    """
    text, name = read_source(path)
    return _parse(text, name, warn=False)[0]


# ---- the other readers, one door each (stage 1 for the report, the ledger and imports).
# They live beside the models they fill; imported on use so `zwgk_docs.load` stays light.

if TYPE_CHECKING:
    from ..context import RenderContext
    from ..importers.draft import Imported
    from ..report.progress import Progress
    from ..report.stats import StatsFile
    from ..writers.xlsx.ledger import LedgerData


def load_progress(path: Union[str, os.PathLike[str]], ctx: Optional["RenderContext"]) -> "Progress":
    """X.progress.yaml (or a ledger it points at), checked against the plan's context."""
    from ..report.progress import load_progress as read

    return read(path, ctx)


def load_stats(path: Union[str, os.PathLike[str]]) -> "StatsFile":
    """X.stats.yaml or the statistics workbook of `zwgk report-template`."""
    from ..report.stats import load_stats as read

    return read(path)


def load_ledger(path: Union[str, os.PathLike[str]]) -> "tuple[LedgerData, list[Diagnostic], list[Diagnostic]]":
    """A ledger.xlsx the office filled in: (progress held, problems, warnings)."""
    from ..writers.xlsx.ledger_reader import read_ledger_data

    return read_ledger_data(Path(path))


def import_file(path: Union[str, os.PathLike[str]]) -> "Imported":
    """A .xlsx/.docx/.csv/text 要点 or 任务分解表 read into a typed plan with the importer's decisions and warnings (zwgk import)."""
    from ..importers import import_document

    return import_document(Path(path))
