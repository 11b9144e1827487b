"""File names made from user text (unit names): safe on Windows and Linux, readable, distinct.

A plan may come from someone else, so a unit name is hostile until cleaned: bidi controls
(U+202E makes "…exe.xlsx" display), zero-width characters (invisible names), characters
Windows forbids, reserved device names (CON, NUL, COM1…), names too long for the file system.

Two flavours: `FileNamer` keeps a unit's name readable (units/ of `zwgk build --by-unit`:
full-width look-alikes, hash tags on clashes); `safe_file_name` is also safe in a URL or a CMS
(publish: anything special becomes "_").
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from typing import Optional

MAX_STEM_BYTES = 120  # UTF-8; ext4 allows 255 per name, Windows 260 per path — leave room for the folder
# Windows-illegal characters → their full-width look-alikes, so 市/县 stays readable as 市／县.
_MAP = str.maketrans({'\\': "＼", "/": "／", ":": "：", "*": "＊", "?": "？", '"': "＂", "<": "＜", ">": "＞", "|": "｜"})
_RESERVED = re.compile(r"^(CON|PRN|AUX|NUL|COM[0-9¹²³]|LPT[0-9¹²³]|CONIN\$|CONOUT\$)$", re.IGNORECASE)
_SPACES = re.compile(r"\s+")
FALLBACK = "未命名单位"


def _visible(text: str) -> str:
    """Drop control and format characters (bidi overrides, zero-width joiners, BOM, soft hyphen…)."""
    text = unicodedata.normalize("NFC", text)
    return "".join(ch for ch in text if unicodedata.category(ch) not in ("Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"))


def _bounded(text: str, limit: int) -> str:
    """Keep the head and tail of a long name ("…" between): both ends tell units apart."""
    if len(text.encode("utf-8")) <= limit:
        return text
    head, tail = "", ""
    budget = limit - len("…".encode("utf-8"))
    i, j = 0, len(text) - 1
    take_head = True
    while i <= j:
        ch = text[i] if take_head else text[j]
        if len((head + tail + ch).encode("utf-8")) > budget:
            break
        if take_head:
            head, i = head + ch, i + 1
        else:
            tail, j = ch + tail, j - 1
        take_head = len(head) <= 2 * len(tail) + 8  # mostly head: the name's start reads best
    return head + "…" + tail


def safe_stem(name: str, limit: int = MAX_STEM_BYTES) -> str:
    """A file name stem for `name` (without extension)."""
    text = _SPACES.sub(" ", _visible(name).translate(_MAP)).strip()
    text = text.strip(". ")  # Windows drops trailing dots and spaces; a leading dot hides the file
    if not text:
        return FALLBACK
    if _RESERVED.match(text.split(".")[0].strip()):
        text = f"单位-{text}"  # Windows reserves CON, NUL… before any extension: NUL.txt too
    return _bounded(text, limit)


class FileNamer:
    """Distinct safe names within one folder; a clash gets a readable tag, not "_2".

    Names clash when they are equal ignoring case (Windows, macOS) and Unicode form. The
    second name gets the start of a hash of the full unit name — stable across builds.
    """

    def __init__(self) -> None:
        self.used: set[str] = set()

    def name(self, unit: str, suffix: str = ".xlsx") -> str:
        stem = safe_stem(unit)
        if self._key(stem) in self.used:
            tag = "（" + hashlib.sha1(unit.encode("utf-8")).hexdigest()[:6] + "）"
            stem = safe_stem(unit, MAX_STEM_BYTES - len(tag.encode("utf-8"))) + tag
        n = 2
        while self._key(stem) in self.used:  # only when two different names share a hash prefix
            stem = f"{stem}（{n}）"
            n += 1
        self.used.add(self._key(stem))
        return stem + suffix

    @staticmethod
    def _key(stem: str) -> str:
        return unicodedata.normalize("NFKC", stem).casefold()


# ---------------------------------------------------------------- URL-safe names (publish)

_UNSAFE = re.compile(r'[\x00-\x1f\x7f\\/:*?"<>|#%&{}$!`\'=+@^~\[\];,\s]+')
_WINDOWS_DEVICES = {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(10)), *(f"lpt{i}" for i in range(10))}
MAX_CHARS = 80  # Linux allows 255 bytes: 80 Chinese characters (240 bytes) plus an extension


def safe_file_name(text: str, suffix: str = "", used: Optional[set[str]] = None, fallback: str = "文件") -> str:
    """`text` + `suffix` as a safe file name, unique (case-insensitively) within `used`, which it updates.

    Characters that are reserved on Windows or need escaping in a URL become "_"; names that are
    empty, only dots or a Windows device name (CON, NUL…) get `fallback`.
    """
    base = _UNSAFE.sub("_", _visible(text)).strip("._ ")[:MAX_CHARS].rstrip("._ ")
    if not base or base.split(".")[0].lower() in _WINDOWS_DEVICES:
        base = fallback if not base else f"{fallback}_{base}"
    name, n = base + suffix, 2
    if used is not None:
        while name.lower() in used:
            name, n = f"{base}_{n}{suffix}", n + 1
        used.add(name.lower())
    return name
