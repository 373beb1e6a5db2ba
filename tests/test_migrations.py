"""Schema migrations: a blank ledger matches the models; older ledgers migrate with their data."""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlmodel import SQLModel

import ledger.models  # noqa: F401
from ledger.location import locate_ledger
from ledger.schema_version import SCHEMA_HEAD, SCHEMA_REVISIONS
from ledger.store.schema import MIGRATIONS, open_database
from tests.conftest import Cli

FIXTURES = Path(__file__).parent / "fixtures"


def test_schema_version_constants_follow_alembic() -> None:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    script = ScriptDirectory.from_config(config)
    chain = [rev.revision for rev in script.walk_revisions()][::-1]
    assert tuple(chain) == SCHEMA_REVISIONS
    assert script.get_current_head() == SCHEMA_HEAD


# Alembic cannot reflect expression indexes on SQLite; the test below checks that one by name.
@pytest.mark.filterwarnings("ignore:autogenerate skipping metadata-specified expression")
@pytest.mark.filterwarnings("ignore:Skipped unsupported reflection of expression-based index")
def test_a_blank_ledger_migrated_to_head_matches_the_models(tmp_path: Path) -> None:
    db = open_database(locate_ledger(str(tmp_path / "blank.db")), create=True)
    try:
        with db.engine.connect() as connection:
            differences = compare_metadata(
                MigrationContext.configure(connection), SQLModel.metadata
            )
    finally:
        db.dispose()
    assert differences == []


def test_a_new_ledger_uses_wal_and_records_the_head(tmp_path: Path) -> None:
    path = tmp_path / "new.db"
    open_database(locate_ledger(str(path)), create=True).dispose()
    connection = sqlite3.connect(path)
    assert connection.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert (
        connection.execute("SELECT version_num FROM alembic_version").fetchone()[0] == SCHEMA_HEAD
    )


def test_every_older_ledger_opens_with_its_data(cli: Cli, tmp_path: Path) -> None:
    fixtures = sorted(FIXTURES.glob("ledger-*.db"))
    assert fixtures, "keep a ledger made by each schema revision in tests/fixtures"
    for fixture in fixtures:
        revision = fixture.stem.removeprefix("ledger-")
        assert revision in SCHEMA_REVISIONS
        copy = tmp_path / fixture.name
        shutil.copy(fixture, copy)
        rows = json.loads(cli.ok("list", "--json", "--db", str(copy)).out)
        assert len(rows) == 8
        grok = json.loads(cli.ok("show", "1", "--json", "--db", str(copy)).out)
        assert grok["row"]["slip_days"] == 48
        assert [d["said_on"] for d in grok["deadlines"]] == ["2024-09-04", "2025-02-13"]
        cli.ok("forecast", "6", "0.05", "--db", str(copy))
        connection = sqlite3.connect(copy)
        assert (
            connection.execute("SELECT version_num FROM alembic_version").fetchone()[0]
            == SCHEMA_HEAD
        )
        backups = list(tmp_path.glob(f"{fixture.name}.schema-{revision}.*.bak"))
        assert len(backups) == (0 if revision == SCHEMA_HEAD else 1)


def _rows(path: Path) -> dict[str, set[tuple[object, ...]]]:
    connection = sqlite3.connect(path)
    tables = [r[0] for r in connection.execute("SELECT name FROM sqlite_master WHERE type='table'")]
    content = {t: set(connection.execute(f"SELECT * FROM {t}").fetchall()) for t in tables}
    connection.close()
    return content


def test_every_older_ledger_is_backed_up_keeps_every_row_and_replays(
    cli: Cli, tmp_path: Path
) -> None:
    from tests.conftest import dump
    from tests.ledger_state import assert_consistent

    for fixture in sorted(FIXTURES.glob("ledger-*.db")):
        revision = fixture.stem.removeprefix("ledger-")
        copy = tmp_path / fixture.name
        shutil.copy(fixture, copy)
        original, original_dump = _rows(copy), dump(copy)
        assert cli("check", "--db", str(copy)).code == 0
        backups = list(tmp_path.glob(f"{fixture.name}.schema-{revision}.*.bak"))
        if revision != SCHEMA_HEAD:
            assert len(backups) == 1
            assert dump(backups[0]) == original_dump
        migrated = _rows(copy)
        for table, rows in original.items():
            if table != "alembic_version":
                assert rows <= migrated.get(table, set()), table
        assert_consistent(copy)


def test_a_ledger_newer_than_the_code_is_refused_by_every_new_command(
    cli: Cli, db_path: Path, tmp_path: Path
) -> None:
    from tests.conftest import GROK, dump

    cli.ok(*GROK)
    cli.ok("export", str(tmp_path / "in.jsonl"))
    connection = sqlite3.connect(db_path)
    connection.execute("UPDATE alembic_version SET version_num = '9999'")
    connection.commit()
    connection.close()
    before = dump(db_path)
    for argv in (("export", "-"), ("import", str(tmp_path / "in.jsonl")), ("undo", "1")):
        result = cli(*argv)
        assert result.code == 2, (argv, result)
        assert "newer than this version of claims" in result.err
    report = cli("check")
    assert report.code == 1 and "does not know" in report.out
    cli.ok("backup", str(tmp_path / "copy.db"))  # a copy is safe to take; nothing is opened
    assert dump(db_path) == before
    assert not list(db_path.parent.glob("*.schema-*.bak"))


def test_the_lists_read_deep_pages_off_their_indexes(cli: Cli, tmp_path: Path) -> None:
    copy = tmp_path / "old.db"
    shutil.copy(FIXTURES / "ledger-0001.db", copy)
    cli.ok("list", "--db", str(copy))  # migrates it
    connection = sqlite3.connect(copy)
    names = {row[0] for row in connection.execute("SELECT name FROM sqlite_master")}
    assert {"ix_claim_listed_by_deadline", "ix_claim_listed_by_said"} <= names
    page = (
        "SELECT c.id FROM claim c WHERE c.withdrawn_at IS NULL "
        "ORDER BY (c.window_end IS NULL), c.window_end, c.id LIMIT 50 OFFSET 5"
    )
    plan = " ".join(str(row) for row in connection.execute("EXPLAIN QUERY PLAN " + page))
    assert "ix_claim_listed_by_deadline" in plan and "TEMP B-TREE" not in plan
