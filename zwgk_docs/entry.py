"""The `zwgk` executable: Ctrl-C and SIGTERM are handled from the first instant.

Importing the command line takes about a second (pydantic, WeasyPrint, openpyxl…); an
interrupt in that second must not print a traceback either. So this module imports
nothing heavy until the handlers are in place (zwgk_docs/__init__ is lazy).

`zwgk build PLAN` with PDFs forks its PDF process first (writers/pdf/early.py), so that
WeasyPrint is imported while the plan is read; a batch (`zwgk build FOLDER`) starts its
workers' server first (batch.start_server).
"""

from __future__ import annotations

import contextlib
import gc
import importlib
import os
import signal
import sys
from typing import Iterable


def _quit(signum: int, frame: object) -> None:
    # Nothing has been written yet: leave quietly with the shell's code for the signal.
    sys.stderr.write("已停止（尚未开始生成文件）。\n")
    sys.exit(128 + signum)


def run() -> None:
    # pydantic looks for plugins in every installed package's metadata (~0.03 s of each start);
    # the command line uses none. Library users keep pydantic's default.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    from . import model_builds

    model_builds.ON_FIRST_USE = True  # before anything imports the model (model_builds.py)
    fewer_collections()
    _pause_collections()
    previous = {s: signal.signal(s, _quit) for s in (signal.SIGINT, signal.SIGTERM)}
    try:
        if builds_one_plan(sys.argv[1:]):
            from . import pydantic_loader

            pydantic_loader.install()  # before the model is imported
        if builds_one_plan_with_pdf(sys.argv[1:]):
            from .writers.pdf import early

            gc.freeze()  # what both processes share (the modules imported so far): never walked again
            early.start()
        else:
            batch, with_pdf = builds_many_plans(sys.argv[1:])
            if batch:  # the workers' server starts (and loads WeasyPrint…) while the command line does
                from .batch import start_server

                start_server(warm=with_pdf)
        from .cli import main
        from .stack_room import roomy
    finally:
        for s, handler in previous.items():
            signal.signal(s, handler)
    if not builds_one_plan(sys.argv[1:]):  # a build resumes them once its writers are imported
        collections_resumed()
    try:
        roomy(main, prog_name="zwgk")
    except SystemExit as done:
        _exit(done)
        raise


def fewer_collections() -> None:
    """Python's cycle collector runs after every 700 new objects: ~250 passes in a build's two
    processes, most of them while modules are imported (their objects all stay), ~0.06 CPU s of
    every `zwgk build`. A command lives seconds: a young generation of 10,000 objects makes ~20
    passes, and frees the writers' cyclic garbage (openpyxl's, lxml's) all the same. The library
    (a web back end calling build()) keeps Python's defaults."""
    gc.set_threshold(10_000, 10, 10)


_PAUSED: list[bool] = []  # [True] while run() keeps the collector paused


def _pause_collections() -> None:
    """No automatic collection while the command's modules are imported: a module's objects all stay,
    yet each pass over the young ones (~10,000 objects and their references) took 3–7 ms, ~15 passes
    (~50 CPU ms) in a build's main process and ~3 in its PDF process (which pauses for good, early.py)."""
    if gc.isenabled():
        gc.disable()
        _PAUSED.append(True)


def collections_resumed(modules: Iterable[str] = ()) -> None:
    """The collector back on (with fewer_collections' thresholds) when run() paused it, once `modules`
    are imported (a build's writers: their imports then pass no collection either). What exists by then
    (modules, the plan) is frozen: stays, never walked by a collection. A no-op otherwise (library use,
    tests calling the command line in process)."""
    if not _PAUSED:
        return
    for name in modules:
        with contextlib.suppress(Exception):  # the writer that needs it imports it again and reports the error
            importlib.import_module(name)
    _PAUSED.clear()
    gc.freeze()
    gc.enable()


def _exit(done: SystemExit) -> None:
    """Leave without tearing the interpreter down: freeing the ~1,000 modules a build loads, one
    object at a time, took ~0.15 s after the work was done. atexit handlers still run and the
    output is flushed; only when no other thread runs (those are otherwise waited for)."""
    import threading

    if threading.active_count() != 1:
        return
    if done.code is None or isinstance(done.code, int):
        status = done.code or 0
    else:
        sys.stderr.write(f"{done.code}\n")
        status = 1
    import atexit

    atexit._run_exitfuncs()
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (OSError, ValueError):  # a closed pipe: what Python's own exit would meet too
        status = status or 120
    os._exit(status)


_GLOBAL_FLAGS = {"-q", "--quiet", "-v", "-vv", "-vvv", "--verbose"}
_WITH_VALUE = {"-o", "--output", "-f", "--format", "-j", "--jobs"}  # build's options that take a value


def builds_one_plan(args: list[str]) -> bool:
    """Whether the command line is `zwgk build` of one plan file (a cheap look at the words)."""
    found = _build_args(args)
    return found is not None and len(found[0]) == 1 and not os.path.isdir(found[0][0])


def builds_one_plan_with_pdf(args: list[str]) -> bool:
    """Whether the command line is `zwgk build` of one plan file with PDFs among its formats
    (a cheap look at the words; a wrong guess costs only an unused process)."""
    found = _build_args(args)
    return found is not None and len(found[0]) == 1 and "pdf" in found[1] and not os.path.isdir(found[0][0])


def builds_many_plans(args: list[str]) -> "tuple[bool, bool]":
    """(whether the command line is a batch `zwgk build` — several plans or a folder —, with PDFs)."""
    found = _build_args(args)
    if found is None or not found[0]:
        return False, False
    plans, formats = found
    return len(plans) > 1 or os.path.isdir(plans[0]), "pdf" in formats


def _build_args(args: list[str]) -> "tuple[list[str], str] | None":
    """The plans and formats ("" … "docx,pdf", lower case; all when not given) of a `zwgk build`
    command line, None for any other command or for --help."""
    args = [a for a in args if a not in _GLOBAL_FLAGS]
    if not args or args[0] != "build" or not sys.platform.startswith("linux"):
        return None
    plans: list[str] = []
    given: list[str] = []  # every -f, as click's multiple option adds them up
    rest = args[1:]
    while rest:
        word = rest.pop(0)
        if word in ("-h", "--help"):
            return None
        if word == "--":
            plans += rest
            break
        if word in _WITH_VALUE:
            value = rest.pop(0) if rest else ""
            given += [value] if word in ("-f", "--format") else []
        elif word.startswith("--format="):
            given.append(word.split("=", 1)[1])
        elif word.startswith("-f") and len(word) > 2:
            given.append(word[2:])
        elif not word.startswith("-") or word == "-":
            plans.append(word)
    return plans, (",".join(given) if given else "docx,xlsx,pdf,html").lower()


if __name__ == "__main__":
    run()
