"""The whole pipeline for `zwgk build`: context → writers, all-or-nothing into out_dir."""

from __future__ import annotations

import contextlib
import contextvars
import errno
import os
import shutil
import tempfile
from pathlib import Path
from typing import Callable, Iterable, Optional, Union

from . import files, interrupts
from .context import RenderContext, build_context
from .errors import Diagnostic, Location, UserError
from .fsio import ensure_dir, fs_errors, os_user_error
from .model import Plan
from .writers import FORMATS, Output, get_writer
from .writers import parse_formats as parse_formats  # still part of build's API (report, callers)
from .writers.reproducible import PACKAGE_SUFFIXES, Stamp, current, normalise_package, plan_stamp, rewritten_later, stamping

DEFAULT_FORMATS = FORMATS


Progress = Callable[[str], None]  # called with a Chinese line before each step ("正在生成 PDF")

# How a step is named in progress lines.
STEP_NAMES = {"docx": "Word 文件（.docx）", "xlsx": "Excel 表格（.xlsx）", "pdf": "PDF 文件（.pdf）",
              "html": "网页（.html）", "units": "各单位任务清单（units/）"}


def _produce(plan: Plan, names: list[str], progress: Optional[Progress], trusted: bool = True,
             before: Optional[Callable[[RenderContext], None]] = None,
             meanwhile: Optional[Callable[[list[Output]], None]] = None,
             loaded: bool = False) -> Callable[[Path], list[Output]]:
    """`before(ctx)` runs before the first writer that is not a PDF writer (the ledger carry-over
    is read while the notice's PDF is laid out in the background); `meanwhile(outputs)` once the
    writers are done, while background PDFs may still be made (outputs in the staging folder)."""
    ctx = build_context(plan, loaded)  # numbers the plan, however it was made

    def produce(staging: Path) -> list[Output]:
        with files.policy(trusted):  # what the writers may read besides the plan (files.py)
            return _write(staging)

    def _write(staging: Path) -> list[Output]:
        from .writers.pdf.render import deferred_jobs

        # PDFs first: their slow half runs in the background (CLI only) while the others are written.
        order = sorted(names, key=lambda name: name != "pdf")
        written: dict[str, list[Output]] = {}
        pending = before
        with deferred_jobs():
            for i, name in enumerate(order, 1):
                if name != "pdf" and pending is not None:
                    pending(ctx)
                    pending = None
                if progress is not None:
                    progress(f"[{i}/{len(order)}] 正在生成 {STEP_NAMES.get(name, name)}")
                written[name] = get_writer(name)(ctx, staging)
            _normalise([o for outputs in written.values() for o in outputs])  # while background PDFs finish
            if meanwhile is not None:
                meanwhile([o for outputs in written.values() for o in outputs])
        return [o for name in names for o in written[name]]

    return produce


