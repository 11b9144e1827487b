"""The `zwgk` executable: Ctrl-C and SIGTERM are handled from the first instant.

Importing the command line takes about a second (pydantic, WeasyPrint, openpyxl…); an
interrupt in that second must not print a traceback either. So this module imports
nothing heavy until the handlers are in place (zwgk_docs/__init__ is lazy).
"""

from __future__ import annotations

import os
import signal
import sys


def _quit(signum: int, frame: object) -> None:
    # Nothing has been written yet: leave quietly with the shell's code for the signal.
    sys.stderr.write("已停止（尚未开始生成文件）。\n")
    sys.exit(128 + signum)


def run() -> None:
    # pydantic looks for plugins in every installed package's metadata (~0.03 s of each start);
    # the command line uses none. Library users keep pydantic's default.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    previous = {s: signal.signal(s, _quit) for s in (signal.SIGINT, signal.SIGTERM)}
    try:
        from .cli import main
    finally:
        for s, handler in previous.items():
            signal.signal(s, handler)
    main(prog_name="zwgk")


if __name__ == "__main__":
    run()
