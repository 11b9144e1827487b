"""The API reference builds from the docstrings, offline, without warnings (docs/api/)."""

import subprocess
import sys

import pytest

from conftest import ROOT

pytestmark = pytest.mark.slow


def test_api_reference_builds_without_warnings(tmp_path):
    result = subprocess.run([sys.executable, "-m", "sphinx", "-W", "-q", "-b", "html", str(ROOT / "docs" / "api"), str(tmp_path)],
                            capture_output=True, text=True, timeout=600, cwd=ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    page = (tmp_path / "index.html").read_text(encoding="utf-8")
    for name in ("zwgk_docs.loads", "zwgk_docs.load_plan", "zwgk_docs.render", "zwgk_docs.build", "zwgk_docs.UserError"):
        assert f'id="{name}"' in page, name
    assert "Safe to call from several threads" in page
