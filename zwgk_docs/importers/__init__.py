"""`zwgk import`: bring an office's existing 任务分解表 / 工作要点 into a plan file.

readers/ turn .xlsx/.docx/.csv/text into paragraphs and Grids; table_plan.py and
outline.py turn those into a Draft; combine.py pairs a document's text with its
table; writer.py writes the Draft as commented YAML. `new` and `init` live in
newyear.py and blank.py.
"""

from __future__ import annotations

import re
from pathlib import Path

from ..errors import Location, UserError
from .combine import combine
from .draft import Draft, Imported, guess_year
from .grid import Grid, drop_empty_columns
from .layout import find_header
from .limits import MAX_TEXT_BYTES, check_file_size, check_package
from .outline import read_outline
from .table_plan import read_table

__all__ = ["import_document", "import_to_yaml", "Draft", "Imported"]

_OLD_FORMATS = {".doc": ".docx", ".wps": ".docx", ".xls": ".xlsx", ".et": ".xlsx"}
_TEXT_SUFFIXES = ("", ".txt", ".md", ".text")
_CFB = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # OLE compound file: old .doc/.xls, or a password-protected .docx/.xlsx
SUPPORTED = ".xlsx、.docx、.csv、.txt、.md"


def _check_file(path: Path) -> str:
    """The suffix to read path as, after the checks that need no parsing."""
    suffix = path.suffix.lower()
    if suffix in _OLD_FORMATS:
        raise UserError.single(f"不支持旧版 {suffix} 格式：请先在 WPS 或 Office 中“另存为” {_OLD_FORMATS[suffix]} 再导入。", Location(str(path)))
    if suffix not in (".xlsx", ".xlsm", ".docx", ".csv", ".tsv") + _TEXT_SUFFIXES:
        raise UserError.single(f"不支持导入 {suffix} 文件；可以导入的是 {SUPPORTED}（PDF、图片请先复制出文字存为 .txt）。", Location(str(path)))
    if not path.exists():
        raise UserError.single("找不到文件。", Location(str(path)))
    if path.is_dir():
        raise UserError.single("这是一个文件夹，不是要导入的文件。", Location(str(path)))
    with path.open("rb") as f:
        head = f.read(8)
    if not head:
        raise UserError.single("无法打开：文件为空（0 字节），没有可导入的内容。", Location(str(path)))
    if head == _CFB and suffix in (".xlsx", ".xlsm", ".docx"):
        raise UserError.single(f"无法读取这个 {suffix} 文件：它设置了打开密码（已加密），或其实是旧版 .doc/.xls 文件。"
                               f"请在 WPS 或 Office 中取消密码、或“另存为” {suffix} 后再导入。", Location(str(path)))
    return suffix


def _read(path: Path) -> tuple[list[str], list[Grid], list[str], list[str]]:
    """(paragraphs, grids, reader warnings, reader decisions)."""
    suffix = _check_file(path)
    try:
        if suffix in (".xlsx", ".xlsm"):
            from .readers.xlsx import read_xlsx

            check_package(path, "xlsx")
            return [], read_xlsx(path), [], []
        if suffix == ".docx":
            from .readers.docx import read_docx

            check_package(path, "docx")
            paragraphs, grids, notes = read_docx(path)
            return paragraphs, grids, [n for n in notes if "自动编号" not in n], [n for n in notes if "自动编号" in n]
        check_file_size(path, MAX_TEXT_BYTES)
        raw = path.read_bytes()
        if raw[:2] == b"PK":
            raise UserError.single("这是一个压缩包格式的文件（.docx/.xlsx），但扩展名不对：请把扩展名改为 .docx 或 .xlsx。", Location(str(path)))
        if suffix in (".csv", ".tsv"):
            from .readers.text import read_csv

            return [], read_csv(path), [], []
        from .readers.text import decode_text, read_text

        paragraphs, grids = read_text(decode_text(raw, str(path)), path.name)
        return paragraphs, grids, [], []
    except UserError:
        raise
    except MemoryError:
        raise UserError.single("文件太大，内存不足，无法导入。", Location(str(path))) from None
    except Exception as exc:  # a damaged or mislabelled office file
        if suffix in (".xlsx", ".xlsm", ".docx"):
            raise UserError.single(f"无法打开这个 {suffix} 文件（{type(exc).__name__}）：文件可能已损坏，或不是真正的 {suffix} 格式。", Location(str(path))) from None
        raise


