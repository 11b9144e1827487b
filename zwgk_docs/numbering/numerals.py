"""Chinese numerals as used in 公文 headings: 一 … 十 … 十一 … 二十 … 二十八 … 一百零五."""

_DIGITS = "零一二三四五六七八九"


def chinese_numeral(n: int) -> str:
    if n <= 0:
        raise ValueError("numbering starts at 1")
    if n < 10:
        return _DIGITS[n]
    if n < 20:
        return "十" + (_DIGITS[n % 10] if n % 10 else "")
    if n < 100:
        return _DIGITS[n // 10] + "十" + (_DIGITS[n % 10] if n % 10 else "")
    if n < 1000:
        rest = n % 100
        head = _DIGITS[n // 100] + "百"
        if rest == 0:
            return head
        if rest < 10:
            return head + "零" + _DIGITS[rest]
        # 一百一十 rather than 一百十 inside larger numbers
        return head + _DIGITS[rest // 10] + "十" + (_DIGITS[rest % 10] if rest % 10 else "")
    raise ValueError("numbers above 999 are not used in plans")


def parse_chinese_numeral(text: str) -> int:
    """Inverse of chinese_numeral for 1..999 (used by importers and checkers)."""
    if not text:
        raise ValueError("empty numeral")
    value = 0
    if "百" in text:
        head, text = text.split("百", 1)
        value += _DIGITS.index(head) * 100
        text = text.lstrip("零")
    if "十" in text:
        head, tail = text.split("十", 1)
        value += (_DIGITS.index(head) if head else 1) * 10
        text = tail
    if text:
        value += _DIGITS.index(text)
    if value == 0:
        raise ValueError(f"not a numeral: {text}")
    return value
