"""What every `zwgk` command shares: exit codes, -q/-v, progress lines, the summary table, error handling.

A command module uses it like this (see zwgk_docs/cli_commands.py)::

    from ..cli_common import PLAN, user_errors, say, progress, summary

    @click.command()
    @PLAN
    @user_errors
    def mycommand(plan_path): ...
    commands = [mycommand]     # and one line in zwgk_docs/cli.py

Exit codes (the one table, also in docs/cli.md):
    0 成功 · 1 检查发现不符合项 · 2 用户错误（文件内容、路径、用法） · 3 内部错误（请报告）
"""

from __future__ import annotations

import datetime as dt
import functools
import os
import platform
import sys
import tempfile
import time
import traceback
from pathlib import Path
from typing import Any, Callable, Iterable, Optional, TypeVar

import click

from .east_asian import columns
from .errors import Diagnostic, UserError

EXIT_OK = 0
EXIT_FINDINGS = 1  # `zwgk check` found 不符合项
EXIT_USER_ERROR = 2  # the user's file, path or command line
EXIT_INTERNAL = 3  # a bug in zwgk: 内部错误，请报告
EXIT_BROKEN_PIPE = 128 + 13  # the output's reader left (`| head`): what a shell shows for SIGPIPE
EXIT_CODES = {
    EXIT_OK: "成功",
    EXIT_FINDINGS: "检查发现不符合项（zwgk check）",
    EXIT_USER_ERROR: "用户错误：计划文件有错、找不到文件、无法写入输出、命令用法不对",
    EXIT_INTERNAL: "内部错误：程序本身的问题，请按提示报告",
    EXIT_BROKEN_PIPE: "输出被提前关闭（如 zwgk outline … | head）：已输出的部分完整",
}

CONTEXT_SETTINGS: dict[str, Any] = {"help_option_names": ["-h", "--help"], "max_content_width": 100}

QUIET, NORMAL, VERBOSE = -1, 0, 1
_META = "zwgk.verbosity"
_STARTED = "zwgk.started"

F = TypeVar("F", bound=Callable[..., Any])

# A plan argument: a path, or "-" for standard input.
PLAN = click.argument("plan_path", metavar="PLAN", type=click.Path(dir_okay=False, allow_dash=True, path_type=Path))


class OutputFolder(click.Path):
    """`-o FOLDER`: a path that is a file is refused with fsio's Chinese message (exit 2, nothing built),
    not click's generic "is a file" usage error."""

    def __init__(self) -> None:
        super().__init__(path_type=Path)

    def convert(self, value: Any, param: Optional[click.Parameter], ctx: Optional[click.Context]) -> Any:
        from .fsio import refuse_file_as_folder

        return refuse_file_as_folder(Path(os.fsdecode(super().convert(value, param, ctx))))


OUTPUT_FOLDER = OutputFolder()


# ---------------------------------------------------------------- verbosity


def joined_formats(values: Iterable[str]) -> Optional[str]:
    """`-f xlsx -f html` and `-f xlsx,html` alike: the repeated option's values as one list (None: not given)."""
    joined = ",".join(values)
    return joined if joined else None


def set_verbosity(ctx: click.Context, quiet: bool, verbose: int) -> None:
    ctx.meta[_META] = QUIET if quiet else min(verbose, 2)
    ctx.meta.setdefault(_STARTED, time.monotonic())


def verbosity() -> int:
    ctx = click.get_current_context(silent=True)
    return ctx.meta.get(_META, NORMAL) if ctx is not None else NORMAL


def elapsed() -> float:
    ctx = click.get_current_context(silent=True)
    started = ctx.meta.get(_STARTED) if ctx is not None else None
    return time.monotonic() - started if started else 0.0


def say(message: str, err: bool = False) -> None:
    """Normal output (results, hints); silent with -q."""
    if verbosity() > QUIET:
        click.echo(message, err=err)


