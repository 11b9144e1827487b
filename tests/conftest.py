"""Shared test helpers: the examples, LibreOffice as the real client, PDF text."""

from __future__ import annotations

import contextlib
import functools
import os
import re
import shutil
import subprocess
import sys
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, Iterator, Optional
import unicodedata
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
SEEDS = ROOT / "tests" / "data" / "seeds"  # copies of shared/seeds: the published documents
EXAMPLE_NAMES = ["siping-2018", "jilin-2018", "chizhou-2018", "teda-2018", "shenyang-2021"]
ARTIFACTS = ROOT / "test-artifacts"

# The suite starts ~60 Python processes (xdist workers, `zwgk` subprocesses, batch and preview
# workers), each importing zwgk_docs (~0.2 s CPU to compile from source) and the workers each
# rewriting every test module (~2.6 s). With PYTHONDONTWRITEBYTECODE set (as on some machines)
# nothing is kept, so every process compiles it all again: the tests keep bytecode (in
# __pycache__, ignored by git) whatever the environment says.
os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
sys.dont_write_bytecode = False


@pytest.fixture(scope="session", autouse=True)
def _isolated_user_cache(tmp_path_factory):
    """The user cache (zwgk_docs/user_cache.py) in this run's own folder, not the developer's ~/.cache.

    One folder for all xdist workers of the run (their base temps share a parent): its entries are
    pure functions of their keys, written atomically, so a 通知 spacing one worker chose is not chosen
    again by the other. Tests of the cache itself use their own folder (test_rebuild.py)."""
    base = tmp_path_factory.getbasetemp()
    folder = (base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base) / "user-cache"
    folder.mkdir(exist_ok=True)
    os.environ["ZWGK_CACHE_DIR"] = str(folder)


def example_path(name: str) -> Path:
    return EXAMPLES / f"{name}.yaml"


# The examples with a 通知 (a top-level `notice:` key), found without loading the plans at collection
# (every xdist worker collects every module); the notice_docx fixture checks it against the loaded plans.
WITH_NOTICE = [n for n in EXAMPLE_NAMES if re.search(r"^notice:", example_path(n).read_text(encoding="utf-8"), re.M)]


def squash(text: str) -> str:
    """Compare texts across formats: NFKC (full/half width), no whitespace."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def _running_test_needs(marker: str, what: str) -> None:
    """A test that starts LibreOffice/Chromium must carry its marker, so that the quick suite
    (`-m "not libreoffice and not browser"`) never starts them and `-m libreoffice` finds them all."""
    item = _RUNNING[-1] if _RUNNING else None
    if item is not None and item.get_closest_marker(marker) is None:
        pytest.fail(f"{item.nodeid} starts {what}: mark it @pytest.mark.{marker} "
                    f"(or name its fixture in tests/conftest.py {marker.upper()}_FIXTURES)")


def soffice_convert(sources: "list[Path]", out_dir: Path, to: str = "pdf", timeout: float = 400) -> list[Path]:
    """Convert files with LibreOffice headless, the real client offices also use — all of them in ONE
    soffice run (starting LibreOffice costs more than converting a file): batch a module's files.

    Each call has its own user profile in out_dir, so parallel workers (pytest -n) never share one.
    `to` is LibreOffice's filter ("pdf", "xlsx", "docx:MS Word 2007 XML", "csv:..."); the outputs are
    out_dir/<stem>.<extension>, so the sources' stems must differ.
    """
    _running_test_needs("libreoffice", "LibreOffice")
    exe = shutil.which("soffice") or shutil.which("libreoffice")
    if exe is None:
        pytest.fail("LibreOffice (soffice) is not installed: run scripts/setup.sh")
    stems = [Path(s).stem for s in sources]
    assert len(set(stems)) == len(stems), f"LibreOffice would write two outputs to one name: {stems}"
    out_dir.mkdir(parents=True, exist_ok=True)
    profile = out_dir / ".lo-profile"
    subprocess.run(
        [exe, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", to, "--outdir", str(out_dir),
         *map(str, sources)],
        check=True, capture_output=True, timeout=timeout,
    )
    suffix = "." + to.split(":")[0]
    outputs = [out_dir / (stem + suffix) for stem in stems]
    for src, out in zip(sources, outputs):
        assert out.exists(), f"LibreOffice did not convert {src}"
    return outputs


def soffice_to_pdf(src: Path, out_dir: Path) -> Path:
    """One file to PDF with LibreOffice (prefer soffice_convert for several)."""
    return soffice_convert([src], out_dir)[0]


CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]


@contextmanager
def chromium_browser() -> Iterator[Any]:
    """Debian's headless Chromium through playwright (the real browser for the web pages)."""
    _running_test_needs("browser", "Chromium")
    sync_api = pytest.importorskip("playwright.sync_api")
    if not Path(CHROMIUM).exists():
        pytest.fail("chromium is not installed: run scripts/setup.sh")
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


