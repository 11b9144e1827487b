"""The 任务分解表 workbook, the progress ledger and the per-unit lists, opened with openpyxl
and compared with the plan; LibreOffice as the real client for the 沈阳 table."""

from __future__ import annotations

import datetime as dt
import functools
import shutil
import subprocess
import zipfile

import pytest
from lxml import etree
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter
from openpyxl.utils.datetime import to_excel
from openpyxl.utils.cell import column_index_from_string, coordinate_from_string

from conftest import example_path, pdf_text, soffice_to_pdf, squash
from zwgk_docs import build_context, load_plan
from zwgk_docs.errors import UserError
from zwgk_docs.writers import get_writer
from zwgk_docs.writers.xlsx.ledger import STATUSES
from zwgk_docs.writers.xlsx.ledger_reader import read_ledger

write = get_writer("xlsx")  # tasks.xlsx and ledger.xlsx

# The seeds' own column names (tests/data/seeds/README.md); 吉林市 has no table, its example derives one.
HEADERS = {
    "shenyang-2021": ["事项名称", "主要任务", "牵头部门", "责任单位", "完成时限"],
    "teda-2018": ["工作项目", "工作要点", "具体工作内容及目标", "公开时限", "公开方式", "责任部门"],
    "siping-2018": ["目标要求", "序号", "工作任务", "工作内容", "责任单位"],
    "chizhou-2018": ["一级", "二级", "序号", "工作内容", "责任单位", "时限"],
    "jilin-2018": None,
}
# Columns whose cells must merge somewhere in the seed's table (a hierarchy cell over several rows).
MERGED_COLUMN = {"shenyang-2021": "事项名称", "teda-2018": "工作项目", "siping-2018": "工作任务",
                 "chizhou-2018": "二级", "jilin-2018": "重点任务"}


@pytest.fixture(scope="module", params=list(HEADERS))
def built(request, built_plan):
    """The example's tasks.xlsx, ledger.xlsx and per-unit forms as `zwgk build -f xlsx --by-unit` writes
    them (conftest.built_plan: one build per run, shared with other modules; read only)."""
    name = request.param
    ctx = build_context(load_plan(example_path(name)))
    result = built_plan(example_path(name))
    outputs = [o for o in result.outputs if o.kind.endswith(".xlsx")]
    return name, ctx, result.folder, outputs


def header_row_of(ws) -> int:
    return ws.print_title_rows and int(ws.print_title_rows.split(":")[0].strip("$"))


def filled_grid(ws, first_row: int, last_row: int, ncols: int) -> list[list[str]]:
    """Cell texts with every merged cell's value copied into the cells it covers."""
    grid = [[ws.cell(r, c).value or "" for c in range(1, ncols + 1)] for r in range(first_row, last_row + 1)]
    for rng in ws.merged_cells.ranges:
        if rng.min_row < first_row or rng.max_row > last_row or rng.min_col > ncols:
            continue
        top = grid[rng.min_row - first_row][rng.min_col - 1]
        for r in range(rng.min_row, rng.max_row + 1):
            for c in range(rng.min_col, min(rng.max_col, ncols) + 1):
                grid[r - first_row][c - 1] = top
    return grid


def expected_grid(table) -> list[list[str]]:
    """The context table with merges filled down, part rows across all columns."""
    ncols = len(table.columns)
    grid: list[list[str]] = []
    for row in table.rows:
        if row.kind == "part":
            grid.append([row.cells[0].text] * ncols)
            continue
        grid.append([grid[-1][c] if cell.covered else cell.text for c, cell in enumerate(row.cells)])
    return grid


def sheet(outputs, kind: str, out=None):
    """The first sheet of a built workbook, read once for the module: the tests only read it
    (and only cells inside the sheet, so its max_row/max_column stay as written)."""
    return _first_sheet(next(o.path for o in outputs if o.kind == kind))


@functools.lru_cache(maxsize=None)
def _first_sheet(path):
    return load_workbook(path).worksheets[0]


def test_header_row_has_the_seed_columns(built):
    name, ctx, _, outputs = built
    ws = sheet(outputs, "tasks.xlsx")
    hr = header_row_of(ws)
    headers = [ws.cell(hr, c).value for c in range(1, len(ctx.table.columns) + 1)]
    assert headers == (HEADERS[name] or ctx.table.headers)
    assert ws.cell(hr, 1).style == "表头"


