""".docx → paragraphs and Grids, as the reader sees the document in Word.

- Merges come from the XML (gridSpan, vMerge), not guessed.
- Automatic numbering (numPr, directly or through the paragraph style) becomes the number Word
  displays ("一、", "（二）", "3."), also in table cells (a 序号 column numbered by Word).
- Text inside content controls (w:sdt) is read like any other text.
- Tracked changes are read as accepted (insertions kept, deletions dropped), with a warning.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator

from ...model.vocab import chinese_numeral
from ..grid import Cell, Grid, clean

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_WRAPPERS = {W + "sdt", W + "sdtContent", W + "customXml", W + "smartTag"}
_SKIP = {W + "del", W + "moveFrom", W + "pPr", W + "rPr", W + "sdtPr", W + "txbxContent", W + "instrText", W + "delText",
         "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"}
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
_FULL_DIGITS = str.maketrans("0123456789", "０１２３４５６７８９")


def _roman(n: int) -> str:
    out = ""
    for value, letters in ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"), (50, "l"), (40, "xl"),
                           (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")):
        while n >= value:
            out, n = out + letters, n - value
    return out


def format_number(n: int, fmt: str) -> str:
    """A counter in one of Word's w:numFmt styles."""
    if fmt in ("chineseCounting", "chineseCountingThousand", "ideographTraditional", "taiwaneseCounting",
               "taiwaneseCountingThousand", "japaneseCounting", "koreanCounting"):
        return chinese_numeral(n)
    if fmt == "chineseLegalSimplified":
        return chinese_numeral(n).translate(str.maketrans("一二三四五六七八九十百", "壹贰叁肆伍陆柒捌玖拾佰"))
    if fmt == "decimalFullWidth" or fmt == "decimalFullWidth2":
        return str(n).translate(_FULL_DIGITS)
    if fmt in ("decimalEnclosedCircle", "decimalEnclosedCircleChinese") and 0 < n <= len(_CIRCLED):
        return _CIRCLED[n - 1]
    if fmt in ("lowerLetter", "upperLetter"):
        s = chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)
        return s.upper() if fmt == "upperLetter" else s
    if fmt in ("lowerRoman", "upperRoman"):
        return _roman(n).upper() if fmt == "upperRoman" else _roman(n)
    if fmt in ("bullet", "none"):
        return ""
    return str(n)


@dataclass
class _Level:
    start: int = 1
    fmt: str = "decimal"
    text: str = "%1."


@dataclass
class _Numbering:
    """Word's list counters: one per abstract list, levels restart below the level that counts."""

    levels: dict[str, dict[int, _Level]] = field(default_factory=dict)  # numId → ilvl → level
    abstract: dict[str, str] = field(default_factory=dict)  # numId → abstractNumId
    counters: dict[str, dict[int, int]] = field(default_factory=dict)
    used: int = 0

    def label(self, num_id: str, ilvl: int) -> str:
        levels = self.levels.get(num_id)
        if not levels or ilvl not in levels:
            return ""
        key = self.abstract.get(num_id, num_id)
        count = self.counters.setdefault(key, {})
        count[ilvl] = count[ilvl] + 1 if ilvl in count else levels[ilvl].start
        for deeper in [k for k in count if k > ilvl]:
            del count[deeper]
        level = levels[ilvl]
        if level.fmt in ("bullet", "none"):
            return ""
        text = level.text
        for k in range(ilvl, -1, -1):
            if f"%{k + 1}" in text:
                n = count.get(k, levels[k].start if k in levels else 1)
                text = text.replace(f"%{k + 1}", format_number(n, levels[k].fmt if k in levels else "decimal"))
        self.used += 1
        return text


def _val(el: Any, tag: str) -> str | None:
    child = el.find(W + tag) if el is not None else None
    return child.get(W + "val") if child is not None else None


def _read_numbering(document: Any) -> _Numbering:
    out = _Numbering()
    try:
        root = document.part.numbering_part.element
    except (KeyError, NotImplementedError, AttributeError):
        return out
    abstracts: dict[str, dict[int, _Level]] = {}
    for an in root.findall(W + "abstractNum"):
        levels = {}
        for lvl in an.findall(W + "lvl"):
            start = _val(lvl, "start")
            levels[int(lvl.get(W + "ilvl", "0"))] = _Level(int(start) if start and start.isdigit() else 1,
                                                            _val(lvl, "numFmt") or "decimal", _val(lvl, "lvlText") or "")
        abstracts[an.get(W + "abstractNumId", "")] = levels
    for num in root.findall(W + "num"):
        num_id, abstract_id = num.get(W + "numId", ""), _val(num, "abstractNumId") or ""
        levels = {k: _Level(v.start, v.fmt, v.text) for k, v in abstracts.get(abstract_id, {}).items()}
        restarted = False
        for override in num.findall(W + "lvlOverride"):
            ilvl = int(override.get(W + "ilvl", "0"))
            start = _val(override, "startOverride")
            if start and start.isdigit() and ilvl in levels:
                levels[ilvl].start, restarted = int(start), True
        out.levels[num_id] = levels
        out.abstract[num_id] = num_id if restarted else abstract_id
    return out


