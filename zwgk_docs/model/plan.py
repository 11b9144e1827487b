"""The typed plan model: the single source of truth every writer reads.

Field names are English (they are the YAML keys); titles and descriptions are
Chinese because they surface in `zwgk schema` and editor tooltips.
"""

from __future__ import annotations

import datetime as dt
import typing
from typing import Annotated, ClassVar, Literal, Optional, Union

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, PrivateAttr, StringConstraints, ValidationInfo, field_validator
from pydantic.json_schema import SkipJsonSchema, WithJsonSchema
from pydantic_core import PydanticCustomError

from .. import model_builds
from ..standard import forms
from .deadline import Deadline, impossible_date
from .punctuation import EXEMPT_FIELDS, normalise
from .text import clean_text
from .vocab import FONT_PROFILE_HELP, FontProfileName, NumberStyleName, column_field_help


def _as_list(value: object) -> object:
    """Accept a single string where a list of strings is expected."""
    if value is None:
        return []
    if isinstance(value, str):
        return [value] if value.strip() else []
    return value


def _as_paragraphs(value: object) -> object:
    """A text is one string or a list of paragraphs; store it as paragraphs."""
    if value is None:
        return []
    if isinstance(value, str):
        return [p.strip() for p in value.split("\n\n") if p.strip()]
    return value


_STRING_OR_LIST = {"anyOf": [{"type": "string"}, {"type": "array", "items": {"type": "string"}}, {"type": "null"}]}
StrList = Annotated[list[str], BeforeValidator(_as_list), WithJsonSchema(_STRING_OR_LIST)]
Paragraphs = Annotated[list[str], BeforeValidator(_as_paragraphs), WithJsonSchema(_STRING_OR_LIST)]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, defer_build=model_builds.ON_FIRST_USE)

    @field_validator("*", mode="before")
    @classmethod
    def _clean(cls, value: object, info: ValidationInfo) -> object:
        """Every string of a plan, from YAML or built in Python, loses pasted control characters
        and, unless it is a code or a file name, gets GB/T 15834 full-width punctuation;
        a date that cannot exist (2022年2月30日) in any text is refused."""
        tidy = clean_text if info.field_name in EXEMPT_FIELDS else _prose
        if isinstance(value, str):
            return _checked(tidy(value))
        if isinstance(value, list):
            return [_checked(tidy(v)) if isinstance(v, str) else v for v in value]
        if isinstance(value, dict) and _is_mapping(cls, info.field_name):
            return {k: _checked(tidy(v), str(k)) if isinstance(v, str) else v for k, v in value.items()}
        return value  # a nested model (notice, table …) cleans its own strings: its exempt fields, its locations


def _is_mapping(model: type[BaseModel], name: Optional[str]) -> bool:
    """A field typed dict[…] (extra: {列名: 内容}); a dict given for any other field is a nested model."""
    field = model.model_fields.get(name or "")
    return field is not None and typing.get_origin(field.annotation) is dict


def _prose(text: str) -> str:
    return normalise(clean_text(text))


def _checked(text: str, key: str = "") -> str:
    found = impossible_date(text)
    if found:  # its own error type: load/errors.py names the field (and the key of extra:) it is in
        raise PydanticCustomError("impossible_date", "日期“{date}”不存在：{reason}。",
                                  {"date": found[0], "reason": found[1], "text": text, "key": key})
    return text


# ---------------------------------------------------------------- numbering

NumberStyle = NumberStyleName


class LevelNumbering(Strict):
    model_config = ConfigDict(title="这一级的编号规则")

    style: NumberStyle = Field(title="编号样式", description="“一、”“（一）”“1.”“1．”“1、”“（1）”“1”，或 none（不编号）")
    restart: bool = Field(
        True,
        title="是否在上级内重新编号",
        description="true：每个上级重新从一开始编号；false：全文连续编号（如沈阳 1—28 贯穿四个部分）",
    )


