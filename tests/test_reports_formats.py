"""Report cells made safe: CSV formula neutralisation and literal Markdown."""

from __future__ import annotations

import csv
import io

import pytest

from ledger.reports.formats import csv_text, markdown_cell, markdown_table, neutralise


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
