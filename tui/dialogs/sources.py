"""Choosing which of a claim's web sources to open."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from ledger.textsafe import one_line


class SourcePicker(ModalScreen[str | None]):
    """The claim's http/https sources, numbered as its detail numbers them; returns the URL."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel"),
        *(Binding(str(n), f"pick({n})", f"Open source {n}", show=False) for n in range(1, 10)),
    ]

    def __init__(self, claim_id: int, urls: list[str]) -> None:
        super().__init__()
        self.claim_id = claim_id
        self.urls = urls

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog") as box:
            box.border_title = f"Open a source of claim {self.claim_id}"
            box.border_subtitle = "Enter or 1-9 opens · Esc cancels"
            options = [
                Option(Text(f"{n}  {one_line(url)}"), id=str(n))
                for n, url in enumerate(self.urls, start=1)
            ]
            yield OptionList(*options, id="sources")

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.action_pick(event.option_index + 1)

    def action_pick(self, number: int) -> None:
        """Open source `number` (as the claim's detail numbers it)."""
        if 1 <= number <= len(self.urls):
            self.dismiss(self.urls[number - 1])

    def action_cancel(self) -> None:
        """Open nothing."""
        self.dismiss(None)
