"""The claims table: its columns, one claim as a table row, and a TableSource over a ClaimQuery."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from ledger.cli.views import compact_window, status_text
from ledger.query import ClaimQuery
from ledger.records import ClaimRow
from tui.gateway import LedgerGateway
from tui.widgets import Cell, Column, TableRow

CLAIM_COLUMNS = (
    Column("id", "#", width=6, align="right"),
    Column("state", "State", width=15),
    Column("window", "Window", width=22, drop_order=4),
    Column("claimant", "Claimant", width=14, drop_order=3),
    Column("statement", "Claim", flex=True, min_width=30),
    Column("tags", "Tags", width=14, drop_order=1),
    Column("forecast", "P", width=4, align="right", drop_order=2),
)
"""On a narrow terminal the tags go first, then the forecast, the claimant and the window."""

SORT_KEY_OF_COLUMN = {
    "id": "id",
    "state": "state",
    "window": "deadline",
    "claimant": "claimant",
    "statement": "statement",
}
"""The ledger's sort key for each column that can be sorted by (tags and forecast cannot)."""

COLUMN_OF_SORT_KEY = {sort: column for column, sort in SORT_KEY_OF_COLUMN.items()}


def claim_table_row(row: ClaimRow, today: date) -> TableRow:
    """One claim as the table shows it; the table escapes and cuts the text itself."""
    state, colour = status_text(row, today)
    forecast = "" if row.last_forecast is None else f"{row.last_forecast:.0%}"
    cells = (
        Cell(str(row.id)),
        Cell(state, colour),
        Cell(compact_window(row.window_start, row.window_end)),
        Cell(row.claimant),
        Cell(row.statement),
        Cell(" ".join(f"#{tag}" for tag in row.tags), "dim"),
        Cell(forecast),
    )
    return TableRow(key=row.id, cells=cells)


class ClaimSource:
    """The claims matching `query` on `today`, a page at a time, each page one windowed query.

    Counts what it fetched (`fetch_calls`, `fetched_rows`) so tests and the benchmark can check
    that only the rows in view were read.
    """

    def __init__(self, gateway: LedgerGateway, query: ClaimQuery, today: date) -> None:
        self.gateway = gateway
        self.query = query
        self.today = today
        self.fetch_calls = 0
        self.fetched_rows = 0

    def count(self) -> int:
        with self.gateway.reading() as reader:
            return reader.count(self.query, today=self.today)

    def fetch(self, offset: int, limit: int) -> Sequence[TableRow]:
        with self.gateway.reading() as reader:
            rows = reader.claims(self.query.page(offset, limit), today=self.today)
        self.fetch_calls += 1
        self.fetched_rows += len(rows)
        return [claim_table_row(row, self.today) for row in rows]
