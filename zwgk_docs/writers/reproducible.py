"""Same plan, same templates → the same bytes, in every format.

Office files are zip packages whose bytes depend on when and how they were saved:
entry timestamps, entry order, permissions, and the dates, application name and
template leftovers in docProps. After every writer has saved, `normalise_package`
rewrites each .docx/.xlsx canonically, with the document's date: SOURCE_DATE_EPOCH
when set (https://reproducible-builds.org/specs/source-date-epoch/), else the plan's
成文日期 (or the web page's 发布日期, or 1 January of the plan year). PDFs get the same
date as their created/modified metadata (render.py reads `current()`).
"""

from __future__ import annotations

import contextlib
import contextvars
import datetime as dt
import html
import os
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import ContextManager, Iterator, Optional
from xml.etree import ElementTree as ET

from ..flags import Flag
from ..model import Plan

PACKAGE_SUFFIXES = (".docx", ".xlsx")
ZIP_EPOCH = dt.datetime(1980, 1, 1, tzinfo=dt.timezone.utc)  # the earliest time a zip entry can hold
ZIP_END = dt.datetime(2107, 12, 31, 23, 59, 58, tzinfo=dt.timezone.utc)  # and the latest
FIRST_ENTRIES = ("[Content_Types].xml", "_rels/.rels")  # where Office itself puts them
TOOL_NAMES = {"", "openpyxl", "python-docx", "zwgk_docs"}  # default creators that say nothing


@dataclass(frozen=True)
class Stamp:
    """What every output of one build says about itself."""

    when: dt.datetime  # aware, UTC
    title: str = ""
    author: str = ""  # 发文机关

    @property
    def w3c(self) -> str:
        return self.when.strftime("%Y-%m-%dT%H:%M:%SZ")


_current: contextvars.ContextVar[Optional[Stamp]] = contextvars.ContextVar("zwgk_stamp", default=None)


def source_date_epoch() -> Optional[dt.datetime]:
    raw = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not raw.isdigit() or len(raw) > 12:
        return None
    return dt.datetime.fromtimestamp(int(raw), dt.timezone.utc)


def plan_stamp(plan: Plan) -> Stamp:
    """The build's date: SOURCE_DATE_EPOCH, else 成文日期, 发布日期 or 1 January of the plan year."""
    notice, web = plan.notice, plan.web
    day = (notice.date if notice else None) or (web.publish_date if web else None) or dt.date(plan.plan.year, 1, 1)
    when = source_date_epoch() or dt.datetime(day.year, day.month, day.day, tzinfo=dt.timezone.utc)
    return Stamp(max(when, ZIP_EPOCH), plan.plan.title, notice.issuer if notice else "")


def current() -> Stamp:
    """The stamp of the build in progress (outside a build: SOURCE_DATE_EPOCH or 1980-01-01)."""
    return _current.get() or Stamp(max(source_date_epoch() or ZIP_EPOCH, ZIP_EPOCH))


@contextlib.contextmanager
def stamping(stamp: Optional[Stamp]) -> Iterator[None]:
    token = _current.set(stamp)
    try:
        yield
    finally:
        _current.reset(token)


# Inside a build, every package is rewritten by normalise_package once written (build._stamped).
_REWRITTEN_LATER = Flag("zwgk_rewritten_later")


def rewritten_later() -> ContextManager[None]:
    """The packages written meanwhile (in this thread) are rewritten by normalise_package afterwards."""
    return _REWRITTEN_LATER.on()


def is_rewritten_later() -> bool:
    """Whether a package written now is rewritten by normalise_package: its writer may then store its
    parts uncompressed (they are compressed once, there: the same bytes in the end)."""
    return bool(_REWRITTEN_LATER)


def normalise_package(path: Path, stamp: Stamp) -> None:
    """Rewrite an OOXML package canonically: entry order, timestamps, permissions, docProps."""
    with zipfile.ZipFile(path) as z:
        entries = {i.filename: z.read(i) for i in z.infolist() if not i.is_dir()}
    if "docProps/core.xml" in entries:
        entries["docProps/core.xml"] = _core_xml(entries["docProps/core.xml"], stamp)
    if "docProps/app.xml" in entries:
        entries["docProps/app.xml"] = APP_XML
    names = [n for n in FIRST_ENTRIES if n in entries] + sorted(n for n in entries if n not in FIRST_ENTRIES)
    stamp_tuple = min(max(stamp.when, ZIP_EPOCH), ZIP_END).timetuple()[:6]  # what a zip entry can hold
    tmp = path.with_name(path.name + ".tmp")
    with zipfile.ZipFile(tmp, "w") as out:
        for name in names:
            info = zipfile.ZipInfo(name, date_time=stamp_tuple)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3  # unix, so external_attr means the same on every machine
            info.external_attr = 0o100644 << 16
            out.writestr(info, entries[name], compresslevel=6)
    os.replace(tmp, path)


NS = {
    "cp": "http://schemas.openxmlformats.org/package/2006/metadata/core-properties",
    "dc": "http://purl.org/dc/elements/1.1/",
}

APP_XML = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    b'<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" '
    b'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
    b"<Application>zwgk_docs</Application><DocSecurity>0</DocSecurity></Properties>"
)


def _core_xml(old: bytes, stamp: Stamp) -> bytes:
    """Title and author as the writer set them (else the plan's), dates from the stamp, nothing else."""
    try:
        root = ET.fromstring(old)
        title = (root.findtext("dc:title", "", NS) or "").strip()
        creator = (root.findtext("dc:creator", "", NS) or "").strip()
    except ET.ParseError:
        title = creator = ""
    title = title or stamp.title
    creator = stamp.author or ("" if creator in TOOL_NAMES else creator)
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
        'xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
        f"<dc:title>{_escape(title)}</dc:title><dc:creator>{_escape(creator)}</dc:creator>"
        f"<cp:lastModifiedBy>{_escape(creator)}</cp:lastModifiedBy><cp:revision>1</cp:revision>"
        f'<dcterms:created xsi:type="dcterms:W3CDTF">{stamp.w3c}</dcterms:created>'
        f'<dcterms:modified xsi:type="dcterms:W3CDTF">{stamp.w3c}</dcterms:modified>'
        "</cp:coreProperties>"
    ).encode("utf-8")


def _escape(text: str) -> str:
    """Element text: & < > as references (what xml.sax.saxutils.escape does, without its import
    of urllib.request, http.client, ssl and email: ~0.02 s of every start)."""
    return html.escape(text, quote=False)
