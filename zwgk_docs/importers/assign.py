"""Who and by when: unit lists in table cells, and responsibility sentences in prose.

Units are split only when the split is safe: a cell that reads as a sentence
("市编办牵头,市政府各部门负责落实") stays one string, so the table prints as before.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Optional

from ..model.deadline import _YEAR_END, _YMD

# Words that make a cell a sentence about units rather than a list of units.
_SENTENCE = re.compile(r"牵头|配合|负责|落实|会同|分工|按职责|按职能|协调|指导|等$|等相关|等部门|等单位|及相关")
SEPARATORS = ("\n", "、", "，", ",", "；", ";", " ")
_UNIT_END = "厅局委办府会室心部院处所站队行社团馆司组科中区县市镇街"


def _top_level_split(text: str, seps: str) -> list[str]:
    """Split on any char of seps outside brackets: 各县（市、区）政府 stays whole."""
    out, depth, cur = [], 0, ""
    for ch in text:
        if ch in "（(《“":
            depth += 1
        elif ch in "）)》”":
            depth = max(0, depth - 1)
        if ch in seps and depth == 0:
            out.append(cur)
            cur = ""
        else:
            cur += ch
    out.append(cur)
    return out


def _join_fragments(pieces: list[str], sep: str) -> list[str]:
    """Keep '市政府各部门、单位' and '市、县(市)区政府' whole: a 1–2 character piece is no unit."""
    out: list[str] = []
    for piece in pieces:
        if out and len(out[-1]) <= 1:
            out[-1] = out[-1] + sep + piece
        elif out and len(piece) <= 2:
            out[-1] = out[-1] + sep + piece
        else:
            out.append(piece)
    return out


def cell_separator(text: str) -> Optional[str]:
    """The one separator a unit-list cell uses, or None (a single unit, a sentence, or mixed separators)."""
    text = text.strip()
    if not text or _SENTENCE.search(text):
        return None
    used = [s for s in SEPARATORS if len(_top_level_split(text, s)) > 1]
    if " " in used and len(used) > 1:
        used.remove(" ")  # "市政府 办公室、…": spaces are noise next to a real separator
    if len(used) != 1:
        return None
    pieces = [p.strip() for p in _top_level_split(text, used[0])]
    if any(not p or len(p) > 30 for p in pieces):
        return None
    return used[0]


def split_cell(text: str, separator: str) -> list[str]:
    sep = " " if separator == "\n" and "\n" not in text else separator
    pieces = [p.strip() for p in _top_level_split(text.strip(), sep) if p.strip()]
    return _join_fragments(pieces, sep)


# ---------------------------------------------------------------- responsibility sentences

_ROLE_END = [
    ("lead", re.compile(r"(?:按(?:工作)?职[能责](?:分工)?)?(?:分别)?牵头(?:负责)?(?:落实)?$")),
    ("cooperate", re.compile(r"(?:积极|共同|分别)?(?:协助|配合)(?:落实)?$")),
    ("responsible", re.compile(r"(?:按(?:工作)?职[能责](?:分工)?|按职责分工)?(?:分别|分工|具体|共同)?(?:负责)(?:落实)?$|(?:分别)?落实$")),
]
_KEYED = re.compile(r"(牵头单位|牵头部门|责任单位|责任部门|配合单位|配合部门|完成时限|完成时间|时限)\s*[:：]\s*")
_KEY_FIELD = {"牵头单位": "lead", "牵头部门": "lead", "责任单位": "responsible", "责任部门": "responsible",
              "配合单位": "cooperate", "配合部门": "cooperate", "完成时限": "deadline", "完成时间": "deadline", "时限": "deadline"}
_HOW = re.compile(r"(?:按照?|根据|依据)(?:各自)?(?:的)?(?:工作)?职[责能](?:分工)?(?:分别|共同)?(?=负责|落实|牵头|配合)|(?<=[^\s，,、])(?:分别|共同)(?=负责|落实)")
RESPONSIBILITY = re.compile(r"^[（(]?\s*(?:由.{2,}?(?:牵头|负责|配合|落实)|牵头单位\s*[:：]|责任单位\s*[:：]|.{2,60}?牵头[，,、].{0,60}?配合)")


@dataclass
class Responsibility:
    lead: list[str] = field(default_factory=list)
    responsible: list[str] = field(default_factory=list)
    cooperate: list[str] = field(default_factory=list)
    deadline: Optional[str] = None

    def merge(self, other: "Responsibility") -> None:
        for name in ("lead", "responsible", "cooperate"):
            mine = getattr(self, name)
            mine.extend(u for u in getattr(other, name) if u not in mine)
        self.deadline = self.deadline or other.deadline

    @property
    def empty(self) -> bool:
        return not (self.lead or self.responsible or self.cooperate or self.deadline)


def is_deadline(clause: str) -> bool:
    c = clause.strip()
    return bool(c) and len(c) <= 30 and bool(_YMD.search(c) or _YEAR_END.search(c) or re.search(r"年底|年内|长期|持续|全年", c))


def _units(text: str) -> list[str]:
    text = re.sub(r"^由", "", text.strip())
    pieces = [p.strip() for p in _top_level_split(text, "、，,；和") if p.strip()]
    # "和" splits only between units: 市住房和城乡建设局 stays whole.
    merged: list[str] = []
    for raw_piece, piece in zip(_pieces_with_delims(text), pieces):
        if merged and raw_piece[0] == "和" and not merged[-1].endswith(tuple(_UNIT_END)):
            merged[-1] += "和" + piece
        else:
            merged.append(piece)
    return _join_fragments(merged, "、")


def _pieces_with_delims(text: str) -> list[str]:
    """The delimiter before each top-level piece ("" for the first)."""
    out, depth, delim = [], 0, ""
    buf = ""
    for ch in text:
        if ch in "（(《“":
            depth += 1
        elif ch in "）)》”":
            depth = max(0, depth - 1)
        if ch in "、，,；和" and depth == 0:
            if buf.strip():
                out.append(delim)
            delim, buf = ch, ""
        else:
            buf += ch
    if buf.strip():
        out.append(delim)
    return out


def parse_responsibility(sentence: str) -> Responsibility:
    """Units and deadline named in "由…牵头，…配合，…负责，2018年7月底前完成。" or "（牵头单位：…）"."""
    s = sentence.strip().strip("（）()").rstrip("。.；;")
    result = Responsibility()
    if _KEYED.search(s):
        parts = _KEYED.split(s)
        for key, value in zip(parts[1::2], parts[2::2]):
            value = value.strip().strip("，,；;。")
            name = _KEY_FIELD[key]
            if name == "deadline":
                result.deadline = value or None
            elif value:
                getattr(result, name).extend(_units(value))
        return result
    s = re.sub(r"^由", "", s)
    # "按照职责分工负责", "根据各自职能分别落实": how they share the work, not part of a unit's name.
    s = _HOW.sub("", s)
    # A role word ends a clause even before 、: "市政府办公厅牵头、市法制办配合".
    s = re.sub(r"(牵头|配合|负责落实|负责)[、]", r"\1，", s)
    pending: list[str] = []
    for clause in (c.strip() for c in _top_level_split(s, "，,；;") if c.strip()):
        if is_deadline(clause) and not pending:
            result.deadline = clause
            continue
        for role, pattern in _ROLE_END:
            m = pattern.search(clause)
            if m and m.start() > 0:
                getattr(result, role).extend(u for u in pending + _units(clause[: m.start()]) if u not in getattr(result, role))
                pending = []
                break
        else:
            pending.extend(_units(clause))
    if pending:
        result.responsible.extend(u for u in pending if u not in result.responsible)
    return result


def leading_responsibility(text: str) -> Optional[str]:
    """'由…负责，在政府信息公开前……' → '由…负责' (the clause naming units at the start of a text)."""
    m = re.match(r"^由(.{2,80}?(?:牵头|负责|配合)(?:落实)?)[，,]", text)
    return m.group(0)[:-1] if m else None
