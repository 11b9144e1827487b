"""Publishing on the 政府网站: metadata, the bundle and its links, accessibility in a real browser.

The bundles of every example are opened from disk in Chromium (see test_html.py for how it is
launched); axe-core (npm, installed by scripts/setup.sh into node_modules) must report nothing.
Screenshots go to test-artifacts/web-*.png.
"""

from __future__ import annotations

import datetime as dt
import re
import zipfile
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from conftest import EXAMPLE_NAMES, ROOT, chromium_browser, example_path
from zwgk_docs.context import build_context
from zwgk_docs.load import load_plan
from zwgk_docs.model import WebMeta
from zwgk_docs.model.plan import WebArticle
from zwgk_docs.publish import NOTICE_LABEL, publish
from zwgk_docs.report import prepare
from zwgk_docs.writers import html as html_writer
from zwgk_docs.writers.filenames import safe_file_name
from zwgk_docs.writers.html.site import META_NAMES, site_meta

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
MINI = ROOT / "tests" / "data" / "mini.yaml"
FULL_WEB = dict(
    site_name="沈阳市人民政府", site_code="2101000001", column="政府信息公开", column_type="政务公开",
    url="http://www.example.gov.cn/zwgk/2021/t20210622_1.html", keywords=["政务公开", "工作要点"],
    description="2021年全市政务公开工作的任务和分工。", publish_date=dt.date(2021, 6, 23), publish_time="09:30",
    index_number="11210100001/2021-00001",
)


class Page(HTMLParser):
    def __init__(self, text: str) -> None:
        super().__init__()
        self.meta: dict[str, str] = {}
        self.hrefs: list[str] = []
        self.ids: set[str] = set()
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "meta" and a.get("name", "viewport") != "viewport":
            self.meta[a["name"]] = a.get("content", "")
        if tag == "a" and a.get("href"):
            self.hrefs.append(a["href"])
        if a.get("id"):
            self.ids.add(a["id"])


def mini_plan(**web):
    plan = load_plan(MINI)
    plan.web = WebMeta(**web) if web else None
    return plan


# ------------------------------------------------------------------ metadata (no browser)

def test_site_metadata_from_the_web_block():
    plan = mini_plan(**FULL_WEB)
    meta = Page(html_writer.page_html(build_context(plan))).meta
    assert meta == {
        "SiteName": "沈阳市人民政府", "SiteDomain": "www.example.gov.cn", "SiteIDCode": "2101000001",
        "ColumnName": "政府信息公开", "ColumnType": "政务公开", "ArticleTitle": plan.notice.title,
        "PubDate": "2021-06-23 09:30", "ContentSource": plan.notice.issuer, "Keywords": "政务公开,工作要点",
        "Description": "2021年全市政务公开工作的任务和分工。", "Url": FULL_WEB["url"],
    }
    assert list(meta) == [n for n in META_NAMES if n in meta]  # the 指引's order


def test_missing_values_are_left_out_not_invented():
    meta = Page(html_writer.page_html(build_context(mini_plan()))).meta
    plan = mini_plan()
    assert meta == {"ArticleTitle": plan.notice.title, "ContentSource": plan.notice.issuer}
    only_date = site_meta(WebMeta(publish_date=dt.date(2021, 6, 23), site_domain="www.a.gov.cn"), WebMeta(publish_date=dt.date(2021, 6, 23)), "T", "")
    assert dict(only_date) == {"SiteDomain": "www.a.gov.cn", "ArticleTitle": "T", "PubDate": "2021-06-23"}


def test_metadata_is_escaped():
    plan = mini_plan(site_name='"><script>alert(1)</script>', description="甲 & 乙 <b>")
    html = html_writer.page_html(build_context(plan))
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert Page(html).meta["Description"] == "甲 & 乙 <b>"


def test_report_page_uses_its_own_article_fields(tmp_path):
    web = dict(FULL_WEB, report=WebArticle(column="政府信息公开年报", index_number="11210100001/2022-00009",
                                           publish_date=dt.date(2022, 1, 25)))
    plan = mini_plan(**web)
    report = _report(plan, tmp_path)
    from zwgk_docs.report.write_html import report_html

    page = Page(report_html(report))
    assert page.meta["ColumnName"] == "政府信息公开年报" and page.meta["PubDate"] == "2022-01-25"
    assert page.meta["SiteName"] == "沈阳市人民政府" and page.meta["ArticleTitle"] == report.title
    assert "Url" not in page.meta and "Keywords" not in page.meta  # the notice's are not the report's
    html = report_html(report)
    assert "11210100001/2022-00009" in html and "2022年1月25日" in html
    assert "name=\"SiteName\"" not in report_html(report, print_version=True)


def _report(plan, tmp_path: Path):
    """The report of `plan` with no progress entered yet (every task 未填报) and no statistics."""
    from zwgk_docs.report.context import build_report_context
    from zwgk_docs.report.progress import load_progress
    from zwgk_docs.report.stats import empty_stats

    ctx = build_context(plan)
    progress = tmp_path / "empty.progress.yaml"
    progress.write_text("tasks: []\n", encoding="utf-8")
    return build_report_context(ctx, load_progress(progress, ctx), empty_stats().stats)


