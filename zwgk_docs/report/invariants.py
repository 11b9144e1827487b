"""The checker invariants of spec §6: hard ones are errors, soft ones warnings.

Cell-level rules (integers ≥ 0, no blanks: T2-H1, T3-H4, T4-H4) are enforced while the
stats file is read (stats.py); here are the sums across cells.
"""

from __future__ import annotations

from typing import Any, Iterator, Optional

from ..model.tree import Loc

from ..errors import Diagnostic
from . import labels as L
from .stats import StatsFile

COLS = L.REQUEST_COLUMNS
T = len(COLS) - 1  # index of 总计


def _cell(f: StatsFile, key: str, col: int, message: str, severity: str = "error") -> Diagnostic:
    row = L.REQUEST_LABEL[key]
    text = f"{L.TABLE_NAMES['requests']}“{row}”行“{COLS[col]}”列：{message}"
    return Diagnostic(text, f.locate(("requests", key, col)), f.yaml_path(("requests", key, col)), severity)


def hard_errors(f: StatsFile) -> list[Diagnostic]:
    r = f.stats.requests
    out: list[Diagnostic] = []
    # T3-H1: 总计 = the six applicant columns, on every row
    for key in L.REQUEST_KEYS:
        row = r.row(key)
        parts = sum(row[:T])
        if row[T] != parts:
            out.append(_cell(f, key, T, f"总计为 {row[T]}，但自然人至其他六列之和为 {parts}（T3-H1）。"))
    for c in range(len(COLS)):
        results = sum(r.row(k)[c] for k in L.RESULT_KEYS)
        total = r.row("（七）")[c]
        # T3-H2: （七）总计 = the sum of the 20 result rows
        if total != results:
            out.append(_cell(f, "（七）", c, f"（七）总计为 {total}，但（一）至（六）各项之和为 {results}（T3-H2）。"))
        # T3-H3: 一 + 二 = （七） + 四, the table's own 勾稽关系
        left, right = r.row("一")[c] + r.row("二")[c], total + r.row("四")[c]
        if left != right:
            out.append(_cell(f, "四", c, f"勾稽关系不成立：第一项加第二项 = {left}，第三项（七）总计加第四项 = {right}（T3-H3）。"))
    # T4-H1…H3: 总计 = 维持 + 纠正 + 其他 + 尚未审结
    a = f.stats.appeals
    for name, row, rule in zip(L.APPEAL_ROWS, a.rows(), ("T4-H1", "T4-H2", "T4-H3")):
        parts = sum(row[:4])
        if row[4] != parts:
            where = L.REVIEW if name == L.REVIEW else f"{L.LITIGATION}·{name}"
            out.append(Diagnostic(
                f"{L.TABLE_NAMES['appeals']}“{where}”“总计”列为 {row[4]}，但结果维持、结果纠正、其他结果、尚未审结之和为 {parts}（{rule}）。",
                f.locate(("appeals", name, 4)), f.yaml_path(("appeals", name, 4))))
    return out


def soft_warnings(f: StatsFile, previous: Optional[StatsFile]) -> list[Diagnostic]:
    out: list[Diagnostic] = []
    r = f.stats.requests
    if previous is not None:
        last = previous.stats.requests.row("四")
        now = r.row("二")
        for c in range(len(COLS)):  # X-S1: carried in = carried out last year
            if now[c] != last[c]:
                out.append(_cell(f, "二", c, f"上年结转 {now[c]} 与上年报告“四、结转下年度继续办理”的 {last[c]} 不一致（X-S1）。", "warning"))
        for name, attr in zip(L.ACTIVE_DOC_ROWS, ("regulations", "normative")):
            made, repealed, valid = getattr(f.stats.active, attr)
            before = getattr(previous.stats.active, attr)[2]
            path = ("active", name)
            if repealed > before + made:  # T2-S2
                out.append(Diagnostic(f"{L.TABLE_NAMES['active']}“{name}”行：本年废止 {repealed} 件，多于上年现行有效 {before} 件加本年制发 {made} 件（T2-S2）。",
                                      f.locate(path + (1,)), f.yaml_path(path + (1,)), "warning"))
            elif valid != before + made - repealed:  # T2-S1 (修改、重新印发 make it inexact)
                out.append(Diagnostic(f"{L.TABLE_NAMES['active']}“{name}”行：现行有效 {valid} 件，不等于上年现行有效 {before} + 本年制发 {made} − 本年废止 {repealed}（T2-S1，如有修改或重新印发可忽略）。",
                                      f.locate(path + (2,)), f.yaml_path(path + (2,)), "warning"))
    new, carried = r.row("一")[T], r.row("四")[T]
    if new >= 20 and carried * 2 > new:  # T3-S1: a heuristic only (a small office's 2 of 3 is no sign of trouble)
        out.append(_cell(f, "四", T, f"结转下年度 {carried} 件，超过本年新收 {new} 件的一半，请核实（T3-S1）。", "warning"))
    return out


def _cells(f: StatsFile) -> Iterator[tuple[Loc, str, Any]]:
    """(path, where it is printed, value) of every number in the three tables and the fee."""
    s = f.stats
    a = s.active
    for name, attr in zip(L.ACTIVE_DOC_ROWS, ("regulations", "normative")):
        for i, col in enumerate(L.ACTIVE_COUNT_HEADERS):
            yield ("active", name, i), f"{L.TABLE_NAMES['active']}“{name}”行“{col}”列", getattr(a, attr)[i]
    for name, attr in (("行政许可", "licensing"), ("行政处罚", "punishment"), ("行政强制", "enforcement"), ("行政事业性收费", "fees")):
        yield ("active", name), f"{L.TABLE_NAMES['active']}“{name}”行", getattr(a, attr)
    for key in L.REQUEST_KEYS:
        for c, col in enumerate(COLS):
            yield ("requests", key, c), f"{L.TABLE_NAMES['requests']}“{L.REQUEST_LABEL[key]}”行“{col}”列", s.requests.row(key)[c]
    for name, row in zip(L.APPEAL_ROWS, s.appeals.rows()):
        for c, col in enumerate(L.APPEAL_COLUMNS):
            yield ("appeals", name, c), f"{L.TABLE_NAMES['appeals']}“{name}”“{col}”列", row[c]
    yield ("fee",), "信息处理费（元）", s.fee


def rollup_errors(parent: StatsFile, children: list[StatsFile], year: int) -> list[Diagnostic]:
    """A county's tables = the sum of its townships' and departments' (every cell, listed)."""
    out: list[Diagnostic] = []
    for child in children:
        if child.stats.year is not None and child.stats.year != year:
            out.append(child.diagnostic(f"下级统计文件是 {child.stats.year} 年的，汇总的是 {year} 年。", ("year",)))
    if out:
        return out
    sums = [list(_cells(c)) for c in children]
    for i, (path, where, value) in enumerate(_cells(parent)):
        parts = [cells[i][2] for cells in sums]
        total = sum(parts)
        if total != value:
            shown = " + ".join(f"{x}（{c.file}）" for x, c in zip(parts, children) if x) or "0"
            out.append(parent.diagnostic(f"{where}为 {value}，下级之和为 {total} = {shown}，相差 {value - total}。", path))
    return out
