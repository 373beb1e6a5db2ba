"""Dates written in numbers: ISO dates and months, years, "2025 Q3", "the 2020s", "31/12/2025".

A numeric date is read only when one order of day and month is possible: "31/12/2025" and
"12/31/2025" are read, "04/05/2025" is refused as ambiguous, and so are numeric dates with a
two-digit year or none. Years are written with four digits, except in compact forms ("3Q25",
"FY26", "'25") where two digits mean 20YY.
"""

from __future__ import annotations

from ledger.dates import SaidOn
from ledger.deadlines import english_words as words
from ledger.deadlines.numbers import digits
from ledger.deadlines.periods import (
    Span,
    day_span,
    decade_span,
    month_span,
    real_date,
    written_year,
    year_span,
)
from ledger.deadlines.recurring import named_in_year
from ledger.deadlines.text import Cursor
from ledger.errors import DeadlineError


def year_number(cur: Cursor, *, short: bool = False) -> int | None:
    """A written year: four digits, "'25", or two digits where `short` allows ("3Q25", "FY26")."""
    if cur.peek() == "'" and len(cur.peek(1)) == 2 and digits(cur.peek(1)) is not None:
        cur.move(cur.pos + 2)
        return 2000 + int(cur.tokens[cur.pos - 1])
    token = cur.peek()
    value = digits(token)
    if value is None or not (len(token) == 4 or (short and len(token) == 2)):
        return None
    cur.move(cur.pos + 1)
    return written_year(value if len(token) == 4 else 2000 + value)


def numeric(cur: Cursor, said: SaidOn) -> Span | None:
    """ISO and numeric dates, years, "2025 Q3", "the 2020s", "12/2025", "31/12/2025", "'25"."""
    if cur.peek() == "'":
        year = year_number(cur)
        return year_span(year) if year is not None else None
    token = cur.peek()
    value = digits(token)
    if value is None:
        return None
    if len(token) == 8:
        cur.move(cur.pos + 1)
        return day_span(real_date(value // 10000, value // 100 % 100, value % 100))
    if len(token) > 4:
        raise DeadlineError(f"the year {value} is beyond 9999")
    if len(token) == 4:
        cur.move(cur.pos + 1)
        return _after_year(cur, written_year(value))
    if len(token) <= 2:
        return _slashed(cur, value)
    return None


def _after_year(cur: Cursor, year: int) -> Span:
    sep = cur.peek()
    month = digits(cur.peek(1)) if sep in ("-", "/", ".") and len(cur.peek(1)) <= 2 else None
    if month is not None:
        cur.move(cur.pos + 2)
        day = digits(cur.peek(1)) if cur.peek() == sep and len(cur.peek(1)) <= 2 else None
        if day is None:
            real_date(year, month, 1)
            return month_span(year, month)
        cur.move(cur.pos + 2)
        return day_span(real_date(year, month, day))
    if cur.take("s") or cur.take("'", "s"):
        return decade_span(year)
    sub = words.quarter_name(cur)
    if sub is not None:
        return named_in_year(sub, year, fiscal=False)
    return year_span(year)


def _slashed(cur: Cursor, first: int) -> Span | None:
    """ "12/2025" (a month), "31/12/2025" (read: one order only), "04/05/2025" (refused)."""
    sep = cur.peek(1)
    if sep not in ("/", "-", ".") or digits(cur.peek(2)) is None:
        return None
    shown = "".join(cur.tokens[cur.pos : cur.pos + 5])
    if len(cur.peek(2)) == 4:
        cur.move(cur.pos + 3)
        written_year(int(cur.tokens[cur.pos - 1]))
        real_date(int(cur.tokens[cur.pos - 1]), first, 1)
        return month_span(int(cur.tokens[cur.pos - 1]), first)
    second = int(cur.peek(2))
    if cur.peek(3) != sep or digits(cur.peek(4)) is None:
        raise DeadlineError(f"{shown!r} has no year: write the date as YYYY-MM-DD")
    if len(cur.peek(4)) != 4:
        raise DeadlineError(f"{shown!r} has a two-digit year: write the date as YYYY-MM-DD")
    year = written_year(int(cur.peek(4)))
    month, day = _day_order(first, second, shown)
    cur.move(cur.pos + 5)
    return day_span(real_date(year, month, day))


def _day_order(first: int, second: int, shown: str) -> tuple[int, int]:
    """(month, day) of a numeric date whose order only one reading allows; else refused."""
    if first > 12 and second > 12:
        raise DeadlineError(f"{shown!r} is not a date: neither number can be a month")
    if first == second or second > 12:
        return first, second
    if first > 12:
        return second, first
    raise DeadlineError(
        f"{shown!r} is ambiguous: month {first} day {second}, or day {first} month {second}? "
        "Write it as YYYY-MM-DD"
    )
