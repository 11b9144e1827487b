"""`zwgk publish`: the folder an office uploads to its 政府信息公开专栏.

notice.html with the attachments it links — the 通知 PDF and each 附件 (the 任务分解表 as
.xlsx and .pdf) named by its 附件 title — and, given progress (and statistics), report.html
with the report PDF. Links are relative and percent-encoded, so the folder works opened from
disk and uploaded as it is to a CMS; optionally everything also goes into one .zip.
All files or none (build.write_all).
"""

from __future__ import annotations

import os
import zipfile
from pathlib import Path
from typing import TYPE_CHECKING, Optional, Union

from ..build import write_all
from ..context import RenderContext, build_context
from ..model import Plan
from ..writers import Document, Output, write_documents, writer
from ..writers.filenames import safe_file_name
from ..writers.html import write as write_notice_page
from ..writers.html.site import Download, DownloadFile

if TYPE_CHECKING:
    from ..report.context import ReportContext

PAGES = ("notice.html", "report.html")
KINDS = {".pdf": "PDF 文档", ".xlsx": "Excel 表格", ".docx": "Word 文档", ".zip": "压缩包"}
NOTICE_LABEL = "通知全文（含附件）"
ZIP_TIME = (1980, 1, 1, 0, 0, 0)  # fixed: the same plan gives the same bytes


class Bundle:
    """Files moved into the bundle folder under safe, unique names."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.used = set(PAGES)
        self.outputs: list[Output] = []

    def add(self, src: Path, title: str, kind: str) -> DownloadFile:
        name = safe_file_name(title, src.suffix, self.used)
        target = self.folder / name
        os.replace(src, target)
        self.outputs.append(Output(kind, target))
        return DownloadFile(name, KINDS.get(src.suffix, src.suffix), target.stat().st_size)


def notice_downloads(ctx: RenderContext, bundle: Bundle, scratch: Path) -> list[Download]:
    """The 通知 PDF and one line per 附件; the task table's files are made only when some line links them."""
    n = ctx.notice
    table_attached = n is None or any(a.content == "table" for a in n.attachments)
    documents: list[Document] = []
    if n is not None:
        documents.append("notice")
    if table_attached:
        documents.append("tasks")
    made = {o.kind: o.path for o in write_documents(ctx, scratch, "pdf", documents)}
    if table_attached:  # the task table only: the ledger is the office's own working file, not published
        made.update({o.kind: o.path for o in writer("tasks", "xlsx")(ctx, scratch)})
    if n is None:
        files = [bundle.add(made["tasks.xlsx"], ctx.table.title, "publish.xlsx"),
                 bundle.add(made["tasks.pdf"], ctx.table.title, "publish.pdf")]
        return [Download("", ctx.table.title, files)]
    out = [Download("", NOTICE_LABEL, [bundle.add(made["notice.pdf"], n.title, "publish.pdf")])]
    table_files: list[DownloadFile] = []
    for a in n.attachments:
        if a.content == "table":
            if not table_files:
                table_files = [bundle.add(made["tasks.xlsx"], a.title, "publish.xlsx"),
                               bundle.add(made["tasks.pdf"], a.title, "publish.pdf")]
            out.append(Download(a.mark, a.title, table_files, number=a.number))
        elif a.content == "plan":  # the 要点 is in the 通知 PDF and on the page
            out.append(Download(a.mark, a.title, anchor=f"zwgk-annex-{a.number}", number=a.number))
        else:
            out.append(Download(a.mark, a.title, number=a.number))
    return out


def write_zip(outputs: list[Output], path: Path) -> Output:
    """One archive of the bundle: sorted entries, fixed times, UTF-8 names (WinRAR, 7-Zip, Windows 10+)."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for o in sorted(outputs, key=lambda o: o.path.name):
            info = zipfile.ZipInfo(o.path.name, ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            zf.writestr(info, o.path.read_bytes())
    return Output("publish.zip", path)


def publish(plan: Plan, out_dir: Union[str, "os.PathLike[str]"], report: Optional[ReportContext] = None,
            make_zip: bool = False) -> list[Output]:
    """Write the bundle into out_dir; `report` (of the same plan) adds report.html and its PDF."""
    ctx = report.ctx if report is not None and report.ctx is not None else build_context(plan)

    def produce(staging: Path) -> list[Output]:
        scratch = staging / ".parts"
        scratch.mkdir()
        bundle = Bundle(staging)
        downloads = notice_downloads(ctx, bundle, scratch)
        bundle.outputs += write_notice_page(ctx, staging, downloads)
        if report is not None:
            from ..report.write_html import write_html

            (pdf,) = writer("report", "pdf")(report, scratch)
            files = [bundle.add(pdf.path, report.title, "publish.pdf")]
            bundle.outputs += write_html(report, staging, [Download("", report.title, files)])
        outputs = list(bundle.outputs)
        if make_zip:
            title = ctx.notice.title if ctx.notice else ctx.plan_title
            outputs.append(write_zip(outputs, staging / safe_file_name(title, ".zip", bundle.used)))
        return outputs

    return write_all(out_dir, produce)

