"""The 通知 .docx (GB/T 9704-2012): structure read back with python-docx, LibreOffice as the client."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import docx
import pytest
from docx.shared import Mm

from conftest import ARTIFACTS, ROOT, WITH_NOTICE, example_path, pdf_text, soffice_convert, squash, zwgk
from zwgk_docs.build import build
from zwgk_docs.check.docxread import read
from zwgk_docs.context import build_context
from zwgk_docs.load import load_plan
from zwgk_docs.writers.docx import write

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
FULL = ROOT / "tests" / "data" / "notice-full.yaml"


@pytest.fixture(scope="module")
def built(notice_docx) -> dict[str, Path]:
    """Each example's notice.docx (and the all-options plan), built once for the session."""
    assert set(notice_docx) == set(WITH_NOTICE) | {"full"}
    return notice_docx


@pytest.fixture(scope="module")
def pdfs(built, tmp_path_factory) -> dict[str, Path]:
    """LibreOffice's PDF of each notice, converted once; page images go to test-artifacts/."""
    ARTIFACTS.mkdir(exist_ok=True)
    named = tmp_path_factory.mktemp("docx-by-name")
    for name, path in built.items():  # one LibreOffice run for all: the files need their own names
        shutil.copy(path, named / f"{name}.docx")
    pdfs = soffice_convert([named / f"{name}.docx" for name in built], named / "pdf")
    for name, pdf in zip(built, pdfs):
        subprocess.run(["pdftoppm", "-r", "40", "-png", str(pdf), str(ARTIFACTS / f"docx-{name}")], check=False)
    return dict(zip(built, pdfs))


def body_texts(path: Path) -> list[str]:
    """Each paragraph's text, its line breaks (the 标题's) removed."""
    return [p.text.replace("\n", "") for p in docx.Document(str(path)).paragraphs]


def test_examples_with_notice_are_the_expected_ones():
    assert {"shenyang-2021", "jilin-2018"} <= set(WITH_NOTICE)


# ---------------------------------------------------------------- 沈阳 2021, as the issue checks it


def test_shenyang_page_and_margins(built):
    section = docx.Document(str(built["shenyang-2021"])).sections[0]
    assert abs(section.page_width - Mm(210)) < Mm(0.1) and abs(section.page_height - Mm(297)) < Mm(0.1)
    for got, want in ((section.top_margin, 37), (section.bottom_margin, 35), (section.left_margin, 28), (section.right_margin, 26)):
        assert abs(got - Mm(want)) < Mm(0.1)


def test_shenyang_front_matter(built):
    plan = load_plan(example_path("shenyang-2021"))
    texts = body_texts(built["shenyang-2021"])
    assert "沈政公领发〔2021〕1号" in texts
    assert plan.notice.title in texts
    assert any(t.startswith(plan.notice.recipients.rstrip(":：")) and t.endswith("：") for t in texts)
    assert "（此件公开发布）" in texts and "2021年6月22日" in texts
    # order: 版头 → 字号 → 标题 → 主送 → 正文 → 署名 → 日期 → 附注 → 要点
    order = [texts.index(t) for t in ("沈阳市政务公开领导小组文件", "沈政公领发〔2021〕1号", plan.notice.title,
                                      "沈阳市政务公开领导小组", "2021年6月22日", "（此件公开发布）", plan.plan.title)]
    assert order == sorted(order)


def test_shenyang_all_28_items_numbered_in_order(built):
    numbers = [int(m.group(1)) for t in body_texts(built["shenyang-2021"]) if (m := re.match(r"^(\d+)\. ", t))]
    assert numbers == list(range(1, 29))
    ctx = build_context(load_plan(example_path("shenyang-2021")))
    texts = "\n".join(body_texts(built["shenyang-2021"]))
    for task in ctx.tasks:
        assert f"{task.label} {task.title}。" in texts


