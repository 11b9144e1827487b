#!/usr/bin/env bash
# Install the *lowest* versions pyproject.toml allows into a throwaway venv and run a few tests:
# proves the declared lower bounds really give a working set. Not part of every CI run (it installs
# from the package index); run before a release or after changing a bound:
#   bash scripts/check_min_versions.sh            # uses python3, venv in a temp folder
#   KEEP=1 bash scripts/check_min_versions.sh     # keep the venv (path printed) for a closer look
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3}
VENV=$(mktemp -d "${TMPDIR:-/tmp}/zwgk-minver.XXXXXX")
trap '[ -n "${KEEP:-}" ] && echo "venv: $VENV" || rm -rf "$VENV"' EXIT
"$PY" -m venv "$VENV"
"$VENV/bin/python" -m pip install -q --upgrade pip
# "name>=x" → "name==x" for every runtime dependency (test tools stay at their newest).
PINS=$("$VENV/bin/python" - <<'PYEOF'
import re, tomllib
deps = tomllib.load(open("pyproject.toml", "rb"))["project"]["dependencies"]
print(" ".join(re.sub(r"\s*>=\s*", "==", re.split(r"[;,]", d)[0].strip()) for d in deps))
PYEOF
)
echo "最低版本：$PINS"
# (check-jsonschema pins its own ruamel.yaml, so the test that runs it is left out here.)
"$VENV/bin/python" -m pip install -q $PINS pytest pytest-xdist pdfplumber jsonschema hypothesis
"$VENV/bin/python" -m pip install -q --no-deps -e .
"$VENV/bin/python" -m pip check
"$VENV/bin/python" -m pip list --format=freeze | grep -iE "^($(echo "$PINS" | sed 's/==[^ ]*//g; s/ /|/g'))==" || true
# Every writer once (docx, xlsx, pdf, html, per-unit), loading and numbering, the schema, the CLI.
"$VENV/bin/python" -m pytest -q -p no:cacheprovider -m "not libreoffice and not browser and not slow" \
  tests/test_load_errors.py tests/test_numbering.py tests/test_schema.py tests/test_api.py tests/test_cli_flags.py \
  tests/test_pdf.py tests/test_pdf_split.py tests/test_xlsx.py tests/test_docx.py tests/test_yaml_fast.py tests/test_preview.py -k "not check_jsonschema" -x
echo "最低版本可用。"
