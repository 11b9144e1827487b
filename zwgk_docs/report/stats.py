"""The statistics file: the three tables of sections 二、三、四 as a typed model.

YAML shape (docs/report.md): `active` (表二) with rows keyed by their labels, `requests`
(表三) with rows keyed “一”“二”“（一）”…“（三）1”…“（七）”“四” and 7 numbers each, `appeals`
(表四) with 3 rows of 5 numbers. Omitted rows are all zero; a written row must be complete
(a blank cell is an error, T3-H4 / T4-H4).
"""

from __future__ import annotations

import os
import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal
from typing import Annotated, Any, Optional, Union

from pydantic import BeforeValidator, ConfigDict, Field, field_validator

from ..errors import Diagnostic, Location, UserError
from ..load import SourceMap, format_path
from ..model.plan import Paragraphs, Strict
from . import labels as L
from .inputs import read_mapping, validate

NonNeg = Annotated[int, Field(ge=0)]


def _row(columns: tuple[str, ...]):
    """A row is a list in column order, or a mapping {column label: number}."""

    def check(value: Any) -> Any:
        if isinstance(value, dict):
            unknown = [k for k in value if k not in columns]
            if unknown:
                raise ValueError(f"未知的列“{unknown[0]}”，应为：{'、'.join(columns)}。")
            value = [value.get(c) for c in columns]
        if isinstance(value, list) and len(value) != len(columns):
            raise ValueError(f"应有 {len(columns)} 个数（{'、'.join(columns)}），实际是 {len(value)} 个。")
        return value

    return Annotated[list[NonNeg], BeforeValidator(check)]


Row3 = _row(L.ACTIVE_COUNT_HEADERS)
Row7 = _row(L.REQUEST_COLUMNS)
Row5 = _row(L.APPEAL_COLUMNS)


class Aliased(Strict):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, populate_by_name=True)


class ActiveStats(Aliased):
    """表二 主动公开政府信息情况."""

    text: Paragraphs = Field(default_factory=list, title="正文段落")
    regulations: Row3 = Field([0, 0, 0], alias="规章")
    normative: Row3 = Field([0, 0, 0], alias="行政规范性文件")
    licensing: NonNeg = Field(0, alias="行政许可")
    punishment: NonNeg = Field(0, alias="行政处罚")
    enforcement: NonNeg = Field(0, alias="行政强制")
    fees: Decimal = Field(Decimal(0), alias="行政事业性收费", ge=0, description="万元，可有小数")


class RequestStats(Aliased):
    """表三 收到和处理政府信息公开申请情况: 25 rows × 7 columns."""

    text: Paragraphs = Field(default_factory=list)
    rows: dict[str, Row7] = Field(default_factory=dict)

    def row(self, key: str) -> list[int]:
        return self.rows.get(key) or [0] * 7


class AppealStats(Aliased):
    """表四 行政复议、行政诉讼情况."""

    text: Paragraphs = Field(default_factory=list)
    review: Row5 = Field([0] * 5, alias="行政复议")
    direct: Row5 = Field([0] * 5, alias="未经复议直接起诉")
    after_review: Row5 = Field([0] * 5, alias="复议后起诉")

    def rows(self) -> list[list[int]]:
        return [self.review, self.direct, self.after_review]


class Stats(Aliased):
    year: Optional[int] = Field(None, title="年度")
    fee: Decimal = Field(Decimal(0), ge=0, title="信息处理费（元）")
    fee_text: Optional[str] = Field(None, title="信息处理费表述", description="覆盖默认句子")
    active: ActiveStats = Field(default_factory=ActiveStats)
    requests: RequestStats = Field(default_factory=RequestStats)
    appeals: AppealStats = Field(default_factory=AppealStats)

    @field_validator("fee", mode="before")
    @classmethod
    def _no_blank_fee(cls, v: Any) -> Any:
        if v is None:
            raise ValueError("信息处理费不能留空，未收取请填 0。")
        return v


# ------------------------------------------------------------------ loading

