"""Numbers as deadlines write them: digits, English words ("twenty-five") and Chinese numerals."""

from __future__ import annotations

from ledger.errors import DeadlineError

MOST_DIGITS = 8

ONES = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
}
TENS = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
ORDINALS = {
    "first": 1,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "fifth": 5,
    "sixth": 6,
    "seventh": 7,
    "eighth": 8,
    "ninth": 9,
    "tenth": 10,
    "eleventh": 11,
    "twelfth": 12,
    "thirteenth": 13,
    "fourteenth": 14,
    "fifteenth": 15,
    "sixteenth": 16,
    "seventeenth": 17,
    "eighteenth": 18,
    "nineteenth": 19,
    "twentieth": 20,
    "thirtieth": 30,
}
ORDINAL_SUFFIXES = ("st", "nd", "rd", "th")
NUMBER_WORDS = frozenset(ONES) | frozenset(TENS) | {"hundred", "dozen"}


def digits(token: str) -> int | None:
    """The value of an ASCII digit token, or None; refuses runs too long to be a date or count."""
    if not token or not all("0" <= char <= "9" for char in token):
        return None
    if len(token) > MOST_DIGITS:
        raise DeadlineError(f"the number {token[:12]}... is too long to be a date or a count")
    return int(token)


def english_number(tokens: list[str], pos: int) -> tuple[int, int] | None:
    """A cardinal at tokens[pos:] in digits or words ("twenty five", "a hundred"): (value, next)."""
    token = tokens[pos] if pos < len(tokens) else ""
    value = digits(token)
    if value is not None:
        return value, pos + 1
    if token in ONES:
        value, pos = ONES[token], pos + 1
    elif token in TENS:
        value, pos = TENS[token], pos + 1
        unit = tokens[pos] if pos < len(tokens) else ""
        if unit in ONES and 0 < ONES[unit] < 10:
            value, pos = value + ONES[unit], pos + 1
    elif token in ("a", "one") and pos + 1 < len(tokens) and tokens[pos + 1] == "hundred":
        return 100, pos + 2
    else:
        return None
    if pos < len(tokens) and tokens[pos] == "hundred":
        return value * 100, pos + 1
    return value, pos


def english_ordinal(tokens: list[str], pos: int) -> tuple[int, int] | None:
    """A day of the month: "31", "31st", "first", "twenty first", "thirty-first": (value, next)."""
    token = tokens[pos] if pos < len(tokens) else ""
    value = digits(token)
    if value is not None and len(token) <= 2:
        if pos + 1 < len(tokens) and tokens[pos + 1] in ORDINAL_SUFFIXES:
            return value, pos + 2
        return value, pos + 1
    if token in ORDINALS:
        return ORDINALS[token], pos + 1
    if token in ("twenty", "thirty") and pos + 1 < len(tokens):
        ones = ORDINALS.get(tokens[pos + 1], 0)
        if 0 < ones < 10:
            return TENS[token] + ones, pos + 2
    return None


ZH_DIGITS = {
    "〇": 0,
    "零": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
    "壹": 1,
    "贰": 2,
    "叁": 3,
    "肆": 4,
    "伍": 5,
    "陆": 6,
    "柒": 7,
    "捌": 8,
    "玖": 9,
}
ZH_UNITS = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
ZH_TENS = {"廿": 20, "卅": 30}
ZH_NUMERALS = frozenset(ZH_DIGITS) | frozenset(ZH_UNITS) | frozenset(ZH_TENS)


def chinese_number(text: str, pos: int) -> tuple[int, int] | None:
    """A number at text[pos:] in ASCII digits or Chinese numerals: (value, next), or None.

    Numerals without 十/百/千 read digit by digit (二〇二五 = 2025, 三 = 3); with them they read
    by place (十二 = 12, 二十五 = 25, 两千零二十五 = 2025).
    """
    end = pos
    while end < len(text) and "0" <= text[end] <= "9":
        end += 1
    if end > pos:
        value = digits(text[pos:end])
        return (value, end) if value is not None else None
    while end < len(text) and text[end] in ZH_NUMERALS:
        end += 1
    if end == pos:
        return None
    run = text[pos:end]
    if len(run) > MOST_DIGITS:
        raise DeadlineError(f"the number {run[:12]} is too long to be a date or a count")
    if not any(char in ZH_UNITS or char in ZH_TENS for char in run):
        return int("".join(str(ZH_DIGITS[char]) for char in run)), end
    value = _by_place(run)
    return (value, end) if value is not None else None


def _by_place(run: str) -> int | None:
    """十二 = 12, 二十五 = 25, 一百零五 = 105; None for runs such as 〇千 that are no number."""
    total, current, digit_before = 0, 0, False
    for char in run:
        if char in ZH_DIGITS:
            current, digit_before = ZH_DIGITS[char], True
            continue
        if digit_before and current == 0:
            return None
        total += ZH_TENS[char] if char in ZH_TENS else (current or 1) * ZH_UNITS[char]
        current, digit_before = 0, False
    return total + current
