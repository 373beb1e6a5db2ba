"""The pure pieces of VirtualTable: cell text, column widths, the page cache, header labels."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st
from rich.cells import cell_len

from tui.widgets import Cell, Column, TableRow, safe_cell_text
from tui.widgets.cell_text import fit_cell, parse_cell_style
from tui.widgets.columns import column_at, column_widths, minimum_width, row_span
from tui.widgets.row_pages import RowPages
from tui.widgets.table_lines import header_label


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("Vote [/] now", "Vote [/] now"),
        ("\x1b[2J\x1b]0;title\x07", "\\x1b[2J\\x1b]0;title\\x07"),
        ("del\x7f c1\x9b nul\x00", "del\\x7f c1\\x9b nul\\x00"),
        ("abc\u202edcba", "abc\\u202edcba"),
        ("x\u2066y\u2069z\u202a", "x\\u2066y\\u2069z\\u202a"),
        ("one\ntwo\r\nthree\rfour", "one⏎two⏎three⏎four"),
        ("tab\there", "tab here"),
        ("東京 🚲", "東京 🚲"),
        ("family 👩\u200d👩\u200d👧", "family 👩\u200d👩\u200d👧"),
        ("lone \udc80 surrogate", "lone \\udc80 surrogate"),
    ],
)
def test_safe_cell_text_escapes_what_a_terminal_would_act_on(raw: str, shown: str) -> None:
    assert safe_cell_text(raw) == shown


@given(st.text())
def test_safe_cell_text_leaves_no_control_or_bidi_character(raw: str) -> None:
    for char in safe_cell_text(raw):
        assert unicodedata.category(char) not in ("Cc", "Cs", "Zl", "Zp")
        assert not ("\u202a" <= char <= "\u202e" or "\u2066" <= char <= "\u2069")


@pytest.mark.parametrize(
    ("text", "width", "align", "fitted"),
    [
        ("abc", 5, "left", "abc  "),
        ("abc", 5, "right", "  abc"),
        ("abcdef", 4, "left", "abc…"),
        ("東京都", 6, "left", "東京都"),
        ("東京都", 5, "left", "東京…"),
        ("東京都", 4, "right", " 東…"),
        ("🚲ok", 3, "left", "🚲…"),
        ("x", 0, "left", ""),
    ],
)
def test_fit_cell_cuts_and_pads_by_display_width(
    text: str, width: int, align: str, fitted: str
) -> None:
    assert fit_cell(text, width, "right" if align == "right" else "left") == fitted


@given(st.text(), st.integers(min_value=1, max_value=40))
def test_fit_cell_always_fills_exactly_its_width(text: str, width: int) -> None:
    assert cell_len(fit_cell(safe_cell_text(text), width)) == width


def test_an_invalid_style_string_means_no_style_rather_than_a_crash() -> None:
    assert parse_cell_style("bold red").bold
    assert parse_cell_style("not a [style") == parse_cell_style("")


COLUMNS = (
    Column("id", "#", width=6, align="right"),
    Column("text", "Claim", flex=True, min_width=10),
    Column("who", "Who", flex=True, min_width=5),
    Column("state", "State"),
)


def test_flex_columns_share_what_the_fixed_ones_leave() -> None:
    widths = column_widths(COLUMNS, 60)
    assert widths[0] == 6 and widths[3] == len("State") + 2
    assert sum(widths) + len(COLUMNS) == 60
    assert abs(widths[1] - widths[2]) <= 1


def test_flex_columns_keep_their_minimum_when_the_row_is_narrow() -> None:
    widths = column_widths(COLUMNS, 20)
    assert widths == [6, 10, 5, 7]
    assert minimum_width(COLUMNS) == sum(widths) + len(COLUMNS)


DROPPING = (
    Column("id", "#", width=4),
    Column("when", "When", width=10, drop_order=2),
    Column("text", "Claim", flex=True, min_width=10),
    Column("tags", "Tags", width=8, drop_order=1),
)


def test_columns_with_a_drop_order_give_way_in_that_order_when_the_row_is_narrow() -> None:
    assert column_widths(DROPPING, 60) == [4, 10, 34, 8]
    assert column_widths(DROPPING, 30) == [4, 10, 13, 0]
    assert column_widths(DROPPING, 20) == [4, 0, 14, 0]
    assert column_widths(DROPPING, 5) == [4, 0, 10, 0]  # the rest scrolls sideways
    assert row_span([4, 0, 14, 0]) == 20
    assert column_at(DROPPING, [4, 0, 14, 0], 6) == DROPPING[2]


def test_column_at_finds_the_column_under_a_cell() -> None:
    widths = [6, 10, 5, 7]
    assert column_at(COLUMNS, widths, 0) == COLUMNS[0]
    assert column_at(COLUMNS, widths, 6) == COLUMNS[0]
    assert column_at(COLUMNS, widths, 7) == COLUMNS[1]
    assert column_at(COLUMNS, widths, 31) == COLUMNS[3]
    assert column_at(COLUMNS, widths, 32) is None


def test_a_column_needs_a_positive_width() -> None:
    with pytest.raises(ValueError, match="width"):
        Column("x", "X", width=0)


def test_header_label_marks_only_the_sorted_column() -> None:
    assert header_label(COLUMNS[1], 10, ("text", False)) == "Claim ▲   "
    assert header_label(COLUMNS[1], 10, ("text", True)) == "Claim ▼   "
    assert header_label(COLUMNS[1], 10, ("who", True)) == "Claim     "
    assert header_label(COLUMNS[0], 6, ("id", True)) == "   # ▼"
    assert header_label(COLUMNS[1], 4, ("text", False)) == "C… ▲"  # cut label, mark kept


def _page(page: int, size: int = 10) -> list[TableRow]:
    indexes = range(page * size, (page + 1) * size)
    return [TableRow(key=100 + i, cells=(Cell(str(i)),)) for i in indexes]


def test_row_pages_stay_within_their_bound_and_drop_the_least_recently_wanted() -> None:
    pages = RowPages(page_size=10, max_pages=4)
    for page in range(4):
        pages.store(page, _page(page))
    assert pages.want([0]) == []  # page 0 is now the most recently wanted
    pages.store(4, _page(4))
    assert len(pages) == 4 and pages.row_count == 40
    assert pages.row(5) is not None and pages.row(15) is None
    assert pages.want(range(6)) == [1, 5]


def test_row_pages_find_rows_by_index_and_key() -> None:
    pages = RowPages(page_size=10, max_pages=4)
    pages.store(3, _page(3))
    row = pages.row(34)
    assert row is not None and row.key == 134
    assert pages.find_key(134) == 34
    assert pages.find_key(999) is None
    assert list(pages.pages_for(95, 130)) == [9, 10, 11, 12, 13]
    pages.clear()
    assert pages.row(34) is None and len(pages) == 0
