"""The claims screen: a table paged from the ledger, a filter bar, and the claim in full."""

from __future__ import annotations

import time
from typing import ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.widgets import Footer, Header, Input, Static
from textual.worker import get_current_worker

from ledger.errors import InputError, LedgerError
from ledger.query import ClaimQuery, parse_filter
from ledger.records import ClaimDetail
from ledger.textsafe import escape_controls
from tui.claim_source import CLAIM_COLUMNS, COLUMN_OF_SORT_KEY, SORT_KEY_OF_COLUMN, ClaimSource
from tui.messages import ClaimLoaded, LedgerFailed
from tui.recording import RecordedAction
from tui.screens.ledger_screen import CLAIM_ACTIONS, LedgerScreen
from tui.views.claim_text import claim_text
from tui.views.status_line import StatusLine
from tui.widgets import VirtualTable

SORT_CYCLE = tuple(SORT_KEY_OF_COLUMN.values())
DETAIL_DELAY = 0.06
"""Seconds the detail pane waits for the cursor to settle before it reads the claim."""
EMPTY_LEDGER = "No claims yet: press a to add one, or run `claims add` in a shell."
NO_MATCH = "No claims match the filter: / changes it, Esc clears it."
FIRST_STEPS = (
    "\n\nPress a to add one: what was said, who said it and when, the deadline as they said it,"
    " and a source URL. In a shell, `claims add --help` shows the same,"
    " and `claims import` reads an archive.\n\n? lists every key."
)
FILTER_HINT = "by:NAME tag:TAG state:overdue outcome:broken before:DATE after:DATE sort:-deadline …"


