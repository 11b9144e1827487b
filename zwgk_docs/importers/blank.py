"""`zwgk init`: a blank plan whose comments explain each field (it validates as it is)."""

from __future__ import annotations

import datetime as dt


def blank_plan(year: int | None = None) -> str:
    y = year or dt.date.today().year
    return f'''# 政务公开工作要点计划文件（zwgk init 生成）。把“（请填写）”换成实际内容，不用的可选项可以删除。
# 检查：zwgk validate 本文件；查看编号：zwgk outline 本文件；生成文件：zwgk build 本文件 -o 输出文件夹
# 字段说明见 docs/plan-format.md；也可从去年的文件导入：zwgk import 去年的分解表.xlsx -o 本文件
version: 1

# 印发通知（可选；只有任务分解表时可删除整个 notice 部分）
notice:
  issuer: （请填写发文机关）              # 发文机关，如“沈阳市政务公开领导小组”
  issuer_mark: （请填写发文机关）文件     # 版头红字（发文机关标志）
  doc_number: （请填写）〔{y}〕1号        # 发文字号：六角括号〔〕，序号不加“第”
  title: （请填写发文机关）关于印发{y}年政务公开工作要点的通知
  recipients: 各区、县（市）人民政府，市政府各部门：   # 主送机关，以冒号结尾
  body:                                    # 正文段落，每项一段
    - 现将《{y}年政务公开工作要点》印发给你们，请结合实际认真贯彻执行。
  attachments:                             # 附件；content: table 任务分解表 / plan 工作要点 / none 另行提供
    - title: {y}年政务公开工作要点任务分解表
      content: table
  date: {y}-01-01                          # 成文日期，写作 年-月-日
  note: 此件公开发布                        # 附注，输出时自动加括号

plan:
  title: {y}年政务公开工作要点              # 要点标题
  year: {y}                                 # 年度：完成时限按此年度计算逾期
  preamble:                                 # 导语（标题下、第一部分之前的段落）
    - （请填写导语）
  numbering:                                # 编号规则；restart: true 每个上级内重新编号，false 全文连续
    part: {{style: 一、}}
    section: {{style: （一）, restart: true}}
    task: {{style: "1.", restart: false}}
    subtask: {{style: none}}
  parts:                                    # 各部分：一、二、……
    - title: （请填写第一部分标题）          # 不含“一、”
      tasks:                                # 不分小节时直接列任务；分小节时改用 sections:，每个小节下再写 tasks:
        - id: task-01                       # 稳定标识：进度台账按它对应任务，写好后不要再改
          title: （请填写任务标题）          # 不含编号和句号
          text: （请填写任务正文）
          lead: （请填写牵头单位）           # 牵头单位；多个单位写成列表：[市财政局, 市审计局]
          responsible: []                   # 责任单位
          cooperate: []                     # 配合单位
          deadline: 12月底前                 # 完成时限：2021-09-30、9月底前、全年、持续推进……
  closing:                                  # 结束语段落
    - 各地区、各部门要将本要点落实情况纳入政府信息公开工作年度报告予以公开，接受社会监督。

table:                                      # 任务分解表
  title: {y}年政务公开工作要点任务分解表
  part_rows: true                           # true：部分标题作通栏行；false：部分作为一列（field: part）
  unit_separator: 、                        # 一格多个单位的分隔符；每个单位一行时写 "\\n"
  columns:                                  # 列：表头、内容（field）、列宽（字符数）
    - {{header: 序号, field: number, width: 6}}
    - {{header: 工作任务, field: task_title, width: 24}}
    - {{header: 工作内容, field: content, width: 60}}
    - {{header: 牵头单位, field: lead, width: 16}}
    - {{header: 责任单位, field: responsible, width: 20}}
    - {{header: 完成时限, field: deadline, width: 10}}
'''
