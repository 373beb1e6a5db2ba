"""Backups: a consistent copy while others write, never over a file or through a link."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from tests.conftest import GROK, Cli, dump
from tests.ledger_state import assert_consistent
from tests.test_concurrency import ADDER, python


def test_a_backup_is_a_whole_ledger_beside_the_original(cli: Cli, db_path: Path) -> None:
    cli.ok(*GROK)
    out = cli.ok("backup").out
    copy = db_path.with_name("ledger.db.bak-20261129T120000Z")
    assert out == f"Backed up {db_path} to {copy}.\n"
    assert dump(copy) == dump(db_path)
    assert_consistent(copy)
    result = cli("backup")
    assert result.code == 2 and "--force" in result.err
    cli.ok("backup", "--force")


def test_a_backup_never_writes_through_a_link_or_over_the_ledger(
    cli: Cli, db_path: Path, tmp_path: Path
) -> None:
    cli.ok(*GROK)
    victim = tmp_path / "victim.txt"
    victim.write_text("precious")
    (tmp_path / "link.db").symlink_to(victim)
    result = cli("backup", str(tmp_path / "link.db"), "--force")
    assert result.code == 2 and "symbolic link" in result.err
    assert victim.read_text() == "precious"
    before = dump(db_path)
    assert cli("backup", str(db_path), "--force").code == 2
    assert dump(db_path) == before


def test_backup_refuses_what_it_cannot_copy(cli: Cli, tmp_path: Path) -> None:
    result = cli("backup", "--db", "postgresql://user@localhost/claims")
    assert result.code == 2 and "pg_dump" in result.err
    assert cli("backup", "--db", str(tmp_path / "missing.db")).code == 2


def test_backups_taken_while_another_program_writes_are_consistent(
    cli: Cli, db_path: Path, tmp_path: Path
) -> None:
    cli.ok("init")
    writer = python(ADDER, "writer", "300", db=db_path)
    copies = 0
    while writer.poll() is None or copies == 0:
        copy = tmp_path / f"copy-{copies}.db"
        cli.ok("backup", str(copy))
        assert_consistent(copy)
        connection = sqlite3.connect(copy)
        claims = connection.execute("SELECT count(*) FROM claim").fetchone()[0]
        created = connection.execute("SELECT count(*) FROM event WHERE kind = 'created'")
        assert created.fetchone()[0] == claims
        connection.close()
        copies += 1
    assert writer.wait() == 0, writer.communicate()[1]