class DetailPane(VerticalScroll):
    """The selected claim in full; Esc goes back to the table."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "back", "Back to list")]

    def action_back(self) -> None:
        """Back to the claims table."""
        self.screen.query_one(VirtualTable).focus()


class ClaimsScreen(LedgerScreen):
    """Browse the ledger: sort, filter, read a claim in full, act on it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("slash", "filter", "Filter", key_display="/"),
        Binding("escape", "clear_filter", "Clear filter"),
        Binding("s", "sort_next", "Sort"),
        Binding("S", "sort_reverse", "Reverse sort", show=False),
        Binding("r", "review", "Review queue"),
        LedgerScreen.ADD,
        LedgerScreen.UNDO,
        *LedgerScreen.CLAIM_BINDINGS,
        *LedgerScreen.COMMON_BINDINGS,
    ]
    AUTO_FOCUS = "#claims"

    def __init__(self) -> None:
        super().__init__(name="Claims")
        self.claim_query = ClaimQuery()
        self.filter_text = ""
        self.source: ClaimSource | None = None
        self.away = False
        self.pending: str | None = None
        """A claim action pressed before the claim under the cursor had loaded: run on arrival."""

    def compose(self) -> ComposeResult:
        yield Header()
        yield Input(placeholder=FILTER_HINT, id="filter")
        yield Static(id="filter-error")
        yield VirtualTable(CLAIM_COLUMNS, id="claims")
        yield StatusLine(id="table-status")
        with DetailPane(id="detail-pane"):
            yield Static(Text("Loading…", "dim"), id="detail")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#filter").display = False
        self.query_one("#filter-error").display = False
        self.show_rows(keep_key=None)

    @property
    def table(self) -> VirtualTable:
        return self.query_one(VirtualTable)

    def show_rows(self, *, keep_key: int | None) -> None:
        """Query the ledger again with the current filter and sort."""
        self.source = ClaimSource(self.gateway, self.claim_query, self.claims_app.today())
        self.table.set_source(self.source, keep_cursor_key=keep_key)
        self.table.set_empty_text(self.empty_text())
        query = self.claim_query
        self.table.set_sort_indicator(COLUMN_OF_SORT_KEY.get(query.sort), query.descending)

    def empty_text(self) -> str:
        """What the table and the detail pane say when no claim shows."""
        return NO_MATCH if self.filter_text else EMPTY_LEDGER

    def refresh_data(self) -> None:
        self.show_rows(keep_key=self.table.cursor_key)
        if self.claim is not None:
            self.load_claim(self.claim.id)

    def after_write(self, action: RecordedAction) -> None:
        self.away = False  # this reload shows the change; a resume must not undo its cursor
        self.show_rows(keep_key=action.claim_id)
        self.load_claim(action.claim_id)

    def on_screen_suspend(self) -> None:
        self.away = True

    def on_screen_resume(self) -> None:
        if self.away:  # back from the queue or a dialog: show what changed meanwhile
            self.away = False
            self.refresh_data()

    # The detail pane follows the cursor

    @on(VirtualTable.RowHighlighted)
    def _highlighted(self, message: VirtualTable.RowHighlighted) -> None:
        self._show_status(message.index)
        if message.key is not None and (self.claim is None or self.claim.id != message.key):
            self.load_claim(message.key)
        elif self.table.row_count == 0:
            self._show_no_claim()

    @on(VirtualTable.RowsCounted)
    def _counted(self) -> None:
        self._show_status(self.table.cursor_index)
        if self.table.row_count == 0:
            self._show_no_claim()

    def _show_no_claim(self) -> None:
        self.claim = None
        if self.filter_text:
            text = Text(NO_MATCH, "dim")
        else:
            text = Text("This ledger has no claims yet.", "bold").append(FIRST_STEPS)
        self.query_one("#detail", Static).update(text)
        self.refresh_bindings()

    @on(VirtualTable.RowSelected)
    def _selected(self) -> None:
        self.query_one(DetailPane).focus()

    @on(VirtualTable.LoadFailed)
    def _load_failed(self, message: VirtualTable.LoadFailed) -> None:
        self.claims_app.say(str(message.error), severity="error")

    @work(thread=True, exclusive=True, group="detail")
    def load_claim(self, claim_id: int) -> None:
        """Read the claim in full, unless the cursor moves on within a moment (a held key)."""
        time.sleep(DETAIL_DELAY)
        if get_current_worker().is_cancelled:
            return
        try:
            with self.gateway.reading() as reader:
                detail, history = reader.claim(claim_id), reader.history(claim_id)
        except LedgerError as error:
            self.post_message(LedgerFailed(str(error)))
            return
        if not get_current_worker().is_cancelled:
            self.post_message(ClaimLoaded(detail, history))

    @on(ClaimLoaded)
    def _claim_loaded(self, message: ClaimLoaded) -> None:
        if message.detail.id != self.table.cursor_key:
            return  # the cursor moved on while it loaded
        had_claim, self.claim = self.claim is not None, message.detail
        text = claim_text(message.detail, message.history, self.claims_app.today())
        self.query_one("#detail", Static).update(text)
        if not had_claim:
            self.refresh_bindings()  # the claim keys come alive (the footer is costly to redo)
        if self.pending is not None:
            action, self.pending = self.pending, None
            self.call_later(self.run_action, action)

    def _show_status(self, index: int) -> None:
        count = self.table.row_count
        where = f"{index + 1:,} of {count:,}" if count else "no claims"
        if self.table.counting:
            where = f"{index + 1:,} of … (counting)"
        order = f"sorted by {self.claim_query.sort} {'▼' if self.claim_query.descending else '▲'}"
        shown = f"  ·  filter: {self.filter_text}" if self.filter_text else ""
        status = Text(f"{where}  ·  {order}{escape_controls(shown)}", "dim")
        self.query_one("#table-status", StatusLine).show(status)

    # Filter and sort

    @property
    def filter_input(self) -> Input:
        return self.query_one("#filter", Input)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "clear_filter":
            return self.filter_input.has_focus or bool(self.filter_text)
        if action in CLAIM_ACTIONS:
            return True if self.table.cursor_key is not None else None
        return super().check_action(action, parameters)

    def claim_for(self, action: str) -> ClaimDetail | None:
        """The claim under the cursor; if it is still loading, run `action` once it arrives."""
        if self.claim is not None and self.claim.id == self.table.cursor_key:
            return self.claim
        self.pending = action if self.table.cursor_key is not None else None
        return None

    def action_filter(self) -> None:
        """Filter with the words of `claims list`: by: tag: state: outcome: before: after: sort:."""
        self.filter_input.display = True
        self.filter_input.value = self.filter_text
        self.filter_input.focus()
        self.refresh_bindings()

    def action_clear_filter(self) -> None:
        """Leave the filter bar, or drop the filter applied."""
        if self.filter_input.has_focus:
            self._close_filter_bar()
        elif self.filter_text:
            self.filter_text = ""
            self._close_filter_bar()
            self.apply_query(parse_filter("", self._sort_only()))

    @on(Input.Changed, "#filter")
    def _filter_typed(self, event: Input.Changed) -> None:
        try:
            parse_filter(event.value)
        except InputError as error:
            self._filter_error(str(error))
        else:
            self._filter_error(None)

    @on(Input.Submitted, "#filter")
    def _filter_submitted(self, event: Input.Submitted) -> None:
        try:
            query = parse_filter(event.value, self._sort_only())
        except InputError as error:
            self._filter_error(str(error))
            return
        self.filter_text = event.value.strip()
        self._close_filter_bar()
        self.apply_query(query)

    def _close_filter_bar(self) -> None:
        self._filter_error(None)
        self.filter_input.display = bool(self.filter_text)
        self.filter_input.value = self.filter_text
        self.table.focus()
        self.refresh_bindings()

    def _filter_error(self, reason: str | None) -> None:
        error = self.query_one("#filter-error", Static)
        error.update(Text(escape_controls(reason or ""), "red"))
        error.display = reason is not None

    def report_query(self) -> ClaimQuery:
        return self.claim_query

    def _sort_only(self) -> ClaimQuery:
        return ClaimQuery(sort=self.claim_query.sort, descending=self.claim_query.descending)

    def apply_query(self, query: ClaimQuery) -> None:
        self.claim_query = query
        self.show_rows(keep_key=self.table.cursor_key)

    def action_sort_next(self) -> None:
        """Sort by the next column: id, state, window, claimant, statement."""
        sort = self.claim_query.sort
        following = (SORT_CYCLE.index(sort) + 1) % len(SORT_CYCLE) if sort in SORT_CYCLE else 0
        self.apply_query(self.claim_query._replace(sort=SORT_CYCLE[following], descending=False))

    def action_sort_reverse(self) -> None:
        """Reverse the order."""
        self.apply_query(self.claim_query._replace(descending=not self.claim_query.descending))

    @on(VirtualTable.SortRequested)
    def _header_clicked(self, message: VirtualTable.SortRequested) -> None:
        sort = SORT_KEY_OF_COLUMN.get(message.column_key)
        if sort is None:
            self.claims_app.say(f"The claims cannot be sorted by {message.column_key}.")
        elif sort == self.claim_query.sort:
            self.action_sort_reverse()
        else:
            self.apply_query(self.claim_query._replace(sort=sort, descending=False))

    def action_review(self) -> None:
        """Review the overdue and due claims one at a time."""
        from tui.screens.queue import ReviewScreen

        self.app.push_screen(ReviewScreen())
