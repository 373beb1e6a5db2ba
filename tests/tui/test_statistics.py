"""On start the app samples the ledger's tables for SQLite's planner, in the background."""

from __future__ import annotations

import shutil
import sqlite3
import threading
from pathlib import Path

import pytest

from bench.raw_ledger import build_ledger
from ledger.errors import StorageError
from ledger.lean import STATISTICS_FROM, LeanLedger
from ledger.location import locate_ledger
from tests.conftest import DEMO_DB
from tests.tui.app_fixtures import SIZE, make_app, notices
from tests.tui.virtual_table_fakes import settle
from tui.widgets import VirtualTable


def statistics_rows(path: Path) -> int:
    with sqlite3.connect(path) as connection:
        tables = connection.execute("SELECT name FROM sqlite_master WHERE name = 'sqlite_stat1'")
        if tables.fetchone() is None:
            return 0
        return int(connection.execute("SELECT count(*) FROM sqlite_stat1").fetchone()[0])


async def test_the_app_refreshes_the_planners_statistics_on_start(tmp_path: Path) -> None:
    big = tmp_path / "big.db"
    build_ledger(big, STATISTICS_FROM * 2)
    with sqlite3.connect(big) as connection:
        connection.execute("DROP TABLE IF EXISTS sqlite_stat1")
    assert statistics_rows(big) == 0
    app = make_app(big)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
    assert statistics_rows(big) > 0
    assert (
        LeanLedger(sqlite3.connect(big), locate_ledger(str(big)), actor="t").refresh_statistics()
        is False
    )  # fresh now


async def test_a_small_ledger_is_left_unwritten(tmp_path: Path) -> None:
    demo = tmp_path / "demo.db"
    shutil.copy(DEMO_DB, demo)
    before = demo.read_bytes()
    app = make_app(demo)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
    app.gateway.close()
    assert demo.read_bytes() == before


async def test_the_first_screen_does_not_wait_for_the_statistics(
    review_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    release = threading.Event()

    def slow(_ledger: LeanLedger) -> None:
        release.wait(timeout=10)

    monkeypatch.setattr(LeanLedger, "refresh_statistics", slow)
    app = make_app(review_db)
    async with app.run_test(size=SIZE) as pilot:
        table = app.screen.query_one(VirtualTable)
        for _ in range(200):
            if table.row_count:
                break
            await pilot.pause(0.01)
        assert table.row_count == 7 and not release.is_set()
        release.set()
        await settle(pilot)


async def test_a_ledger_that_refuses_the_statistics_is_used_without_a_word(
    review_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(_ledger: LeanLedger) -> None:
        raise StorageError("attempt to write a readonly database")

    monkeypatch.setattr(LeanLedger, "refresh_statistics", refuse)
    app = make_app(review_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert notices(app) == []
        assert app.screen.query_one(VirtualTable).row_count == 7
