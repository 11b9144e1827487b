"""Warm start for batch workers: imported by the forkserver before it forks them (batch.py).

Building a two-task plan here once loads what every plan's build needs and keeps it:
WeasyPrint and its libraries, the templates (compiled), the installed fonts (fontconfig's
list, Pango's font map, the font files WeasyPrint embeds, see writers/pdf/font_files.py).
The workers are forked from this process, so they start with all of it instead of each
paying ~1.5 s on its first plan, and the font files' memory is shared.
"""

from __future__ import annotations

from .build import render
from .load import loads

WARM_PLAN = """\
version: 1
notice:
  issuer: 示例市政务公开领导小组
  issuer_mark: 示例市政务公开领导小组文件
  doc_number: 示政公领发〔2021〕1号
  title: 示例市政务公开领导小组关于印发示例市2021年政务公开工作要点的通知
  recipients: 各区、县（市）人民政府，市政府各部门：
  body:
    - 现将《示例市2021年政务公开工作要点》印发给你们，请结合实际认真贯彻执行。
  attachments:
    - title: 示例市2021年政务公开工作要点任务分解表
  date: 2021-06-22
  note: 此件公开发布
plan:
  title: 示例市2021年政务公开工作要点
  year: 2021
  parts:
    - title: 深化重点领域信息公开
      tasks:
        - id: t1
          title: 全面公开财政预决算信息
          text: 及时公开财政预决算信息，做好政策解读和回应关切工作。
          lead: 市财政局
          deadline: 6月底前
        - id: t2
          title: 规范政府信息公开工作
          text: 完善政府信息公开制度，按时发布政府信息公开工作年度报告。
          lead: 市政府办公室
          responsible: [市发展改革委, 市教育局]
          deadline: 全年
table:
  columns:
    - {header: 序号, field: number, width: 6}
    - {header: 工作任务, field: task_full, width: 60}
    - {header: 牵头单位, field: lead, width: 16}
    - {header: 责任单位, field: responsible, width: 16}
    - {header: 完成时限, field: deadline, width: 10}
"""


def warm_up() -> None:
    """Build WARM_PLAN in every format, in memory; nothing is written, nothing reported."""
    try:
        render(loads(WARM_PLAN, "<warm-up>"))
    except Exception:  # noqa: BLE001 — a missing font or library is reported by the first real build
        pass


warm_up()
