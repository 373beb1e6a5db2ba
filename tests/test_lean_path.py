"""The lean sqlite3 path and the full store agree: same output, same rows written."""

from __future__ import annotations

import re
import shutil
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from sqlmodel import SQLModel

import ledger.models
from bench.synthetic_ledger import write_archive
from ledger.lean import FORCE_FULL_STORE
from tests.conftest import DEMO_DB, Cli

UID_COLUMNS = {("claim", "uid"), ("event", "uid")}

HOT_READS = [
    ("list",),
    ("list", "--json"),
    ("list", "--by", "马斯克", "--sort", "deadline", "--reverse"),
    ("list", "--state", "open-ended", "--json"),
    ("list", "--outcome", "broken", "--limit", "1"),
    ("list", "--search", "colossus", "--json"),
    ("show", "1"),
    ("show", "1", "--json"),
    ("show", "7", "--json"),
]


def rows_masked(path: Path) -> dict[str, list[tuple[Any, ...]]]:
    connection = sqlite3.connect(path)
    try:
        tables = [
            r[0] for r in connection.execute("SELECT name FROM sqlite_master WHERE type='table'")
        ]
        result = {}
        for table in sorted(tables):
            cursor = connection.execute(f"SELECT * FROM {table} ORDER BY rowid")
            names = [d[0] for d in cursor.description]
            result[table] = [
                tuple(_mask(table, names[i], v) for i, v in enumerate(row)) for row in cursor
            ]
        return result
    finally:
        connection.close()


def _mask(table: str, column: str, value: Any) -> Any:
    if (table, column) in UID_COLUMNS:
        return "uid"
    if (table, column) == ("event", "change"):
        return re.sub(r'"uid":"[0-9a-f-]{36}"', '"uid":"uid"', value)
    return value


@pytest.fixture
def demo(tmp_path: Path) -> Path:
    copy = tmp_path / "demo.db"
    shutil.copy(DEMO_DB, copy)
    return copy


@pytest.mark.parametrize("argv", HOT_READS, ids=[" ".join(a) for a in HOT_READS])
def test_hot_reads_print_the_same_through_both_paths(
    cli: Cli, demo: Path, monkeypatch: pytest.MonkeyPatch, argv: tuple[str, ...]
) -> None:
    lean = cli.ok(*argv, "--db", str(demo)).out
    monkeypatch.setenv(FORCE_FULL_STORE, "1")
    full = cli.ok(*argv, "--db", str(demo)).out
    assert lean == full
    assert lean.strip()


ADDS = [
    (
        "add",
        "Plain claim",
        "--by",
        "Elon Musk",
        "--said",
        "2024-09-04",
        "--source",
        "https://a.example/1",
    ),
    (
        "add",
        "Full claim",
        "--by",
        "New Person",
        "--said",
        "2025-03",
        "--deadline",
        "2026",
        "--source",
        "https://a.example/2",
        "--source",
        "https://a.example/3",
        "--quote",
        "原话",
        "--tag",
        "xAI",
        "--tag",
        "fresh-tag",
        "--hedge",
        "expects",
        "--condition",
        "if funded",
        "--probability",
        "0.35",
        "--metric",
        "GPUs",
        "--low",
        "1",
        "--high",
        "2.5",
        "--unit",
        "k",
    ),
    (
        "add",
        "By an alias, with a tag in other case",
        "--by",
        "马斯克",
        "--said",
        "2024",
        "--source",
        "https://a.example/4",
        "--tag",
        "XAI",
    ),
    (
        "add",
        "Plain claim",
        "--by",
        "Musk",
        "--said",
        "2024-09-04",
        "--source",
        "https://a.example/1b",
    ),
    (
        "add",
        "From the print edition only",
        "--by",
        "Elon Musk",
        "--said",
        "2024-09-05",
        "--source-title",
        "FT, 5 Sep 2024, p. 3",
        "--probability",
        "20%",
        "--deadline",
        "by March",
    ),
]


