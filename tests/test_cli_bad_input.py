"""Bad input: exit status 2, one clear line on stderr, and nothing written."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from tests.conftest import GROK, Backend, Cli, dump

ADD = (
    "add",
    "A claim",
    "--by",
    "Someone",
    "--said",
    "2024-09-04",
    "--source",
    "https://a.example/",
)

BAD_COMMANDS = {
    "unreadable deadline": (*ADD, "--deadline", "when pigs fly"),
    "ambiguous deadline": (*ADD, "--deadline", "04/05/2025"),
    "said date in the future": (
        "add",
        "A",
        "--by",
        "B",
        "--said",
        "2027-01-01",
        "--source",
        "https://a.example/",
    ),
    "said date not a date": (
        "add",
        "A",
        "--by",
        "B",
        "--said",
        "yesterday",
        "--source",
        "https://a.example/",
    ),
    "window ends before said": (*ADD, "--deadline", "2023"),
    "probability above 1": (*ADD, "--probability", "1.5"),
    "probability not a number": (*ADD, "--probability", "likely"),
    "empty statement": (
        "add",
        "   ",
        "--by",
        "B",
        "--said",
        "2024-09-04",
        "--source",
        "https://a.example/",
    ),
    "empty claimant": (
        "add",
        "A",
        "--by",
        "",
        "--said",
        "2024-09-04",
        "--source",
        "https://a.example/",
    ),
    "javascript url": (
        "add",
        "A",
        "--by",
        "B",
        "--said",
        "2024-09-04",
        "--source",
        "javascript:alert(1)",
    ),
    "file url": ("add", "A", "--by", "B", "--said", "2024-09-04", "--source", "file:///etc/passwd"),
    "missing source": ("add", "A", "--by", "B", "--said", "2024-09-04"),
    "NUL byte": (
        "add",
        "A\x00B",
        "--by",
        "B",
        "--said",
        "2024-09-04",
        "--source",
        "https://a.example/",
    ),
    "unknown hedge": (*ADD, "--hedge", "promises"),
    "target low above high": (*ADD, "--metric", "GPUs", "--low", "5", "--high", "2"),
    "unknown outcome": ("resolve", "1", "fulfilled"),
    "unknown claim id": ("resolve", "99", "kept"),
    "unknown claim in show": ("show", "99"),
    "kept after the window": ("resolve", "1", "kept", "--on", "2025-02-17"),
    "broken before the window ended": ("resolve", "1", "broken", "--on", "2024-12-15"),
    "happened in the future": ("resolve", "1", "partly", "--on", "2027-01-01"),
    "evidence not http": ("resolve", "1", "kept", "--evidence", "ftp://x.example/"),
    "reopen an open claim": ("reopen", "1"),
    "forecast out of range": ("forecast", "1", "-0.1"),
    "forecast in the future": ("forecast", "1", "0.5", "--at", "2027-01-01"),
    "revise with no deadline phrase reading": (
        "revise",
        "1",
        "--deadline",
        "someday maybe never",
        "--said",
        "2025-01-01",
    ),
    "revise said before claim": ("revise", "1", "--deadline", "2025", "--said", "2024-01-01"),
    "edit nothing": ("edit", "1"),
    "unknown sort": ("list", "--sort", "colour"),
    "unknown state": ("list", "--state", "late"),
    "bad before date": ("list", "--before", "2025-13-01"),
    "unknown option": ("list", "--colour"),
    "tag with a space": ("tag", "1", "two words"),
    "alias of unknown claimant": ("claimants", "alias", "Nobody", "N"),
    "claimant with a tab": (
        "add",
        "A",
        "--by",
        "A\tB",
        "--said",
        "2024-01-01",
        "--source",
        "https://a.example/",
    ),
    "claimant with a zero-width space": ("claimants", "alias", "Elon Musk", "Musk\u200b"),
    "number too large to keep": ("edit", "1", "--metric", "m", "--low", "9" * 30),
    "negative due limit": ("due", "--limit", "-5"),
    "init given two places": ("init", "--db", "/nonexistent/a.db", "/nonexistent/b.db"),
    "negative list limit": ("list", "--limit", "-1"),
    "outcome filter on the due report": ("due", "--outcome", "kept"),
    "due report as of the calendar's last day": ("due", "--as-of", "9999-12-31"),
    "due report looking past the calendar's end": ("due", "--as-of", "9999-12-01"),
    "source URL with an impossible port": ("source", "1", "http://localhost:99999/"),
    "undo of a change that never was": ("undo", "1", "--event", "abcd0000"),
}


@pytest.mark.parametrize("argv", BAD_COMMANDS.values(), ids=BAD_COMMANDS.keys())
def test_bad_input_exits_2_with_one_line_and_writes_nothing(
    cli: Cli, backend: Backend, argv: tuple[str, ...]
) -> None:
    cli.ok(*GROK)
    before = backend.snapshot()
    result = cli(*argv)
    assert result.code == 2, (result.out, result.err)
    assert result.err.count("\n") == 1, result.err
    assert result.err.startswith("claims")
    assert "Traceback" not in result.err
    assert backend.snapshot() == before


def test_a_file_that_is_not_a_ledger_is_refused_untouched(cli: Cli, tmp_path: Path) -> None:
    notes = tmp_path / "notes.txt"
    notes.write_text("just some notes\n" * 20)
    for argv in (("list",), ("show", "1"), ADD, ("resolve", "1", "kept")):
        result = cli(*argv, "--db", str(notes))
        assert result.code == 2, result
        assert "not a claims ledger" in result.err
        assert result.err.count("\n") == 1
    assert notes.read_text() == "just some notes\n" * 20


def test_a_sqlite_file_of_another_program_is_refused(cli: Cli, tmp_path: Path) -> None:
    other = tmp_path / "other.db"
    connection = sqlite3.connect(other)
    connection.execute("CREATE TABLE songs (title TEXT)")
    connection.commit()
    connection.close()
    before = dump(other)
    result = cli(*ADD, "--db", str(other))
    assert result.code == 2
    assert "not a claims ledger" in result.err
    assert dump(other) == before


def test_a_ledger_newer_than_the_code_is_refused_untouched(cli: Cli, db_path: Path) -> None:
    cli.ok(*GROK)
    connection = sqlite3.connect(db_path)
    connection.execute("UPDATE alembic_version SET version_num = '9999'")
    connection.commit()
    connection.close()
    before = dump(db_path)
    for argv in (("list",), ("show", "1"), ADD, ("resolve", "1", "kept")):
        result = cli(*argv)
        assert result.code == 2, result
        assert "newer than this version of claims" in result.err
        assert result.err.count("\n") == 1
    assert dump(db_path) == before
    assert not list(db_path.parent.glob("*.bak"))


def test_reading_a_missing_ledger_says_how_to_make_one(cli: Cli, tmp_path: Path) -> None:
    result = cli("list", "--db", str(tmp_path / "typo.db"))
    assert result.code == 2
    assert "claims init" in result.err
    assert not (tmp_path / "typo.db").exists()


@pytest.mark.parametrize("url", ["postgresql://ana@db.example:70000/team", "postgres://h:x1/d"])
def test_a_server_url_with_an_impossible_port_is_refused(cli: Cli, url: str) -> None:
    result = cli("list", "--db", url)
    assert result.code == 2, result.err
    assert "is not a port number" in result.err
    assert result.err.count("\n") == 1


def test_server_urls_with_real_ports_are_taken() -> None:
    from ledger.location import locate_ledger

    for url in ("postgresql://a:pw:rd@h:5432/d", "postgresql://[::1]:5432/d", "postgresql://h/d"):
        assert locate_ledger(url).file is None
