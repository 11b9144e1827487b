"""Files a plan names (today: notice.seal_image): one resolver and one check, for every writer.

A relative path is relative to the plan's folder (to the working folder for a plan given as
text). Absolute paths and paths leaving that folder work on the command line, with a notice;
in untrusted mode (`build(..., trusted=False)`, `zwgk build --untrusted`) they are refused,
as are symbolic links leading out — a plan from someone else must not read /etc/passwd or
another office's files into its PDF.

The seal is checked by content, not by name: PNG or JPEG only (an SVG may reference
http://…, a local file or an XML entity), at most MAX_SEAL_BYTES and MAX_SEAL_PIXELS. The
.docx and PDF writers both call seal_for(), so they accept and refuse the same seals with
the same message; the PDF gets the checked bytes as a data: URL and fetches nothing.
"""

from __future__ import annotations

import base64
import contextlib
import contextvars
import io
import os
import re
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Iterator, Optional

from .errors import Diagnostic, Location, UserError

if TYPE_CHECKING:
    from .context import RenderContext
    from .model import Plan

MAX_SEAL_BYTES = 5 * 1024 * 1024
MAX_SEAL_PIXELS = 4000 * 4000
SEAL_FIELD = "notice.seal_image"
SEAL_TYPES = {"PNG": "image/png", "JPEG": "image/jpeg"}

_trusted: contextvars.ContextVar[bool] = contextvars.ContextVar("zwgk_trusted", default=True)


@contextlib.contextmanager
def policy(trusted: bool) -> Iterator[None]:
    """Within this block, files outside the plan's folder are refused unless `trusted`."""
    token = _trusted.set(bool(trusted))
    try:
        yield
    finally:
        _trusted.reset(token)


def is_trusted() -> bool:
    return _trusted.get()


@dataclass(frozen=True)
class SealImage:
    path: Path
    data: bytes
    mime: str
    size_px: tuple[int, int]

    @property
    def data_url(self) -> str:
        return f"data:{self.mime};base64," + base64.b64encode(self.data).decode("ascii")


@dataclass(frozen=True)
class Resolved:
    path: Path
    outside: bool  # not inside the plan's folder (symbolic links followed)


def plan_folder(plan_source: Optional[str]) -> Path:
    if plan_source and not plan_source.startswith("<"):  # "<文本>", "<标准输入>": no folder of its own
        return Path(plan_source).resolve().parent
    return Path.cwd().resolve()


def resolve(value: str, plan_source: Optional[str], field: str, what: str) -> Resolved:
    """Where a file named in the plan is; a UserError naming `field` if it cannot or may not be used."""
    def refuse(message: str) -> UserError:
        return UserError.single(message, key_location(plan_source, field), field)

    if "\0" in value:
        raise refuse(f"{what}路径中含有空字符（\\0），不是有效的路径。")
    if "://" in value or value.lower().startswith(("data:", "http:", "https:", "ftp:", "file:")):
        raise refuse(f"{what}应为本地文件的路径（如 seal.png），不能是网址：生成文件时不访问网络。")
    base = plan_folder(plan_source)
    raw = Path(value).expanduser() if value.startswith("~") and is_trusted() else Path(value)
    path = (base / raw).resolve()
    outside = not path.is_relative_to(base)  # after resolve(): symbolic links leading out count as outside
    if outside and not is_trusted():
        raise refuse(f"{what}“{value}”不在计划文件所在的文件夹中：不受信任模式（--untrusted）下只能使用该文件夹内的文件。")
    try:
        info = path.stat()
    except FileNotFoundError:
        raise refuse(f"{what}“{value}”不存在（按计划文件所在的文件夹 {base} 查找）。") from None
    except OSError as exc:
        raise refuse(f"无法读取{what}“{value}”：{exc.strerror}。") from None
    if not stat.S_ISREG(info.st_mode):
        raise refuse(f"{what}“{value}”不是普通文件。")
    return Resolved(path, outside)


def seal_for(ctx: "RenderContext") -> Optional[SealImage]:
    """The notice's seal, checked; None without one. Both notice writers call this."""
    if ctx.notice is None or not ctx.notice.seal_image:
        return None
    return load_seal(ctx.notice.seal_image, ctx.source)