def test_shenyang_fonts_sizes_and_red_mark(built):
    doc = read(built["shenyang-2021"])
    by_text = {p.text.replace("\n", ""): p for p in doc.paragraphs}
    mark = by_text["沈阳市政务公开领导小组文件"].main_run
    assert mark.color == "FF0000" and "小标宋" in mark.font
    title = by_text[load_plan(example_path("shenyang-2021")).notice.title].main_run
    assert title.size == 22 and "小标宋" in title.font
    heading = next(p for p in doc.paragraphs if p.text.startswith("一、"))
    assert heading.main_run.font == "黑体" and heading.main_run.size == 16
    body = next(p for p in doc.paragraphs if p.text.startswith("为贯彻落实"))
    assert body.main_run.font == "仿宋_GB2312" and body.main_run.size == 16
    styles = zipfile.ZipFile(built["shenyang-2021"]).read("word/styles.xml").decode()
    assert 'w:eastAsia="仿宋_GB2312"' in styles and 'w:eastAsia="黑体"' in styles and 'w:eastAsia="方正小标宋简体"' in styles
    assert "eastAsiaTheme" not in styles and "asciiTheme" not in styles  # no fallback to theme fonts
    assert 'w:val="32"' in styles and 'w:val="44"' in styles  # 16 pt and 22 pt


def test_shenyang_footer_page_numbers(built):
    z = zipfile.ZipFile(built["shenyang-2021"])
    footers = [z.read(n).decode() for n in z.namelist() if n.startswith("word/footer")]
    assert len(footers) == 4  # odd/even for portrait pages, odd/even (turned, §8) for landscape pages
    for xml in footers:
        text = re.sub(r"<[^>]+>", "", xml)
        assert re.search(r"—\s*PAGE\s*1\s*—", text.replace(" PAGE ", "PAGE"))
        assert 'w:fldCharType="begin"' in xml and "PAGE" in xml
    assert "<w:evenAndOddHeaders" in z.read("word/settings.xml").decode()
    doc = read(built["shenyang-2021"])
    assert {f.kind: f.jc for f in doc.footers} == {"default": "right", "even": "left"}
    # every section names its footers; numbers continue through the landscape pages
    document = z.read("word/document.xml").decode()
    assert document.count("<w:footerReference") == 2 * document.count("<w:sectPr") and "pgNumType" not in document


def test_shenyang_task_table_on_landscape_section(built):
    d = docx.Document(str(built["shenyang-2021"]))
    ctx = build_context(load_plan(example_path("shenyang-2021")))
    assert len(d.tables) == 1
    table = d.tables[0]
    assert [c.text for c in table.rows[0].cells] == ["事项名称", "主要任务", "牵头部门", "责任单位", "完成时限"]
    tbl = table._tbl
    assert tbl.find(f"{W}tr/{W}trPr/{W}tblHeader") is not None  # header row repeats
    # the table's section: the first sectPr after it
    following = tbl.getnext()
    while following is not None and following.find(f"{W}pPr/{W}sectPr") is None and following.tag != f"{W}sectPr":
        following = following.getnext()
    sect = following if following.tag == f"{W}sectPr" else following.find(f"{W}pPr/{W}sectPr")
    size = sect.find(f"{W}pgSz")
    assert size.get(f"{W}orient") == "landscape" and int(size.get(f"{W}w")) > int(size.get(f"{W}h"))
    # widths: tblW = Σ gridCol = Σ tcW of each row, proportional to the plan's column widths, except
    # that a column is at least as wide as its header (完成时限 on one line, not 完成时/限)
    grid = [int(g.get(f"{W}w")) for g in tbl.findall(f"{W}tblGrid/{W}gridCol")]
    assert sum(grid) == int(tbl.find(f"{W}tblPr/{W}tblW").get(f"{W}w"))
    spec = [c.width for c in ctx.table.columns]
    assert grid[-1] >= 4 * 12 * 20 + 2 * 85 > sum(grid) * spec[-1] / sum(spec)  # 4 字 at 小四 + cell margins
    for g, w in zip(grid[:-1], spec[:-1]):  # the others give up a little of their share
        assert 0.9 * w / sum(spec) < g / sum(grid) <= w / sum(spec)
    # part rows span the table; rowspans are vMerge restart + continue
    rows = tbl.findall(f"{W}tr")[1:]
    assert len(rows) == len(ctx.table.rows)
    for tr, row in zip(rows, ctx.table.rows):
        cells = tr.findall(f"{W}tc")
        if row.kind == "part":
            assert len(cells) == 1 and cells[0].find(f"{W}tcPr/{W}gridSpan").get(f"{W}val") == "5"
            continue
        for tc, cell in zip(cells, row.cells):
            merge = tc.find(f"{W}tcPr/{W}vMerge")
            if cell.covered:
                assert merge is not None and merge.get(f"{W}val") in (None, "continue")
            elif cell.rowspan > 1:
                assert merge.get(f"{W}val") == "restart"
            else:
                assert merge is None


