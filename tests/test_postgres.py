"""A team ledger on PostgreSQL: many writers at once lose nothing, and no update is lost."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections.abc import Iterator

import pytest

from tests.conftest import PG_VARIABLE, PINNED_NOW, REPO, pg_schema, snapshot

SERVER = os.environ.get(PG_VARIABLE)
pytestmark = pytest.mark.skipif(not SERVER, reason=f"set {PG_VARIABLE} to run PostgreSQL tests")


@pytest.fixture
def team_ledger() -> Iterator[str]:
    assert SERVER
    with pg_schema(SERVER) as url:
        yield url


def spawn(url: str, *argv: str, user: str = "ana") -> subprocess.Popen[str]:
    env = {**os.environ, "CLAIMS_DB": url, "CLAIMS_NOW": PINNED_NOW, "CLAIMS_USER": user}
    return subprocess.Popen(
        [sys.executable, "-m", "ledger", *argv],
        cwd=REPO,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


ADD_SCRIPT = """
import sys
from ledger.cli.main import main
for n in range(int(sys.argv[1])):
    code = main(["add", f"claim {sys.argv[2]}-{n}", "--by", "Writer " + sys.argv[2],
                 "--said", "2024-09-04", "--source", "https://a.example/" + str(n)])
    if code:
        sys.exit(code)
"""


def test_eight_processes_adding_at_once_lose_nothing(team_ledger: str) -> None:
    first = spawn(team_ledger, "init")
    assert first.wait(60) == 0, first.stderr.read() if first.stderr else ""
    env = {**os.environ, "CLAIMS_DB": team_ledger, "CLAIMS_NOW": PINNED_NOW}
    writers = [
        subprocess.Popen(
            [sys.executable, "-c", ADD_SCRIPT, "10", str(i)],
            cwd=REPO,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for i in range(8)
    ]
    for writer in writers:
        _, err = writer.communicate(timeout=180)
        assert writer.returncode == 0, err
    rows = snapshot(team_ledger)
    assert len(rows["claim"]) == 80
    assert sum(1 for event in rows["event"] if event[5] == "created") == 80
    assert len({claim[1] for claim in rows["claim"]}) == 80
    assert len(rows["claimant"]) == 8


def test_two_people_resolving_one_claim_get_one_success_and_one_conflict(team_ledger: str) -> None:
    import psycopg

    add = spawn(
        team_ledger,
        "add",
        "Shared claim",
        "--by",
        "X",
        "--said",
        "2024-09-04",
        "--deadline",
        "in December",
        "--source",
        "https://a.example/",
    )
    assert add.wait(60) == 0
    assert SERVER
    schema = team_ledger.rsplit("%3D", 1)[1]
    with psycopg.connect(SERVER) as holder:
        # Hold the claim's row lock, as a writer in mid-transaction would, so that both
        # resolvers read the claim and then queue for the lock.
        holder.execute(f'SELECT id FROM "{schema}".claim WHERE id = 1 FOR UPDATE')
        ana = spawn(team_ledger, "resolve", "1", "kept", "--on", "2024-12-20", user="ana")
        ben = spawn(team_ledger, "resolve", "1", "broken", "--on", "2025-01-20", user="ben")
        wait_for_lock_waiters(SERVER, 2)
        holder.rollback()
    results = {
        name: (p.wait(60), p.stderr.read() if p.stderr else "")
        for name, p in (("ana", ana), ("ben", ben))
    }
    codes = sorted(code for code, _ in results.values())
    assert codes == [0, 1], results
    loser = next(name for name, (code, _) in results.items() if code == 1)
    winner = "ben" if loser == "ana" else "ana"
    message = results[loser][1]
    assert message.count("\n") == 1
    assert f"claim 1 was changed by {winner} at" in message
    assert "reload and try again" in message
    show = spawn(team_ledger, "show", "1", "--json")
    out, _ = show.communicate(timeout=60)
    assert json.loads(out)["row"]["outcome"] == ("kept" if winner == "ana" else "broken")


def wait_for_lock_waiters(server: str, count: int) -> None:
    import psycopg

    deadline = time.monotonic() + 60
    with psycopg.connect(server, autocommit=True) as watcher:
        while time.monotonic() < deadline:
            row = watcher.execute(
                "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'"
            ).fetchone()
            if row and row[0] >= count:
                return
            time.sleep(0.05)
    raise AssertionError(f"{count} writers never queued for the row lock")
