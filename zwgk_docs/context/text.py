"""Text joins shared by the prose and the table: one place decides spacing and punctuation."""

from __future__ import annotations

import datetime as dt
from typing import Optional

from babel.dates import format_date

_CLOSERS = "。！？；：…”"


def cn_date(value: Optional[dt.date]) -> str:
    """2021年6月22日 — GB/T 9704 wants Arabic digits without zero padding."""
    return format_date(value, "y年M月d日", locale="zh_CN") if value else ""


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
