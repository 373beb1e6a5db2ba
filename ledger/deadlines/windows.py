"""How a bound ("in", "by", "before", "not until", "after") turns a named period into a window."""

from __future__ import annotations

from datetime import date, timedelta
from typing import NamedTuple

from ledger.dates import SaidOn
from ledger.deadlines.periods import Span
from ledger.errors import DeadlineError

BOUNDS = ("in", "by", "before", "from", "after")
INSIDE = "said inside the period, so the window starts on the day it was said"


class Reading(NamedTuple):
    """A window before it is tied to its phrase: inclusive dates, precision and a one-line note."""

    start: date | None
    end: date | None
    precision: str
    note: str


def no_window(note: str) -> Reading:
    return Reading(None, None, "none", note)


def apply_bound(bound: str, span: Span, said: SaidOn) -> Reading:
    """The window `bound` makes of `span` for a claim said on `said`."""
    if bound == "before" and (span.part == "end" or span.unit == "span"):
        bound = "by"
    if bound == "by" and span.unit == "span":
        bound = "in"
    if bound == "in":
        return _inside(span, said)
    if bound == "by":
        return _by(span, said)
    if bound == "before":
        return _before(span, said)
    return _open(bound, span, said)


def _inside(span: Span, said: SaidOn) -> Reading:
    start = max(span.start, said.first)
    note = describe(span)
    if start > span.start and span.unit != "span":
        note += f"; {_inside_note(said)}"
    return Reading(start, span.end, span.precision, note + _said_note(span, said))


def _by(span: Span, said: SaidOn) -> Reading:
    named = span.whole if span.part == "end" and span.whole else span
    lead = "to" if named.unit == "day" else "to the end of"
    note = f"from the day it was said {lead} {describe(named)}"
    return Reading(said.first, span.end, named.precision, note + _said_note(span, said))


def _before(span: Span, said: SaidOn) -> Reading:
    if span.start.toordinal() == 1:
        raise DeadlineError("nothing can come before the start of the calendar")
    end = span.start - timedelta(days=1)
    note = f"from the day it was said to the day before {describe(span)}"
    return Reading(said.first, end, span.precision, note + _said_note(span, said))


def _open(bound: str, span: Span, said: SaidOn) -> Reading:
    if bound == "from":
        start = span.end if span.unit == "span" else span.start
        note = f"no earlier than {describe(span)}, with no end"
    else:
        start = span.end + timedelta(days=1)
        note = f"after {describe(span)}, with no end"
    if start < said.first:
        start = said.first
        note += f"; {_inside_note(said)}"
    return Reading(start, None, "open-ended", note + _said_note(span, said))


def describe(span: Span) -> str:
    """The span's label and, when a choice was made for it, how."""
    return f"{span.label}, {span.how}" if span.how else span.label


def _inside_note(said: SaidOn) -> str:
    if said.precision == "day":
        return INSIDE
    return f"said inside the period, so the window starts with the {said.precision} it was said"


def _said_note(span: Span, said: SaidOn) -> str:
    if said.precision == "day" or not (span.relative or span.how):
        return ""
    return f"; said in {said} with no exact day, so it is read from the last day, {said.reference}"


def finish(reading: Reading, said: SaidOn) -> Reading:
    """Refuse a window that closed before the claim was made or that runs backwards."""
    if reading.end is not None and reading.end < said.first:
        raise DeadlineError(
            f"the window ends before the claim was said ({reading.end} is before {said})"
        )
    if reading.start is not None and reading.end is not None and reading.start > reading.end:
        raise DeadlineError(f"the window runs backwards ({reading.start} after {reading.end})")
    return reading
