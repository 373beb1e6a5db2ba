"""The ledger's API: the only thing the CLI and the app call. Plain records in and out.

Each method runs in one short session; every write and its event commit together or not at all.
Time is an argument: callers pass `now` (and `today` for due states); nothing here reads a clock.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from contextlib import nullcontext
from datetime import date, datetime
from pathlib import Path
from typing import TypeVar

from sqlmodel import Session

from ledger.archive.export import archive_items
from ledger.archive.items import ArchiveItem
from ledger.dates import SaidOn
from ledger.location import LedgerLocation
from ledger.query import ClaimQuery, check_query
from ledger.records import (
    ClaimantRecord,
    ClaimChanges,
    ClaimDetail,
    ClaimDraft,
    ClaimRow,
    EventRecord,
    SourceDraft,
)
from ledger.reports.calibration import CalibrationReport, calibration_report
from ledger.reports.due import DueReport, due_report
from ledger.reports.facts import DEFAULT_PARTLY, ClaimFacts
from ledger.reports.track import GROUPINGS, TrackRecord, track_records
from ledger.rules import DEFAULT_WITHIN
from ledger.sql import SQLITE_STATISTICS
from ledger.sql.bulk_journal import journal_for_bulk_load
from ledger.sql.claim_detail import (
    claim_detail,
    claim_history,
    ledger_history,
    resolve_claim_ref,
)
from ledger.sql.claim_list import claimant_ids, count_claims, query_claim_rows
from ledger.sql.report_facts import claim_facts
from ledger.sql.twins import same_claims
from ledger.store import backup, capture, claimants, importer, integrity, lifecycle, undo
from ledger.store.common import SessionRunner
from ledger.store.database import Database
from ledger.store.reconcile import SessionImportTarget
from ledger.store.schema import open_database, raw_connection
from ledger.validate import read_deadline_text

T = TypeVar("T")
ClaimRef = str | int


class Ledger:
    """An open ledger and who is acting on it (recorded on every event)."""

    def __init__(self, db: Database, *, actor: str) -> None:
        self.db = db
        self.actor = actor

    @classmethod
    def open(cls, location: LedgerLocation, *, actor: str, create: bool = False) -> Ledger:
        return cls(open_database(location, create=create), actor=actor)

    def close(self) -> None:
        self.db.dispose()

    def __enter__(self) -> Ledger:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    # reads

    def _read(self, work: Callable[[Session, SessionRunner], T]) -> T:
        with self.db.read() as session:
            return work(session, SessionRunner(session))

    def claim_id(self, ref: ClaimRef) -> int:
        return self._read(lambda _s, runner: resolve_claim_ref(runner, str(ref)))

    def claim(self, ref: ClaimRef) -> ClaimDetail:
        return self._read(lambda _s, r: claim_detail(r, resolve_claim_ref(r, str(ref))))

    def claims(self, query: ClaimQuery, *, today: date) -> list[ClaimRow]:
        checked = check_query(query)
        return self._read(lambda _s, runner: query_claim_rows(runner, checked, today))

    def count(self, query: ClaimQuery, *, today: date) -> int:
        checked = check_query(query)
        return self._read(lambda _s, runner: count_claims(runner, checked, today))

    def knows_claimant(self, name: str) -> bool:
        """Whether any claimant goes by `name` (or a name containing it)."""
        return self._read(lambda _s, runner: bool(claimant_ids(runner, name)))

    def same_claims(self, draft: ClaimDraft) -> list[int]:
        """Claims the draft would repeat: same statement, claimant and said date."""
        return self._read(
            lambda _s, r: same_claims(r, draft.statement, draft.claimant, draft.said_on.first)
        )

    def history(self, ref: ClaimRef) -> list[EventRecord]:
        return self._read(lambda _s, r: claim_history(r, resolve_claim_ref(r, str(ref))))

    def ledger_history(self, *, limit: int, actor: str | None = None) -> list[EventRecord]:
        """The latest changes to the whole ledger, oldest first: who did what, claims and
        claimants alike."""
        return self._read(lambda _s, r: ledger_history(r, limit=limit, actor=actor))

    def claimants(self) -> list[ClaimantRecord]:
        return self._read(lambda session, _r: claimants.list_claimants(session))

    # reports

    def due_report(
        self,
        query: ClaimQuery,
        *,
        today: date,
        within: int = DEFAULT_WITHIN,
        as_of: date | None = None,
        per_bucket: int | None = None,
    ) -> DueReport:
        """Overdue, due and soon-opening claims on `today`, or as the ledger read on `as_of`."""
        return self._read(
            lambda _s, runner: due_report(
                runner, query, today=today, within=within, as_of=as_of, per_bucket=per_bucket
            )
        )

    def claim_facts(self, query: ClaimQuery, *, today: date) -> list[ClaimFacts]:
        """The claims the query matches as the reports see them (sort and limit ignored)."""
        checked = check_query(query)
        return self._read(lambda _s, runner: claim_facts(runner, checked, today=today))

    def track_records(
        self,
        query: ClaimQuery,
        *,
        today: date,
        partly_as: str = DEFAULT_PARTLY,
        groupings: tuple[str, ...] = GROUPINGS,
    ) -> list[TrackRecord]:
        """All matching claims' record, then each claimant's, tag's and publisher's."""
        facts = self.claim_facts(query, today=today)
        return track_records(facts, groupings=groupings, partly_as=partly_as, scope=query.scope)

    def calibration(
        self, query: ClaimQuery, *, today: date, partly_as: str = DEFAULT_PARTLY
    ) -> CalibrationReport:
        """How well the forecasts on matching claims were calibrated: overall, by tag, claimant."""
        facts = self.claim_facts(query, today=today)
        return calibration_report(facts, partly_as=partly_as, scope=query.scope)

    # writes

    def _write(self, ref: ClaimRef, work: Callable[[Session, int], object]) -> ClaimDetail:
        with self.db.write() as session:
            claim_id = resolve_claim_ref(SessionRunner(session), str(ref))
            work(session, claim_id)
        return self.claim(claim_id)

    def record(self, draft: ClaimDraft, *, now: datetime) -> int:
        """Write a new claim; return its id."""
        with self.db.write() as session:
            return capture.add_claim(session=session, draft=draft, actor=self.actor, now=now)

    def add(self, draft: ClaimDraft, *, now: datetime) -> ClaimDetail:
        return self.claim(self.record(draft, now=now))

    def edit(
        self, ref: ClaimRef, changes: ClaimChanges, *, now: datetime, version: int | None = None
    ) -> ClaimDetail:
        return self._write(
            ref,
            lambda s, cid: capture.edit_claim(
                session=s,
                claim_id=cid,
                changes=changes,
                actor=self.actor,
                now=now,
                expected_version=version,
            ),
        )

    def add_source(self, ref: ClaimRef, source: SourceDraft, *, now: datetime) -> ClaimDetail:
        return self._write(
            ref,
            lambda s, cid: capture.add_source(
                session=s, claim_id=cid, source=source, actor=self.actor, now=now
            ),
        )

    def tag(
        self, ref: ClaimRef, *, add: tuple[str, ...], remove: tuple[str, ...], now: datetime
    ) -> ClaimDetail:
        return self._write(
            ref,
            lambda s, cid: capture.tag_claim(
                session=s, claim_id=cid, add=add, remove=remove, actor=self.actor, now=now
            ),
        )

    def revise(
        self,
        ref: ClaimRef,
        *,
        phrase: str,
        said_on: SaidOn,
        source: SourceDraft | None,
        now: datetime,
        version: int | None = None,
    ) -> ClaimDetail:
        """Record a new deadline the claimant gave on `said_on`, read relative to that day."""
        window = read_deadline_text(phrase, said_on)
        return self._write(
            ref,
            lambda s, cid: lifecycle.revise_deadline(
                session=s,
                claim_id=cid,
                window=window,
                said_on=said_on,
                source=source,
                actor=self.actor,
                now=now,
                expected_version=version,
            ),
        )

    def forecast(
        self, ref: ClaimRef, probability: float, *, made_at: datetime, now: datetime
    ) -> ClaimDetail:
        return self._write(
            ref,
            lambda s, cid: lifecycle.add_forecast(
                session=s,
                claim_id=cid,
                probability=probability,
                made_at=made_at,
                actor=self.actor,
                now=now,
            ),
        )

    def resolve(
        self,
        ref: ClaimRef,
        outcome: str,
        *,
        happened_on: date | None = None,
        evidence: tuple[SourceDraft, ...] = (),
        note: str | None = None,
        now: datetime,
        version: int | None = None,
    ) -> ClaimDetail:
        return self._write(
            ref,
            lambda s, cid: lifecycle.resolve_claim(
                session=s,
                claim_id=cid,
                outcome=outcome,
                happened_on=happened_on,
                evidence=evidence,
                note=note,
                actor=self.actor,
                now=now,
                expected_version=version,
            ),
        )

    def reopen(self, ref: ClaimRef, *, now: datetime, version: int | None = None) -> ClaimDetail:
        return self._write(
            ref,
            lambda s, cid: lifecycle.reopen_claim(
                session=s, claim_id=cid, actor=self.actor, now=now, expected_version=version
            ),
        )

    def withdraw(self, ref: ClaimRef, *, reason: str | None, now: datetime) -> ClaimDetail:
        return self._write(
            ref,
            lambda s, cid: lifecycle.withdraw_claim(
                session=s, claim_id=cid, reason=reason, actor=self.actor, now=now
            ),
        )

    # claimants

    def add_alias(self, name: str, alias: str, *, now: datetime) -> ClaimantRecord:
        with self.db.write() as session:
            return claimants.add_alias(
                session=session, name=name, alias=alias, actor=self.actor, now=now
            )

    def merge_claimants(self, keep: str, absorb: str, *, now: datetime) -> int:
        with self.db.write() as session:
            return claimants.merge_claimants(
                session=session, keep=keep, absorb=absorb, actor=self.actor, now=now
            )

    def set_claimant_kind(self, name: str, kind: str, *, now: datetime) -> bool:
        """Set a claimant's kind, logged as an event; False (and nothing logged) if unchanged."""
        with self.db.write() as session:
            return claimants.set_kind(
                session=session, name=name, kind=kind, actor=self.actor, now=now
            )

    # safekeeping

    def undo(
        self, ref: ClaimRef | None, *, event: str | None = None, now: datetime
    ) -> tuple[EventRecord, ClaimDetail]:
        """Take back the latest change of a claim (or of the ledger); return it and the claim.

        `event`, a uid or its first 4+ characters, makes undo refuse unless that is still the
        latest change.
        """
        with self.db.write() as session:
            claim_id = None if ref is None else resolve_claim_ref(SessionRunner(session), str(ref))
            undone = undo.undo_latest(
                session=session, claim_id=claim_id, expected_event=event, actor=self.actor, now=now
            )
        assert undone.claim_id is not None
        return undone, self.claim(undone.claim_id)

    def archive(self) -> Iterator[ArchiveItem]:
        """Everything in the ledger, read in one transaction (a consistent snapshot)."""
        with self.db.read() as session:
            yield from archive_items(SessionRunner(session))

    def import_archive(
        self,
        items: Iterable[ArchiveItem],
        *,
        progress: Callable[[int], None] | None = None,
        workers: int = 0,
    ) -> importer.ImportSummary:
        """Add what the ledger lacks, in one transaction: the whole file or nothing. With
        `workers`, a JSON Lines archive is checked in that many worker processes."""
        sqlite = self.db.location.is_sqlite
        journal = (
            journal_for_bulk_load(lambda: raw_connection(self.db)) if sqlite else nullcontext()
        )
        with journal, self.db.write() as session:
            summary = importer.import_items(
                target=SessionImportTarget(session), items=items, progress=progress, workers=workers
            )
            if sqlite:
                for statement in SQLITE_STATISTICS:
                    session.connection().exec_driver_sql(statement)
            return summary


def check_ledger(location: LedgerLocation) -> integrity.CheckReport:
    """Integrity, schema and history of a ledger; see ledger.store.integrity."""
    return integrity.check_ledger(location)


def backup_ledger(
    location: LedgerLocation, target: Path | None, *, now: datetime, force: bool = False
) -> Path:
    """A consistent copy of a SQLite ledger; see ledger.store.backup."""
    return backup.backup_ledger(location, target, now=now, force=force)