def test_safe_file_names():
    used: set[str] = set()
    assert safe_file_name("沈阳市2021年政务公开工作要点任务分解表", ".xlsx", used) == "沈阳市2021年政务公开工作要点任务分解表.xlsx"
    assert safe_file_name("沈阳市2021年政务公开工作要点任务分解表", ".XLSX", used).endswith("_2.XLSX")
    assert safe_file_name('a/b\\c:d*e?f"g<h>i|j', ".pdf") == "a_b_c_d_e_f_g_h_i_j.pdf"
    assert safe_file_name("../../etc/passwd", "") == "etc_passwd"
    assert safe_file_name("CON", ".pdf") == "文件_CON.pdf"
    assert safe_file_name("  ...  ", ".pdf") == "文件.pdf"
    assert len(safe_file_name("长" * 300, ".pdf").encode()) < 255


# ------------------------------------------------------------------ the bundle of every example

@pytest.fixture(scope="module")
def bundles(tmp_path_factory):
    """Every example published with its annual report page (沈阳 with its progress and statistics,
    the others with no progress yet), 吉林市 also as a .zip."""
    out = {}
    for name in EXAMPLE_NAMES:
        folder = tmp_path_factory.mktemp(f"publish-{name}")
        if name == "shenyang-2021":
            report = prepare(example_path(name), example_path("shenyang-2021.progress"), example_path("shenyang-2021.stats")).report
        else:
            report = _report(load_plan(example_path(name)), folder.parent)
        outputs = publish(report.ctx.plan, folder / "bundle", report, make_zip=name == "jilin-2018")
        out[name] = (report, folder / "bundle", outputs)
    return out


def local_links(html: Path) -> list[tuple[str, str]]:
    """(file, fragment) of every relative link of a page."""
    links = []
    for href in Page(html.read_text(encoding="utf-8")).hrefs:
        parts = urlsplit(href)
        if not parts.scheme and not parts.netloc:
            links.append((unquote(parts.path), parts.fragment))
    return links


@pytest.mark.parametrize("name", EXAMPLE_NAMES)
def test_bundle_files_are_named_by_their_attachment_titles(bundles, name):
    report, folder, outputs = bundles[name]
    ctx = report.ctx
    names = sorted(p.name for p in folder.iterdir())
    assert "tasks.xlsx" not in names and "notice.pdf" not in names and "ledger.xlsx" not in names
    assert not [p for p in folder.iterdir() if p.name.startswith(".")]  # no scratch left
    titles = [a.title for a in ctx.notice.attachments if a.content == "table"] if ctx.notice else [ctx.table.title]
    for title in titles[:1]:
        assert f"{title}.xlsx" in names and f"{title}.pdf" in names
    if ctx.notice:
        assert f"{ctx.notice.title}.pdf" in names
    assert f"{report.title}.pdf" in names and {"notice.html", "report.html"} <= set(names)
    for page in ("notice.html", "report.html"):
        links = local_links(folder / page)
        assert any(f for f, _ in links), f"{page} links no file"
        ids = Page((folder / page).read_text(encoding="utf-8")).ids
        for file, fragment in links:
            assert not file or (folder / file).is_file(), (page, file)
            assert not fragment or file or fragment in ids, (page, fragment)
    # the right file behind each name
    import openpyxl

    for xlsx in folder.glob("*.xlsx"):  # 吉林市 attaches no table
        ws = openpyxl.load_workbook(xlsx).worksheets[0]
        assert any(ctx.table.title in str(c.value or "") for row in ws.iter_rows(max_row=4) for c in row)
    assert all(p.read_bytes()[:5] == b"%PDF-" for p in folder.glob("*.pdf"))


