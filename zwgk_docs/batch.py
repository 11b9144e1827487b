"""Many plans in one go: `zwgk build PLAN… -o DIR` and `zwgk_docs.build_many`.

Each plan is built exactly as `zwgk build` builds one (all-or-nothing into its own folder
DIR/<plan name>/); a plan with mistakes is reported and skipped, the others still build.
Imports (WeasyPrint, pydantic models, templates, fonts) are paid once per worker process,
not once per plan, and the workers use every core.

Beyond one machine this stays a plain function over a list of plans: a job queue
(a process pool, Celery, RQ …) fans it out by calling `build_one` (or `build_many` on a
slice) per job — see docs/batch.md.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import signal
import sys
import time
from concurrent.futures import Future, ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Optional, Sequence, Union

from .errors import Diagnostic, Location, UserError
from .inputs import REPORT_INPUTS
from .writers import Output

PathLike = Union[str, "os.PathLike[str]"]

# Report inputs and editor files that sit beside plans in a folder but are not plans.
NOT_PLANS = tuple(s for s in REPORT_INPUTS if s.endswith((".yaml", ".yml"))) + (".schema.yaml",)


@dataclass
class PlanResult:
    """What building one plan gave: its outputs, or the diagnostics that stopped it."""

    plan: Path
    out_dir: Path
    outputs: list[Output] = field(default_factory=list)
    warnings: list[Diagnostic] = field(default_factory=list)
    errors: list[Diagnostic] = field(default_factory=list)
    seconds: float = 0.0
    cpu_seconds: float = 0.0  # of the process that built it (all its threads)

    @property
    def ok(self) -> bool:
        return not self.errors

    def as_json(self) -> dict[str, object]:
        return {
            "plan": str(self.plan), "out_dir": str(self.out_dir), "ok": self.ok,
            "seconds": round(self.seconds, 3), "cpu_seconds": round(self.cpu_seconds, 3), "outputs": [o.as_json() for o in self.outputs],
            "warnings": [str(d) for d in self.warnings], "errors": [str(d) for d in self.errors],
        }


def expand_plans(paths: Iterable[PathLike]) -> list[Path]:
    """Plan files named, and the *.yaml/*.yml plans inside named folders (not recursive)."""
    found: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            inside = sorted(p for p in path.iterdir() if p.suffix in (".yaml", ".yml") and p.is_file())
            found += [p for p in inside if not p.name.endswith(NOT_PLANS)]
        else:
            found.append(path)
    if not found:
        raise UserError.single("没有找到计划文件（*.yaml）。", Location(", ".join(map(str, paths)) or "."))
    return list(dict.fromkeys(found))


def output_folders(plans: Sequence[Path], out_dir: Path) -> list[Path]:
    """DIR/<plan name> for each plan; plans of the same name from different folders keep them apart."""
    stems = [p.stem for p in plans]
    folders = []
    for plan, stem in zip(plans, stems):
        name = stem if stems.count(stem) == 1 else f"{plan.parent.name or 'plan'}-{stem}"
        folders.append(out_dir / name)
    seen: dict[Path, int] = {}
    unique = []
    for folder in folders:  # still equal (same folder name twice): number them in order
        seen[folder] = seen.get(folder, 0) + 1
        unique.append(folder if seen[folder] == 1 else folder.with_name(f"{folder.name}-{seen[folder]}"))
    return unique


def build_one(plan_path: PathLike, out_dir: PathLike, formats: Union[str, Sequence[str], None] = None,
              by_unit: bool = False, trusted: bool = True) -> PlanResult:
    """Build one plan file into out_dir; user mistakes come back in the result, never raised."""
    from .build import build
    from .load import load_plan_with_warnings

    start, cpu = time.perf_counter(), time.process_time()
    result = PlanResult(Path(plan_path), Path(out_dir))
    try:
        plan, result.warnings = load_plan_with_warnings(plan_path)
        result.outputs = build(plan, out_dir, formats, by_unit=by_unit, trusted=trusted, loaded=True)
    except UserError as exc:
        result.errors = list(exc.diagnostics)
    result.seconds = time.perf_counter() - start
    result.cpu_seconds = time.process_time() - cpu
    return result


def build_many(plans: Iterable[PathLike], out_dir: PathLike, formats: Union[str, Sequence[str], None] = None,
               by_unit: bool = False, jobs: Optional[int] = None,
               on_result: Optional[Callable[[PlanResult], None]] = None, trusted: bool = True) -> list[PlanResult]:
    """Build every plan (files, or folders of plans) into out_dir/<plan name>/, in plan order.

    jobs: worker processes (default: one per core); 1 builds in this process, one plan after
    the other. on_result is called as each plan finishes (for a progress display).
    """
    from .writers import parse_formats  # the writers themselves are imported by the workers only

    paths = expand_plans(plans)
    folders = output_folders(paths, Path(out_dir))
    names = parse_formats(formats)
    jobs = max(1, min(jobs or os.cpu_count() or 1, len(paths)))
    if jobs == 1:
        results = []
        for path, folder in zip(paths, folders):
            results.append(build_one(path, folder, names, by_unit, trusted))
            if on_result:
                on_result(results[-1])
        return results
    pool = ProcessPoolExecutor(max_workers=jobs, mp_context=_context(warm="pdf" in names), initializer=_worker_signals)
    futures: dict[int, Future[PlanResult]] = {}
    try:
        for i in _largest_first(paths):
            futures[i] = pool.submit(_build_in_worker, paths[i], folders[i], names, by_unit, trusted)
        for future in as_completed(futures.values()):
            if on_result:
                on_result(future.result())
        return [futures[i].result() for i in range(len(paths))]
    except BaseException:  # Ctrl-C, SIGTERM: stop the workers; each undoes its plan in progress
        _stop(pool)
        raise
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _largest_first(paths: Sequence[Path]) -> list[int]:
    """Indexes of `paths`, the biggest files first: a big plan started last would keep one core
    busy while the others have nothing left to do."""
    def size(i: int) -> int:
        try:
            return paths[i].stat().st_size
        except OSError:
            return 0  # reported by its build

    return sorted(range(len(paths)), key=size, reverse=True)


def _build_in_worker(plan_path: Path, out_dir: Path, formats: Sequence[str], by_unit: bool,
                     trusted: bool) -> PlanResult:
    from .interrupts import Terminated

    existed = Path(out_dir).exists()
    global _BUILDING
    _BUILDING = True
    try:
        return build_one(plan_path, out_dir, formats, by_unit, trusted)
    except Terminated:
        # The build's own finally blocks have removed its staging folder; the plan's folder
        # goes too if this build made it. Then exit: take no further plan.
        if not existed:
            with contextlib.suppress(OSError):
                Path(out_dir).rmdir()
        os._exit(143)
    finally:
        _BUILDING = False


_BUILDING = False  # a worker is inside a build (a SIGTERM then unwinds it), not in the pool's own code


def _worker_signals() -> None:
    """Ctrl-C reaches the whole process group: the parent decides, and stops the workers with
    SIGTERM, which unwinds the build in progress like Ctrl-C (no half-written folder)."""
    from .interrupts import Terminated

    def terminated(signum: int, frame: object) -> None:
        if not _BUILDING:  # between plans, or handing a result back: nothing to undo (a Terminated
            os._exit(143)  # raised in the pool's code would print its traceback)
        raise Terminated(signum)

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, terminated)


def _stop(pool: ProcessPoolExecutor) -> None:
    """SIGTERM the workers and give each time to undo its plan; the pool then fails every
    future that has not finished (cancelling them first trips up CPython's pool manager)."""
    processes = list((getattr(pool, "_processes", None) or {}).values())  # no public API for this
    for process in processes:
        with contextlib.suppress(OSError):
            process.terminate()
    for process in processes:
        process.join(timeout=30)
        if process.is_alive():
            process.kill()
            process.join(timeout=5)


def start_server(warm: bool) -> None:
    """Start the workers' server now (Linux): the executable does it first thing for a batch, so
    that the server imports and warms up while the command line itself starts and reads the
    plans. build_many's pool then forks its workers from this server."""
    if not sys.platform.startswith("linux"):
        return
    _context(warm)
    from multiprocessing import forkserver

    with contextlib.suppress(Exception):  # only a head start: the pool starts it otherwise
        forkserver.ensure_running()


def _context(warm: bool = False) -> multiprocessing.context.BaseContext:
    """forkserver on Linux: workers start from a clean, warm server (safe when the caller has
    threads, unlike fork); spawn elsewhere. warm: the server also imports every writer and
    WeasyPrint and makes the font configuration (batch_preload.py), once for all workers."""
    if sys.platform.startswith("linux"):
        ctx = multiprocessing.get_context("forkserver")
        preload = ["zwgk_docs.build", "zwgk_docs.load", "zwgk_docs.writers"]
        if _server_finds_this_package():
            ctx.set_forkserver_preload(preload + (["zwgk_docs.batch_preload"] if warm else []))
        else:
            ctx.set_forkserver_preload([])  # each worker imports it from the caller's path (slower start)
        return ctx
    return multiprocessing.get_context("spawn")


def _server_finds_this_package() -> bool:
    """Whether the forkserver's preload imports this zwgk_docs. The server is a `python -c` process
    that imports its preload modules with its own path — the current folder first, then
    PYTHONPATH — not the caller's (CPython, up to 3.13 at least, ignores the path multiprocessing hands it): run
    from another checkout's folder, or by a program that changed sys.path, it would preload that
    other copy, and every worker forked from it would build with that code."""
    here = Path(__file__).resolve().parent
    places = [os.getcwd(), *os.environ.get("PYTHONPATH", "").split(os.pathsep), *sys.path[1:]]
    for place in places:
        candidate = Path(place or os.getcwd()) / "zwgk_docs"
        if (candidate / "__init__.py").is_file():
            return candidate.resolve() == here
    return False