# ---------------------------------------------------------------- LibreOffice as the real client


@pytest.mark.parametrize("name", WITH_NOTICE + ["full"])
def test_libreoffice_converts_and_shows_every_task(pdfs, name):
    plan = load_plan(example_path(name) if name != "full" else FULL)
    ctx = build_context(plan)
    text = squash(pdf_text(pdfs[name]))
    assert squash(plan.notice.title) in text
    for task in ctx.tasks:
        assert squash(task.heading) in text, task.heading
    assert squash(ctx.notice.date_text) in text


def test_libreoffice_pages_shenyang(pdfs):
    import pdfplumber

    with pdfplumber.open(pdfs["shenyang-2021"]) as pdf:
        pages = pdf.pages
        first = pages[0]
        assert abs(first.width - 595.3) < 1 and abs(first.height - 841.9) < 1
        wide = [p for p in pages if p.width > p.height]
        assert wide, "the task table is on landscape pages"
        numbers = [re.search(r"—\s*(\d+)\s*—", p.extract_text() or "") for p in pages]
        assert [int(m.group(1)) for m in numbers if m] == list(range(1, len(pages) + 1))
        # odd numbers right, even numbers left
        for n, page in enumerate(pages[:4], 1):
            digits = [c for c in page.chars if c["text"].isdigit() and c["top"] > page.height * 0.89]
            assert "".join(c["text"] for c in digits) == str(n)
            assert (digits[0]["x0"] > page.width / 2) == (n % 2 == 1)
        # 页码: the 一字线 about 7 mm below the 版心 (262 mm from the top)
        dash = next(c for c in first.chars if c["text"] == "—")
        assert 264 < (dash["top"] + dash["bottom"]) / 2 * 25.4 / 72 < 272
        red = [c for c in first.chars if c.get("non_stroking_color") and tuple(round(v, 2) for v in c["non_stroking_color"])[:3] == (1, 0, 0)]
        assert "".join(c["text"] for c in red).startswith("沈阳市政务公开领导小组文件")
        # 发文机关标志: top edge 35 mm below the 版心 top, i.e. 72 mm from the paper's top
        assert 69 < red[0]["top"] * 25.4 / 72 < 75
        # red separator: the 版心's width, about 4 mm below the 发文字号
        rule = next(o for o in first.lines + first.rects if o.get("non_stroking_color") == (1.0, 0.0, 0.0) or o.get("stroking_color") == (1.0, 0.0, 0.0))
        assert abs((rule["x1"] - rule["x0"]) * 25.4 / 72 - 156) < 1
        number = next(c for c in first.chars if c["text"] == "〔")
        assert 3 < (rule["top"] - number["bottom"]) * 25.4 / 72 < 5


# ---------------------------------------------------------------- options, escaping, profiles