def detail(message: str) -> None:
    """Only with -v: what is being done and why (stderr)."""
    if verbosity() >= VERBOSE:
        click.echo(message, err=True)


def echo_diagnostics(diags: Iterable[Diagnostic]) -> None:
    """Errors always; warnings unless -q."""
    for d in diags:
        if d.severity == "error" or verbosity() > QUIET:
            click.echo(str(d), err=True)


def progress(message: str) -> None:
    """One line per step of long work, on stderr (stdout stays clean for --json and pipes); silent with -q."""
    if verbosity() > QUIET:
        click.echo(f"[{elapsed():5.1f} 秒] {message}……", err=True)


# ---------------------------------------------------------------- summary table


def _width(text: str) -> int:
    return columns(text)


def _pad(text: str, width: int, right: bool = False) -> str:
    space = " " * max(0, width - _width(text))
    return space + text if right else text + space


def human_size(size: int) -> str:
    if size < 1024:
        return f"{size} B"
    if size < 1024 * 1024:
        return f"{size / 1024:.1f} KB"
    return f"{size / 1024 / 1024:.1f} MB"


_KINDS = {".docx": "Word", ".xlsx": "Excel", ".pdf": "PDF", ".html": "网页", ".yaml": "计划文件", ".json": "JSON", ".csv": "CSV"}


def _size(path: Path) -> int:
    if path.is_dir():
        return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())
    return path.stat().st_size if path.exists() else 0


def summary(paths: Iterable[Path], what: str = "生成") -> None:
    """The final table: each file written, its type and size, the total and the time taken (stdout)."""
    rows = [(str(p), _KINDS.get(p.suffix.lower(), "文件夹" if p.is_dir() else p.suffix.lstrip(".")), _size(p)) for p in paths]
    if verbosity() <= QUIET:
        return
    if not rows:
        click.echo(f"没有{what}任何文件（用时 {elapsed():.1f} 秒）。")
        return
    head = ("文件", "类型", "大小")
    cells = [(name, kind, human_size(size)) for name, kind, size in rows]
    total = ("合计", f"{len(rows)} 个", human_size(sum(r[2] for r in rows)))
    widths = [max(_width(r[i]) for r in [head, *cells, total]) for i in range(3)]

    def line(r: tuple[str, str, str]) -> str:
        return f"  {_pad(r[0], widths[0])}  {_pad(r[1], widths[1])}  {_pad(r[2], widths[2], right=True)}"

    click.echo(f"已{what} {len(rows)} 个文件，用时 {elapsed():.1f} 秒：")
    click.echo(line(head))
    click.echo("  " + "-" * (sum(widths) + 4))
    for r in cells:
        click.echo(line(r))
    click.echo(line(total))


# ---------------------------------------------------------------- errors


