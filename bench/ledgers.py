"""The benchmark's ledgers: made through `claims import`, and the raw executemany beside it."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from bench.synthetic_ledger import write_archive
from bench.timing import child_env

# Parents before children, so that foreign keys hold at every insert.
TABLES = (
    "claimant",
    "claimant_alias",
    "tag",
    "claim",
    "source",
    "deadline",
    "forecast",
    "claim_tag",
    "event",
)
RAW_BATCH = 1000


@dataclass(frozen=True)
class ImportRun:
    claims: int
    rows: int
    seconds: float
    raw_seconds: float

    @property
    def rate(self) -> float:
        return self.rows / self.seconds

    @property
    def raw_rate(self) -> float:
        return self.rows / self.raw_seconds


def claims_command(*argv: str) -> list[str]:
    return [str(Path(sys.executable).with_name("claims")), *argv]


def run_claims(*argv: str) -> float:
    """Run `claims argv` once, as a user would; its wall-clock seconds."""
    start = time.perf_counter()
    done = subprocess.run(
        claims_command(*argv), capture_output=True, text=True, env=child_env(), check=False
    )
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        raise RuntimeError(f"claims {' '.join(argv)} exited {done.returncode}: {done.stderr}")
    return elapsed


def make_ledger(folder: Path, claims: int) -> tuple[Path, ImportRun | None]:
    """A ledger of `claims` made-up claims, imported from a JSON Lines archive into an empty
    ledger; for a non-empty one, the import (the whole `claims import` process) timed beside a
    raw executemany of the same rows into another empty ledger."""
    db = folder / f"ledger-{claims}.db"
    for stale in folder.glob(f"ledger-{claims}.db*"):
        stale.unlink()
    if claims == 0:
        run_claims("init", str(db))
        return db, None
    archive = folder / f"ledger-{claims}.jsonl"
    if not archive.exists():
        write_archive(archive, claims)
    # Into an empty ledger made beforehand, as the raw insert's is: making one is not importing.
    run_claims("init", str(db))
    seconds = run_claims("import", str(archive), "--db", str(db))
    raw_db = folder / f"raw-{claims}.db"
    for stale in folder.glob(f"raw-{claims}.db*"):
        stale.unlink()
    run_claims("init", str(raw_db))
    rows, raw_seconds = raw_executemany(db, raw_db)
    raw_db.unlink()
    return db, ImportRun(claims, rows, seconds, raw_seconds)


def raw_executemany(source: Path, target: Path) -> tuple[int, float]:
    """Insert every row of `source` into the empty ledger `target` with plain executemany in
    one transaction, batches as the importer's; the rows and the seconds the inserts took."""
    tables = {}
    with sqlite3.connect(source) as reading:
        for table in TABLES:
            cursor = reading.execute(f"SELECT * FROM {table}")
            tables[table] = ([d[0] for d in cursor.description], cursor.fetchall())
    writing = sqlite3.connect(target, isolation_level=None)
    try:
        start = time.perf_counter()
        writing.execute("BEGIN IMMEDIATE")
        for table, (columns, rows) in tables.items():
            marks = ", ".join("?" * len(columns))
            sql = f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})"
            for begin in range(0, len(rows), RAW_BATCH):
                writing.executemany(sql, rows[begin : begin + RAW_BATCH])
        writing.execute("COMMIT")
        elapsed = time.perf_counter() - start
    finally:
        writing.close()
    return sum(len(rows) for _, rows in tables.values()), elapsed