def test_title_rows(built):
    name, ctx, _, outputs = built
    ws = sheet(outputs, "tasks.xlsx")
    marks = [a.mark for a in ctx.notice.attachments if a.content == "table"] if ctx.notice else []
    cells = [ws.cell(r, 1).value for r in range(1, header_row_of(ws))]
    assert cells == marks + [ctx.table.title]
    if name == "shenyang-2021":
        assert cells[0] == "附件"


def test_every_cell_matches_the_context_and_every_task_is_there(built):
    name, ctx, _, outputs = built
    ws = sheet(outputs, "tasks.xlsx")
    first = header_row_of(ws) + 1
    ncols = len(ctx.table.columns)
    grid = filled_grid(ws, first, first + len(ctx.table.rows) - 1, ncols)
    assert grid == expected_grid(ctx.table)
    assert ws.max_row == first + len(ctx.table.rows) - 1
    # Against the plan itself: every task's number and every (sub-)task text is in the sheet.
    text = squash("".join(v for row in grid for v in row))
    plan = ctx.plan
    for task in plan.iter_tasks():
        assert squash(task.label) in text or any(v == str(task.ordinal) for row in grid for v in row)  # 序号 column
        for piece in [task.title or ""] + [p for s in task.subtasks for p in s.text] + (task.text if not task.subtasks else []):
            assert squash(piece) in text, (task.label, piece[:30])
    assert len({r.task_id for r in ctx.table.rows if r.kind == "data"}) == len(plan.iter_tasks())


def test_merged_cells_follow_rowspans(built):
    name, ctx, _, outputs = built
    ws = sheet(outputs, "tasks.xlsx")
    first = header_row_of(ws) + 1
    ncols = len(ctx.table.columns)
    merges = {str(r) for r in ws.merged_cells.ranges if r.min_row >= first}
    expected = set()
    for i, row in enumerate(ctx.table.rows):
        r = first + i
        if row.kind == "part":
            expected.add(f"A{r}:{get_column_letter(ncols)}{r}")
        for c, cell in enumerate(row.cells, start=1):
            if cell.rowspan > 1:
                expected.add(f"{get_column_letter(c)}{r}:{get_column_letter(c)}{r + cell.rowspan - 1}")
    assert merges == expected
    col = ctx.table.headers.index(MERGED_COLUMN[name]) + 1
    assert any(m.min_col == col and m.max_row > m.min_row for m in ws.merged_cells.ranges), "no merged hierarchy cell"


def test_print_setup(built):
    _, ctx, _, outputs = built
    for kind in ("tasks.xlsx", "ledger.xlsx", "units.xlsx"):
        ws = sheet(outputs, kind)
        hr = header_row_of(ws)
        assert ws.page_setup.orientation == "landscape"
        assert int(ws.page_setup.paperSize) == 9  # A4
        assert ws.sheet_properties.pageSetUpPr.fitToPage
        assert (int(ws.page_setup.fitToWidth), int(ws.page_setup.fitToHeight)) == (1, 0)
        assert ws.print_title_rows == f"${hr}:${hr}"
        assert ws.freeze_panes == f"A{hr + 1}"
        assert ws.oddFooter.center.text == "第 &P 页 共 &N 页"
        body = next(ws.cell(r, 2) for r in range(hr + 1, ws.max_row + 1) if type(ws.cell(r, 2)).__name__ == "Cell")
        assert body.alignment.wrap_text and body.border.left.style == "thin"
    ws = sheet(outputs, "tasks.xlsx")
    widths = [ws.column_dimensions[get_column_letter(c)].width for c in range(1, len(ctx.table.columns) + 1)]
    assert widths == [c.width for c in ctx.table.columns]