def user_errors(func: F) -> F:
    """Turn UserError into Chinese messages and exit code 2 (the group also does, for commands without it)."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except UserError as exc:
            echo_diagnostics(exc.diagnostics)
            sys.exit(EXIT_USER_ERROR)

    return wrapper  # type: ignore[return-value]


def log_dir() -> Path:
    """Where internal-error reports go: the user's state folder, else the temp folder."""
    if sys.platform.startswith("win"):
        base = Path(os.environ.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local") / "zwgk" / "logs"
    else:
        base = Path(os.environ.get("XDG_STATE_HOME") or Path.home() / ".local" / "state") / "zwgk"
    return base


def write_crash_log(exc: BaseException, argv: Optional[list[str]] = None) -> Optional[Path]:
    from . import __version__

    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    text = (
        f"zwgk_docs {__version__} · Python {platform.python_version()} · {platform.platform()}\n"
        f"命令：{' '.join(argv if argv is not None else sys.argv)}\n时间：{dt.datetime.now().isoformat()}\n\n"
        + "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))
    )
    for folder in (log_dir(), Path(tempfile.gettempdir())):
        try:
            folder.mkdir(parents=True, exist_ok=True)
            path = folder / f"zwgk-error-{stamp}-{os.getpid()}.log"
            path.write_text(text, encoding="utf-8")
            return path
        except OSError:
            continue
    return None


def issues_url() -> str:
    """Where to report: the package's own Issues URL (pyproject [project.urls])."""
    from importlib import metadata

    try:
        for entry in metadata.metadata("zwgk_docs").get_all("Project-URL") or []:
            label, _, url = entry.partition(",")
            if label.strip().lower() == "issues":
                return str(url).strip()
    except metadata.PackageNotFoundError:
        pass
    return "https://github.com/zwgk-docs/zwgk_docs/issues"


def report_internal_error(exc: BaseException) -> None:
    """The last resort: a short Chinese notice, the details in a log file, never a traceback on screen."""
    path = write_crash_log(exc)
    where = f"详细信息已写入 {path}" if path else "详细信息无法写入日志文件"
    click.echo(
        f"内部错误，请报告：zwgk 遇到了程序本身的问题（{type(exc).__name__}），不是您的文件写错了。\n"
        f"{where}；请把这个文件和所用的计划文件发给维护人员（{issues_url()}）。",
        err=True,
    )
    if verbosity() >= VERBOSE:
        click.echo("".join(traceback.format_exception(type(exc), exc, exc.__traceback__)), err=True)


class ZwgkGroup(click.Group):
    """The `zwgk` group: Chinese usage lines, -q/-v anywhere on the line, UserError → 2, anything else → 3."""

    GLOBAL_FLAGS = ("-q", "--quiet", "-v", "--verbose", "-vv")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        from .cli_i18n import localize_command

        localize_command(self)

    def add_command(self, cmd: click.Command, name: Optional[str] = None) -> None:
        from .cli_i18n import localize_command

        localize_command(cmd)
        super().add_command(cmd, name)

    def main(self, *args: Any, **kwargs: Any) -> Any:
        from .interrupts import command_line_signals

        with command_line_signals():  # SIGTERM cleans up like Ctrl-C, then exits 143
            return super().main(*args, **kwargs)

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        # `zwgk build plan.yaml -q` works like `zwgk -q build plan.yaml` (unless the command has its own -q/-v).
        if args and args[0] in self.commands:
            own = {o for p in self.commands[args[0]].params for o in getattr(p, "opts", [])}
            stop = args.index("--") if "--" in args else len(args)
            hoisted = [a for a in args[1:stop] if a in self.GLOBAL_FLAGS and a not in own]
            if hoisted:
                rest = [a for i, a in enumerate(args) if not (0 < i < stop and a in hoisted)]
                args = hoisted + rest
        return super().parse_args(ctx, args)

    def invoke(self, ctx: click.Context) -> Any:
        import logging

        from .parallel import parallel_pdf

        # The command line owns its process: it may fork for PDFs and quiet WeasyPrint's CSS notes.
        logging.getLogger("weasyprint").setLevel(logging.WARNING if verbosity() > VERBOSE else logging.ERROR)
        try:
            with parallel_pdf():
                return super().invoke(ctx)
        except (click.exceptions.ClickException, click.exceptions.Exit, click.exceptions.Abort):
            raise
        except KeyboardInterrupt as exc:  # Ctrl-C or SIGTERM: outputs were left as they were (build.write_all)
            from . import interrupts

            click.echo(interrupts.message(exc), err=True)
            ctx.exit(interrupts.exit_code(exc))
        except UserError as exc:
            echo_diagnostics(exc.diagnostics)
            ctx.exit(EXIT_USER_ERROR)
        except BrokenPipeError:  # `zwgk outline plan.yaml | head`: the reader has all it wanted
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())  # so that the exit's flush does not fail again
            ctx.exit(EXIT_BROKEN_PIPE)
        except Exception as exc:  # noqa: BLE001 — the last resort: nothing reaches the user as a traceback
            if os.environ.get("ZWGK_DEBUG"):
                raise
            report_internal_error(exc)
            ctx.exit(EXIT_INTERNAL)
