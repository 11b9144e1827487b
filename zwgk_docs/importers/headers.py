"""Header words offices use for the task table's columns, and what each column holds."""

from __future__ import annotations

import re
import unicodedata

# field → header words seen in real tables (exact matches win over keywords below).
SYNONYMS: dict[str, tuple[str, ...]] = {
    "part": ("一级", "一级指标", "一级任务", "目标要求", "类别", "工作类别", "任务类别", "领域", "重点领域", "板块", "工作板块", "部分", "大项"),
    "section": ("二级", "二级指标", "二级任务", "工作要点", "子项", "小项"),
    "number": ("序号", "编号", "序", "项次", "任务序号"),
    "task": ("工作任务", "重点任务", "事项名称", "工作项目", "任务名称", "工作事项", "任务", "事项", "项目", "主要工作", "重点工作",
             "工作重点", "目标任务", "主要工作任务"),
    "content": ("工作内容", "主要任务", "具体内容", "具体工作内容", "任务内容", "具体任务", "工作措施", "具体措施",
                "主要内容", "具体工作内容及目标", "工作目标", "主要措施", "任务分解", "具体工作",
                "工作举措", "具体举措", "主要举措", "推进措施", "具体目标", "任务描述", "主要内容及目标"),
    "lead": ("牵头单位", "牵头部门", "牵头处室", "主办单位", "牵头责任单位"),
    "responsible": ("责任单位", "责任部门", "责任主体", "承办单位", "落实单位", "实施单位", "责任处室", "主体责任单位", "责任科室",
                    "主责单位", "主责部门"),
    "cooperate": ("配合单位", "配合部门", "协办单位", "协助单位", "参与单位", "配合处室", "协同单位", "协同部门"),
    "deadline": ("时限", "完成时限", "完成时间", "时间节点", "办结时限", "完成期限", "时间安排", "进度安排", "时间要求", "进度要求"),
    "disclosure_time": ("公开时限", "公开时间"),
    "disclosure_method": ("公开方式", "公开渠道", "公开途径", "公开载体"),
}
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