def build(plan: Plan, out_dir: Union[str, os.PathLike[str]], formats: Union[str, Iterable[str], None] = None,
          by_unit: bool = False, progress: Optional[Progress] = None, trusted: bool = True,
          warnings: Optional[list[Diagnostic]] = None,
          meanwhile: Optional[Callable[[list[Output]], None]] = None, loaded: bool = False) -> list[Output]:
    """Render `plan` into out_dir and return what was written. Writes nothing unless every writer succeeds.

    The plan may come from load_plan/loads or be built in Python (``Plan.model_validate(data)``):
    it is checked and numbered here either way. `formats`: "docx,xlsx", ["pdf"] or None (all).
    by_unit also writes one 反馈表 per unit (units/, replaced as a whole, with units/目录.xlsx).
    `progress` is called with a Chinese line before each step.
    trusted=False: for plans from other people (a web form): files the plan names (the seal)
    must lie in the plan's own folder (docs/security.md).
    An existing ledger.xlsx is never lost: its progress is carried into the new one (matched by
    task id) and the old file kept as a dated backup; remarks (progress of deleted tasks…) are
    appended to `warnings`. A ledger that cannot be read is a UserError, and nothing is written.
    `meanwhile(outputs)` is called once the outputs other than PDFs are written (in the staging
    folder, final bytes) while the PDFs may still be laid out in the background (the command
    line checks its notice.docx then).
    loaded=True: `plan` is as load_plan/loads returned it, not changed since; it is then not
    checked a second time (a plan changed after loading must keep the default).
    """
    names = parse_formats(formats) + (["units"] if by_unit else [])
    ledger = Path(out_dir) / "ledger.xlsx"
    keep: list[bool] = [False]
    carried: list[RenderContext] = []

    def carry(ctx: RenderContext) -> None:
        if "xlsx" not in names:
            return
        from .collect import untouched

        carried.append(ctx)
        if untouched.is_untouched(ledger):  # as this build would write it from no progress: nothing to read
            return
        from .collect.carry import previous_ledger

        ctx.previous_ledger, remarks = previous_ledger(ledger, ctx)
        keep[0] = ctx.previous_ledger is not None and ctx.previous_ledger.has_progress
        if warnings is not None:
            warnings.extend(remarks)

    produce = _produce(plan, names, progress, trusted, carry, meanwhile, loaded)

    def produce_and_keep(staging: Path) -> list[Output]:
        outputs = produce(staging)
        if keep[0]:
            from .collect.carry import backup

            outputs.append(Output(BACKUP_KIND, backup(ledger, staging)))
        return outputs

    outputs = write_all(out_dir, produce_and_keep, plan_stamp(plan))
    from .collect import untouched

    if carried and untouched.nothing_to_carry(carried[0].previous_ledger):
        for o in outputs:
            if o.kind == "ledger.xlsx":
                untouched.remember(o.path)
    return outputs


BACKUP_KIND = "ledger.backup"  # the previous ledger, copied as it was (not re-stamped)
# Folders a build owns whole: a rebuild replaces them, so no stale file of an earlier build stays.
OWNED_FOLDERS = ("units",)


def render(plan: Plan, formats: Union[str, Iterable[str], None] = None, by_unit: bool = False,
           trusted: bool = True) -> dict[str, bytes]:
    """Render `plan` without touching your folders: {relative file name: bytes}.

    For a web response or a database, e.g. ``render(plan, ["docx"])["notice.docx"]``. Names are
    as in a build's output folder ("tasks.xlsx", "units/市财政局.xlsx"); bytes are the same as
    build() writes. Safe to call from several threads at once.
    """
    names = parse_formats(formats) + (["units"] if by_unit else [])
    produce = _produce(plan, names, None, trusted)
    with tempfile.TemporaryDirectory(prefix="zwgk-render-") as tmp:
        staging = Path(tmp)
        files: dict[str, bytes] = {}
        for output in _stamped(produce, staging, plan_stamp(plan)):
            paths = sorted(p for p in output.path.rglob("*") if p.is_file()) if output.path.is_dir() else [output.path]
            for path in paths:
                files[path.relative_to(staging).as_posix()] = path.read_bytes()
        return files


def _stamped(produce: Callable[[Path], list[Output]], staging: Path, stamp: Optional[Stamp]) -> list[Output]:
    """Every output stamped with `stamp` (dates, title, author), office packages rewritten canonically,
    so the same input gives the same bytes (writers/reproducible.py)."""
    token = _NORMALISED.set(set())
    try:
        with stamping(stamp), rewritten_later():
            produced = produce(staging)
            _normalise(produced)
    finally:
        _NORMALISED.reset(token)
    return produced


# Packages of the build in progress already rewritten canonically (by _write, before waiting for its PDFs).
_NORMALISED: contextvars.ContextVar[Optional[set[Path]]] = contextvars.ContextVar("zwgk_normalised", default=None)


