"""notice.html for the government website: one self-contained page (inline CSS, no remote
resources) with the 政府信息公开 metadata block, the 通知 and 要点 text (an anchor per task id)
and the 任务分解表 as a real table that scrolls inside its own box on phones."""

from __future__ import annotations

from pathlib import Path

from ...context import RenderContext
from ...fonts import ROLES, css_family
from .. import Output
from ..templating import render


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


def page_html(ctx: RenderContext) -> str:
    stacks = {role: css_family(role, ctx.font_profile) for role in ROLES}
    title = ctx.notice.title if ctx.notice else ctx.plan_title
    return render("notice.html", ctx=ctx, meta=metadata(ctx), stacks=stacks, page_title=title)


def write(ctx: RenderContext, out_dir: Path) -> list[Output]:
    out = out_dir / "notice.html"
    out.write_text(page_html(ctx), encoding="utf-8")
    return [Output("notice.html", out)]