def load_seal(value: str, plan_source: Optional[str]) -> SealImage:
    where = resolve(value, plan_source, SEAL_FIELD, "印章图片")
    size = where.path.stat().st_size
    if size > MAX_SEAL_BYTES:
        raise UserError.single(f"印章图片“{value}”过大（{size / 1048576:.1f} MB，上限 {MAX_SEAL_BYTES // 1048576} MB）。",
                               key_location(plan_source, SEAL_FIELD), SEAL_FIELD)
    with open(where.path, "rb") as f:
        data = f.read(MAX_SEAL_BYTES + 1)
    return SealImage(where.path, data, *_check_image(data, value, plan_source))


def _check_image(data: bytes, value: str, plan_source: Optional[str]) -> tuple[str, tuple[int, int]]:
    def refuse(message: str) -> UserError:
        return UserError.single(message, key_location(plan_source, SEAL_FIELD), SEAL_FIELD)

    head = data[:512].lstrip().lower()
    if head.startswith((b"<?xml", b"<svg", b"<!doctype")) or b"<svg" in head:
        raise refuse(f"印章图片“{value}”是 SVG：请导出为 PNG（透明背景）后使用。SVG 可能引用网络或本机文件，不予使用。")
    if not (data.startswith(b"\x89PNG\r\n\x1a\n") or data.startswith(b"\xff\xd8\xff")):
        raise refuse(f"印章图片“{value}”不是 PNG 或 JPEG 图片（按文件内容判断）。请使用 PNG（透明背景）。")
    from PIL import Image

    try:
        with Image.open(io.BytesIO(data)) as img:  # reads the header only: no decoding yet
            kind, (w, h) = img.format, img.size
            if kind not in SEAL_TYPES:
                raise refuse(f"印章图片“{value}”不是 PNG 或 JPEG 图片。")
            if w * h > MAX_SEAL_PIXELS:
                raise refuse(f"印章图片“{value}”像素过多（{w}×{h}，上限 {MAX_SEAL_PIXELS:,} 像素）：42 mm 的印章 1000×1000 像素已足够清晰。")
            img.verify()
    except UserError:
        raise
    except Image.DecompressionBombError:
        raise refuse(f"印章图片“{value}”像素过多（上限 {MAX_SEAL_PIXELS:,} 像素）：42 mm 的印章 1000×1000 像素已足够清晰。") from None
    except Exception:  # noqa: BLE001 - any decoder complaint means: not a usable image
        raise refuse(f"印章图片“{value}”已损坏，无法读取。") from None
    return SEAL_TYPES[kind], (w, h)


def plan_file_notes(plan: "Plan") -> list[Diagnostic]:
    """Notices for the command line: files a trusted plan reads from outside its folder."""
    if plan.notice is None or not plan.notice.seal_image:
        return []
    with contextlib.suppress(UserError):
        where = resolve(plan.notice.seal_image, plan.source, SEAL_FIELD, "印章图片")
        if where.outside:
            return [Diagnostic(f"印章图片使用计划文件夹以外的文件：{where.path}（不受信任模式 --untrusted 下会被拒绝）。",
                               key_location(plan.source, SEAL_FIELD), SEAL_FIELD, "warning")]
    return []


def key_location(plan_source: Optional[str], field: str) -> Optional[Location]:
    """The line of `field`'s last key in the plan file (the model keeps no positions after loading)."""
    if not plan_source or plan_source.startswith("<"):
        return None
    key = re.compile(r"^\s*" + re.escape(field.rsplit(".", 1)[-1]) + r"\s*:")
    with contextlib.suppress(OSError, UnicodeDecodeError):
        with open(plan_source, encoding="utf-8-sig") as f:
            for number, line in enumerate(f, 1):
                m = key.match(line)
                if m:
                    return Location(plan_source, number, len(line) - len(line.lstrip()) + 1)
    return Location(plan_source)


def readable_by_renderer(path: Path) -> bool:
    """Local files WeasyPrint may read: the package's templates (and whatever they reference)."""
    from .resources import template_dir

    with contextlib.suppress(OSError, ValueError):
        return Path(os.path.realpath(path)).is_relative_to(Path(os.path.realpath(template_dir())))
    return False
