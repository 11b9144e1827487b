"""Shared test helpers: the examples, LibreOffice as the real client, PDF text."""

from __future__ import annotations

import contextlib
import functools
import gc
import os
import re
import shutil
import subprocess
import sys
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, Callable, Iterator, Optional
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

# The tests allocate millions of short-lived objects (pdfminer's page objects, openpyxl's cells,
# WeasyPrint's boxes): with the default thresholds the cyclic collector runs every 700 allocations
# and walks the long-lived ones again and again (~5-10 % of the suite's CPU). Collect less often, and
# after collection move what every test keeps (modules, test items) out of its walks (gc.freeze).
gc.set_threshold(50_000, 20, 100)


def pytest_collection_finish(session: pytest.Session) -> None:
    gc.collect()
    gc.freeze()


def _run_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """This run's folder shared by all its xdist workers (their base temps share a parent)."""
    base = tmp_path_factory.getbasetemp()
    return base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base


@pytest.fixture(scope="session", autouse=True)
def _isolated_user_cache(tmp_path_factory):
    """The user cache (zwgk_docs/user_cache.py) in this run's own folder, not the developer's ~/.cache.

    One folder for all xdist workers of the run: its entries are pure functions of their keys,
    written atomically, so a 通知 spacing one worker chose is not chosen again by the other.
    Tests of the cache itself use their own folder (test_rebuild.py)."""
    folder = _run_folder(tmp_path_factory) / "user-cache"
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


@dataclass(frozen=True)
class Built:
    """What `zwgk_docs.build` wrote for a plan: its folder and its outputs (kind, path), in build order."""

    folder: Path
    outputs: "list[Any]"  # zwgk_docs.writers.Output

    def path(self, kind: str) -> Path:
        (path,) = self.paths(kind)
        return path

    def paths(self, kind: str) -> list[Path]:
        return [o.path for o in self.outputs if o.kind == kind]


ALL_BUT_PDF = "docx,xlsx,html"  # what most modules read of an example: one build, with the units' forms


@pytest.fixture(scope="session")
def built_plan(tmp_path_factory: pytest.TempPathFactory) -> "Callable[..., Built]":
    """`built_plan(plan_path, formats=ALL_BUT_PDF, by_unit=True)`: the outputs of `zwgk_docs.build`,
    built ONCE per run — shared by the modules and by the xdist workers (a file lock in the run's
    folder: the worker that comes second waits for the first one's build and reads it). Read only:
    copy before changing (shutil.copytree(built.folder, tmp_path / "out"))."""
    import fcntl
    import json

    root = _run_folder(tmp_path_factory) / "built"
    root.mkdir(exist_ok=True)
    memo: dict[str, Built] = {}

    def get(plan_path: Path, formats: str = ALL_BUT_PDF, by_unit: bool = True) -> Built:
        assert plan_path.parent in (EXAMPLES, ROOT / "tests" / "data"), plan_path  # stems are unique there
        key = f"{plan_path.parent.name}-{plan_path.stem}-{formats.replace(',', '+')}{'-units' if by_unit else ''}"
        if key not in memo:
            folder, manifest = root / key, root / f"{key}.json"
            with open(root / f"{key}.lock", "w") as lock:
                fcntl.flock(lock, fcntl.LOCK_EX)
                if not manifest.exists():
                    from zwgk_docs import build, load_plan

                    outputs = build(load_plan(plan_path), folder, formats, by_unit=by_unit)
                    written = [[o.kind, o.path.relative_to(folder).as_posix()] for o in outputs]
                    manifest.with_suffix(".tmp").write_text(json.dumps(written, ensure_ascii=False), encoding="utf-8")
                    os.replace(manifest.with_suffix(".tmp"), manifest)
            from zwgk_docs.writers import Output

            memo[key] = Built(folder, [Output(k, folder / p) for k, p in json.loads(manifest.read_text(encoding="utf-8"))])
        return memo[key]

    return get


@pytest.fixture(scope="session")
def notice_docx(built_plan: "Callable[..., Built]") -> dict[str, Path]:
    """notice.docx of each example that has a 通知, and of notice-full.yaml ("full"), from built_plan
    (built once for the run) and shared by the modules that read them: copy before changing."""
    out = {}
    for name, plan_path in [(n, example_path(n)) for n in EXAMPLE_NAMES] + [("full", NOTICE_FULL)]:
        built = built_plan(plan_path) if name != "full" else built_plan(plan_path, "docx", by_unit=False)
        docx = built.paths("notice.docx")
        assert bool(docx) == (name in WITH_NOTICE or name == "full"), name
        if docx:
            out[name] = docx[0]
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


# The quick suite's costliest modules (CPU seconds measured 2026-12-01), run first: xdist (--dist
# loadfile, --no-loadscope-reorder in pyproject.toml) hands out whole modules in this order, so the
# run does not end with one worker busy on a big module while the other has nothing left to do.
COSTLIEST_FIRST = ["test_pdf", "test_xlsx", "test_report", "test_fuzz", "test_signoff", "test_report_checks",
                   "test_check", "test_compare", "test_ledger", "test_import_unseen", "test_import", "test_schema",
                   "test_pdf_shared_table", "test_api", "test_import_realistic", "test_yaml_fast"]


def _cost_rank(item: pytest.Item) -> int:
    name = item.path.stem
    return COSTLIEST_FIRST.index(name) if name in COSTLIEST_FIRST else len(COSTLIEST_FIRST)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    items.sort(key=_cost_rank)  # stable: each module's own order is kept
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
def pytest_configure(config: pytest.Config) -> None:
    if getattr(config.option, "numprocesses", None) and not os.environ.get("PYTEST_XDIST_WORKER"):
        return  # the xdist controller runs no test: importing hypothesis there costs ~0.5 s for nothing
    from hypothesis import settings

    settings.register_profile("dev", max_examples=50, deadline=None)
    settings.register_profile("ci", max_examples=300, deadline=None)
    settings.register_profile("release", max_examples=3000, deadline=None)
    settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "dev"))