def _table_grid(grids: list[Grid]) -> tuple[Grid | None, int]:
    """The task table and how many grids it took: the first grid with a header (or a text table),
    plus same-width continuations (a table split over pages, its header repeated or not)."""
    candidates = [g for g in grids if g.stream or g.align_right or find_header(g)[0] >= 0]
    if not candidates:
        candidates = [g for g in grids if len(g.rows) >= 3 and g.width >= 3]
    if not candidates:
        return None, 0
    first = candidates[0]
    rows = list(first.rows)
    warnings = list(first.warnings)
    used = 1
    for g in grids[grids.index(first) + 1:]:
        if g.width == first.width and not g.stream and (find_header(g)[0] < 0 or [c.text for c in g.rows[find_header(g)[1]]] == [c.text for c in first.rows[find_header(first)[1]]]):
            rows += g.rows[max(find_header(g)[0], 0):]  # its own title rows dropped; repeated headers are skipped later
            warnings += g.warnings
            used += 1
        else:
            break
    return drop_empty_columns(Grid(rows, first.source, first.above, first.align_right, first.stream, first.merges_known, warnings)), used


def import_document(path: Path) -> Imported:
    """The typed plan read from an office file, with the importer's decisions and warnings."""
    return _draft(path).finish(str(path))


def _draft(path: Path) -> Draft:
    paragraphs, grids, notes, decided = _read(path)
    grid, used = _table_grid(grids)
    table = read_table(grid) if grid is not None else None
    if table is not None and grid is not None:
        # The table's own title printed above it is not part of the 要点 text.
        while paragraphs and paragraphs[-1] in (table.table_title, "附件", "附件1"):
            paragraphs = paragraphs[:-1]
    prose = read_outline(paragraphs) if paragraphs else None
    outline = prose if prose is not None and prose.tasks() else None  # the text has numbered tasks
    draft: Draft
    if table is not None and table.tasks() and outline is not None:
        draft = combine(outline, table)
    elif table is not None and table.tasks():
        draft = table
        if prose is not None and (prose.notice or prose.web):
            draft.notice, draft.web = prose.notice, prose.web
            draft.decisions = prose.decisions + draft.decisions
            if draft.notice is not None and not draft.notice.get("attachments"):
                draft.notice["attachments"] = [{"title": draft.table_title or draft.title, "content": "table"}]
            draft.title = prose.title or draft.title
            if draft.notice is not None:
                draft.notice["plan_follows"] = False  # the notice sends out a table, not a 要点 text
    elif outline is not None:
        draft = outline
    else:
        raise UserError.single("没有找到任务分解表（带“工作任务”“责任单位”等表头的表格）或带编号（一、（一）1.）的工作要点，无法导入。", Location(str(path)))
    draft.warnings[:0] = notes
    draft.decisions[:0] = decided
    _decide_year(draft)
    if grid is not None and sum(1 for g in grids if find_header(g)[0] >= 0) > 1 and len(grids) > used:
        draft.warnings.append(f"文件中有 {len(grids)} 个表格，只导入了第一个任务分解表（{grid.source}"
                              + (f"，连同接续它的 {used - 1} 个表格" if used > 1 else "") + "）。")
    return draft


def _decide_year(draft: Draft) -> None:
    """The plan's year: the year its title names; else the 发文字号's, the 成文日期's, the text's — said in a decision."""
    notice = draft.notice or {}
    number = re.search(r"〔(\d{4})〕", notice.get("doc_number") or "")
    dated = notice.get("date") if "成文日期" not in " ".join(draft.warnings) else None
    candidates = [("标题", guess_year(draft.title, draft.table_title)),
                  ("发文字号", int(number.group(1)) if number else None),
                  ("成文日期", dated.year if dated else None),
                  ("正文", draft.year)]
    source, year = next(((name, y) for name, y in candidates if y), ("", None))
    draft.year = year
    if year is None:
        return
    draft.decisions.append(f"年度 {year}：取自{source}。")
    others = {name: y for name, y in candidates[1:3] if y and y != year}
    if others and source == "标题":
        draft.warnings.append("年度不一致：标题为 " + str(year) + " 年，" + "、".join(f"{n}为 {y} 年" for n, y in others.items())
                              + f"；按标题取 {year} 年，请核对 plan.year。")


def import_to_yaml(path: Path) -> tuple[str, Imported]:
    imported = import_document(path)
    return imported.yaml(), imported
