"""Sphinx configuration of the API reference (offline: no intersphinx, no remote themes).

    python -m sphinx -W -b html docs/api build/api      (tests/test_api_docs.py builds it too)
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

project = "zwgk_docs"
author = "zwgk_docs contributors"
language = "zh_CN"
extensions = ["sphinx.ext.autodoc"]
autodoc_typehints = "signature"
autodoc_member_order = "bysource"
autodoc_default_options = {"show-inheritance": False}
html_theme = "alabaster"
html_title = "zwgk_docs API"
exclude_patterns = ["_build"]
nitpicky = False
