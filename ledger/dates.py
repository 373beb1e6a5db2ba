"""Calendar values of the domain: the day a claim was said and the window its deadline reads as."""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Literal, NamedTuple

from ledger.errors import InputError

SaidPrecision = Literal["day", "month", "year"]
SAID_PRECISIONS: tuple[SaidPrecision, ...] = ("day", "month", "year")

PRECISIONS: tuple[str, ...] = (
    "day",
    "week",
    "month",
    "quarter",
    "half",
    "year",
    "decade",
    "fuzzy",
    "open-ended",
    "none",
)

EARLIEST_YEAR = 1900
_SAID_RE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


class SaidOn(NamedTuple):
    """When a claim was said: a day, or only a month or a year when that is all the source gives.

    `first` is the first day of the known period; relative deadlines are read from `reference`,
    its last day, so that a window never opens before the claim could have been made.
    """

    first: date
    precision: SaidPrecision = "day"

    @property
    def reference(self) -> date:
        if self.precision == "day":
            return self.first
        if self.precision == "month":
            if self.first.month == 12:
                return self.first.replace(day=31)
            return self.first.replace(month=self.first.month + 1, day=1) - timedelta(days=1)
        return self.first.replace(month=12, day=31)

    def __str__(self) -> str:
        if self.precision == "day":
            return self.first.isoformat()
        if self.precision == "month":
            return self.first.strftime("%Y-%m")
        return f"{self.first.year:04d}"

    @classmethod
    def of(cls, day: date) -> SaidOn:
        return cls(day, "day")


def parse_iso_date(text: str, *, what: str = "date") -> date:
    """A strict YYYY-MM-DD date, or an InputError that names `what` was wrong."""
    cleaned = text.strip()
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", cleaned):
        raise InputError(f"{what} {text!r} is not a date of the form YYYY-MM-DD")
    try:
        return date.fromisoformat(cleaned)
    except ValueError:
        raise InputError(f"{what} {text!r} is not a real calendar date") from None


def parse_said_on(text: str, *, today: date) -> SaidOn:
    """Read YYYY-MM-DD, YYYY-MM or YYYY; refuse dates after `today`."""
    cleaned = text.strip()
    match = _SAID_RE.fullmatch(cleaned)
    if not match:
        raise InputError(f"said date {text!r} is not of the form YYYY-MM-DD, YYYY-MM or YYYY")
    year, month, day = match.groups()
    try:
        if day is not None:
            said = SaidOn(date(int(year), int(month), int(day)), "day")
        elif month is not None:
            said = SaidOn(date(int(year), int(month), 1), "month")
        else:
            said = SaidOn(date(int(year), 1, 1), "year")
    except ValueError:
        raise InputError(f"said date {text!r} is not a real calendar date") from None
    if said.first.year < EARLIEST_YEAR:
        raise InputError(
            f"said date {said} is before {EARLIEST_YEAR}; the ledger records claims from then on"
        )
    if said.first > today:
        raise InputError(f"said date {said} is in the future (today is {today.isoformat()})")
    return said


class DeadlineWindow(NamedTuple):
    """A deadline as said and as read: inclusive dates, a precision, and how it was read.

    `start` and `end` are both None for a claim with no deadline (precision "none"); an
    open-ended deadline ("not until 2026") has a start and no end.
    """

    phrase: str
    start: date | None
    end: date | None
    precision: str
    note: str

    def explain(self) -> str:
        """`describe()` followed by how the phrase was read, in brackets."""
        return self.describe() + (f"  ({self.note})" if self.note else "")

    def describe(self) -> str:
        """One line such as `in December -> 2024-12-01..2024-12-31 (month)`."""
        said = self.phrase or "(no deadline)"
        return f"{said} -> {format_window(self.start, self.end)} ({self.precision})"

    @classmethod
    def none(cls, phrase: str = "", note: str = "no deadline was given") -> DeadlineWindow:
        return cls(phrase, None, None, "none", note)


def format_window(start: date | None, end: date | None) -> str:
    """`2024-12-01..2024-12-31`, `2026-01-01..` (open end), or `no window`."""
    if start is None and end is None:
        return "no window"
    left = start.isoformat() if start else ""
    right = end.isoformat() if end else ""
    return f"{left}..{right}"


def days_between(earlier: date, later: date) -> int:
    return (later - earlier).days


def add_days(day: date, count: int) -> date:
    return day + timedelta(days=count)
