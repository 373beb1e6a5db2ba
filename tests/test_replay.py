"""The event log rebuilds every claim, and `claims check` notices when the rows say otherwise."""

from __future__ import annotations

import json
import sqlite3
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from ledger.archive.items import ArchivedEvent
from ledger.replay import ReplayError, replay
from tests.conftest import GROK, Cli
from tests.ledger_state import assert_consistent, build_busy_ledger


def test_every_kind_of_change_replays_to_the_stored_state(cli: Cli, db_path: Path) -> None:
    build_busy_ledger(cli, db_path)
    assert_consistent(db_path)
    result = cli.ok("check")
    assert "history: 3 claims and 18 events replayed" in result.out
    assert result.out.rstrip().endswith("All good: every claim matches its history.")


def test_the_demo_ledger_replays(cli: Cli, tmp_path: Path) -> None:
    from tests.conftest import DEMO_DB

    copy = tmp_path / "demo.db"
    copy.write_bytes(DEMO_DB.read_bytes())
    assert_consistent(copy)


def test_an_edit_that_rereads_the_first_deadline_records_it_whole(cli: Cli, grok: str) -> None:
    cli.ok("revise", grok, "--deadline", "2025", "--said", "2025-01-10")
    cli.ok("edit", grok, "--said", "2024-09")
    change = json.loads(cli.ok("history", grok, "--json").out)[-1]["change"]
    # The claim's own window stays the revision's, so only the first deadline shows the re-read.
    before, after = change["first_deadline"]
    assert set(before) == set(after) == {"phrase", "said_on", "start", "end", "precision", "note"}
    assert (before["said_on"], after["said_on"]) == ("2024-09-04", "2024-09")
    for window in (before, after):
        assert (window["phrase"], window["start"], window["end"]) == (
            "in December",
            "2024-12-01",
            "2024-12-31",
        )
    assert "window_end" not in change
    assert cli.ok("check").code == 0


TAMPERING = {
    "an outcome set behind the log's back": "UPDATE claim SET outcome = 'kept'",
    "a source deleted": "DELETE FROM source WHERE id = 1",
    "a tag link deleted": "DELETE FROM claim_tag",
    "a forecast changed": "UPDATE forecast SET probability = 0.9",
    "the creation event deleted": "DELETE FROM event WHERE kind = 'created'",
    "the current window out of step": "UPDATE claim SET window_end = '2030-01-01'",
    "a version bumped": "UPDATE claim SET version = version + 1",
    "an event that is not JSON": "UPDATE event SET change = 'not json' WHERE kind = 'forecast'",
    "a dangling reference": "PRAGMA foreign_keys = OFF; UPDATE source SET claim_id = 99",
}


@pytest.mark.parametrize("sql", TAMPERING.values(), ids=TAMPERING.keys())
def test_check_reports_rows_that_disagree_with_the_log(cli: Cli, db_path: Path, sql: str) -> None:
    cli.ok(*GROK, "--probability", "0.3")
    cli.ok("forecast", "1", "0.4")
    connection = sqlite3.connect(db_path)
    connection.executescript(sql)
    connection.commit()
    connection.close()
    result = cli("check")
    assert result.code == 1
    assert "problem" in result.out
    assert "claim 1" in result.out or "foreign keys" in result.out
    report = json.loads(cli("check", "--json").out)
    assert report["ok"] is False and report["problems"]


def test_check_reports_a_damaged_file_without_opening_it(cli: Cli, db_path: Path) -> None:
    for index in range(30):
        cli.ok("add", f"Claim {index} " + "x" * 300, "--by", "A", "--source", "https://a.example/")
    connection = sqlite3.connect(db_path)
    connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    pages = connection.execute("PRAGMA page_count").fetchone()[0]
    connection.close()
    data = bytearray(db_path.read_bytes())
    page = len(data) // pages
    data[page * (pages - 2) + 8 : page * (pages - 2) + 200] = b"\xff" * 192
    db_path.write_bytes(bytes(data))
    result = cli("check")
    assert result.code == 1, result
    assert "pages:" in result.out or "cannot be read" in result.out


def test_check_refuses_a_file_that_is_not_a_ledger(cli: Cli, tmp_path: Path) -> None:
    notes = tmp_path / "notes.txt"
    notes.write_text("hello")
    result = cli("check", "--db", str(notes))
    assert result.code == 2
    assert "not a claims ledger" in result.err


def _event(kind: str, change: dict[str, Any], uid: str = "e") -> ArchivedEvent:
    return ArchivedEvent(uid, datetime(2025, 1, 1, tzinfo=UTC), "a", kind, change)


def test_replay_refuses_a_log_that_describes_no_claim(cli: Cli, grok: str) -> None:
    created = json.loads(cli.ok("history", grok, "--json").out)[0]["change"]
    with pytest.raises(ReplayError, match="no events"):
        replay([])
    with pytest.raises(ReplayError, match="not 'created'"):
        replay([_event("forecast", {"probability": 0.5, "made_at": "2025-01-01"})])
    with pytest.raises(ReplayError, match="not the change just before"):
        replay([_event("created", created, "a"), _event("undone", {"event": "zzz"}, "b")])
    with pytest.raises(ReplayError, match="kind a claim cannot have"):
        replay([_event("created", created), _event("claimant-alias", {})])
    with pytest.raises(ReplayError, match="cannot be replayed"):
        replay([_event("created", {**created, "said_on": "someday"})])
    assert replay([_event("created", created)]).statement == "xAI will release Grok-3 in December"
