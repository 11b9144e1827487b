"""Font families as offices name them: 仿宋_GB2312, 仿宋, FangSong … are all 仿宋."""

from __future__ import annotations

from typing import Optional

from .docxread import RunInfo

FAMILIES = {
    "仿宋": ("仿宋", "fangsong", "stfangsong", "fang song"),
    "黑体": ("黑体", "simhei", "stheiti", "heiti"),
    "楷体": ("楷体", "kaiti", "stkaiti"),
    "小标宋": ("小标宋", "xiaobiaosong", "xbs"),
    "宋体": ("宋体", "simsun", "songti", "nsimsun"),
}


def family(font: str) -> str:
    name = (font or "").lower()
    for fam, keys in FAMILIES.items():
        if any(k in name for k in keys):
            return fam
    return font or "未指定"


def describe(run: Optional[RunInfo]) -> str:
    return f"{run.font or '未指定字体'} {run.size:g} 磅" if run else "无文字"


def is_font(run: Optional[RunInfo], fam: str, size: Optional[float] = None) -> bool:
    if run is None:
        return False
    ok = family(run.font) == fam
    if size is not None:
        ok = ok and abs(run.size - size) <= 0.3
    return ok
