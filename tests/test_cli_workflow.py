"""A claim's whole life through the CLI: capture, list, revise, forecast, resolve, reopen, edit."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import GROK, Backend, Cli


@pytest.fixture(autouse=True)
def on_each_backend(backend: Backend) -> Backend:
    """Every test here runs on SQLite and on PostgreSQL."""
    return backend


def test_add_answers_with_the_claim_and_its_reading(cli: Cli) -> None:
    result = cli.ok(*GROK)
    assert "Added claim 1" in result.out
    assert "in December -> 2024-12-01..2024-12-31 (month)" in result.out
    assert result.err == ""


def test_add_claim_is_an_alias_of_add(cli: Cli) -> None:
    cli.ok("add-claim", *GROK[1:])
    shown = json.loads(cli.ok("show", "1", "--json").out)
    assert shown["row"]["statement"] == "xAI will release Grok-3 in December"


def test_add_without_said_date_uses_today_and_says_so(cli: Cli) -> None:
    result = cli.ok("add", "Soon", "--by", "A", "--source", "https://a.example/x")
    assert "said 2026-11-29 (today" in result.out


def test_add_stores_every_field(cli: Cli) -> None:
    cli.ok(
        *GROK,
        "--quote",
        "我们希望能在12月发布Grok-3",
        "--hedge",
        "hopes",
        "--condition",
        "if the cluster is ready",
        "--probability",
        "70%",
        "--metric",
        "GPUs",
        "--low",
        "200,000",
        "--unit",
        "GPUs",
        "--source",
        "https://example.com/second",
    )
    data = json.loads(cli.ok("show", "1", "--json").out)
    assert data["quote"] == "我们希望能在12月发布Grok-3"
    assert data["hedge"] == "hopes"
    assert data["condition"] == "if the cluster is ready"
    assert data["target"] == {"metric": "GPUs", "low": 200000.0, "high": None, "unit": "GPUs"}
    assert [s["url"] for s in data["sources"]] == [
        "https://example.com/grok",
        "https://example.com/second",
    ]
    assert data["forecasts"][0]["probability"] == 0.7
    assert data["row"]["tags"] == ["xAI"]
    assert data["row"]["state"] == "overdue"
    assert data["row"]["days_overdue"] == (698)


def test_list_filters_by_alias_tag_outcome_and_state(cli: Cli) -> None:
    cli.ok(*GROK)
    cli.ok(
        "add",
        "Optimus for sale",
        "--by",
        "Tesla",
        "--said",
        "2025-01-01",
        "--deadline",
        "2026",
        "--source",
        "https://t.example/o",
        "--tag",
        "robots",
    )
    cli.ok("claimants", "alias", "Elon Musk", "马斯克")
    assert _ids(cli, "--by", "马斯克") == [1]
    assert _ids(cli, "--by", "musk") == [1]
    assert _ids(cli, "--tag", "ROBOTS") == [2]
    assert _ids(cli, "--state", "overdue") == [1]
    assert _ids(cli, "--state", "due") == [2]
    assert _ids(cli, "--search", "optimus") == [2]
    assert _ids(cli, "--before", "2025-01-01") == [1]
    assert _ids(cli, "--sort", "deadline", "--reverse") == [2, 1]
    cli.ok("resolve", "1", "broken", "--on", "2025-02-17")
    assert _ids(cli, "--outcome", "broken") == [1]
    assert _ids(cli, "--state", "resolved") == [1]


def _ids(cli: Cli, *filters: str) -> list[int]:
    return [row["id"] for row in json.loads(cli.ok("list", "--json", *filters).out)]


def test_revise_keeps_the_first_deadline_and_slip_counts_from_it(cli: Cli, grok: str) -> None:
    out = cli.ok("revise", grok, "--deadline", "in one to two weeks", "--said", "2025-02-13").out
    assert "2025-02-13..2025-02-27" in out
    assert "first deadline stays on record: in December" in out
    cli.ok("resolve", grok, "broken", "--on", "2025-02-17", "--note", "late")
    row = json.loads(cli.ok("list", "--json").out)[0]
    assert row["window_end"] == "2025-02-27"
    assert row["first_window_end"] == "2024-12-31"
    assert row["slip_days"] == 48
    assert row["revisions"] == 1
    listing = cli.ok("list").out
    assert "broken +48d" in listing


def test_forecast_keeps_the_time_it_was_made(cli: Cli, grok: str) -> None:
    cli.ok("forecast", grok, "0.25", "--at", "2024-09-10")
    cli.ok("forecast", grok, "40%")
    data = json.loads(cli.ok("show", grok, "--json").out)
    assert [(f["probability"], f["made_at"][:10]) for f in data["forecasts"]] == [
        (0.25, "2024-09-10"),
        (0.4, "2026-11-29"),
    ]
    assert data["row"]["last_forecast"] == 0.4


def test_resolve_then_reopen_keeps_history(cli: Cli, grok: str) -> None:
    cli.ok("resolve", grok, "kept", "--on", "2024-12-20", "--evidence", "https://e.example/x")
    again = cli("resolve", grok, "broken")
    assert again.code == 2
    assert "reopen it first" in again.err
    cli.ok("reopen", grok)
    data = json.loads(cli.ok("show", grok, "--json").out)
    assert data["row"]["outcome"] is None
    assert [e["kind"] for e in data["history"]] == ["created", "resolved", "reopened"]
    assert data["history"][2]["change"]["outcome"] == "kept"
    assert [s["role"] for s in data["sources"]] == ["source", "evidence"]


def test_edit_said_date_rereads_the_deadline(cli: Cli, grok: str) -> None:
    cli.ok("edit", grok, "--said", "2025-01-10")
    row = json.loads(cli.ok("list", "--json").out)[0]
    assert (row["window_start"], row["window_end"]) == ("2025-12-01", "2025-12-31")
    history = json.loads(cli.ok("history", grok, "--json").out)
    assert history[-1]["kind"] == "edited"
    assert history[-1]["change"]["said_on"] == ["2024-09-04", "2025-01-10"]
    assert history[-1]["actor"] == "tester"


def test_edit_fields_and_clear_quote(cli: Cli, grok: str) -> None:
    cli.ok("edit", grok, "--quote", "words", "--by", "xAI", "--hedge", "plans")
    cli.ok("edit", grok, "--quote", "")
    data = json.loads(cli.ok("show", grok, "--json").out)
    assert data["quote"] is None
    assert data["hedge"] == "plans"
    assert data["row"]["claimant"] == "xAI"


def test_tag_source_and_withdraw(cli: Cli, grok: str) -> None:
    cli.ok("tag", grok, "Grok", "models")
    cli.ok("tag", grok, "--remove", "models")
    cli.ok("source", grok, "https://e.example/launch", "--evidence", "--publisher", "Reuters")
    data = json.loads(cli.ok("show", grok, "--json").out)
    assert data["row"]["tags"] == ["Grok", "xAI"]
    assert data["sources"][-1]["publisher"] == "Reuters"
    cli.ok("withdraw", grok, "--reason", "duplicate")
    assert json.loads(cli.ok("list", "--json").out) == []
    assert len(json.loads(cli.ok("list", "--json", "--withdrawn").out)) == 1
    assert cli("resolve", grok, "kept").code == 2


def test_claimants_merge_moves_claims_and_names(cli: Cli, grok: str) -> None:
    cli.ok(
        "add",
        "Another",
        "--by",
        "E. Musk",
        "--said",
        "2024-01-01",
        "--source",
        "https://a.example/",
    )
    cli.ok("claimants", "merge", "Elon Musk", "E. Musk")
    people = json.loads(cli.ok("claimants", "--json").out)
    assert [(p["name"], p["claims"], p["aliases"]) for p in people] == [
        ("Elon Musk", 2, ["E. Musk"])
    ]
    assert _ids(cli, "--by", "E. Musk") == [1, 2]


def test_show_accepts_a_uid_prefix(cli: Cli, grok: str) -> None:
    uid = json.loads(cli.ok("show", grok, "--json").out)["row"]["uid"]
    assert json.loads(cli.ok("show", uid[:8], "--json").out)["row"]["id"] == 1


def test_claimants_actions_take_db_after_the_action(cli: Cli, grok: str, tmp_path: Path) -> None:
    other = str(tmp_path / "other.db")
    cli.ok(
        "add",
        "Elsewhere",
        "--by",
        "Ana",
        "--said",
        "2024-01-01",
        "--source",
        "https://a.example/",
        "--db",
        other,
    )
    cli.ok("claimants", "alias", "Ana", "A. N.", "--db", other)
    listed = json.loads(cli.ok("claimants", "list", "--json", "--db", other).out)
    assert [(c["name"], c["aliases"]) for c in listed] == [("Ana", ["A. N."])]
    assert json.loads(cli.ok("claimants", "--json", "list").out)[0]["name"] == "Elon Musk"


def test_a_forecast_that_can_never_count_says_so(cli: Cli, grok: str) -> None:
    early = cli.ok("forecast", grok, "0.3", "--at", "2024-10-01").out
    assert "note:" not in early
    late = cli.ok("forecast", grok, "0.3").out  # 2026-11-29: the window closed on 2024-12-31
    assert "note: calibration will not score it" in late
    assert "made by 2024-12-31" in late
