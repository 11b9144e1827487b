"""Font roles and profiles: which face each element of a 公文 uses.

Word/WPS documents name the offices' fonts (a profile picks 仿宋_GB2312 or 仿宋);
PDF and HTML need installed faces, so each role is resolved against what fontconfig
has installed (`resolve_fonts`). Only installed families ever reach a CSS stack:
fontconfig answers an unknown name such as 仿宋_GB2312 with DejaVu Sans, which has no
Chinese glyphs (tofu), so naming absent fonts in CSS is unsafe. See docs/fonts.md.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from ..model.vocab import FONT_PROFILES, FONT_ROLE_NAMES, FONT_ROLES
from . import installed

# Roles and profiles are vocabulary (zwgk_docs.model.vocab); this module finds installed faces.
ROLES = FONT_ROLES
ROLE_NAMES = FONT_ROLE_NAMES
PROFILES = FONT_PROFILES

# Installed-face candidates per role, best first: the offices' own fonts (when an office
# installs them), then free faces from Debian packages (the last entry of each list).
CANDIDATES: dict[str, list[str]] = {
    "title": ["方正小标宋简体", "方正小标宋_GBK", "FZXiaoBiaoSong-B05S", "华文中宋", "STZhongsong", "Noto Serif CJK SC"],
    "body": ["仿宋_GB2312", "仿宋", "FangSong", "FangSong_GB2312", "STFangsong", "Noto Serif CJK SC"],
    "heading1": ["黑体", "SimHei", "STHeiti", "Noto Sans CJK SC"],
    "heading2": ["楷体_GB2312", "楷体", "KaiTi", "KaiTi_GB2312", "STKaiti", "AR PL UKai CN", "Noto Serif CJK SC"],
    "number": ["宋体", "SimSun", "Noto Serif CJK SC"],
}

# Weight to ask for when a free face stands in: 小标宋 is a heavy Song, so its stand-in is Bold.
FREE_WEIGHTS: dict[tuple[str, str], int] = {("title", "Noto Serif CJK SC"): 700}

# Complete CJK faces used behind every role, so a glyph missing from the chosen face
# (AR PL UKai lacks some GB 18030 characters) still lands in a Chinese font.
CJK_FALLBACKS = ("Noto Serif CJK SC", "Noto Sans CJK SC")


def office_fonts(profile: str = "gb2312") -> dict[str, str]:
    """Role → font name written into .docx/.xlsx."""
    return dict(PROFILES[profile])


def css_family(role: str, profile: str = "gb2312") -> str:
    """A CSS font-family stack for browsers: the office font first, then free faces.

    Browsers skip absent names, so office names are safe here (unlike in WeasyPrint).
    """
    names = [PROFILES[profile][role]] + [n for n in CANDIDATES[role] if n != PROFILES[profile][role]]
    generic = "sans-serif" if role == "heading1" else "serif"
    return ", ".join(f'"{n}"' for n in names) + f", {generic}"


@functools.lru_cache(maxsize=1)
def installed_families() -> frozenset[str]:
    """Every family name fontconfig knows, including localized names (宋体 for SimSun)."""
    return frozenset(name for _, families in installed.faces() or () for name in installed.family_names(families))


@dataclass(frozen=True)
class FontChoice:
    role: str
    wanted: str  # the office font the profile names
    family: str  # the installed family that serves the role ("" when none is installed)
    weight: int = 400

    @property
    def substituted(self) -> bool:
        return self.family != self.wanted

    @property
    def stack(self) -> list[str]:
        """Installed families only, chosen face first, then complete CJK faces."""
        return list(dict.fromkeys([f for f in (self.family, *CJK_FALLBACKS) if f and f in installed_families()]))

    @property
    def css(self) -> str:
        """CSS declarations (family and weight) for WeasyPrint."""
        return f"font-family: {', '.join(repr_css(f) for f in self.stack)}; font-weight: {self.weight}"


def repr_css(name: str) -> str:
    return '"' + name.replace("\\", "").replace('"', "") + '"'


def resolve_fonts(profile: str = "gb2312") -> dict[str, FontChoice]:
    """Role → the best installed face: the office font if present, else the closest free face."""
    installed = installed_families()
    choices = {}
    for role in ROLES:
        wanted = PROFILES[profile][role]
        family = next((n for n in [wanted, *CANDIDATES[role]] if n in installed), "")
        choices[role] = FontChoice(role, wanted, family, FREE_WEIGHTS.get((role, family), 400))
    return choices


def missing_cjk_font_message() -> str:
    return "未找到可用的中文字体（需要 Noto Serif CJK SC 等）。请运行 scripts/setup.sh，或安装 fonts-noto-cjk。"
