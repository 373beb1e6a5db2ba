"""Edges a new user meets: empty paths and files, no command, format names, unknown claimants."""

from __future__ import annotations

import json
import re
import sqlite3
from pathlib import Path

import pytest

from tests.conftest import GROK, Cli, dump
from tests.test_cli_bad_input import ADD


def one_line_refusal(cli: Cli, *argv: str) -> str:
    result = cli(*argv)
    assert result.code == 2, (result.out, result.err)
    assert result.err.count("\n") == 1 and result.err.startswith("claims: "), result.err
    return result.err


def test_an_empty_ledger_path_is_refused_not_read_as_the_default(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    for argv in (("list", "--db", ""), (*ADD, "--db", " "), ("--db", "", "due")):
        assert "ledger path is empty" in one_line_refusal(cli, *argv)
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    ("url", "why"),
    [
        ("foo://bar", "not foo://"),
        ("mysql://u@h/db", "not mysql://"),
        (
            "postgresql+asyncpg://u@h/db",
            "postgresql+asyncpg:// needs a driver claims does not install",
        ),
    ],
)
def test_a_database_url_claims_cannot_open_is_named_plainly(cli: Cli, url: str, why: str) -> None:
    works = "claims works with a SQLite file or a postgresql:// URL"
    assert (
        one_line_refusal(cli, "list", "--db", url) == f"claims: cannot open {url}: {works}; {why}\n"
    )


def test_an_empty_file_is_not_made_a_ledger_by_reading_it(cli: Cli, tmp_path: Path) -> None:
    empty = tmp_path / "empty.db"
    empty.touch()
    blank = tmp_path / "blank.db"  # a SQLite database that holds no tables
    connection = sqlite3.connect(blank)
    connection.execute("CREATE TABLE t (x)")
    connection.execute("DROP TABLE t")
    connection.close()
    before = blank.read_bytes()
    for path in (empty, blank):
        for argv in (("list",), ("due",), ("show", "1"), ("report",), ("calibration",)):
            error = one_line_refusal(cli, *argv, "--db", str(path))
            assert "empty database" in error and "claims init" in error
    assert empty.stat().st_size == 0
    assert blank.read_bytes() == before
    for path in (empty, blank):
        cli.ok("init", str(path))
        assert cli.ok("list", "--db", str(path)).out.startswith("This ledger has no claims yet")
        assert "exists already" in one_line_refusal(cli, "init", str(path))
    notes = tmp_path / "notes.txt"
    notes.write_text("not empty")
    assert "exists already" in one_line_refusal(cli, "init", str(notes))


def test_add_says_when_it_makes_a_new_ledger(cli: Cli, tmp_path: Path) -> None:
    path = tmp_path / "typo.db"
    first = cli.ok(*ADD, "--db", str(path)).out
    assert first.splitlines()[0] == f"Made a new ledger: {path}"
    second = cli.ok(*ADD[:1], "Another", *ADD[2:], "--db", str(path)).out
    assert "new ledger" not in second and second.startswith("Added claim 2")


def test_no_command_shows_the_commands_and_says_to_give_one(cli: Cli) -> None:
    result = cli()
    assert result.code == 2
    assert "add (add-claim)" in result.out
    assert result.err == "claims: give a command, one of those listed above\n"


def test_export_refuses_a_name_that_says_another_format(cli: Cli, tmp_path: Path) -> None:
    cli.ok(*GROK)
    for name in ("claims.json", "claims.xlsx", "claims.txt"):
        assert "cannot tell which format" in one_line_refusal(cli, "export", str(tmp_path / name))
    assert list(tmp_path.glob("claims.*")) == []
    done = cli.ok("export", str(tmp_path / "claims.json"), "--format", "jsonl").out
    assert done.startswith("Exported 1 claim to ")
    for name in ("claims.jsonl", "claims.ndjson", "claims", "claims.csv"):
        cli.ok("export", str(tmp_path / name))


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ('{"foo": 1}', 'line 2: has no "type" (claim, event or claimant)'),
        ('{"type": "note"}', "line 2: unknown record type 'note' (claim, event or claimant)"),
        ('{"type": "claim",}', "line 2: not a JSON object (Expecting property name"),
        ('{"type": "claim", "statement": "a', "line 2: not a JSON object (Unterminated string"),
    ],
    ids=["no type", "unknown type", "trailing comma", "cut short"],
)
def test_a_bad_archive_line_is_named_once(
    cli: Cli, tmp_path: Path, db_path: Path, line: str, message: str
) -> None:
    cli.ok(*GROK)
    archive = tmp_path / "bad.jsonl"
    header = json.dumps({"type": "header", "format": "claims-ledger", "version": 1})
    archive.write_text(f"{header}\n{line}")
    before = dump(db_path)
    error = one_line_refusal(cli, "import", str(archive))
    assert message in error
    assert len(re.findall(r"\bline \d", error)) == 1, error
    assert dump(db_path) == before


