"""Import: claimants, claims and events from an archive, idempotent by uid, all or nothing.

The caller runs it in one write transaction, so a file goes in whole or not at all. New claims
are inserted in batches of plain rows (executemany), with ids taken here while the write lock is
held. A claim the ledger already holds is left alone when the ledger has every event of it in
the file, brought forward when the file's events continue the ledger's, and refused (nothing is
imported) when both have changed it since they parted.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from typing import Any

from ledger.archive.items import ArchivedClaim, ArchivedClaimant, ArchivedEvent, ArchiveItem
from ledger.archive.jsonl import JsonlReader
from ledger.errors import InputError, StorageError
from ledger.replay import name_resolver, replay
from ledger.sql.null_binding import nulls_bound_directly
from ledger.state import differences
from ledger.store.claim_rows import (
    EVENT_COLUMNS,
    ClaimBatch,
    Row,
    claim_batch,
    event_row,
    postgres_value,
    sqlite_value,
)
from ledger.store.import_pool import PooledReader, ReadBatch, can_fork, can_read_apart
from ledger.store.import_target import Connection, ImportTarget
from ledger.store.state_columns import (
    CLAIM_COLUMNS,
    DEADLINE_COLUMNS,
    FORECAST_COLUMNS,
    SOURCE_COLUMNS,
)
from ledger.validate import name_key

BATCH = 1000
_FREE, _IN_THIS_FILE = object(), object()
_NAMES = "import_claimant_key"
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
    target: ImportTarget,
    items: Iterable[ArchiveItem | ReadBatch],
    progress: Callable[[int], None] | None = None,
    workers: int = 0,
) -> ImportSummary:
    """`workers` above one checks a JSON Lines archive in that many processes (see
    ledger.store.import_pool); otherwise this process reads it."""
    importer = _Importer(target, progress)
    if workers > 1 and isinstance(items, JsonlReader) and can_fork() and can_read_apart(items):
        items = PooledReader(items, db_value=importer.db_value, workers=workers)
    with nulls_bound_directly():
        for item in items:
            importer.take(item)
        importer.finish()
    return importer.summary


class _Importer:
    def __init__(self, target: ImportTarget, progress: Callable[[int], None] | None) -> None:
        self.target = target
        self.connection = target.connection
        sqlite = self.connection.dialect.name == "sqlite"
        self.mark = "?" if sqlite else "%s"
        self.db_value = sqlite_value if sqlite else postgres_value
        self.runner = target.runner
        self.progress = progress
        self.summary = ImportSummary()
        self.pending: list[ArchivedClaim] = []
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
        self.first_claim = self.next_ids["claim"]  # the first id this import gives a claim
        self.cache_pages = self._bigger_cache() if sqlite else None
        self._name_table()
        self.deferred_indexes = (
            _drop_secondary_indexes(self.connection) if sqlite and self.first_claim == 1 else []
        )

    def _bigger_cache(self) -> int:
        """SQLite's page cache at 64 MB for the import, from 2 MB: the unique indexes take their
        keys in random order, and each miss costs a read of the page. The old size is returned
        to put back at the end."""
        pages = int(self.runner.rows("PRAGMA cache_size", {})[0][0])
        self.connection.exec_driver_sql("PRAGMA cache_size = -65536")
        return pages

    def _max_id(self, table: str) -> int:
        return int(self.runner.rows(f"SELECT coalesce(max(id), 0) FROM {table}", {})[0][0])

    def _take_id(self, table: str) -> int:
        value = self.next_ids[table]
        self.next_ids[table] = value + 1
        return value

    def _insert(
        self, table: str, columns: Sequence[str], rows: Sequence[Row], *, lead: str = ""
    ) -> None:
        """One executemany on the driver's cursor, with values already in the driver's types:
        SQLAlchemy's per-value processing would cost more than the insert itself. `lead` is
        SQL for the first columns' values, as many as it has commas plus one."""
        if not rows:
            return
        led = lead.count(",") + 1 if lead else 0
        marks = ", ".join([lead] * bool(lead) + [self.mark] * (len(columns) - led))
        self.connection.exec_driver_sql(
            f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})", list(rows)
        )

    def take(self, item: ArchiveItem | ReadBatch) -> None:
        if isinstance(item, ArchivedClaimant):
            self._claimant(item)
        elif isinstance(item, ArchivedClaim):
            self.pending.append(item)
            if len(self.pending) >= BATCH:
                self._flush()
        elif isinstance(item, ReadBatch):
            self._flush()
            self._store(item.batch, item.archived)
        else:
            self.ledger_events.append(item)

    def _flush(self) -> None:
        claims, self.pending = self.pending, []
        if claims:
            self._store(claim_batch(claims, self.db_value), lambda: claims)

    def finish(self) -> None:
        self._flush()
        self._insert_ledger_events()
        self.connection.exec_driver_sql(f"DROP TABLE {_NAMES}")
        if self.deferred_indexes:
            # Sorting the keys is most of making an index: let SQLite's sorter use every core.
            self.connection.exec_driver_sql(f"PRAGMA threads = {os.cpu_count() or 1}")
        for statement in self.deferred_indexes:
            self.connection.exec_driver_sql(statement)
        if self.cache_pages is not None:
            self.connection.exec_driver_sql(f"PRAGMA cache_size = {self.cache_pages}")
        if self.connection.dialect.name == "postgresql":
            for table in self.next_ids:
                self.connection.exec_driver_sql(
                    f"SELECT setval(pg_get_serial_sequence('{table}', 'id'),"
                    f" (SELECT coalesce(max(id), 1) FROM {table}))"
                )

    # claimants and tags

    def _claimant(self, claimant: ArchivedClaimant) -> None:
        owner = self.claimants.get(name_key(claimant.name))
        if owner is None:
            owner = self._new_claimant(
                claimant.name, claimant.kind, self.db_value(claimant.created_at)
            )
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
            self._insert(
                "claimant_alias",
                ("id", "claimant_id", "alias", "alias_key"),
                [(self._take_id("claimant_alias"), owner, alias, key)],
            )
            self._add_name(key, owner)
            self.summary.aliases_added += 1

    def _new_claimant(self, name: str, kind: str, created_at: Any) -> int:
        """A claimant with `created_at` in the driver's type."""
        claimant_id = self._take_id("claimant")
        self._insert(
            "claimant",
            ("id", "name", "name_key", "kind", "created_at"),
            [(claimant_id, name, name_key(name), kind, created_at)],
        )
        self._add_name(name_key(name), claimant_id)
        self.summary.claimants_added += 1
        return claimant_id

    def _name_table(self) -> None:
        """Every claimant's name and alias keys in a temporary table, which the claim INSERT
        reads the claimant's id from (see ledger.store.claim_rows). It goes with the import's
        transaction, made and dropped in it."""
        self.connection.exec_driver_sql(
            f"CREATE TEMPORARY TABLE {_NAMES} (key VARCHAR PRIMARY KEY, claimant_id INTEGER)"
        )
        self._insert(_NAMES, ("key", "claimant_id"), list(self.claimants.items()))

    def _add_name(self, key: str, claimant_id: int) -> None:
        self.claimants[key] = claimant_id
        self._insert(_NAMES, ("key", "claimant_id"), [(key, claimant_id)])

    def _new_tag(self, name: str, key: str) -> None:
        found = self._take_id("tag")
        self._insert("tag", ("id", "name", "name_key"), [(found, name, key)])
        self.tags[key] = found

    # claims

    def _lookup(self, sql: str, values: list[str]) -> list[Sequence[Any]]:
        found: list[Sequence[Any]] = []
        for start in range(0, len(values), 500):
            chunk = tuple(values[start : start + 500])
            marks = ", ".join([self.mark] * len(chunk))
            found.extend(self.connection.exec_driver_sql(sql.format(marks=marks), chunk).all())
        return found

    def _store(self, batch: ClaimBatch, archived: Callable[[], Sequence[ArchivedClaim]]) -> None:
        """Add a batch of claims. New claims (nearly always) go straight in; a batch holding a
        claim the ledger has, or a uid given twice, is stored claim by claim, comparing with
        what the ledger holds (`archived` gives the claims whole). Its claimants and tags are
        made first, outside any savepoint, so that what this importer knows stays true."""
        self._add_names(batch)
        if self.mark == "?":
            self._store_optimistically(batch, archived)
        else:
            # PostgreSQL: look first (an executemany refused mid-way leaves its driver noisy).
            existing, known = self._holders(batch)
            uids, events = batch.claim_uids, batch.event_uids
            twice = len(set(uids)) < len(uids) or len(set(events)) < len(events)
            if existing or known or twice:
                self._store_each(archived(), existing, known)
            else:
                self._insert_batch(batch)
        self.done += len(batch)
        if self.progress is not None:
            self.progress(self.done)

    def _store_optimistically(
        self, batch: ClaimBatch, archived: Callable[[], Sequence[ArchivedClaim]]
    ) -> None:
        """SQLite: the ledger's unique uids stand in for looking them up. Should they refuse a
        row, the batch is taken back to its savepoint and stored claim by claim."""
        reserved = dict(self.next_ids)
        self.connection.exec_driver_sql("SAVEPOINT import_batch")
        try:
            self._insert_batch(batch)
        except self.target.refusals:
            self.connection.exec_driver_sql("ROLLBACK TO SAVEPOINT import_batch")
            self.next_ids = reserved
            self._store_each(archived(), *self._holders(batch))
        self.connection.exec_driver_sql("RELEASE SAVEPOINT import_batch")

    def _holders(self, batch: ClaimBatch) -> tuple[dict[str, int], dict[str, Any]]:
        """The batch's claims the ledger has (uid: id), and its events the ledger has (uid:
        the claim id, or _IN_THIS_FILE for a claim this import added)."""
        existing = {
            str(uid): int(cid)
            for uid, cid in self._lookup(
                "SELECT uid, id FROM claim WHERE uid IN ({marks})", batch.claim_uids
            )
        }
        known = {
            str(uid): _IN_THIS_FILE
            if claim_id is not None and claim_id >= self.first_claim
            else claim_id
            for uid, claim_id in self._lookup(
                "SELECT uid, claim_id FROM event WHERE uid IN ({marks})", batch.event_uids
            )
        }
        return existing, known

    def _store_each(
        self, claims: Sequence[ArchivedClaim], existing: dict[str, int], known: dict[str, Any]
    ) -> None:
        from ledger.sql.claim_state import claim_events  # only a file with claims seen before

        local = claim_events(self.runner, sorted(existing.values()))
        fresh: list[ArchivedClaim] = []
        for claim in claims:
            uid = claim.state.uid
            if any(uid == other.state.uid for other in fresh):
                # Given twice: the first goes in, and the second is compared with it.
                self._insert_batch(claim_batch(fresh, self.db_value))
                fresh = []
                existing.update(
                    (str(u), int(i))
                    for u, i in self._lookup(
                        "SELECT uid, id FROM claim WHERE uid IN ({marks})", [uid]
                    )
                )
                local.update(claim_events(self.runner, [existing[uid]]))
            claim_id = existing.get(uid)
            if claim_id is None:
                self._check_new_events(claim.line, uid, [e.uid for e in claim.events], known)
                fresh.append(claim)
            else:
                self._existing(claim, claim_id, [e.uid for e in local.get(claim_id, [])], known)
        self._insert_batch(claim_batch(fresh, self.db_value))

    def _check_new_events(
        self, line: int, claim_uid: str, event_uids: Sequence[str], known: dict[str, Any]
    ) -> None:
        """Refuse an event already in the ledger or earlier in the file; note these as taken."""
        for uid in event_uids:
            holder = known.get(uid, _FREE)
            if holder is _IN_THIS_FILE:
                raise InputError(
                    f"line {line}: event {uid} of claim {claim_uid} appears earlier in the file"
                )
            if holder is not _FREE:
                raise InputError(
                    f"line {line}: event {uid} of claim {claim_uid} is already "
                    "in this ledger, recorded for another claim"
                )
            known[uid] = _IN_THIS_FILE

    def _existing(
        self, claim: ArchivedClaim, claim_id: int, local: list[str], known: dict[str, Any]
    ) -> None:
        theirs = [event.uid for event in claim.events]
        if not claim.history or theirs == local[: len(theirs)]:
            self.summary.claims_unchanged += 1
        elif local == theirs[: len(local)]:
            new_uids = [event.uid for event in claim.events[len(local) :]]
            self._check_new_events(claim.line, claim.state.uid, new_uids, known)
            self._bring_forward(claim, claim_id, len(local))
            self.summary.claims_updated += 1
        else:
            raise InputError(
                f"line {claim.line}: claim {claim.state.uid} was changed both in this ledger and "
                "in the file since they parted; nothing was imported"
            )

    def _bring_forward(self, claim: ArchivedClaim, claim_id: int, known_count: int) -> None:
        from ledger.sql.claim_state import claim_events, claimant_entries, stored_claims

        names = name_resolver((c.name, c.aliases) for c in claimant_entries(self.runner))
        stored = stored_claims(self.runner, [claim_id])[0]
        history = claim_events(self.runner, [claim_id])[claim_id]
        if differences(replay(history, claimant_name=names), stored.state):
            raise StorageError(
                f"claim {claim_id} does not match its own history in this ledger; "
                "`claims check` shows where. Nothing was imported"
            )
        target = replace(claim.state, claimant=names(claim.state.claimant))
        self.target.write_state(claim_id, stored.state, target)
        rows = [(claim_id, *event_row(e, self.db_value)) for e in claim.events[known_count:]]
        self._insert("event", ("claim_id", *EVENT_COLUMNS), rows)
        self.summary.events_added += len(claim.events) - known_count

    def _insert_batch(self, batch: ClaimBatch) -> None:
        """The batch's rows, each table in one executemany; the ids are the batch's numbers
        plus the first free id, added in the INSERT."""
        if not batch.claims:
            return
        claim, source = (
            self._reserve("claim", len(batch)),
            self._reserve("source", len(batch.sources)),
        )
        m = self.mark
        self._insert(
            "claim",
            ("id", "claimant_id", *CLAIM_COLUMNS),
            batch.claims,
            lead=f"{m} + {claim}, (SELECT claimant_id FROM {_NAMES} WHERE key = {m})",
        )
        self._insert(
            "source",
            ("id", "claim_id", *SOURCE_COLUMNS),
            batch.sources,
            lead=f"{m} + {source}, {m} + {claim}",
        )
        self._insert(
            "deadline",
            ("claim_id", *DEADLINE_COLUMNS),
            batch.deadlines,
            lead=f"{m} + {claim}, {m} + {source}",
        )
        self._insert(
            "forecast", ("claim_id", *FORECAST_COLUMNS), batch.forecasts, lead=f"{m} + {claim}"
        )
        self._insert(
            "claim_tag",
            ("claim_id", "tag_id"),
            batch.tags,
            lead=f"{m} + {claim}, (SELECT id FROM tag WHERE name_key = {m})",
        )
        self._insert("event", ("claim_id", *EVENT_COLUMNS), batch.events, lead=f"{m} + {claim}")
        self.summary.events_added += len(batch.events)
        self.summary.claims_added += len(batch)

    def _add_names(self, batch: ClaimBatch) -> None:
        """The batch's claimants and tags the ledger lacks."""
        for key, (name, created_at) in batch.claimants.items():
            if key not in self.claimants:
                self._new_claimant(name, "person", created_at)
        for key, name in batch.tag_names.items():
            if key not in self.tags:
                self._new_tag(name, key)

    def _reserve(self, table: str, count: int) -> int:
        """Take `count` ids of `table`; the first of them."""
        first = self.next_ids[table]
        self.next_ids[table] = first + count
        return first

    def _insert_ledger_events(self) -> None:
        uids = [event.uid for event in self.ledger_events]
        known = {
            str(row[0])
            for row in self._lookup("SELECT uid FROM event WHERE uid IN ({marks})", uids)
        }
        fresh = [event for event in self.ledger_events if event.uid not in known]
        rows = [(None, *event_row(event, self.db_value)) for event in fresh]
        self._insert("event", ("claim_id", *EVENT_COLUMNS), rows)
        self.summary.events_added += len(fresh)


def _drop_secondary_indexes(connection: Connection) -> list[str]:
    """Drop the claim tables' secondary indexes for an import into a ledger with no claims, and
    return the statements that make them again: SQLite builds an index from sorted rows several
    times faster than it grows one row by row. Unique indexes stay: they refuse a uid given
    twice. The import's transaction covers the drop, so a failed import leaves every index in
    place."""
    found = connection.exec_driver_sql(
        "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL"
        f" AND tbl_name IN ({', '.join(repr(table) for table in _TABLES)})"
        " AND sql NOT LIKE 'CREATE UNIQUE%' ORDER BY name"
    ).all()
    for name, _ in found:
        connection.exec_driver_sql(f'DROP INDEX "{name}"')
    return [str(sql) for _, sql in found]
