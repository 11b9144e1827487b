"""One statistics cell, as a person typed it, to a number — or the Chinese reason why not.

The tables count things (件) and amounts (万元, 元): a count is a whole number ≥ 0 written in
decimal digits. Full-width digits typed with a Chinese input method (１２) are accepted
(NFKC); yes/no values, quoted text, hexadecimal or octal (0x1, 0o7), digit separators and
fractions are refused, because each is a sign the cell is not what the person meant.
"""

from __future__ import annotations

import math
import re
import unicodedata
from decimal import Decimal, InvalidOperation
from typing import Any, Optional, TypeVar

MAX_COUNT = 99_999_999  # more than any organ handles in a year; larger is a typing error
MAX_AMOUNT = Decimal("9999999999")
_DIGITS = re.compile(r"^\+?[0-9]+$")
_AMOUNT = re.compile(r"^\+?[0-9]+(?:\.[0-9]+)?$")


class CellError(ValueError):
    """A cell that is not a number of the right kind; str(exc) is the Chinese reason."""


def _shown(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _normalise_text(value: str) -> Optional[str]:
    """Full-width digits → ASCII; None when the text is not written in full-width/ideographic digits."""
    text = unicodedata.normalize("NFKC", value).strip().replace(" ", "")
    return text if text != value.strip() else None


def _typed(value: Any, kind: str, shape: re.Pattern[str]) -> Any:
    """Refuse blanks and yes/no values; full-width digits typed as text become ASCII digits."""
    if value is None or (isinstance(value, str) and not value.strip()):
        raise CellError("单元格是空白的。统计表不能留空，没有数据请填 0（T3-H4/T4-H4）")
    if isinstance(value, bool):
        raise CellError(f"应为{kind}，实际是“{_shown(value)}”（是/否值）")
    if isinstance(value, str):
        text = _normalise_text(value)
        if text is None or not shape.match(text):
            raise CellError(f"应为{kind}，实际是文字“{value}”（数字不要加引号；工作簿中请把单元格设为数字格式）")
        return text
    return value


def to_count(value: Any, token: Optional[str] = None) -> int:
    """A 件 count. `token` is the cell as written in the source (to tell 0x1 from 1)."""
    value = _typed(value, "非负整数", _DIGITS)
    if isinstance(value, str):
        value = int(value)
    elif isinstance(value, float):
        if math.isfinite(value) and value.is_integer() and value >= 0 and (token is None or re.fullmatch(r"\d+", token)):
            value = int(value)
        else:
            raise CellError(f"应为非负整数（件数没有小数），实际是“{token or _shown(value)}”")
    elif isinstance(value, Decimal):
        if not value.is_finite() or value != value.to_integral_value():
            raise CellError(f"应为非负整数（件数没有小数），实际是“{value}”")
        value = int(value)
    elif not isinstance(value, int):
        raise CellError(f"应为非负整数，实际是“{_shown(value)}”")
    elif token is not None and not _DIGITS.match(unicodedata.normalize("NFKC", token).lstrip("-")):
        raise CellError(f"应写十进制整数，实际是“{token}”")
    return _in_range(int(value), MAX_COUNT)  # an int by now: every other type was converted or refused


_Number = TypeVar("_Number", int, Decimal)


def _in_range(value: _Number, limit: _Number) -> _Number:
    if value < 0:
        raise CellError(f"不能为负数，实际是 {value}")
    if value > limit:
        raise CellError(f"数值 {value} 过大（超过 {limit}），请核实")
    return value


def to_amount(value: Any, token: Optional[str] = None) -> Decimal:
    """An amount of money (万元 or 元), ≥ 0, decimals allowed, kept exactly as written."""
    value = _typed(value, "金额（数字）", _AMOUNT)
    if isinstance(value, str):
        amount = Decimal(value)
    elif isinstance(value, (int, float, Decimal)):
        if isinstance(value, float) and not math.isfinite(value):
            raise CellError(f"应为金额（数字），实际是“{token or value}”")
        written = unicodedata.normalize("NFKC", token).strip() if token else ""
        if token is not None and not re.fullmatch(r"-?[0-9]+(?:\.[0-9]+)?", written):
            raise CellError(f"应写普通的十进制数，实际是“{token}”")
        try:
            amount = Decimal(written) if written else Decimal(str(value))
        except InvalidOperation:
            raise CellError(f"应为金额（数字），实际是“{token or value}”") from None
    else:
        raise CellError(f"应为金额（数字），实际是“{_shown(value)}”")
    return _in_range(amount, MAX_AMOUNT)

