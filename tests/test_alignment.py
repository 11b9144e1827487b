"""One answer to "which columns are centred": model/vocab.py's, read back from every output.

The .xlsx takes it from the template's role styles (scripts/make_xlsx_templates.py), the .docx
from the table writer, the web page and the PDF from the td.center class of the HTML templates.
Task and body text is left-aligned, short values (序号, units, dates) centred.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from lxml import html as lxml_html
from openpyxl import load_workbook

from zwgk_docs import build_context
from zwgk_docs.context import RenderContext
from zwgk_docs.load import loads
from zwgk_docs.model.vocab import COLUMN_KINDS, ROLE_ALIGN, column_align
from zwgk_docs.resources import template_path
from zwgk_docs.writers import writer
from zwgk_docs.writers.xlsx import styles as S

from test_html import browser  # noqa: F401 - the Chromium fixture (marks these tests `browser`)

# Two tables between them showing every column kind, and a column of the plan's own.
COLUMN_SETS = {
    "hierarchy": ["part", "section", "number", "task_title", "content", "units", "lead", "deadline", "disclosure_method",
                  "extra:备注"],
    "flat": ["task", "task_full", "responsible", "cooperate", "disclosure_time"],
}
assert {k.field for k in COLUMN_KINDS} <= {f for fields in COLUMN_SETS.values() for f in fields}

PLAN = """
notice:
  issuer: 某市政务公开领导小组
  title: 某市政务公开领导小组关于印发某市2024年政务公开工作要点的通知
  recipients: 各区人民政府，市政府各部门：
  attachments: [{{title: 某市2024年政务公开工作要点任务分解表, content: table}}]
  date: 2024-03-01
plan:
  title: 某市2024年政务公开工作要点
  year: 2024
  parts:
    - title: 重点公开
      sections:
        - title: 决策公开
          tasks:
            - title: 决策目录
              text: 各区各部门年初公开重大行政决策事项目录，并动态调整。
              lead: 市司法局
              responsible: [各区人民政府]
              cooperate: 市政府办公室
              deadline: 3月底前
              disclosure_time: 及时
              disclosure_method: 政府网站
              extra: {{备注: 无}}
              subtasks:
                - text: 各区公开本级目录。
                  responsible: 各区人民政府
                - text: 市直部门公开本部门目录。
                  responsible: 市政府各部门
            - title: 做好解读回应
              text: 政策文件与解读材料同步起草、同步审签、同步发布。
              lead: 市政府办公室
              deadline: 全年
table:
  title: 某市2024年政务公开工作要点任务分解表
  columns: [{columns}]
