"""The statistics file: the three tables of sections 二、三、四 as a typed model.

YAML shape (docs/report.md): `active` (表二) with rows keyed by their labels, `requests`
(表三) with rows keyed “一”“二”“（一）”…“（三）1”…“（七）”“四” and 7 numbers each, `appeals`
(表四) with 3 rows of 5 numbers. Every row of every table is written and every cell filled
(a blank is ambiguous: T3-H4 / T4-H4); cells are read by cells.py before the model sees them.
The same data also comes from the stats workbook (stats_xlsx.py), located as sheet!cell.
"""

from __future__ import annotations

import os
import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal
from typing import Annotated, Any, Callable, Mapping, Optional, Union

from pydantic import BeforeValidator, ConfigDict, Field, field_validator

from ..errors import Diagnostic, Location, UserError
from ..load import format_path
from ..model.plan import Paragraphs, Strict
from ..model.tree import Loc
from . import labels as L
from .cells import CellError, to_amount, to_count
from .inputs import Source, read_yaml_source, validate
from .meta import ReportMeta

NonNeg = Annotated[int, Field(ge=0)]


def _row(columns: tuple[str, ...]) -> Callable[[Any], Any]:
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

    return check


Row3 = Annotated[list[NonNeg], BeforeValidator(_row(L.ACTIVE_COUNT_HEADERS))]
Row7 = Annotated[list[NonNeg], BeforeValidator(_row(L.REQUEST_COLUMNS))]
Row5 = Annotated[list[NonNeg], BeforeValidator(_row(L.APPEAL_COLUMNS))]


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
    year: Optional[int] = Field(None, title="年度", ge=2000, le=2100)
    report: ReportMeta = Field(default_factory=ReportMeta, title="报告正文", description="与进度文件的 report 相同；没有工作要点的部门可只用统计文件")
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
ACTIVE_ROWS = {"规章": 3, "行政规范性文件": 3, "行政许可": 0, "行政处罚": 0, "行政强制": 0, "行政事业性收费": -1}  # cells (0: one count, -1: an amount)


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
    source: Optional[Source]
    keys: dict[str, Any]  # canonical 表三 key → the key as written

    @property
    def file(self) -> str:
        return self.source.file if self.source else ""

    def _written(self, path: Loc) -> Loc:
        if path[:1] == ("requests",) and len(path) > 1 and isinstance(path[1], str) and path[1] in self.keys:
            path = ("requests", self.keys[path[1]]) + tuple(path[2:])
        return tuple(path)

    def locate(self, path: Loc) -> Optional[Location]:
        return self.source.locate(self._written(path)) if self.source else None

    def yaml_path(self, path: Loc) -> str:
        return self.source.name(self._written(path)) if self.source else format_path(path)

    def diagnostic(self, message: str, path: Loc, severity: str = "error") -> Diagnostic:
        return Diagnostic(message, self.locate(path), self.yaml_path(path), severity)


def describe(loc: Loc) -> str:
    """Name the table, row and column a model loc points at."""
    loc = tuple(loc)
    if loc[:2] == ("requests", "rows") and len(loc) >= 3:
        row = f"{L.TABLE_NAMES['requests']}“{L.REQUEST_LABEL.get(str(loc[2]), str(loc[2]))}”行"
        return row + (f"“{L.REQUEST_COLUMNS[loc[3]]}”列" if len(loc) > 3 and isinstance(loc[3], int) else "")
    if loc[:1] == ("appeals",) and len(loc) >= 2 and loc[1] in L.APPEAL_ROWS:
        row = f"{L.TABLE_NAMES['appeals']}“{loc[1]}”"
        return row + (f"“{L.APPEAL_COLUMNS[loc[2]]}”列" if len(loc) > 2 and isinstance(loc[2], int) else "")
    if loc[:1] == ("active",) and len(loc) >= 2 and loc[1] != "text":
        row = f"{L.TABLE_NAMES['active']}“{loc[1]}”行"
        return row + (f"“{L.ACTIVE_COUNT_HEADERS[loc[2]]}”列" if len(loc) > 2 and isinstance(loc[2], int) else "")
    return ""


