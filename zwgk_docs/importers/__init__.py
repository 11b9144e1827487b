"""`zwgk import`: bring an office's existing 任务分解表 / 工作要点 into a plan file.

readers/ turn .xlsx/.docx/.csv/text into paragraphs and Grids; table_plan.py and
outline.py turn those into a Draft; combine.py pairs a document's text with its
table; writer.py writes the Draft as commented YAML. `new` and `init` live in
newyear.py and blank.py.
"""

from __future__ import annotations

from pathlib import Path

from ..errors import Location, UserError
from .combine import combine
from .draft import Draft, guess_year
from .grid import Grid
from .layout import find_header
from .outline import read_outline
from .table_plan import read_table
from .writer import draft_to_yaml

__all__ = ["import_document", "import_to_yaml", "Draft"]

_OLD_FORMATS = {".doc": ".docx", ".wps": ".docx", ".xls": ".xlsx", ".et": ".xlsx"}


def _read(path: Path) -> tuple[list[str], list[Grid]]:
    suffix = path.suffix.lower()
    if suffix in _OLD_FORMATS:
        raise UserError.single(f"不支持旧版 {suffix} 格式：请先在 WPS 或 Office 中“另存为” {_OLD_FORMATS[suffix]} 再导入。", Location(str(path)))
    try:
        if suffix in (".xlsx", ".xlsm"):
            from .readers.xlsx import read_xlsx

            return [], read_xlsx(path)
        if suffix == ".docx":
            from .readers.docx import read_docx

            return read_docx(path)
        if suffix == ".csv":
            from .readers.text import read_csv

            return [], read_csv(path)
        from .readers.text import decode_text, read_text

        raw = path.read_bytes()
        if raw[:2] == b"PK":
            raise UserError.single("这是一个压缩包格式的文件（.docx/.xlsx），但扩展名不对：请把扩展名改为 .docx 或 .xlsx。", Location(str(path)))
        return read_text(decode_text(raw), path.name)
    except FileNotFoundError:
        raise UserError.single("找不到文件。", Location(str(path))) from None
    except IsADirectoryError:
        raise UserError.single("这是一个文件夹，不是要导入的文件。", Location(str(path))) from None
    except UserError:
        raise
    except Exception as exc:  # a damaged or mislabelled office file
        if suffix in (".xlsx", ".xlsm", ".docx"):
            raise UserError.single(f"无法打开这个 {suffix} 文件（{type(exc).__name__}）：文件可能已损坏，或不是真正的 {suffix} 格式。", Location(str(path))) from None
        raise


def _table_grid(grids: list[Grid]) -> Grid | None:
    """The task table: the first grid with a header (or a text table), plus same-width continuations."""
    candidates = [g for g in grids if g.stream or g.align_right or find_header(g)[0] >= 0]
    if not candidates:
        candidates = [g for g in grids if len(g.rows) >= 3 and g.width >= 3]
    if not candidates:
        return None
    first = candidates[0]
    rows = list(first.rows)
    for g in grids[grids.index(first) + 1:]:
        if g.width == first.width and not g.stream and (find_header(g)[0] < 0 or [c.text for c in g.rows[find_header(g)[1]]] == [c.text for c in first.rows[find_header(first)[1]]]):
            rows += g.rows  # the same table continued (split over pages or per part); repeated headers are skipped later
        else:
            break
    return Grid(rows, first.source, first.above, first.align_right, first.stream, first.merges_known)


def import_document(path: Path) -> Draft:
    paragraphs, grids = _read(path)
    grid = _table_grid(grids)
    table = read_table(grid) if grid is not None else None
    if table is not None and grid is not None:
        # The table's own title printed above it is not part of the 要点 text.
        while paragraphs and paragraphs[-1] in (table.table_title, "附件", "附件1"):
            paragraphs = paragraphs[:-1]
    prose = read_outline(paragraphs) if paragraphs else None
    has_prose = prose is not None and bool(prose.tasks())
    if table is not None and table.tasks() and has_prose:
        draft = combine(prose, table)
    elif table is not None and table.tasks():
        draft = table
        if prose is not None and (prose.notice or prose.web):
            draft.notice, draft.web = prose.notice, prose.web
            if draft.notice is not None and not draft.notice.get("attachments"):
                draft.notice["attachments"] = [{"title": draft.table_title or draft.title, "content": "table"}]
            draft.title = prose.title or draft.title
    elif has_prose:
        draft = prose
    else:
        raise UserError.single("没有找到任务分解表（带“工作任务”“责任单位”等表头的表格）或带编号（一、（一）1.）的工作要点，无法导入。", Location(str(path)))
    if not draft.year:
        notice_date = (draft.notice or {}).get("date")
        draft.year = guess_year(draft.title, draft.table_title) or (notice_date.year if notice_date else None)
    if len(grids) > 1 and grid is not None and sum(1 for g in grids if find_header(g)[0] >= 0) > 1:
        draft.warnings.append(f"文件中有 {len(grids)} 个表格，只导入了第一个任务分解表（{grid.source}）。")
    return draft


def import_to_yaml(path: Path) -> tuple[str, Draft]:
    draft = import_document(path)
    return draft_to_yaml(draft, path.name), draft
