"""sources.py: the source a version guard hashes is inspect.getsource's, cached or not."""

import importlib
import inspect
import os
import sys

from zwgk_docs.writers.pdf import sources


def test_the_kept_source_is_inspects_and_a_changed_file_is_read_again(tmp_path, monkeypatch):
    monkeypatch.setenv("ZWGK_CACHE_DIR", str(tmp_path / "cache"))
    module_file = tmp_path / "guarded_module.py"
    module_file.write_text("def f(x):\n    return x + 1\n", encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    import guarded_module

    assert sources.source_of(guarded_module.f) == inspect.getsource(guarded_module.f)
    sources._READ.clear()  # a new process: from the user cache
    assert sources.source_of(guarded_module.f) == "def f(x):\n    return x + 1\n"
    module_file.write_text("def f(x):\n    return x + 2  # changed\n", encoding="utf-8")
    os.utime(module_file, ns=(1, 1))
    sys.modules.pop("guarded_module")
    importlib.invalidate_caches()
    import linecache

    linecache.clearcache()
    import guarded_module as changed

    assert sources.source_of(changed.f) == "def f(x):\n    return x + 2  # changed\n"
    assert sources.source_hash(changed.f) == sources.source_hash(changed.f)


def test_without_a_cache_folder_or_a_code_object(monkeypatch):
    monkeypatch.setenv("ZWGK_CACHE_DIR", "")
    sources._READ.clear()
    assert sources.source_of(inspect.getsource) == inspect.getsource(inspect.getsource)
    assert sources.source_of(inspect.BlockFinder) == inspect.getsource(inspect.BlockFinder)  # a class: always read
