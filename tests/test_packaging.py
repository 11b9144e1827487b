"""`pip install .` (non-editable) gives a working zwgk with the templates inside the wheel."""

import json
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from conftest import EXAMPLES, ROOT

pytestmark = pytest.mark.slow  # builds a wheel and installs it (pip)


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(out), str(ROOT)], check=True, timeout=600)
    [whl] = out.glob("zwgk_docs-*.whl")
    return whl


def test_wheel_carries_templates_and_types(wheel):
    names = zipfile.ZipFile(wheel).namelist()
    assert "zwgk_docs/py.typed" in names
    for folder in ("docx", "xlsx", "html"):
        assert any(n.startswith(f"zwgk_docs/templates/{folder}/") for n in names), folder
    committed = {p.relative_to(ROOT / "templates").as_posix() for p in (ROOT / "templates").rglob("*") if p.is_file()}
    assert {f"zwgk_docs/templates/{c}" for c in committed} <= set(names)
    entry = next(n for n in names if n.endswith("entry_points.txt"))
    assert "zwgk = zwgk_docs.entry:run" in zipfile.ZipFile(wheel).read(entry).decode()


def test_installed_package_runs_outside_the_checkout(wheel, tmp_path):
    target = tmp_path / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", str(target), str(wheel)], check=True, timeout=600)
    env = {"PYTHONPATH": str(target), "PATH": "/usr/bin:/bin"}
    code = "import zwgk_docs.resources as r, sys; print(r.template_dir())"
    where = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=tmp_path, env=env, check=True)
    assert where.stdout.strip().startswith(str(target))
    for args in (["-m", "zwgk_docs", "outline", "--json", str(EXAMPLES / "shenyang-2021.yaml")],
                 [str(target / "bin" / "zwgk"), "outline", "--json", str(EXAMPLES / "shenyang-2021.yaml")]):
        cmd = [sys.executable, *args] if args[0] == "-m" else [sys.executable, *args]
        result = subprocess.run(cmd, capture_output=True, text=True, cwd=tmp_path, env=env)
        assert result.returncode == 0, result.stderr
        assert len([i for i in json.loads(result.stdout)["items"] if i["kind"] == "task"]) == 28


def test_wheel_metadata_license_urls_classifiers_and_a_readme_that_reads_alone(wheel):
    import re

    archive = zipfile.ZipFile(wheel)
    names = archive.namelist()
    assert "zwgk_docs/schema/zwgk-plan.schema.json" in names
    assert any(n.endswith("licenses/LICENSE") for n in names)
    meta = archive.read(next(n for n in names if n.endswith(".dist-info/METADATA"))).decode()
    assert "License-Expression: MIT" in meta
    assert "Project-URL: Issues, https://" in meta and "Project-URL: Documentation, https://" in meta
    assert "Classifier: Natural Language :: Chinese (Simplified)" in meta and "Classifier: Typing :: Typed" in meta
    readme = meta.split("\n\n", 1)[1]
    assert "pipx install zwgk_docs" in readme and "zwgk init" in readme and "退出码" in readme
    links = re.findall(r"\]\(([^)]+)\)|<(https?://[^>]+)>", readme)
    assert links and all(any(x.startswith("https://") for x in link if x) for link in links)
    assert "scripts/setup.sh" not in readme and "examples/" not in readme  # nothing from a checkout
