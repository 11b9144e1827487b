"""Plain-text tables (tab- or |-separated, copied from web pages) made rectangular.

Copies lose the column structure in three ways: a header cell that spans two data columns
(“责任单位” over 牵头 | 配合) leaves the header shorter than the rows; merged leading cells
(a category printed once) are left out of the following rows; empty trailing cells are dropped.
Each short row is placed where its cells fit the columns' content best (a number under 序号,
units under units …); the header is widened where a spanning cell fits both columns below it.
Every adjustment is reported with its line.
"""

from __future__ import annotations

from .columns import content_role, profile
from .grid import Cell
from .headers import header_field

_ROLE_OF_FIELD = {"number": "number", "deadline": "deadline", "lead": "units", "responsible": "units", "cooperate": "units",
                  "content": "long", "task": "long"}


def _cell_role(text: str) -> str | None:
    return content_role(profile([Cell(text, "")], False)) if text else None


def _column_roles(rows: list[list[Cell]], width: int) -> list[str | None]:
    full = [r for r in rows if len(r) == width]
    return [content_role(profile([r[c] for r in full], False)) for c in range(width)]


def _fit(row: list[Cell], roles: list[str | None], offset: int) -> int:
    score = 0
    for k, cell in enumerate(row):
        role = _cell_role(cell.text)
        if role is not None and role == roles[offset + k]:
            score += 2 if role in ("number", "deadline", "units") else 1
    return score


def widen_header(header: list[Cell], width: int, roles: list[str | None], notes: list[str]) -> list[Cell]:
    """A header shorter than the rows: let the cell whose words fit two columns below it span them."""
    while len(header) < width:
        best, best_score = None, -1
        for j, cell in enumerate(header):
            wanted = _ROLE_OF_FIELD.get(header_field(cell.text) or "")
            if wanted is None:
                continue
            # columns j, j+1 after widening at j; the header cells right of j shift by one
            score = sum(1 for k in (j, j + 1) if roles[k] == wanted)
            score += sum(1 for k, h in enumerate(header[:j]) if _ROLE_OF_FIELD.get(header_field(h.text) or "") == roles[k])
            score += sum(1 for k, h in enumerate(header[j + 1:], j + 2)
                         if k < width and _ROLE_OF_FIELD.get(header_field(h.text) or "") == roles[k])
            if score > best_score:
                best, best_score = j, score
        if best is None:
            header = header + [Cell("", header[-1].pos if header else "")]
            notes.append(f"表头只有 {len(header) - 1} 格而数据行有 {width} 格：最后一列没有表头，请核对。")
            continue
        spanning = header[best]
        if _ROLE_OF_FIELD.get(header_field(spanning.text) or "") == "units":
            # 责任单位 over 牵头 | 配合 whose second header row was lost in the copy
            pair = [Cell(f"{spanning.text}（牵头）", spanning.pos), Cell(f"{spanning.text}（配合）", spanning.pos)]
            how = "左列作为牵头单位、右列作为配合单位"
        else:
            pair = [spanning, Cell("", spanning.pos)]
            how = "右列的含义按内容判断"
        header = header[:best] + pair + header[best + 1:]
        notes.append(f"{spanning.pos}：表头“{spanning.text}”下面有两列数据，按跨两列的表头读入，{how}，请核对。")
    return header


def align(rows: list[list[Cell]], header_at: int, notes: list[str]) -> list[list[Cell]]:
    """Rows (header included, at header_at or -1) padded to one width, each short row placed by content."""
    body = rows[header_at + 1:]
    counts: dict[int, int] = {}
    for r in body:
        counts[len(r)] = counts.get(len(r), 0) + 1
    if not counts:
        return rows
    width = max(counts)
    header_width = len(rows[header_at]) if header_at >= 0 else width
    if len(counts) == 1 and header_width == width:
        return rows  # already rectangular: nothing to place
    roles = _column_roles(body, width)
    out = [list(r) for r in rows[:header_at + 1]]
    if header_at >= 0 and len(out[header_at]) < width:
        out[header_at] = widen_header(out[header_at], width, roles, notes)
    if header_at >= 0 and len(out[header_at]) > width:
        width = len(out[header_at])
        roles += [None] * (width - len(roles))
    left: list[str] = []
    right: list[str] = []
    for r in body:
        if len(r) >= width or len(r) <= 1:
            out.append(r)
            continue
        scores = [_fit(r, roles, k) for k in range(width - len(r) + 1)]
        offset = max(range(len(scores)), key=lambda k: (scores[k], -k))
        pad = Cell("", r[0].pos)
        out.append([Cell("", pad.pos) for _ in range(offset)] + r + [Cell("", pad.pos) for _ in range(width - len(r) - offset)])
        (left if offset == 0 else right).append(r[0].pos.split("第")[1].split("行")[0] if "行" in r[0].pos else r[0].pos)
    if left:
        notes.append(f"第{'、'.join(left[:10])}{'等' if len(left) > 10 else ''}行比表头少了末尾的单元格，按左对齐读入（缺的格为空），请核对。")
    if right:
        notes.append(f"第{'、'.join(right[:10])}{'等' if len(right) > 10 else ''}行少了开头的单元格（原表中与上一行合并），"
                     "按内容对齐到右边的列，请核对。")
    return out