def test_full_options_and_escaping(built, pdfs):
    path = built["full"]
    texts = body_texts(path)
    assert "000123" in texts[0] and texts[1] == "秘密★1年" and texts[2] == "特急"
    assert any(t.startswith("\t某政公办发〔2022〕3号\t签发人：张三") for t in texts)
    assert any("特殊字符 & < > \" ' 照原样显示" in t for t in texts)
    # control characters from Word: line breaks become paragraphs, the rest is dropped
    assert "从 Word 粘贴的控制字符" in texts and "换行" in texts and "分页响铃也不应破坏文档。" in texts
    xml = zipfile.ZipFile(path).read("word/document.xml").decode()
    assert not re.search("[\x00-\x08\x0b\x0c\x0e-\x1f]", xml)
    assert "&lt;b&gt;&amp;amp;&lt;/b&gt;" in xml  # shown literally, not interpreted
    pdf = squash(pdf_text(pdfs["full"]))
    assert squash("<b>&amp;</b>") in pdf and squash("特殊字符&<>") in pdf
    # 附件说明 with three items, pages for plan and table only (none: 另行提供)
    assert any(t.startswith("附件：1.\t某某市2022年政务公开工作要点") for t in texts)
    assert "附件1" in texts and "附件2" in texts and "附件3" not in texts
    # 版记
    from zwgk_docs.check.docxread import read
    boxed = [p.text for p in read(path).table_paragraphs]
    assert "抄送：市委办公室，市人大常委会办公室，市政协办公室。" in boxed
    assert "2022年3月6日印发" in pdf
    # the 版记 table sits in a text box aligned to the 版心's bottom (honoured by LibreOffice too)
    assert "<w:txbxContent><w:tbl>" in xml and '<wp:positionV relativeFrom="margin"><wp:align>bottom</wp:align>' in xml
    # seal: a floating picture in the 署名 paragraph
    assert "<wp:anchor" in xml and "word/media/" in "".join(zipfile.ZipFile(path).namelist())


def test_plain_font_profile(built):
    styles = zipfile.ZipFile(built["full"]).read("word/styles.xml").decode()
    assert "GB2312" not in styles and 'w:eastAsia="仿宋"' in styles and 'w:eastAsia="楷体"' in styles


def test_no_notice_no_document(tmp_path):
    plan = load_plan(example_path("chizhou-2018"))
    assert plan.notice is None
    assert write(build_context(plan), tmp_path) == []
    assert not (tmp_path / "notice.docx").exists()
    outputs = build(plan, tmp_path / "out", ["docx"])
    assert outputs == [] and not (tmp_path / "out" / "notice.docx").exists()


def test_missing_seal_is_a_user_error(tmp_path):
    text = FULL.read_text(encoding="utf-8").replace("seal_image: seal.png", "seal_image: nope.png")
    plan_path = tmp_path / "plan.yaml"
    plan_path.write_text(text, encoding="utf-8")
    result = zwgk("build", plan_path, "-o", tmp_path / "o", "-f", "docx")
    assert result.returncode == 2 and "印章图片" in result.stderr and "Traceback" not in result.stderr


# ---------------------------------------------------------------- the template


def test_template_named_styles_with_east_asian_fonts():
    d = docx.Document(str(ROOT / "templates" / "docx" / "notice.docx"))
    names = {s.name for s in d.styles}
    for name in ("标题", "一级标题", "二级标题", "三级标题", "四级标题", "附件标识", "附件标题", "版记", "发文机关标志",
                 "发文字号", "主送机关", "附件说明", "发文机关署名", "成文日期", "附注", "页码", "表格文字", "表头"):
        assert name in names, name
    styles = zipfile.ZipFile(ROOT / "templates" / "docx" / "notice.docx").read("word/styles.xml").decode()
    assert "Theme" not in styles
    for rfonts in re.findall(r"<w:rFonts [^>]*/>", styles):
        assert "w:eastAsia=" in rfonts


def test_template_is_what_the_script_makes(tmp_path):
    out = tmp_path / "notice.docx"
    subprocess.run([sys.executable, str(ROOT / "scripts" / "make_docx_template.py"), str(out)], check=True, capture_output=True)
    committed = zipfile.ZipFile(ROOT / "templates" / "docx" / "notice.docx")
    fresh = zipfile.ZipFile(out)
    for part in ("word/document.xml", "word/styles.xml", "word/footer1.xml", "word/footer2.xml", "word/settings.xml"):
        assert committed.read(part) == fresh.read(part), f"{part}: run scripts/make_docx_template.py"


def test_dates_are_written_as_babel_writes_y_M_d_in_chinese():
    """context.cn_date formats 成文日期 itself (babel stayed out of the build's start-up): the same text."""
    import datetime as dt

    from babel.dates import format_date

    from zwgk_docs.context import cn_date

    for day in (dt.date(2021, 6, 22), dt.date(2018, 1, 5), dt.date(2020, 12, 31), dt.date(999, 10, 1)):
        assert cn_date(day) == format_date(day, "y年M月d日", locale="zh_CN")
    assert cn_date(None) == ""
