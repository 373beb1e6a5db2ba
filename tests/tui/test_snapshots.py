"""The layout of each screen, fixed by SVG snapshots at 120x36 on the demo ledger, clock pinned.

Update them after a deliberate change with `uv run pytest tests/tui/test_snapshots.py
--snapshot-update`, and look at the new SVGs before committing them.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path

from textual.pilot import Pilot

from tests.tui.app_fixtures import NOW, SIZE, make_app, read_back
from tests.tui.virtual_table_fakes import settle

SnapCompare = Callable[..., bool]


def steps(*keys: str) -> Callable[[Pilot[None]], Awaitable[None]]:
    """Press `keys`, let every worker finish, and show a fixed ledger name in the header."""

    async def run(pilot: Pilot[None]) -> None:
        await settle(pilot)
        for key in keys:
            await pilot.press(key)
            await settle(pilot)
        pilot.app.sub_title = "claims.db"
        await pilot.pause()

    return run


def test_claims_screen(snap_compare: SnapCompare, demo_db: Path) -> None:
    assert snap_compare(make_app(demo_db), terminal_size=SIZE, run_before=steps())


def test_claim_detail(snap_compare: SnapCompare, demo_db: Path) -> None:
    run = steps("down", "enter")
    assert snap_compare(make_app(demo_db), terminal_size=SIZE, run_before=run)


def test_review_queue(snap_compare: SnapCompare, demo_db: Path) -> None:
    with read_back(demo_db) as ledger:
        ledger.reopen(1, now=NOW)  # Grok-3, overdue again: the queue's first card
    app = make_app(demo_db, start_in_queue=True)
    assert snap_compare(app, terminal_size=SIZE, run_before=steps())


def test_add_claim_form(snap_compare: SnapCompare, demo_db: Path) -> None:
    typed = [*"xAI will open-source Grok-2", "tab", *"Elon Musk", "tab", "tab", *"in December"]
    run = steps("a", *typed, "tab")
    assert snap_compare(make_app(demo_db), terminal_size=SIZE, run_before=run)


def test_help(snap_compare: SnapCompare, demo_db: Path) -> None:
    run = steps("question_mark")
    assert snap_compare(make_app(demo_db), terminal_size=SIZE, run_before=run)
