"""The floor: a bare Python process that opens the same SQLite file and runs the same queries.

The statements come from the command itself: one traced run of `claims ...` records every SQL
statement its sqlite3 connection executes, with the values bound (sqlite3's trace callback), and
the floor script replays exactly those on the same file. For `claims add` the traced claim is
deleted again before each floor run (untimed), so that every run inserts it anew as it was.
"""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from collections.abc import Callable, Sequence
from contextlib import closing
from pathlib import Path

from bench.timing import Timing, child_env, time_process

# Runs a `claims` command with every statement of its sqlite3 connections written to a file.
TRACER = """
import json, sqlite3, sys
statements = []
plain_connect = sqlite3.connect
def connect(*args, **kwargs):
    connection = plain_connect(*args, **kwargs)
    connection.set_trace_callback(statements.append)
    return connection
sqlite3.connect = connect
from ledger.cli.main import main
code = main(sys.argv[2:])
with open(sys.argv[1], "w", encoding="utf-8") as out:
    json.dump(statements, out)
sys.exit(code)
"""

# The floor itself: sqlite3 and nothing else.
FLOOR = """
import sqlite3, sys
with open(sys.argv[1], encoding="utf-8") as f:
    statements = f.read().split("\\0")
connection = sqlite3.connect(sys.argv[2], isolation_level=None)
for statement in statements:
    connection.execute(statement).fetchall()
connection.close()
"""

# Children before parents, as foreign keys require when deleting.
CLAIM_TABLES = ("claim_tag", "forecast", "deadline", "source", "event")


def trace_statements(argv: Sequence[str], db: Path, out: Path) -> list[str]:
    """The SQL that `claims argv --db db` runs, in order (it must take the lean path)."""
    command = [sys.executable, "-c", TRACER, str(out), *argv, "--db", str(db)]
    done = subprocess.run(command, capture_output=True, text=True, env=child_env(), check=False)
    if done.returncode not in (0, 3):
        raise RuntimeError(f"tracing {' '.join(argv)} failed: {done.stderr}")
    statements: list[str] = json.loads(out.read_text(encoding="utf-8"))
    if not any(s.lstrip().upper().startswith(("SELECT", "INSERT")) for s in statements):
        raise RuntimeError(f"{' '.join(argv)} ran no SQL through sqlite3 (not the lean path?)")
    return statements


def write_statements(statements: list[str], path: Path) -> Path:
    path.write_text("\0".join(statements), encoding="utf-8")
    return path


def latest_claim(db: Path) -> int:
    with closing(sqlite3.connect(db)) as connection:
        return int(connection.execute("SELECT max(id) FROM claim").fetchone()[0])


def delete_claim(db: Path, claim_id: int) -> None:
    """Take a claim and its rows out again, so that the next insert gets the same id."""
    with closing(sqlite3.connect(db)) as connection, connection:
        for table in CLAIM_TABLES:
            connection.execute(f"DELETE FROM {table} WHERE claim_id = ?", (claim_id,))
        connection.execute("DELETE FROM claim WHERE id = ?", (claim_id,))


def time_floor(
    label: str,
    statements: Path,
    db: Path,
    *,
    runs: int,
    warmup: int,
    after: Callable[[], None] | None = None,
) -> Timing:
    argv = [sys.executable, "-c", FLOOR, str(statements), str(db)]
    return time_process(label, argv, runs=runs, warmup=warmup, after=after)
