"""Paragraphs of a 工作要点 / 分工方案 → Draft: numbered headings, task texts, responsibility sentences."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Literal, Optional, Union, cast

from .assign import parse_responsibility
from .draft import UNIT_ROLES, ColumnData, Draft, LevelData, NumberingData, PartData, SectionData, SubTaskData, TaskData, guess_year
from .labels import CLOSERS, Label, first_sentence, split_label
from .notice import read_notice
from ..model.units import RESPONSIBILITY, Responsibility, is_deadline, leading_responsibility, unit_like
from ..model.vocab import parse_chinese_numeral

_RANK = {"一、": 0, "（一）": 1, "1.": 2, "1．": 2, "1、": 2, "（1）": 3}
_SPACE_CJK = re.compile(r"(?<=[\u4e00-\u9fff]) +(?=[0-9A-Za-z])|(?<=[0-9A-Za-z]) +(?=[\u4e00-\u9fff])")
_ATTACHMENT = re.compile(r"^附件\s*\d*\s*[:：]\s*(.+)$")
_INLINE_KEYED = re.compile(r"[（(]\s*(?:牵头单位|牵头部门|责任单位|责任部门)\s*[:：][^（）()]*[）)]")


@dataclass
class Item:
    label: Label
    rank: int
    head: str  # the heading paragraph after the label
    paras: list[str] = field(default_factory=list)
    children: list["Item"] = field(default_factory=list)


def tidy(text: str) -> str:
    """Extraction noise: spaces between Chinese and digits ("沈阳市 2021 年")."""
    return _SPACE_CJK.sub("", text.strip())


def _ends(p: str) -> bool:
    return p.rstrip().endswith(tuple(CLOSERS)) or p.rstrip().endswith(("：", ":"))


def join_broken(paragraphs: list[str]) -> list[str]:
    """Rejoin paragraphs a page break split ("…人民群众的" + "知情权。…")."""
    out: list[str] = []
    for p in paragraphs:
        if out and not _ends(out[-1]) and len(out[-1]) > 40 and not split_label(p) and not RESPONSIBILITY.match(p):
            out[-1] += p
        else:
            out.append(p)
    return out


def _title_lines(paras: list[str]) -> tuple[str, list[str]]:
    lines: list[str] = []
    skipped = 0
    for p in paras:
        if not lines and re.fullmatch(r"附件\s*\d*\s*[:：]?", p):
            skipped += 1  # the 附件 mark above an attached 要点 is no part of its title
            continue
        if len(p) <= 40 and not _ends(p) and not split_label(p) and not p.endswith(("，", ",")):
            lines.append(p)
            continue
        break
    return "".join(lines), paras[skipped + len(lines):]


def read_outline(paragraphs: list[str]) -> Draft:
    parsed = read_notice([tidy(p) for p in paragraphs if p.strip()])
    draft = Draft(notice=parsed.notice, web=parsed.web, warnings=list(parsed.warnings))
    title, body = _title_lines(parsed.rest)
    if not title and parsed.notice:
        m = re.search(r"印发(.+?)的通知$", parsed.notice["title"])
        # a 通知 that is itself the 分解 ("YY县2023年政务公开工作任务分解"): its title is the plan's
        title = m.group(1).strip("《》") if m else re.sub(r"^.*?关于", "", parsed.notice["title"])
    draft.title = title
    body = join_broken(body)
    items, preamble, tail = _items(body, draft)
    draft.preamble = preamble
    if not items:
        return draft
    levels = _levels(items, draft)
    _build(draft, items, levels, tail)
    draft.year = guess_year(draft.title, *(draft.preamble[:1]))
    return draft


def _items(body: list[str], draft: Draft) -> tuple[list[Item], list[str], list[str]]:
    flat: list[Item] = []
    preamble: list[str] = []
    for _i, p in enumerate(body):
        m = _ATTACHMENT.match(p)
        if m:
            if draft.notice is not None:
                content = "table" if "表" in m.group(1) else "none"
                draft.notice.setdefault("attachments", []).append({"title": m.group(1).strip(), "content": content})
            continue
        label = split_label(p)
        if label and label.style in _RANK:
            flat.append(Item(label, _RANK[label.style], label.rest))
        elif flat:
            flat[-1].paras.append(p)
        else:
            preamble.append(p)
    # Trailing text after a last item that already has its own text is the closing (“各地区、各部门要……”).
    tail: list[str] = []
    if flat:
        last = flat[-1]
        _, rest = first_sentence(last.head)
        while last.paras and (rest or len(last.paras) > 1) and not RESPONSIBILITY.match(last.paras[-1]):
            tail.insert(0, last.paras.pop())
    return flat, preamble, tail


def _levels(items: list[Item], draft: Draft) -> dict[int, str]:
    """rank → part / section / task / subtask, from which styles occur and how they count."""
    ranks = sorted({i.rank for i in items})
    if len(ranks) >= 4:
        return dict(zip(ranks, ["part", "section", "task", "subtask"]))
    if len(ranks) == 3:
        middle = ranks[1]
        # The level numbered straight through the document is the task level (吉林市 （一）…（十七）).
        seq = [i.label.number for i in items if i.rank == middle]
        continuous = seq == list(range(1, len(seq) + 1)) and len({i.rank for i in items[:1]}) == 1 and _parents_with(items, ranks[0], middle) > 1
        if continuous:
            return dict(zip(ranks, ["part", "task", "subtask"]))
        if ranks == [0, 2, 3]:
            # 一、 → 1. → （1） without a （一） level: the 1. items are the tasks, （1） their sub-items
            draft.decisions.append("正文编号为“一、”“1.”“（1）”三级：“1.”为任务，“（1）”为子任务。")
            return dict(zip(ranks, ["part", "task", "subtask"]))
        return dict(zip(ranks, ["part", "section", "task"]))
    if len(ranks) == 2:
        return dict(zip(ranks, ["part", "task"]))
    draft.warnings.append("全文只有一级编号：各项作为任务放在一个部分下，部分标题请核对。")
    return {ranks[0]: "task"}


def _parents_with(items: list[Item], parent: int, child: int) -> int:
    count, seen = 0, False
    for i in items:
        if i.rank == parent:
            seen = False
        elif i.rank == child and not seen:
            seen, count = True, count + 1
    return count


def _split_head(head: str, kind: str) -> tuple[Optional[str], str]:
    title, rest = first_sentence(head)
    if kind == "subtask" and not rest:
        return None, head
    return title, rest


def _responsibility(paras: list[str], text_first: str) -> tuple[list[str], Optional[str], Responsibility]:
    """(text paragraphs, the closing responsibility sentence, units named anywhere)."""
    units = Responsibility()
    resp = None
    texts = list(paras)
    if texts and RESPONSIBILITY.match(texts[-1]) and len(texts[-1]) <= 300:
        resp = texts.pop()
        units.merge(parse_responsibility(resp))
    for t in texts + [text_first]:
        lead_in = leading_responsibility(t)
        rest = t[len(lead_in) + 1:] if lead_in else ""
        whole = not lead_in or re.search(r"牵头|配合|负责|落实", rest) or is_deadline(rest.rstrip("。"))
        if RESPONSIBILITY.match(t) and len(t) <= 200 and not first_sentence(t)[1] and whole:
            units.merge(_named_units(t))  # the whole paragraph is the sentence
        elif lead_in:
            units.merge(parse_responsibility(lead_in))  # "由…负责，在……": only the opening clause
        for m in _INLINE_KEYED.finditer(t):
            units.merge(parse_responsibility(m.group(0)))
        units.merge(_trailing_responsibility(t))
        for _, _, found in tails(t):
            units.merge(found)
    return texts, resp, units


def _unit_name(name: str) -> bool:
    """Reads as a unit: 各… or ending like one, a bracketed alias aside ("政务公开办(政网办)")."""
    bare = re.sub(r"[（(][^（）()]*[）)]$", "", name.strip())
    return name.startswith("各") or unit_like(bare)


def _named_units(sentence: str) -> Responsibility:
    """The units a responsibility sentence names; a clause before "由…" that names no unit
    ("提升网站内容质量，由A牵头，B配合") is task text, so the sentence is read from "由"."""
    parsed = parse_responsibility(sentence)
    named = parsed.lead + parsed.responsible + parsed.cooperate
    if all(_unit_name(u) for u in named):
        return parsed
    m = re.search(r"[，,；;]\s*(由.+)$", sentence)
    return _named_units(m.group(1)) if m else Responsibility()


_PAREN = re.compile(r"[（(]((?:[^（）()]|[（(][^（）()]{0,20}[）)]){2,200}?)[）)]")
_ROLE_WORD = re.compile(r"负责|牵头|配合|落实|承办|协办|参与")
_SUB_MARK = re.compile(r"(?:(?<=^)|(?<=[。；;，,：:\s]))([一二三四五六七八九十]+)是")


def tails(text: str) -> list[tuple[int, int, Responsibility]]:
    """Bracketed responsibility notes anywhere in a paragraph: "（A，B按照职责分工负责）", "（A牵头，B配合）"."""
    out = []
    for m in _PAREN.finditer(text):
        inner = m.group(1)
        if not (_ROLE_WORD.search(inner) or re.search(r"(?:牵头|责任|配合)(?:单位|部门)\s*[:：]", inner)):
            continue
        parsed = parse_responsibility(inner)
        named = parsed.lead + parsed.responsible + parsed.cooperate
        if named and all(len(u) <= 40 and _unit_name(u) for u in named):
            out.append((m.start(), m.end(), parsed))
    return out


def sub_items(text: str) -> tuple[list[SubTaskData], str]:
    """"一是……；二是……；三是……" → sub-tasks (with the units noted inside each), and the text for the
    task's own units: the notes inside the sub-items masked out, a note after the last one kept."""
    marks = list(_SUB_MARK.finditer(text))
    numbers = []
    for m in marks:
        try:
            numbers.append(parse_chinese_numeral(m.group(1)))
        except (ValueError, IndexError):
            numbers.append(0)
    # keep the first run 1, 2, 3 … (a stray "一是" in a sentence is no list)
    run: list[re.Match[str]] = []
    for m, n in zip(marks, numbers):
        if n == len(run) + 1:
            run.append(m)
    if len(run) < 2:
        return [], text
    found = tails(text)
    bounds = [m.start() for m in run] + [len(text)]
    subs: list[SubTaskData] = []
    masked = text
    for k, m in enumerate(run):
        seg_start, seg_end = m.end(), bounds[k + 1]
        inner = [t for t in found if seg_start <= t[0] and t[1] <= seg_end]
        own = inner
        segment = text[seg_start:seg_end]
        if k == len(run) - 1 and not any(t[1] <= run[-1].start() for t in found):
            # a note after the last item, when no other item has one, is the whole task's
            own = []
            end_note = next((t for t in inner if text[t[1]:].strip(" 。.；;") == ""), None)
            if end_note is not None:
                segment = text[seg_start:end_note[0]]
        sub_text = segment.strip().rstrip("；;，,。. ").strip() + "。"
        units = Responsibility()
        for start, end, parsed in own:
            units.merge(parsed)
            masked = masked[:start] + " " * (end - start) + masked[end:]
        for start, end, _ in own:
            sub_text = sub_text.replace(text[start:end], "")
        sd: SubTaskData = {"text": sub_text}
        _put_units(sd, units)
        subs.append(sd)
    return subs, masked