def test_row_heights_fit_the_text(built):
    """A 60-character cell in a 30-character column needs about four lines: rows must be that tall."""
    _, ctx, _, outputs = built
    ws = sheet(outputs, "tasks.xlsx")
    first = header_row_of(ws) + 1
    for i, row in enumerate(ctx.table.rows):
        if row.kind != "data":
            continue
        for col, cell in zip(ctx.table.columns, row.cells):
            if cell.covered or cell.rowspan > 1 or not cell.text:
                continue
            chars = sum(len(p) for p in cell.text.split("\n"))
            lines = max(1, int(chars * 2 / col.width))  # a Chinese character is two width units
            assert ws.row_dimensions[first + i].height >= lines * 11 * 1.2, (row.task_label, cell.text[:20])


class FastBook:
    """A workbook's sheets read straight from the package XML (lxml): cell values, the locked flag of each
    cell's style, sheet protection and print titles. About 20x faster than openpyxl.load_workbook, so every
    per-unit form can be checked; test_per_unit_forms checks it against openpyxl on one form."""

    def __init__(self, path):
        with zipfile.ZipFile(path) as z:
            parts = {n: z.read(n) for n in z.namelist() if n.endswith(".xml") or n.endswith(".rels")}
        book = etree.fromstring(parts["xl/workbook.xml"])
        rels = {r.get("Id"): r.get("Target").lstrip("/") for r in etree.fromstring(parts["xl/_rels/workbook.xml.rels"])}
        sheets = book.findall(f"{_NS}sheets/{_NS}sheet")
        self._xml = {sh.get("name"): etree.fromstring(parts[_part(rels[sh.get(_RID)])]) for sh in sheets}
        self.sheetnames = [sh.get("name") for sh in sheets]
        self.print_titles = {self.sheetnames[int(d.get("localSheetId"))]: d.text.split("!")[1]
                             for d in book.iter(f"{_NS}definedName") if d.get("name") == "_xlnm.Print_Titles"}
        styles = etree.fromstring(parts["xl/styles.xml"])
        self._locked = [xf.find(f"{_NS}protection") is None or xf.find(f"{_NS}protection").get("locked") != "0"
                        for xf in styles.find(f"{_NS}cellXfs")]
        shared = parts.get("xl/sharedStrings.xml")
        self._shared = ["".join(si.itertext()) for si in etree.fromstring(shared)] if shared else []

    def cells(self, name: str) -> dict[tuple[int, int], tuple[object, bool]]:
        """(row, column) -> (value as openpyxl reads it, locked)."""
        out = {}
        for c in self._xml[name].iter(f"{_NS}c"):
            col, row = coordinate_from_string(c.get("r"))
            t, v = c.get("t", "n"), c.find(f"{_NS}v")
            if t == "inlineStr":
                value: object = "".join(c.find(f"{_NS}is").itertext())
            elif v is None or v.text is None:
                value = None
            elif t == "s":
                value = self._shared[int(v.text)]
            elif t == "n":
                value = float(v.text) if any(ch in v.text for ch in ".eE") else int(v.text)
            else:
                value = v.text
            out[(row, column_index_from_string(col))] = (value, self._locked[int(c.get("s", 0))])
        return out

    def protection(self, name: str) -> dict[str, str]:
        el = self._xml[name].find(f"{_NS}sheetProtection")
        return dict(el.attrib) if el is not None else {}


_NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_RID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"


def _part(target: str) -> str:
    return target if target.startswith("xl/") else f"xl/{target}"


def _fast_meta(book: FastBook) -> dict:
    """read_meta's key/value part (up to the "rows" block) from the hidden sheet."""
    from zwgk_docs.writers.xlsx import styles as S

    cells = book.cells(S.META_SHEET)
    meta = {}
    for r in range(1, max((r for r, _ in cells), default=0) + 1):
        key = cells.get((r, 1), (None,))[0]
        if key == "rows":
            break
        if key:
            meta[str(key)] = str(cells.get((r, 2), (None,))[0] or "")
    return meta


def _form_rows(cells, header_row: int) -> tuple[dict, list]:
    headers = {v: c for (r, c), (v, _) in cells.items() if r == header_row}
    last = max(r for r, _ in cells)
    value = lambda r, h: cells.get((r, headers[h]), (None,))[0]  # noqa: E731
    rows = [(value(r, "任务标识"), value(r, "子任务标识") or "", value(r, "分工"), value(r, "编号"))
            for r in range(header_row + 1, last + 1)]
    return headers, rows


