"""The rules every change keeps: dates in order, withdrawn claims frozen, clear refusals."""

from __future__ import annotations

import json

import pytest

from tests.conftest import Backend, Cli


@pytest.fixture(autouse=True)
def on_each_backend(backend: Backend) -> Backend:
    return backend


def refused(cli: Cli, backend: Backend, *argv: str) -> str:
    before = backend.snapshot()
    result = cli(*argv)
    assert result.code == 2, result
    assert result.err.count("\n") == 1
    assert backend.snapshot() == before
    return result.err


def test_a_corrected_said_date_cannot_pass_what_came_later(
    cli: Cli, backend: Backend, grok: str
) -> None:
    cli.ok("forecast", grok, "0.4", "--at", "2024-10-01")
    err = refused(cli, backend, "edit", grok, "--said", "2024-11-01")
    assert "a forecast on it was made on 2024-10-01, before that" in err
    cli.ok("revise", grok, "--deadline", "2025", "--said", "2024-09-10")
    assert "re-dated on 2024-09-10" in refused(cli, backend, "edit", grok, "--said", "2024-09-15")
    cli.ok("resolve", grok, "broken", "--on", "2025-01-05")
    cli.ok("edit", grok, "--said", "2024-09-05")  # still before all of them
    assert "Said:      2024-09-05" in cli.ok("show", grok).out


def test_redatings_are_recorded_in_the_order_they_were_said(
    cli: Cli, backend: Backend, grok: str
) -> None:
    cli.ok("revise", grok, "--deadline", "by June", "--said", "2025-05-01")
    err = refused(cli, backend, "revise", grok, "--deadline", "by April", "--said", "2025-03-15")
    assert "last re-dated on 2025-05-01" in err
    assert "give the new deadline" in refused(cli, backend, "revise", grok, "--deadline", "")


def test_a_withdrawn_claim_is_frozen(cli: Cli, backend: Backend, grok: str) -> None:
    cli.ok("withdraw", grok)
    for argv in (
        ("tag", grok, "late"),
        ("source", grok, "https://s.example/"),
        ("edit", grok, "--hedge", "hopes"),
        ("forecast", grok, "0.5"),
        ("revise", grok, "--deadline", "2026", "--said", "2025-01-01"),
        ("resolve", grok, "kept"),
    ):
        assert "withdrawn" in refused(cli, backend, *argv)
    cli.ok("undo", grok)
    cli.ok("tag", grok, "late")


def test_tag_refusals_say_what_is_wrong(cli: Cli, backend: Backend, grok: str) -> None:
    assert "has no tag 'nosuch'" in refused(cli, backend, "tag", grok, "--remove", "nosuch")
    assert "already has 'xai'" in refused(cli, backend, "tag", grok, "xai")
    assert "both added and removed" in refused(cli, backend, "tag", grok, "new", "--remove", "NEW")


def test_probability_given_as_a_percent_without_the_sign(
    cli: Cli, backend: Backend, grok: str
) -> None:
    assert "did you mean 70%" in refused(cli, backend, "forecast", grok, "70")


def test_edits_keep_what_they_do_not_name(cli: Cli, backend: Backend, grok: str) -> None:
    cli.ok("edit", grok, "--metric", "GPUs", "--low", "100000", "--unit", "GPUs")
    out = cli.ok("edit", grok, "--high", "200000", "--said", "2024-09-05").out
    assert "said 2024-09-05; deadline: in December -> 2024-12-01..2024-12-31" in out
    target = json.loads(cli.ok("show", grok, "--json").out)["target"]
    assert target == {"metric": "GPUs", "low": 100000.0, "high": 200000.0, "unit": "GPUs"}
    history = cli.ok("history", grok).out
    assert "first deadline: in December -> 2024-12-01..2024-12-31 => in December" in history


def test_small_kindnesses(cli: Cli, backend: Backend, grok: str) -> None:
    cli.ok("tag", grok, "#Grok")
    assert json.loads(cli.ok("list", "--tag", "grok", "--json").out)[0]["tags"] == ["Grok", "xAI"]
    assert "no claimant goes by 'Muks'" in cli.ok("list", "--by", "Muks").out
    assert "an organisation" in cli.ok("claimants", "kind", "Elon Musk", "organization").out
    assert "--state resolved does not fit" in refused(cli, backend, "due", "--state", "resolved")
    assert "before 1900" in refused(
        cli, backend, "add", "Old", "--by", "A", "--said", "1850", "--source", "https://a.example/"
    )


