"""The project's vocabulary, in one place: column kinds, numbering styles, 完成状态,
fixed 公文 labels and font profiles.

Model, validation, context, writers, importers and check all read these tables, so
adding a column kind, a numbering style, a status or a font profile is one entry
here (plus a test); nothing else lists them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal, Optional, TypeGuard, get_args

# ---------------------------------------------------------------- column kinds

Align = Literal["left", "center"]
# How a column's cells are styled: hierarchy cells (部分, 小节, 任务, usually merged), long body
# text, or short values (序号, units, dates). The .xlsx template has one named cell style per role.
Role = Literal["hierarchy", "body", "short"]
# The one answer to "which columns are centred", for every writer (.docx, .html, the PDF and the
# .xlsx template's role styles): task and body text left-aligned, as Chinese government tables set
# them; short values centred.
ROLE_ALIGN: dict[Role, Align] = {"hierarchy": "left", "body": "left", "short": "center"}
# What a column holds, for the readers that rebuild a plan from a table.
Group = Literal["hierarchy", "task", "content", "unit", "assigned"]
# How the task table merges a column's cells, by group (context/table.py does it; the docs say it).
GROUP_MERGE: dict[Group, str] = {
    "hierarchy": "跨该{meaning}所有行", "task": "跨该任务所有行", "content": "—",
    "unit": "子任务都未另写时跨该任务所有行", "assigned": "子任务都未另写时跨该任务所有行",
}


@dataclass(frozen=True)
class ColumnKind:
    field: str  # the value of `Column.field` in a plan
    meaning: str  # Chinese name used in messages and the schema description
    header: str  # the header an importer gives the column when the source has none
    width: float  # default width in characters (Excel's unit)
    role: Role
    group: Group
    synonyms: tuple[str, ...] = ()  # header words offices use for it (importers)
    shows: str = ""  # what its cells print, with an example (docs/plan-format.md's table of kinds)

    @property
    def align(self) -> Align:
        """Horizontal alignment of the column's cells in every format (from its role)."""
        return ROLE_ALIGN[self.role]


COLUMN_KINDS: tuple[ColumnKind, ...] = (
    ColumnKind("part", "部分", "一级", 16, "hierarchy", "hierarchy",
               ("一级", "一级指标", "一级任务", "目标要求", "类别", "工作类别", "任务类别", "领域", "重点领域", "板块",
                "工作板块", "部分", "大项"), shows="部分编号和标题“一、切实加强……”"),
    ColumnKind("section", "小节", "二级", 18, "hierarchy", "hierarchy",
               ("二级", "二级指标", "二级任务", "工作要点", "子项", "小项"), shows="小节编号和标题“（一）围绕……”"),
    ColumnKind("number", "序号", "序号", 6, "short", "task",
               ("序号", "编号", "序", "项次", "任务序号"), shows="任务序号（只有数字，如“7”）"),
    ColumnKind("task", "任务编号和标题", "工作任务", 22, "hierarchy", "task",
               ("工作任务", "重点任务", "事项名称", "工作项目", "任务名称", "工作事项", "任务", "事项", "项目", "主要工作",
                "重点工作", "工作重点", "目标任务", "主要工作任务"), shows="任务编号和标题“7. 完成试点领域信息公开标准建设”"),
    ColumnKind("task_title", "任务标题", "工作任务", 24, "hierarchy", "task", shows="任务标题"),
    ColumnKind("task_full", "任务编号、标题和正文", "工作内容", 60, "body", "task", shows="编号、标题和正文“1．推进政府决策公开。坚持……”"),
    ColumnKind("content", "内容", "工作内容", 60, "body", "content",
               ("工作内容", "主要任务", "具体内容", "具体工作内容", "任务内容", "具体任务", "工作措施", "具体措施",
                "主要内容", "具体工作内容及目标", "工作目标", "主要措施", "任务分解", "具体工作",
                "工作举措", "具体举措", "主要举措", "推进措施", "具体目标", "任务描述", "主要内容及目标"), shows="子任务正文；无子任务时为任务正文"),
    ColumnKind("lead", "牵头单位", "牵头单位", 16, "short", "unit",
               ("牵头单位", "牵头部门", "牵头处室", "主办单位", "牵头责任单位"), shows="牵头单位"),
    ColumnKind("responsible", "责任单位", "责任单位", 22, "short", "unit",
               ("责任单位", "责任部门", "责任主体", "承办单位", "落实单位", "实施单位", "责任处室", "主体责任单位",
                "责任科室", "主责单位", "主责部门"), shows="责任单位"),
    ColumnKind("cooperate", "配合单位", "配合单位", 16, "short", "unit",
               ("配合单位", "配合部门", "协办单位", "协助单位", "参与单位", "配合处室", "协同单位", "协同部门"), shows="配合单位"),
    ColumnKind("units", "全部单位", "责任单位", 24, "short", "unit", shows="牵头、责任、配合单位合在一起"),
    ColumnKind("deadline", "完成时限", "时限", 10, "short", "assigned",
               ("时限", "完成时限", "完成时间", "时间节点", "办结时限", "完成期限", "时间安排", "进度安排", "时间要求",
                "进度要求"), shows="完成时限"),
    ColumnKind("disclosure_time", "公开时限", "公开时限", 10, "short", "assigned",
               ("公开时限", "公开时间"), shows="公开时限"),
    ColumnKind("disclosure_method", "公开方式", "公开方式", 16, "short", "assigned",
               ("公开方式", "公开渠道", "公开途径", "公开载体"), shows="公开方式"),
)
EXTRA_PREFIX = "extra:"  # `extra:列名` — a column of the plan's own, kept as written
EXTRA_WIDTH = 14
COLUMNS: dict[str, ColumnKind] = {k.field: k for k in COLUMN_KINDS}
# The Assignment fields a table column shows (the rest are about the hierarchy).
ASSIGNMENT_FIELDS = ("lead", "responsible", "cooperate", "deadline", "disclosure_time", "disclosure_method")
UNIT_FIELDS = tuple(k.field for k in COLUMN_KINDS if k.group == "unit")
TASK_FIELDS = tuple(k.field for k in COLUMN_KINDS if k.group == "task")


