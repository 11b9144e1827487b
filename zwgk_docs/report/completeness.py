"""What the 30号 format asks each section to say: 一's five aspects, 五's problems and measures, 六's fee.

The format says reports must neither omit nor pad (“不能遗漏，也不宜泛化”); an empty
heading or a one-line 一、总体情况 fails a review. These are warnings (`--strict`: exit 2).
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Callable, Optional

from ..model.tree import Loc

from ..errors import Diagnostic, Location
from .meta import Block, ReportMeta
from .stats import Stats

# 一、总体情况: the five aspects (spec §2) and the words that show a block is about one
TOPICS: list[tuple[str, str]] = [
    ("主动公开", r"主动公开"),
    ("依申请公开", r"依申请|申请"),
    ("政府信息管理", r"管理|公开属性|源头认定|清理|审查|动态调整"),
    ("政府信息公开平台建设", r"平台|网站|新媒体|公报|专栏|公开栏|政务服务"),
    ("监督保障", r"监督|保障|考核|培训|评议|责任|问责|督查|检查"),
]
MIN_CHARS = 20  # a topic block shorter than this says nothing


def _text(blocks: list[Block]) -> str:
    return "".join(p for b in blocks for p in b.text)


def check_sections(meta: ReportMeta, stats: Stats, locate: Callable[[Loc], tuple[Optional[Location], str]],
                   fallback: Location) -> list[Diagnostic]:
    out: list[Diagnostic] = []

    def warn(message: str, path: Loc) -> None:
        loc, name = locate(path) if path else (fallback, "")
        out.append(Diagnostic(message, loc or fallback, name, "warning"))

    if not meta.organ:
        warn("没有写报告机关（report.organ）：标题中没有机关名称，报告末尾没有署名。", ("report",))
    if not meta.date:
        warn("没有写报告日期（report.date）：报告末尾没有成文日期，逾期统计按年度最后一天计算。", ("report",))
    overview = meta.overview
    if not overview:
        warn("一、总体情况没有内容（report.overview）。30号格式要求写主动公开、依申请公开、政府信息管理、"
             "政府信息公开平台建设、监督保障五个方面。", ("report",))
    else:
        for topic, words in TOPICS:
            blocks = [i for i, b in enumerate(overview) if b.title and re.search(words, b.title)]
            if blocks:
                i = blocks[0]
                if len(_text([overview[i]])) < MIN_CHARS:
                    warn(f"一、总体情况“{overview[i].title}”只有寥寥数字，请写明本年度{topic}工作的具体情况。", ("report", "overview", i))
            elif not re.search(words, _text(overview)):
                warn(f"一、总体情况缺少“{topic}”方面的内容（30号格式要求写主动公开、依申请公开、政府信息管理、"
                     f"政府信息公开平台建设、监督保障五个方面）。", ("report", "overview"))
    problems = _text(meta.problems)
    if not problems:
        warn("五、存在的主要问题及改进情况没有内容（report.problems）。", ("report",))
    elif len(problems) < 2 * MIN_CHARS:
        warn("五、存在的主要问题及改进情况过于简单，请写明存在的问题和改进措施。", ("report", "problems"))
    elif not re.search(r"改进|整改|下一步|措施|将|加强|推动|持续|提升|完善", problems):
        warn("五、存在的主要问题及改进情况只写了问题，没有写改进措施。", ("report", "problems"))
    if stats.fee_text and Decimal(stats.fee) > 0 and "费" not in stats.fee_text:
        warn(f"统计文件 fee 为 {stats.fee} 元，但 fee_text 没有说明收取的信息处理费。", ("fee_text",))
    return out
