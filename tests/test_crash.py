"""A writer killed at any moment (kill -9) leaves a sound ledger whose claims match their events."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import GROK, REPO, Cli
from tests.ledger_state import assert_consistent

KILLS = 50

# A small server of writers: for each line read it forks a child that resolves and reopens claims
# in a loop, noting B in the marks file before each change and C after it, and prints the
# child's pid; once the child is dead it prints "reaped". Forking here, in a process with no
# threads, keeps the children sound, and spares fifty Python start-ups.
WRITERS = """
import os, sys
from datetime import UTC, datetime
from ledger.api import Ledger
from ledger.location import locate_ledger
from ledger.records import SourceDraft

db, marks = sys.argv[1], sys.argv[2]
now = datetime(2026, 11, 29, 12, tzinfo=UTC)
evidence = (SourceDraft("https://e.example/proof", role="evidence"),)
for _ in sys.stdin:
    pid = os.fork()
    if pid == 0:
        try:
            note = os.open(marks, os.O_WRONLY | os.O_APPEND | os.O_CREAT)
            ledger = Ledger.open(locate_ledger(db), actor="crash")
            while True:
                for claim in (1, 2, 3):
                    os.write(note, b"B")
                    if ledger.claim(claim).row.outcome is None:
                        ledger.resolve(claim, "kept", evidence=evidence, note="x " * 50, now=now)
                    else:
                        ledger.reopen(claim, now=now)
                    os.write(note, b"C")
        finally:
            os._exit(1)
    print(pid, flush=True)
    os.waitpid(pid, 0)
    print("reaped", flush=True)
"""


def _wait_for_first_change(marks: Path) -> None:
    """Until the writer has made one change: a child's first change is slow (its caches are
    cold) and on a slow machine a kill soon after it starts could come before any commit."""
    for _ in range(4000):
        if marks.exists() and b"C" in marks.read_bytes():
            return
        time.sleep(0.005)
    raise AssertionError("the writer never made a change")


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs os.fork")
def test_kill_9_while_resolving_never_damages_the_ledger(
    cli: Cli, db_path: Path, tmp_path: Path
) -> None:
    for _ in range(3):
        cli.ok(*GROK)
    marks = tmp_path / "marks"
    server = subprocess.Popen(
        [sys.executable, "-c", WRITERS, str(db_path), str(marks)],
        cwd=REPO,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert server.stdin is not None and server.stdout is not None
    chance = random.Random(6)
    inside_a_change = 0
    try:
        for _ in range(KILLS):
            marks.unlink(missing_ok=True)
            server.stdin.write("go\n")
            server.stdin.flush()
            pid = int(server.stdout.readline())
            _wait_for_first_change(marks)
            time.sleep(chance.uniform(0, 0.05))
            os.kill(pid, signal.SIGKILL)
            assert server.stdout.readline().strip() == "reaped"
            inside_a_change += marks.read_bytes().endswith(b"B")
            assert_consistent(db_path)
    finally:
        server.stdin.close()
        server.wait(timeout=60)
    # Most kills land inside a change, since that is where the writer spends its time; and
    # between kills, changes were made and kept.
    assert inside_a_change > 0
    connection = sqlite3.connect(db_path)
    changes = connection.execute("SELECT count(*) FROM event WHERE kind != 'created'").fetchone()
    connection.close()
    assert changes[0] > 0
