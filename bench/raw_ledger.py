"""Write a large made-up ledger fast: the real schema, rows added with raw sqlite3 executemany,
with no events. For tests that need a big ledger in seconds; the benchmark imports its ledgers
instead (bench.synthetic_ledger).

Example:
    python -m bench.raw_ledger big.db --claims 100000
"""

from __future__ import annotations

import argparse
import sqlite3
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

from ledger.location import locate_ledger
from ledger.store.schema import open_database

STAMP = "2026-01-01 12:00:00.000000"
CLAIMANTS = ("Elon Musk", "Sam Altman", "東京都知事", "Acme Rail 🚆", "Jensen Huang", "Lisa Su")
OUTCOMES = (None, None, None, "kept", "broken", "partly", "void", "unverifiable")
STATEMENTS = (
    "Model {n} will ship before the end of the quarter",
    "Factory {n} will double its output within a few months",
    "新しい駅{n}を年末までに開業する",
    "Vote [/] now on item {n} [link=https://x.example]bbc.co.uk[/link]",
    "Fleet {n} goes fully electric 🌱 by next year",
)
TAGS = ("ai", "energy", "transport", "chips", "policy")
BATCH = 50_000


def build_ledger(path: Path, claims: int, *, first_day: date = date(2023, 1, 1)) -> None:
    """Create a ledger at `path` holding `claims` claims, each with a first deadline and a tag."""
    open_database(locate_ledger(str(path)), create=True).dispose()
    connection = sqlite3.connect(path)
    try:
        connection.execute("PRAGMA synchronous = OFF")
        with connection:
            connection.executemany(
                "INSERT INTO claimant (id, name, name_key, kind, created_at)"
                " VALUES (?, ?, ?, 'person', ?)",
                [(i + 1, name, name.casefold(), STAMP) for i, name in enumerate(CLAIMANTS)],
            )
            connection.executemany(
                "INSERT INTO tag (id, name, name_key) VALUES (?, ?, ?)",
                [(i + 1, tag, tag) for i, tag in enumerate(TAGS)],
            )
        for start in range(0, claims, BATCH):
            numbers = range(start + 1, min(claims, start + BATCH) + 1)
            with connection:
                _insert_batch(connection, numbers, first_day)
    finally:
        connection.close()


def _insert_batch(connection: sqlite3.Connection, numbers: range, first_day: date) -> None:
    rows = list(_claim_rows(numbers, first_day))
    connection.executemany(
        "INSERT INTO claim (id, uid, statement, claimant_id, said_on, said_precision, hedge,"
        " deadline_phrase, window_start, window_end, precision, outcome, created_at,"
        " updated_at, version) VALUES (?, ?, ?, ?, ?, 'day', 'will', ?, ?, ?, 'month', ?,"
        " ?, ?, 1)",
        [(*row[:-1], STAMP, STAMP) for row in rows],
    )
    connection.executemany(
        "INSERT INTO deadline (claim_id, seq, phrase, said_on, said_precision, window_start,"
        " window_end, precision, note, recorded_at) VALUES (?, 0, ?, ?, 'day', ?, ?, 'month',"
        " 'a made-up window', ?)",
        [(row[0], row[5], row[4], row[6], row[7], STAMP) for row in rows],
    )
    connection.executemany(
        "INSERT INTO claim_tag (claim_id, tag_id) VALUES (?, ?)",
        [(row[0], row[-1]) for row in rows],
    )


def _claim_rows(numbers: range, first_day: date) -> Iterator[tuple[object, ...]]:
    for n in numbers:
        said = first_day + timedelta(days=n % 1200)
        start = said + timedelta(days=30 + n % 90)
        end = start + timedelta(days=30 + n % 200)
        yield (
            n,
            f"00000000-0000-4000-8000-{n:012d}",
            STATEMENTS[n % len(STATEMENTS)].format(n=n),
            1 + n % len(CLAIMANTS),
            said.isoformat(),
            "in a month or so",
            start.isoformat(),
            end.isoformat(),
            OUTCOMES[n % len(OUTCOMES)],
            1 + n % len(TAGS),
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("path", type=Path, help="the ledger file to create (must not exist)")
    parser.add_argument("--claims", type=int, default=1_000_000, help="how many claims")
    args = parser.parse_args()
    if args.path.exists():
        parser.error(f"{args.path} exists")
    build_ledger(args.path, args.claims)
    print(f"Wrote {args.claims:,} claims to {args.path}")


if __name__ == "__main__":
    main()
