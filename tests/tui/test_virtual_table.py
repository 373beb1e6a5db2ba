"""VirtualTable over a million rows: what it shows, what it fetches, what it posts."""

from __future__ import annotations

import asyncio

from rich.cells import cell_len

from tests.tui.virtual_table_fakes import (
    KEY_BASE,
    CountingSource,
    FailingSource,
    ListSource,
    TableApp,
    highlights,
    screen_lines,
    settle,
    shown_row_numbers,
)
from tui.widgets import Cell, Column, TableRow, VirtualTable

SIZE = (100, 30)
BODY_ROWS = SIZE[1] - 1  # the header takes one line


async def test_first_screen_shows_the_first_rows_and_fetches_only_a_page_or_two() -> None:
    source = CountingSource()
    app = TableApp(source)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        table = app.table
        header = screen_lines(table)[0]
        assert "Row" in header and "Claim" in header
        assert shown_row_numbers(table) == list(range(BODY_ROWS))
        assert table.row_count == 1_000_000
        assert table.cursor_index == 0 and table.cursor_key == KEY_BASE
        assert source.fetched_rows <= 3 * app.page_size


async def test_a_placeholder_shows_until_the_first_count_arrives() -> None:
    source = CountingSource()
    source.gate.clear()
    app = TableApp(source)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        lines = screen_lines(app.table)
        assert lines[1].strip() == "…" and lines[2].strip() == ""
        assert app.table.cursor_key is None
        source.gate.set()
        await settle(pilot)
        assert shown_row_numbers(app.table)[:2] == [0, 1]


async def test_paging_through_a_million_rows_keeps_fetches_and_cache_small() -> None:
    source = CountingSource()
    app = TableApp(source)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        table = app.table
        await pilot.press(*["pagedown"] * 20)
        await settle(pilot)
        assert table.cursor_index == 20 * BODY_ROWS
        assert table.cursor_key == KEY_BASE + table.cursor_index
        assert table.cursor_index in shown_row_numbers(table)
        top = shown_row_numbers(table)[0]
        assert shown_row_numbers(table) == list(range(top, top + BODY_ROWS))

        await pilot.press("end")
        await settle(pilot)
        assert shown_row_numbers(table) == list(range(1_000_000 - BODY_ROWS, 1_000_000))
        assert table.cursor_index == 999_999
        assert table.cursor_key == KEY_BASE + 999_999
        assert table.cached_row_count <= app.max_pages * app.page_size
        # 20 screens plus a margin of pages at each end, nowhere near the million rows.
        assert source.fetched_rows <= 20 * BODY_ROWS + 8 * app.page_size


