"""Import: claimants, claims and events from an archive, idempotent by uid, all or nothing.

The caller runs it in one write transaction, so a file goes in whole or not at all. New claims
are inserted in batches of plain rows (executemany), with ids taken here while the write lock is
held. A claim the ledger already holds is left alone when the ledger has every event of it in
the file, brought forward when the file's events continue the ledger's, and refused (nothing is
imported) when both have changed it since they parted.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import text
from sqlmodel import Session

from ledger.archive.items import ArchivedClaim, ArchivedClaimant, ArchivedEvent, ArchiveItem
from ledger.errors import InputError, StorageError
from ledger.events import encode_change
from ledger.replay import name_resolver, replay
from ledger.sql.claim_state import claim_events, claimant_entries, stored_claims
from ledger.sql.values import db_timestamp
from ledger.state import ClaimState, differences
from ledger.store.common import SessionRunner
from ledger.store.reconcile import write_state
from ledger.store.state_columns import (
    claim_values,
    deadline_values,
    forecast_values,
    source_values,
)
from ledger.validate import name_key

BATCH = 1000
_TABLES = ("claim", "source", "deadline", "forecast", "claim_tag", "event")


@dataclass
class ImportSummary:
    claims_added: int = 0
    claims_updated: int = 0
    claims_unchanged: int = 0
    events_added: int = 0
    claimants_added: int = 0
    aliases_added: int = 0


def import_items(
    *,
    session: Session,
    items: Iterable[ArchiveItem],
    progress: Callable[[int], None] | None = None,
) -> ImportSummary:
    importer = _Importer(session, progress)
    for item in items:
        importer.take(item)
    importer.finish()
    return importer.summary


class _Importer:
    def __init__(self, session: Session, progress: Callable[[int], None] | None) -> None:
        self.session = session
        self.connection = session.connection()
        sqlite = self.connection.dialect.name == "sqlite"
        self.mark = "?" if sqlite else "%s"
        self.db_value = _sqlite_value if sqlite else _postgres_value
        self.runner = SessionRunner(session)
        self.progress = progress
        self.summary = ImportSummary()
        self.batch: list[ArchivedClaim] = []
        self.batch_uids: set[str] = set()
        self.ledger_events: list[ArchivedEvent] = []
        self.done = 0
        self.claimants = {
            str(key): int(cid)
            for cid, key in self.runner.rows(
                "SELECT id, name_key FROM claimant UNION ALL"
                " SELECT claimant_id, alias_key FROM claimant_alias",
                {},
            )
        }
        self.tags = {
            str(key): int(tid) for tid, key in self.runner.rows("SELECT id, name_key FROM tag", {})
        }
        self.next_ids = {
            table: self._max_id(table) + 1
            for table in ("claim", "source", "claimant", "tag", "claimant_alias")
        }

    def _max_id(self, table: str) -> int:
        return int(self.runner.rows(f"SELECT coalesce(max(id), 0) FROM {table}", {})[0][0])

    def _take_id(self, table: str) -> int:
        value = self.next_ids[table]
        self.next_ids[table] = value + 1
        return value

    def _insert(self, table: str, rows: Sequence[dict[str, Any]]) -> None:
        """One executemany on the driver's cursor, with values already in the driver's types:
        SQLAlchemy's per-value processing would cost more than the insert itself."""
        if not rows:
            return
        columns = list(rows[0])
        marks = ", ".join([self.mark] * len(columns))
        convert = self.db_value
        values = [tuple([convert(row[column]) for column in columns]) for row in rows]
        self.connection.exec_driver_sql(
            f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})", values
        )

    def take(self, item: ArchiveItem) -> None:
        if isinstance(item, ArchivedClaimant):
            self._claimant(item)
        elif isinstance(item, ArchivedClaim):
            if item.state.uid in self.batch_uids:
                self._flush()
            self.batch.append(item)
            self.batch_uids.add(item.state.uid)
            if len(self.batch) >= BATCH:
                self._flush()
        else:
            self.ledger_events.append(item)

    def finish(self) -> None:
        self._flush()
        self._insert_ledger_events()
        if self.connection.dialect.name == "postgresql":
            for table in self.next_ids:
                self.connection.execute(
                    text(
                        f"SELECT setval(pg_get_serial_sequence('{table}', 'id'),"
                        f" (SELECT coalesce(max(id), 1) FROM {table}))"
                    )
                )

    # claimants and tags

    def _claimant(self, claimant: ArchivedClaimant) -> None:
        owner = self.claimants.get(name_key(claimant.name))
        if owner is None:
            owner = self._new_claimant(claimant.name, claimant.kind, claimant.created_at)
        for alias in claimant.aliases:
            key = name_key(alias)
            holder = self.claimants.get(key)
            if holder == owner:
                continue
            if holder is not None:
                raise InputError(
                    f"line {claimant.line}: {alias!r}, a name of {claimant.name}, belongs to "
                    "another claimant in this ledger; merge them first (claims claimants merge)"
                )
            row = {"id": self._take_id("claimant_alias"), "claimant_id": owner}
            self._insert("claimant_alias", [{**row, "alias": alias, "alias_key": key}])
            self.claimants[key] = owner
            self.summary.aliases_added += 1

    def _new_claimant(self, name: str, kind: str, created_at: Any) -> int:
        claimant_id = self._take_id("claimant")
        row = {"id": claimant_id, "name": name, "name_key": name_key(name), "kind": kind}
        self._insert("claimant", [{**row, "created_at": created_at}])
        self.claimants[name_key(name)] = claimant_id
        self.summary.claimants_added += 1
        return claimant_id

    def _claimant_id(self, state: ClaimState) -> int:
        found = self.claimants.get(name_key(state.claimant))
        return (
            found
            if found is not None
            else self._new_claimant(state.claimant, "person", state.created_at)
        )

    def _tag_id(self, name: str) -> int:
        key = name_key(name)
        found = self.tags.get(key)
        if found is None:
            found = self._take_id("tag")
            self._insert("tag", [{"id": found, "name": name, "name_key": key}])
            self.tags[key] = found
        return found

    # claims

    def _lookup(self, sql: str, values: list[str]) -> list[Sequence[Any]]:
        found: list[Sequence[Any]] = []
        for start in range(0, len(values), 500):
            chunk = values[start : start + 500]
            params = {f"v{i}": value for i, value in enumerate(chunk)}
            marks = ", ".join(f":{name}" for name in params)
            found.extend(self.runner.rows(sql.format(marks=marks), params))
        return found

    def _flush(self) -> None:
        batch, self.batch, self.batch_uids = self.batch, [], set()
        if not batch:
            return
        existing = {
            str(uid): int(cid)
            for uid, cid in self._lookup(
                "SELECT uid, id FROM claim WHERE uid IN ({marks})", [c.state.uid for c in batch]
            )
        }
        known = {
            str(uid): claim_id
            for uid, claim_id in self._lookup(
                "SELECT uid, claim_id FROM event WHERE uid IN ({marks})",
                [e.uid for c in batch for e in c.events],
            )
        }
        local = claim_events(self.runner, sorted(existing.values()))
        fresh = []
        for claim in batch:
            claim_id = existing.get(claim.state.uid)
            if claim_id is None:
                self._check_new_events(claim, claim.events, known)
                fresh.append(claim)
            else:
                self._existing(claim, claim_id, [e.uid for e in local.get(claim_id, [])], known)
        self._insert_claims(fresh)
        self.done += len(batch)
        if self.progress is not None:
            self.progress(self.done)

    def _check_new_events(
        self,
        claim: ArchivedClaim,
        events: Sequence[ArchivedEvent],
        known: dict[str, Any],
    ) -> None:
        for event in events:
            if event.uid in known:
                raise InputError(
                    f"line {claim.line}: event {event.uid} of claim {claim.state.uid} is already "
                    "in this ledger, recorded for another claim"
                )

    def _existing(
        self, claim: ArchivedClaim, claim_id: int, local: list[str], known: dict[str, Any]
    ) -> None:
        theirs = [event.uid for event in claim.events]
        if not claim.history or theirs == local[: len(theirs)]:
            self.summary.claims_unchanged += 1
        elif local == theirs[: len(local)]:
            self._check_new_events(claim, claim.events[len(local) :], known)
            self._bring_forward(claim, claim_id, len(local))
            self.summary.claims_updated += 1
        else:
            raise InputError(
                f"line {claim.line}: claim {claim.state.uid} was changed both in this ledger and "
                "in the file since they parted; nothing was imported"
            )

    def _bring_forward(self, claim: ArchivedClaim, claim_id: int, known_count: int) -> None:
        names = name_resolver((c.name, c.aliases) for c in claimant_entries(self.runner))
        stored = stored_claims(self.runner, [claim_id])[0]
        history = claim_events(self.runner, [claim_id])[claim_id]
        if differences(replay(history, claimant_name=names), stored.state):
            raise StorageError(
                f"claim {claim_id} does not match its own history in this ledger; "
                "`claims check` shows where. Nothing was imported"
            )
        target = replace(claim.state, claimant=names(claim.state.claimant))
        write_state(self.session, claim_id, stored.state, target)
        self._insert("event", [_event_row(e, claim_id) for e in claim.events[known_count:]])
        self.summary.events_added += len(claim.events) - known_count

    def _insert_claims(self, claims: list[ArchivedClaim]) -> None:
        rows: dict[str, list[dict[str, Any]]] = {table: [] for table in _TABLES}
        for claim in claims:
            state = claim.state
            claim_id = self._take_id("claim")
            rows["claim"].append(_claim_row(claim_id, state, self._claimant_id(state)))
            source_ids = []
            for source in state.sources:
                source_ids.append(self._take_id("source"))
                row = {"id": source_ids[-1], "claim_id": claim_id, **source_values(source)}
                rows["source"].append(row)
            for deadline in state.deadlines:
                rows["deadline"].append(deadline_values(claim_id, deadline, source_ids))
            for forecast in state.forecasts:
                rows["forecast"].append({"claim_id": claim_id, **forecast_values(forecast)})
            for tag in state.tags:
                rows["claim_tag"].append({"claim_id": claim_id, "tag_id": self._tag_id(tag)})
            rows["event"].extend(_event_row(event, claim_id) for event in claim.events)
            self.summary.events_added += len(claim.events)
        for table in _TABLES:
            self._insert(table, rows[table])
        self.summary.claims_added += len(claims)

    def _insert_ledger_events(self) -> None:
        uids = [event.uid for event in self.ledger_events]
        known = {
            str(row[0])
            for row in self._lookup("SELECT uid FROM event WHERE uid IN ({marks})", uids)
        }
        fresh = [event for event in self.ledger_events if event.uid not in known]
        self._insert("event", [_event_row(event, None) for event in fresh])
        self.summary.events_added += len(fresh)


def _sqlite_value(value: Any) -> Any:
    """Dates and times as the store writes them to SQLite (see ledger.models.UTCDateTime)."""
    if isinstance(value, datetime):
        return db_timestamp(value)
    if isinstance(value, date):
        return value.isoformat()
    return value


def _postgres_value(value: Any) -> Any:
    """Timestamps naive in UTC, as ledger.models.UTCDateTime stores them."""
    if isinstance(value, datetime):
        return value.astimezone(UTC).replace(tzinfo=None)
    return value


def _claim_row(claim_id: int, state: ClaimState, claimant_id: int) -> dict[str, Any]:
    return {"id": claim_id, "claimant_id": claimant_id, **claim_values(state)}


def _event_row(event: ArchivedEvent, claim_id: int | None) -> dict[str, Any]:
    return {
        "uid": event.uid,
        "claim_id": claim_id,
        "at": event.at,
        "actor": event.actor,
        "kind": event.kind,
        "change": encode_change(event.change),
    }