def _normalise(outputs: list[Output]) -> None:
    """Rewrite each office package among `outputs` canonically, once per build (see _stamped)."""
    done = _NORMALISED.get()
    for o in outputs:
        if o.path.suffix in PACKAGE_SUFFIXES and o.kind != BACKUP_KIND and (done is None or o.path not in done):
            normalise_package(o.path, current())
            if done is not None:
                done.add(o.path)


def write_all(out_dir: Union[str, os.PathLike[str]], produce: Callable[[Path], list[Output]],
              stamp: Optional[Stamp] = None) -> list[Output]:
    """Run `produce(staging_dir)`, then move its outputs into out_dir — all of them or none.

    Outputs are stamped for reproducible bytes (see _stamped). Filesystem trouble (no permission,
    read-only, disk full, a file open in WPS) is a UserError naming the path; files replaced before
    the failure are put back, so out_dir is as it was.
    """
    out = ensure_dir(out_dir)
    interrupts.remove_stale(out)  # left by builds that were killed
    with fs_errors(out), interrupts.deferred():
        staging = Path(tempfile.mkdtemp(prefix=interrupts.STAGING_PREFIX, dir=out))
        lock = interrupts.claim(staging)
    try:
        try:
            produced = _stamped(produce, staging, stamp)
        except OSError as exc:
            if not _inside(exc.filename, staging) and exc.errno not in _NO_SPACE:
                raise
            raise os_user_error(exc, _final_path(exc.filename, staging, out)) from None
        with interrupts.deferred():  # Ctrl-C/SIGTERM now would leave a half-published folder
            return _publish_all(produced, staging, out)
    finally:
        with interrupts.deferred():
            shutil.rmtree(staging, ignore_errors=True)
            if lock is not None:
                lock.close()


_NO_SPACE = {errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)}


def _inside(name: object, folder: Path) -> bool:
    return isinstance(name, (str, os.PathLike)) and Path(name).resolve().is_relative_to(folder.resolve())


def _final_path(name: object, staging: Path, out: Path) -> Path:
    """The path the user would see for a file being written in staging."""
    if _inside(name, staging):
        return out / Path(name).resolve().relative_to(staging.resolve())  # type: ignore[arg-type]
    return out


def _publish_all(produced: list[Output], staging: Path, out: Path) -> list[Output]:
    """Move every output into place; on any failure undo the moves already made."""
    previous = staging / ".previous"
    done: list[tuple[Path, Path, Optional[Path]]] = []  # (new file's staging path, target, backup of the old one)
    target = out
    owned = {o.path.relative_to(staging).parts[0] for o in produced
             if len(o.path.relative_to(staging).parts) > 1 and o.path.relative_to(staging).parts[0] in OWNED_FOLDERS}
    moves = [(staging / name, Path(name)) for name in sorted(owned)]  # a whole folder, in one rename
    moves += [(o.path, o.path.relative_to(staging)) for o in produced if o.path.relative_to(staging).parts[0] not in owned]
    try:
        for source, rel in moves:
            target = out / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            backup = None
            if target.exists() or target.is_symlink():
                if target.is_dir() and not source.is_dir():
                    raise UserError.single(f"“{target}”是一个文件夹，无法用生成的文件替换：请改名或删除这个文件夹。", Location(str(target)))
                backup = previous / rel
                backup.parent.mkdir(parents=True, exist_ok=True)
                os.replace(target, backup)
            done.append((source, target, backup))
            os.replace(source, target)
    except (OSError, UserError) as exc:
        _undo(done)
        if isinstance(exc, UserError):
            raise
        raise os_user_error(exc, target) from None
    return [Output(o.kind, out / o.path.relative_to(staging)) for o in produced]


def _undo(done: list[tuple[Path, Path, Optional[Path]]]) -> None:
    for source, target, backup in reversed(done):
        with contextlib.suppress(OSError):
            if not source.exists() and (target.exists() or target.is_symlink()):
                os.replace(target, source)  # the new file goes back to staging (removed with it)
            if backup is not None:
                os.replace(backup, target)
