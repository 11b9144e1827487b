"""Regenerate the JSON Schema copies: the one shipped in the package and those beside the examples and the tutorial's plan.

    python scripts/make_schema.py          (tests/test_schema.py fails when they are out of date)
"""

from pathlib import Path

from zwgk_docs.schema import SCHEMA_FILENAME, schema_text

ROOT = Path(__file__).resolve().parent.parent
COPIES = (ROOT / "zwgk_docs" / "schema", ROOT / "examples", ROOT / "docs" / "tutorial")
for target in (folder / SCHEMA_FILENAME for folder in COPIES):
    target.write_text(schema_text(), encoding="utf-8")
    print(f"已写出 {target.relative_to(ROOT)}")
