"""User text (a title, a unit) as a file name every client accepts: Windows, macOS, Linux, zip, a CMS."""

from __future__ import annotations

import re
import unicodedata
from typing import Optional

_UNSAFE = re.compile(r'[\x00-\x1f\x7f\\/:*?"<>|#%&{}$!`\'=+@^~\[\];,\s]+')
_WINDOWS_DEVICES = {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(10)), *(f"lpt{i}" for i in range(10))}
MAX_CHARS = 80  # Linux allows 255 bytes: 80 Chinese characters (240 bytes) plus an extension


def safe_file_name(text: str, suffix: str = "", used: Optional[set[str]] = None, fallback: str = "文件") -> str:
    """`text` + `suffix` as a safe file name, unique (case-insensitively) within `used`, which it updates.

    Characters that are reserved on Windows or need escaping in a URL become "_"; names that are
    empty, only dots or a Windows device name (CON, NUL…) get `fallback`.
    """
    base = _UNSAFE.sub("_", unicodedata.normalize("NFC", text)).strip("._ ")[:MAX_CHARS].rstrip("._ ")
    if not base or base.split(".")[0].lower() in _WINDOWS_DEVICES:
        base = fallback if not base else f"{fallback}_{base}"
    name, n = base + suffix, 2
    if used is not None:
        while name.lower() in used:
            name, n = f"{base}_{n}{suffix}", n + 1
        used.add(name.lower())
    return name
