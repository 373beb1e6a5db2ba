"""Domain rules as data plus pure functions: outcomes, allowed changes, due state and slip."""

from __future__ import annotations

from datetime import date

from ledger.errors import InputError, TransitionError

OUTCOMES: tuple[str, ...] = ("kept", "partly", "broken", "retracted", "void", "unverifiable")
OUTCOME_MEANINGS: dict[str, str] = {
    "kept": "happened within the window (early counts)",
    "partly": "happened in part, in another form, or the timing is ambiguous",
    "broken": "did not happen by the end of the window (record when it came, if later)",
    "retracted": "the claimant withdrew it",
    "void": "its condition failed or the question became moot",
    "unverifiable": "no public data can settle it",
}
HEDGES: tuple[str, ...] = ("will", "plans", "expects", "hopes", "could")
DUE_STATES: tuple[str, ...] = ("upcoming", "due", "overdue", "resolved", "open-ended")
CLAIMANT_KINDS: tuple[str, ...] = ("person", "organisation")
# How far ahead `claims due` looks for windows that open or close, in days.
DEFAULT_WITHIN = 30
# The due table shows the longest overdue first; thousands of rows more would only scroll past.
DUE_TABLE_LIMIT = 50

# The one table of allowed outcome changes: an open claim may take any outcome; a resolved
# claim must be reopened before it takes another, so that no verdict is overwritten by accident.
ALLOWED_OUTCOME_CHANGES: dict[str | None, frozenset[str | None]] = {
    None: frozenset(OUTCOMES),
    **{outcome: frozenset({None}) for outcome in OUTCOMES},
}


def due_state(*, start: date | None, end: date | None, outcome: str | None, today: date) -> str:
    """Where a claim stands on `today`: derived, never stored."""
    if outcome is not None:
        return "resolved"
    if end is None:
        return "open-ended"
    if today > end:
        return "overdue"
    if start is not None and today < start:
        return "upcoming"
    return "due"


def slip_days(*, first_end: date | None, happened_on: date | None) -> int | None:
    """Days past the first deadline's window end; 0 when on time or early; None when unknown."""
    if first_end is None or happened_on is None:
        return None
    return max(0, (happened_on - first_end).days)


def days_overdue(*, end: date | None, today: date) -> int:
    return 0 if end is None or today <= end else (today - end).days


def check_outcome_change(
    claim_id: int, current: str | None, new: str | None, *, withdrawn: bool = False
) -> None:
    """Raise TransitionError unless the change from `current` to `new` is in the table."""
    if withdrawn:
        raise TransitionError(f"claim {claim_id} was withdrawn; it can no longer change")
    if new in ALLOWED_OUTCOME_CHANGES.get(current, frozenset()):
        return
    if new is None:
        raise TransitionError(f"claim {claim_id} is not resolved, so there is nothing to reopen")
    raise TransitionError(
        f"claim {claim_id} is already resolved as {current}; "
        f"reopen it first (claims reopen {claim_id})"
    )


def check_outcome_name(outcome: str) -> str:
    cleaned = outcome.strip().lower()
    if cleaned not in OUTCOMES:
        raise InputError(f"unknown outcome {outcome!r}; use one of {', '.join(OUTCOMES)}")
    return cleaned


def check_happened_on(
    *,
    outcome: str,
    happened_on: date | None,
    said_on: date,
    first_end: date | None,
    current_end: date | None,
    today: date,
) -> None:
    """A resolution's date must fit its outcome: kept within the window, broken after it."""
    if happened_on is None:
        return
    if happened_on > today:
        raise InputError(f"the date it happened ({happened_on}) is in the future")
    if happened_on < said_on:
        raise InputError(f"the date it happened ({happened_on}) is before the claim was said")
    if outcome == "kept" and current_end is not None and happened_on > current_end:
        raise InputError(
            f"kept means it happened by the end of the window ({current_end}); "
            f"it happened on {happened_on}, so record it as broken or partly"
        )
    if outcome == "broken" and first_end is not None and happened_on <= first_end:
        raise InputError(
            f"broken means it had not happened by {first_end}; "
            f"it happened on {happened_on}, so record it as kept"
        )


def check_said_date_fits(
    claim_id: int,
    said: date,
    *,
    revisions: list[date],
    forecasts: list[date],
    happened_on: date | None,
) -> None:
    """A corrected said date may not come after what the ledger already records as later."""
    later = [(f"it was re-dated on {day}", day) for day in revisions] + [
        (f"a forecast on it was made on {day}", day) for day in forecasts
    ]
    if happened_on is not None:
        later.append((f"it happened on {happened_on}", happened_on))
    for what, day in sorted(later, key=lambda pair: pair[1]):
        if day < said:
            raise InputError(
                f"claim {claim_id} cannot have been said on {said}: {what}, before that"
            )
