"""The claims screen by keys: filter, sort, the detail pane, sources, refresh, help, palette."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual import events

from ledger.cli.main import main
from ledger.query import ClaimQuery, parse_filter
from tests.tui.app_fixtures import CLAIM_ID, SIZE, TODAY, make_app, press, read_back, shown
from tests.tui.virtual_table_fakes import screen_lines, settle
from tui.app import ClaimsApp
from tui.dialogs.sources import SourcePicker
from tui.screens.claims import ClaimsScreen
from tui.screens.help import HelpScreen
from tui.screens.queue import ReviewScreen
from tui.widgets import VirtualTable


def table_ids(app: ClaimsApp) -> list[int]:
    """The claim ids in the first column of the rows the table shows."""
    lines = screen_lines(app.screen.query_one(VirtualTable))[1:]
    return [int(line.split()[0]) for line in lines if line.strip()]


def ledger_ids(path: Path, query: ClaimQuery) -> list[int]:
    with read_back(path) as ledger:
        return [row.id for row in ledger.claims(query, today=TODAY)]


async def test_the_filter_bar_takes_the_filters_of_claims_list(review_db: Path) -> None:
    app = make_app(review_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert table_ids(app) == ledger_ids(review_db, ClaimQuery())
        await press(pilot, "slash", *"by:musk state:overdu")
        assert "unknown state 'overdu'" in shown(app, "#filter-error")
        await press(pilot, "e", "enter")
        expected = ledger_ids(review_db, parse_filter("by:musk state:overdue"))
        assert expected == [CLAIM_ID["overdue-long"]]
        assert table_ids(app) == expected
        assert "filter: by:musk state:overdue" in shown(app, "#table-status")
        assert app.screen.query_one(VirtualTable).has_focus
        await press(pilot, "escape")  # drops the filter
        assert table_ids(app) == ledger_ids(review_db, ClaimQuery())
        assert not app.screen.query_one("#filter").display
        assert "filter" not in shown(app, "#table-status")


async def test_sort_keys_and_header_clicks_reorder_by_the_ledger(review_db: Path) -> None:
    app = make_app(review_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "s")
        assert table_ids(app) == ledger_ids(review_db, ClaimQuery(sort="state"))
        await press(pilot, "S")
        assert table_ids(app) == ledger_ids(review_db, ClaimQuery(sort="state", descending=True))
        await press(pilot, "s")
        assert table_ids(app) == ledger_ids(review_db, ClaimQuery(sort="deadline"))
        assert "sorted by deadline ▲" in shown(app, "#table-status")
        app.screen.query_one(VirtualTable).action_sort("claimant")
        await settle(pilot)
        assert table_ids(app) == ledger_ids(review_db, ClaimQuery(sort="claimant"))
        await press(pilot, "slash", *"sort:-statement", "enter")
        expected = ledger_ids(review_db, ClaimQuery(sort="statement", descending=True))
        assert table_ids(app) == expected


async def test_the_detail_pane_follows_the_cursor_and_shows_the_whole_claim(
    review_db: Path,
) -> None:
    app = make_app(review_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert shown(app, "#detail").startswith("Claim 1  ! overdue 667d")
        await press(pilot, "down", "down")
        detail = shown(app, "#detail")
        assert detail.startswith("Claim 3  ● due")
        assert "Deadline:  in one to two weeks -> 2026-11-20..2026-12-04" in detail
        assert "Source:    [2] https://blog.example/due-soon" in detail
        assert "History" in detail and "created" in detail
        await press(pilot, "enter")
        assert app.screen.query_one("#detail-pane").has_focus
        await press(pilot, "escape")
        assert app.screen.query_one(VirtualTable).has_focus


async def test_o_opens_a_source_and_asks_which_when_there_are_several(
    review_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = make_app(review_db)
    opened: list[str] = []
    monkeypatch.setattr(app, "open_url", lambda url, new_tab=True: opened.append(url))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "o")
        assert isinstance(app.screen, SourcePicker)
        await press(pilot, "2")
        assert isinstance(app.screen, ClaimsScreen)
    assert opened == ["https://blog.example/overdue-long"]


async def test_a_claim_added_in_another_shell_shows_on_refresh_and_on_focus(
    review_db: Path,
) -> None:
    app = make_app(review_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        table = app.screen.query_one(VirtualTable)
        before = table.row_count
        await press(pilot, "end")
        add = ["add", "Added from the shell", "--by", "Tester", "--said", "2026-11-01"]
        assert main([*add, "--source", "https://a.example/", "--db", str(review_db)]) == 0
        await press(pilot, "g")
        assert table.row_count == before + 1
        assert table.cursor_key == before  # the cursor stays on the claim it was on
        assert main([*add, "--source", "https://b.example/", "--db", str(review_db)]) == 0
        app.post_message(events.AppBlur())
        app.post_message(events.AppFocus())
        await settle(pilot)
        assert table.row_count == before + 2


async def test_help_lists_every_key_of_the_screen_and_the_palette_its_actions(
    review_db: Path,
) -> None:
    app = make_app(review_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        titles = [command.title for command in app.get_system_commands(app.screen)]
        for title in ("Filter", "Sort", "Review queue", "Re-date", "Add claim", "Refresh"):
            assert title in titles
        await press(pilot, "question_mark")
        assert isinstance(app.screen, HelpScreen)
        keys = shown(app, "#help-keys")
        for key, description in (("/", "Filter"), ("g ^r", "Refresh"), ("d", "Re-date")):
            assert f"  {key:<16}{description}" in keys
        assert keys.startswith("Claims") and "Table" in keys and "Everywhere" in keys
        await press(pilot, "escape", "r")
        assert isinstance(app.screen, ReviewScreen)
        await press(pilot, "question_mark")
        keys = shown(app, "#help-keys")
        for key, description in (("k", "Kept"), ("B", "Broken, with date…"), ("s", "Skip")):
            assert f"  {key:<16}{description}" in keys
        await press(pilot, "escape")
        review = next(c for c in app.get_system_commands(app.screen) if c.title == "Skip")
        assert review.help == "key: s"
