"""Deadlines as offices write them: a date, a month-end, or a label.

The text is always kept verbatim for display; the due date is derived only
when the text pins one down, so overdue checks never guess.
"""

from __future__ import annotations

import calendar
import copy
import datetime as dt
import re
from dataclasses import dataclass
from typing import Any, Optional

from pydantic import GetCoreSchemaHandler, GetJsonSchemaHandler
from pydantic_core import core_schema

_CN_DIGITS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}

# "2018年7月底前完成", "9月底前", "12月底", "11月30日前", "2021年底前"
_YMD = re.compile(r"(?:(?P<y>\d{4})\s*年\s*)?(?P<m>\d{1,2}|十[一二]?|[一二三四五六七八九])\s*月\s*(?:(?P<d>\d{1,2})\s*日|(?P<end>底|末))")
_YEAR_END = re.compile(r"(?:(?P<y>\d{4})\s*年)?\s*(?:年底|年末|全年)")


# Any month / day a text names, to refuse the impossible ones ("2022年13月", "2022年2月30日").
_ANY_MONTH = re.compile(r"(?:(?P<y>\d{4})\s*年\s*)?(?P<m>\d{1,2}|十[一二]?|[一二三四五六七八九])\s*月(?:\s*(?P<d>\d{1,2})\s*日)?")
_ISO = re.compile(r"^(?P<y>\d{4})\s*[-/.]\s*(?P<m>\d{1,2})\s*[-/.]\s*(?P<d>\d{1,2})$")


def date_problem(year: Optional[int], month: int, day: Optional[int] = None) -> Optional[str]:
    """Why year-month-day cannot exist, in Chinese; None when it can (no year: 2月29日 is allowed)."""
    if not 1 <= month <= 12:
        return f"月份应为 1—12，这里是 {month}"
    if day is None:
        return None
    last = calendar.monthrange(year or 2000, month)[1]
    if not 1 <= day <= last:
        return f"{year}年{month}月只有 {last} 天" if year else f"{month}月最多 {last} 天"
    return None


def impossible_date(text: str) -> Optional[tuple[str, str]]:
    """The first date in text that cannot exist ("2022年2月30日") and why, in Chinese; else None."""
    if "月" not in text:  # every date _ANY_MONTH reads has one; most texts have none
        return None
    for m in _ANY_MONTH.finditer(text):
        problem = date_problem(int(m["y"]) if m["y"] else None, _month(m["m"]), int(m["d"]) if m["d"] else None)
        if problem:
            return m[0], problem
    return None


def impossible_date_in(text: str) -> Optional[str]:
    """A Chinese message for the first date in text that cannot exist ("2022年2月30日"), else None."""
    found = impossible_date(text)
    return f"日期“{found[0]}”不存在：{found[1]}。" if found else None


def _month(token: str) -> int:
    if token.isdigit():
        return int(token)
    if token.startswith("十"):
        return 10 + (_CN_DIGITS[token[1]] if len(token) > 1 else 0)
    return _CN_DIGITS[token]


@dataclass(frozen=True)
class Deadline:
    """`text` is what is printed; `year`/`month`/`day` what could be read from it."""

    text: str
    year: Optional[int] = None
    month: Optional[int] = None
    day: Optional[int] = None

    @classmethod
    def parse(cls, value: Any) -> "Deadline":
        if isinstance(value, Deadline):
            return value
        if isinstance(value, dt.datetime):
            value = value.date()
        if isinstance(value, dt.date):
            return cls(text=f"{value.year}年{value.month}月{value.day}日", year=value.year, month=value.month, day=value.day)
        if not isinstance(value, str):
            raise ValueError("完成时限应为日期或文字")
        text = value.strip()
        if not text:
            raise ValueError("完成时限不能为空字符串")
        iso = _ISO.match(text)
        if iso:  # a quoted "2021-09-30" or 2021/9/30 means the same as the date
            y, mo, d = int(iso["y"]), int(iso["m"]), int(iso["d"])
            problem = date_problem(y, mo, d)
            if problem:
                raise ValueError(f"完成时限“{text}”不存在：{problem}。")
            return cls.parse(dt.date(y, mo, d))
        problem = impossible_date_in(text)
        if problem:
            raise ValueError(problem)
        m = _YMD.search(text)
        if m:
            month = _month(m["m"])
            day = int(m["d"]) if m["d"] else None
            return cls(text=text, year=int(m["y"]) if m["y"] else None, month=month, day=day)
        m = _YEAR_END.search(text)
        if m:
            return cls(text=text, year=int(m["y"]) if m["y"] else None, month=12, day=31)
        return cls(text=text)

    def due(self, plan_year: int) -> Optional[dt.date]:
        """The last day the task may be finished, or None for 持续推进 and the like."""
        if self.month is None:
            return None
        year = self.year or plan_year
        day = self.day or calendar.monthrange(year, self.month)[1]
        try:
            return dt.date(year, self.month, day)
        except ValueError:
            return None

    def __str__(self) -> str:
        return self.text

    # ---- pydantic integration: YAML gives a str or a date; JSON gives the text back
    @classmethod
    def __get_pydantic_core_schema__(cls, source: Any, handler: GetCoreSchemaHandler) -> core_schema.CoreSchema:
        return core_schema.no_info_plain_validator_function(
            cls.parse, serialization=core_schema.plain_serializer_function_ser_schema(str)
        )

    @classmethod
    def __get_pydantic_json_schema__(cls, schema: core_schema.CoreSchema, handler: GetJsonSchemaHandler) -> dict[str, Any]:
        return copy.deepcopy(DEADLINE_SCHEMA)  # pydantic may add to it


# Every form Deadline.parse accepts (impossible dates are refused by the loader and, via format, by validators).
DEADLINE_SCHEMA: dict[str, Any] = {
    "anyOf": [
        {"type": "string", "format": "date", "title": "日期", "description": "年-月-日，如 2021-09-30"},
        {
            "type": "string",
            "not": {"pattern": r"^\d{4}\s*[-/.]\s*\d{1,2}\s*[-/.]\s*\d{1,2}$"},
            "pattern": r"\S",
            "title": "文字",
            "description": "月底（“9月底前”“12月底”“2018年7月底前完成”“11月30日前”）、年底（“年底前”“全年”）"
                           "或说明（持续推进、长期坚持、及时公开、每年一次……）",
        },
    ],
    "examples": ["2021-09-30", "9月底前", "12月底", "11月30日前", "年底前", "全年", "持续推进", "2018年7月底前完成"],
}
