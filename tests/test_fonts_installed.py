"""fonts/installed.py: fontconfig's listing made in process is fc-list's, and what is derived from it
(installed_families, the fit cache's font files) is what fc-list's output gave."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from zwgk_docs import fonts
from zwgk_docs.fonts import installed
from zwgk_docs.writers.pdf import fit_cache

HAS_FC_LIST = shutil.which("fc-list") is not None
ROOT = Path(__file__).resolve().parent.parent


def fc_list(fmt: str, env: "dict[str, str] | None" = None) -> str:
    return subprocess.run(["fc-list", "--format", fmt], capture_output=True, text=True, check=True, env=env).stdout


@pytest.fixture
def fresh():
    """The process's cached answers forgotten before and after (other tests see the real ones again)."""
    caches = (installed.faces, fonts.installed_families, fit_cache._font_files)
    for cache in caches:
        cache.cache_clear()
    yield
    for cache in caches:
        cache.cache_clear()


@pytest.mark.skipif(not HAS_FC_LIST or not sys.platform.startswith("linux"), reason="fontconfig on Linux")
def test_the_listing_in_process_is_fc_lists():
    listed = installed.listed_in_process()
    assert listed is not None and listed == installed.listed_by_fc_list()
    assert "\n".join(f"{file}\t{families}" for file, families in listed) + "\n" == fc_list("%{file}\t%{family}\n")


@pytest.mark.skipif(not HAS_FC_LIST, reason="needs fc-list")
def test_installed_families_are_the_names_fc_list_prints(fresh):
    out = fc_list("%{family}\n")  # what installed_families() read before
    expected = frozenset(name.strip() for line in out.splitlines() for name in line.split(",") if name.strip())
    assert fonts.installed_families() == expected


def old_font_files(families: frozenset[str]) -> str:
    """fit_cache._font_files as it was: from fc-list's output."""
    out = fc_list("%{file}\t%{family}\n")
    lines = []
    for line in sorted(set(out.splitlines())):
        path, _, names = line.partition("\t")
        if not families & {n.strip() for n in names.split(",")}:
            continue
        stat = Path(path).stat()
        lines.append(f"{path}\t{stat.st_size}\t{stat.st_mtime_ns}")
    return "\n".join(lines)


@pytest.mark.skipif(not HAS_FC_LIST, reason="needs fc-list")
@pytest.mark.parametrize("families", [
    {"Noto Serif CJK SC", "Noto Sans CJK SC", "AR PL UKai CN"},
    {"DejaVu Sans"},
    {"宋体", "No Such Family"},
    set(),
])
def test_the_fit_caches_font_files_are_as_fc_list_gave_them(fresh, families):
    assert fit_cache._font_files(frozenset(families)) == old_font_files(frozenset(families))


def test_without_fc_list_no_font_is_installed_and_the_fit_cache_is_off(fresh, monkeypatch):
    monkeypatch.setattr(installed.shutil, "which", lambda name: None)
    assert installed.faces() is None
    assert fonts.installed_families() == frozenset()
    assert fit_cache._font_files(frozenset({"Noto Serif CJK SC"})) is None


@pytest.mark.skipif(not HAS_FC_LIST, reason="needs fc-list")
def test_without_the_library_fc_list_answers(fresh, monkeypatch):
    monkeypatch.setattr(installed, "_LIBRARY", "libno-such-fontconfig.so.1")
    assert installed.listed_in_process() is None
    assert installed.faces() == installed.listed_by_fc_list()
    assert fonts.installed_families()


def test_family_names_split_as_fc_lists_lines_were():
    assert installed.family_names("文泉驿正黑,WenQuanYi Zen Hei, 文泉驛正黑 ,") == ["文泉驿正黑", "WenQuanYi Zen Hei", "文泉驛正黑"]
    assert installed.family_names("") == []


LIST_IN_A_NEW_PROCESS = """
import json, sys
sys.path.insert(0, sys.argv[1])
from zwgk_docs.fonts import installed
print(json.dumps([installed.listed_in_process(), installed.listed_by_fc_list()]))
"""


@pytest.mark.skipif(not HAS_FC_LIST or not sys.platform.startswith("linux"), reason="fontconfig on Linux")
def test_a_font_installed_or_removed_is_seen_by_the_next_process(tmp_path):
    """Each process lists what fontconfig has installed then (its caches brought up to date as fc-list's are)."""
    source = next((Path(line) for line in fc_list("%{file}\n").splitlines() if line.endswith(".ttf")), None)
    if source is None:
        pytest.skip("no .ttf font installed")
    folder, cache = tmp_path / "fonts", tmp_path / "cache"
    folder.mkdir()
    config = tmp_path / "fonts.conf"
    config.write_text(f"<?xml version='1.0'?><!DOCTYPE fontconfig SYSTEM 'fonts.dtd'><fontconfig><dir>{folder}</dir>"
                      f"<cachedir>{cache}</cachedir></fontconfig>", encoding="utf-8")
    env = {**os.environ, "FONTCONFIG_FILE": str(config)}

    def listed() -> list[list[list[str]]]:
        run = subprocess.run([sys.executable, "-c", LIST_IN_A_NEW_PROCESS, str(ROOT)], capture_output=True, text=True,
                             check=True, env=env)
        in_process, by_fc_list = json.loads(run.stdout)
        assert in_process == by_fc_list
        return in_process  # type: ignore[no-any-return]

    assert listed() == []
    shutil.copy(source, folder / "a.ttf")
    files = [file for file, _ in listed()]
    assert files == [str(folder / "a.ttf")]
    (folder / "a.ttf").unlink()
    assert listed() == []