def test_zip_holds_the_bundle_reproducibly(bundles, tmp_path):
    report, folder, outputs = bundles["jilin-2018"]
    (archive,) = folder.glob("*.zip")
    with zipfile.ZipFile(archive) as zf:
        assert sorted(zf.namelist()) == sorted(p.name for p in folder.iterdir() if p.suffix != ".zip")
        assert {i.date_time for i in zf.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        assert zf.read("notice.html") == (folder / "notice.html").read_bytes()


def test_notice_pdf_is_listed_first_and_the_attachment_note_links_its_file(bundles):
    report, folder, _ = bundles["shenyang-2021"]
    html = (folder / "notice.html").read_text(encoding="utf-8")
    downloads = html[html.index('class="downloads"'):]
    assert downloads.index(NOTICE_LABEL) < downloads.index("附件：")
    note = html[html.index('class="attachments"'):html.index('class="downloads"')]
    assert re.search(r'<a href="[^"]+\.xlsx">', note)


# ------------------------------------------------------------------ in Chromium, from disk

@pytest.fixture(scope="module")
def chromium():
    if not AXE.exists():
        pytest.fail("axe-core is not installed: run scripts/setup.sh (npm install)")
    with chromium_browser() as b:
        yield b


def axe_violations(page) -> list[str]:
    page.add_script_tag(path=str(AXE))
    return page.evaluate("""async () => (await axe.run(document, {resultTypes: ['violations']})).violations
        .map(v => v.id + ': ' + v.help + ' — ' + v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(', '))""")


def no_side_scroll(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def large_text(page) -> None:
    page.click("label[for=zwgk-large]")
    assert page.is_checked("#zwgk-large")


@pytest.mark.browser
@pytest.mark.parametrize("name", EXAMPLE_NAMES)
@pytest.mark.parametrize("which", ["notice.html", "report.html"])
def test_page_in_chromium(bundles, chromium, artifacts, name, which):
    report, folder, _ = bundles[name]
    url = (folder / which).as_uri()
    page = chromium.new_page(viewport={"width": 1280, "height": 900})
    page.goto(url)
    # metadata as the site's crawler reads it
    meta = page.evaluate("Object.fromEntries([...document.querySelectorAll('meta[name]')].map(m => [m.name, m.content]))")
    title = report.title if which == "report.html" else (report.ctx.notice.title if report.ctx.notice else report.ctx.plan_title)
    assert meta["ArticleTitle"] == title and page.evaluate("document.documentElement.lang") == "zh-CN"
    # every link resolves: files exist, fragments name an element
    for href in page.evaluate("[...document.querySelectorAll('a[href]')].map(a => a.href)"):
        parts = urlsplit(href)
        if parts.scheme == "file":
            assert Path(unquote(parts.path)).is_file(), href
            if parts.fragment:
                assert page.evaluate("id => !!document.getElementById(id)", unquote(parts.fragment)), href
    # headings in order, every table header with a scope
    levels = page.evaluate("[...document.querySelectorAll('h1,h2,h3,h4,h5,h6')].map(h => +h.tagName[1])")
    assert levels[0] == 1 and levels.count(1) == 1
    assert all(b <= a + 1 for a, b in zip(levels, levels[1:])), levels
    assert page.evaluate("[...document.querySelectorAll('th')].every(t => t.hasAttribute('scope'))")
    assert axe_violations(page) == []
    stem = f"web-{name}-{which.split('.')[0]}"
    page.screenshot(path=str(artifacts / f"{stem}-1280.png"))
    # print: the document, not the site's parts
    page.emulate_media(media="print")
    assert page.evaluate("['.site-tools', '.downloads', '.meta'].every(s => [...document.querySelectorAll(s)].every(e => getComputedStyle(e).display === 'none'))")
    page.emulate_media(media="screen")
    # large-text mode: bigger, still accessible (axe once per kind of page: the CSS is shared)
    body = "getComputedStyle(document.querySelector('main p')).fontSize"
    normal = float(page.evaluate(body).rstrip("px"))
    large_text(page)
    assert float(page.evaluate(body).rstrip("px")) >= 1.3 * normal
    if name == "shenyang-2021":
        assert axe_violations(page) == []
    page.close()
    # reflow without sideways scrolling: a 375 px phone, 320 px, and 200 % zoom of 1280 px
    for width, scale in ((375, 1), (320, 1), (640, 2)):
        page = chromium.new_page(viewport={"width": width, "height": 800}, device_scale_factor=scale)
        page.goto(url)
        assert no_side_scroll(page), (width, "normal")
        if width == 375:
            page.screenshot(path=str(artifacts / f"{stem}-375.png"))
        large_text(page)
        assert no_side_scroll(page), (width, "large")
        if width == 375:
            page.screenshot(path=str(artifacts / f"{stem}-375-large.png"))
        page.close()


@pytest.mark.browser
def test_diff_and_trace_pages_in_chromium(chromium, artifacts, tmp_path):
    from zwgk_docs.compare import diff_files, trace_files, write_sheet

    pages = {
        "diff": diff_files(example_path("jilin-2018"), example_path("siping-2018")),
        "trace": trace_files(example_path("siping-2018"), example_path("jilin-2018")),
    }
    for name, result in pages.items():
        path = write_sheet(result.sheet, tmp_path / f"{name}.html", result.plan)
        for width in (1280, 320):
            page = chromium.new_page(viewport={"width": width, "height": 900})
            page.goto(path.as_uri())
            assert no_side_scroll(page), (name, width)
            if width == 1280:
                assert axe_violations(page) == []
                page.screenshot(path=str(artifacts / f"web-{name}-1280.png"))
                page.emulate_media(media="print")
                page.pdf(path=str(tmp_path / f"{name}.pdf"), prefer_css_page_size=True)
            page.close()
        import pdfplumber

        with pdfplumber.open(tmp_path / f"{name}.pdf") as pdf:  # printed on A4 landscape
            assert (round(pdf.pages[0].width), round(pdf.pages[0].height)) == (842, 595)
