"""Report cells made safe: CSV formula neutralisation and literal Markdown."""

from __future__ import annotations

import csv
import io

import pytest

from ledger.reports.formats import csv_text, markdown_cell, markdown_table, neutralise
from tests.conftest import Cli


@pytest.mark.parametrize(
    ("cell", "safe"),
    [
        ("=1+1", "'=1+1"),
        ("+31 6 1234", "'+31 6 1234"),
        ("-5", "'-5"),
        ("@SUM(A1:A3)", "'@SUM(A1:A3)"),
        ("\tcmd", "'\tcmd"),
        ("\rcmd", "'\rcmd"),
        ("plain = text", "plain = text"),
        ("", ""),
    ],
)
def test_neutralise(cell: str, safe: str) -> None:
    assert neutralise(cell) == safe


def test_csv_neutralises_text_but_keeps_numbers() -> None:
    text = csv_text(["name", "days", "rate"], [["=evil()", -3, 0.25], [None, 0, None]])
    assert text.splitlines() == ["name,days,rate", "'=evil(),-3,0.25", ",0,"]
    assert list(csv.reader(io.StringIO(text)))[1] == ["'=evil()", "-3", "0.25"]


def test_markdown_cells_are_literal_one_line_text() -> None:
    assert markdown_cell("a | b") == "a \\| b"
    assert markdown_cell("*bold* [link](x) <script>") == ("\\*bold\\* \\[link\\](x) \\<script\\>")
    # the escape shows as the text \x1b, its backslash escaped so Markdown keeps it
    assert markdown_cell("two\nlines\x1b[31m") == "two lines\\\\x1b\\[31m"
    table = markdown_table(["name", "n"], [["x|y", 3]])
    assert table.splitlines() == ["| name | n |", "|---|---:|", "| x\\|y | 3 |"]


def test_csv_and_markdown_on_a_terminal_show_control_characters_escaped(
    cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    import sys

    cli.ok(
        "add",
        "\x1b[31mred\x1b[0m claim\x07",
        "--by",
        "Eve",
        "--said",
        "2025-01-01",
        "--deadline",
        "2025",
        "--source",
        "https://a.example/",
    )
    piped = cli.ok("due", "--csv").out
    assert "\x1b[31m" in piped and "\r\n" in piped  # a file or a pipe gets the data as it is
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
    for argv in (("due", "--csv"), ("due", "--markdown"), ("export", "-", "--format", "csv")):
        shown = cli.ok(*argv).out
        assert "\x1b" not in shown and "\x07" not in shown and "\r" not in shown, argv
        assert "x1b" in shown and "red" in shown
