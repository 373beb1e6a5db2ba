"""The lean sqlite3 `add` writes exactly the rows the full store writes (uids aside)."""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

import pytest

from ledger.lean import open_lean
from ledger.location import locate_ledger
from tests.conftest import GROK, Cli
from tests.ledger_state import assert_consistent

UID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}")
ADDS = [
    (
        *GROK,
        "--probability",
        "0.4",
        "--quote",
        "我们希望",
        "--condition",
        "if ready",
        "--metric",
        "GPUs",
        "--low",
        "100,000",
        "--high",
        "2e5",
        "--unit",
        "GPUs",
        "--source",
        "https://example.com/second",
        "--hedge",
        "hopes",
    ),
    (
        "add",
        "Second",
        "--by",
        "马斯克",
        "--said",
        "2025-01",
        "--deadline",
        "2026",
        "--source",
        "https://b.example/",
        "--tag",
        "XAI",
        "--tag",
        "new",
    ),
    ("add", "Third", "--by", "Tesla", "--said", "2024", "--source", "https://c.example/"),
]


def rows_without_uids(path: Path) -> dict[str, list[tuple[object, ...]]]:
    connection = sqlite3.connect(path)
    tables = [r[0] for r in connection.execute("SELECT name FROM sqlite_master WHERE type='table'")]
    content = {}
    for table in sorted(tables):
        rows = connection.execute(f"SELECT * FROM {table} ORDER BY rowid").fetchall()
        content[table] = [
            tuple(UID.sub("<uid>", v) if isinstance(v, str) else v for v in row) for row in rows
        ]
    connection.close()
    return content


def test_lean_and_full_store_add_write_identical_rows(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    written = {}
    for path_name in ("lean", "full"):
        db = tmp_path / f"{path_name}.db"
        cli.ok("init", str(db))
        cli.ok(
            "add",
            "First",
            "--by",
            "Elon Musk",
            "--source",
            "https://a.example/",
            "--tag",
            "xAI",
            "--db",
            str(db),
        )
        cli.ok("--db", str(db), "claimants", "alias", "Elon Musk", "马斯克")
        if path_name == "full":
            monkeypatch.setenv("CLAIMS_FULL_STORE", "1")
        else:
            lean = open_lean(locate_ledger(str(db)), actor="tests")
            assert lean is not None
            lean.close()
        for argv in ADDS:
            cli.ok(*argv, "--db", str(db))
        written[path_name] = rows_without_uids(db)
        assert_consistent(db)
    assert written["lean"] == written["full"]
