"""A new claim's rows, built from its checked state in the driver's types, for the importer.

The rows carry no ids: the importer gives them while it holds the write lock. A deadline's
`source_id` holds the index of its source among the claim's sources until then. Building them is
plain work on values, so it can run in the worker processes that check an archive's lines.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime
from typing import Any, NamedTuple

from ledger.archive.items import ArchivedClaim, ArchivedEvent
from ledger.events import encode_change
from ledger.sql.values import db_timestamp
from ledger.store.state_columns import (
    claim_tuple,
    deadline_tuple,
    forecast_tuple,
    source_tuple,
)
from ledger.validate import name_key

Row = tuple[Any, ...]
DbValue = Callable[[Any], Any]
EVENT_COLUMNS = ("uid", "at", "actor", "kind", "change")


class ClaimRows(NamedTuple):
    """Rows in the column order of ledger.store.state_columns, without the ids: `claim` lacks
    id and claimant_id, `sources` id and claim_id, `deadlines` and `forecasts` and `events`
    claim_id. `tags` are (name, name key) pairs."""

    uid: str
    line: int
    claimant: str
    claimant_key: str
    claim: Row
    sources: list[Row]
    deadlines: list[Row]
    forecasts: list[Row]
    tags: list[tuple[str, str]]
    events: list[Row]
    event_uids: list[str]


def claim_rows(claim: ArchivedClaim, db_value: DbValue) -> ClaimRows:
    state = claim.state
    return ClaimRows(
        uid=state.uid,
        line=claim.line,
        claimant=state.claimant,
        claimant_key=name_key(state.claimant),
        claim=_converted(claim_tuple(state), db_value),
        sources=[_converted(source_tuple(s), db_value) for s in state.sources],
        deadlines=[_converted(deadline_tuple(d), db_value) for d in state.deadlines],
        forecasts=[_converted(forecast_tuple(f), db_value) for f in state.forecasts],
        tags=[(tag, name_key(tag)) for tag in state.tags],
        events=[event_row(event, db_value) for event in claim.events],
        event_uids=[event.uid for event in claim.events],
    )


def event_row(event: ArchivedEvent, db_value: DbValue) -> Row:
    """An event row in EVENT_COLUMNS order."""
    return (event.uid, db_value(event.at), event.actor, event.kind, encode_change(event.change))


def _converted(row: Row, db_value: DbValue) -> Row:
    return tuple([db_value(value) if type(value) in _TEMPORAL else value for value in row])


_TEMPORAL = frozenset((date, datetime))


def sqlite_value(value: Any) -> Any:
    """Dates and times as the store writes them to SQLite (see ledger.models.UTCDateTime)."""
    if isinstance(value, datetime):
        return _sqlite_timestamp(value)
    if isinstance(value, date):
        return value.isoformat()
    return value


_stamps: dict[datetime, str] = {}


def _sqlite_timestamp(moment: datetime) -> str:
    # A claim's times are mostly one moment (created, recorded, its first event): convert once.
    found = _stamps.get(moment)
    if found is None:
        if len(_stamps) >= 10_000:
            _stamps.clear()
        found = _stamps[moment] = db_timestamp(moment)
    return found


def postgres_value(value: Any) -> Any:
    """Timestamps naive in UTC, as ledger.models.UTCDateTime stores them."""
    if isinstance(value, datetime):
        return value.astimezone(UTC).replace(tzinfo=None)
    return value
