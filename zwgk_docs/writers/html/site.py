"""What a 政府网站 page carries besides the document: the 政府网站发展指引 (国办发〔2017〕47号)
page metadata, the 信息公开 block (索引号、发布日期…) and the list of downloadable attachments.

Only what the plan states (or what follows from it: the title, the 发文机关, the domain of the
url) is written; a missing value is left out, never guessed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional
from urllib.parse import quote, urlsplit

from ...context import cn_date
from ...model.plan import WebArticle, WebMeta

# The 政府网站发展指引 meta names, in the order of its table.
META_NAMES = ("SiteName", "SiteDomain", "SiteIDCode", "ColumnName", "ColumnType", "ArticleTitle",
              "PubDate", "ContentSource", "Keywords", "Description", "Url")


def pub_date(article: Optional[WebArticle]) -> str:
    """PubDate as the 指引 writes it: "2021-06-22 09:30", or the date alone when no time is given."""
    if article is None or article.publish_date is None:
        return ""
    return article.publish_date.isoformat() + (f" {article.publish_time}" if article.publish_time else "")


def site_meta(web: Optional[WebMeta], article: Optional[WebArticle], title: str, source: str) -> list[tuple[str, str]]:
    """(name, content) pairs for <meta>, empty ones left out.

    `web` holds the site fields; `article` the page's own (the plan's web block itself for the
    notice, web.report for the annual report); `source` is the issuing organ (ContentSource default).
    """
    domain = (web.site_domain if web else None) or (urlsplit(article.url).hostname if article and article.url else None)
    values = {
        "SiteName": web.site_name if web else None,
        "SiteDomain": domain,
        "SiteIDCode": web.site_code if web else None,
        "ColumnName": article.column if article else None,
        "ColumnType": article.column_type if article else None,
        "ArticleTitle": title,
        "PubDate": pub_date(article),
        "ContentSource": (article.source if article else None) or source,
        "Keywords": ",".join(article.keywords) if article else None,
        "Description": article.description if article else None,
        "Url": article.url if article else None,
    }
    return [(name, values[name] or "") for name in META_NAMES if values[name]]


def report_info(web: Optional[WebMeta], title: str, organ: str, date_text: str) -> list[tuple[str, str, bool]]:
    """The 信息公开 block of the annual report page (its own 索引号 etc. from web.report)."""
    article = web.report if web else None
    rows = [
        ("索引号", (article.index_number if article else None) or "", False),
        ("分类", (article.category if article else None) or "", False),
        ("发布机构", organ, False),
        ("成文日期", date_text, False),
        ("标题", title, True),
        ("发布日期", cn_date(article.publish_date) if article else "", False),
    ]
    return [r for r in rows if r[1]]


@dataclass(frozen=True)
class DownloadFile:
    name: str  # file name in the bundle, e.g. "沈阳市2021年政务公开工作要点任务分解表.xlsx"
    kind: str  # "PDF 文档" | "Excel 表格" | "Word 文档"
    size: int  # bytes

    @property
    def href(self) -> str:
        """Relative and percent-encoded: opens from disk and after upload to a CMS folder."""
        return quote(self.name)

    @property
    def size_text(self) -> str:
        return f"{max(1, round(self.size / 1024))} KB" if self.size < 1024 * 1024 else f"{self.size / 1024 / 1024:.1f} MB"


@dataclass(frozen=True)
class Download:
    """One line of the 附件 list: "附件1：标题" with its files (none: 另行提供)."""

    mark: str  # "附件1", "附件", or "" for the document itself
    title: str
    files: list[DownloadFile] = field(default_factory=list)
    anchor: str = ""  # in-page section that shows the same attachment
    number: int = 0  # the notice's attachment number; 0 for the document itself

    @property
    def label(self) -> str:
        return f"{self.mark}：{self.title}" if self.mark else self.title
