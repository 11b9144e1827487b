"""Size limits checked before a file is parsed, so a hostile or broken file is refused at once.

.xlsx/.docx are zip packages: their central directory is read (no decompression) for the
compressed and declared sizes and ratios; the main XML parts are then decompressed as a stream,
capped at the declared size, to count rows / paragraphs and to refuse DTDs (entity expansion).
The numbers are documented in docs/import.md ("文件大小限制").
"""

from __future__ import annotations

import zipfile
import zlib
from pathlib import Path

from ..errors import Location, UserError

MAX_FILE_BYTES = 50 * 1024 * 1024  # the file as stored on disk
MAX_UNPACKED_BYTES = 200 * 1024 * 1024  # all parts of a .docx/.xlsx, uncompressed
MAX_RATIO = 100  # uncompressed / compressed, for parts over RATIO_FLOOR
RATIO_FLOOR = 2 * 1024 * 1024
MAX_ENTRIES = 5000
MAX_ROWS = 100_000  # per sheet / text table
MAX_COLUMNS = 200
MAX_PARAGRAPHS = 400_000  # a .docx table: 20,000 rows of up to 20 cells is 400,000 cell paragraphs
MAX_CELL_CHARS = 131_072  # the csv module's own field limit; no real cell comes close
MAX_TEXT_BYTES = 20 * 1024 * 1024  # .txt/.csv


def _mb(n: int) -> str:
    return f"{n / 1024 / 1024:.0f} MB"


def refuse(path: Path, what: str) -> UserError:
    return UserError.single(f"文件超出导入限制，未导入：{what}。请检查文件是否正确，或拆分后再导入（限制见 docs/import.md）。", Location(str(path)))


def check_file_size(path: Path, limit: int = MAX_FILE_BYTES) -> None:
    size = path.stat().st_size
    if size > limit:
        raise refuse(path, f"文件大小 {_mb(size)}，超过 {_mb(limit)}")


class _Dtd(Exception):
    pass


def _count(zf: zipfile.ZipFile, info: zipfile.ZipInfo, needles: tuple[bytes, ...]) -> int:
    """Occurrences of needles in a part, decompressed as a stream (at most its declared size)."""
    count = 0
    tail = b""
    with zf.open(info) as f:
        while True:
            chunk = f.read(1 << 20)
            if not chunk:
                break
            data = tail + chunk
            if b"<!DOCTYPE" in data or b"<!ENTITY" in data:
                raise _Dtd()
            count += sum(data.count(n) for n in needles)
            tail = data[-16:]
            count -= sum(tail.count(n) for n in needles)  # counted again with the next chunk
    return count + sum(tail.count(n) for n in needles)


def check_package(path: Path, kind: str) -> None:
    """kind: "xlsx" or "docx". Raises UserError naming the limit that was exceeded."""
    check_file_size(path)
    try:
        zf = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError):
        return  # not a zip at all: the reader reports the damaged file
    with zf:
        infos = zf.infolist()
        if len(infos) > MAX_ENTRIES:
            raise refuse(path, f"压缩包内有 {len(infos)} 个部件，超过 {MAX_ENTRIES} 个")
        total = sum(i.file_size for i in infos)
        if total > MAX_UNPACKED_BYTES:
            raise refuse(path, f"解压后共 {_mb(total)}，超过 {_mb(MAX_UNPACKED_BYTES)}")
        for i in infos:
            if i.file_size > RATIO_FLOOR and i.file_size > MAX_RATIO * max(i.compress_size, 1):
                raise refuse(path, f"部件 {i.filename} 的压缩比为 {i.file_size // max(i.compress_size, 1)}:1，超过 {MAX_RATIO}:1（疑似压缩炸弹）")
        for i in infos:
            if not i.filename.endswith((".xml", ".rels")):
                continue
            try:
                if kind == "xlsx" and i.filename.startswith("xl/worksheets/"):
                    rows = _count(zf, i, (b"<row ", b"<row>", b":row ", b":row>"))
                    if rows > MAX_ROWS:
                        raise refuse(path, f"工作表 {i.filename} 有 {rows} 行，超过 {MAX_ROWS} 行")
                elif kind == "docx" and i.filename == "word/document.xml":
                    paras = _count(zf, i, (b"<w:p>", b"<w:p "))
                    if paras > MAX_PARAGRAPHS:
                        raise refuse(path, f"文档有 {paras} 个段落，超过 {MAX_PARAGRAPHS} 个")
                else:
                    _count(zf, i, ())
            except _Dtd:
                raise refuse(path, f"部件 {i.filename} 含有 DTD 或实体声明（<!DOCTYPE / <!ENTITY>），正常的 Office 文件没有") from None
            except (zipfile.BadZipFile, zlib.error, EOFError, OSError, RuntimeError, NotImplementedError):
                raise UserError.single(f"无法打开这个 .{kind} 文件：压缩包已损坏（{i.filename}）。", Location(str(path))) from None
