"""`zwgk init`: a blank plan whose comments explain each field (it validates as it is).

The values are placeholders; the comments are the model's field descriptions (writer.plan_yaml),
the same words as the JSON Schema's editor tooltips and the tables in docs/plan-format.md.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from ..model.plan import Plan
from .writer import plan_yaml

HEAD = """政务公开工作要点计划文件（zwgk init 生成）。把“（请填写）”换成实际内容，不用的可选项可以删除。
检查：zwgk validate 本文件；查看编号：zwgk outline 本文件；生成文件：zwgk build 本文件 -o 输出文件夹
字段说明见 docs/plan-format.md；也可从去年的文件导入：zwgk import 去年的分解表.xlsx -o 本文件"""


def _sample(y: int) -> dict[str, Any]:
    issuer = "（请填写发文机关）"
    return {
        "version": 1,
        "notice": {
            "issuer": issuer,
            "issuer_mark": f"{issuer}文件",
            "doc_number": f"（请填写）〔{y}〕1号",
            "title": f"{issuer}关于印发{y}年政务公开工作要点的通知",
            "recipients": "各区、县（市）人民政府，市政府各部门：",
            "body": [f"现将《{y}年政务公开工作要点》印发给你们，请结合实际认真贯彻执行。"],
            "attachments": [{"title": f"{y}年政务公开工作要点任务分解表", "content": "table"}],
            "date": dt.date(y, 1, 1),
            "note": "此件公开发布",
        },
        "plan": {
            "title": f"{y}年政务公开工作要点",
            "year": y,
            "preamble": ["（请填写导语）"],
            "numbering": {"part": {"style": "一、"}, "section": {"style": "（一）", "restart": True},
                          "task": {"style": "1.", "restart": False}, "subtask": {"style": "none"}},
            "parts": [{
                "title": "（请填写第一部分标题）",
                "tasks": [{
                    "id": "task-01",
                    "title": "（请填写任务标题）",
                    "text": "（请填写任务正文）",
                    "lead": "（请填写牵头单位）",
                    "responsible": [],
                    "cooperate": [],
                    "deadline": "12月底前",
                }],
            }],
            "closing": ["各地区、各部门要将本要点落实情况纳入政府信息公开工作年度报告予以公开，接受社会监督。"],
        },
        "table": {
            "title": f"{y}年政务公开工作要点任务分解表",
            "part_rows": True,
            "unit_separator": "、",
            "columns": [
                {"header": "序号", "field": "number", "width": 6},
                {"header": "工作任务", "field": "task_title", "width": 24},
                {"header": "工作内容", "field": "content", "width": 60},
                {"header": "牵头单位", "field": "lead", "width": 16},
                {"header": "责任单位", "field": "responsible", "width": 20},
                {"header": "完成时限", "field": "deadline", "width": 10},
            ],
        },
    }


def blank_plan(year: int | None = None) -> str:
    plan = Plan.model_validate(_sample(year or dt.date.today().year))
    return plan_yaml(plan, HEAD)
