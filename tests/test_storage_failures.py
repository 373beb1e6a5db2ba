"""A failed write (full disk, I/O error, read-only file): exit 1, one clear line, no change."""

from __future__ import annotations

import ctypes
import json
import os
import sqlite3
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, event

from ledger.store import database
from tests.conftest import GROK, REPO, Cli, dump
from tests.ledger_state import assert_consistent

LONG = "x" * 20_000


@pytest.fixture
def full_disk(monkeypatch: pytest.MonkeyPatch, db_path: Path) -> Iterator[None]:
    """Every connection the CLI opens may not grow the file: SQLite answers SQLITE_FULL."""
    connection = sqlite3.connect(db_path)
    connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    pages = connection.execute("PRAGMA page_count").fetchone()[0]
    connection.close()
    limit = f"PRAGMA max_page_count = {pages}"
    on_connect = database._sqlite_on_connect

    def limited(dbapi_connection: Any, record: Any) -> None:
        on_connect(dbapi_connection, record)
        dbapi_connection.execute(limit)

    real_connect = sqlite3.connect

    def lean_connect(*args: Any, **kwargs: Any) -> sqlite3.Connection:
        opened: sqlite3.Connection = real_connect(*args, **kwargs)
        opened.execute(limit)
        return opened

    monkeypatch.setattr(database, "_sqlite_on_connect", limited)
    monkeypatch.setattr(sqlite3, "connect", lean_connect)
    yield
    monkeypatch.undo()


FULL_DISK_WRITES = {
    "add": ("add", "Big", "--by", "B", "--source", "https://b.example/", "--quote", LONG),
    "resolve": ("resolve", "1", "broken", "--on", "2025-02-17", "--note", LONG),
    "edit": ("edit", "1", "--quote", LONG),
    "import": ("import", "PLACEHOLDER"),
}


@pytest.mark.parametrize("full_store", [False, True], ids=["lean", "full store"])
@pytest.mark.parametrize("argv", FULL_DISK_WRITES.values(), ids=FULL_DISK_WRITES.keys())
def test_a_full_disk_fails_the_write_cleanly(
    cli: Cli,
    db_path: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    request: pytest.FixtureRequest,
    argv: tuple[str, ...],
    full_store: bool,
) -> None:
    if full_store:
        monkeypatch.setenv("CLAIMS_FULL_STORE", "1")
    cli.ok(*GROK)
    if argv[0] == "import":
        source = tmp_path / "many.db"
        for index in range(20):
            cli.ok(
                "add",
                f"Claim {index}",
                "--by",
                "A",
                "--source",
                "https://a.example/",
                "--quote",
                LONG[:5000],
                "--db",
                str(source),
            )
        cli.ok("export", str(tmp_path / "many.jsonl"), "--db", str(source))
        argv = ("import", str(tmp_path / "many.jsonl"))
    before = dump(db_path)
    request.getfixturevalue("full_disk")
    result = cli(*argv)
    assert result.code == 1, result
    assert result.err.count("\n") == 1
    assert "could not be written (database or disk is full); nothing was saved" in result.err
    assert dump(db_path) == before
    assert_consistent(db_path)


def test_an_io_error_in_the_middle_of_a_change_rolls_it_all_back(
    cli: Cli, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cli.ok(*GROK)
    before = dump(db_path)
    make_engine = database.make_engine

    def failing_engine(location: Any) -> Engine:
        engine = make_engine(location)

        def fail_on_event_row(conn: Any, cursor: Any, statement: str, *rest: Any) -> None:
            # The claim row is already updated by now; the event row is the last write.
            if statement.startswith("INSERT INTO event"):
                raise sqlite3.OperationalError("disk I/O error")

        event.listen(engine, "before_cursor_execute", fail_on_event_row)
        return engine

    monkeypatch.setattr(database, "make_engine", failing_engine)
    from ledger.store import schema

    monkeypatch.setattr(schema, "make_engine", failing_engine)
    result = cli("resolve", "1", "broken", "--on", "2025-02-17", "--evidence", "https://e.ex/")
    assert result.code == 1, result
    assert "could not be written (disk I/O error); nothing was saved" in result.err
    assert dump(db_path) == before


def _without_root_file_access() -> Callable[[], None] | None:
    """A preexec hook that drops root's power to write files it may not (CAP_DAC_OVERRIDE)."""
    if os.geteuid() != 0:
        return None

    def drop() -> None:
        libc = ctypes.CDLL(None, use_errno=True)
        for capability in (1, 2, 3):  # dac_override, dac_read_search, fowner
            if libc.prctl(24, capability, 0, 0, 0) != 0:  # PR_CAPBSET_DROP
                raise OSError(ctypes.get_errno(), "cannot drop a capability")

    return drop


RUN_EACH = """
import contextlib, io, json, sys
from ledger.cli.main import main
results = []
for argv in json.loads(sys.argv[1]):
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(argv)
    results.append([code, err.getvalue()])
print(json.dumps(results))
"""


def _as_a_user(commands: list[tuple[str, ...]], db: Path) -> list[tuple[int, str]]:
    """Run CLI commands in one process that meets file modes as an ordinary user does."""
    env = {**os.environ, "CLAIMS_DB": str(db)}
    done = subprocess.run(
        [sys.executable, "-c", RUN_EACH, json.dumps(commands)],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        preexec_fn=_without_root_file_access(),
    )
    assert done.returncode == 0, done.stderr
    return [(code, err) for code, err in json.loads(done.stdout.splitlines()[-1])]


def test_a_read_only_ledger_reads_and_refuses_writes(
    cli: Cli, db_path: Path, tmp_path: Path
) -> None:
    """The file is made read-only (mode 0444). Tests may run as root, which ignores file modes,
    so the commands then run without the capabilities that let root write anyway: they meet the
    file as any other user does."""
    cli.ok(*GROK)
    other = tmp_path / "other.db"
    cli.ok("add", "Elsewhere", "--by", "E", "--source", "https://e.example/", "--db", str(other))
    cli.ok("export", str(tmp_path / "in.jsonl"), "--db", str(other))
    db_path.chmod(0o444)
    probe = ("add", "probe", "--by", "P", "--source", "https://p.example/")
    if _as_a_user([probe], db_path)[0][0] == 0:
        pytest.skip("this system lets the test process write to a read-only file")
    before = dump(db_path)
    reads: list[tuple[str, ...]] = [
        ("list",),
        ("show", "1"),
        ("history", "1"),
        ("export", str(tmp_path / "out.jsonl")),
        ("check",),
        ("backup", str(tmp_path / "copy.db")),
    ]
    assert _as_a_user(reads, db_path) == [(0, "")] * len(reads)
    writes: list[tuple[str, ...]] = [
        ("add", "New", "--by", "B", "--source", "https://b.example/"),
        ("resolve", "1", "kept", "--on", "2024-12-20"),
        ("undo", "1"),
        ("import", str(tmp_path / "in.jsonl")),
    ]
    refused = (1, f"claims: the ledger {db_path} is read-only; nothing was written\n")
    assert _as_a_user(writes, db_path) == [refused] * len(writes)
    assert dump(db_path) == before
