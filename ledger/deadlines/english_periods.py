"""English names of periods: dates, months, quarters, halves, seasons, fiscal years, decades.

Each rule reads from a Cursor and returns a Span, or None with the cursor wherever it stopped
(the caller rewinds). A rule raises DeadlineError only for what can have no other reading: a
month 13, a 30 February, a Q5, a year beyond 9999, an ambiguous 04/05/2025.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

from ledger.dates import SaidOn
from ledger.deadlines import english_words as words
from ledger.deadlines.english_numeric import numeric, year_number
from ledger.deadlines.numbers import digits, english_ordinal
from ledger.deadlines.parts import part_of
from ledger.deadlines.periods import (
    Span,
    calendar_half,
    calendar_quarter,
    day_span,
    fiscal_half,
    fiscal_quarter,
    fiscal_year,
    occurrence,
    season_span,
    year_span,
)
from ledger.deadlines.recurring import Named, named_in_year, named_occurrence, relative_unit
from ledger.deadlines.text import Cursor
from ledger.errors import DeadlineError

Rule = Callable[[Cursor, SaidOn], Span | None]


def period(cur: Cursor, said: SaidOn) -> Span | None:
    """A named period, with a part ("early", "the end of") or a unit's end ("year-end") if given."""
    start = cur.pos
    for rule in (_part, _unit_end, base):
        span = rule(cur, said)
        if span is not None:
            return span
        cur.pos = start
    return None


def _part(cur: Cursor, said: SaidOn) -> Span | None:
    """ "early 2025", "the end of Q3", "mid-December", "end of year", "EOY"."""
    shorthand = words.END_OF_UNIT.get(cur.peek())
    if shorthand is not None:
        cur.move(cur.pos + 1)
        return part_of(_this_unit(shorthand, said), "end")
    taken = cur.take_first(*words.PART_PREFIXES)
    if taken is None:
        return None
    part = words.PART_PREFIXES[taken]
    if part in ("early", "mid", "late"):
        cur.take("in")
    start = cur.pos
    whole = base(cur, said)
    if whole is None:
        cur.pos = start
        if cur.peek() not in words.BARE_UNITS:
            return None
        cur.move(cur.pos + 1)
        whole = _this_unit(cur.tokens[cur.pos - 1], said)
    return part_of(whole, part)


def _this_unit(unit: str, said: SaidOn) -> Span:
    """The unit the claim was said in, for "end of year" or "EOY"."""
    if unit == "day":
        return day_span(said.reference)._replace(how="the day it was said", relative=True)
    return relative_unit(unit, 0, said.reference)._replace(relative=True)


def _unit_end(cur: Cursor, said: SaidOn) -> Span | None:
    """ "year-end", "by year end 2025", "the year's end", "quarter-end", "month end"."""
    cur.take("the")
    fiscal = cur.take("fiscal")
    unit = cur.peek()
    if unit not in ("year", "quarter", "month", "week", "decade"):
        return None
    cur.move(cur.pos + 1)
    cur.take("'", "s")
    if not cur.take("end"):
        return None
    year = year_number(cur)
    if year is not None and unit == "year":
        whole = fiscal_year(year) if fiscal else year_span(year)
    else:
        whole = relative_unit("fiscal year" if fiscal else unit, 0, said.reference)
    return part_of(whole, "end")


def base(cur: Cursor, said: SaidOn) -> Span | None:
    """A whole period: a day, week, month, quarter, half, season, year, fiscal year or decade."""
    start = cur.pos
    for rule in _BASE_RULES:
        span = rule(cur, said)
        if span is not None:
            return span
        cur.pos = start
    if cur.take("the"):
        for rule in (numeric, _named, _fiscal):
            span = rule(cur, said)
            if span is not None:
                return span
            cur.pos = start + 1
    return None


def _day_word(cur: Cursor, said: SaidOn) -> Span | None:
    taken = cur.take_first(*words.DAY_WORDS)
    if taken is None:
        return None
    offset = words.DAY_WORDS[taken]
    day = day_span(said.reference + timedelta(days=offset))
    how = ("the day it was said", "the day after it was said", "two days after it was said")
    return day._replace(how=how[offset], relative=True)


def _relative(cur: Cursor, said: SaidOn) -> Span | None:
    """ "this year", "next quarter", "the decade", "next December", "this fall", "on Monday"."""
    taken = cur.take_first(*words.RELATIVE_LEADS)
    mode = words.RELATIVE_LEADS[taken] if taken else "plain"
    unit = cur.take_first(("fiscal", "year"), *((unit,) for unit in words.RELATIVE_UNITS))
    if unit is not None and taken is not None:
        if digits(cur.peek()) is not None:
            return None  # "the year 2025", "the fiscal year 2026": a named year, not this one
        offset = {"this": 0, "plain": 0, "next": 1, "last": -1}[mode]
        return relative_unit(" ".join(unit), offset, said.reference)._replace(relative=True)
    if taken is None or taken == ("the",):
        return None
    named = _name(cur)
    if named is None:
        return None
    return named_occurrence(named, said.reference, mode)._replace(relative=True)


def _named(cur: Cursor, said: SaidOn) -> Span | None:
    """A month, a month-day, a season, a quarter, a half or a weekday, with its year if given."""
    named = _name(cur)
    if named is None:
        return None
    if named.name == "winter":
        winter = _winter(cur)
        if winter is not None:
            return winter
    elif named.weekday is None:
        year, fiscal = _year_spec(cur, said, short=named.short_year)
        if year is not None:
            return named_in_year(named, year, fiscal=fiscal)
    return named_occurrence(named, said.reference, "plain")._replace(relative=True)


