"""The English words of deadlines: months, weekdays, seasons, quarters, parts, leads and units."""

from __future__ import annotations

from ledger.deadlines.numbers import (
    NUMBER_WORDS,
    ORDINALS,
    digits,
    english_ordinal,
)
from ledger.deadlines.periods import SEASONS, WEEKDAY_NAMES, day_span, real_date
from ledger.deadlines.recurring import (
    Named,
    half_named,
    month_day_named,
    month_named,
    quarter_named,
    season_named,
)
from ledger.deadlines.text import Cursor

MONTHS = {
    "january": 1,
    "jan": 1,
    "february": 2,
    "feb": 2,
    "march": 3,
    "mar": 3,
    "april": 4,
    "apr": 4,
    "may": 5,
    "june": 6,
    "jun": 6,
    "july": 7,
    "jul": 7,
    "august": 8,
    "aug": 8,
    "september": 9,
    "sep": 9,
    "sept": 9,
    "october": 10,
    "oct": 10,
    "november": 11,
    "nov": 11,
    "december": 12,
    "dec": 12,
}
WEEKDAYS = {
    "monday": 0,
    "mon": 0,
    "tuesday": 1,
    "tue": 1,
    "tues": 1,
    "wednesday": 2,
    "wed": 2,
    "thursday": 3,
    "thu": 3,
    "thur": 3,
    "thurs": 3,
    "friday": 4,
    "fri": 4,
    "saturday": 5,
    "sat": 5,
    "sunday": 6,
    "sun": 6,
}
WEEKDAY_LABELS = dict(enumerate(WEEKDAY_NAMES))

PART_PREFIXES: dict[tuple[str, ...], str] = {
    ("towards", "the", "end", "of"): "end",
    ("toward", "the", "end", "of"): "end",
    ("at", "the", "end", "of"): "end",
    ("the", "end", "of"): "end",
    ("end", "of"): "end",
    ("the", "close", "of"): "end",
    ("at", "the", "start", "of"): "start",
    ("at", "the", "beginning", "of"): "start",
    ("the", "start", "of"): "start",
    ("start", "of"): "start",
    ("the", "beginning", "of"): "start",
    ("beginning", "of"): "start",
    ("the", "middle", "of"): "mid",
    ("middle", "of"): "mid",
    ("the", "mid"): "mid",
    ("mid",): "mid",
    ("the", "early"): "early",
    ("early",): "early",
    ("the", "late"): "late",
    ("late",): "late",
    ("end",): "end",
}
DAY_WORDS: dict[tuple[str, ...], int] = {
    ("the", "day", "after", "tomorrow"): 2,
    ("day", "after", "tomorrow"): 2,
    ("today",): 0,
    ("tonight",): 0,
    ("tomorrow",): 1,
}
RELATIVE_LEADS: dict[tuple[str, ...], str] = {
    ("later", "this"): "this",
    ("later", "in", "the"): "this",
    ("this", "coming"): "this",
    ("the", "current"): "this",
    ("the", "following"): "next",
    ("the", "next"): "next",
    ("the", "previous"): "last",
    ("this",): "this",
    ("current",): "this",
    ("next",): "next",
    ("previous",): "last",
    ("last",): "last",
    ("the",): "plain",
}
RELATIVE_UNITS = ("year", "month", "week", "weekend", "quarter", "half", "decade")
BARE_UNITS = frozenset({"year", "month", "week", "quarter", "decade", "day"})
END_OF_UNIT = {"eoy": "year", "eoq": "quarter", "eom": "month", "eow": "week", "eod": "day"}
UNITS = {
    "hour": "hour",
    "hours": "hour",
    "hr": "hour",
    "hrs": "hour",
    "day": "day",
    "days": "day",
    "week": "week",
    "weeks": "week",
    "wk": "week",
    "wks": "week",
    "fortnight": "fortnight",
    "fortnights": "fortnight",
    "month": "month",
    "months": "month",
    "mo": "month",
    "mos": "month",
    "quarter": "quarter",
    "quarters": "quarter",
    "year": "year",
    "years": "year",
    "yr": "year",
    "yrs": "year",
    "decade": "decade",
    "decades": "decade",
}
PLURAL_UNITS = frozenset(word for word in UNITS if word.endswith("s") and word != "mos") | {"mos"}
HOLIDAYS: dict[tuple[str, ...], tuple[int, int, str]] = {
    ("christmas", "eve"): (12, 24, "Christmas Eve"),
    ("christmas", "day"): (12, 25, "Christmas"),
    ("christmas",): (12, 25, "Christmas"),
    ("xmas",): (12, 25, "Christmas"),
    ("new", "year", "'", "s", "eve"): (12, 31, "New Year's Eve"),
    ("new", "year", "'", "s", "day"): (1, 1, "New Year's Day"),
}

VOCABULARY = (
    frozenset(MONTHS)
    | frozenset(WEEKDAYS)
    | frozenset(SEASONS)
    | frozenset(UNITS)
    | NUMBER_WORDS
    | frozenset(ORDINALS)
    | {word for words in (*PART_PREFIXES, *DAY_WORDS, *HOLIDAYS) for word in words}
    | {"q", "h", "fy", "fiscal", "weekend", "soon", "next", "coming", "few", "several", "couple"}
    | frozenset(END_OF_UNIT)
) - {"the", "of", "at", "after", "'", "s", "day", "new"}


def month_day(cur: Cursor) -> Named | None:
    """ "December", "Dec", "August 1", "Aug 1st", "December 31"."""
    month = cur.take_word(MONTHS)
    if month is None:
        return None
    read = english_ordinal(cur.tokens, cur.pos)
    if read is None or read[0] > 31:
        return month_named(month)
    cur.move(read[1])
    return month_day_named(month, read[0])


def day_month(cur: Cursor) -> Named | None:
    """ "1 August", "31st December", "the 1st of August", "the first of August"."""
    cur.take("the")
    read = english_ordinal(cur.tokens, cur.pos)
    if read is None:
        return None
    cur.move(read[1])
    cur.take("of")
    month = cur.take_word(MONTHS)
    return month_day_named(month, read[0]) if month is not None else None


def season_name(cur: Cursor) -> Named | None:
    word = cur.peek()
    if word not in SEASONS:
        return None
    cur.move(cur.pos + 1)
    return season_named(word)


def quarter_name(cur: Cursor) -> Named | None:
    """ "Q3", "3Q", "H2", "2H" (the year, if any, follows)."""
    first, second = cur.peek(), cur.peek(1)
    if first in ("q", "h") and len(second) == 1 and digits(second) is not None:
        kind, number = first, int(second)
    elif second in ("q", "h") and len(first) == 1 and digits(first) is not None:
        kind, number = second, int(first)
    else:
        return None
    cur.move(cur.pos + 2)
    return quarter_named(number) if kind == "q" else half_named(number)


def quarter_or_half(kind: str, number: int) -> Named:
    return quarter_named(number) if kind == "quarter" else half_named(number)


def holiday(cur: Cursor) -> Named | None:
    taken = cur.take_first(*HOLIDAYS)
    if taken is None:
        return None
    month, day, name = HOLIDAYS[taken]
    return Named(name, lambda year: day_span(real_date(year, month, day)))