def test_a_claimant_kind_change_is_logged(cli: Cli, backend: Backend, grok: str) -> None:
    assert (
        "is now recorded as an organisation"
        in cli.ok("claimants", "kind", "Elon Musk", "organisation").out
    )
    assert "is already recorded" in cli.ok("claimants", "kind", "Elon Musk", "organisation").out
    lines = [json.loads(line) for line in cli.ok("export", "-").out.splitlines()]
    logged = [line for line in lines if line["type"] == "event"]
    assert [(e["kind"], e["change"]) for e in logged] == [
        ("claimant-kind", {"claimant": "Elon Musk", "kind": ["person", "organisation"]})
    ]
    claimant = next(line for line in lines if line["type"] == "claimant")
    assert claimant["kind"] == "organisation"
    assert "All good" in cli.ok("check").out


def test_a_print_source_needs_only_its_title(cli: Cli, backend: Backend, grok: str) -> None:
    out = cli.ok("source", grok, "--title", "Print edition, p. 3", "--publisher", "FT").out
    assert "Added source to claim 1: Print edition, p. 3 (print)" in out
    sources = json.loads(cli.ok("show", grok, "--json").out)["sources"]
    assert sources[-1]["url"] is None and sources[-1]["title"] == "Print edition, p. 3"
    assert "give the source's URL, or for print its --title" in refused(
        cli, backend, "source", grok
    )


def test_more_small_kindnesses(cli: Cli, backend: Backend, grok: str) -> None:
    late = cli.ok(
        "add", "Old claim", "--by", "Bob", "--said", "2024-01-10", "--deadline", "Q2 2024",
        "--source", "https://e.example/1", "--probability", "70%",
    ).out  # fmt: skip
    assert "calibration will not score it: its window closed on 2024-06-30" in late
    in_time = cli.ok(
        "add", "New claim", "--by", "Bob", "--said", "2026-11-01", "--deadline", "2027",
        "--source", "https://e.example/2", "--probability", "70%",
    ).out  # fmt: skip
    assert "calibration will not score it" not in in_time
    assert "4 or more characters of its uid" in refused(cli, backend, "show", "ce2")
    assert "no change 'abcd' in this ledger" in refused(
        cli, backend, "undo", grok, "--event", "abcd"
    )
    assert (
        "Merged Bob into Elon Musk: 2 claims moved."
        in cli.ok("claimants", "merge", "Elon Musk", "Bob").out
    )
    cli.ok("withdraw", "3")
    assert "Withdrawn: 2026-11-29\n" in cli.ok("show", "3").out  # no reason, no trailing space


def test_the_ledger_history_says_who_did_what_to_which_claim(
    cli: Cli, backend: Backend, grok: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CLAIMS_USER", "ana")
    cli.ok("resolve", grok, "broken", "--on", "2025-02-17")
    cli.ok("claimants", "alias", "Elon Musk", "埃隆")
    lines = cli.ok("history").out.splitlines()
    assert len(lines) == 3
    assert "#1" in lines[0] and "created" in lines[0]
    assert (
        "ana" in lines[1] and "#1" in lines[1] and "resolved      broken on 2025-02-17" in lines[1]
    )
    assert lines[2].split()[2:] == ["ana", "claimant-alias", "Elon", "Musk", "is", "also", "埃隆"]
    assert len(cli.ok("history", "--actor", "ana").out.splitlines()) == 2
    assert len(cli.ok("history", "--limit", "1").out.splitlines()) == 1
    assert "No changes by bob." in cli.ok("history", "--actor", "bob").out
    assert "not one claim's" in refused(cli, backend, "history", grok, "--actor", "ana")


def test_adding_a_claim_again_says_which_it_repeats(cli: Cli, backend: Backend, grok: str) -> None:
    cli.ok("claimants", "alias", "Elon Musk", "Musk")  # the same claimant by another name
    again = cli.ok(
        "add", "xAI will release Grok-3 in December", "--by", "Musk", "--said", "2024-09-04",
        "--source", "https://b.example/",
    ).out  # fmt: skip
    assert "note: claim 1 has the same statement, claimant and said date" in again
    assert "`claims withdraw 2` takes this one out" in again
    other_day = cli.ok(
        "add", "xAI will release Grok-3 in December", "--by", "Musk", "--said", "2024-09-05",
        "--source", "https://b.example/",
    ).out  # fmt: skip
    assert "note:" not in other_day


def test_a_merge_asks_first_on_a_terminal(
    cli: Cli, backend: Backend, grok: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    import builtins
    import sys

    cli.ok("add", "Other", "--by", "Bob", "--said", "2024-09-04", "--source", "https://b.example/")
    monkeypatch.setattr(sys.stdin, "isatty", lambda: True)
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
    questions: list[str] = []
    monkeypatch.setattr(builtins, "input", lambda q: questions.append(q) or "n")
    before = backend.snapshot()
    declined = cli("claimants", "merge", "Elon Musk", "Bob")
    assert declined.code == 1 and "Nothing was merged." in declined.out
    assert "Merge Bob into Elon Musk?" in questions[0] and backend.snapshot() == before
    monkeypatch.setattr(builtins, "input", lambda q: "y")
    assert "1 claim moved" in cli.ok("claimants", "merge", "Elon Musk", "Bob").out
