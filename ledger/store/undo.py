"""Undo: take back a claim's latest change, as a new `undone` event (the log is never edited).

Undo reverts exactly one event, the latest of its claim, and puts the claim back in the state it
had before that event; undoing `created` withdraws the claim, and undoing an `undone` redoes it
(see ledger.events). It refuses, changing nothing, when the event the caller means is no longer
the latest, when the latest change concerns claimants, or when the claim's rows do not match
its events.
"""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Session

from ledger.errors import InputError, NotFoundError, StorageError, TransitionError
from ledger.events import undone_change
from ledger.records import EventRecord
from ledger.replay import NameMap, ReplayError, name_resolver, replay_steps, state_after_undo
from ledger.sql.claim_state import (
    claim_events,
    claimant_entries,
    event_record,
    stored_claims,
)
from ledger.state import ClaimState, differences
from ledger.store.common import SessionRunner, load_claim, record_event
from ledger.store.reconcile import write_state


def latest_event(runner: SessionRunner, claim_id: int | None) -> EventRecord:
    """The latest event of a claim, or of the whole ledger when `claim_id` is None."""
    where = "" if claim_id is None else "WHERE claim_id = :claim"
    rows = runner.rows(
        f"SELECT claim_id, id, uid, at, actor, kind, change FROM event {where}"
        " ORDER BY id DESC LIMIT 1",
        {} if claim_id is None else {"claim": claim_id},
    )
    if not rows:
        raise NotFoundError("nothing to undo: there are no changes yet")
    return event_record(rows[0])


def undo_latest(
    *,
    session: Session,
    claim_id: int | None,
    expected_event: str | None,
    actor: str,
    now: datetime,
) -> EventRecord:
    """Revert the latest change (of `claim_id`, or of the ledger); return the event reverted."""
    runner = SessionRunner(session)
    event = latest_event(runner, claim_id)
    if event.claim_id is not None:
        # Lock the claim (FOR UPDATE where the database has it), then read its latest change
        # again: on SQLite the write lock already holds everyone else off.
        load_claim(session, event.claim_id)
        event = latest_event(runner, event.claim_id)
    if expected_event is not None:
        _check_expected(runner, event, expected_event)
    if event.claim_id is None:
        raise TransitionError(
            f"the latest change is to claimants ({event.kind}), which undo cannot take back; "
            "name a claim to undo its latest change (claims undo ID)"
        )
    cid = event.claim_id
    names = name_resolver((c.name, c.aliases) for c in claimant_entries(runner))
    events = claim_events(runner, [cid])[cid]
    stored = stored_claims(runner, [cid])[0]
    states = _checked_steps(cid, events, stored.state, names)
    write_state(session, cid, stored.state, state_after_undo(states, events, at=now))
    record_event(
        session,
        claim_id=cid,
        kind="undone",
        change=undone_change(event.uid, event.kind),
        actor=actor,
        now=now,
    )
    session.flush()
    after = stored_claims(runner, [cid])[0].state
    _checked_steps(cid, claim_events(runner, [cid])[cid], after, names)
    return event


def _checked_steps(
    claim_id: int, events: list[EventRecord], stored: ClaimState, names: NameMap
) -> list[ClaimState]:
    """The states after each event, provided the last is what the claim's rows hold."""
    try:
        states = replay_steps(events, claimant_name=names)
    except ReplayError as error:
        raise StorageError(f"claim {claim_id}'s history cannot be replayed ({error})") from None
    if differences(states[-1], stored):
        raise StorageError(
            f"claim {claim_id}'s stored state does not match its history, so undo will not "
            "guess; `claims check` shows where"
        )
    return states


def _check_expected(runner: SessionRunner, event: EventRecord, expected: str) -> None:
    wanted = expected.strip().lower()
    if len(wanted) < 4 or wanted.strip("0123456789abcdef-"):
        raise InputError("give at least 4 characters of the event's uid (0-9, a-f)")
    if not event.uid.startswith(wanted):
        where = f"claim {event.claim_id}" if event.claim_id is not None else "the ledger"
        known = runner.rows(
            "SELECT 1 FROM event WHERE uid LIKE :prefix LIMIT 1", {"prefix": wanted + "%"}
        )
        if not known:
            raise NotFoundError(f"no change {wanted!r} in this ledger: `claims history` lists them")
        raise TransitionError(
            f"{where} changed since: its latest change is now {event.kind} {event.uid[:8]} "
            f"by {event.actor} at {event.at:%Y-%m-%d %H:%M} UTC; nothing was undone"
        )