class Numbering(Strict):
    model_config = ConfigDict(title="编号规则")

    part: LevelNumbering = Field(LevelNumbering(style="一、"), title="一级（部分）编号", description="各部分的编号，如“一、”")
    section: LevelNumbering = Field(LevelNumbering(style="（一）"), title="二级（小节）编号", description="部分下各小节的编号，如“（一）”，通常每部分重新编号")
    task: LevelNumbering = Field(LevelNumbering(style="1.", restart=False), title="任务编号", description="任务的编号，如“1.”，通常全文连续")
    subtask: LevelNumbering = Field(LevelNumbering(style="none"), title="子任务（主要任务）编号", description="子任务的编号，通常不编号（none）")


# ---------------------------------------------------------------- tasks


class Numbered(BaseModel):
    """Label and ordinal, set once by zwgk_docs.numbering; never read from YAML."""

    model_config = ConfigDict(defer_build=model_builds.ON_FIRST_USE)
    _label: str = PrivateAttr("")
    _ordinal: int = PrivateAttr(0)

    @property
    def label(self) -> str:
        return self._label

    @label.setter
    def label(self, value: str) -> None:
        self._label = value

    @property
    def ordinal(self) -> int:
        return self._ordinal

    @ordinal.setter
    def ordinal(self, value: int) -> None:
        self._ordinal = value



class Assignment(Strict):
    """Who does it, by when, how it is published: shared by tasks and sub-tasks."""

    lead: StrList = Field(default_factory=list, title="牵头单位", description="一个单位，或多个单位的列表，如 [市财政局, 市审计局]")
    responsible: StrList = Field(default_factory=list, title="责任单位", description="一个单位，或多个单位的列表")
    cooperate: StrList = Field(default_factory=list, title="配合单位", description="一个单位，或多个单位的列表")
    deadline: Optional[Deadline] = Field(
        None,
        title="完成时限",
        description="日期（2021-09-30）、月底（“9月底前”“12月底”）或说明（全年、年底前、持续推进、长期坚持、及时公开、每年一次、2018年7月底前完成……）；原样印出，能读出日期的用于逾期统计",
    )
    disclosure_time: Optional[str] = Field(None, title="公开时限", description="如“及时公开”“每年一次”")
    disclosure_method: Optional[str] = Field(None, title="公开方式", description="如“政府网站、新闻发布会”")
    extra: dict[str, str] = Field(default_factory=dict, title="其他列", description="表格中的其他列，写作 {列名: 内容}，配合 table.columns 中的 extra:列名")


class SubTask(Numbered, Assignment):
    model_config = ConfigDict(title="子任务")

    id: Optional[str] = Field(None, title="编号标识", description="稳定标识，可省略（省略时自动生成）")
    title: Optional[str] = Field(None, title="标题", description="子任务标题（可省略）")
    text: Paragraphs = Field(default_factory=list, title="内容", description="子任务内容（主要任务、工作内容）")
    responsibility: Optional[str] = Field(
        None, title="责任表述", description="原文中子任务的责任句，如“由市政务公开办牵头，……2018年7月底前完成。”，在正文中原样另起一段"
    )

    kind: ClassVar[str] = "subtask"


class Task(Numbered, Assignment):
    model_config = ConfigDict(title="任务")

    id: Optional[str] = Field(
        None, title="编号标识",
        description="稳定标识，进度台账按它对应任务，任务重新编号后仍然有效；可省略（省略时由标题生成，修改标题会改变它），写好后不要再改"
    )
    title: Optional[str] = Field(None, title="标题", description="任务标题，如“全面公开各类规划信息”（不含编号和句号）")
    text: Paragraphs = Field(default_factory=list, title="内容", description="任务正文，一段文字或多段的列表")
    responsibility: Optional[str] = Field(
        None,
        title="责任表述",
        description="原文中的责任句，如“由市政府各部门按工作职能分别负责落实。”，在正文中原样另起一段",
    )
    subtasks: list[SubTask] = Field(default_factory=list, title="子任务", description="主要任务 / 工作内容，各有责任单位和时限")
    answers: StrList = Field(
        default_factory=list, title="对应上级要点",
        description="本任务落实的上级要点项，写上级计划中的 id 或编号，如“省要点 7”“（三）”；zwgk trace 据此生成对照表",
    )

    kind: ClassVar[str] = "task"


