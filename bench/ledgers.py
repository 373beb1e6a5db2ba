"""The benchmark's ledgers: made through `claims import`, and the raw executemany beside it."""

from __future__ import annotations

import sqlite3
import statistics
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
    """The timed imports of one size and the raw inserts beside them, each into a fresh empty
    ledger; rates are of the medians."""

    claims: int
    rows: int
    runs: list[float]
    raw_runs: list[float]

    @property
    def seconds(self) -> float:
        return statistics.median(self.runs)

    @property
    def raw_seconds(self) -> float:
        return statistics.median(self.raw_runs)

    @property
    def rate(self) -> float:
        return self.rows / self.seconds

    @property
    def raw_rate(self) -> float:
        return self.rows / self.raw_seconds


def import_runs(claims: int) -> int:
    """How many times a size is imported and inserted raw: five up to 60,000 claims, fewer
    above (three at 100,000), once from 300,000: a single run of a short import swings with
    the machine's load."""
    return max(1, min(5, 300_000 // claims))


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
    raw executemany of the same rows into another empty ledger, each `import_runs` times, in
    turn. Where there are several runs, an untimed import goes first, as the commands' warm-up
    runs do (it writes the .pyc files of the modules only an import loads)."""
    db = folder / f"ledger-{claims}.db"
    if claims == 0:
        _fresh(db)
        return db, None
    archive = folder / f"ledger-{claims}.jsonl"
    if not archive.exists():
        write_archive(archive, claims)
    runs = import_runs(claims)
    if runs > 1:
        _fresh(db)
        run_claims("import", str(archive), "--db", str(db))
    raw_db = folder / f"raw-{claims}.db"
    seconds, raw_seconds, rows = [], [], 0
    for _ in range(runs):
        # Into an empty ledger made beforehand, as the raw insert's is: making one is not
        # importing.
        _fresh(db)
        seconds.append(run_claims("import", str(archive), "--db", str(db)))
        _fresh(raw_db)
        rows, elapsed = raw_executemany(db, raw_db)
        raw_seconds.append(elapsed)
    for stale in folder.glob(f"raw-{claims}.db*"):
        stale.unlink()
    return db, ImportRun(claims, rows, seconds, raw_seconds)


def _fresh(db: Path) -> None:
    """An empty ledger at `db`, made by `claims init`."""
    for stale in db.parent.glob(f"{db.name}*"):
        stale.unlink()
    run_claims("init", str(db))


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
