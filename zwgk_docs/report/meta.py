"""The report's own text (`report:` in a progress or stats file): organ, date, sections 一、五、六."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal, Optional

from pydantic import BeforeValidator, Field

from ..model.plan import Paragraphs, Strict

# Forms for the plan's levels nested under 六（二）: below the report's own 一、 and （一）.
LevelStyle = Literal["1.", "1．", "（1）", "①", "无"]
DEFAULT_LEVELS: tuple[LevelStyle, ...] = ("1.", "（1）", "①")


def _block(value: Any) -> Any:
    return {"text": value} if isinstance(value, str) else value


class Block(Strict):
    """A paragraph, or a titled sub-section （一）… of a report section."""

    title: Optional[str] = Field(None, title="小标题", description="不含编号，编号（一）（二）……自动生成")
    text: Paragraphs = Field(default_factory=list, title="段落")


Blocks = list[Annotated[Block, BeforeValidator(_block)]]


class ReportMeta(Strict):
    organ: Optional[str] = Field(None, title="报告机关", description="署名，如“沈阳市人民政府办公室”")
    title: Optional[str] = Field(None, title="报告标题", description="默认：报告机关+年度+政府信息公开工作年度报告")
    date: Optional[dt.date] = Field(None, title="报告日期", description="逾期统计以此为准；默认为年度最后一天")
    intro: Paragraphs = Field(default_factory=list, title="导语")
    overview: Blocks = Field(default_factory=list, title="一、总体情况",
                             description="五个方面：主动公开、依申请公开、政府信息管理、政府信息公开平台建设、监督保障")
    problems: Blocks = Field(default_factory=list, title="五、存在的主要问题及改进情况")
    other: Blocks = Field(default_factory=list, title="六、其他需要报告的事项（信息处理费、要点落实情况之后）")
    levels: list[LevelStyle] = Field(list(DEFAULT_LEVELS), title="要点层次编号",
                                     description="六（二）中工作要点各层次（部分、小节、任务、子任务）的编号形式，依次取用；“无”表示不编号",
                                     min_length=1, max_length=4)

    def merged(self, other: "ReportMeta") -> "ReportMeta":
        """Fields written here win; the rest come from `other` (progress file over stats file)."""
        values = {k: getattr(self, k) for k in self.model_fields_set}
        return other.model_copy(update=values)
