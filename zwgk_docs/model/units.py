"""Unit names and responsibility sentences: the one parser for plans and importers.

Offices name units inconsistently — 各县(市)区政府 / 各县（市）区政府, "市政务公开办等相关部门",
"市政府办公室牵头,市政府各部门负责落实" in a 责任单位 cell. Everything here is pure text
work (no plan, no YAML), so the plan loader, the render context and the importers
share it:

- `normalize_name(name)` — one unit's canonical spelling (brackets, spaces, 等/按职责 tails);
- `split_names(text)` — a list of units written in one string (、，, newlines);
- `parse_responsibility(text, default_role)` — a sentence or cell into lead / responsible /
  cooperate units and a deadline, with what could not be read in `unparsed`.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Optional

from .deadline import _YEAR_END, _YMD

ROLES = ("lead", "responsible", "cooperate")
ROLE_NAMES = {"lead": "牵头", "responsible": "责任", "cooperate": "配合"}

_OPEN, _CLOSE = "（(《“[【", "）)》”]】"
# Last characters of a unit name (局, 委, 办公室, 政府, 管委会, 中心, 科…).
UNIT_END = "厅局委办府会室心部院处所站队行社团馆司组科中区县市镇街位门"
_SHORT_UNIT_END = "局委办联会院"  # 团委、妇联、工会、法院 are units; 单位、部门 after 、 are not
_SPACES = re.compile(r"[\s\u3000]+")
_CJK_SPACE = re.compile(r"(?<=[^\x00-\x7f]) | (?=[^\x00-\x7f])")
# Tails that are not part of a unit's name.
_TAIL = re.compile(
    r"(?:等(?:相关|有关|其他)?(?:部门|单位|机构)?(?:和单位|、单位)?"
    r"|(?:按照?|根据)(?:各自|工作)?职[责能](?:分工)?(?:分别)?"
    r"|按职责分工|分别)$"
)
_LEAD_IN = re.compile(r"^(?:由|请)")
_PUNCT_END = "。.；;，,、：:"


def normalize_name(name: str) -> str:
    """One unit's canonical spelling: full-width brackets, no spaces, no 等/按职责分工 tail."""
    s = "".join(ch for ch in str(name) if unicodedata.category(ch) != "Cf")  # bidi controls, zero-width
    s = _SPACES.sub(" ", s).strip()
    s = _CJK_SPACE.sub("", s)  # "市 财政局" → "市财政局"; "Foreign Affairs Office" keeps its spaces
    s = s.replace("(", "（").replace(")", "）").replace("[", "【").replace("]", "】")
    s = s.strip(_PUNCT_END)
    s = _LEAD_IN.sub("", s)
    prev = None
    while prev != s:
        prev = s
        s = _TAIL.sub("", s).rstrip(_PUNCT_END)
    return s


def _top_level(text: str, seps: str) -> list[tuple[str, str]]:
    """(delimiter before, piece) for each piece between separators outside brackets."""
    out, depth, cur, delim = [], 0, "", ""
    for ch in text:
        if ch in _OPEN:
            depth += 1
        elif ch in _CLOSE:
            depth = max(0, depth - 1)
        if ch in seps and depth == 0:
            out.append((delim, cur))
            cur, delim = "", ch
        else:
            cur += ch
    out.append((delim, cur))
    return [(d, p.strip()) for d, p in out if p.strip()]


def unit_like(piece: str) -> bool:
    return len(piece) >= 3 and piece[-1] in UNIT_END


_unit_like = unit_like