class Section(Numbered, Strict):
    model_config = ConfigDict(title="小节")

    id: Optional[str] = Field(None, title="编号标识", description="稳定标识，可省略（省略时由标题生成）")
    title: str = Field(title="标题", description="如“围绕重点领域加大主动公开力度”（不含“（一）”）")
    text: Paragraphs = Field(default_factory=list, title="导语", description="小节标题下、任务之前的段落（可省略）")
    tasks: list[Task] = Field(default_factory=list, title="任务", description="本小节的任务")

    kind: ClassVar[str] = "section"


class Part(Numbered, Strict):
    model_config = ConfigDict(title="部分")

    id: Optional[str] = Field(None, title="编号标识", description="稳定标识，可省略（省略时由标题生成）")
    title: str = Field(title="标题", description="如“加强政务公开标准化规范化建设，夯实一流基础”（不含“一、”）")
    text: Paragraphs = Field(default_factory=list, title="导语", description="部分标题下、第一项之前的段落（可省略）")
    sections: list[Section] = Field(default_factory=list, title="小节", description="（一）（二）……一级下的小节，可省略")
    tasks: list[Task] = Field(default_factory=list, title="任务", description="不分小节时直接列出任务；分小节时改用 sections，每个小节下再写 tasks")

    kind: ClassVar[str] = "part"


class PlanBody(Strict):
    model_config = ConfigDict(title="工作要点")

    title: str = Field(title="要点标题", description="如“沈阳市2021年政务公开工作要点”")
    year: int = Field(title="年度", description="整数，如 2021；完成时限按此年度计算是否逾期", ge=2000, le=2100)
    preamble: Paragraphs = Field(default_factory=list, title="导语", description="标题下、第一部分前的段落")
    numbering: Numbering = Field(default_factory=Numbering, title="编号规则", description="各级编号样式（style）和是否在上级内重新编号（restart）")
    parts: list[Part] = Field(title="部分", description="一、二、三……各部分", min_length=1)
    closing: Paragraphs = Field(default_factory=list, title="结束语", description="最后一部分之后的段落")


# ---------------------------------------------------------------- task table

ColumnField = str  # validated in validate.py so errors can suggest the right name


class Column(Strict):
    model_config = ConfigDict(title="表格列")

    header: str = Field(title="表头", description="列名，如“牵头部门”")
    field: ColumnField = Field(
        title="内容",
        description=column_field_help(),
    )
    width: float = Field(20, title="列宽", description="以字符计的列宽（Excel 列宽单位，最大 255），Word/PDF 按比例换算",
                         gt=0, le=255, allow_inf_nan=False)


class TaskTable(Strict):
    model_config = ConfigDict(title="任务分解表")

    title: Optional[str] = Field(None, title="表格标题", description="默认为要点标题加“任务分解表”")
    part_rows: bool = Field(
        False, title="部分标题通栏", description="true：一、二、……作为跨全表的通栏行（沈阳）；false：作为一列"
    )
    unit_names: Literal["as_written", "canonical"] = Field(
        "as_written", title="表中单位写法",
        description="as_written：单位列照计划原文印出（含“牵头”“按职责分工负责”等责任表述）；canonical：只印规范单位名（units 中的 name）",
    )
    # Not stripped: "\n" (one unit per line, 沈阳) is a whitespace separator.
    unit_separator: Annotated[str, StringConstraints(strip_whitespace=False)] = Field("、", title="单位分隔符", description="同一单元格多个单位之间的分隔，如“、”；每个单位一行时写 \"\\n\"（沈阳）")
    # Last: a plan file lists the settings above before the long list of columns.
    columns: list[Column] = Field(title="列", description="表格的列，从左到右，各有表头（header）、内容（field）、列宽（width，字符数）", min_length=1)


# ---------------------------------------------------------------- notice


class Attachment(Strict):
    model_config = ConfigDict(title="附件")

    title: str = Field(title="附件名称", description="如“沈阳市2021年政务公开工作要点任务分解表”，不加书名号")
    content: Literal["table", "plan", "none"] = Field(
        "table", title="附件内容", description="table：任务分解表；plan：工作要点；none：只列名称（另行提供）"
    )