def test_a_report_on_an_unknown_claimant_says_so_as_list_does(cli: Cli) -> None:
    cli.ok(*GROK)
    expected = "No claims match: no claimant goes by 'Nobody' (claims claimants lists them).\n"
    assert cli.ok("list", "--by", "Nobody").out == expected
    assert cli.ok("report", "--by", "Nobody").out == expected
    assert cli.ok("report", "--by", "Musk").out.startswith("Matching claims: 1 claim")
    assert json.loads(cli.ok("report", "--by", "Nobody", "--json").out)["records"]


def test_calibration_groups_count_their_claims_without_a_forecast(cli: Cli) -> None:
    for index, by in enumerate(("Ann", "Ann", "Bob"), start=1):
        cli.ok(
            "add", f"Claim {index}", "--by", by, "--said", "2025-01-01", "--deadline",
            "by March 2025", "--source", "https://a.example/",
        )  # fmt: skip
        cli.ok("resolve", str(index), "kept", "--on", "2025-03-01")
    cli.ok("forecast", "1", "0.8", "--at", "2025-01-05")
    data = json.loads(cli.ok("calibration", "--json").out)
    assert data["overall"]["left_out"]["no_forecast"] == 2
    (ann,) = data["by_claimant"]  # Bob has no forecast: no group of his own
    assert (ann["name"], ann["scored"], ann["left_out"]["no_forecast"]) == ("Ann", 1, 1)


def test_an_unknown_argument_points_to_the_commands_own_help(cli: Cli) -> None:
    for argv, hint in (
        (("list", "extra"), "(see claims list --help)"),
        (("ls", "--bogus"), "(see claims list --help)"),
        (("--bogus",), "(see claims --help)"),
    ):
        assert one_line_refusal(cli, *argv).endswith(f"{hint}\n")


def test_re_reading_a_resolved_claims_deadline_says_the_outcome_was_judged_before(
    cli: Cli,
) -> None:
    cli.ok(
        "add", "X by March", "--by", "A", "--said", "2026-01-05", "--deadline", "by March",
        "--source", "https://a.example/",
    )  # fmt: skip
    assert "note:" not in cli.ok("edit", "1", "--said", "2026-01-06").out
    cli.ok("resolve", "1", "broken", "--on", "2026-05-10")
    out = cli.ok("edit", "1", "--said", "2026-05-01").out
    assert "deadline: by March -> 2026-05-01..2027-03-31" in out
    assert "note: it was resolved (broken on 2026-05-10)" in out and "claims reopen 1" in out
    assert "note:" not in cli.ok("edit", "1", "--statement", "X by March!").out


def test_edit_says_what_it_changed(cli: Cli) -> None:
    cli.ok(*GROK)
    out = cli.ok("edit", "1", "--hedge", "hopes", "--statement", "xAI will ship Grok-3").out
    assert out.splitlines() == [
        "Edited claim 1: hedge: will -> hopes, "
        "statement: xAI will release Grok-3 in December -> xAI will ship Grok-3"
    ]


def test_an_edit_that_fills_or_clears_a_field_says_none_plainly(cli: Cli) -> None:
    cli.ok(*GROK)
    assert (
        cli.ok("edit", "1", "--quote", "We hope").out
        == "Edited claim 1: quote: (none) -> We hope\n"
    )
    assert cli.ok("edit", "1", "--quote", "").out == "Edited claim 1: quote: We hope -> (none)\n"
    assert "quote: We hope -> (none)" in cli.ok("history", "1").out