def _winter(cur: Cursor) -> Span | None:
    """ "winter 2025/26" or "winter 2025-2026"; a bare "winter 2025" is refused as ambiguous."""
    cur.take("of")
    year = year_number(cur)
    if year is None:
        return None
    after = cur.peek(1)
    if cur.peek() in ("/", "-") and after in (f"{(year + 1) % 100:02d}", str(year + 1)):
        cur.move(cur.pos + 2)
        return season_span(year, "winter")
    raise DeadlineError(
        f"'winter {year}' is ambiguous: say winter {year - 1}/{year % 100:02d} "
        f"or winter {year}/{(year + 1) % 100:02d}"
    )


def _name(cur: Cursor) -> Named | None:
    start = cur.pos
    for reader in (words.month_day, words.day_month, words.season_name, words.quarter_name):
        named = reader(cur)
        if named is not None:
            return named
        cur.pos = start
    weekday = cur.take_word(words.WEEKDAYS)
    if weekday is not None:
        return Named(words.WEEKDAY_LABELS[weekday], None, weekday=weekday)
    return words.holiday(cur)


_YEAR_WORDS: dict[tuple[str, ...], int] = {
    ("this", "year"): 0,
    ("the", "year"): 0,
    ("next", "year"): 1,
    ("the", "next", "year"): 1,
    ("the", "following", "year"): 1,
    ("last", "year"): -1,
}


def _year_spec(cur: Cursor, said: SaidOn, *, short: bool = False) -> tuple[int | None, bool]:
    """The year a month or quarter is in: "2025", "of 2025", "'25", "next year", "FY26" (fiscal)."""
    start = cur.pos
    cur.take("of")
    taken = cur.take_first(*_YEAR_WORDS)
    if taken is not None:
        return said.reference.year + _YEAR_WORDS[taken], False
    fiscal = cur.take("fiscal") or cur.take("fy")
    if fiscal:
        cur.take("year")
    year = year_number(cur, short=short or fiscal)
    if year is None:
        cur.pos = start
    return year, fiscal


def year_like(cur: Cursor, said: SaidOn) -> Span | None:
    """A calendar or fiscal year: "2025", "next year", "the year", "FY2026", "this fiscal year"."""
    start = cur.pos
    for rule in (_relative, _fiscal, numeric):
        span = rule(cur, said)
        if span is not None and span.unit == "year":
            return span
        cur.pos = start
    return None


def _ordinal(cur: Cursor, said: SaidOn) -> Span | None:
    """ "the second half of next year", "the third quarter", "the last quarter of 2025"."""
    had_the = cur.take("the")
    number = _ordinal_number(cur, had_the=had_the)
    kind = cur.peek()
    if number is None or kind not in ("half", "quarter"):
        return None
    cur.move(cur.pos + 1)
    if kind == "half" and number == 4:
        number = 2  # "the last half"
    named = words.quarter_or_half(kind, number)
    if cur.take("of"):
        year = year_like(cur, said)
        if year is None:
            return None
        return _sub_of(year, kind, number)
    return named_occurrence(named, said.reference, "plain")._replace(relative=True)


def _ordinal_number(cur: Cursor, *, had_the: bool) -> int | None:
    if cur.take_first(("latter",), ("back",), ("second",)):
        return 2
    if had_the and cur.take_first(("last",), ("final",)):
        return 4
    read = english_ordinal(cur.tokens, cur.pos)
    if read is None or (read[1] == cur.pos + 1 and cur.peek().isdigit()):
        return None
    cur.move(read[1])
    return read[0]


def _sub_of(year: Span, kind: str, number: int) -> Span:
    fiscal = year.start.month != 1
    fy = year.end.year
    if kind == "half":
        return fiscal_half(fy, number) if fiscal else calendar_half(fy, number)
    return fiscal_quarter(fy, number) if fiscal else calendar_quarter(fy, number)


def _fiscal(cur: Cursor, said: SaidOn) -> Span | None:
    """ "FY2026", "FY26 Q1", "fiscal 2026", "fiscal Q1 2026", "fiscal year 2026 H2", "fiscal Q3"."""
    if cur.take("fy"):
        year = year_number(cur, short=True)
        if year is None:
            return None
        sub = words.quarter_name(cur)
        return named_in_year(sub, year, fiscal=True) if sub else fiscal_year(year)
    if not cur.take("fiscal"):
        return None
    cur.take("year")
    sub = words.quarter_name(cur)
    year = year_number(cur, short=True)
    if sub is None and year is not None:
        sub = words.quarter_name(cur)
    if year is None:
        if sub is None:
            return None
        build = sub.fiscal_build
        assert build is not None
        return occurrence(build, said.reference, f"fiscal {sub.name}")._replace(relative=True)
    return named_in_year(sub, year, fiscal=True) if sub else fiscal_year(year)


def _year_word(cur: Cursor, said: SaidOn) -> Span | None:
    """ "the year 2025", "calendar year 2025", "calendar 2025"."""
    cur.take("the")
    if not (cur.take("calendar", "year") or cur.take("calendar") or cur.take("year")):
        return None
    year = year_number(cur)
    return year_span(year) if year is not None else None


_BASE_RULES: tuple[Rule, ...] = (
    _day_word,
    _relative,
    _fiscal,
    numeric,
    _ordinal,
    _named,
    _year_word,
)