_KEY = re.compile(r"^\(([一二三四五六七])\)(\d*)")


def canonical_key(raw: Any) -> Optional[str]:
    """'（三）1.属于国家秘密', '(三)1', '一、本年新收…' → the REQUEST_KEYS spelling."""
    s = re.sub(r"\s+", "", unicodedata.normalize("NFKC", str(raw)))
    if s[:1] in ("一", "二", "四") and (len(s) == 1 or s[1] in "、,."):
        return s[0]
    m = _KEY.match(s)
    if m:
        key = f"（{m[1]}）{m[2]}"
        return key if key in L.REQUEST_KEYS else None
    return None


@dataclass
class StatsFile:
    stats: Stats
    smap: Optional[SourceMap]
    keys: dict[str, Any]  # canonical 表三 key → the key as written

    def locate(self, path: tuple) -> Optional[Location]:
        if self.smap is None:
            return None
        if path[:1] == ("requests",) and len(path) > 1 and path[1] in self.keys:
            path = ("requests", self.keys[path[1]]) + tuple(path[2:])
        return self.smap.locate(path)

    def yaml_path(self, path: tuple) -> str:
        if path[:1] == ("requests",) and len(path) > 1 and path[1] in self.keys:
            path = ("requests", self.keys[path[1]]) + tuple(path[2:])
        return format_path(path)


def describe(loc: tuple) -> str:
    """Name the table, row and column a model loc points at."""
    loc = tuple(loc)
    if loc[:2] == ("requests", "rows") and len(loc) >= 3:
        row = f"{L.TABLE_NAMES['requests']}“{L.REQUEST_LABEL.get(loc[2], loc[2])}”行"
        return row + (f"“{L.REQUEST_COLUMNS[loc[3]]}”列" if len(loc) > 3 and isinstance(loc[3], int) else "")
    if loc[:1] == ("appeals",) and len(loc) >= 2 and loc[1] in L.APPEAL_ROWS:
        row = f"{L.TABLE_NAMES['appeals']}“{loc[1]}”"
        return row + (f"“{L.APPEAL_COLUMNS[loc[2]]}”列" if len(loc) > 2 and isinstance(loc[2], int) else "")
    if loc[:1] == ("active",) and len(loc) >= 2 and loc[1] != "text":
        row = f"{L.TABLE_NAMES['active']}“{loc[1]}”行"
        return row + (f"“{L.ACTIVE_COUNT_HEADERS[loc[2]]}”列" if len(loc) > 2 and isinstance(loc[2], int) else "")
    return ""


def load_stats(path: Union[str, os.PathLike]) -> StatsFile:
    data, smap = read_mapping(path, "统计文件")
    keys: dict[str, Any] = {}
    requests = data.get("requests")
    if isinstance(requests, dict):
        rows, diags = {}, []
        for raw, value in requests.items():
            if raw == "text":
                continue
            key = canonical_key(raw)
            if key is None:
                diags.append(Diagnostic(
                    f"表三没有“{raw}”这一行。行名写作：{'、'.join(L.REQUEST_KEYS)}（或完整行名）。",
                    smap.locate(("requests", raw), prefer_key=True), format_path(("requests", raw))))
            elif key in keys:
                diags.append(Diagnostic(f"表三“{L.REQUEST_LABEL[key]}”行写了两次（另见“{keys[key]}”）。",
                                        smap.locate(("requests", raw), prefer_key=True), format_path(("requests", raw))))
            else:
                keys[key], rows[key] = raw, value
        if diags:
            raise UserError(diags)
        data = {**data, "requests": {"text": requests.get("text", []), "rows": rows}}

    def relocate(loc: tuple) -> tuple:
        if loc[:2] == ("requests", "rows") and len(loc) > 2:
            return ("requests", keys.get(loc[2], loc[2])) + loc[3:]
        return loc

    stats = validate(Stats, data, smap, describe, relocate)
    return StatsFile(stats, smap, keys)


def empty_stats() -> StatsFile:
    return StatsFile(Stats(), None, {})
