"""Regenerate the field tables of docs/plan-format.md from the model's field descriptions.

    python scripts/gen_plan_format_docs.py      (tests/test_describe.py fails when the docs are out of date)

Each table sits between `<!-- fields: ClassName -->` and `<!-- /fields -->`; the prose around it is hand-written.
"""

from pathlib import Path

from zwgk_docs.model.describe import render_docs

DOC = Path(__file__).resolve().parent.parent / "docs" / "plan-format.md"
text = DOC.read_text(encoding="utf-8")
new = render_docs(text)
if new != text:
    DOC.write_text(new, encoding="utf-8")
    print(f"已更新 {DOC.name} 的字段表")
else:
    print(f"{DOC.name} 的字段表已是最新")
