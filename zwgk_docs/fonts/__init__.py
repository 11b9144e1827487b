"""Font roles and profiles: which face each element of a 公文 uses.

Word/WPS documents name the offices' fonts (a profile picks 仿宋_GB2312 or 仿宋);
PDF and HTML need installed faces, so each role also has a CSS fallback stack of
free fonts the set-up installs.
"""

from __future__ import annotations

ROLES = ("title", "body", "heading1", "heading2", "number")

# Names as offices write them in Word. "gb2312" is the common 公文 template; "plain" is
# what many localities use on machines without the GB2312 font packs.
PROFILES: dict[str, dict[str, str]] = {
    "gb2312": {"title": "方正小标宋简体", "body": "仿宋_GB2312", "heading1": "黑体", "heading2": "楷体_GB2312", "number": "宋体"},
    "plain": {"title": "方正小标宋简体", "body": "仿宋", "heading1": "黑体", "heading2": "楷体", "number": "宋体"},
}

# Installed-face candidates per role, best first: the offices' own fonts (when an office
# installs them), then free faces from Debian packages.
CANDIDATES: dict[str, list[str]] = {
    "title": ["方正小标宋简体", "FZXiaoBiaoSong-B05S", "华文中宋", "STZhongsong", "Noto Serif CJK SC"],
    "body": ["仿宋_GB2312", "仿宋", "FangSong", "STFangsong", "Noto Serif CJK SC"],
    "heading1": ["黑体", "SimHei", "Noto Sans CJK SC"],
    "heading2": ["楷体_GB2312", "楷体", "KaiTi", "STKaiti", "AR PL UKai CN"],
    "number": ["宋体", "SimSun", "Noto Serif CJK SC"],
}


def office_fonts(profile: str = "gb2312") -> dict[str, str]:
    """Role → font name written into .docx/.xlsx."""
    return dict(PROFILES[profile])


def css_family(role: str, profile: str = "gb2312") -> str:
    """A CSS font-family stack: the office font first, then installed free faces."""
    names = [PROFILES[profile][role]] + [n for n in CANDIDATES[role] if n != PROFILES[profile][role]]
    generic = "sans-serif" if role == "heading1" else "serif"
    return ", ".join(f'"{n}"' for n in names) + f", {generic}"
