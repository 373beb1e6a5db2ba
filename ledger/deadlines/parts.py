"""Parts of a period: the start, early, mid, late or end of a year, quarter, month, decade.

The rules, by the size of the whole:
- year (calendar or fiscal): start = its first quarter, end = its last quarter (precision
  "quarter"); early / mid / late = its thirds, January-April / May-August / September-December
  ("fuzzy").
- half: start / end = its first / last quarter ("quarter"); early / mid / late = two months each.
- quarter or season: start or early = its first month, mid = its middle month, late or end = its
  last month ("month").
- month: start or early = days 1-10, mid = 11-20, late or end = 21 to the last day ("fuzzy"),
  the 上旬 / 中旬 / 下旬 of Chinese usage.
- decade: start or early = its years 0-3, mid = 4-6, late or end = 7-9 ("fuzzy").
- week: start or early = Monday-Tuesday, mid = Wednesday-Thursday, late or end = Friday-Sunday.
- a day or a weekend is its own part.
"""

from __future__ import annotations

from datetime import date, timedelta

from ledger.deadlines.periods import MONTH_NAMES, WEEKDAY_NAMES, Span, month_range, month_start
from ledger.errors import DeadlineError

PART_WORDS = {
    "start": "the start of",
    "early": "early",
    "mid": "mid",
    "late": "late",
    "end": "the end of",
}

# For periods counted in months: months in the whole -> part -> (first month offset, months).
_MONTH_PARTS: dict[int, dict[str, tuple[int, int]]] = {
    12: {"start": (0, 3), "early": (0, 4), "mid": (4, 4), "late": (8, 4), "end": (9, 3)},
    6: {"start": (0, 3), "early": (0, 2), "mid": (2, 2), "late": (4, 2), "end": (3, 3)},
    3: {"start": (0, 1), "early": (0, 1), "mid": (1, 1), "late": (2, 1), "end": (2, 1)},
}
_MONTHS_IN = {"year": 12, "half": 6, "quarter": 3, "season": 3}
# For periods counted in days or years: part -> (first offset, last offset); -1 means the last.
_THIRDS = {
    "month": {"start": (0, 9), "early": (0, 9), "mid": (10, 19), "late": (20, -1), "end": (20, -1)},
    "week": {"start": (0, 1), "early": (0, 1), "mid": (2, 3), "late": (4, 6), "end": (4, 6)},
    "decade": {"start": (0, 3), "early": (0, 3), "mid": (4, 6), "late": (7, 9), "end": (7, 9)},
}


def part_of(whole: Span, part: str) -> Span:
    """The `part` ("start", "early", "mid", "late", "end") of `whole`, labelled for the note."""
    if whole.unit in ("day", "weekend"):
        return whole._replace(part=part, whole=whole)
    if whole.unit in _MONTHS_IN:
        return _months_part(whole, part)
    if whole.unit in _THIRDS:
        return _thirds_part(whole, part)
    raise DeadlineError(f"'{PART_WORDS[part]}' needs a calendar period, not {whole.label}")


def _months_part(whole: Span, part: str) -> Span:
    offset, count = _MONTH_PARTS[_MONTHS_IN[whole.unit]][part]
    start, end = month_range(month_start(whole.start.year, whole.start.month, offset), count)
    precision = {3: "quarter", 1: "month"}.get(count, "fuzzy")
    if count == 1:
        reading = MONTH_NAMES[start.month - 1]
    else:
        reading = f"{MONTH_NAMES[start.month - 1]} to {MONTH_NAMES[end.month - 1]}"
    label = f"{_named(whole, part)}, read as {reading}"
    return Span(start, end, "part", precision, label, how=whole.how, part=part, whole=whole)


def _thirds_part(whole: Span, part: str) -> Span:
    first, last = _THIRDS[whole.unit][part]
    if whole.unit == "decade":
        start = date(whole.start.year + first, 1, 1)
        end = date(whole.start.year + last, 12, 31)
        reading = f"{start.year} to {end.year}"
    else:
        start = whole.start + timedelta(days=first)
        end = whole.end if last < 0 else whole.start + timedelta(days=last)
        reading = _day_reading(whole.unit, start, end)
    label = f"{_named(whole, part)}, read as {reading}"
    return Span(start, end, "part", "fuzzy", label, how=whole.how, part=part, whole=whole)


def _day_reading(unit: str, start: date, end: date) -> str:
    if unit == "week":
        return f"{WEEKDAY_NAMES[start.weekday()]} to {WEEKDAY_NAMES[end.weekday()]}"
    return f"days {start.day} to {end.day}"


def _named(whole: Span, part: str) -> str:
    label = whole.label.split(" (")[0]
    if part in ("early", "mid", "late"):
        label = label.removeprefix("the ")
    if part == "mid":
        return f"mid-{label}"
    return f"{PART_WORDS[part]} {label}"
