#!/usr/bin/env python3
"""Regenerate templates/docx/report.docx, the docxtpl template of the 政府信息公开工作年度报告.

Run from the repository root:  python scripts/make_report_template.py

It starts from the 通知's styles and page set-up (scripts/make_docx_template.py: 3号仿宋 正文,
黑体/楷体 headings, GB/T 9704 版心, page numbers) and adds the report's own named styles:
task headings, the 落实情况 field lines and the statistics-table text. The body is one
generic loop over the report context's sections and blocks (zwgk_docs/report/context.py);
tables arrive as sub-documents built by zwgk_docs/report/write_docx.py in these styles.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

import docx  # noqa: E402
from docx.oxml import parse_xml  # noqa: E402
from docx.oxml.ns import qn  # noqa: E402

import make_docx_template as base  # noqa: E402
from make_docx_template import CENTER, LEFT, NO_GRID, F, cstyle, indent, para, pstyle, rpr, spacing  # noqa: E402

OUT = ROOT / "templates" / "docx" / "report.docx"

TABLE_LINE = 240  # single spacing inside the statistics tables
REPORT_STYLES = [
    # id, name, paragraph properties, run properties
    # the plan's levels nested under 六（二）: 1. / （1） / ① … in 仿宋, the 公文's third and fourth levels
    ("ReportLevel1", "要点层次1", '<w:keepNext/><w:outlineLvl w:val="2"/>', rpr(F["body"], 16, bold=True)),
    ("ReportLevel2", "要点层次2", '<w:keepNext/><w:outlineLvl w:val="3"/>', rpr(F["body"], 16, bold=True)),
    ("ReportLevel3", "要点层次3", '<w:keepNext/><w:outlineLvl w:val="4"/>', rpr(F["body"], 16, bold=True)),
    ("ReportLevel4", "要点层次4", '<w:keepNext/><w:outlineLvl w:val="5"/>', rpr(F["body"], 16)),
    ("ReportField", "落实情况", "", ""),
    ("ReportSign", "报告署名", indent(right=4) + '<w:jc w:val="right"/>', ""),
    ("StatText", "统计表文字", NO_GRID + spacing(TABLE_LINE, "auto") + indent() + CENTER, rpr(F["body"], 10.5)),
    ("StatLabel", "统计表行名", NO_GRID + spacing(TABLE_LINE, "auto") + indent() + LEFT, rpr(F["body"], 10.5)),
    ("StatHeader", "统计表表头", '<w:keepNext/>' + NO_GRID + spacing(TABLE_LINE, "auto") + indent() + CENTER, rpr(F["heading1"], 10.5)),
    ("StatTextSmall", "统计表文字（小）", NO_GRID + spacing(TABLE_LINE, "auto") + indent() + CENTER, rpr(F["body"], 9)),
    ("StatLabelSmall", "统计表行名（小）", NO_GRID + spacing(TABLE_LINE, "auto") + indent() + LEFT, rpr(F["body"], 9)),
    ("StatHeaderSmall", "统计表表头（小）", '<w:keepNext/>' + NO_GRID + spacing(TABLE_LINE, "auto") + indent() + CENTER, rpr(F["heading1"], 9)),
    ("StatAfter", "统计表后", NO_GRID + spacing(120, "auto") + indent(), rpr(F["body"], 6)),
]
CHAR_STYLES = [("FieldLabel", "字段名", rpr(F["body"], 16, bold=True))]
TABLE_STYLE = base.table_style("StatTable", "统计表", 57, 85)


def build_report_styles(document: docx.Document) -> None:
    styles = document.styles.element
    for sid, name, ppr, run in REPORT_STYLES:
        styles.append(parse_xml(pstyle(sid, name, ppr, run)))
    for sid, name, run in CHAR_STYLES:
        styles.append(parse_xml(cstyle(sid, name, run)))
    styles.append(parse_xml(TABLE_STYLE))


def build_body(document: docx.Document) -> None:
    body = document.element.body
    for p in body.findall(qn("w:p")):
        body.remove(p)
    para(document, "{{ title }}", "Title")
    para(document)
    para(document, "{%p for p in intro %}")
    para(document, "{{ p }}")
    para(document, "{%p endfor %}")
    para(document, "{%p for s in sections %}")
    para(document, "{{ s.heading }}", "GwHeading1")
    para(document, "{%p for b in s.blocks %}")
    para(document, '{%p if b.kind == "h2" %}')
    para(document, "{{ b.text }}", "GwHeading2")
    for level in range(1, 5):
        para(document, f'{{%p elif b.kind == "level" and b.level == {level} %}}')
        para(document, "{{ b.text }}", f"ReportLevel{level}")
    para(document, '{%p elif b.kind == "table" %}')
    para(document, "{{p b.table }}")
    para(document, "", "StatAfter")
    para(document, '{%p elif b.kind in ("field", "evidence") %}')
    para(document, "{{r b.rich }}", "ReportField")
    para(document, "{%p else %}")
    para(document, "{{ b.text }}")
    para(document, "{%p endif %}")
    para(document, "{%p endfor %}")
    para(document, "{%p endfor %}")
    para(document, "{%p if organ or date_text %}")
    para(document)
    para(document, "{{ organ }}", "ReportSign")
    para(document, "{{ date_text }}", "ReportSign")
    para(document, "{%p endif %}")


def main() -> None:
    document = docx.Document()
    base.build_styles(document)
    build_report_styles(document)
    base.build_page(document)
    build_body(document)
    base.clean_package(document)  # zh-CN theme language, current compatibility mode, no stylesWithEffects
    ids = [s.get(qn("w:styleId")) for s in document.styles.element.findall(qn("w:style"))]
    assert len(ids) == len(set(ids)), sorted(i for i in ids if ids.count(i) > 1)
    core = document.core_properties
    core.title, core.author = "政府信息公开工作年度报告", "zwgk_docs"
    core.comments = "由 scripts/make_report_template.py 生成"
    # python-docx maps the prefix cp to the custom-properties namespace when it sets these two, and
    # adds a second, invalid pair: set the template's own elements instead
    base.set_core_text(core, lastModifiedBy="zwgk_docs", revision="1")
    core.created = core.modified = base.TEMPLATE_DATE
    OUT.parent.mkdir(parents=True, exist_ok=True)
    document.save(str(OUT))
    print(f"wrote {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
