"""Plain records the ledger hands to its front ends: no sessions, no ORM objects."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from ledger.dates import DeadlineWindow, SaidOn
from ledger.rules import days_overdue, due_state, slip_days


@dataclass(frozen=True, slots=True)
class Target:
    """A numeric target such as 200,000 GPUs or $3–4B; either bound may be open."""

    metric: str
    low: float | None = None
    high: float | None = None
    unit: str | None = None


@dataclass(frozen=True, slots=True)
class SourceDraft:
    """A source needs a URL or, for print and broadcast, at least a title."""

    url: str | None
    role: str = "source"
    title: str | None = None
    publisher: str | None = None
    published_on: date | None = None
    language: str | None = None
    archive_url: str | None = None


@dataclass(frozen=True, slots=True)
class ClaimDraft:
    """A claim as the user gives it, already validated (see ledger.validate)."""

    statement: str
    claimant: str
    said_on: SaidOn
    deadline: DeadlineWindow
    sources: tuple[SourceDraft, ...]
    quote: str | None = None
    tags: tuple[str, ...] = ()
    hedge: str = "will"
    condition: str | None = None
    target: Target | None = None
    probability: float | None = None
    uid: str | None = None


@dataclass(frozen=True, slots=True)
class ClaimRow:
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


@dataclass(frozen=True, slots=True)
class SourceRecord:
    id: int
    role: str
    url: str | None
    title: str | None
    publisher: str | None
    published_on: date | None
    language: str | None
    archive_url: str | None
    added_at: datetime


@dataclass(frozen=True, slots=True)
class DeadlineRecord:
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


@dataclass(frozen=True, slots=True)
class ForecastRecord:
    id: int
    probability: float
    made_at: datetime
    forecaster: str


@dataclass(frozen=True, slots=True)
class EventRecord:
    id: int
    uid: str
    claim_id: int | None
    at: datetime
    actor: str
    kind: str
    change: dict[str, Any]


@dataclass(frozen=True, slots=True)
class ClaimDetail:
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


@dataclass(frozen=True, slots=True)
class ClaimantRecord:
    id: int
    name: str
    kind: str
    aliases: tuple[str, ...] = ()
    claims: int = 0


@dataclass(frozen=True, slots=True)
class ClaimChanges:
    """The fields `edit` may change; None means leave as is, "" clears an optional text."""

    statement: str | None = None
    quote: str | None = None
    claimant: str | None = None
    hedge: str | None = None
    condition: str | None = None
    said_on: SaidOn | None = None
    target: Target | None = None
    deadline_phrase: str | None = None
    clear_target: bool = False

    def is_empty(self) -> bool:
        return (
            all(
                value is None
                for value in (self.statement, self.quote, self.claimant, self.hedge, self.condition)
            )
            and (self.said_on, self.target, self.deadline_phrase) == (None, None, None)
            and not (self.clear_target)
        )
