"""The 通知 spacing fit.py chose, remembered across runs in the user's cache folder.

Choosing it lays the 通知 pages out up to nine times when a 通知 runs over its first page (twice,
~0.1 s, for the 沈阳 notice, which fits at no spacing); a rebuild after editing the tasks, or the
same plan built again, has the same 通知 and gets the same answer. The answer is a pure function of what the key holds: the probe's HTML at the standard
spacing (text, geometry, CSS, font names), fit.py's rules, the code that sets Chinese lines
(cjk_justify.py), the versions of WeasyPrint, Pango and HarfBuzz, and every installed file of
the font families the 通知 names (path, size, modification time) — so a changed font, library
or rule is a new key, and the PDF is byte for byte what a cold build gives.
"""

from __future__ import annotations

import functools
import hashlib
from pathlib import Path
from typing import Callable, Iterable, Optional

from ... import user_cache
from ...fonts import installed
from . import cjk_justify, fit, fit_breaks

FOLDER = "fit"


def chosen(probe_html: str, families: Iterable[str], choose: Callable[[], Optional[fit.Spacing]]) -> Optional[fit.Spacing]:
    """`choose()`'s answer for this probe, from the cache when it was chosen before."""
    found = known(probe_html, families)
    if found is not None:
        return found[0]
    spacing = choose()
    remember(probe_html, families, spacing)
    return spacing


def known(probe_html: str, families: Iterable[str]) -> Optional[tuple[Optional[fit.Spacing]]]:
    """(the spacing chosen for this probe,) when the cache has it (None in it: nothing fits), else None."""
    key = _key(probe_html, families)
    return None if key is None else _parse(user_cache.read_text(FOLDER, key))


def remember(probe_html: str, families: Iterable[str], spacing: Optional[fit.Spacing]) -> None:
    key = _key(probe_html, families)
    if key is not None:
        user_cache.write_text("none" if spacing is None else f"{spacing[0]!r} {spacing[1]!r}", FOLDER, key)


def _parse(text: Optional[str]) -> Optional[tuple[Optional[fit.Spacing]]]:
    """(spacing,) from a cache entry, None when there is none (or it is unreadable)."""
    if text is None:
        return None
    if text == "none":
        return (None,)
    try:
        pitch, tracking = (float(v) for v in text.split())
    except ValueError:
        return None
    return ((pitch, tracking),)


def _key(probe_html: str, families: Iterable[str]) -> Optional[str]:
    fonts = _font_files(frozenset(families))
    if fonts is None:
        return None
    digest = hashlib.sha256()
    for part in (probe_html, _code(), _libraries(), fonts):
        digest.update(part.encode("utf-8"))
        digest.update(b"\0")
    return digest.hexdigest()


@functools.lru_cache(maxsize=1)
def _code() -> str:
    """fit.py's rules (with fit_breaks.py, which reads a verdict off the notice's layout) and the line setting:
    their source, whatever the version number says."""
    return "".join(hashlib.sha256(Path(m.__file__).read_bytes()).hexdigest() for m in (fit, fit_breaks, cjk_justify)
                   if m.__file__)


@functools.lru_cache(maxsize=1)
def _libraries() -> str:
    from weasyprint import __version__
    from weasyprint.text.ffi import harfbuzz, pango

    def at_least(*version: int) -> bool:
        return bool(harfbuzz.hb_version_atleast(*version))

    # WeasyPrint declares no hb_version_string(): the version, found with hb_version_atleast()
    major = next((v for v in range(99, -1, -1) if at_least(v, 0, 0)), 0)
    minor = next((v for v in range(199, -1, -1) if at_least(major, v, 0)), 0)
    micro = next((v for v in range(199, -1, -1) if at_least(major, minor, v)), 0)
    return f"weasyprint {__version__} pango {pango.pango_version()} harfbuzz {major}.{minor}.{micro}"


def installed_files(families: Iterable[str]) -> None:
    """Look the families' files up now (fontconfig's listing, each file's size and time), for a later key."""
    _font_files(frozenset(families))


@functools.lru_cache(maxsize=8)
def _font_files(families: frozenset[str]) -> Optional[str]:
    """Every installed file of `families` with its size and time, one line each; None without fontconfig."""
    faces = installed.faces()
    if faces is None:
        return None
    lines = []
    for line in sorted({f"{file}\t{field}" for file, field in faces}):  # fc-list's lines, as they were read
        path, _, names = line.partition("\t")
        if not families & {n.strip() for n in names.split(",")}:
            continue
        try:
            stat = Path(path).stat()
        except OSError:
            return None
        lines.append(f"{path}\t{stat.st_size}\t{stat.st_mtime_ns}")
    return "\n".join(lines)
