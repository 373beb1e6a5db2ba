"""Periods named without a year ("December", "Q3", "summer", "Monday") or from the said date.

A yearly period named without its year is the one the claim was said in (the window then starts
on the said date), else the next one; "next December" is the first that starts after the said
date. A weekday is the first one after the said date ("on Monday" said on a Monday is a week
later); "this Monday" counts the said day itself. "This/next/last year, quarter, month, week,
weekend, decade" step whole calendar units from the one holding the said date, so "next
weekend" is the weekend of next week.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import NamedTuple

from ledger.deadlines.periods import (
    MONTH_NAMES,
    WEEKDAY_NAMES,
    Build,
    Span,
    calendar_half,
    calendar_quarter,
    day_span,
    decade_span,
    fiscal_half,
    fiscal_quarter,
    fiscal_year,
    fiscal_year_holding,
    month_span,
    month_start,
    next_weekday,
    occurrence,
    real_date,
    season_span,
    week_span,
    weekend_span,
    year_span,
)
from ledger.errors import DeadlineError

# The most days each month can have (February in a leap year).
_LONGEST_MONTH = (31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def _leap(year: int) -> bool:
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)


class Named(NamedTuple):
    """A period named without its year: how to build it in a given (calendar or fiscal) year."""

    name: str
    build: Build | None
    weekday: int | None = None
    fiscal_build: Build | None = None
    short_year: bool = False


def month_named(month: int) -> Named:
    return Named(MONTH_NAMES[month - 1], lambda year: month_span(year, month))


def month_day_named(month: int, day: int) -> Named:
    """ "August 1": refused at once if no year has that day (30 February)."""
    longest = _LONGEST_MONTH[month - 1]
    if not 1 <= day <= longest:
        raise DeadlineError(f"{MONTH_NAMES[month - 1]} {day} is not a real calendar date")

    def build(year: int) -> Span | None:
        if month == 2 and day == 29 and not _leap(year):
            return None
        return day_span(real_date(year, month, day))

    return Named(f"{MONTH_NAMES[month - 1]} {day}", build)


def season_named(name: str) -> Named:
    return Named(name, lambda year: season_span(year, name))


def quarter_named(number: int) -> Named:
    if not 1 <= number <= 4:
        raise DeadlineError(f"there is no quarter Q{number}; quarters are Q1 to Q4")
    return Named(
        f"Q{number}",
        lambda year: calendar_quarter(year, number),
        fiscal_build=lambda year: fiscal_quarter(year, number),
        short_year=True,
    )


def half_named(number: int) -> Named:
    if number not in (1, 2):
        raise DeadlineError(f"there is no half H{number}; halves are H1 and H2")
    return Named(
        f"H{number}",
        lambda year: calendar_half(year, number),
        fiscal_build=lambda year: fiscal_half(year, number),
        short_year=True,
    )


def named_in_year(named: Named, year: int, *, fiscal: bool) -> Span:
    """`named` in the given calendar year, or fiscal year when `fiscal`."""
    build = named.fiscal_build if fiscal else named.build
    if build is None:
        kind = "fiscal year" if fiscal else "year"
        raise DeadlineError(f"{named.name} cannot be placed in a {kind}")
    span = build(year)
    if span is None:
        raise DeadlineError(f"{named.name} does not fall in {year}")
    return span


def named_occurrence(named: Named, anchor: date, mode: str) -> Span:
    """The occurrence of `named` that `mode` ("plain", "this", "next", "last") picks."""
    if named.weekday is not None:
        return _weekday(named.weekday, anchor, mode)
    assert named.build is not None
    return occurrence(named.build, anchor, named.name, mode="this" if mode == "plain" else mode)


def _weekday(weekday: int, anchor: date, mode: str) -> Span:
    if mode == "last":
        back = (anchor.weekday() - weekday) % 7 or 7
        day = day_span(anchor - timedelta(days=back))
        return day._replace(how=f"the last {WEEKDAY_NAMES[weekday]} before {anchor}")
    return next_weekday(anchor, weekday, today_counts=mode == "this")


def relative_unit(unit: str, offset: int, anchor: date) -> Span:
    """The calendar `unit` holding `anchor`, stepped `offset` units (next = 1, last = -1)."""
    if unit == "weekend":
        return _weekend(offset, anchor)
    span = _stepped(unit, offset, anchor)
    if offset == 0:
        return span._replace(how=f"the {unit} it was said in")
    steps = f"{abs(offset)} {unit}s" if abs(offset) > 1 else f"the {unit}"
    side = "after" if offset > 0 else "before"
    return span._replace(how=f"{steps} {side} the one it was said in")


def _stepped(unit: str, offset: int, anchor: date) -> Span:
    if unit == "year":
        return year_span(anchor.year + offset)
    if unit == "month":
        first = month_start(anchor.year, anchor.month, offset)
        return month_span(first.year, first.month)
    if unit in ("quarter", "half"):
        size = 3 if unit == "quarter" else 6
        first = month_start(anchor.year, anchor.month - (anchor.month - 1) % size, offset * size)
        number = (first.month - 1) // size + 1
        build = calendar_quarter if unit == "quarter" else calendar_half
        return build(first.year, number)
    if unit == "week":
        return week_span(anchor + timedelta(days=7 * offset))
    if unit == "decade":
        return decade_span(anchor.year // 10 * 10 + 10 * offset)
    if unit == "fiscal year":
        return fiscal_year(fiscal_year_holding(anchor) + offset)
    raise DeadlineError(f"{unit!r} is not a calendar unit")


def _weekend(offset: int, anchor: date) -> Span:
    """The weekend of the said date's week ("this weekend"), or of the week `offset` weeks on."""
    saturday = anchor + timedelta(days=5 - anchor.weekday() + 7 * offset)
    return weekend_span(saturday)
