"""Pieces every write shares: loading a claim for change, the event row, claimants and tags."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Any, TypeVar

from sqlalchemy import exc, func, text
from sqlmodel import Session, col, select

from ledger.dates import DeadlineWindow, SaidOn
from ledger.errors import ConflictError, NotFoundError, TransitionError
from ledger.events import encode_change, new_uid, source_change
from ledger.models import Claim, Claimant, ClaimantAlias, Deadline, Event, Source, Tag
from ledger.records import SourceDraft
from ledger.validate import name_key

RowT = TypeVar("RowT", Claimant, Tag)


class SessionRunner:
    """Runs the shared read SQL (ledger.sql) on a SQLAlchemy session."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def rows(self, sql: str, params: dict[str, Any]) -> Sequence[Sequence[Any]]:
        return self.session.connection().execute(text(sql), params).all()


def load_claim(session: Session, claim_id: int, *, expected_version: int | None = None) -> Claim:
    """The claim to change, locked for this transaction (FOR UPDATE where the database has it)
    and checked against the version the caller saw, so that no update is lost."""
    claim = session.get(Claim, claim_id, with_for_update=True)
    if claim is None:
        raise NotFoundError(f"no claim {claim_id} in this ledger")
    if expected_version is not None and claim.version != expected_version:
        raise ConflictError(conflict_message(session, claim))
    return claim


def refuse_if_withdrawn(claim: Claim, doing: str) -> None:
    """A withdrawn claim is frozen: only undo may bring it back."""
    if claim.withdrawn_at is not None:
        raise TransitionError(
            f"claim {claim.id} was withdrawn, so it cannot be {doing} (claims undo {claim.id} "
            "brings it back if its withdrawal was the last change)"
        )


def conflict_message(session: Session, claim: Claim) -> str:
    last = session.exec(
        select(Event).where(Event.claim_id == claim.id).order_by(col(Event.id).desc()).limit(1)
    ).first()
    who = f" by {last.actor} at {last.at:%Y-%m-%d %H:%M} UTC" if last else ""
    return f"claim {claim.id} was changed{who} since you loaded it; reload and try again"


def row_id(row: Any) -> int:
    """The id of a row that has been flushed (SQLModel types it as optional)."""
    if row.id is None:
        raise ValueError(f"{type(row).__name__} has no id before it is flushed")
    return int(row.id)


def touch(claim: Claim, now: datetime) -> None:
    claim.updated_at = now
    claim.version += 1


def record_event(
    session: Session,
    *,
    claim_id: int | None,
    kind: str,
    change: dict[str, Any],
    actor: str,
    now: datetime,
) -> Event:
    event = Event(
        uid=new_uid(),
        claim_id=claim_id,
        at=now,
        actor=actor,
        kind=kind,
        change=encode_change(change),
    )
    session.add(event)
    return event


def find_claimant(session: Session, name: str) -> Claimant | None:
    key = name_key(name)
    found = session.exec(select(Claimant).where(Claimant.name_key == key)).first()
    if found is not None:
        return found
    alias = session.exec(select(ClaimantAlias).where(ClaimantAlias.alias_key == key)).first()
    return None if alias is None else session.get(Claimant, alias.claimant_id)


def find_or_create_claimant(session: Session, name: str, *, now: datetime) -> Claimant:
    found = find_claimant(session, name)
    if found is not None:
        return found
    claimant = Claimant(name=name, name_key=name_key(name), created_at=now)
    return _insert_or_fetch(session, claimant, lambda: find_claimant(session, name))


def get_or_create_tag(session: Session, name: str) -> Tag:
    key = name_key(name)

    def existing() -> Tag | None:
        return session.exec(select(Tag).where(Tag.name_key == key)).first()

    found = existing()
    if found is not None:
        return found
    return _insert_or_fetch(session, Tag(name=name, name_key=key), existing)


def _insert_or_fetch(session: Session, row: RowT, fetch: Callable[[], RowT | None]) -> RowT:
    """Insert `row`; if a concurrent writer inserted the same unique key first, use theirs."""
    try:
        with session.begin_nested():
            session.add(row)
            session.flush()
        return row
    except exc.IntegrityError:
        found = fetch()
        if found is None:
            raise
        return found


def add_source_row(
    session: Session, claim_id: int, source: SourceDraft, *, now: datetime
) -> Source:
    row = Source(claim_id=claim_id, added_at=now, **source_change(source))
    session.add(row)
    session.flush()
    return row


def next_deadline_seq(session: Session, claim_id: int) -> int:
    current = session.exec(
        select(func.max(Deadline.seq)).where(Deadline.claim_id == claim_id)
    ).first()
    return 0 if current is None else int(current) + 1


def deadline_row(
    claim_id: int,
    seq: int,
    window: DeadlineWindow,
    said_on: SaidOn,
    now: datetime,
    source_id: int | None,
) -> Deadline:
    return Deadline(
        claim_id=claim_id,
        seq=seq,
        phrase=window.phrase,
        said_on=said_on.first,
        said_precision=said_on.precision,
        window_start=window.start,
        window_end=window.end,
        precision=window.precision,
        note=window.note,
        source_id=source_id,
        recorded_at=now,
    )


def deadline_window(row: Deadline) -> DeadlineWindow:
    return DeadlineWindow(row.phrase, row.window_start, row.window_end, row.precision, row.note)


def set_current_window(claim: Claim, window: DeadlineWindow) -> None:
    claim.deadline_phrase = window.phrase
    claim.window_start = window.start
    claim.window_end = window.end
    claim.precision = window.precision
