"""Spans counted from the said date: "within 3 months", "in one to two weeks", "几个月内".

A span said on D runs from D to D + N units: days and weeks by day count, months, quarters,
years and decades by calendar months (dateutil's relativedelta, so 31 August + 6 months is
28 February). An exact count takes its unit as precision ("week", "month", ...); a vague one
("a few", "several", "one to two", "a year or two", "the coming months") is "fuzzy" and is read at
its upper end.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import NamedTuple

from ledger.dates import SaidOn
from ledger.deadlines.periods import LAST_YEAR, Span
from ledger.errors import DeadlineError

FEW, SEVERAL, COUPLE, HANDFUL = 4, 6, 2, 5

UNIT_PRECISION = {
    "hour": "day",
    "day": "day",
    "week": "week",
    "fortnight": "week",
    "month": "month",
    "quarter": "quarter",
    "year": "year",
    "decade": "decade",
}
_MONTHS_PER = {"month": 1, "quarter": 3, "year": 12, "decade": 120}
_DAYS_PER = {"day": 1, "week": 7, "fortnight": 14}
_MOST_DAYS = 3_700_000


class Count(NamedTuple):
    """How many units a span runs: `value` (its upper end), a half more, and why it is vague."""

    value: int
    vague: str = ""
    half: bool = False


def exact(value: int) -> Count:
    return Count(value)


def vague(value: int, said: str) -> Count:
    return Count(value, f"{said!r} read as up to {value}")


def ranged(low: int, high: int) -> Count:
    if high < low:
        raise DeadlineError(f"the range {low} to {high} runs backwards")
    return Count(high, f"the range {low} to {high} read at its upper end")


def counted_span(count: Count, unit: str, said: SaidOn) -> Span:
    """The window from the said date to `count` `unit`s after it (from its last day if vague)."""
    if count.value == 0 and not count.half:
        raise DeadlineError(f"a span of no {unit}s is not a deadline")
    anchor = said.reference
    end, shown = _advance(anchor, unit, count)
    precision = "fuzzy" if count.vague else UNIT_PRECISION[unit]
    if count.half and not count.vague:
        precision = "month"
    label = f"{shown} from {anchor}"
    return Span(said.first, end, "span", precision, label, how=count.vague, relative=True)


def _advance(anchor: date, unit: str, count: Count) -> tuple[date, str]:
    if unit == "hour":
        days = -(-count.value // 24)
        return _add_days(anchor, days), _plural(count.value, "hour")
    if unit in _DAYS_PER:
        if count.half:
            raise DeadlineError(f"half a {unit} is not read; give the days")
        return _add_days(anchor, count.value * _DAYS_PER[unit]), _plural(count.value, unit)
    months = count.value * _MONTHS_PER[unit]
    if count.half:
        if unit != "year":
            raise DeadlineError(f"half a {unit} is not read; give the months or weeks")
        months += 6
        return add_months(anchor, months), _plural(months, "month")
    return add_months(anchor, months), _plural(count.value, unit)


def _plural(value: int, unit: str) -> str:
    return f"{value} {unit}" if value == 1 else f"{value} {unit}s"


def _add_days(anchor: date, days: int) -> date:
    try:
        if days > _MOST_DAYS:
            raise OverflowError
        return anchor + timedelta(days=days)
    except OverflowError:
        raise DeadlineError(f"the window would end beyond the year {LAST_YEAR}") from None


def add_months(anchor: date, months: int) -> date:
    """`anchor` plus whole calendar months, the day clamped to the month's length."""
    if anchor.year + (anchor.month - 1 + months) // 12 > LAST_YEAR:
        raise DeadlineError(f"the window would end beyond the year {LAST_YEAR}")
    # Imported here: relativedelta costs a few milliseconds, and most phrases never need it.
    from dateutil.relativedelta import relativedelta

    return anchor + relativedelta(months=months)
