"""The whole pipeline for `zwgk build`: context → writers, all-or-nothing into out_dir."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path
from typing import Callable, Iterable, Optional, Union

from .context import build_context
from .errors import UserError
from .model import Plan
from .writers import FORMATS, Output, get_writer
from .writers.reproducible import PACKAGE_SUFFIXES, Stamp, current, normalise_package, plan_stamp, stamping

DEFAULT_FORMATS = FORMATS


def parse_formats(value: Union[str, Iterable[str], None]) -> list[str]:
    if value is None:
        return list(DEFAULT_FORMATS)
    items = value.replace("，", ",").split(",") if isinstance(value, str) else list(value)
    names = [i.strip().lower() for i in items if i.strip()]
    unknown = [n for n in names if n not in FORMATS]
    if unknown:
        raise UserError.single(f"不支持的输出格式：{'、'.join(unknown)}。可选：{','.join(FORMATS)}。")
    return list(dict.fromkeys(names))


def build(plan: Plan, out_dir: Union[str, os.PathLike], formats: Union[str, Iterable[str], None] = None,
          by_unit: bool = False, warnings: Optional[list] = None) -> list[Output]:
    """Render `plan` into out_dir. Writes nothing unless every writer succeeds.

    by_unit also writes one 反馈表 per unit (units/, replaced as a whole). An existing
    ledger.xlsx with progress is carried over into the new one and kept as a dated backup;
    remarks about it (progress of deleted tasks…) are appended to `warnings`.
    """
    names = parse_formats(formats) + (["units"] if by_unit else [])
    ctx = build_context(plan)
    previous = Path(out_dir) / "ledger.xlsx"
    if "xlsx" in names:
        from .collect.carry import previous_ledger

        ctx.previous_ledger, remarks = previous_ledger(previous, ctx)
        if warnings is not None:
            warnings.extend(remarks)
    keep = ctx.previous_ledger is not None and ctx.previous_ledger.has_progress  # type: ignore[attr-defined]

    def produce(staging: Path) -> list[Output]:
        outputs = [o for name in names for o in get_writer(name)(ctx, staging)]
        if keep:
            from .collect.carry import backup

            outputs.append(Output(BACKUP_KIND, backup(previous, staging)))
        return outputs

    return write_all(out_dir, produce, plan_stamp(plan))


BACKUP_KIND = "ledger.backup"  # copied as it was: not re-stamped


def write_all(out_dir: Union[str, os.PathLike], produce: Callable[[Path], list[Output]],
              stamp: Optional[Stamp] = None) -> list[Output]:
    """Run `produce(staging_dir)`, then move its outputs into out_dir — all of them or none.

    Every output is stamped with `stamp` (dates, title, author) and office packages are
    rewritten canonically, so the same input gives the same bytes (writers/reproducible.py).
    """
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".zwgk-", dir=out))
    try:
        with stamping(stamp):
            produced = produce(staging)
            for o in produced:
                if o.path.suffix in PACKAGE_SUFFIXES and o.kind != BACKUP_KIND:
                    normalise_package(o.path, current())
        _replace_folders(produced, staging, out)
        return [_publish(o, staging, out) for o in produced]
    finally:
        shutil.rmtree(staging, ignore_errors=True)


# Folders a build owns whole: a rebuild replaces them, so no stale file from an earlier build stays.
OWNED_FOLDERS = ("units",)


def _replace_folders(produced: list[Output], staging: Path, out: Path) -> None:
    for name in OWNED_FOLDERS:
        if not any(o.path.relative_to(staging).parts[0] == name for o in produced if len(o.path.relative_to(staging).parts) > 1):
            continue
        target = out / name
        if target.is_dir():
            os.replace(target, staging / f".old-{name}")  # removed with the staging folder
        os.replace(staging / name, target)


def _publish(output: Output, staging: Path, out: Path) -> Output:
    rel = output.path.relative_to(staging)
    target = out / rel
    if rel.parts[0] in OWNED_FOLDERS and len(rel.parts) > 1:
        return Output(output.kind, target)  # moved with its folder
    target.parent.mkdir(parents=True, exist_ok=True)
    os.replace(output.path, target)
    return Output(output.kind, target)