def _trailing_responsibility(text: str) -> Responsibility:
    """'……解读惠企政策。由市工信局负责，市数据局配合。': a closing sentence naming units, after the text."""
    head, rest = first_sentence(text)
    if not rest or not head:
        return Responsibility()
    found = Responsibility()
    while rest:
        sentence, rest = first_sentence(rest)
        if RESPONSIBILITY.match(sentence) and len(sentence) <= 120:
            parsed = parse_responsibility(sentence)
            named = parsed.lead + parsed.responsible + parsed.cooperate
            if named and all(len(u) <= 30 and unit_like(u) for u in named):
                found.merge(parsed)
    return found


def _put_units(node: SubTaskData, units: Responsibility) -> None:
    """The units and deadline read from a sentence, one unit as a string (as a plan author writes it)."""
    for role in UNIT_ROLES:
        values: list[str] = getattr(units, role)
        if values:
            node[role] = values[0] if len(values) == 1 else values
    if units.deadline:
        node["deadline"] = units.deadline


def _node(item: Item, kind: str) -> TaskData:
    """A numbered item as a task (its title, text, responsibility sentence, units, sub-items); a part or
    section keeps only its title and text."""
    title, first = _split_head(item.head, kind)
    subtasks: list[SubTaskData] = []
    masked_first, masked_paras = first, list(item.paras)
    if kind == "task":
        for k, p in enumerate([first] + item.paras):
            subs, masked = sub_items(p)
            if subs:
                subtasks += subs
                if k == 0:
                    masked_first = masked
                else:
                    masked_paras[k - 1] = masked
    texts, resp, units = _responsibility(masked_paras, masked_first)
    texts = item.paras[:len(texts)]
    d: TaskData = {}
    if title is not None:
        d["title"] = title
    paragraphs = ([first] if first else []) + texts
    if kind not in ("task", "subtask") and resp:
        paragraphs.append(resp)  # a part's or section's responsibility sentence stays in its text
    if paragraphs:
        d["text"] = paragraphs[0] if len(paragraphs) == 1 else paragraphs
    if kind in ("task", "subtask"):
        if resp:
            d["responsibility"] = resp
        _put_units(d, units)
        if subtasks:
            d["subtasks"] = subtasks
    return d