class Notice(Strict):
    model_config = ConfigDict(title="通知")

    issuer: str = Field(title="发文机关", description="如“沈阳市政务公开领导小组”")
    issuer_mark: Optional[str] = Field(None, title="发文机关标志", description="版头红字，如“沈阳市政务公开领导小组文件”")
    doc_number: Optional[str] = Field(None, title="发文字号", description="如“沈政公领发〔2021〕1号”；用六角括号〔〕，序号不加“第”、不编虚位")
    copy_number: Optional[str] = Field(None, title="份号", description="6位阿拉伯数字，如“000001”")
    secrecy: Optional[str] = Field(None, title="密级和保密期限", description="如“机密★1年”")
    urgency: Optional[str] = Field(None, title="紧急程度", description="特急或加急")
    signer: Optional[str] = Field(None, title="签发人", description="上行文填写签发人姓名")
    title: str = Field(title="标题", description="公文标题")
    recipients: Optional[str] = Field(None, title="主送机关", description="以冒号结尾，如“各区、县（市）人民政府，市政府各部门：”")
    body: Paragraphs = Field(default_factory=list, title="正文", description="通知正文的段落，每项一段")
    plan_follows: bool = Field(
        True, title="印发要点", description="true：工作要点全文紧接通知之后印发（沈阳、吉林市）；false：不附要点正文"
    )
    attachments: list[Attachment] = Field(default_factory=list, title="附件", description="附件说明由此生成")
    signature: Optional[str] = Field(None, title="发文机关署名", description="默认同发文机关")
    date: dt.date = Field(title="成文日期", description="如 2021-06-22，输出为“2021年6月22日”")
    seal_image: Optional[str] = Field(None, title="印章图片", description="印章图片文件的路径（可选，相对于计划文件所在的文件夹）；缺省为不加盖印章的版式")
    note: Optional[str] = Field(None, title="附注", description="如“此件公开发布”，输出时加括号")
    cc: StrList = Field(default_factory=list, title="抄送机关", description="一个或多个机关，印在版记中")
    printer: Optional[str] = Field(None, title="印发机关", description="如“沈阳市人民政府办公室”")
    print_date: Optional[dt.date] = Field(None, title="印发日期", description="如 2021-06-23，印在版记中")
    banji_even_page: bool = Field(
        False, title="版记置于偶数页",
        description="双面印刷的习惯做法（GB/T 9704 未明文规定）：版记另起一个偶数页，排在该页最下端，"
                    "需要时前面留一个空白页；这两页不编页码",
    )

    @field_validator("doc_number")
    @classmethod
    def _doc_number_form(cls, value: Optional[str]) -> Optional[str]:
        if value and "请填写" not in value and not forms.DOC_NUMBER.match(value):
            fixed = forms.doc_number_fixed(value)
            hint = f"应写作“{fixed}”" if fixed else "应写作“机关代字〔年份〕序号号”，如“沈政公领发〔2021〕1号”"
            raise ValueError(f"发文字号“{value}”不符合 GB/T 9704 §7.2.5（{'；'.join(forms.doc_number_problems(value))}），{hint}。")
        return value

    @field_validator("copy_number", mode="before")
    @classmethod
    def _copy_number_form(cls, value: object) -> object:
        text = str(value).strip() if isinstance(value, (str, int)) and not isinstance(value, bool) else value
        if isinstance(text, str) and text and not forms.COPY_NUMBER.match(text):
            fixed = forms.copy_number_fixed(text)
            hint = f"应写作“{fixed}”（加引号，以免 0 被去掉）" if fixed else "如“000001”"
            raise ValueError(f"份号“{text}”应为 6 位阿拉伯数字（GB/T 9704 §7.2.2），{hint}。")
        return text

    @field_validator("secrecy")
    @classmethod
    def _secrecy_form(cls, value: Optional[str]) -> Optional[str]:
        if value and not forms.SECRECY.match(value):
            fixed = forms.secrecy_fixed(value)
            hint = f"应写作“{fixed}”" if fixed else "密级为绝密、机密或秘密，保密期限用“★”连接，如“机密★1年”"
            raise ValueError(f"密级和保密期限“{value}”不符合 GB/T 9704 §7.2.3，{hint}。")
        return value


