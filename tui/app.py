"""The review app: the claims list and the review queue over one ledger, driven from the keyboard.

`ClaimsApp(gateway, clock=...)` is the one factory: `claims review` builds it on the real ledger
and the wall clock (tui.launch), the tests on a temporary ledger and a pinned clock.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from contextlib import suppress
from datetime import date, datetime
from functools import partial
from typing import ClassVar

from textual import events, work
from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.notifications import SeverityLevel
from textual.screen import Screen

from ledger.errors import LedgerError
from ledger.textsafe import escape_controls
from tui.gateway import LedgerGateway
from tui.screens.claims import ClaimsScreen
from tui.screens.help import HelpScreen, binding_rows
from tui.screens.ledger_screen import LedgerScreen
from tui.screens.queue import ReviewScreen

Clock = Callable[[], datetime]
"""Now, as an aware datetime in the user's zone; the app reads time through nothing else."""


class ClaimsApp(App[None]):
    """Browse, filter and sort the ledger's claims; review the overdue and due ones in turn."""

    TITLE = "claims"
    CSS_PATH = "app.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("question_mark", "help", "Help", key_display="?"),
        Binding("q", "quit", "Quit"),
    ]

    def __init__(
        self,
        gateway: LedgerGateway,
        *,
        clock: Clock,
        start_in_queue: bool = False,
        warm_up: bool = True,
    ) -> None:
        super().__init__()
        self.gateway = gateway
        self.clock = clock
        self.start_in_queue = start_in_queue
        self.warm_up = warm_up
        self._warming = False
        self._lost_focus = False

    def now(self) -> datetime:
        return self.clock()

    def today(self) -> date:
        return self.clock().date()

    def get_default_screen(self) -> Screen[None]:
        return ClaimsScreen()

    def on_mount(self) -> None:
        self.sub_title = str(self.gateway.location)
        if self.start_in_queue:
            self.push_screen(ReviewScreen())
        self._refresh_statistics()

    @work(thread=True, group="statistics", exit_on_error=False)
    def _refresh_statistics(self) -> None:
        """Sample the tables for SQLite's planner in the background (milliseconds, once a run).

        A ledger written by an older version or by bulk inserts may have none, and the planner
        then picks slow plans for sorted pages. A read-only file or a busy one just goes without.
        """
        with suppress(LedgerError):
            self.gateway.refresh_statistics()

    def on_unmount(self) -> None:
        self.gateway.close()

    def warm_writer(self) -> None:
        """Open the full ledger in the background, because a write is likely soon.

        Called when the review queue or a dialog opens, not at start: the import holds the
        interpreter for about a second, which would slow the keys of a user who only browses.
        """
        if self.warm_up and not self._warming:
            self._warming = True
            self._open_writer()

    @work(thread=True, group="warm-up", exit_on_error=False)
    def _open_writer(self) -> None:
        with suppress(LedgerError):  # the first write reports it, where the user can act on it
            self.gateway.warm_up()

    def say(self, message: str, *, severity: SeverityLevel = "information") -> None:
        """Notify with text shown literally, never read as markup."""
        self.notify(escape_controls(message), severity=severity, markup=False)

    # Focus: a claim added in another shell shows when the user comes back.

    def on_app_blur(self, _: events.AppBlur) -> None:
        self._lost_focus = True

    def on_app_focus(self, _: events.AppFocus) -> None:
        if self._lost_focus and isinstance(self.screen, LedgerScreen):
            self.screen.refresh_data()
        self._lost_focus = False

    # Help and the command palette list the same bindings.

    def action_help(self) -> None:
        """Show every key of the current screen with what it does."""
        if isinstance(self.screen, HelpScreen):
            self.screen.dismiss()
            return
        self.push_screen(HelpScreen(self.screen.name or "", binding_rows(self, self.screen)))

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        for row in binding_rows(self, screen):
            if row.node is screen and row.enabled:
                run = partial(self.run_action, row.action, row.node)
                yield SystemCommand(row.description, f"key: {row.keys}", run)
