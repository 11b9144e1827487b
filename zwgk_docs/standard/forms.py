"""The written forms GB/T 9704-2012 prescribes for 发文字号, 份号 and 密级, with the correct form of a wrong one.

Shared by the plan model (refused at validate) and `zwgk check` (reported in any .docx).
"""

from __future__ import annotations

import re
from typing import Optional

# §7.2.5: 机关代字 + 〔年份〕 + 序号 + 号; year in full in 六角括号, no 第, no leading zeros.
DOC_NUMBER = re.compile(r"^[\u4e00-\u9fa5]+〔\d{4}〕[1-9]\d*号$")
_DOC_NUMBER_LOOSE = re.compile(
    r"^\s*([\u4e00-\u9fa5]+)\s*[〔\[【(（［{｛]\s*(\d{4})\s*[〕\]】)）］}｝]\s*第?\s*0*(\d+)\s*号\s*$")
# §7.2.2: 6-digit Arabic 份号.
COPY_NUMBER = re.compile(r"^\d{6}$")
# §7.2.3: 密级 (绝密/机密/秘密), optionally ★ + 保密期限 (Arabic digits).
SECRECY_LEVELS = ("绝密", "机密", "秘密")
SECRECY = re.compile(r"^(绝密|机密|秘密)(★(\d+年|\d+个月|长期))?$")
_SECRECY_LOOSE = re.compile(r"^\s*(绝密|机密|秘密)\s*[★☆*＊·\s]*\s*(\d+\s*年|\d+\s*个月|长期)?\s*$")


def doc_number_problems(text: str) -> list[str]:
    """Problems of a 发文字号 (§7.2.5); [] when it is well formed."""
    m = re.search(r"[\u4e00-\u9fa5]+\s*[〔\[【(（［]\s*\d{4}\s*[〕\]】)）］]\s*第?\s*\d+\s*号", text)
    number = m.group(0) if m else text.strip()
    problems = []
    if re.search(r"[\[【(（［\]】)）］]", number):
        problems.append("年份应使用六角括号“〔〕”")
    if "第" in number:
        problems.append("序号前不加“第”")
    if re.search(r"[〕\]】)）］]\s*第?\s*0\d*号", number):
        problems.append("序号不编虚位（如 1 不写作 01）")
    if re.search(r"\s", number):
        problems.append("不应含空格")
    if not problems and not DOC_NUMBER.match(number):
        problems.append("格式应为“机关代字〔年份〕序号号”")
    return problems


def doc_number_fixed(text: str) -> Optional[str]:
    """'沈政公领发[2021]01号' → '沈政公领发〔2021〕1号'; None when the parts cannot be recognised."""
    m = _DOC_NUMBER_LOOSE.match(text)
    return f"{m.group(1)}〔{m.group(2)}〕{int(m.group(3))}号" if m and int(m.group(3)) > 0 else None


def copy_number_fixed(text: str) -> Optional[str]:
    """'1' → '000001'."""
    digits = text.strip()
    return digits.zfill(6) if digits.isdigit() and 0 < int(digits) <= 999999 else None


def secrecy_fixed(text: str) -> Optional[str]:
    """'机密1年' / '机密 * 1 年' → '机密★1年'."""
    m = _SECRECY_LOOSE.match(text)
    if not m:
        return None
    period = re.sub(r"\s", "", m.group(2) or "")
    return f"{m.group(1)}★{period}" if period else m.group(1)
