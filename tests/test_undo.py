"""Undo: one change taken back as a new event; the claim is as it was, and the log says so."""

from __future__ import annotations

import dataclasses
import json
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import pytest

from ledger.api import Ledger
from ledger.archive.items import ArchivedClaim
from ledger.location import locate_ledger
from ledger.replay import CREATION_UNDONE
from ledger.state import ClaimState
from tests.conftest import GROK, Backend, Cli, dump
from tests.ledger_state import assert_consistent

EPOCH = datetime(2000, 1, 1, tzinfo=UTC)


def claim_state(db: str | Path, number: int = 1) -> ClaimState:
    """The claim's whole state, without the two fields every change moves on."""
    with Ledger.open(locate_ledger(str(db)), actor="tests") as ledger:
        claims = [item for item in ledger.archive() if isinstance(item, ArchivedClaim)]
    return dataclasses.replace(claims[number - 1].state, version=0, updated_at=EPOCH)


CHANGES = {
    "edited": ("edit", "1", "--said", "2024-09-20", "--hedge", "hopes", "--quote", "words"),
    "source-added": ("source", "1", "https://s.example/", "--title", "T"),
    "tagged": ("tag", "1", "Grok", "--remove", "xAI"),
    "revised": (
        "revise",
        "1",
        "--deadline",
        "2025",
        "--said",
        "2025-01-02",
        "--source",
        "https://r.example/",
    ),
    "forecast": ("forecast", "1", "0.7", "--at", "2024-10-01"),
    "resolved": ("resolve", "1", "kept", "--on", "2024-12-24", "--evidence", "https://e.example/"),
    "withdrawn": ("withdraw", "1", "--reason", "oops"),
}


@pytest.mark.parametrize("change", CHANGES.values(), ids=CHANGES.keys())
def test_undo_puts_the_claim_back_and_undoing_that_redoes_it(
    cli: Cli, backend: Backend, change: tuple[str, ...]
) -> None:
    cli.ok(*GROK, "--probability", "0.5")
    before = claim_state(backend.url)
    cli.ok(*change)
    after = claim_state(backend.url)
    assert after != before
    out = cli.ok("undo", "1").out
    assert out.startswith(f"Undid the {next(k for k, v in CHANGES.items() if v == change)} change")
    assert claim_state(backend.url) == before
    assert_consistent(backend.url)
    cli.ok("undo", "1")
    assert claim_state(backend.url) == after
    assert_consistent(backend.url)
    kinds = [event["kind"] for event in json.loads(cli.ok("history", "1", "--json").out)]
    assert kinds[-2:] == ["undone", "undone"]


def test_undo_of_a_reopening_restores_the_verdict_as_it_was(cli: Cli, backend: Backend) -> None:
    cli.ok(*GROK)
    cli.ok("resolve", "1", "broken", "--on", "2025-02-17", "--note", "late")
    resolved = claim_state(backend.url)
    cli.ok("reopen", "1")
    cli.ok("undo", "1")
    assert claim_state(backend.url) == resolved
    assert_consistent(backend.url)


def test_undoing_a_creation_withdraws_the_claim(cli: Cli, backend: Backend) -> None:
    cli.ok(*GROK)
    out = cli.ok("undo").out
    assert "withdrawn, not deleted" in out
    state = claim_state(backend.url)
    assert state.withdrawn_reason == CREATION_UNDONE
    assert json.loads(cli.ok("list", "--json").out) == []
    cli.ok("undo", "1")
    assert claim_state(backend.url).withdrawn_at is None
    assert_consistent(backend.url)


def test_undo_without_an_id_takes_the_ledgers_latest_change(cli: Cli, backend: Backend) -> None:
    cli.ok(*GROK)
    cli.ok("add", "Second", "--by", "B", "--said", "2024-01-01", "--source", "https://b.example/")
    cli.ok("forecast", "1", "0.3")
    out = cli.ok("undo").out
    assert "forecast change of claim 1" in out
    assert claim_state(backend.url).forecasts == ()


def test_undo_refuses_when_the_claim_changed_since(cli: Cli, backend: Backend) -> None:
    cli.ok(*GROK)
    cli.ok("forecast", "1", "0.3")
    seen = json.loads(cli.ok("history", "1", "--json").out)[-1]["uid"]
    cli.ok("forecast", "1", "0.6")  # someone else, meanwhile
    before = backend.snapshot()
    result = cli("undo", "1", "--event", seen[:8])
    assert result.code == 2
    assert "changed since" in result.err and result.err.count("\n") == 1
    assert backend.snapshot() == before
    latest = json.loads(cli.ok("history", "1", "--json").out)[-1]["uid"]
    cli.ok("undo", "1", "--event", latest[:8])


def test_undo_refuses_claimant_changes_and_an_empty_ledger(cli: Cli, backend: Backend) -> None:
    assert cli("undo").code == 2
    cli.ok(*GROK)
    cli.ok("claimants", "alias", "Elon Musk", "马斯克")
    before = backend.snapshot()
    result = cli("undo")
    assert result.code == 2
    assert "claimants" in result.err
    assert backend.snapshot() == before
    assert cli("undo", "42").code == 2


def test_undo_refuses_a_claim_whose_rows_do_not_match_its_log(cli: Cli, db_path: Path) -> None:
    cli.ok(*GROK)
    cli.ok("forecast", "1", "0.3")
    connection = sqlite3.connect(db_path)
    connection.execute("UPDATE claim SET statement = 'tampered'")
    connection.commit()
    connection.close()
    before = dump(db_path)
    result = cli("undo", "1")
    assert result.code == 1
    assert "does not match its history" in result.err
    assert dump(db_path) == before


def test_undo_of_a_merge_leaves_the_claim_with_the_merged_claimant(
    cli: Cli, backend: Backend
) -> None:
    cli.ok(*GROK)
    cli.ok("add", "Other", "--by", "E. Musk", "--said", "2024-01-01", "--source", "https://o.ex/")
    cli.ok("claimants", "merge", "Elon Musk", "E. Musk")
    cli.ok("undo", "2")
    assert claim_state(backend.url, 2).claimant == "Elon Musk"
    assert_consistent(backend.url)
