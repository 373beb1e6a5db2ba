"""Many programs on one ledger: writers take turns, readers never block them, no lock errors."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path

import pytest
from sqlalchemy import text

from ledger.api import Ledger
from ledger.location import locate_ledger
from tests.conftest import GROK, REPO, Backend, Cli, run_claims
from tests.ledger_state import assert_consistent

ADDER = """
import sys
from ledger.cli.main import main
name, count = sys.argv[1], int(sys.argv[2])
for index in range(count):
    code = main(["add", f"{name} claim {index}", "--by", name, "--said", "2024-09-04",
                 "--deadline", "in December", "--source", "https://a.example/", "--tag", name])
    if code:
        sys.exit(code)
"""

REPORTER = """
import os, sys
from ledger.cli.main import main
stop, runs = sys.argv[1], 0
while not os.path.exists(stop) or runs == 0:
    runs += 1
    code = main(["due", "--within", "30"])
    if code:
        sys.exit(code)
print(f"RUNS={runs}", file=sys.stderr)
"""


def python(code: str, *argv: str, db: str | Path) -> subprocess.Popen[str]:
    """Python code in a process of its own on the ledger `db`; stdout is dropped, stderr kept."""
    env = {**os.environ, "CLAIMS_DB": str(db)}
    return subprocess.Popen(
        [sys.executable, "-c", code, *argv],
        cwd=REPO,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )


def test_two_writers_and_a_reader_at_once(cli: Cli, backend: Backend, tmp_path: Path) -> None:
    cli.ok("init", backend.url)
    stop = tmp_path / "stop"
    reporter = python(REPORTER, str(stop), db=backend.url)
    adders = [python(ADDER, name, "200", db=backend.url) for name in ("alpha", "beta")]
    errors = [adder.communicate(timeout=300)[1] for adder in adders]
    stop.touch()
    errors.append(reporter.communicate(timeout=300)[1])
    assert [p.returncode for p in (*adders, reporter)] == [0, 0, 0], errors
    assert not any("locked" in err for err in errors), errors
    rows = backend.snapshot()
    assert len(rows["claim"]) == 400
    assert sum(1 for event in rows["event"] if event[5] == "created") == 400
    per_claimant = json.loads(cli.ok("claimants", "--json").out)
    assert [(c["name"], c["claims"]) for c in per_claimant] == [("alpha", 200), ("beta", 200)]
    assert_consistent(backend.url)


def _wait_until_open(process: subprocess.Popen[str], db: Path) -> None:
    """Wait until the process has the ledger open, then give it a moment to reach the lock."""
    fds = Path(f"/proc/{process.pid}/fd")
    for _ in range(400):
        if process.poll() is not None:
            return
        try:
            if any(str(db) in os.readlink(fd) for fd in fds.iterdir()):
                break
        except OSError:
            pass
        time.sleep(0.025)
    time.sleep(0.3)


WRITES = {
    "resolve (reads, then writes)": ("resolve", "1", "broken", "--on", "2025-02-17"),
    "add (lean path)": ("add", "Another", "--by", "B", "--source", "https://b.example/"),
    "undo": ("undo", "1"),
    "forecast": ("forecast", "1", "0.4"),
}


@pytest.mark.parametrize("argv", WRITES.values(), ids=WRITES.keys())
def test_a_writer_waits_for_the_write_lock_and_succeeds(
    cli: Cli, db_path: Path, argv: Sequence[str]
) -> None:
    cli.ok(*GROK)
    holder = sqlite3.connect(db_path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    holder.execute("UPDATE claimant SET kind = kind")
    process = python("from ledger.cli.main import run; run()", *argv, db=db_path)
    try:
        _wait_until_open(process, db_path)
        assert process.poll() is None, process.communicate()
    finally:
        holder.execute("COMMIT")
        holder.close()
    _out, err = process.communicate(timeout=120)
    assert process.returncode == 0, err
    assert err == ""
    assert_consistent(db_path)


def test_a_long_lived_reader_does_not_block_writers(cli: Cli, db_path: Path) -> None:
    """The app keeps its ledger open and reads now and then; stand-ins for it here are a full-store
    read session and a plain sqlite3 connection, each inside an open read transaction."""
    cli.ok(*GROK)
    app = Ledger.open(locate_ledger(str(db_path)), actor="app")
    raw = sqlite3.connect(db_path, isolation_level=None)
    try:
        with app.db.read() as session:
            seen = session.connection().execute(text("SELECT count(*) FROM claim")).scalar()
            raw.execute("BEGIN")
            assert raw.execute("SELECT count(*) FROM claim").fetchone()[0] == 1
            env = {**os.environ, "CLAIMS_DB": str(db_path)}
            for argv in (WRITES["add (lean path)"], WRITES["resolve (reads, then writes)"]):
                done = run_claims(*argv, env=env, cwd=REPO)
                assert done.returncode == 0, done.stderr
            # The readers still see the ledger as it was when they began.
            again = session.connection().execute(text("SELECT count(*) FROM claim")).scalar()
            assert seen == again == 1
            assert raw.execute("SELECT count(*) FROM claim").fetchone()[0] == 1
        raw.execute("COMMIT")
        assert raw.execute("SELECT count(*) FROM claim").fetchone()[0] == 2
    finally:
        raw.close()
        app.close()
    assert_consistent(db_path)
