"""The benchmark's made-up archives import cleanly, and its raw executemany copies every row."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from bench.floor import delete_claim, latest_claim
from bench.ledgers import TABLES, import_runs, make_ledger, raw_executemany
from bench.synthetic_ledger import write_archive
from tests.conftest import Cli


def counts(db: Path) -> dict[str, int]:
    with sqlite3.connect(db) as connection:
        return {t: connection.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in TABLES}


def test_a_synthetic_archive_imports_and_every_claim_replays(cli: Cli, tmp_path: Path) -> None:
    archive, db = tmp_path / "made.jsonl", tmp_path / "made.db"
    write_archive(archive, 300)
    assert "300 claims added" in cli.ok("import", str(archive), "--db", str(db)).out
    assert "All good" in cli.ok("check", "--db", str(db)).out
    rows = counts(db)
    assert rows["claim"] == 300 and rows["event"] > 300 and rows["forecast"] > 0
    outcomes = cli.ok("list", "--outcome", "broken", "--db", str(db), "--limit", "0").out
    assert "broken" in outcomes
    again = cli.ok("import", str(archive), "--db", str(db)).out
    assert "0 claims added" in again and "300 already here" in again


def test_the_same_count_writes_the_same_archive(tmp_path: Path) -> None:
    write_archive(tmp_path / "a.jsonl", 40)
    write_archive(tmp_path / "b.jsonl", 40)
    assert (tmp_path / "a.jsonl").read_bytes() == (tmp_path / "b.jsonl").read_bytes()


def test_raw_executemany_copies_every_row(cli: Cli, tmp_path: Path) -> None:
    archive, db, raw = tmp_path / "made.jsonl", tmp_path / "made.db", tmp_path / "raw.db"
    write_archive(archive, 50)
    cli.ok("import", str(archive), "--db", str(db))
    cli.ok("init", str(raw))
    rows, seconds = raw_executemany(db, raw)
    assert rows == sum(counts(db).values()) and seconds > 0
    assert counts(raw) == counts(db)


def test_a_deleted_claim_gives_its_id_to_the_next(cli: Cli, tmp_path: Path) -> None:
    db = tmp_path / "ledger.db"
    for name in ("first", "second"):
        cli.ok(
            "add",
            f"The {name} claim",
            "--by",
            "T",
            "--said",
            "2024-01-01",
            "--source",
            "https://a.example/",
            "--db",
            str(db),
        )
    delete_claim(db, latest_claim(db))
    assert latest_claim(db) == 1
    cli.ok(
        "add",
        "Again",
        "--by",
        "T",
        "--said",
        "2024-01-01",
        "--source",
        "https://a.example/",
        "--db",
        str(db),
    )
    assert latest_claim(db) == 2


def test_a_small_size_is_imported_several_times_into_fresh_ledgers(tmp_path: Path) -> None:
    db, run = make_ledger(tmp_path, 30)
    assert run is not None and len(run.runs) == len(run.raw_runs) == import_runs(30) == 5
    assert counts(db)["claim"] == 30  # the last run's ledger, fresh: not 30 claims five times
    assert run.rows == sum(counts(db).values())
    assert min(run.runs) <= run.seconds <= max(run.runs)
    assert not list(tmp_path.glob("raw-30.db*"))


def test_big_sizes_are_imported_fewer_times() -> None:
    assert [import_runs(n) for n in (10_000, 100_000, 1_000_000)] == [5, 3, 1]
