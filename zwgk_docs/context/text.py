"""Text joins shared by the prose and the table: one place decides spacing and punctuation."""

from __future__ import annotations

import datetime as dt
import re
from typing import Optional

_CLOSERS = "。！？；：…”"


def cn_date(value: Optional[dt.date]) -> str:
    """2021年6月22日 — GB/T 9704 wants Arabic digits without zero padding (what babel's
    "y年M月d日" in zh_CN gives, without importing babel and its locale data: ~0.04 CPU s a build)."""
    return f"{value.year}年{value.month}月{value.day}日" if value else ""


def heading_text(label: str, title: Optional[str]) -> str:
    """'7. 完成…' — a space follows a half-width full stop, as in the seeds; none after 、 or ）."""
    title = title or ""
    if not label:
        return title
    sep = " " if label.endswith(".") and title else ""
    return f"{label}{sep}{title}"


def sentence(title: str) -> str:
    return title if title.endswith(tuple(_CLOSERS)) else title + "。"


def join_units(units: list[str], separator: str) -> str:
    return separator.join(u for u in units if u)


def issue_sentence(document_title: str) -> str:
    """The customary 正文 of a 印发通知 that has none of its own."""
    return f"现将《{document_title}》印发给你们，请结合实际认真贯彻执行。"


_CN_NUM = "一二三四五六七八九十百零"
_HEADS = ((1, re.compile(rf"^[{_CN_NUM}]+、")), (2, re.compile(rf"^（[{_CN_NUM}]+）")))


def split_heading(text: str) -> tuple[int, str, str]:
    """(level, heading, rest) of a 正文 paragraph that opens with "一、" or "（一）" (§7.3.3 黑体/楷体);
    the heading runs to the first 。 (or is the whole paragraph); (0, "", text) otherwise."""
    for level, pattern in _HEADS:
        if pattern.match(text):
            end = text.find("。")
            if end < 0 or end == len(text) - 1:
                return level, text, ""
            return level, text[:end + 1], text[end + 1:]
    return 0, "", text
