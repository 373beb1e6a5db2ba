"""Text that looks like markup or carries control characters prints literally and safely in every
CLI output. (The review app is being rewritten elsewhere; its own test belongs with it.)"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from ledger.textsafe import is_unsafe
from tests.conftest import Cli

MARKUP = "[bold]Vote[/] [/] [link=https://evil.example]here[/link]"
CONTROLS = "\x1b[2J\x1b]0;pwned\x07 \x9b31m C1 \u202eevil\u202c \u2066iso\u2069 \x7f"
TRICKY = f"{MARKUP} {CONTROLS}"


def _safe(text: str) -> bool:
    """No character that acts on a terminal; CRLF line ends (CSV, iCalendar) are fine."""
    return not any(is_unsafe(ch) for ch in text.replace("\r\n", "\n") if ch != "\n")


@pytest.fixture
def tricky_ledger(cli: Cli, db_path: Path) -> None:
    cli.ok(
        "add",
        f"Claim {TRICKY}",
        "--by",
        f"Person {MARKUP}",  # names refuse control characters; markup they keep
        "--said",
        "2024-09-04",
        "--deadline",
        "in December",
        "--source",
        "https://a.example/",
        "--quote",
        TRICKY,
        "--condition",
        TRICKY,
        "--tag",
        "[bold]",
        "--tag",
        "[/]",
        "--metric",
        TRICKY,
        "--low",
        "1",
        "--unit",
        "[red]u[/]",
    )
    cli.ok("source", "1", "https://b.example/", "--title", TRICKY, "--publisher", TRICKY)
    cli.ok("claimants", "alias", f"Person {MARKUP}", f"Alias {MARKUP}")
    cli.ok("resolve", "1", "broken", "--on", "2025-02-17", "--note", TRICKY)


OUTPUTS = [
    ("list",),
    ("list", "--json"),
    ("list", "--search", "[bold]"),
    ("show", "1"),
    ("show", "1", "--json"),
    ("history", "1"),
    ("history", "1", "--json"),
    ("due", "--within", "3650"),
    ("due", "--markdown"),
    ("due", "--ics"),
    ("report",),
    ("report", "--group", "tag", "--chart"),
    ("report", "--markdown"),
    ("calibration", "--chart"),
    ("claimants",),
    ("claimants", "--json"),
    ("export", "-"),
    ("check",),
    ("check", "--json"),
    ("reopen", "1"),
    ("undo", "1"),
    ("forecast", "1", "0.5", "--json"),
    ("edit", "1", "--statement", f"Edited {TRICKY}"),
    ("tag", "1", "[link=x]"),
    ("withdraw", "1", "--reason", TRICKY),
    ("add", TRICKY, "--by", TRICKY, "--source", "https://c.example/", "--quote", TRICKY),
    ("add", TRICKY, "--by", MARKUP, "--source", "https://c.example/", "--quote", TRICKY),
    ("add", TRICKY, "--by", MARKUP, "--source", "https://c.example/", "--json"),
    ("claimants", "merge", f"Person {TRICKY}", TRICKY),
    ("parse-deadline", "in December", "--said", "2024-09-04"),
    ("resolve", "1", TRICKY),
    ("show", TRICKY),
    ("list", "--by", TRICKY, "--sort", TRICKY),
    ("list", TRICKY),
    ("undo", "1", "--event", TRICKY),
    ("import", f"/nonexistent/{TRICKY}"),
]


@pytest.mark.usefixtures("tricky_ledger")
@pytest.mark.parametrize("argv", OUTPUTS, ids=[" ".join(a)[:40] for a in OUTPUTS])
def test_every_output_is_safe_for_a_terminal(cli: Cli, argv: tuple[str, ...]) -> None:
    result = cli(*argv)
    assert result.code in (0, 2), result
    assert _safe(result.out), result.out
    assert _safe(result.err), result.err
    assert "Traceback" not in result.err


@pytest.mark.usefixtures("tricky_ledger")
def test_markup_shows_literally(cli: Cli) -> None:
    shown = cli.ok("show", "1").out
    assert "[bold]Vote[/] [/] [link=https://evil.example]here[/link]" in shown
    assert "\\x1b[2J" in shown and "\\u202e" in shown
    assert "Tags:      [/], [bold]" in shown
    assert "[bold]Vote[/]" in cli.ok("list").out
    assert "[red]u[/]" in shown


@pytest.mark.usefixtures("tricky_ledger")
def test_csv_on_a_terminal_shows_control_characters_escaped(
    cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    piped = cli.ok("export", "-", "--format", "csv").out
    assert "\x1b[2J" in piped  # a pipe or a file gets the data as it is
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
    shown = cli.ok("export", "-", "--format", "csv").out
    assert _safe(shown)
    assert "[bold]Vote[/]" in shown


def test_the_unsafe_pattern_matches_exactly_the_unsafe_characters() -> None:
    from ledger.textsafe import UNSAFE_BUT_NEWLINE

    for code in range(0x110000):
        ch = chr(code)
        expected = is_unsafe(ch) and ch != "\n"
        assert bool(UNSAFE_BUT_NEWLINE.fullmatch(ch)) == expected, hex(code)
