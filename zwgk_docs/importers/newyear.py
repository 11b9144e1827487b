"""`zwgk new --from PLAN --year Y`: next year's draft from this year's plan.

The file is edited in place as ruamel.yaml round-trip data, so ids, order and the
user's comments survive; everything that was moved gets a "# 请核对" comment.
"""

from __future__ import annotations

from typing import Any, Iterator

import datetime as dt
import re

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from ..errors import Location, UserError
from ..load import load_plan, loads, read_source
from ..load.yaml_reader import read_yaml
from .writer import dump

REVIEW = "请核对"
# Columns that hold last year's progress, emptied for the new year.
PROGRESS_WORDS = ("完成情况", "进展情况", "落实情况", "工作进展", "进度")


def _shift_date(value: dt.date, years: int) -> dt.date:
    try:
        return value.replace(year=value.year + years)
    except ValueError:  # 29 February
        return value.replace(year=value.year + years, day=28)


def _shift_years(text: str, old: int, new: int) -> str:
    """'2021年' → '2022年', '〔2021〕' → '〔2022〕'; other years (历年、2008年以来) stay."""
    return re.sub(rf"(?<!\d){old}(?=\s*[年〕\])）\-/])", str(new), text)


def _flag(node: CommentedMap, key: str, note: str = REVIEW) -> None:
    node.yaml_add_eol_comment(note, key)


def _edit_text(node: CommentedMap, key: str, old: int, new: int) -> bool:
    """Move the plan year in a text or list of texts, keeping ruamel's scalar style. True if changed."""
    value = node.get(key)
    if isinstance(value, str):
        moved = _shift_years(value, old, new)
        node[key] = type(value)(moved)
        return moved != value
    changed = False
    if isinstance(value, CommentedSeq):
        for i, item in enumerate(value):
            if isinstance(item, str):
                value[i] = type(item)(_shift_years(item, old, new))
                changed |= value[i] != item
    return changed


def _tasks(plan: CommentedMap) -> Iterator[Any]:
    for part in plan.get("parts") or []:
        for task in list(part.get("tasks") or []) + [t for s in part.get("sections") or [] for t in s.get("tasks") or []]:
            yield task
            yield from task.get("subtasks") or []


def _assignment(node: CommentedMap, old: int, new: int, delta: int) -> int:
    changed = 0
    deadline = node.get("deadline")
    if isinstance(deadline, dt.date):
        node["deadline"] = _shift_date(deadline, delta)
        _flag(node, "deadline", f"{REVIEW}：原为 {deadline.isoformat()}")
        changed += 1
    elif isinstance(deadline, str):
        moved = _shift_years(deadline, old, new)
        if moved != deadline:
            node["deadline"] = moved
            _flag(node, "deadline", f"{REVIEW}：原为 {deadline}")
            changed += 1
    extra = node.get("extra")
    if isinstance(extra, CommentedMap):
        for key in [k for k in extra if any(w in str(k) for w in PROGRESS_WORDS)]:
            del extra[key]
        if not extra:
            del node["extra"]
    if _edit_text(node, "responsibility", old, new):
        _flag(node, "responsibility", f"{REVIEW}：责任句中的年份已改为 {new}")
    value = node.get("text")
    texts = value if isinstance(value, list) else [value]
    if any(isinstance(t, str) and re.search(rf"(?<!\d){old}\s*年", t) for t in texts):
        _flag(node, "text", f"{REVIEW}：正文提到 {old} 年")
    return changed


def new_year(source: str, year: int) -> tuple[str, int]:
    """(YAML text of the draft for `year`, number of deadlines moved)."""
    plan = load_plan(source)  # refuse to start from a plan that does not validate
    old = plan.plan.year
    if year == old:
        raise UserError.single(f"计划已经是 {year} 年度的，请用 --year 指定新的年度。", Location(source))
    text, name = read_source(source)
    from ruamel.yaml import YAML

    data = YAML(typ="rt").load(text)
    delta = year - old
    body = data["plan"]
    body["year"] = year
    _flag(body, "year", f"由 {old} 年度的计划生成")
    for key in ("title",):
        _edit_text(body, key, old, year)
    for key in ("preamble", "closing"):
        _edit_text(body, key, old, year)
    if data.get("table") is not None:
        _edit_text(data["table"], "title", old, year)
    notice = data.get("notice")
    if notice is not None:
        _edit_text(notice, "title", old, year)
        if _edit_text(notice, "body", old, year):
            _flag(notice, "body", f"{REVIEW}：正文中的 {old} 年（含引用的文件）已改为 {year} 年")
        if "doc_number" in notice:
            _edit_text(notice, "doc_number", old, year)
            _flag(notice, "doc_number", f"{REVIEW}：文号的年份已改为 {year}，序号请按今年的发文填写")
        for key in ("date", "print_date"):
            if isinstance(notice.get(key), dt.date):
                notice[key] = _shift_date(notice[key], delta)
                _flag(notice, key, f"{REVIEW}：成文日期按去年顺延一年" if key == "date" else REVIEW)
        for att in notice.get("attachments") or []:
            _edit_text(att, "title", old, year)
    web = data.get("web")
    if web is not None:
        if isinstance(web.get("publish_date"), dt.date):
            web["publish_date"] = _shift_date(web["publish_date"], delta)
            _flag(web, "publish_date")
        if web.get("index_number"):
            _flag(web, "index_number", f"{REVIEW}：索引号是去年的")
    moved = sum(_assignment(node, old, year, delta) for node in _tasks(body))
    data.yaml_set_start_comment(
        f"由 zwgk new 从 {name}（{old} 年度）生成的 {year} 年度草稿：年份、文号、日期已顺延，进度已清空，\n"
        f"有日期的完成时限已顺延一年并标注“{REVIEW}”；任务 id 保持不变，进度台账可以继续对应。"
    )
    out = dump(data)
    read_yaml(out, "<new>")
    loads(out, "<new>")
    return out, moved