async def test_a_burst_of_key_presses_during_a_slow_fetch_coalesces_to_the_last_window() -> None:
    source = CountingSource()
    app = TableApp(source)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        table = app.table
        calls_before = source.fetch_calls
        source.gate.clear()
        await pilot.press(*["pagedown"] * 12)
        assert table.cursor_key is None  # its page is still on its way
        assert "…" in screen_lines(table)[BODY_ROWS // 2]
        source.gate.set()
        await settle(pilot)
        # The fetch in flight finishes; the 11 superseded windows are never fetched.
        assert source.fetch_calls - calls_before <= 4
        assert table.cursor_key == KEY_BASE + 12 * BODY_ROWS
        top = shown_row_numbers(table)[0]
        assert shown_row_numbers(table) == list(range(top, top + BODY_ROWS))


async def test_row_highlighted_follows_the_cursor_and_the_arrival_of_its_page() -> None:
    source = CountingSource()
    app = TableApp(source)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("down", "down", "up")
        await settle(pilot)
        assert highlights(app)[-3:] == [(KEY_BASE + 1, 1), (KEY_BASE + 2, 2), (KEY_BASE + 1, 1)]

        source.gate.clear()
        await pilot.press("end")
        source.gate.set()
        await settle(pilot)
        assert highlights(app)[-2:] == [(None, 999_999), (KEY_BASE + 999_999, 999_999)]


async def test_enter_posts_row_selected_with_the_cursor_row_key() -> None:
    app = TableApp(CountingSource())
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("down", "down", "down", "enter")
        await settle(pilot)
        selected = [m for m in app.seen if isinstance(m, VirtualTable.RowSelected)]
        assert [(m.key, m.index) for m in selected] == [(KEY_BASE + 3, 3)]
        assert selected[0].control is app.table


async def test_clicks_move_the_cursor_and_a_header_click_asks_for_a_sort() -> None:
    app = TableApp(CountingSource())
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.click(VirtualTable, offset=(2, 5))
        await settle(pilot)
        assert app.table.cursor_index == 4
        await pilot.click(VirtualTable, offset=(20, 0))
        app.table.action_sort("n")
        await settle(pilot)
        sorts = [m.column_key for m in app.seen if isinstance(m, VirtualTable.SortRequested)]
        assert sorts == ["claim", "n"]


async def test_the_sort_indicator_marks_the_sorted_column_only() -> None:
    app = TableApp(CountingSource())
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.table.set_sort_indicator("claim", descending=True)
        header = screen_lines(app.table)[0]
        assert header.count("▼") == 1 and "▲" not in header
        assert header.index("Claim") < header.index("▼") < header.index("N")
        app.table.set_sort_indicator("row", descending=False)
        header = screen_lines(app.table)[0]
        assert header.count("▲") == 1 and header.index("▲") < header.index("Claim")
        assert "Row ▲" in header  # the mark follows its own label, not the next one


async def test_reload_keeps_the_cursor_on_its_key_when_rows_shift() -> None:
    source = CountingSource(total=500, first=10)
    app = TableApp(source)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        table = app.table
        await pilot.press("down", "down", "down")
        await settle(pilot)
        key = table.cursor_key
        assert key == KEY_BASE + 13
        source.first = 5  # five rows arrive above the cursor row
        table.reload(keep_cursor_key=key)
        await settle(pilot)
        assert (table.cursor_key, table.cursor_index) == (key, 8)


async def test_set_source_clamps_the_cursor_when_its_key_is_gone() -> None:
    app = TableApp(CountingSource(total=500))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        table = app.table
        table.move_cursor(40)
        await settle(pilot)
        table.set_source(CountingSource(total=5, first=1000), keep_cursor_key=table.cursor_key)
        await settle(pilot)
        assert (table.row_count, table.cursor_index) == (5, 4)
        assert table.cursor_key == KEY_BASE + 1004
        table.set_source(CountingSource(total=500, first=3))
        await settle(pilot)
        assert (table.cursor_index, table.cursor_key) == (0, KEY_BASE + 3)


async def test_reload_without_a_key_refetches_from_the_source() -> None:
    source = CountingSource(total=200)
    app = TableApp(source)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        source.first, source.total = 7, 100
        app.table.reload()
        await settle(pilot)
        assert app.table.row_count == 100
        counts = [m.count for m in app.seen if isinstance(m, VirtualTable.RowsCounted)]
        assert counts == [200, 100]
        assert shown_row_numbers(app.table)[0] == 7


async def test_user_text_shows_literally_and_control_characters_escaped() -> None:
    texts = [
        "Vote [/] now [link=https://x.example]bbc.co.uk[/link]",
        "red \x1b[31malert\x1b[0m bell\x07 csi\x9b",
        "abc\u202edcba\u2066x",
        "two\nlines",
    ]
    rows = [TableRow(key=i, cells=(Cell(f"r{i}"), Cell(text))) for i, text in enumerate(texts)]
    columns = (Column("row", "Row", width=4), Column("claim", "Claim", flex=True))
    app = TableApp(ListSource(rows), columns)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        lines = screen_lines(app.table)
        assert "Vote [/] now [link=https://x.example]bbc.co.uk[/link]" in lines[1]
        assert "red \\x1b[31malert\\x1b[0m bell\\x07 csi\\x9b" in lines[2]
        assert "abc\\u202edcba\\u2066x" in lines[3]
        assert "two⏎lines" in lines[4]
        raw = "".join(segment.text for y in range(5) for segment in app.table.render_line(y))
        assert not any(char in raw for char in "\x1b\x07\x9b\u202e\u2066\n")


async def test_wide_characters_are_cut_and_padded_by_display_width() -> None:
    texts = [
        "plain ascii",
        "東京都の新しい駅を開業する",
        "🚲🚆🌱 zero emissions",
        "ok",
        "東京",
        "🚲 ok",
    ]
    rows = [
        TableRow(key=i, cells=(Cell(text), Cell("|end"), Cell(str(i))))
        for i, text in enumerate(texts)
    ]
    columns = (
        Column("text", "Text", width=12),
        Column("mark", "Mark", flex=True),
        Column("n", "N", width=3, align="right"),
    )
    app = TableApp(ListSource(rows), columns)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        lines = screen_lines(app.table)[1:7]
        starts = {cell_len(line[: line.index("|end")]) for line in lines}
        assert starts == {1 + 12 + 1}
        widths = {cell_len(line) for line in lines}
        assert widths == {app.table.scrollable_content_region.width}
        assert lines[1].startswith(" 東京都の新…  |end")
        assert lines[3].startswith(" ok ")


async def test_a_resize_gives_flex_columns_the_new_width() -> None:
    app = TableApp(CountingSource())
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        before = screen_lines(app.table)[0].index(" N")
        await pilot.resize_terminal(140, 30)
        await settle(pilot)
        header = screen_lines(app.table)[0]
        assert cell_len(header) == app.table.scrollable_content_region.width
        assert header.index(" N") == before + 40


async def test_dragging_the_scrollbar_to_the_end_fetches_only_the_final_window() -> None:
    source = CountingSource()
    app = TableApp(source)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        calls_before = source.fetch_calls
        source.gate.clear()
        for y in range(0, 1_000_000, 10_000):  # a drag: a stream of scroll positions
            app.table.scroll_to(y=y, animate=False)
            await asyncio.sleep(0.002)  # each position's worker gets to start its thread
        app.table.scroll_to(y=app.table.max_scroll_y, animate=False)
        source.gate.set()
        await settle(pilot)
        assert source.fetch_calls - calls_before <= 4
        assert shown_row_numbers(app.table) == list(range(1_000_000 - BODY_ROWS, 1_000_000))
        assert app.table.cursor_index == 0  # scrolling alone leaves the cursor where it was


async def test_the_cursor_row_is_drawn_in_its_own_style() -> None:
    app = TableApp(CountingSource())
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("down")
        table = app.table
        cursor_styles = {segment.style for segment in table.render_line(2)}
        other_styles = {segment.style for segment in table.render_line(3)}
        assert cursor_styles.isdisjoint(other_styles)


async def test_a_failing_source_posts_load_failed_and_the_table_recovers() -> None:
    source = FailingSource()
    app = TableApp(source)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert shown_row_numbers(app.table)[:2] == [0, 1]
        source.broken = True
        app.table.reload()
        await settle(pilot)
        assert shown_row_numbers(app.table)[:2] == [0, 1]  # the old rows stay
        await pilot.press("end")
        await settle(pilot)
        assert screen_lines(app.table)[-1].strip() == "…"  # never loaded, never crashed
        failures = [m for m in app.seen if isinstance(m, VirtualTable.LoadFailed)]
        assert len(failures) == 2
        assert str(failures[0].error) == "the database went away"
        assert failures[0].control is app.table
        source.broken = False
        app.table.reload()
        await settle(pilot)
        assert app.table.cursor_index == 999
        assert app.table.cursor_key == KEY_BASE + 999
