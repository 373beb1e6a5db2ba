"""What the track-record and calibration reports know of a claim, and how partly-kept counts."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from ledger.dates import SaidPrecision
from ledger.errors import InputError

RATED_OUTCOMES: tuple[str, ...] = ("kept", "partly", "broken")
LEFT_OUT_OUTCOMES: tuple[str, ...] = ("void", "retracted", "unverifiable")

# How a partly-kept claim counts: as not kept (the default), as kept, as half kept, or not at all.
PARTLY_CHOICES: dict[str, float | None] = {
    "not-kept": 0.0,
    "kept": 1.0,
    "half": 0.5,
    "excluded": None,
}
DEFAULT_PARTLY = "not-kept"


def check_partly(choice: str) -> str:
    cleaned = choice.strip().lower()
    if cleaned not in PARTLY_CHOICES:
        raise InputError(f"--partly-as {choice!r} is not one of {', '.join(PARTLY_CHOICES)}")
    return cleaned


@dataclass(frozen=True, slots=True)
class ForecastFact:
    probability: float
    made_at: datetime


@dataclass(frozen=True, slots=True)
class ClaimFacts:
    """One claim as the reports see it: its first and current deadline, outcome and forecasts."""

    id: int
    statement: str
    claimant: str
    said_on: date
    outcome: str | None
    happened_on: date | None
    first_end: date | None
    current_end: date | None
    revisions: int
    resolved_on: date | None = None
    said_precision: SaidPrecision = "day"  # said in a month or a year: dated by its first day
    tags: tuple[str, ...] = ()
    publishers: tuple[str, ...] = ()
    forecasts: tuple[ForecastFact, ...] = ()

    def kept_weight(self, partly_as: str = DEFAULT_PARTLY) -> float | None:
        """How far the claim came true (1 kept, 0 not), or None when it is not rated."""
        if self.outcome == "kept":
            return 1.0
        if self.outcome == "broken":
            return 0.0
        if self.outcome == "partly":
            return PARTLY_CHOICES[partly_as]
        return None

    @property
    def slip(self) -> int | None:
        """Days past the first deadline's end (0 when on time or early), when it happened."""
        if self.first_end is None or self.happened_on is None:
            return None
        return max(0, (self.happened_on - self.first_end).days)
