"""The committed demo ledger: exactly the article's claims, at the current schema, never written."""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from ledger.demo.build import build_demo, load_facts
from ledger.schema_version import SCHEMA_HEAD
from tests.conftest import DEMO_DB, Cli

RANDOM_COLUMNS = {("event", "uid")}


def canonical_rows(path: Path) -> dict[str, list[tuple[Any, ...]]]:
    """Every table's rows in key order, read-only, with the random event uids masked."""
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        tables = [
            r[0]
            for r in connection.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"
            )
        ]
        content = {}
        for table in tables:
            cursor = connection.execute(f"SELECT * FROM {table}")
            names = [d[0] for d in cursor.description]
            masked = [i for i, name in enumerate(names) if (table, name) in RANDOM_COLUMNS]
            rows = [tuple("*" if i in masked else v for i, v in enumerate(row)) for row in cursor]
            content[table] = sorted(rows, key=repr)
        return content
    finally:
        connection.close()


@pytest.fixture(scope="module")
def demo_copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    copy = tmp_path_factory.mktemp("demo") / "claims.db"
    shutil.copy(DEMO_DB, copy)
    return copy


def test_committed_demo_ledger_equals_a_fresh_build(tmp_path: Path) -> None:
    fresh = tmp_path / "fresh.db"
    build_demo(fresh)
    assert canonical_rows(DEMO_DB) == canonical_rows(fresh)


def test_committed_demo_ledger_is_at_the_current_schema() -> None:
    assert canonical_rows(DEMO_DB)["alembic_version"] == [(SCHEMA_HEAD,)]


def test_demo_holds_every_claim_of_the_article(cli: Cli, demo_copy: Path) -> None:
    facts = load_facts()
    rows = json.loads(cli.ok("list", "--json", "--db", str(demo_copy)).out)
    assert [r["statement"] for r in rows] == [c["statement"] for c in facts["claims"]]
    for row, claim in zip(rows, facts["claims"], strict=True):
        assert row["outcome"] == claim["outcome"]
        assert row["happened_on"] == claim.get("happened_on")
        first = claim["deadline_window"] or [None, None]
        assert row["first_window_end"] == first[1]


def test_grok3_is_broken_with_a_48_day_slip(cli: Cli, demo_copy: Path) -> None:
    listing = cli.ok("list", "--outcome", "broken", "--db", str(demo_copy)).out
    assert "Grok-3" in listing
    assert "broken +48d" in listing
    shown = cli.ok("show", "1", "--db", str(demo_copy)).out
    assert "Re-dated:  said 2025-02-13: in one to two weeks -> 2025-02-13..2025-02-27" in shown
    assert "48 days after the first deadline" in shown


def test_build_refuses_to_overwrite_without_force(cli: Cli, tmp_path: Path) -> None:
    target = tmp_path / "demo.db"
    target.write_text("keep me")
    result = cli("build-demo", str(target))
    assert result.code == 2
    assert target.read_text() == "keep me"
