"""An import into a SQLite ledger with no claims runs in rollback-journal mode (its rows are
written once instead of into the write-ahead log and again at the checkpoint), stays all or
nothing, and leaves the ledger in WAL mode."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from bench.synthetic_ledger import write_archive
from ledger.sql import bulk_journal
from tests.conftest import GROK, Cli, dump, run_claims
from tests.ledger_state import assert_consistent


def journal_mode(db: Path) -> str:
    with sqlite3.connect(db) as connection:
        return str(connection.execute("PRAGMA journal_mode").fetchone()[0])


@pytest.fixture
def modes_asked(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str]]:
    """Each journal mode the import asks for, and the mode SQLite says the file is in then."""
    asked: list[tuple[str, str]] = []
    set_mode = bulk_journal.set_journal_mode

    def spy(connection: Any, mode: str, *, wait: bool = True) -> str:
        found = set_mode(connection, mode, wait=wait)
        asked.append((mode, found))
        return found

    monkeypatch.setattr(bulk_journal, "set_journal_mode", spy)
    return asked


def test_an_import_into_an_empty_ledger_runs_without_the_log_and_ends_in_wal(
    cli: Cli, tmp_path: Path, modes_asked: list[tuple[str, str]]
) -> None:
    archive, db = tmp_path / "made.jsonl", tmp_path / "made.db"
    write_archive(archive, 30)
    cli.ok("init", str(db))
    modes_asked.clear()  # init's
    assert "30 claims added" in cli.ok("import", str(archive), "--db", str(db)).out
    assert modes_asked == [("DELETE", "delete"), ("WAL", "wal")]
    assert journal_mode(db) == "wal"
    assert_consistent(db)


def test_an_import_into_a_ledger_with_claims_keeps_the_log(
    cli: Cli, tmp_path: Path, modes_asked: list[tuple[str, str]]
) -> None:
    archive, db = tmp_path / "made.jsonl", tmp_path / "made.db"
    write_archive(archive, 5)
    cli.ok(*GROK, "--db", str(db))
    modes_asked.clear()  # the new ledger's
    assert "5 claims added" in cli.ok("import", str(archive), "--db", str(db)).out
    assert modes_asked == []
    assert journal_mode(db) == "wal"


def test_a_ledger_with_claims_left_out_of_wal_is_put_back_by_the_next_import(
    cli: Cli, tmp_path: Path
) -> None:
    archive, db = tmp_path / "made.jsonl", tmp_path / "made.db"
    write_archive(archive, 5)
    cli.ok(*GROK, "--db", str(db))
    with sqlite3.connect(db) as connection:
        connection.execute("PRAGMA journal_mode = DELETE")
    assert "5 claims added" in cli.ok("import", str(archive), "--db", str(db)).out
    assert journal_mode(db) == "wal"


def test_a_refused_import_writes_nothing_and_ends_in_wal(
    cli: Cli, tmp_path: Path, modes_asked: list[tuple[str, str]]
) -> None:
    archive, db = tmp_path / "made.jsonl", tmp_path / "made.db"
    write_archive(archive, 30)
    with archive.open("a", encoding="utf-8") as out:
        out.write('{"type":"claim","uid":"broken"}\n')
    cli.ok("init", str(db))
    modes_asked.clear()  # init's
    before = dump(db)
    assert cli("import", str(archive), "--db", str(db)).code == 2
    assert modes_asked == [("DELETE", "delete"), ("WAL", "wal")]
    assert dump(db) == before
    assert journal_mode(db) == "wal"
    assert not Path(f"{db}-journal").exists()


def test_with_the_file_open_elsewhere_the_import_keeps_the_log(
    cli: Cli, tmp_path: Path, modes_asked: list[tuple[str, str]]
) -> None:
    archive, db = tmp_path / "made.jsonl", tmp_path / "made.db"
    write_archive(archive, 10)
    cli.ok("init", str(db))
    modes_asked.clear()  # init's
    reader = sqlite3.connect(db)  # another process's connection, as the review app holds one
    try:
        reader.execute("SELECT count(*) FROM claim").fetchone()
        assert "10 claims added" in cli.ok("import", str(archive), "--db", str(db)).out
    finally:
        reader.close()
    assert modes_asked == [("DELETE", "")]  # busy: not switched
    assert journal_mode(db) == "wal"
    assert_consistent(db)


def test_an_import_killed_in_journal_mode_is_rolled_back_and_the_next_one_ends_in_wal(
    tmp_path: Path,
) -> None:
    archive, db = tmp_path / "made.jsonl", tmp_path / "made.db"
    write_archive(archive, 8000)
    assert run_claims("init", str(db)).returncode == 0
    env = {**os.environ, "CLAIMS_IMPORT_WORKERS": "0"}
    importing = subprocess.Popen(
        [sys.executable, "-m", "ledger", "import", str(archive), "--db", str(db)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    journal = Path(f"{db}-journal")
    deadline = time.monotonic() + 60
    while not journal.exists() and importing.poll() is None and time.monotonic() < deadline:
        time.sleep(0.005)
    assert importing.poll() is None, "the import ended before its journal was seen"
    time.sleep(0.05)  # into writing rows
    importing.send_signal(signal.SIGKILL)
    assert importing.wait(timeout=30) == -signal.SIGKILL, "the import ended before the kill"

    listed = run_claims("list", "--db", str(db), "--json")
    assert listed.returncode == 0, listed.stderr
    assert listed.stdout.strip() == "[]"  # the next open rolled the import back
    assert_consistent(db)
    again = run_claims("import", str(archive), "--db", str(db))
    assert "8,000 claims added" in again.stdout, again.stderr
    assert journal_mode(db) == "wal"
