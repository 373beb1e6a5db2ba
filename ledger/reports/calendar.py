"""The due report as an iCalendar file: one all-day event on each reported claim's deadline.

UIDs derive from the claim's uid and the deadline's sequence number, so a calendar that
subscribes to the file keeps each event across runs and sees a re-dated claim as a new event.
"""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta

from icalendar import Calendar, Event

from ledger.dates import format_window
from ledger.reports.due import DueItem, DueReport
from ledger.textsafe import escape_controls, one_line

PRODUCT_ID = "-//claims//due report//EN"
UID_DOMAIN = "claims.ledger"


def event_uid(item: DueItem) -> str:
    return f"{item.claim.uid}-deadline-{item.claim.deadline_seq}@{UID_DOMAIN}"


def deadline_event(item: DueItem, stamp: datetime) -> Event:
    claim = item.claim
    event = Event()
    event.add("uid", event_uid(item))
    event.add("dtstamp", stamp)
    event.add("dtstart", claim.window_end)
    event.add("dtend", claim.window_end + timedelta(days=1))
    event.add("summary", one_line(f"{claim.claimant}: {claim.statement}"))
    event.add("description", _description(item))
    event.add("transp", "TRANSPARENT")
    return event


def _description(item: DueItem) -> str:
    claim = item.claim
    phrase = claim.deadline_phrase or "(no phrase)"
    lines = [
        f"Claim {claim.id} by {one_line(claim.claimant)}, said {claim.said_on}.",
        escape_controls(claim.statement, keep_newlines=True),
        f"Deadline: {one_line(phrase)} -> {format_window(claim.window_start, claim.window_end)}"
        f" ({claim.precision})",
        f"Source: {one_line(claim.source)}" if claim.source else "Source: none recorded",
        f"claims show {claim.id}",
    ]
    return "\n".join(lines)


def due_calendar(report: DueReport) -> str:
    """The report's deadlines as iCalendar text (CRLF line ends, as RFC 5545 asks)."""
    calendar = Calendar()
    calendar.add("prodid", PRODUCT_ID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", "claims: deadlines")
    stamp = datetime.combine(report.day, time(0), tzinfo=UTC)
    for item in report.items:
        calendar.add_component(deadline_event(item, stamp))
    data: bytes = calendar.to_ical()
    return data.decode("utf-8")