class WebArticle(Strict):
    """One page on the 政府网站: its 信息公开 block and the page-level 政府网站发展指引 metadata."""

    model_config = ConfigDict(title="年度报告网页")

    index_number: Optional[str] = Field(None, title="索引号", description="信息栏“索引号”，如“11210100MB0000000X/2021-00001”")
    category: Optional[str] = Field(None, title="分类", description="主题分类，如“综合政务\\政务公开”")
    publish_date: Optional[dt.date] = Field(None, title="发布日期", description="信息栏“发布日期”和元数据 PubDate，如 2021-06-23")
    publish_time: Optional[Annotated[str, StringConstraints(pattern=r"^([01]\d|2[0-3]):[0-5]\d$")]] = Field(
        None, title="发布时刻", description="如“09:30”；与发布日期合成元数据 PubDate（“2021-06-22 09:30”）"
    )
    column: Optional[str] = Field(None, title="栏目名称", description="ColumnName，如“政府信息公开”“通知公告”")
    column_type: Optional[str] = Field(None, title="栏目类型", description="ColumnType，如“政务公开”“信息公开年报”")
    source: Optional[str] = Field(None, title="信息来源", description="ContentSource；缺省为发文机关（年度报告为报告机关）")
    url: Optional[str] = Field(None, title="网页地址", description="Url：本页在网站上的完整地址，如 http://www.example.gov.cn/zwgk/2021/t1.html")
    keywords: StrList = Field(default_factory=list, title="关键词", description="Keywords，一个或多个")
    description: Optional[str] = Field(None, title="内容摘要", description="Description，一两句话")


class WebMeta(WebArticle):
    model_config = ConfigDict(title="网页信息")

    site_name: Optional[str] = Field(None, title="网站名称", description="SiteName，如“沈阳市人民政府”")
    site_domain: Optional[str] = Field(None, title="网站域名", description="SiteDomain，如“www.shenyang.gov.cn”；缺省时取自 url")
    site_code: Optional[str] = Field(None, title="网站标识码", description="SiteIDCode：全国政府网站标识码（10 位，如“2101000001”）")
    report: Optional[WebArticle] = Field(
        None, title="年度报告网页", description="年度报告页面自己的索引号、栏目、发布日期、地址等（网站名称、域名、标识码沿用上面的）"
    )


class UnitDecl(Strict):
    """A unit declared once; tasks name it by its name or any alias."""

    model_config = ConfigDict(title="单位")

    name: str = Field(title="单位名称", description="规范全称，如“市政府办公室”；分单位反馈表的文件名和台账用它")
    aliases: StrList = Field(default_factory=list, title="简称/别名", description="任务中可用的其他写法，如“市政府办”“政府办”")
    kind: Optional[str] = Field(None, title="单位类别", description="如“区县政府”“市直部门”“科室”")
    contact: Optional[str] = Field(None, title="联系人", description="联系人和电话，印在反馈表上")


class Plan(Strict):
    """A 政务公开工作要点 with its 通知, task table and web metadata."""

    model_config = ConfigDict(title="政务公开工作要点（zwgk_docs 计划文件）")

    version: Literal[1] = Field(1, title="格式版本", description="计划文件格式的版本，目前为 1")
    notice: Optional[Notice] = Field(None, title="通知", description="印发通知（版头、正文、署名、版记）；只有任务分解表的计划（如四平、池州、泰达）可省略")
    web: Optional[WebMeta] = Field(None, title="网页信息", description="网页（通知、年度报告）的信息栏和政府网站元数据；没有写的项不输出")
    plan: PlanBody = Field(title="工作要点", description="标题、年度、导语、编号规则、各部分和任务、结束语")
    table: TaskTable = Field(title="任务分解表", description="任务分解表的标题、列、表头和列宽")
    units: list[UnitDecl] = Field(
        default_factory=list, title="单位",
        description="可选，声明全部单位（规范名称、简称、类别、联系人）；任务中按名称或简称引用",
    )
    fonts: FontProfileName = Field("gb2312", title="字体方案", description=FONT_PROFILE_HELP)

    source: SkipJsonSchema[Optional[str]] = Field(None, exclude=True)

    # ---- convenient walks (read-only; numbering lives in numbering/)
    def iter_tasks(self) -> "list[Task]":
        return [t for part in self.plan.parts for t in part_tasks(part)]


def part_tasks(part: Part) -> list[Task]:
    """Tasks of a part in document order, whether or not it has sections."""
    return list(part.tasks) + [t for s in part.sections for t in s.tasks]


Node = Union[Part, Section, Task, SubTask]
