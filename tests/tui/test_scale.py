"""At scale: a 100,000-claim ledger opens reading only the rows in view, without SQLAlchemy."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from bench.raw_ledger import build_ledger
from tests.conftest import REPO
from tests.tui.app_fixtures import SIZE, make_app, press
from tests.tui.virtual_table_fakes import settle
from tui.screens.claims import ClaimsScreen
from tui.widgets import VirtualTable

CLAIMS = 100_000
PAGE = 100  # the VirtualTable's default page size


@pytest.fixture(scope="session")
def big_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("scale") / "big.db"
    build_ledger(path, CLAIMS)
    return path


async def test_a_big_ledger_opens_fetching_only_the_visible_window(big_db: Path) -> None:
    app = make_app(big_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ClaimsScreen) and screen.source is not None
        table = screen.query_one(VirtualTable)
        assert table.row_count == CLAIMS
        assert screen.source.fetched_rows <= 2 * PAGE
        assert screen.source.fetch_calls <= 2
        await press(pilot, *["pagedown"] * 5)
        assert screen.source.fetched_rows <= 4 * PAGE
        await press(pilot, "end")
        assert table.cursor_key == CLAIMS
        assert screen.source.fetched_rows <= 6 * PAGE
        assert table.cached_row_count <= 20 * PAGE


PROBE = """
import asyncio, sys
from datetime import UTC, datetime
from ledger.location import locate_ledger
from tests.tui.virtual_table_fakes import settle
from tui.app import ClaimsApp
from tui.gateway import LedgerGateway

async def main(path):
    gateway = LedgerGateway(locate_ledger(path), actor="probe")
    app = ClaimsApp(gateway, clock=lambda: datetime(2026, 11, 29, tzinfo=UTC), warm_up=False)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("down", "slash", "s", "t", "enter")
        await settle(pilot)
    print("sqlalchemy" in sys.modules)

asyncio.run(main(sys.argv[1]))
"""


def test_reading_the_ledger_never_imports_sqlalchemy(big_db: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-c", PROBE, str(big_db)],
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "False"
