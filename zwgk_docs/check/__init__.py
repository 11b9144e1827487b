"""`zwgk check`: a clause-by-clause GB/T 9704-2012 report for any .docx, ours or hand-made.

Only facts the spec marks [V]/[P] are checked as requirements (shared/spec/gbt9704.md);
conventions the standard does not state (bold headings, table fonts, 份号 in 黑体, the red
rule's thickness, 版记 on an even page) are never reported as violations.
"""

from __future__ import annotations

from pathlib import Path

from .body import body_line_twips, body_size, check_body
from .docxread import read
from .findings import Finding, Report
from .footer import check_page_numbers
from .head import check_head, check_pre_mark, check_title
from .page import check_grid, check_page
from .punctuation import check_punctuation
from .structure import find
from .tail import check_annex_pages, check_attachment_note, check_banji, check_signature

__all__ = ["check_docx", "Report", "Finding"]


def check_docx(path: Path | str) -> Report:
    doc = read(Path(path))
    lay = find(doc)
    report = Report(str(path))
    check_page(doc, report)
    check_grid(doc, body_line_twips(doc, lay), body_size(doc, lay), report)
    check_head(doc, lay, report)
    check_pre_mark(doc, lay, report)
    check_title(doc, lay, report)
    check_body(doc, lay, report)
    check_attachment_note(doc, lay, report)
    check_signature(doc, lay, report)
    check_annex_pages(doc, lay, report)
    check_banji(doc, lay, report)
    check_page_numbers(doc, report)
    check_punctuation(doc, report)
    return report


def self_check(paths: list[Path]) -> list[str]:
    """`zwgk build` checks its own notice.docx: one line per 不符合 (a build that fails its checker is a bug).

    The findings are a function of the file's bytes and this package's code: a rebuild with the
    same notice.docx takes them from the user cache (user_cache.py) instead of checking again."""
    lines = []
    for path in paths:
        if Path(path).name != "notice.docx":
            continue
        for clause, item, message, where in _failures(Path(path)):
            lines.append(f"自检 {path}：[不符合] {clause} {item}：{message}{'（' + where + '）' if where else ''}")
    return lines


def prepare_self_check(paths: list[Path]) -> None:
    """Check notice.docx among `paths` now, for a later self_check of the same bytes (a build
    does it while its PDFs are laid out); never fails."""
    for path in paths:
        if Path(path).name == "notice.docx":
            try:
                _failures(Path(path))
            except Exception:  # noqa: BLE001 — only a head start: self_check meets the error itself
                pass


def _failures(path: Path) -> list[list[str]]:
    import hashlib
    import json

    from .. import user_cache

    key = hashlib.sha256(path.read_bytes() + user_cache.code_digest().encode()).hexdigest()
    if key in _CHECKED:  # this process checked the same bytes (prepare_self_check), even without a cache folder
        return _CHECKED[key]
    known = user_cache.read_text("self-check", key)
    if known is not None:
        try:
            return [[str(v) for v in f] for f in json.loads(known)]
        except (ValueError, TypeError):
            pass
    failures = [[f.clause, f.item, f.message, f.where or ""] for f in check_docx(path).failures]
    user_cache.write_text(json.dumps(failures, ensure_ascii=False), "self-check", key)
    _CHECKED.clear()
    _CHECKED[key] = failures
    return failures


_CHECKED: dict[str, list[list[str]]] = {}  # the last notice.docx checked: sha256 → failures