def split_names(text: str, keep_spelling: bool = False) -> list[str]:
    """Units written in one string: split on 、，,；; and newlines (not inside brackets), normalised.

    "各县（市）、区政府" stays one unit (各县（市）区政府); "市政府各部门、单位" and
    "市、县（市）区政府" too — a one- or two-character piece is no unit of its own.
    A space separates only when both sides read as unit names ("市财政局 市审计局").
    keep_spelling: split only, each name as written (importers drafting a plan from a document).
    """
    pieces: list[str] = []
    for delim, piece in _top_level(str(text), "、，,；;\n和"):
        if delim == "和" and pieces and not (pieces[-1][-1:] in UNIT_END and _unit_like(piece)):
            pieces[-1] += "和" + piece  # 市住房和城乡建设局 stays whole
            continue
        if pieces and (len(pieces[-1]) <= 1 or (len(piece) <= 2 and piece[-1] not in _SHORT_UNIT_END)):
            pieces[-1] += ("" if delim == "和" else "、") + piece
            continue
        if pieces and pieces[-1].endswith("（市）") and piece.startswith("区"):
            pieces[-1] += piece  # 各县（市）、区政府 = 各县（市）区政府
            continue
        pieces.append(piece)
    out: list[str] = []
    for piece in pieces:
        words = [w for w in _SPACES.split(piece.strip()) if w]
        if len(words) > 1 and all(_unit_like(normalize_name(w)) for w in words):
            out.extend(words)
        else:
            out.append(piece)
    names = [p.strip(_PUNCT_END) if keep_spelling else normalize_name(p) for p in out]
    return list(dict.fromkeys(n for n in names if n))


def looks_like_two(name: str) -> Optional[tuple[str, str]]:
    """"市政府办公室市财政局" → ("市政府办公室", "市财政局"): two unit names run together."""
    for i in range(3, len(name) - 2):
        head, tail = name[:i], name[i:]
        if head[-1] in "局委办室厅院" and tail[0] in "市区县省" and _unit_like(tail) and not tail.startswith(("市场", "市政", "区域", "县域")):
            return head, tail
    return None


# ---------------------------------------------------------------- responsibility sentences

# A clause "X<role words>": which role its units take.
_ROLE_END = [
    ("lead", re.compile(r"(?:按照?(?:工作)?职[能责](?:分工)?)?(?:分别|共同)?牵头(?:负责)?(?:落实|抓总)?$")),
    ("cooperate", re.compile(r"(?:积极|共同|分别)?(?:协助|配合|参与|协同)(?:落实|负责|推进)?$")),
    ("responsible", re.compile(
        r"(?:按照?(?:工作)?职[能责](?:分工)?|按职责分工)?(?:分别|分工|具体|共同|各自)?(?:负责|落实|承办|实施)(?:落实|实施|推进)?$")),
]
_KEYED = re.compile(r"(牵头单位|牵头部门|责任单位|责任部门|配合单位|配合部门|协办单位|完成时限|完成时间|时限)\s*[:：]\s*")
_KEY_FIELD = {"牵头单位": "lead", "牵头部门": "lead", "责任单位": "responsible", "责任部门": "responsible",
              "配合单位": "cooperate", "配合部门": "cooperate", "协办单位": "cooperate",
              "完成时限": "deadline", "完成时间": "deadline", "时限": "deadline"}
# "A会同B负责": A leads, B shares the work.
_TOGETHER = re.compile(r"^(.+?)会同(.+)$")
# Words that mean a clause says more than who: left for a person to read.
_VERBS = re.compile(r"推进|开展|做好|加强|完善|组织|督促|指导|研究|制定|建立|完成|确保|实行|抓好")
RESPONSIBILITY = re.compile(r"^[（(]?\s*(?:由.{2,}?(?:牵头|负责|配合|落实)|牵头单位\s*[:：]|责任单位\s*[:：]|.{2,60}?牵头[，,、].{0,60}?配合)")


@dataclass
class Responsibility:
    """Who, in which role, and by when, as read from one cell or sentence."""

    lead: list[str] = field(default_factory=list)
    responsible: list[str] = field(default_factory=list)
    cooperate: list[str] = field(default_factory=list)
    deadline: Optional[str] = None
    unparsed: list[str] = field(default_factory=list)  # clauses not understood (validate warns)
    keep_spelling: bool = field(default=False, repr=False, compare=False)

    def add(self, role: str, names: list[str]) -> None:
        mine = getattr(self, role)
        mine.extend(n for n in names if n and n not in mine)

    def merge(self, other: "Responsibility") -> None:
        for role in ROLES:
            self.add(role, getattr(other, role))
        self.deadline = self.deadline or other.deadline
        self.unparsed.extend(other.unparsed)

    @property
    def empty(self) -> bool:
        return not (self.lead or self.responsible or self.cooperate or self.deadline)

    def roles(self) -> list[tuple[str, str]]:
        """(unit, role) pairs in order: lead, responsible, cooperate."""
        return [(u, role) for role in ROLES for u in getattr(self, role)]


