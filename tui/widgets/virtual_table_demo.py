"""Try the VirtualTable over a million made-up claims.

Example:
    python -m tui.widgets.virtual_table_demo --rows 1000000 --delay 0.02
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Sequence
from typing import ClassVar

from textual import on
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import Footer, Static

from tui.widgets.columns import Column
from tui.widgets.table_source import Cell, TableRow
from tui.widgets.virtual_table import VirtualTable

STATES = (("open", "yellow"), ("kept", "green"), ("broken", "bold red"), ("unclear", "dim"))
CLAIMANTS = ("Minister of Transport", "Acme Rail", "東京都知事", "Mayor 🚲", "Dr. Chen")
TEXTS = (
    "Every line will run on time by spring",
    "Vote [/] now [link=https://x.example]bbc.co.uk[/link]",
    "新しい駅を二〇三〇年までに開業する",
    "Zero emissions 🌱🚆 across the whole fleet",
    "A claim with an \x1b[31mescape\x1b[0m and a\nnewline",
)
COLUMNS = (
    Column("id", "#", width=9, align="right"),
    Column("state", "State", width=8),
    Column("claimant", "Claimant", width=22),
    Column("text", "Claim", flex=True, min_width=20),
    Column("due", "Due", width=10),
)


class SyntheticClaims:
    """`total` made-up claims computed on demand, with a pretend database `delay` per call."""

    def __init__(self, total: int, *, delay: float = 0.0, descending: bool = False) -> None:
        self.total = total
        self.delay = delay
        self.descending = descending

    def count(self) -> int:
        """How many claims there are."""
        time.sleep(self.delay)
        return self.total

    def fetch(self, offset: int, limit: int) -> Sequence[TableRow]:
        """The claims at rows `offset` to `offset + limit`, in id order."""
        time.sleep(self.delay)
        return [self.row(index) for index in range(offset, min(self.total, offset + limit))]

    def row(self, index: int) -> TableRow:
        """The claim shown at row `index`."""
        claim_id = self.total - index if self.descending else index + 1
        state, style = STATES[claim_id * 7 % len(STATES)]
        due = f"20{26 + claim_id % 10}-{1 + claim_id % 12:02d}-{1 + claim_id % 28:02d}"
        cells = (
            Cell(f"{claim_id:,}"),
            Cell(state, style),
            Cell(CLAIMANTS[claim_id % len(CLAIMANTS)]),
            Cell(TEXTS[claim_id % len(TEXTS)]),
            Cell(due),
        )
        return TableRow(key=claim_id, cells=cells)


class VirtualTableDemo(App[None]):
    """A VirtualTable over synthetic claims, with a status line and an id sort."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("s", "sort_by_id", "Sort by #"),
        Binding("q", "quit", "Quit"),
    ]

    def __init__(self, total: int, delay: float) -> None:
        super().__init__()
        self.source = SyntheticClaims(total, delay=delay)

    def compose(self) -> ComposeResult:
        yield VirtualTable(COLUMNS, self.source, id="table")
        yield Static(id="status")
        yield Footer()

    def action_sort_by_id(self) -> None:
        """Sort by claim id, as a click on the # header does."""
        self.query_one(VirtualTable).action_sort("id")

    @on(VirtualTable.RowHighlighted)
    def show_cursor(self, message: VirtualTable.RowHighlighted) -> None:
        claim = "loading…" if message.key is None else f"claim #{message.key:,}"
        status = f"row {message.index + 1:,} of {self.source.total:,}: {claim}"
        self.query_one("#status", Static).update(status)

    @on(VirtualTable.RowSelected)
    def open_claim(self, message: VirtualTable.RowSelected) -> None:
        self.notify(f"Selected claim #{message.key:,}")

    @on(VirtualTable.SortRequested)
    def sort_claims(self, message: VirtualTable.SortRequested) -> None:
        if message.column_key != "id":
            self.notify("This demo sorts by # only.")
            return
        table = self.query_one(VirtualTable)
        self.source = SyntheticClaims(
            self.source.total, delay=self.source.delay, descending=not self.source.descending
        )
        table.set_sort_indicator("id", self.source.descending)
        table.set_source(self.source, keep_cursor_key=table.cursor_key)


def main(argv: Sequence[str] | None = None) -> None:
    """Run the demo."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--rows", type=int, default=1_000_000, help="how many claims")
    parser.add_argument("--delay", type=float, default=0.0, help="seconds per source call")
    args = parser.parse_args(argv)
    VirtualTableDemo(args.rows, args.delay).run()


if __name__ == "__main__":
    main()
