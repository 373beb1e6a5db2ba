"""Calendar periods a deadline can name: years, halves, quarters, months, weeks, days, decades."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from typing import NamedTuple

from ledger.errors import DeadlineError

MONTH_NAMES = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
FIRST_WRITTEN_YEAR = 1900
LAST_YEAR = 9999

# Meteorological seasons of the northern hemisphere: first month and label.
SEASONS = {"spring": 3, "summer": 6, "fall": 9, "autumn": 9, "winter": 12}


class Span(NamedTuple):
    """A stretch of the calendar a phrase names, before any bound ("by", "not until") applies.

    `unit` says what kind of period it is, so that its parts can be taken; `how` records an
    implicit choice ("the next December after 2024-09-04"); `whole` is the period a part
    ("the end of 2024") was taken from; `relative` marks spans counted from the said date.
    """

    start: date
    end: date
    unit: str
    precision: str
    label: str
    how: str = ""
    part: str = ""
    whole: Span | None = None
    relative: bool = False


def check_year(year: int) -> int:
    """A year the calendar can hold, else the DeadlineError a reader sees."""
    if year > LAST_YEAR:
        raise DeadlineError(f"the window would reach the year {year}, beyond {LAST_YEAR}")
    if year < 1:
        raise DeadlineError(f"the window would reach the year {year}, before the calendar starts")
    return year


def written_year(year: int) -> int:
    """A year as written in a phrase: 1900..9999, else a DeadlineError naming it."""
    if year > LAST_YEAR:
        raise DeadlineError(f"the year {year} is beyond {LAST_YEAR}")
    if year < FIRST_WRITTEN_YEAR:
        raise DeadlineError(f"the year {year} is before {FIRST_WRITTEN_YEAR}; it is not read")
    return year


def real_date(year: int, month: int, day: int) -> date:
    """A calendar date, or a DeadlineError saying why it is not one."""
    if not 1 <= month <= 12:
        raise DeadlineError(f"there is no month {month} (months run 1 to 12)")
    check_year(year)
    try:
        return date(year, month, day)
    except ValueError:
        raise DeadlineError(
            f"{MONTH_NAMES[month - 1]} {day}, {year} is not a real calendar date"
        ) from None


def month_start(year: int, month: int, offset: int = 0) -> date:
    """The first day of the month `offset` months after year-month (pure arithmetic)."""
    index = year * 12 + month - 1 + offset
    return date(check_year(index // 12), index % 12 + 1, 1)


def month_end(year: int, month: int, offset: int = 0) -> date:
    first = month_start(year, month, offset)
    if first.year == LAST_YEAR and first.month == 12:
        return date(LAST_YEAR, 12, 31)
    return month_start(first.year, first.month, 1) - timedelta(days=1)


def month_range(first: date, count: int) -> tuple[date, date]:
    """The first day and the last day of `count` whole months starting with `first`'s month."""
    return month_start(first.year, first.month), month_end(first.year, first.month, count - 1)


def year_span(year: int) -> Span:
    check_year(year)
    return Span(date(year, 1, 1), date(year, 12, 31), "year", "year", str(year))


def month_span(year: int, month: int) -> Span:
    start, end = month_range(month_start(year, month), 1)
    return Span(start, end, "month", "month", f"{MONTH_NAMES[month - 1]} {year}")


def day_span(day: date) -> Span:
    return Span(day, day, "day", "day", f"{WEEKDAY_NAMES[day.weekday()]} {day.isoformat()}")


def week_span(day: date) -> Span:
    """The Monday-to-Sunday week holding `day`."""
    monday = day - timedelta(days=day.weekday())
    return Span(monday, monday + timedelta(days=6), "week", "week", f"the week of {monday}")


def weekend_span(saturday: date) -> Span:
    label = f"the weekend of {saturday}"
    return Span(saturday, saturday + timedelta(days=1), "weekend", "day", label)


def decade_span(first_year: int) -> Span:
    if first_year % 10:
        raise DeadlineError(f"{first_year}s is not a decade; decades start at a year ending in 0")
    check_year(first_year)
    end = date(first_year + 9, 12, 31)
    return Span(date(first_year, 1, 1), end, "decade", "decade", f"the {first_year}s")


