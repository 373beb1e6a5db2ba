"""On a narrow terminal the claims table drops its lesser columns and the statement keeps room."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.tui.app_fixtures import make_app, press
from tests.tui.virtual_table_fakes import screen_lines, settle
from tui.widgets import VirtualTable


@pytest.mark.parametrize(
    ("size", "labels", "dropped"),
    [
        ((80, 24), ["#", "State", "Window", "Claim"], ["Claimant", "Tags"]),
        ((60, 24), ["#", "State", "Claim"], ["Window", "Claimant", "Tags"]),
    ],
)
async def test_a_narrow_table_keeps_the_statement_and_drops_lesser_columns(
    demo_db: Path, size: tuple[int, int], labels: list[str], dropped: list[str]
) -> None:
    app = make_app(demo_db)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        table = app.screen.query_one(VirtualTable)
        header, first, *_ = screen_lines(table)
        assert header.split() == [*labels[:1], "▲", *labels[1:]]  # sorted by id
        assert not any(label in header for label in dropped)
        assert "xAI will release Grok-3 in Dec" in first  # 30 cells of statement at least
        assert table.virtual_size.width <= table.scrollable_content_region.width  # no sideways
        await press(pilot, "s", "d", "escape")  # sort, a dialog, back: nothing breaks
        assert "State ▲" in screen_lines(table)[0]
