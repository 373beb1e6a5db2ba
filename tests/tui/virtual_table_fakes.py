"""Fake table sources and a small app that hosts one VirtualTable, for the table's tests."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Sequence

from textual import on
from textual.app import App, ComposeResult
from textual.message import Message
from textual.pilot import Pilot
from textual.worker import WorkerCancelled

from tui.widgets import Cell, Column, TableRow, VirtualTable

KEY_BASE = 1000
"""Row i has key KEY_BASE + i, so a test that mixes keys and indexes fails."""

COLUMNS = (
    Column("row", "Row", width=12),
    Column("claim", "Claim", flex=True, min_width=10),
    Column("n", "N", width=6, align="right"),
)


class CountingSource:
    """`total` synthetic rows that counts what it is asked for; `gate` can hold fetches."""

    def __init__(self, total: int = 1_000_000, *, first: int = 0) -> None:
        self.total = total
        self.first = first
        self.fetched_rows = 0
        self.fetch_calls = 0
        self.gate = threading.Event()
        self.gate.set()

    def count(self) -> int:
        self.gate.wait(timeout=5)
        return self.total

    def fetch(self, offset: int, limit: int) -> Sequence[TableRow]:
        self.gate.wait(timeout=5)
        rows = [self.row(i) for i in range(offset, min(self.total, offset + limit))]
        self.fetch_calls += 1
        self.fetched_rows += len(rows)
        return rows

    def row(self, index: int) -> TableRow:
        number = self.first + index
        cells = (Cell(f"row {number}"), Cell(f"claim {number}"), Cell(str(number % 97)))
        return TableRow(key=KEY_BASE + number, cells=cells)


class FailingSource(CountingSource):
    """A CountingSource that raises on every call while `broken` is true."""

    def __init__(self, total: int = 1_000) -> None:
        super().__init__(total)
        self.broken = False

    def count(self) -> int:
        if self.broken:
            raise RuntimeError("the database went away")
        return super().count()

    def fetch(self, offset: int, limit: int) -> Sequence[TableRow]:
        if self.broken:
            raise RuntimeError("the database went away")
        return super().fetch(offset, limit)


class ListSource:
    """Rows given up front, for tests about what a cell shows."""

    def __init__(self, rows: Sequence[TableRow]) -> None:
        self.rows = list(rows)

    def count(self) -> int:
        return len(self.rows)

    def fetch(self, offset: int, limit: int) -> Sequence[TableRow]:
        return self.rows[offset : offset + limit]


class TableApp(App[None]):
    """One VirtualTable filling the screen; every message it posts is kept in `seen`."""

    def __init__(
        self,
        source: CountingSource | FailingSource | ListSource,
        columns: Sequence[Column] = COLUMNS,
        *,
        page_size: int = 50,
        max_pages: int = 6,
    ) -> None:
        super().__init__()
        self.source = source
        self.columns = columns
        self.page_size = page_size
        self.max_pages = max_pages
        self.seen: list[Message] = []

    def compose(self) -> ComposeResult:
        yield VirtualTable(
            self.columns, self.source, page_size=self.page_size, max_pages=self.max_pages
        )

    @on(VirtualTable.RowHighlighted)
    @on(VirtualTable.RowSelected)
    @on(VirtualTable.SortRequested)
    @on(VirtualTable.LoadFailed)
    @on(VirtualTable.RowsCounted)
    def keep(self, message: Message) -> None:
        self.seen.append(message)

    @property
    def table(self) -> VirtualTable:
        return self.query_one(VirtualTable)


async def settle(pilot: Pilot[None]) -> None:
    """Wait until no worker runs and every message they posted has been handled."""
    for _ in range(50):
        waits = [worker.wait() for worker in pilot.app.workers]
        for outcome in await asyncio.gather(*waits, return_exceptions=True):
            if isinstance(outcome, BaseException) and not isinstance(outcome, WorkerCancelled):
                raise outcome
        await pilot.pause()
        if all(worker.is_finished for worker in pilot.app.workers):
            return
    raise AssertionError("the table's workers never went quiet")


def highlights(app: TableApp) -> list[tuple[int | None, int]]:
    """(key, index) of every RowHighlighted the app has seen, oldest first."""
    return [(m.key, m.index) for m in app.seen if isinstance(m, VirtualTable.RowHighlighted)]


def screen_lines(table: VirtualTable) -> list[str]:
    """The text of every line the table renders now."""
    return [table.render_line(y).text for y in range(table.scrollable_content_region.height)]


def shown_row_numbers(table: VirtualTable) -> list[int]:
    """The row numbers in the first column of the table's body lines."""
    return [int(line.split()[1]) for line in screen_lines(table)[1:] if line.startswith(" row ")]