def _part(d: TaskData) -> PartData:
    """A part from a numbered heading: its title and text."""
    out: PartData = {"title": d.get("title", "")}
    if "text" in d:
        out["text"] = d["text"]
    return out


def _section(d: TaskData) -> SectionData:
    out: SectionData = {"title": d.get("title", "")}
    if "text" in d:
        out["text"] = d["text"]
    return out


def _build(draft: Draft, items: list[Item], levels: dict[int, str], tail: list[str]) -> None:
    parts: list[PartData] = []
    part: Optional[PartData] = None
    section: Optional[SectionData] = None
    task: Optional[TaskData] = None
    numbers: dict[str, list[tuple[int, int]]] = {"part": [], "section": [], "task": [], "subtask": []}
    styles: dict[str, list[str]] = {}
    parent_ids = {"part": 0, "section": 0, "task": 0}
    untitled = draft.title or "（无标题）"
    for item in items:
        kind = levels.get(item.rank)
        if kind is None:
            continue
        d = _node(item, kind)
        if kind == "part":
            part, section, task = _part(d), None, None
            parts.append(part)
            parent_ids["part"] += 1
        elif kind == "section":
            if part is None:
                part = {"title": untitled}
                parts.append(part)
            section = _section(d)
            part.setdefault("sections", []).append(section)
            task = None
            parent_ids["section"] += 1
        elif kind == "task":
            if part is None:
                part = {"title": untitled}
                parts.append(part)
            (section if section is not None else part).setdefault("tasks", []).append(d)
            task = d
            parent_ids["task"] += 1
        else:
            if task is None:
                draft.warnings.append(f"“{item.label.text}{item.head[:16]}”前面没有上一级任务，作为任务导入，请核对。")
                if section is not None or part is not None:
                    (section if section is not None else cast(PartData, part)).setdefault("tasks", []).append(d)
                continue
            task.setdefault("subtasks", []).append(d)
        parent = {"part": 0, "section": parent_ids["part"], "task": parent_ids["section"] or parent_ids["part"],
                  "subtask": parent_ids["task"]}[kind]
        numbers[kind].append((parent, item.label.number))
        styles.setdefault(kind, []).append(item.label.style)
    for p in parts:
        for t in p.get("tasks", []) + [t for s in p.get("sections", []) for t in s.get("tasks", [])]:
            _lift_task_responsibility(t)
        if p.get("tasks") and p.get("sections"):
            draft.warnings.append(f"部分“{p['title'][:16]}”既有小节又有直接列出的任务，任务已移入第一个小节，请核对。")
            p["sections"][0].setdefault("tasks", [])[:0] = p.pop("tasks")
        if not p.get("tasks") and not p.get("sections"):
            draft.warnings.append(f"部分“{p['title'][:16]}”下没有任务，已补一项空任务，请填写或删除该部分。")
            p["tasks"] = [{"title": "（请填写）"}]
    draft.parts = parts
    draft.closing = tail
    draft.numbering = _numbering(numbers, styles, draft)
    draft.columns = _columns(draft)
    draft.part_rows = True


