"""The review app: a first screen listing the ledger's claims."""

from __future__ import annotations

from datetime import date
from typing import ClassVar

from rich.text import Text
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import DataTable, Footer, Header

from ledger.api import Ledger
from ledger.labels import status_label
from ledger.location import LedgerLocation
from ledger.query import ClaimQuery


class ClaimsApp(App[None]):
    TITLE = "claims"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("q", "quit", "Quit"),
        Binding("g", "refresh", "Refresh"),
    ]

    def __init__(
        self, location: LedgerLocation, *, actor: str, start_in_queue: bool = False
    ) -> None:
        super().__init__()
        self.ledger = Ledger.open(location, actor=actor)
        self.sub_title = str(location)

    def compose(self) -> ComposeResult:
        yield Header()
        yield DataTable(cursor_type="row", zebra_stripes=True)
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns("ID", "State", "Window", "By", "Claim")
        self.action_refresh()

    def action_refresh(self) -> None:
        table = self.query_one(DataTable)
        table.clear()
        today = date.today()
        for row in self.ledger.claims(ClaimQuery(limit=500), today=today):
            label = status_label(row, today)
            table.add_row(
                str(row.id),
                Text(f"{label.symbol} {label.word}", style=label.colour),
                Text(f"{row.window_start or ''}..{row.window_end or ''}"),
                Text(row.claimant),
                Text(row.statement),
            )
