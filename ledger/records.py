"""Plain records the ledger hands to its front ends: no sessions, no ORM objects."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, NamedTuple

from ledger.dates import DeadlineWindow, SaidOn
from ledger.drafts import ClaimChanges, ClaimDraft, SourceDraft, Target
from ledger.rules import days_overdue, due_state, slip_days

# What users give (drafts) lives in ledger.drafts, which the CLI's `add` imports without these.
__all__ = [
    "ClaimChanges",
    "ClaimDetail",
    "ClaimDraft",
    "ClaimRow",
    "ClaimantRecord",
    "DeadlineRecord",
    "EventRecord",
    "ForecastRecord",
    "SourceDraft",
    "SourceRecord",
    "Target",
]


class ClaimRow(NamedTuple):
    """One claim as lists and reports show it."""

    id: int
    uid: str
    statement: str
    claimant: str
    said_on: SaidOn
    deadline_phrase: str
    window_start: date | None
    window_end: date | None
    precision: str
    first_window_end: date | None
    outcome: str | None
    happened_on: date | None
    tags: tuple[str, ...]
    last_forecast: float | None
    withdrawn: bool
    revisions: int = 0

    def state(self, today: date) -> str:
        return due_state(
            start=self.window_start, end=self.window_end, outcome=self.outcome, today=today
        )

    @property
    def slip(self) -> int | None:
        return slip_days(first_end=self.first_window_end, happened_on=self.happened_on)

    def days_overdue(self, today: date) -> int:
        return days_overdue(end=self.window_end, today=today) if self.outcome is None else 0


class SourceRecord(NamedTuple):
    id: int
    role: str
    url: str | None
    title: str | None
    publisher: str | None
    published_on: date | None
    language: str | None
    archive_url: str | None
    added_at: datetime


class DeadlineRecord(NamedTuple):
    seq: int
    phrase: str
    said_on: SaidOn
    window_start: date | None
    window_end: date | None
    precision: str
    note: str
    source_url: str | None
    recorded_at: datetime

    @property
    def window(self) -> DeadlineWindow:
        return DeadlineWindow(
            self.phrase, self.window_start, self.window_end, self.precision, self.note
        )


class ForecastRecord(NamedTuple):
    id: int
    probability: float
    made_at: datetime
    forecaster: str


class EventRecord(NamedTuple):
    id: int
    uid: str
    claim_id: int | None
    at: datetime
    actor: str
    kind: str
    change: dict[str, Any]


class ClaimDetail(NamedTuple):
    """Every field of one claim, with its sources, deadlines and forecasts."""

    row: ClaimRow
    quote: str | None
    hedge: str
    condition: str | None
    target: Target | None
    claimant_aliases: tuple[str, ...]
    resolution_note: str | None
    resolved_at: datetime | None
    withdrawn_at: datetime | None
    withdrawn_reason: str | None
    created_at: datetime
    updated_at: datetime
    version: int
    sources: tuple[SourceRecord, ...] = ()
    deadlines: tuple[DeadlineRecord, ...] = ()
    forecasts: tuple[ForecastRecord, ...] = ()

    @property
    def id(self) -> int:
        return self.row.id

    @property
    def evidence(self) -> tuple[SourceRecord, ...]:
        return tuple(s for s in self.sources if s.role == "evidence")


class ClaimantRecord(NamedTuple):
    id: int
    name: str
    kind: str
    aliases: tuple[str, ...] = ()
    claims: int = 0
