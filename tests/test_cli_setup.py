"""Setting up: creating a ledger and reading deadlines without storing anything."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import Cli


def test_init_creates_an_empty_ledger(cli: Cli, tmp_path: Path) -> None:
    target = tmp_path / "new.db"
    cli.ok("init", str(target))
    assert target.exists()
    assert cli.ok("list", "--db", str(target)).out.startswith("This ledger has no claims yet")
    assert cli("init", str(target)).code == 2


def test_parse_deadline_stores_nothing(cli: Cli, db_path: Path) -> None:
    out = cli.ok("parse-deadline", "in December", "--said", "2024-09-04").out
    assert out.strip().startswith("in December -> 2024-12-01..2024-12-31 (month)")
    data = json.loads(cli.ok("parse-deadline", "in December", "--said", "2024-12-20", "--json").out)
    assert (data["start"], data["end"]) == ("2024-12-20", "2024-12-31")
    assert not db_path.exists()
