"""New claims' rows, built from their checked states in the driver's types, for the importer.

A `ClaimBatch` numbers its claims 0, 1, 2… and their sources likewise; the importer adds the
first free id of each table in the INSERT itself (`? + 41`), so the rows need no rewriting once
the write lock is held and ids are known. A claim row names its claimant by key, a claim_tag row
its tag by key; the INSERT looks the id up. Building a batch is plain work on values, so it can
run in the worker processes that check an archive's lines.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

from ledger.archive.items import ArchivedClaim, ArchivedEvent
from ledger.events import encode_change
from ledger.sql.values import db_timestamp
from ledger.store.state_columns import (
    CLAIM_COLUMNS,
    claim_tuple,
    deadline_tuple,
    forecast_tuple,
    source_tuple,
)
from ledger.validate import name_key

Row = tuple[Any, ...]
EVENT_COLUMNS = ("uid", "at", "actor", "kind", "change")


@dataclass(slots=True)
class ClaimBatch:
    """Rows in the column order of ledger.store.state_columns, led by batch-local numbers:
    `claims` (number, claimant key, *CLAIM_COLUMNS); `sources` (source number, claim number,
    *SOURCE_COLUMNS); `deadlines` (claim number, *DEADLINE_COLUMNS with the source's number);
    `forecasts` and `events` (claim number, *columns); `tags` (claim number, tag key).
    `claimants` and `tag_names` give each key's first spelling (and a claimant's first claim's
    creation time), in the order they first appear."""

    claim_uids: list[str] = field(default_factory=list)
    event_uids: list[str] = field(default_factory=list)
    claims: list[Row] = field(default_factory=list)
    sources: list[Row] = field(default_factory=list)
    deadlines: list[Row] = field(default_factory=list)
    forecasts: list[Row] = field(default_factory=list)
    tags: list[Row] = field(default_factory=list)
    events: list[Row] = field(default_factory=list)
    claimants: dict[str, tuple[str, Any]] = field(default_factory=dict)
    tag_names: dict[str, str] = field(default_factory=dict)

    def add(self, claim: ArchivedClaim, db_value: DbValue) -> None:
        state = claim.state
        number = len(self.claims)
        first_source = len(self.sources)
        key = name_key(state.claimant)
        row = _converted(claim_tuple(state), db_value)
        self.claimants.setdefault(key, (state.claimant, row[_CREATED_AT]))
        self.claims.append((number, key, *row))
        self.claim_uids.append(state.uid)
        for index, source in enumerate(state.sources):
            values = _converted(source_tuple(source), db_value)
            self.sources.append((first_source + index, number, *values))
        for deadline in state.deadlines:
            index, *rest = _converted(deadline_tuple(deadline), db_value)
            self.deadlines.append((number, None if index is None else first_source + index, *rest))
        for forecast in state.forecasts:
            self.forecasts.append((number, *_converted(forecast_tuple(forecast), db_value)))
        for tag in state.tags:
            tag_key = name_key(tag)
            self.tag_names.setdefault(tag_key, tag)
            self.tags.append((number, tag_key))
        for event in claim.events:
            self.events.append((number, *event_row(event, db_value)))
            self.event_uids.append(event.uid)

    def __len__(self) -> int:
        return len(self.claims)


def claim_batch(claims: Sequence[ArchivedClaim], db_value: DbValue) -> ClaimBatch:
    batch = ClaimBatch()
    for claim in claims:
        batch.add(claim, db_value)
    return batch


def event_row(event: ArchivedEvent, db_value: DbValue) -> Row:
    """An event row in EVENT_COLUMNS order."""
    return (event.uid, db_value(event.at), event.actor, event.kind, encode_change(event.change))


def _converted(row: Row, db_value: DbValue) -> Row:
    convert = db_value.by_type.get
    return tuple([value if (how := convert(type(value))) is None else how(value) for value in row])


_CREATED_AT = CLAIM_COLUMNS.index("created_at")


@dataclass(frozen=True, slots=True)
class DbValue:
    """Turns dates and times into what the database driver stores, by their exact type (the
    import's values come from fromisoformat, never a subclass); other values pass as they are."""

    by_type: dict[type, Callable[[Any], Any]]

    def __call__(self, value: Any) -> Any:
        how = self.by_type.get(type(value))
        return value if how is None else how(value)


_stamps: dict[datetime, str] = {}


def _sqlite_timestamp(moment: datetime) -> str:
    # A claim's times are mostly one moment (created, recorded, its first event): convert once.
    found = _stamps.get(moment)
    if found is None:
        if len(_stamps) >= 10_000:
            _stamps.clear()
        found = _stamps[moment] = db_timestamp(moment)
    return found


def _naive_utc(moment: datetime) -> datetime:
    return moment.astimezone(UTC).replace(tzinfo=None)


# As the store writes them: text in SQLite, naive UTC timestamps in PostgreSQL (see
# ledger.models.UTCDateTime).
sqlite_value = DbValue({datetime: _sqlite_timestamp, date: date.isoformat})
postgres_value = DbValue({datetime: _naive_utc})
