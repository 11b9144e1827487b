"""notice.html for the government website: one self-contained page (inline CSS, no remote
resources, no script) with the 政府网站发展指引 metadata, the 信息公开 block, the 通知 and 要点
text (an anchor per task id), the 任务分解表 as a real table that scrolls inside its own box on
phones, a 适老化 large-text switch, and — when published with its files (zwgk publish) — the
附件 list linking them."""

from __future__ import annotations

from pathlib import Path
from typing import Optional, Sequence

from ...context import RenderContext
from ...fonts import ROLES, css_family
from .. import Output
from ..templating import render
from .site import Download, site_meta


def metadata(ctx: RenderContext) -> list[tuple[str, str, bool]]:
    """(label, value, full width) rows as on the 信息公开 pages (seed 001); empty rows left out."""
    n, web = ctx.notice, ctx.web
    rows = [
        ("索引号", web.get("index_number", ""), False),
        ("分类", web.get("category", ""), False),
        ("发文机关", n.issuer if n else "", False),
        ("成文日期", n.date_text if n else "", False),
        ("标题", n.title if n else ctx.plan_title, True),
        ("发文字号", n.doc_number if n else "", False),
        ("发布日期", web.get("publish_date", ""), False),
    ]
    return [r for r in rows if r[1]]


def page_meta(ctx: RenderContext) -> list[tuple[str, str]]:
    """The 政府网站发展指引 <meta> pairs of notice.html."""
    title = ctx.notice.title if ctx.notice else ctx.plan_title
    return site_meta(ctx.web_meta, ctx.web_meta, title, ctx.notice.issuer if ctx.notice else "")


def page_html(ctx: RenderContext, downloads: Sequence[Download] = ()) -> str:
    """The page; `downloads` (from zwgk publish) adds the 附件 list and links the 附件说明 to the files."""
    stacks = {role: css_family(role, ctx.font_profile) for role in ROLES}
    title = ctx.notice.title if ctx.notice else ctx.plan_title
    links = {d.number: d.files[0].href for d in downloads if d.number and d.files}
    return render("notice.html", ctx=ctx, meta=metadata(ctx), stacks=stacks, page_title=title,
                  site_meta=page_meta(ctx), download_list=list(downloads), links=links)


def write(ctx: RenderContext, out_dir: Path, downloads: Optional[Sequence[Download]] = None) -> list[Output]:
    out = out_dir / "notice.html"
    out.write_text(page_html(ctx, downloads or ()), encoding="utf-8")
    return [Output("notice.html", out)]
