"""What the writers keep between plans for speed (batch builds, issue 16) gives the same results."""

from __future__ import annotations

import zipfile
from pathlib import Path

import docx
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml.ns import qn
from openpyxl import load_workbook
import pytest

from zwgk_docs import load_plan
from zwgk_docs.context import build_context
from zwgk_docs.resources import template_path
from zwgk_docs.writers.docx import write as write_docx
from zwgk_docs.writers.docx.ooxml import style_id
from zwgk_docs.writers.templating import docx_environment
from zwgk_docs.writers.xlsx import sheet

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "shenyang-2021.yaml"


def test_style_id_resolves_as_python_docx_does(tmp_path):
    [out] = write_docx(build_context(load_plan(EXAMPLE)), tmp_path)
    document = docx.Document(str(out.path))
    paragraphs = document.paragraphs
    # one paragraph naming a style the document lacks, one naming a character style, one none
    paragraphs[0]._p.get_or_add_pPr().style = "NoSuchStyle"
    paragraphs[1]._p.get_or_add_pPr().style = "GwHeading1Char"
    pstyle = paragraphs[2]._p.get_or_add_pPr().find(qn("w:pStyle"))
    if pstyle is not None:
        pstyle.getparent().remove(pstyle)
    expected = [p.style.style_id if p.style is not None else "" for p in paragraphs]
    assert [style_id(p) for p in paragraphs] == expected
    assert {"Signature", "Title"} <= set(expected)
    document.styles.add_style("AddedLater", WD_STYLE_TYPE.PARAGRAPH)
    paragraphs[0]._p.get_or_add_pPr().style = "AddedLater"
    assert style_id(paragraphs[0]) == "AddedLater"


def test_docx_template_source_is_compiled_once():
    env = docx_environment()
    assert env.from_string("<w:t>{{ a }}</w:t>") is env.from_string("<w:t>{{ a }}</w:t>")
    assert env.from_string("<w:t>{{ a }}</w:t>").render(a="<&>") == "<w:t>&lt;&amp;&gt;</w:t>"  # autoescaped


def _parts(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as z:
        return {n: z.read(n) for n in z.namelist() if n != "docProps/core.xml"}  # (core.xml: the save time)


@pytest.mark.parametrize("name", ["tasks.xlsx", "ledger.xlsx", "form.xlsx"])
def test_a_kept_xlsx_template_is_a_fresh_independent_copy(tmp_path, name):
    fresh = load_workbook(template_path("xlsx", name))
    sheet._apply_font_profile(fresh, "plain")
    fresh.save(tmp_path / "fresh.xlsx")
    first = sheet.open_template(name, "plain")
    first.save(tmp_path / "first.xlsx")
    assert _parts(tmp_path / "first.xlsx") == _parts(tmp_path / "fresh.xlsx")
    ws = first.worksheets[0]
    ws.column_dimensions["Z"].width = 33  # the dimension factories work after the copy
    ws.row_dimensions[300].height = 44
    ws["A1"] = "改过"
    second = sheet.open_template(name, "plain")
    assert second.worksheets[0]["A1"].value != "改过" and "Z" not in second.worksheets[0].column_dimensions
    second.save(tmp_path / "second.xlsx")
    assert _parts(tmp_path / "second.xlsx") == _parts(tmp_path / "fresh.xlsx")