def test_add_writes_the_same_rows_through_both_paths(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    lean_db, full_db = tmp_path / "lean.db", tmp_path / "full.db"
    shutil.copy(DEMO_DB, lean_db)
    shutil.copy(DEMO_DB, full_db)
    lean_out = [cli.ok(*argv, "--db", str(lean_db)).out for argv in ADDS]
    monkeypatch.setenv(FORCE_FULL_STORE, "1")
    full_out = [cli.ok(*argv, "--db", str(full_db)).out for argv in ADDS]
    assert lean_out == full_out
    assert rows_masked(lean_db) == rows_masked(full_db)
    assert len(rows_masked(lean_db)["claim"]) == 13
    assert "note: claim 9 has the same statement, claimant and said date" in lean_out[3]


def test_the_lean_path_uses_only_tables_and_columns_of_the_models() -> None:
    source = "\n".join(
        p.read_text(encoding="utf-8")
        for p in [
            Path(ledger.lean.__file__),
            *Path(ledger.models.__file__).parent.joinpath("sql").glob("*.py"),
        ]
    )
    tables = SQLModel.metadata.tables
    named = re.findall(r"(?:FROM|JOIN|INTO)\s+(\w+)", source)
    named += re.findall(r'_insert\(cursor, "(\w+)"', source)
    assert {"claim", "claimant", "deadline", "source", "event"} <= set(named)
    common_tables = set(re.findall(r"WITH\s+(\w+)\s+AS\b", source))  # named by a query itself
    for table in set(named) - {"alembic_version", "sqlite_stat1"} - common_tables:
        assert table in tables, table  # SQLite's own tables aside
    for alias_name, column in re.findall(r"\b(c|p|d|f|s|t|ct)\.(\w+)", source):
        table = {
            "c": "claim",
            "p": "claimant",
            "d": "deadline",
            "f": "forecast",
            "s": "source",
            "t": "tag",
            "ct": "claim_tag",
        }[alias_name]
        assert column in tables[table].columns, f"{table}.{column}"
    lean_inserts = re.findall(r'"(\w+)": ', Path(ledger.lean.__file__).read_text(encoding="utf-8"))
    every_column = {c.name for t in tables.values() for c in t.columns}
    assert set(lean_inserts) <= every_column


def made_archive(cli: Cli, tmp_path: Path) -> Path:
    archive = tmp_path / "made.jsonl"
    write_archive(archive, 60)
    return archive


def demo_export(cli: Cli, tmp_path: Path) -> Path:
    archive = tmp_path / "demo.jsonl"
    cli.ok("export", str(archive), "--db", str(DEMO_DB))
    return archive


def demo_moved_on(cli: Cli, tmp_path: Path) -> Path:
    """An export of the demo ledger after one more forecast: it brings claim 1 forward."""
    later = tmp_path / "later.db"
    shutil.copy(DEMO_DB, later)
    cli.ok("forecast", "1", "0.3", "--db", str(later))
    archive = tmp_path / "later.jsonl"
    cli.ok("export", str(archive), "--db", str(later))
    return archive


IMPORTS = {
    "made-up claims into a new ledger": (made_archive, None),
    "made-up claims into the demo": (made_archive, DEMO_DB),
    "the demo into itself": (demo_export, DEMO_DB),
    "a claim brought forward (the lean path hands over)": (demo_moved_on, DEMO_DB),
}


@pytest.mark.parametrize("workers", ["0", "2"])
@pytest.mark.parametrize("case", list(IMPORTS))
def test_import_writes_the_same_rows_through_both_paths(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, case: str, workers: str
) -> None:
    make_archive, start = IMPORTS[case]
    archive = make_archive(cli, tmp_path)
    lean_db, full_db = tmp_path / "lean.db", tmp_path / "full.db"
    for db in (lean_db, full_db):
        if start is None:
            cli.ok("init", str(db))
        else:
            shutil.copy(start, db)
    monkeypatch.setenv("CLAIMS_IMPORT_WORKERS", workers)
    lean = cli.ok("import", str(archive), "--db", str(lean_db))
    monkeypatch.setenv(FORCE_FULL_STORE, "1")
    full = cli.ok("import", str(archive), "--db", str(full_db))
    assert lean.out.replace("lean.db", "") == full.out.replace("full.db", "")
    assert "Imported" in lean.out
    assert rows_masked(lean_db) == rows_masked(full_db)
