"""Files on disk: atomic writes, and every OSError told as one Chinese sentence with the path and a way out.

Users are office staff on shared PCs: the usual causes are a file still open in WPS/Word/Excel
(Windows refuses to replace it), a folder they may not write to, a full disk or USB stick, or an
output name that already exists as a file. Each becomes a UserError (exit 2) naming the path.
"""

from __future__ import annotations

import contextlib
import errno
import os
import secrets

from pathlib import Path
from typing import Iterator, Optional, Union

from .errors import Location, UserError

PathLike = Union[str, "os.PathLike[str]"]

_CLOSE_IT = "如果它正在 WPS、Word 或 Excel 中打开，请先关闭再重试"


def explain_os_error(exc: OSError, path: Optional[PathLike] = None) -> str:
    """One Chinese sentence: what went wrong with which path, and what to do."""
    where = os.fspath(path) if path is not None else (exc.filename or "")
    code = exc.errno
    winerror = getattr(exc, "winerror", None)
    if winerror in (32, 33):  # ERROR_SHARING_VIOLATION / ERROR_LOCK_VIOLATION
        return f"文件“{where}”正被其他程序占用：{_CLOSE_IT}。"
    if code in (errno.EACCES, errno.EPERM):
        if Path(where).is_file():
            return f"无法写入“{where}”：没有权限或文件被占用；{_CLOSE_IT}，或检查文件是否设为只读。"
        return f"没有在“{where}”写入的权限：请换一个自己有权限的文件夹（如“文档”或桌面下的文件夹），或请管理员开放权限。"
    if code == errno.EROFS:
        return f"“{where}”所在的磁盘是只读的（如光盘、写保护的 U 盘）：请换一个可以写入的文件夹。"
    if code in (errno.ENOSPC, getattr(errno, "EDQUOT", -1)):
        return f"磁盘空间不足，无法写入“{where}”：请清理磁盘或换一个有空间的磁盘后重试（已生成的部分已删除）。"
    if code == errno.ENOTDIR:
        return f"路径“{where}”中有一段是文件而不是文件夹：请换一个输出文件夹名，或删除/改名同名的文件。"
    if code == errno.EISDIR:
        return f"“{where}”是一个文件夹，不能当作文件写入：请写一个文件名，或换一个路径。"
    if code == errno.EEXIST:
        return f"“{where}”已经存在且不是文件夹：请换一个输出文件夹名，或删除/改名同名的文件。"
    if code == errno.ENOENT:
        return f"无法在“{where}”创建文件：上级文件夹不存在或不允许新建（如 /proc、/sys 这类系统目录）；请换一个普通文件夹。"
    if code == errno.ENAMETOOLONG:
        return f"路径“{where}”太长：请换一个短一些的文件夹或文件名。"
    if code in (errno.EBUSY, errno.ETXTBSY):
        return f"文件“{where}”正被占用：{_CLOSE_IT}。"
    if code == errno.EINVAL:
        return f"路径“{where}”在这个系统上不是有效的文件名：请去掉其中的特殊字符（如 : * ? \" < > |）。"
    reason = exc.strerror or str(exc)
    return f"无法写入“{where}”（{reason}）：请检查路径和磁盘后重试。"


def os_user_error(exc: OSError, path: Optional[PathLike] = None) -> UserError:
    """The sentence names the path itself, so no separate location prefix."""
    return UserError.single(explain_os_error(exc, path))


@contextlib.contextmanager
def fs_errors(path: Optional[PathLike] = None) -> Iterator[None]:
    """Turn any OSError inside the block into a UserError about `path` (or the failing file)."""
    try:
        yield
    except OSError as exc:
        raise os_user_error(exc, exc.filename if path is None else path) from None


def refuse_file_as_folder(path: PathLike) -> Path:
    """An output folder that is already a file: the one Chinese message (also for `-o FILE` on the command line)."""
    folder = Path(path)
    if folder.exists() and not folder.is_dir():
        raise UserError.single(
            f"输出文件夹“{folder}”已经是一个文件：请换一个文件夹名（如 out），或删除/改名这个文件。"
        )
    return folder


def ensure_dir(path: PathLike) -> Path:
    """mkdir -p with a Chinese error; refuses a path that is a file."""
    folder = refuse_file_as_folder(path)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise os_user_error(exc, exc.filename or folder) from None
    return folder


def _open_temporary(folder: Path) -> tuple[int, str]:
    """A new file beside the target, created 0666 minus the umask like any output (mkstemp's would be
    private, 0600: a colleague could not open the plan); the umask is applied by the system, not read
    with os.umask, which would briefly change it for every thread."""
    while True:
        name = str(folder / f".zwgk-{secrets.token_hex(8)}.tmp")
        try:
            return os.open(name, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o666), name
        except FileExistsError:
            continue


def write_bytes_atomic(path: PathLike, data: bytes) -> Path:
    """Write through a temporary file in the same folder, then rename: a reader sees old or new, never half."""
    target = Path(path)
    if target.is_dir():
        raise UserError.single(f"“{target}”是一个文件夹，不能当作文件写入：请写一个文件名。", Location(str(target)))
    ensure_dir(target.parent if str(target.parent) else ".")
    tmp = None
    try:
        fd, tmp = _open_temporary(target.parent)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        with contextlib.suppress(OSError):  # a file being replaced keeps its mode
            os.chmod(tmp, target.stat().st_mode & 0o777)
        os.replace(tmp, target)
        tmp = None
    except OSError as exc:
        failing = target if exc.filename in (None, tmp) else exc.filename
        raise os_user_error(exc, failing) from None
    finally:
        if tmp is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
    return target


def write_text_atomic(path: PathLike, text: str) -> Path:
    return write_bytes_atomic(path, text.encode("utf-8"))


