"""A claim's life after capture: re-dated, forecast, resolved, reopened or withdrawn."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlmodel import Session, col, select

from ledger.dates import DeadlineWindow, SaidOn
from ledger.errors import InputError, TransitionError
from ledger.events import resolved_change, source_change, window_change
from ledger.models import Claim, Deadline, Forecast
from ledger.records import SourceDraft
from ledger.rules import check_happened_on, check_outcome_change
from ledger.store.common import (
    add_source_row,
    deadline_row,
    load_claim,
    next_deadline_seq,
    record_event,
    row_id,
    set_current_window,
    touch,
)


def _first_window_end(session: Session, claim_id: int) -> date | None:
    first = session.exec(
        select(Deadline).where(Deadline.claim_id == claim_id, Deadline.seq == 0)
    ).first()
    return None if first is None else first.window_end


def _latest_deadline(session: Session, claim_id: int) -> Deadline | None:
    return session.exec(
        select(Deadline).where(Deadline.claim_id == claim_id).order_by(col(Deadline.seq).desc())
    ).first()


def _check_open(claim: Claim, action: str) -> None:
    if claim.withdrawn_at is not None:
        raise TransitionError(f"claim {claim.id} was withdrawn; it cannot be {action}")
    if claim.outcome is not None:
        raise TransitionError(
            f"claim {claim.id} is resolved as {claim.outcome}; "
            f"reopen it first (claims reopen {claim.id})"
        )


def revise_deadline(
    *,
    session: Session,
    claim_id: int,
    window: DeadlineWindow,
    said_on: SaidOn,
    source: SourceDraft | None,
    actor: str,
    now: datetime,
    expected_version: int | None = None,
) -> int:
    """Record the claimant's new deadline; the earlier ones stay on record. Returns its seq."""
    claim = load_claim(session, claim_id, expected_version=expected_version)
    _check_open(claim, "re-dated")
    if not window.phrase:
        raise InputError(
            "give the new deadline as the claimant said it, e.g. --deadline 'in March'"
        )
    if said_on.first < claim.said_on:
        raise InputError(
            f"the new deadline was said on {said_on}, before the claim itself ({claim.said_on})"
        )
    latest = _latest_deadline(session, claim_id)
    if latest is not None and said_on.first < latest.said_on:
        raise InputError(
            f"claim {claim_id} was last re-dated on {latest.said_on}; record re-datings in the "
            f"order they were said (this one was said on {said_on})"
        )
    source_row = add_source_row(session, claim_id, source, now=now) if source else None
    seq = next_deadline_seq(session, claim_id)
    source_id = None if source_row is None else row_id(source_row)
    session.add(deadline_row(claim_id, seq, window, said_on, now, source_id))
    set_current_window(claim, window)
    touch(claim, now)
    change: dict[str, Any] = {
        "seq": seq,
        "said_on": str(said_on),
        "deadline": window_change(window),
    }
    if source is not None:
        change["source"] = source_change(source)
    record_event(session, claim_id=claim_id, kind="revised", change=change, actor=actor, now=now)
    return seq


def add_forecast(
    *,
    session: Session,
    claim_id: int,
    probability: float,
    made_at: datetime,
    actor: str,
    now: datetime,
) -> int:
    claim = load_claim(session, claim_id)
    if claim.withdrawn_at is not None:
        raise TransitionError(f"claim {claim_id} was withdrawn; it takes no forecasts")
    if made_at > now:
        raise InputError("a forecast cannot be dated in the future")
    if made_at.date() < claim.said_on:
        raise InputError(f"a forecast cannot predate the claim (said {claim.said_on})")
    forecast = Forecast(
        claim_id=claim_id,
        probability=probability,
        made_at=made_at,
        forecaster=actor,
        recorded_at=now,
    )
    session.add(forecast)
    touch(claim, now)
    session.flush()
    change = {"probability": probability, "made_at": made_at.isoformat()}
    record_event(session, claim_id=claim_id, kind="forecast", change=change, actor=actor, now=now)
    return row_id(forecast)


def resolve_claim(
    *,
    session: Session,
    claim_id: int,
    outcome: str,
    happened_on: date | None,
    evidence: tuple[SourceDraft, ...],
    note: str | None,
    actor: str,
    now: datetime,
    expected_version: int | None = None,
) -> dict[str, Any]:
    claim = load_claim(session, claim_id, expected_version=expected_version)
    check_outcome_change(claim_id, claim.outcome, outcome, withdrawn=claim.withdrawn_at is not None)
    check_happened_on(
        outcome=outcome,
        happened_on=happened_on,
        said_on=claim.said_on,
        first_end=_first_window_end(session, claim_id),
        current_end=claim.window_end,
        today=now.date(),
    )
    for item in evidence:
        add_source_row(session, claim_id, item, now=now)
    claim.outcome, claim.happened_on = outcome, happened_on
    claim.resolution_note, claim.resolved_at = note, now
    touch(claim, now)
    change = resolved_change(outcome, happened_on, note, evidence)
    record_event(session, claim_id=claim_id, kind="resolved", change=change, actor=actor, now=now)
    return change


def reopen_claim(
    *,
    session: Session,
    claim_id: int,
    actor: str,
    now: datetime,
    expected_version: int | None = None,
) -> dict[str, Any]:
    """Clear the outcome (it stays in the history); evidence sources stay attached."""
    claim = load_claim(session, claim_id, expected_version=expected_version)
    check_outcome_change(claim_id, claim.outcome, None, withdrawn=claim.withdrawn_at is not None)
    change: dict[str, Any] = {
        "outcome": claim.outcome,
        "happened_on": None if claim.happened_on is None else claim.happened_on.isoformat(),
        "note": claim.resolution_note,
    }
    claim.outcome = claim.happened_on = claim.resolution_note = claim.resolved_at = None
    touch(claim, now)
    record_event(session, claim_id=claim_id, kind="reopened", change=change, actor=actor, now=now)
    return change


def withdraw_claim(
    *,
    session: Session,
    claim_id: int,
    reason: str | None,
    actor: str,
    now: datetime,
) -> None:
    """Take a claim out of lists and reports (a mistaken entry); nothing is deleted."""
    claim = load_claim(session, claim_id)
    if claim.withdrawn_at is not None:
        raise TransitionError(f"claim {claim_id} is already withdrawn")
    claim.withdrawn_at, claim.withdrawn_reason = now, reason
    touch(claim, now)
    record_event(
        session,
        claim_id=claim_id,
        kind="withdrawn",
        change={"reason": reason},
        actor=actor,
        now=now,
    )
