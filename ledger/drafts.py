"""What users give the ledger, checked: a new claim, a source, a numeric target, an edit.

Kept apart from ledger.records (what the ledger hands back) so that `claims add`, which has a
budget of a few tens of milliseconds, does not pay for creating the record classes it never uses.
"""

from __future__ import annotations

from datetime import date
from typing import NamedTuple

from ledger.dates import DeadlineWindow, SaidOn


class Target(NamedTuple):
    """A numeric target such as 200,000 GPUs or $3–4B; either bound may be open."""

    metric: str
    low: float | None = None
    high: float | None = None
    unit: str | None = None


class SourceDraft(NamedTuple):
    """A source needs a URL or, for print and broadcast, at least a title."""

    url: str | None
    role: str = "source"
    title: str | None = None
    publisher: str | None = None
    published_on: date | None = None
    language: str | None = None
    archive_url: str | None = None


class ClaimDraft(NamedTuple):
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


class ClaimChanges(NamedTuple):
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
