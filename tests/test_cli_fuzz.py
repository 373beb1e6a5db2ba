"""Arbitrary text in every CLI argument that takes text: exit 0 or 2, never a traceback, and a
refused command writes nothing. Whatever is printed is safe for a terminal."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from ledger.textsafe import is_unsafe
from tests.conftest import GROK, Cli, dump

SPECIAL = [
    "",
    " ",
    "\x00",
    "A\x00B",
    "\ud800",
    "x\udfffy",
    "\x1b[31mred\x1b[0m",
    "\x1b]8;;https://evil.example\x1b\\link\x1b]8;;\x1b\\",
    "\x9b2J",
    "\u202eevil\u202c",
    "[bold]x[/]",
    "[/]",
    "[link=https://evil.example]x[/link]",
    "-",
    "--",
    "-1",
    "1e309",
    "nan",
    "inf",
    "0x10",
    "١٢",
    "²",
    "99999999999999999999999",
    "2024-02-30",
    "2024-13-01",
    "9999-12-31",
    "0000-01-01",
    "https://",
    "https://a.example/\u202e",
    "javascript:alert(1)",
    "http://[::1",
    "%",
    "_",
    "'; DROP TABLE claim; --",
    "x" * 100_000,
    "界" * 100_000,
    "\n" * 1000,
]


class Shown(str):
    """Text that reports itself briefly when Hypothesis shows a failing example."""

    def __repr__(self) -> str:
        full = str.__repr__(self)
        return full if len(full) < 200 else f"{full[:100]}… ({len(self):,} characters)"


TEXT = st.one_of(
    st.sampled_from(SPECIAL),
    st.text(st.characters(exclude_categories=()), max_size=40),
    st.text(max_size=40),
).map(Shown)

# Each command holds one {} where the arbitrary text goes; the ledger holds claims 1 and 2.
TEMPLATES = [
    ("add", "{}", "--by", "B", "--source", "https://a.example/"),
    ("add", "A", "--by", "{}", "--source", "https://a.example/"),
    ("add", "A", "--by", "B", "--said", "{}", "--source", "https://a.example/"),
    ("add", "A", "--by", "B", "--deadline", "{}", "--source", "https://a.example/"),
    ("add", "A", "--by", "B", "--source", "{}"),
    ("add", "A", "--by", "B", "--source", "https://a.example/", "--quote", "{}"),
    ("add", "A", "--by", "B", "--source-title", "{}"),
    ("add", "A", "--by", "B", "--source", "https://a.example/", "--tag", "{}"),
    ("add", "A", "--by", "B", "--source", "https://a.example/", "--hedge", "{}"),
    ("add", "A", "--by", "B", "--source", "https://a.example/", "--condition", "{}"),
    ("add", "A", "--by", "B", "--source", "https://a.example/", "--probability", "{}"),
    ("add", "A", "--by", "B", "--source", "https://a.example/", "--metric", "{}", "--low", "1"),
    ("add", "A", "--by", "B", "--source", "https://a.example/", "--metric", "M", "--low", "{}"),
    ("add", "A", "--by", "B", "--source", "https://a.example/", "--metric", "M", "--high", "{}"),
    ("add", "A", "--by", "B", "--source", "https://a.example/", "--metric", "M", "--unit", "{}"),
    ("edit", "{}", "--hedge", "plans"),
    ("edit", "1", "--statement", "{}"),
    ("edit", "1", "--quote", "{}"),
    ("edit", "1", "--by", "{}"),
    ("edit", "1", "--said", "{}"),
    ("edit", "1", "--deadline", "{}"),
    ("edit", "1", "--hedge", "{}"),
    ("edit", "1", "--condition", "{}"),
    ("edit", "1", "--metric", "{}"),
    ("edit", "1", "--metric", "M", "--low", "{}"),
    ("revise", "1", "--deadline", "{}", "--said", "2025-01-02"),
    ("revise", "1", "--deadline", "2025", "--said", "{}"),
    ("revise", "1", "--deadline", "2025", "--said", "2025-01-02", "--source", "{}"),
    ("forecast", "{}", "0.5"),
    ("forecast", "1", "{}"),
    ("forecast", "1", "0.5", "--at", "{}"),
    ("resolve", "{}", "kept"),
    ("resolve", "1", "{}"),
    ("resolve", "1", "broken", "--on", "{}"),
    ("resolve", "1", "broken", "--evidence", "{}"),
    ("resolve", "1", "broken", "--note", "{}"),
    ("reopen", "{}"),
    ("withdraw", "{}"),
    ("withdraw", "2", "--reason", "{}"),
    ("tag", "{}", "t"),
    ("tag", "1", "{}"),
    ("tag", "1", "--remove", "{}"),
    ("source", "{}", "https://s.example/"),
    ("source", "1", "{}"),
    ("source", "1", "https://s.example/", "--title", "{}"),
    ("source", "1", "https://s.example/", "--publisher", "{}"),
    ("source", "1", "https://s.example/", "--published", "{}"),
    ("source", "1", "https://s.example/", "--language", "{}"),
    ("source", "1", "https://s.example/", "--archive", "{}"),
    ("claimants", "alias", "Elon Musk", "{}"),
    ("claimants", "alias", "{}", "Alias"),
    ("claimants", "merge", "Elon Musk", "{}"),
    ("claimants", "merge", "{}", "Elon Musk"),
    ("claimants", "kind", "{}", "person"),
    ("claimants", "kind", "Elon Musk", "{}"),
    ("list", "--by", "{}"),
    ("list", "--tag", "{}"),
    ("list", "--outcome", "{}"),
    ("list", "--state", "{}"),
    ("list", "--before", "{}"),
    ("list", "--after", "{}"),
    ("list", "--search", "{}"),
    ("list", "--sort", "{}"),
    ("list", "--limit", "{}"),
    ("list", "--db", "{}"),
    ("due", "--within", "{}"),
    ("due", "--as-of", "{}"),
    ("due", "--by", "{}", "--markdown"),
    ("due", "--search", "{}", "--ics"),
    ("report", "--group", "{}"),
    ("report", "--partly-as", "{}"),
    ("report", "--tag", "{}", "--csv"),
    ("calibration", "--by", "{}", "--chart"),
    ("show", "{}"),
    ("history", "{}"),
    ("history", "--actor", "{}"),
    ("parse-deadline", "{}"),
    ("parse-deadline", "in December", "--said", "{}"),
    ("undo", "{}"),
    ("undo", "1", "--event", "{}"),
    ("export", "-", "--format", "{}"),
    ("import", "{}"),
    ("import", "-", "--format", "{}"),
]


@pytest.fixture
def two_claims(cli: Cli) -> None:
    cli.ok(*GROK)
    cli.ok("add", "Second", "--by", "Tesla", "--said", "2025-01-01", "--source", "https://t.ex/")


DATA_FORMATS = {"--csv", "--markdown", "--ics"}


def _safe(text: str) -> bool:
    """No character that acts on a terminal; CRLF line ends (CSV, iCalendar) are fine."""
    return not any(is_unsafe(ch) for ch in text.replace("\r\n", "\n") if ch != "\n")


@settings(
    # A longer hunt: FUZZ_EXAMPLES=5000 uv run pytest tests/test_cli_fuzz.py
    max_examples=int(os.environ.get("FUZZ_EXAMPLES", "400")),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(template=st.sampled_from(TEMPLATES), text=TEXT)
def test_any_text_in_any_argument(
    cli: Cli, db_path: Path, two_claims: None, template: tuple[str, ...], text: str
) -> None:
    if template[0] == "import":
        assume(text.strip() not in ("-", "") and "\x00" not in text)
    if template[:2] == ("list", "--db"):
        assume("://" not in text)
    argv = [text if part == "{}" else part for part in template]
    before = dump(db_path)
    result = cli(*argv)
    assert result.code in (0, 2), (argv[:6], result.err[:300])
    assert "Traceback" not in result.err
    # CSV, Markdown and iCalendar sent to a pipe carry the data as stored (a terminal gets it
    # escaped: tests/test_reports_formats.py); every other output is safe wherever it goes.
    if not DATA_FORMATS & set(argv):
        assert _safe(result.out), result.out[:300]
    assert _safe(result.err), result.err[:300]
    if result.code == 2:
        assert result.err.count("\n") == 1, result.err[:300]
        assert dump(db_path) == before


@pytest.mark.parametrize(
    "where",
    ["foo://bar", "mysql://user@host/db", "a\x00b", "x" * 5000, "\ud800.db", "/"],
    ids=["unknown scheme", "unsupported database", "NUL", "too long", "not UTF-8", "a folder"],
)
def test_a_ledger_location_that_cannot_be_one_is_bad_input(cli: Cli, where: str) -> None:
    for argv in (
        ("list",),
        ("check",),
        ("export", "-"),
        ("add", "A", "--by", "B", "--source", "https://a.example/"),
    ):
        result = cli(*argv, "--db", where)
        assert result.code == 2, (argv, result)
        assert result.err.count("\n") == 1 and _safe(result.err)