class _Reader:
    def __init__(self, document: Any) -> None:
        self.numbering = _read_numbering(document)
        self.styles: dict[str, Any] = {}
        try:
            for style in document.styles.element.findall(W + "style"):
                self.styles[style.get(W + "styleId", "")] = style
        except AttributeError:
            pass
        self.insertions = 0
        self.deletions = 0

    def _style_num(self, style_id: str | None, depth: int = 0) -> tuple[str | None, int | None]:
        style = self.styles.get(style_id or "")
        if style is None or depth > 10:
            return None, None
        numpr = style.find(f"{W}pPr/{W}numPr")
        if numpr is not None and _val(numpr, "numId"):
            ilvl = _val(numpr, "ilvl")
            return _val(numpr, "numId"), int(ilvl) if ilvl and ilvl.isdigit() else None
        return self._style_num(_val(style, "basedOn"), depth + 1)

    def label(self, p: Any) -> str:
        ppr = p.find(W + "pPr")
        numpr = ppr.find(W + "numPr") if ppr is not None else None
        style_num, style_ilvl = self._style_num(_val(ppr, "pStyle")) if ppr is not None else (None, None)
        num_id = _val(numpr, "numId") if numpr is not None else None
        ilvl_text = _val(numpr, "ilvl") if numpr is not None else None
        num_id = num_id or style_num
        if not num_id or num_id == "0":
            return ""
        ilvl = int(ilvl_text) if ilvl_text and ilvl_text.isdigit() else (style_ilvl or 0)
        return self.numbering.label(num_id, ilvl)

    def text(self, el: Any, breaks: str) -> str:
        out: list[str] = []
        self._collect(el, out, breaks)
        return "".join(out)

    def _collect(self, el: Any, out: list[str], breaks: str) -> None:
        for child in el:
            tag = child.tag
            if not isinstance(tag, str) or tag in _SKIP:
                if tag in (W + "del", W + "moveFrom"):
                    self.deletions += 1
                continue
            if tag == W + "t":
                out.append(child.text or "")
            elif tag == W + "tab":
                out.append("\t" if breaks == "\n" else " ")
            elif tag in (W + "br", W + "cr"):
                if child.get(W + "type") not in ("page", "column"):
                    out.append(breaks)
            elif tag == W + "noBreakHyphen":
                out.append("-")
            else:
                if tag in (W + "ins", W + "moveTo"):
                    self.insertions += 1
                self._collect(child, out, breaks)

    def paragraph(self, p: Any, breaks: str = "") -> str:
        return self.label(p) + self.text(p, breaks)


def blocks(el: Any, tags: tuple[str, ...]) -> Iterator[Any]:
    """Children of el with one of tags, looking through content controls and custom XML wrappers."""
    for child in el:
        if child.tag in tags:
            yield child
        elif child.tag in _WRAPPERS:
            yield from blocks(child, tags)


def _cell_text(reader: _Reader, tc: Any) -> str:
    paras = [reader.paragraph(p, "\n") for p in blocks(tc, (W + "p", W + "tbl")) if p.tag == W + "p"]
    return clean("\n".join(paras))


def _table_grid(reader: _Reader, tbl: Any, number: int, name: str, above: list[str]) -> Grid:
    rows: list[list[Cell]] = []
    for r, tr in enumerate(blocks(tbl, (W + "tr",)), 1):
        row: list[Cell] = []
        before = _val(tr.find(W + "trPr"), "gridBefore")
        for _ in range(int(before) if before and before.isdigit() else 0):
            row.append(Cell("", f"表{number}第{r}行第{len(row) + 1}列"))
        for tc in blocks(tr, (W + "tc",)):
            col = len(row)
            pos = f"表{number}第{r}行第{col + 1}列"
            tcpr = tc.find(W + "tcPr")
            vmerge = tcpr.find(W + "vMerge") if tcpr is not None else None
            span_text = _val(tcpr, "gridSpan")
            span = int(span_text) if span_text and span_text.isdigit() else 1
            if vmerge is not None and vmerge.get(W + "val") in (None, "continue") and rows and col < len(rows[-1]):
                cell = Cell(rows[-1][col].text, pos, covered=True)
                _cell_text(reader, tc)  # keeps automatic numbering counting as Word does
            else:
                cell = Cell(_cell_text(reader, tc), pos)
            row.append(cell)
            for extra in range(1, min(span, 64)):
                row.append(Cell(cell.text, f"表{number}第{r}行第{col + extra + 1}列", covered=cell.covered, spanned=True))
        rows.append(row)
    return Grid(rows, f"{name}:表{number}", above=list(above), merges_known=True)


def read_docx(path: Path) -> tuple[list[str], list[Grid], list[str]]:
    """(paragraphs outside tables, tables, reader warnings) in document order."""
    import docx

    document = docx.Document(str(path))
    reader = _Reader(document)
    paragraphs: list[str] = []
    grids: list[Grid] = []
    recent: list[str] = []
    for child in blocks(document.element.body, (W + "p", W + "tbl")):
        if child.tag == W + "p":
            text = clean(reader.paragraph(child))
            if text:
                paragraphs.append(text)
                recent = (recent + [text])[-3:]
        else:
            grids.append(_table_grid(reader, child, len(grids) + 1, path.name, recent))
            recent = []
    notes = []
    if reader.insertions or reader.deletions:
        notes.append(f"文档中有未接受的修订（插入 {reader.insertions} 处、删除 {reader.deletions} 处）：按接受全部修订后的文字导入，"
                     "请在 Word 中核对修订是否都应接受。")
    if reader.numbering.used:
        notes.append(f"文档中有 {reader.numbering.used} 处 Word 自动编号，按 Word 显示的编号读入（如“一、”“（二）”“3.”）。")
    return paragraphs, grids, notes
