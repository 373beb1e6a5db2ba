"""`claims check`: the file is sound, its schema is known, and every claim matches its events."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

from ledger.events import CLAIMANT_EVENTS
from ledger.location import LedgerLocation
from ledger.replay import ReplayError, name_resolver, replay
from ledger.schema_version import SCHEMA_HEAD, SCHEMA_REVISIONS
from ledger.sql import SqlRunner
from ledger.sql.claim_state import (
    claim_events,
    claim_id_chunks,
    claimant_entries,
    ledger_events,
    stored_claims,
)
from ledger.state import differences
from ledger.store.common import SessionRunner
from ledger.store.schema import check_ledger_file, open_database


@dataclass
class CheckReport:
    """What was checked (`facts`) and what is wrong (`problems`); clean when there are none."""

    ledger: str
    facts: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    claims: int = 0
    events: int = 0

    @property
    def ok(self) -> bool:
        return not self.problems


def check_ledger(location: LedgerLocation) -> CheckReport:
    """Check a ledger, opening it only if its file is sound (an open may migrate it)."""
    report = CheckReport(str(location))
    if location.path is not None:
        check_ledger_file(location.path, create=False)
        if not check_sqlite_file(location.path, report):
            return report
    db = open_database(location)
    try:
        with db.read() as session:
            runner = SessionRunner(session)
            if location.path is None:
                report.facts.append("pages: checked by the database server, not here")
                revision = runner.rows("SELECT version_num FROM alembic_version", {})[0][0]
                report.facts.append(f"schema: {revision} (current)")
            check_events(runner, report)
    finally:
        db.dispose()
    return report


def check_sqlite_file(path: Path, report: CheckReport) -> bool:
    """Pages, foreign keys and schema, read-only; False when the ledger must not be opened."""
    try:
        connection = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    except sqlite3.Error as error:
        report.problems.append(f"the file cannot be opened: {error}")
        return False
    try:
        pages = [str(row[0]) for row in connection.execute("PRAGMA integrity_check")]
        if pages == ["ok"]:
            report.facts.append("pages: ok (integrity_check)")
        else:
            report.problems.extend(f"pages: {line}" for line in pages)
        links = connection.execute("PRAGMA foreign_key_check").fetchall()
        report.problems.extend(
            f"foreign keys: {table} row {rowid} points to a missing {parent}"
            for table, rowid, parent, _ in links
        )
        if not links:
            report.facts.append("foreign keys: ok")
        return _check_revision(connection, report) and pages == ["ok"]
    except sqlite3.DatabaseError as error:
        report.problems.append(f"the file cannot be read as a database: {error}")
        return False
    finally:
        connection.close()


def _check_revision(connection: sqlite3.Connection, report: CheckReport) -> bool:
    tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master")}
    if "alembic_version" not in tables:
        report.problems.append("schema: none; this file holds no claims ledger")
        return False
    row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
    revision = None if row is None else str(row[0])
    if revision == SCHEMA_HEAD:
        report.facts.append(f"schema: {revision} (current)")
    elif revision in SCHEMA_REVISIONS:
        report.facts.append(f"schema: {revision}, migrated to {SCHEMA_HEAD} after a backup")
    else:
        report.problems.append(
            f"schema: {revision}, which this version of claims does not know "
            f"(it knows up to {SCHEMA_HEAD}); the ledger was not touched"
        )
        return False
    return True


def check_events(runner: SqlRunner, report: CheckReport) -> None:
    """Replay every claim's events and compare the result with its stored rows."""
    names = name_resolver((c.name, c.aliases) for c in claimant_entries(runner))
    for ids in claim_id_chunks(runner):
        try:
            stored = stored_claims(runner, ids)
        except ValueError as error:
            report.problems.append(f"claims {ids[0]}..{ids[-1]} cannot be read: {error}")
            continue
        events = claim_events(runner, ids)
        for claim in stored:
            log = events.get(claim.id, [])
            report.claims += 1
            report.events += len(log)
            label = f"claim {claim.id} ({claim.state.uid[:8]})"
            try:
                replayed = replay(log, claimant_name=names)
            except ReplayError as error:
                report.problems.append(f"{label}: {error}")
                continue
            report.problems.extend(
                f"{label}: {line}" for line in differences(replayed, claim.state)
            )
            if not claim.window_agrees():
                report.problems.append(f"{label}: its current window is not its latest deadline's")
    for event in ledger_events(runner):
        report.events += 1
        if event.kind not in CLAIMANT_EVENTS:
            report.problems.append(f"event {event.uid}: a {event.kind!r} change names no claim")
    report.facts.append(f"history: {report.claims:,} claims and {report.events:,} events replayed")
