"""pydantic_loader.py: pydantic's plugin loader imported without importlib.metadata, plugins found all the same."""

from __future__ import annotations

import subprocess
import sys

from conftest import ROOT

LOADER_ONLY = """
import os, sys
from zwgk_docs import pydantic_loader
pydantic_loader.install()
import importlib
loader = sys.modules["pydantic.plugin._loader"]
assert importlib.import_module("pydantic.plugin")._loader is loader
assert "importlib.metadata" not in sys.modules and not hasattr(importlib, "metadata")
os.environ["PYDANTIC_DISABLE_PLUGINS"] = "__all__"
assert tuple(loader.get_plugins()) == ()
assert "importlib.metadata" not in sys.modules
del os.environ["PYDANTIC_DISABLE_PLUGINS"]
found = list(loader.get_plugins())  # looked up now, with the real entry_points
import importlib.metadata
expected = [e.load() for e in importlib.metadata.entry_points(group="pydantic")]
assert [type(p) for p in found] == [type(p) for p in expected], (found, expected)
from zwgk_docs.model import Plan  # the models made with it
assert Plan.model_validate
print("OK")
"""

METADATA_FIRST = """
import sys, importlib.metadata
from zwgk_docs import pydantic_loader
pydantic_loader.install()
assert "pydantic.plugin._loader" not in sys.modules  # nothing to spare: left to pydantic
print("OK")
"""


def run(code: str) -> str:
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=60,
                          check=True).stdout


def test_the_loader_finds_plugins_only_when_asked():
    assert run(LOADER_ONLY).strip() == "OK"


def test_nothing_changes_when_importlib_metadata_is_loaded():
    assert run(METADATA_FIRST).strip() == "OK"