class _Cells:
    """Normalise every cell in place (cells.py), collecting located errors."""

    def __init__(self, source: Source) -> None:
        self.source = source
        self.errors: list[Diagnostic] = []

    def fail(self, message: str, path: Loc, prefer_key: bool = False) -> None:
        self.errors.append(self.source.diagnostic(message, path, prefer_key=prefer_key))

    def cell(self, holder: Any, key: Any, path: Loc, what: str, amount: bool = False) -> None:
        try:
            convert = to_amount if amount else to_count
            holder[key] = convert(holder[key], self.source.token(path))
        except CellError as exc:
            self.fail(f"{what}：{exc}。", path)

    def row(self, table: dict[str, Any], key: str, path: Loc, columns: tuple[str, ...], what: str) -> None:
        value = table[key]
        if isinstance(value, dict):  # {column label: number}
            unknown = [k for k in value if k not in columns]
            if unknown:
                self.fail(f"{what}：未知的列“{unknown[0]}”，应为：{'、'.join(columns)}。", path + (unknown[0],), prefer_key=True)
                return
            missing = [c for c in columns if c not in value]
            if missing:
                self.fail(f"{what}：缺少“{'”“'.join(missing)}”列。统计表不能留空，没有数据请填 0。", path)
                return
            for c in columns:
                self.cell(value, c, path + (c,), f"{what}“{c}”列")
            table[key] = [value[c] for c in columns]
            return
        if not isinstance(value, list):
            self.fail(f"{what}：应为 {len(columns)} 个数的列表 [{', '.join(columns)}]，实际是“{value}”。", path)
            return
        if len(value) != len(columns):
            self.fail(f"{what}：应有 {len(columns)} 个数（{'、'.join(columns)}），实际是 {len(value)} 个。", path)
            return
        for i, c in enumerate(columns):
            self.cell(value, i, path + (i,), f"{what}“{c}”列")

    def table(self, data: dict[str, Any], name: str, rows: Mapping[str, tuple[str, ...]], label: Callable[[str], str]) -> None:
        """Check one of 表二/三/四: every row written, every cell a number."""
        table = data.get(name)
        title = L.TABLE_NAMES[name]
        if table is None:
            self.fail(f"缺少{title}（{name}:）。每张表的每一行都要填写，没有数据填 0。", ())
            return
        if not isinstance(table, dict):
            self.fail(f"{title}应为“行名: 数字”的映射。", (name,))
            return
        missing = [label(k) for k in rows if k not in table]
        if missing:
            self.fail(f"{title}缺少 {len(missing)} 行：{'；'.join(missing)}。每一行都要填写，没有数据填 0。", (name,), prefer_key=True)
        for key, columns in rows.items():
            if key not in table:
                continue
            what = f"{title}“{label(key)}”行"
            if columns == ():
                self.cell(table, key, (name, key), what)
            elif columns == ("amount",):
                self.cell(table, key, (name, key), what, amount=True)
            else:
                self.row(table, key, (name, key), columns, what)


def load_stats(path: Union[str, os.PathLike[str]]) -> StatsFile:
    """A stats file: YAML (docs/report.md) or the workbook `zwgk report-template` writes."""
    if str(path).lower().endswith((".xlsx", ".xlsm")):
        from .stats_xlsx import read_stats_workbook

        data, source = read_stats_workbook(path)
    else:
        data, source = read_yaml_source(path, "统计文件")
    return stats_from_data(data, source)


def stats_from_data(data: dict[str, Any], source: Source) -> StatsFile:
    keys: dict[str, Any] = {}
    requests = data.get("requests")
    diags: list[Diagnostic] = []
    if isinstance(requests, dict):
        rows: dict[str, Any] = {}
        for raw, value in requests.items():
            if raw == "text":
                continue
            key = canonical_key(raw)
            if key is None:
                diags.append(source.diagnostic(f"表三没有“{raw}”这一行。行名写作：{'、'.join(L.REQUEST_KEYS)}（或完整行名）。",
                                               ("requests", raw), prefer_key=True))
            elif key in keys:
                diags.append(source.diagnostic(f"表三“{L.REQUEST_LABEL[key]}”行写了两次（另见“{keys[key]}”）。",
                                               ("requests", raw), prefer_key=True))
            else:
                keys[key], rows[key] = raw, value
        if diags:
            raise UserError(diags)
        data = {**data, "requests": {"text": requests.get("text", []), "rows": rows}}

    cells = _Cells(source)
    active = {k: (("amount",) if n < 0 else L.ACTIVE_COUNT_HEADERS if n else ()) for k, n in ACTIVE_ROWS.items()}
    cells.table(data, "active", active, lambda k: k)
    if isinstance(data.get("requests"), dict):
        req = data["requests"]
        shadow = {keys.get(k, k): v for k, v in req["rows"].items()}  # written keys, for positions
        cells.table({"requests": shadow}, "requests", {keys.get(k, k): L.REQUEST_COLUMNS for k in L.REQUEST_KEYS},
                    lambda k: L.REQUEST_LABEL.get(canonical_key(k) or k, k))
        req["rows"] = {k: shadow[keys.get(k, k)] for k in req["rows"]}
    else:
        cells.table(data, "requests", {}, str)
    cells.table(data, "appeals", {k: L.APPEAL_COLUMNS for k in L.APPEAL_ROWS}, lambda k: k)
    if "year" in data:
        cells.cell(data, "year", ("year",), "年度")
    if "fee" in data:
        cells.cell(data, "fee", ("fee",), "信息处理费（元）", amount=True)
    else:
        cells.fail("缺少信息处理费 fee（元）：未收取请写 fee: 0。", ())
    if cells.errors:
        raise UserError(cells.errors)

    def relocate(loc: Loc) -> Loc:
        if loc[:2] == ("requests", "rows") and len(loc) > 2 and isinstance(loc[2], str):
            return ("requests", keys.get(loc[2], loc[2])) + loc[3:]
        return loc

    stats = validate(Stats, data, source, describe, relocate)
    return StatsFile(stats, source, keys)


def empty_stats() -> StatsFile:
    return StatsFile(Stats(), None, {})