"""


def plan_with(fields: list[str]) -> RenderContext:
    columns = ", ".join(f"{{header: 列{i}, field: '{f}', width: 12}}" for i, f in enumerate(fields, 1))
    return build_context(loads(PLAN.format(columns=columns)))


@pytest.fixture(scope="module", params=list(COLUMN_SETS))
def outputs(request, tmp_path_factory) -> tuple[RenderContext, Path]:
    out = tmp_path_factory.mktemp(f"align-{request.param}")
    ctx = plan_with(COLUMN_SETS[request.param])
    writer("tasks", "xlsx")(ctx, out)
    writer("notice", "docx")(ctx, out)
    writer("notice", "html")(ctx, out)
    return ctx, out


def expected(ctx: RenderContext) -> list[str]:
    return [column_align(c.field) for c in ctx.table.columns]


def test_the_vocabulary_gives_task_text_left_and_short_values_centred():
    assert column_align("part") == column_align("section") == column_align("task") == column_align("content") == "left"
    assert column_align("number") == column_align("lead") == column_align("deadline") == column_align("extra:备注") == "center"


@pytest.mark.parametrize("name", ["tasks.xlsx", "ledger.xlsx", "form.xlsx"])
def test_the_xlsx_templates_align_each_role_style_as_the_vocabulary(name):
    wb = load_workbook(template_path("xlsx", name))
    styles = {s.name: s for s in wb._named_styles}  # noqa: SLF001 - openpyxl lists NamedStyle objects only here
    for role, style in S.ROLE_STYLES.items():
        assert styles[style].alignment.horizontal == ROLE_ALIGN[role], (name, style)


def test_xlsx_cells(outputs):
    ctx, out = outputs
    ws = load_workbook(out / "tasks.xlsx")[S.TASKS_SHEET]
    header = int(ws.print_title_rows.split(":")[0].strip("$"))
    seen = 0
    for r, row in enumerate(ctx.table.rows, start=header + 1):
        for c, (cell, align) in enumerate(zip(row.cells, expected(ctx)), start=1):
            if row.kind == "data" and not cell.covered:
                assert ws.cell(r, c).alignment.horizontal == align, (ctx.table.columns[c - 1].field, ws.cell(r, c).coordinate)
                seen += 1
    assert seen >= 2 * len(ctx.table.columns)


def _docx_align(paragraph) -> str:
    jc = paragraph.paragraph_format.alignment
    if jc is None:
        jc = paragraph.style.paragraph_format.alignment
    return "center" if jc == WD_ALIGN_PARAGRAPH.CENTER else "left"


def test_docx_cells(outputs):
    ctx, out = outputs
    doc = Document(str(out / "notice.docx"))
    (table,) = [t for t in doc.tables if len(t.columns) == len(ctx.table.columns)]
    seen = 0
    for row, tr in zip(ctx.table.rows, table.rows[1:]):
        for cell, tc, align, col in zip(row.cells, tr.cells, expected(ctx), ctx.table.columns):
            if row.kind == "data" and not cell.covered and cell.text:
                assert all(_docx_align(p) == align for p in tc.paragraphs), (col.field, cell.text)
                seen += 1
    assert seen >= 2 * len(ctx.table.columns) - 2


def test_html_cells(outputs):
    ctx, out = outputs
    page = lxml_html.parse(str(out / "notice.html")).getroot()
    cells = page.xpath("//table[contains(concat(' ', @class, ' '), ' tasks ')]//td")
    fields = {c.field: column_align(c.field) for c in ctx.table.columns}
    seen = 0
    for td in cells:
        classes = td.get("class", "").split()
        field = next((f for f in fields if f in classes), None)
        if field is None:
            continue
        assert ("center" in classes) == (fields[field] == "center"), (field, td.text_content()[:20])
        seen += 1
    assert seen >= len(fields)
    css = (template_path("html", "notice.css")).read_text(encoding="utf-8")
    assert "td.center { text-align: center; }" in css


@pytest.fixture(scope="module")
def hierarchy_pdf(tmp_path_factory) -> tuple[RenderContext, Path]:
    out = tmp_path_factory.mktemp("align-pdf")
    ctx = plan_with(COLUMN_SETS["hierarchy"])
    (pdf,) = writer("tasks", "pdf")(ctx, out)
    return ctx, pdf.path


def test_pdf_cells(hierarchy_pdf):
    """In tasks.pdf a line with room to spare sits in the middle of a centred column's cell, at the left of the others."""
    pdfplumber = pytest.importorskip("pdfplumber")
    ctx, path = hierarchy_pdf
    aligns = dict(zip((c.header for c in ctx.table.columns), expected(ctx)))
    checked: dict[str, int] = {}
    with pdfplumber.open(path) as pdf:
        page = pdf.pages[0]
        (found,) = page.find_tables()
        rows = found.rows
        headers = [page.crop(cell).extract_text().strip() if cell else "" for cell in rows[0].cells]
        for row in rows[1:]:
            for header, cell in zip(headers, row.cells):
                if cell is None or header not in aligns:
                    continue
                for line in page.crop(cell).extract_words():  # CJK text without spaces: one word a line
                    left, right = line["x0"] - cell[0], cell[2] - line["x1"]
                    if left + right < 8:
                        continue  # a full line says nothing about alignment
                    centred = abs(left - right) < 2
                    assert centred == (aligns[header] == "center"), (header, line["text"], left, right)
                    checked[aligns[header]] = checked.get(aligns[header], 0) + 1
    assert checked.get("left") and checked.get("center"), checked


def test_html_cells_in_a_real_browser(outputs, browser):  # noqa: F811 - the fixture imported above
    """What Chromium computes for each cell of the web page's table."""
    ctx, out = outputs
    page = browser.new_page()
    page.goto((out / "notice.html").as_uri())
    cells = page.evaluate("""() => [...document.querySelectorAll('table.tasks td')].map(
        td => [td.className, getComputedStyle(td).textAlign])""")
    page.close()
    fields = {c.field: column_align(c.field) for c in ctx.table.columns}
    seen = 0
    for classes, align in cells:
        field = next((f for f in fields if f in classes.split()), None)
        if field is not None:
            assert ("center" if align == "center" else "left") == fields[field], (field, align)
            seen += 1
    assert seen >= len(fields)


def test_pdf_part_band_row_is_left_aligned_as_in_docx_and_xlsx(built_plan):
    """A 部分 spanning the whole table (沈阳: "一、加强……") starts at the cell's left, not centred.
    The tasks.pdf of `zwgk build -f pdf` (conftest.built_plan, shared with test_pdf)."""
    from conftest import example_path, opened_pdf

    pdf = built_plan(example_path("shenyang-2021"), "pdf", by_unit=False).path("tasks.pdf")
    with opened_pdf(pdf) as doc:
        page = doc.pages[0]
        (table,) = page.find_tables()
        band = next(w for w in page.extract_words() if w["text"].startswith("一、"))
    assert band["x0"] - table.bbox[0] < 10, (band["x0"], table.bbox)
