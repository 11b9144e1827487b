"""Header words offices use for the task table's columns, and what each column holds."""

from __future__ import annotations

import re
import unicodedata

from ..model.vocab import COLUMN_KINDS

# field → header words seen in real tables (exact matches win over keywords below).
SYNONYMS: dict[str, tuple[str, ...]] = {k.field: k.synonyms for k in COLUMN_KINDS if k.synonyms}
_KEYWORDS: list[tuple[str, str]] = [
    ("公开时", "disclosure_time"), ("公开方式", "disclosure_method"), ("公开渠道", "disclosure_method"),
    ("牵头", "lead"), ("配合", "cooperate"), ("协办", "cooperate"), ("协同", "cooperate"), ("责任", "responsible"), ("承办", "responsible"),
    ("时限", "deadline"), ("时间", "deadline"), ("期限", "deadline"), ("序号", "number"),
    ("内容", "content"), ("措施", "content"), ("任务", "task"), ("事项", "task"), ("项目", "task"),
    ("类别", "part"), ("一级", "part"), ("二级", "section"),
]
# Columns kept as extra:列名 without a warning: they are known, just not part of the model.
EXTRA_WORDS = ("备注", "说明", "完成情况", "进展情况", "落实情况", "工作进展", "附注", "责任人", "联系人", "领导",
               "来源", "依据", "完成标准", "成果形式", "评估指标")


def norm(header: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", header or ""))


def header_field(header: str) -> str | None:
    """The plan field a header names, or None. Extra columns return "extra"."""
    h = norm(header)
    if not h or len(h) > 14:
        return None
    for field, words in SYNONYMS.items():
        if h in words:
            return field
    if any(w in h for w in EXTRA_WORDS):
        return "extra"
    for word, field in _KEYWORDS:
        if word in h:
            return field
    return None


def header_score(cells: list[str]) -> int:
    """How many cells read like column names (a row scoring 2+ is a header row)."""
    return sum(1 for c in cells if header_field(c) is not None)