def fields_in(*groups: Group) -> tuple[str, ...]:
    return tuple(k.field for k in COLUMN_KINDS if k.group in groups)


def is_extra(field: str) -> bool:
    return field.startswith(EXTRA_PREFIX) and bool(field[len(EXTRA_PREFIX):].strip())


def extra_name(field: str) -> str:
    return field[len(EXTRA_PREFIX):].strip()


def column_kind(field: str) -> Optional[ColumnKind]:
    return COLUMNS.get(field)


def column_role(field: str) -> Role:
    kind = COLUMNS.get(field)
    return kind.role if kind else "short"


def column_align(field: str) -> Align:
    return ROLE_ALIGN[column_role(field)]


def default_width(field: str) -> float:
    kind = COLUMNS.get(field)
    return kind.width if kind else EXTRA_WIDTH


def default_header(field: str) -> str:
    kind = COLUMNS.get(field)
    return kind.header if kind else (extra_name(field) if is_extra(field) else field)


def column_field_help() -> str:
    """The `Column.field` description: every kind with its meaning."""
    return "；".join(f"{k.field} {k.meaning}" for k in COLUMN_KINDS) + f"；{EXTRA_PREFIX}列名 其他列"


# ---------------------------------------------------------------- Chinese numerals

CN_DIGITS = "零一二三四五六七八九"
CN_NUMERAL_CHARS = "一二三四五六七八九十百零"  # characters of a numeral as headings print them


