"""N-S1: numbers quoted in the report's paragraphs against the table cells (warnings only).

Offices write “全年共收到政府信息公开申请30件” in 一 or 三 and a different number in the
table; third-party evaluations look for exactly this. The phrases below are the common ones.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Callable, Optional

from ..errors import Diagnostic, Location
from . import labels as L
from .stats import Stats

_GAP = r"[^，。；、,;\d]{0,12}?"


@dataclass(frozen=True)
class Paragraph:
    text: str
    location: Optional[Location]
    path: str


def _requests(key: str) -> Callable[[Stats], int]:
    return lambda s: s.requests.row(key)[-1]


# (pattern, what the number is, table value); the first matching pattern wins per phrase.
CHECKS: list[tuple[re.Pattern, str, Callable[[Stats], Decimal | int]]] = [
    (re.compile(r"上一?年(?:度)?结转" + _GAP + r"(\d+)\s*件"), f"表三“{L.REQUEST_LABEL['二']}”总计", _requests("二")),
    (re.compile(r"结转(?:至|到)?下一?年(?:度)?" + _GAP + r"(\d+)\s*件"), f"表三“{L.REQUEST_LABEL['四']}”总计", _requests("四")),
    (re.compile(r"(?:新收|收到|受理|共收)" + r"[^，。；、,;\d复诉]{0,12}?申请" + _GAP + r"(\d+)\s*件"), f"表三“{L.REQUEST_LABEL['一']}”总计", _requests("一")),
    (re.compile(r"(?<!部分)予以公开" + _GAP + r"(\d+)\s*件"), "表三“（一）予以公开”总计", _requests("（一）")),
    (re.compile(r"部分公开" + _GAP + r"(\d+)\s*件"), "表三“（二）部分公开”总计", _requests("（二）")),
    (re.compile(r"行政复议" + _GAP + r"(\d+)\s*(?:件|起)"), "表四“行政复议”总计", lambda s: s.appeals.review[4]),
    (re.compile(r"行政诉讼" + _GAP + r"(\d+)\s*(?:件|起)"), "表四“行政诉讼”总计（两项之和）",
     lambda s: s.appeals.direct[4] + s.appeals.after_review[4]),
    (re.compile(r"信息处理费" + _GAP + r"(\d+(?:\.\d+)?)\s*元"), "信息处理费（元）", lambda s: s.fee),
]


def check_narrative(paragraphs: list[Paragraph], stats: Stats) -> list[Diagnostic]:
    out: list[Diagnostic] = []
    for p in paragraphs:
        taken: list[tuple[int, int]] = []
        for pattern, what, value in CHECKS:
            for m in pattern.finditer(p.text):
                if any(a < m.end() and m.start() < b for a, b in taken):
                    continue
                taken.append(m.span())
                said, table = Decimal(m[1]), Decimal(value(stats))
                if said != table:
                    quote = m[0] if len(m[0]) <= 40 else m[0][-40:]
                    out.append(Diagnostic(f"正文“{quote}”中的 {m[1]} 与{what} {table} 不一致（N-S1）。",
                                          p.location, p.path, "warning"))
    return out