def quarter_of(year: Span, quarter: int, label: str) -> Span:
    """Quarter 1..4 of a calendar or fiscal year."""
    if not 1 <= quarter <= 4:
        raise DeadlineError(f"there is no quarter Q{quarter}; quarters are Q1 to Q4")
    start, end = month_range(month_start(year.start.year, year.start.month, 3 * quarter - 3), 3)
    return Span(start, end, "quarter", "quarter", label)


def half_of(year: Span, half: int, label: str) -> Span:
    """Half 1 or 2 of a calendar or fiscal year."""
    if half not in (1, 2):
        raise DeadlineError(f"there is no half H{half}; halves are H1 and H2")
    start, end = month_range(month_start(year.start.year, year.start.month, 6 * half - 6), 6)
    return Span(start, end, "half", "half", label)


def calendar_quarter(year: int, quarter: int) -> Span:
    return quarter_of(year_span(year), quarter, f"Q{quarter} {year}")


def calendar_half(year: int, half: int) -> Span:
    return half_of(year_span(year), half, f"H{half} {year}")


FISCAL_CONVENTION = (
    "the US federal fiscal year (October to September), as no company calendar is known"
)


def fiscal_year(year: int) -> Span:
    """FY`year` read as the US federal fiscal year: 1 October of the year before to 30 September."""
    start = date(check_year(year - 1), 10, 1)
    label = f"FY{year} ({start.isoformat()}..{year:04d}-09-30)"
    return Span(start, date(year, 9, 30), "year", "year", label, how=FISCAL_CONVENTION)


def fiscal_year_holding(day: date) -> int:
    return day.year + 1 if day.month >= 10 else day.year


def fiscal_quarter(year: int, quarter: int) -> Span:
    span = quarter_of(fiscal_year(year), quarter, f"fiscal Q{quarter} {year}")
    return span._replace(how=FISCAL_CONVENTION)


def fiscal_half(year: int, half: int) -> Span:
    return half_of(fiscal_year(year), half, f"fiscal H{half} {year}")._replace(
        how=FISCAL_CONVENTION
    )


def season_span(year: int, name: str) -> Span:
    """A meteorological season; winter `year` runs from December `year` into the next year."""
    first = SEASONS[name]
    start, end = month_range(month_start(year, first), 3)
    months = f"{MONTH_NAMES[start.month - 1]} to {MONTH_NAMES[end.month - 1]}"
    label = f"{name} {year}" if name != "winter" else f"winter {year}/{(year + 1) % 100:02d}"
    return Span(start, end, "season", "fuzzy", f"{label} ({months})")


Build = Callable[[int], Span | None]


def occurrence(build: Build, anchor: date, name: str, *, mode: str = "this") -> Span:
    """The occurrence of a yearly period nearest `anchor` in `mode`.

    "this": the one holding `anchor`, else the next; "next": the first that starts after
    `anchor`; "last": the latest that ended before it. `build(year)` may return None for a
    year without it (29 February).
    """
    if mode == "last":
        years = range(anchor.year + 1, anchor.year - 10, -1)
    else:
        years = range(anchor.year - 1, anchor.year + 10)
    for year in years:
        if year < 1:
            continue
        span = build(check_year(year))
        if span is None or not _fits(span, anchor, mode):
            continue
        if mode == "last":
            return span._replace(how=f"the last {name} before {anchor}")
        if span.start <= anchor:
            return span._replace(how=f"the {name} it was said in")
        return span._replace(how=f"the next {name} after {anchor}")
    raise DeadlineError(f"found no {name} near {anchor}")


def _fits(span: Span, anchor: date, mode: str) -> bool:
    if mode == "last":
        return span.end < anchor
    if mode == "next":
        return span.start > anchor
    return span.end >= anchor


def next_weekday(anchor: date, weekday: int, *, today_counts: bool = False) -> Span:
    """The first `weekday` (0 = Monday) after `anchor`, or on it when `today_counts`."""
    ahead = (weekday - anchor.weekday()) % 7
    if ahead == 0 and not today_counts:
        ahead = 7
    day = day_span(anchor + timedelta(days=ahead))
    name = WEEKDAY_NAMES[weekday]
    how = f"the {name} it was said on" if ahead == 0 else f"the next {name} after {anchor}"
    return day._replace(how=how)