def chinese_numeral(n: int) -> str:
    """一 … 十 … 十一 … 二十 … 二十八 … 一百零五, as 公文 headings count."""
    if n <= 0:
        raise ValueError("numbering starts at 1")
    if n < 10:
        return CN_DIGITS[n]
    if n < 20:
        return "十" + (CN_DIGITS[n % 10] if n % 10 else "")
    if n < 100:
        return CN_DIGITS[n // 10] + "十" + (CN_DIGITS[n % 10] if n % 10 else "")
    if n < 1000:
        rest = n % 100
        head = CN_DIGITS[n // 100] + "百"
        if rest == 0:
            return head
        if rest < 10:
            return head + "零" + CN_DIGITS[rest]
        # 一百一十 rather than 一百十 inside larger numbers
        return head + CN_DIGITS[rest // 10] + "十" + (CN_DIGITS[rest % 10] if rest % 10 else "")
    raise ValueError("numbers above 999 are not used in plans")


def parse_chinese_numeral(text: str) -> int:
    """The one Chinese-numeral parser (1..999); ValueError when text is not a numeral."""
    if not text:
        raise ValueError("empty numeral")
    value = 0
    try:
        if "百" in text:
            head, text = text.split("百", 1)
            value += CN_DIGITS.index(head) * 100
            text = text.lstrip("零")
        if "十" in text:
            head, tail = text.split("十", 1)
            value += (CN_DIGITS.index(head) if head else 1) * 10
            text = tail
        if text:
            value += CN_DIGITS.index(text)
    except ValueError:
        raise ValueError(f"not a numeral: {text}") from None
    if value == 0:
        raise ValueError(f"not a numeral: {text}")
    return value


def parse_number(text: str) -> int:
    """A label's number, Arabic or Chinese."""
    return int(text) if text.isdigit() else parse_chinese_numeral(text)


# ---------------------------------------------------------------- numbering styles

NumberStyleName = Literal["一、", "（一）", "1.", "1．", "1、", "（1）", "1", "none"]


@dataclass(frozen=True)
class NumberStyle:
    """A heading label form. `level` is the heading depth it implies (GB/T 9704 §7.3.3:
    一、 黑体; （一） 楷体; 1. and （1） 仿宋); 0 for plain numbers and none."""

    name: str
    level: int
    chinese: bool  # counts 一二三 rather than 1 2 3
    before: str = ""
    after: str = ""
    # What a reader accepts as this style at the start of a text (full/half width, spaces).
    pattern: Optional[re.Pattern[str]] = None

    def format(self, n: int) -> str:
        if self.name == "none":
            return ""
        return f"{self.before}{chinese_numeral(n) if self.chinese else n}{self.after}"

    def parse(self, label: str) -> int:
        """The number of a label printed in this style ("（十二）" → 12)."""
        if self.pattern is None:
            raise ValueError(f"style {self.name} has no label")
        m = self.pattern.match(label)
        if not m:
            raise ValueError(f"not a {self.name} label: {label}")
        return parse_number(m.group(1))


_CN = CN_NUMERAL_CHARS
_ARABIC_DOT = re.compile(r"^\s*(\d{1,3})\s*([.．、])(?!\d)\s*")
NUMBER_STYLES: dict[str, NumberStyle] = {s.name: s for s in (
    NumberStyle("一、", 1, True, after="、", pattern=re.compile(rf"^\s*([{_CN}]+)\s*[、．.]\s*")),
    NumberStyle("（一）", 2, True, "（", "）", re.compile(rf"^\s*[（(]\s*([{_CN}]+)\s*[）)]\s*[、.．]?\s*")),
    NumberStyle("1.", 3, False, after=".", pattern=_ARABIC_DOT),
    NumberStyle("1．", 3, False, after="．", pattern=_ARABIC_DOT),
    NumberStyle("1、", 3, False, after="、", pattern=_ARABIC_DOT),
    NumberStyle("（1）", 4, False, "（", "）", re.compile(r"^\s*[（(]\s*(\d{1,3})\s*[）)]\s*[、.．]?\s*")),
    NumberStyle("1", 3, False),
    NumberStyle("none", 0, False),
)}
assert set(NUMBER_STYLES) == set(get_args(NumberStyleName))
# What each style looks like, for `zwgk schema` (editor completion lists these beside the values).
NUMBER_STYLE_HELP: dict[str, str] = {
    "一、": "中文数字加顿号：一、二、三、（一级标题常用）",
    "（一）": "全角括号中文数字：（一）（二）（三）（二级标题常用）",
    "1.": "阿拉伯数字加半角点：1. 2. 3.（三级标题常用）",
    "1．": "阿拉伯数字加全角点：1．2．3．",
    "1、": "阿拉伯数字加顿号：1、2、3、",
    "（1）": "全角括号阿拉伯数字：（1）（2）（3）（四级标题常用）",
    "1": "只写数字：1 2 3（如分解表的“序号”列）",
    "none": "不编号",
}
assert list(NUMBER_STYLE_HELP) == list(get_args(NumberStyleName))
# Heading fonts per level (GB/T 9704 §7.3.3), by font role.
LEVEL_FONT_ROLE = {1: "heading1", 2: "heading2", 3: "body", 4: "body"}


def style_level(name: str) -> int:
    style = NUMBER_STYLES.get(name)
    return style.level if style else 0


def format_label(name: str, n: int) -> str:
    return NUMBER_STYLES[name].format(n)


@dataclass(frozen=True)
class Label:
    style: str  # a NumberStyle name: 一、 （一） 1. 1． 1、 （1）
    number: int
    text: str  # the label as printed
    rest: str  # what follows it


# Reading order matters: （一） before （1）, and the Arabic forms last.
_READ_ORDER = ("一、", "（一）", "（1）", "1.")
_ARABIC_AFTER = {"、": "1、", "．": "1．", ".": "1."}


def split_label(text: str) -> Optional[Label]:
    """The numbering label at the start of text, or None ("2018年……" is not a label)."""
    for name in _READ_ORDER:
        pattern = NUMBER_STYLES[name].pattern
        assert pattern is not None
        m = pattern.match(text)
        if not m:
            continue
        style = _ARABIC_AFTER[m.group(2)] if name == "1." else name
        try:
            number = parse_number(m.group(1))
        except ValueError:
            continue
        rest = text[m.end():].strip()
        if not rest and NUMBER_STYLES[style].level != 3:
            continue
        return Label(style, number, m.group(0).strip(), rest)
    return None


# ---------------------------------------------------------------- 完成状态

Status = Literal["已完成", "推进中", "未启动", "持续推进"]
# In the order a ledger's drop-down, the schema and the docs list them.
STATUSES: tuple[str, ...] = ("已完成", "推进中", "未启动", "持续推进")
assert set(STATUSES) == set(get_args(Status))
DONE: Status = "已完成"
ONGOING: Status = "持续推进"  # by design never finished: counted with 推进中, never overdue
IN_PROGRESS: Status = "推进中"
NOT_STARTED: Status = "未启动"


def is_status(value: object) -> TypeGuard[Status]:
    return value in STATUSES

# ---------------------------------------------------------------- fixed 公文 labels

ATTACHMENT = "附件"  # 附件说明 and the mark on an attachment's first page (§7.3.4, §7.3.7)
CC = "抄送"  # 版记 (§7.4.2)
PRINTED = "印发"  # "2021年6月22日印发" (§7.4.3)
SIGNER = "签发人"  # 版头 of 上行文 (§7.2.5)
PUBLIC_NOTE = "此件公开发布"  # the usual 附注 of a published notice
TABLE_SUFFIX = "任务分解表"  # default table title: 要点标题 + this


def attachment_mark(number: int, many: bool) -> str:
    """"附件" for a single attachment, "附件2" when there are several."""
    return f"{ATTACHMENT}{number}" if many else ATTACHMENT


@dataclass(frozen=True)
class NoteLine:
    """One line of the 附件说明 (§7.3.4): "附件：" on the first line only, "1." when there are
    several, then the name; writers align the names of continuation lines."""

    label: str
    number: str
    title: str

    @property
    def text(self) -> str:
        return f"{self.label}{self.number}{' ' if self.number else ''}{self.title}"


def attachment_note(titles: list[str]) -> list[NoteLine]:
    many = len(titles) > 1
    return [NoteLine(f"{ATTACHMENT}：" if i == 1 else "", f"{i}." if many else "", t) for i, t in enumerate(titles, 1)]


def cc_line(organs: list[str]) -> str:
    """"抄送：甲，乙。" — commas between organs, full stop after the last (§7.4.2)."""
    return f"{CC}：{'，'.join(organs)}。" if organs else ""


def printed_text(date_text: str) -> str:
    return f"{date_text}{PRINTED}" if date_text else ""


def note_text(note: Optional[str]) -> str:
    """附注 in parentheses: "（此件公开发布）", whatever brackets the plan typed."""
    return f"（{note.strip('（）()')}）" if note else ""


# ---------------------------------------------------------------- font profiles

FontRole = Literal["title", "body", "heading1", "heading2", "number"]
FONT_ROLES: tuple[str, ...] = ("title", "body", "heading1", "heading2", "number")
FONT_ROLE_NAMES = {"title": "标题（小标宋）", "body": "正文（仿宋）", "heading1": "一级标题（黑体）",
                   "heading2": "二级标题（楷体）", "number": "页码数字（宋体）"}
FontProfileName = Literal["gb2312", "plain"]
# Names as offices write them in Word. "gb2312" is the common 公文 template; "plain" is
# what many localities use on machines without the GB2312 font packs.
FONT_PROFILES: dict[str, dict[str, str]] = {
    "gb2312": {"title": "方正小标宋简体", "body": "仿宋_GB2312", "heading1": "黑体", "heading2": "楷体_GB2312", "number": "宋体"},
    "plain": {"title": "方正小标宋简体", "body": "仿宋", "heading1": "黑体", "heading2": "楷体", "number": "宋体"},
}
FONT_PROFILE_HELP = "gb2312：仿宋_GB2312、楷体_GB2312（常见公文模板）；plain：仿宋、楷体（许多地方的写法）"
assert set(FONT_PROFILES) == set(get_args(FontProfileName))