_LIFTED: tuple[Literal["responsibility", "lead", "responsible", "cooperate", "deadline"], ...] = (
    "responsibility", "lead", "responsible", "cooperate", "deadline")


def _lift_task_responsibility(task: TaskData) -> None:
    """A responsibility after the last sub-task, when no other sub-task has one, is the task's (吉林市（五）)."""
    subs = task.get("subtasks", [])
    if len(subs) < 2 or "responsibility" not in subs[-1] or any("responsibility" in s for s in subs[:-1]) or "responsibility" in task:
        return
    last = subs[-1]
    moved, rest = cast(dict[str, Any], task), cast(dict[str, Any], last)  # the same keys on both sides
    for key in _LIFTED:
        if key in rest:
            moved[key] = rest.pop(key)


_LEVELS: tuple[Literal["part", "section", "task", "subtask"], ...] = ("part", "section", "task", "subtask")


def _numbering(numbers: dict[str, list[tuple[int, int]]], styles: dict[str, list[str]], draft: Draft) -> NumberingData:
    out: NumberingData = {}
    for kind in _LEVELS:
        seen = styles.get(kind, [])
        if not seen:
            if kind != "section":
                out[kind] = {"style": "none"}
            continue
        style = max(set(seen), key=seen.count)
        if len(set(seen)) > 1:
            draft.warnings.append(f"{ {'part': '部分', 'section': '小节', 'task': '任务', 'subtask': '子任务'}[kind] }的编号样式不统一（{'、'.join(sorted(set(seen)))}），统一为“{style}”。")
        pairs = numbers[kind]
        restart = any(n == 1 for _, n in pairs[1:]) and len({p for p, _ in pairs}) > 1
        level: LevelData = {"style": style}
        if kind != "part":
            level["restart"] = restart
        out[kind] = level
        _check(kind, pairs, restart, draft)
    return out


def _check(kind: str, pairs: list[tuple[int, int]], restart: bool, draft: Draft) -> None:
    expected: int = 0
    parent: Optional[int] = None
    for p, n in pairs:
        if restart and p != parent:
            expected, parent = 0, p
        expected += 1
        if n != expected:
            draft.warnings.append(f"编号 {n} 处按顺序应为 {expected}（{kind}）；计划按顺序重新编号，请核对。")
            expected = n


def _columns(draft: Draft) -> list[ColumnData]:
    tasks = draft.tasks()
    nodes: list[Union[TaskData, SubTaskData]] = [*tasks, *(s for t in tasks for s in t.get("subtasks", []))]

    def has(key: str) -> bool:
        return any(key in n for n in nodes)

    cols: list[ColumnData] = [{"header": "重点任务", "field": "task", "width": 22}]
    cols.append({"header": "具体内容", "field": "content", "width": 60})
    for key, header, width in (("lead", "牵头单位", 18), ("responsible", "责任单位", 22), ("cooperate", "配合单位", 18),
                               ("deadline", "完成时限", 12)):
        if has(key):
            cols.append({"header": header, "field": key, "width": width})
    return cols
