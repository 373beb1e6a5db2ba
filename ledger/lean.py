"""The lean path: the CLI's hot commands (add, due, list, show) on stdlib sqlite3.

Importing SQLAlchemy, pydantic and SQLModel costs more than the whole budget of `claims add`,
so on a SQLite ledger whose schema is current these commands run here instead: the same read SQL
as the store (ledger.sql) and an `add` that writes exactly the rows the store would. Anything else
(another backend, an older schema, a missing file) goes to the full store. Setting
CLAIMS_FULL_STORE=1 forces the full store, which the tests use to compare the two paths.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from ledger.dates import DeadlineWindow, SaidOn
from ledger.drafts import ClaimDraft, SourceDraft
from ledger.errors import LedgerError
from ledger.events import created_change, encode_change, new_uid
from ledger.location import LedgerLocation, looks_like_sqlite
from ledger.rules import DEFAULT_WITHIN
from ledger.schema_version import SCHEMA_HEAD
from ledger.sql.values import db_timestamp
from ledger.storage_errors import BUSY_TIMEOUT_MS, describe_storage_error
from ledger.validate import name_key

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable

    from ledger.archive.items import ArchiveItem
    from ledger.query import ClaimQuery
    from ledger.records import ClaimDetail, ClaimRow, EventRecord
    from ledger.reports.due import DueReport
    from ledger.store.importer import ImportSummary

# The read methods import the shared SQL (and the record classes) when first called: `add`,
# the hottest command, needs neither, and each costs it milliseconds to import.

FORCE_FULL_STORE = "CLAIMS_FULL_STORE"


def open_lean(location: LedgerLocation, *, actor: str) -> LeanLedger | None:
    """A lean ledger when this file can take one, else None (use the full store)."""
    file = location.file
    if os.environ.get(FORCE_FULL_STORE) or file is None:
        return None
    try:
        if not os.path.isfile(file) or not looks_like_sqlite(file):  # noqa: PTH113
            return None
        connection = sqlite3.connect(file, timeout=BUSY_TIMEOUT_MS / 1000)
    except (OSError, sqlite3.Error):
        return None
    try:
        connection.isolation_level = None
        connection.execute("PRAGMA foreign_keys = ON")
        row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
    except sqlite3.Error:
        connection.close()
        return None
    if row is None or row[0] != SCHEMA_HEAD:
        connection.close()
        return None
    return LeanLedger(connection, location, actor=actor)


# Below this many claims any query plan is quick, so the planner's statistics are not refreshed.
STATISTICS_FROM = 1_000


class LeanLedger:
    """add, claim, claims, count and due_report, with the semantics of ledger.api.Ledger."""

    def __init__(self, connection: sqlite3.Connection, location: LedgerLocation, *, actor: str):
        self.connection = connection
        self.location = location
        self.actor = actor

    def close(self) -> None:
        self.connection.close()

    def __enter__(self) -> LeanLedger:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def rows(self, sql: str, params: dict[str, Any]) -> Sequence[Sequence[Any]]:
        with self._errors():
            return self.connection.execute(sql, params).fetchall()

    def claim_id(self, ref: str | int) -> int:
        from ledger.sql.claim_detail import resolve_claim_ref

        return resolve_claim_ref(self, str(ref))

    def claim(self, ref: str | int) -> ClaimDetail:
        from ledger.sql.claim_detail import claim_detail

        return claim_detail(self, self.claim_id(ref))

    def history(self, ref: str | int) -> list[EventRecord]:
        from ledger.sql.claim_detail import claim_history

        return claim_history(self, self.claim_id(ref))

    def claims(self, query: ClaimQuery, *, today: date) -> list[ClaimRow]:
        from ledger.query import check_query
        from ledger.sql.claim_list import query_claim_rows

        return query_claim_rows(self, check_query(query), today)

    def count(self, query: ClaimQuery, *, today: date) -> int:
        from ledger.query import check_query
        from ledger.sql.claim_list import count_claims

        return count_claims(self, check_query(query), today)

    def same_claims(self, draft: ClaimDraft) -> list[int]:
        from ledger.sql.twins import same_claims

        return same_claims(self, draft.statement, draft.claimant, draft.said_on.first)

    def knows_claimant(self, name: str) -> bool:
        from ledger.sql.claim_list import claimant_ids

        return bool(claimant_ids(self, name))

    def due_report(
        self,
        query: ClaimQuery,
        *,
        today: date,
        within: int = DEFAULT_WITHIN,
        as_of: date | None = None,
        per_bucket: int | None = None,
    ) -> DueReport:
        from ledger.reports.due import due_report

        return due_report(
            self, query, today=today, within=within, as_of=as_of, per_bucket=per_bucket
        )

    def refresh_statistics(self) -> bool:
        """Sample the tables for SQLite's planner (see ledger.sql.SQLITE_STATISTICS) when the
        ones it has are missing or stale; False, and nothing written, when they will do."""
        from ledger.sql import SQLITE_STATISTICS

        if not self._statistics_stale():
            return False
        with self.write() as cursor:
            for statement in SQLITE_STATISTICS:
                cursor.execute(statement)
        return True

    def _statistics_stale(self) -> bool:
        """Stale: a ledger of some size whose sampled claim count is missing or off by half or
        more (the samples of one table differ by a third among its indexes; a small ledger
        reads fast whatever the plan, and is left unwritten)."""
        with self._errors():
            claims = int(
                self.connection.execute("SELECT coalesce(max(id), 0) FROM claim").fetchone()[0]
            )
            if claims < STATISTICS_FROM:
                return False
            try:
                rows = self.connection.execute(
                    "SELECT stat FROM sqlite_stat1 WHERE tbl = 'claim'"
                ).fetchall()
            except sqlite3.OperationalError:  # no sqlite_stat1 table yet
                return True
        sampled = max((int(str(row[0]).split()[0]) for row in rows if row[0]), default=0)
        return not 0.5 * claims <= sampled <= 2 * claims

    def record(self, draft: ClaimDraft, *, now: datetime) -> int:
        """Write a new claim; return its id."""
        with self.write() as cursor:
            return _insert_claim(cursor, draft, actor=self.actor, now=now)

    def add(self, draft: ClaimDraft, *, now: datetime) -> ClaimDetail:
        return self.claim(self.record(draft, now=now))

    @contextmanager
    def _errors(self) -> Iterator[None]:
        try:
            yield
        except LedgerError:
            raise
        except sqlite3.Error as error:
            raise describe_storage_error(error, self.location) from error

    def import_archive(
        self,
        items: Iterable[ArchiveItem],
        *,
        progress: Callable[[int], None] | None = None,
        workers: int = 0,
    ) -> ImportSummary:
        """An import, as the full store's; NeedsFullStore (ledger.lean_import) when the file
        brings a claim of the ledger forward, with nothing written."""
        from ledger.lean_import import import_archive

        return import_archive(self, items, progress=progress, workers=workers)

    @contextmanager
    def write(self) -> Iterator[sqlite3.Cursor]:
        """One transaction, begun IMMEDIATE; committed at the end or rolled back."""
        with self._errors():
            cursor = self.connection.cursor()
            cursor.execute("BEGIN IMMEDIATE")
            try:
                yield cursor
            except BaseException:
                self.connection.rollback()
                raise
            cursor.execute("COMMIT")


def _insert(cursor: sqlite3.Cursor, table: str, values: dict[str, Any]) -> int:
    columns = ", ".join(values)
    marks = ", ".join(f":{key}" for key in values)
    cursor.execute(f"INSERT INTO {table} ({columns}) VALUES ({marks})", values)
    return int(cursor.lastrowid or 0)


def _find_or_create(cursor: sqlite3.Cursor, name: str, stamp: str) -> int:
    key = name_key(name)
    row = cursor.execute("SELECT id FROM claimant WHERE name_key = ?", (key,)).fetchone()
    if row is None:
        row = cursor.execute(
            "SELECT claimant_id FROM claimant_alias WHERE alias_key = ?", (key,)
        ).fetchone()
    if row is not None:
        return int(row[0])
    values = {"name": name, "name_key": key, "kind": "person", "created_at": stamp}
    return _insert(cursor, "claimant", values)


def _tag_id(cursor: sqlite3.Cursor, name: str) -> int:
    key = name_key(name)
    row = cursor.execute("SELECT id FROM tag WHERE name_key = ?", (key,)).fetchone()
    if row is not None:
        return int(row[0])
    return _insert(cursor, "tag", {"name": name, "name_key": key})


def _insert_claim(cursor: sqlite3.Cursor, draft: ClaimDraft, *, actor: str, now: datetime) -> int:
    stamp = db_timestamp(now)
    uid = draft.uid or new_uid()
    claimant_id = _find_or_create(cursor, draft.claimant, stamp)
    claim_id = _insert(cursor, "claim", _claim_values(draft, uid, claimant_id, stamp))
    source_ids = [
        _insert(cursor, "source", _source_values(claim_id, s, stamp)) for s in draft.sources
    ]
    _insert(
        cursor,
        "deadline",
        _deadline_values(claim_id, draft.deadline, draft.said_on, stamp, source_ids),
    )
    for tag in draft.tags:
        _insert(cursor, "claim_tag", {"claim_id": claim_id, "tag_id": _tag_id(cursor, tag)})
    if draft.probability is not None:
        forecast = {
            "claim_id": claim_id,
            "probability": draft.probability,
            "made_at": stamp,
            "forecaster": actor,
            "recorded_at": stamp,
        }
        _insert(cursor, "forecast", forecast)
    event = {
        "uid": new_uid(),
        "claim_id": claim_id,
        "at": stamp,
        "actor": actor,
        "kind": "created",
        "change": encode_change(created_change(draft, uid)),
    }
    _insert(cursor, "event", event)
    return claim_id


def _claim_values(draft: ClaimDraft, uid: str, claimant_id: int, stamp: str) -> dict[str, Any]:
    target = draft.target
    window = draft.deadline
    return {
        "uid": uid,
        "statement": draft.statement,
        "quote": draft.quote,
        "claimant_id": claimant_id,
        "said_on": draft.said_on.first.isoformat(),
        "said_precision": draft.said_on.precision,
        "hedge": draft.hedge,
        "condition": draft.condition,
        "target_metric": target.metric if target else None,
        "target_low": target.low if target else None,
        "target_high": target.high if target else None,
        "target_unit": target.unit if target else None,
        "deadline_phrase": window.phrase,
        "window_start": _iso(window.start),
        "window_end": _iso(window.end),
        "precision": window.precision,
        "created_at": stamp,
        "updated_at": stamp,
        "version": 1,
    }


def _source_values(claim_id: int, source: SourceDraft, stamp: str) -> dict[str, Any]:
    return {
        "claim_id": claim_id,
        "role": source.role,
        "url": source.url,
        "title": source.title,
        "publisher": source.publisher,
        "published_on": _iso(source.published_on),
        "language": source.language,
        "archive_url": source.archive_url,
        "added_at": stamp,
    }


def _deadline_values(
    claim_id: int, window: DeadlineWindow, said_on: SaidOn, stamp: str, source_ids: list[int]
) -> dict[str, Any]:
    return {
        "claim_id": claim_id,
        "seq": 0,
        "phrase": window.phrase,
        "said_on": said_on.first.isoformat(),
        "said_precision": said_on.precision,
        "window_start": _iso(window.start),
        "window_end": _iso(window.end),
        "precision": window.precision,
        "note": window.note,
        "source_id": source_ids[0] if source_ids else None,
        "recorded_at": stamp,
    }


def _iso(day: date | None) -> str | None:
    return None if day is None else day.isoformat()