def is_deadline(clause: str) -> bool:
    c = clause.strip()
    return bool(c) and len(c) <= 30 and bool(_YMD.search(c) or _YEAR_END.search(c) or re.search(r"年底|年内|长期|持续|全年", c))


def _clause_units(text: str, result: Responsibility) -> list[str]:
    names = split_names(text, result.keep_spelling)
    good = []
    for n in names:
        if _VERBS.search(n):
            result.unparsed.append(n)
        else:
            good.append(n)
    return good


def parse_responsibility(sentence: str, default_role: str = "responsible", keep_spelling: bool = False) -> Responsibility:
    """Units and deadline named in a sentence or a unit cell.

    Reads "由A牵头，B、C配合，D负责，2018年7月底前完成。", "A负责，B参与", "（A、B按照职责分工负责）",
    "A会同B负责", "牵头单位：A；配合单位：B", and plain lists "A、B、C" — these take `default_role`
    (the column or field they were written in). Names are normalised (normalize_name) unless
    keep_spelling, which keeps each as written. A new Responsibility each time (callers add to it).
    """
    found = _parsed(str(sentence), default_role, keep_spelling)
    return Responsibility(list(found.lead), list(found.responsible), list(found.cooperate), found.deadline,
                          list(found.unparsed), found.keep_spelling)


@functools.lru_cache(maxsize=4096)
def _parsed(sentence: str, default_role: str, keep_spelling: bool) -> Responsibility:
    """parse_responsibility's answer, kept: a plan names the same units in many tasks, and the
    loader's checks and the context read each text (only copies leave: see above)."""
    s = _SPACES.sub(lambda m: "\n" if "\n" in m.group(0) else " ", str(sentence).strip())
    s = s.rstrip(_PUNCT_END)
    if s[:1] in "（(" and s[-1:] in "）)":  # "（A、B按照职责分工负责）", not "市政务公开办（政网办）"
        s = s[1:-1].strip().rstrip(_PUNCT_END)
    result = Responsibility(keep_spelling=keep_spelling)
    if _KEYED.search(s):
        parts = _KEYED.split(s)
        if parts[0].strip(" ，,；;"):
            result.add(default_role, _clause_units(parts[0].strip(" ，,；;"), result))
        for key, value in zip(parts[1::2], parts[2::2]):
            value = value.strip().strip("，,；;。")
            name = _KEY_FIELD[key]
            if name == "deadline":
                result.deadline = value or None
            elif value:
                result.add(name, _clause_units(value, result))
        return result
    s = _LEAD_IN.sub("", s)
    # A role word ends a clause even before 、: "市政府办公厅牵头、市法制办配合".
    s = re.sub(r"(牵头(?:负责)?|配合|参与|负责落实|负责)、", r"\1，", s)
    pending: list[str] = []
    for _, clause in _top_level(s, "，,；;"):
        clause = _LEAD_IN.sub("", clause)
        if is_deadline(clause) and not _unit_like(normalize_name(clause)):
            result.deadline = result.deadline or clause
            continue
        for role, pattern in _ROLE_END:
            m = pattern.search(clause)
            if m and m.start() > 0:
                head = clause[: m.start()]
                together = _TOGETHER.match(head)
                if together:
                    result.add("lead", pending + _clause_units(together[1], result))
                    result.add(role if role != "lead" else "responsible", _clause_units(together[2], result))
                else:
                    result.add(role, pending + _clause_units(head, result))
                pending = []
                break
        else:
            pending.extend(_clause_units(clause, result))
    result.add(default_role, pending)
    return result


def leading_responsibility(text: str) -> Optional[str]:
    """'由…负责，在政府信息公开前……' → '由…负责' (the clause naming units at the start of a text)."""
    m = re.match(r"^由(.{2,80}?(?:牵头|负责|配合)(?:落实)?)[，,]", text)
    return m.group(0)[:-1] if m else None