@functools.lru_cache(maxsize=64)
def _parsed_pdf(path: str, mtime_ns: int, size: int) -> Any:
    import pdfplumber

    return pdfplumber.open(path)


def opened_pdf(path: "Path | str") -> "contextlib.nullcontext[Any]":
    """`with opened_pdf(path) as pdf`: pdfplumber's view of a PDF, parsed once while the file is unchanged
    (pdfplumber keeps each page's objects), so the tests reading one shared output do not parse it
    again. Read only; the file stays open for the worker."""
    stat = Path(path).stat()
    return contextlib.nullcontext(_parsed_pdf(str(path), stat.st_mtime_ns, stat.st_size))


def pdf_text(path: "Path | str") -> str:
    with opened_pdf(path) as pdf:
        return "\n".join(page.extract_text() or "" for page in pdf.pages)


@dataclass
class Ran:
    """What a `zwgk` command did, as subprocess.run reports it."""

    returncode: int
    stdout: str
    stderr: str


def zwgk(*args: object, cwd: Optional[Path] = None, input: Optional[str] = None,
         env: Optional[dict[str, str]] = None) -> Ran:
    """Run the `zwgk` command line in this process (click's CliRunner): the suite's default.

    End-to-end tests that need a real process (signals, packaging, `python -m`) use zwgk_process.
    """
    from click.testing import CliRunner

    from zwgk_docs.cli import main

    runner = CliRunner()
    old = Path.cwd()
    if cwd is not None:
        os.chdir(cwd)
    try:
        result = runner.invoke(main, [str(a) for a in args], input=input, env=env, prog_name="zwgk")
    finally:
        os.chdir(old)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return Ran(result.exit_code, result.stdout, result.stderr)


def zwgk_process(*args: object, cwd: Optional[Path] = None, env: Optional[dict[str, str]] = None,
                 timeout: float = 600) -> "subprocess.CompletedProcess[str]":
    """`python -m zwgk_docs` in a real process, importing this tree."""
    env = {**os.environ, **(env or {}), "PYTHONPATH": str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", "")}
    return subprocess.run([sys.executable, "-m", "zwgk_docs", *map(str, args)], capture_output=True, text=True,
                          cwd=cwd, env=env, timeout=timeout)


NOTICE_FULL = ROOT / "tests" / "data" / "notice-full.yaml"  # every 通知 option at once


@pytest.fixture(scope="session")
def notice_docx(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """notice.docx of each example that has a 通知, and of notice-full.yaml ("full"), built once for the
    session (once per worker under pytest -n) and shared by the modules that read them: copy before changing."""
    from zwgk_docs import build_context, load_plan
    from zwgk_docs.writers.docx import write

    out = {}
    for name, plan_path in [(n, example_path(n)) for n in EXAMPLE_NAMES] + [("full", NOTICE_FULL)]:
        plan = load_plan(plan_path)
        assert (plan.notice is not None) == (name in WITH_NOTICE or name == "full"), name
        if plan.notice is None:
            continue
        outputs = write(build_context(plan), tmp_path_factory.mktemp(f"notice-{name}"))
        assert [o.kind for o in outputs] == ["notice.docx"]
        out[name] = outputs[0].path
    return out


@pytest.fixture
def artifacts() -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS


# Fixtures that start LibreOffice or Chromium: tests using them get the marker, so that
# `pytest -m "not libreoffice and not browser"` is the quick suite and `-m libreoffice` runs them alone.
# soffice_convert and chromium_browser fail a test that starts them without its marker.
LIBREOFFICE_FIXTURES = {"pdfs", "shenyang_pdf", "laid_out", "both", "banji", "lo_pdfs", "lo_pdf"}
BROWSER_FIXTURES = {"browser", "chromium"}
# Fixtures that build many PDFs (every example's bundle): their tests are `slow`, out of the quick suite.
SLOW_FIXTURES = {"bundles"}
_RUNNING: list[pytest.Item] = []  # the test being set up or run (module fixtures start under their first test)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        names = set(getattr(item, "fixturenames", ()))
        if names & LIBREOFFICE_FIXTURES:
            item.add_marker(pytest.mark.libreoffice)
        if names & BROWSER_FIXTURES:
            item.add_marker(pytest.mark.browser)
        if names & SLOW_FIXTURES:
            item.add_marker(pytest.mark.slow)


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item: pytest.Item) -> None:
    _RUNNING[:] = [item]


# Hypothesis: few examples by default (the quick developer run), more in CI (.ci/run sets
# HYPOTHESIS_PROFILE=ci), many before a release (HYPOTHESIS_PROFILE=release; docs/testing.md).
# tests/test_fuzz.py scales its own counts by the same profile name.
def _hypothesis_profiles() -> None:
    from hypothesis import settings

    settings.register_profile("dev", max_examples=50, deadline=None)
    settings.register_profile("ci", max_examples=300, deadline=None)
    settings.register_profile("release", max_examples=3000, deadline=None)
    settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "dev"))


_hypothesis_profiles()