def test_per_unit_forms(built):
    """One 反馈表 per unit with exactly its rows and roles; the index names every file. Every form is read
    with FastBook; the first one also with openpyxl (read_meta, protection), which must agree."""
    from zwgk_docs.context.units import unit_rows
    from zwgk_docs.writers.xlsx import styles as S
    from zwgk_docs.writers.xlsx.forms import FORM_KIND, read_meta

    _, ctx, _, outputs = built
    forms = [o.path for o in outputs if o.kind == "units.xlsx"]
    expected = unit_rows(ctx.tasks, ctx.table)
    assert len(forms) == len({r.unit for r in expected})
    index = _first_sheet(next(o.path for o in outputs if o.kind == "units/目录.xlsx"))
    listed = {index.cell(r, 2).value: index.cell(r, 3).value for r in range(3, index.max_row + 1)}
    seen = set()
    for i, path in enumerate(forms):
        assert path.parent.name == "units"
        book = FastBook(path)
        meta = _fast_meta(book)
        unit = meta["unit"]
        assert meta["kind"] == FORM_KIND
        assert listed[path.name] == unit and unit not in seen
        seen.add(unit)
        protection = book.protection(S.FORM_SHEET)
        assert protection.get("sheet") in ("1", "true") and not protection.get("password")
        hr = int(book.print_titles[S.FORM_SHEET].split(":")[0].strip("$"))
        cells = book.cells(S.FORM_SHEET)
        headers, got = _form_rows(cells, hr)
        assert got == [(r.task_id, r.subtask_id, r.role, r.label) for r in expected if r.unit == unit]
        for key in ("进展情况", "完成状态", "佐证材料", "更新日期"):
            assert not cells[(hr + 1, headers[key])][1], key
        assert cells[(hr + 1, headers["任务"])][1]
        if i == 0:  # the same facts through openpyxl and the product's own read_meta
            wb = load_workbook(path)
            assert read_meta(wb)["unit"] == unit
            ws = wb[S.FORM_SHEET]
            assert ws.protection.sheet and not ws.protection.password
            assert header_row_of(ws) == hr
            plain = {(cell.row, cell.column): (to_excel(cell.value) if isinstance(cell.value, dt.datetime) else cell.value,
                                                   cell.protection.locked)
                     for row in ws.iter_rows() for cell in row if (cell.row, cell.column) in cells}
            assert plain == cells
    assert seen == {u.name for u in ctx.units if any(u.name in t.units for t in ctx.tasks)}


def test_ledger_round_trip(built, tmp_path):
    _, ctx, _, outputs = built
    path = next(o.path for o in outputs if o.kind == "ledger.xlsx")
    wb = load_workbook(path)
    ws = wb["工作台账"]
    hr = header_row_of(ws)
    headers = {ws.cell(hr, c).value: c for c in range(1, ws.max_column + 1)}
    for h in ("进展情况", "完成状态", "佐证材料", "更新日期", "任务标识", "子任务标识"):
        assert h in headers
    for h in ("任务标识", "子任务标识", "编号"):
        assert ws.column_dimensions[get_column_letter(headers[h])].hidden
    dv = ws.data_validations.dataValidation
    assert len(dv) == 1 and dv[0].type == "list" and dv[0].formula1 == '"已完成,推进中,未启动,持续推进"'
    (rng,) = dv[0].sqref.ranges
    assert rng.min_col == rng.max_col == headers["完成状态"] and rng.min_row == hr + 1 and rng.max_row == ws.max_row

    data_rows = [r for r in ctx.table.rows if r.kind == "data"]
    target = data_rows[-1]
    row = next(r for r in range(hr + 1, ws.max_row + 1) if ws.cell(r, headers["任务标识"]).value == target.task_id
               and (ws.cell(r, headers["子任务标识"]).value or "") == target.subtask_id)
    ws.cell(row, headers["完成状态"]).value = "已完成"
    ws.cell(row, headers["进展情况"]).value = "已在门户网站公开。\n第二段"
    ws.cell(row, headers["更新日期"]).value = dt.datetime(2021, 9, 30)
    ws.cell(row, headers["佐证材料"]).value = "http://example.gov.cn/1"
    edited = tmp_path / "ledger.xlsx"
    wb.save(edited)

    entries = read_ledger(edited)
    assert [(e["task_id"], e["subtask_id"]) for e in entries] == [(r.task_id, r.subtask_id) for r in data_rows]
    assert [e["label"] for e in entries] == [r.task_label for r in data_rows]
    done = [e for e in entries if e["status"]]
    assert len(done) == 1 and done[0]["status"] == "已完成" and done[0]["updated"] == dt.date(2021, 9, 30)
    assert done[0]["progress"] == "已在门户网站公开。\n第二段" and done[0]["evidence"] == "http://example.gov.cn/1"

    ws.cell(row, headers["完成状态"]).value = "差不多"
    wb.save(edited)
    with pytest.raises(UserError) as err:
        read_ledger(edited)
    assert "差不多" in str(err.value) and f":{row}:" in str(err.value)


def test_ledger_status_values_are_the_documented_ones():
    assert STATUSES == ("已完成", "推进中", "未启动", "持续推进")


def test_not_a_ledger(tmp_path):
    ctx = build_context(load_plan(example_path("siping-2018")))
    (path,) = [o.path for o in write(ctx, tmp_path) if o.kind == "tasks.xlsx"]
    with pytest.raises(UserError, match="任务标识"):
        read_ledger(path)


# ---- LibreOffice, the real client


@pytest.fixture(scope="module")
def shenyang_pdf(tmp_path_factory):
    out = tmp_path_factory.mktemp("lo")
    ctx = build_context(load_plan(example_path("shenyang-2021")))
    (xlsx,) = [o.path for o in write(ctx, out) if o.kind == "tasks.xlsx"]
    return ctx, soffice_to_pdf(xlsx, out)


def _column_texts(pdf_path, headers: list[str]) -> dict[str, str]:
    """Text of each table column across all pages, cropped between the ruled lines."""
    import pdfplumber

    texts = {h: "" for h in headers}
    with pdfplumber.open(pdf_path) as pdf:
        for page in pdf.pages:
            xs = sorted({round(e["x0"], 1) for e in page.edges if e["orientation"] == "v"})
            words = page.extract_words()
            for h in headers:
                w = next(w for w in words if w["text"] == h)
                mid = (w["x0"] + w["x1"]) / 2
                left = max(x for x in xs if x < mid)
                right = min(x for x in xs if x > mid)
                texts[h] += page.crop((left, 0, right, page.height)).extract_text() or ""
    return texts


def test_libreoffice_prints_every_task(shenyang_pdf, artifacts):
    ctx, pdf = shenyang_pdf
    text = squash(pdf_text(pdf))
    assert squash(ctx.table.title) in text
    columns = {h: squash(t) for h, t in _column_texts(pdf, ["事项名称", "主要任务"]).items()}
    for task in ctx.tasks:
        assert squash(task.heading) in columns["事项名称"], task.heading
        for sub in task.subtasks or [task]:
            assert squash(sub.text) in columns["主要任务"], sub.text[:30]
    assert "第1页共" in text
    shutil.copy(pdf, artifacts / "xlsx-shenyang-tasks.pdf")
    subprocess.run(["pdftoppm", "-r", "60", "-png", "-f", "1", "-l", "2", str(pdf), str(artifacts / "xlsx-shenyang")], check=False)


def test_libreoffice_pages_are_landscape_a4(shenyang_pdf):
    import pdfplumber

    _, pdf = shenyang_pdf
    with pdfplumber.open(pdf) as doc:
        assert all(round(p.width) == 842 and round(p.height) == 595 for p in doc.pages)
        # the header row is repeated on every page
        assert all("事项名称" in (p.extract_text() or "") for p in doc.pages)


def test_font_profile_renames_the_template_fonts(tmp_path):
    plan = load_plan(example_path("siping-2018"))
    plan.fonts = "plain"
    ctx = build_context(plan)
    ws = load_workbook(write(ctx, tmp_path)[0].path).worksheets[0]
    hr = header_row_of(ws)
    content = ctx.table.headers.index("工作内容") + 1
    assert ws.cell(hr + 1, content).style == "正文单元格"
    assert ws.cell(hr + 1, content).font.name == "仿宋"  # gb2312 profile: 仿宋_GB2312
    assert ws.cell(hr, 1).font.name == "黑体"
