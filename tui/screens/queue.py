"""The review queue: one claim at a time, single keys to resolve it, re-date it or move on."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.message import Message
from textual.widgets import Footer, Header, Static

from ledger.errors import LedgerError
from ledger.records import ClaimDetail, EventRecord
from ledger.rules import OUTCOMES
from ledger.textsafe import escape_controls
from tui import recording
from tui.dialogs.claim_dialogs import ResolveDialog
from tui.messages import ClaimLoaded, LedgerFailed
from tui.recording import RecordedAction, Resolution
from tui.review_queue import ReviewQueue
from tui.screens.ledger_screen import LedgerScreen
from tui.views.claim_text import claim_text
from tui.views.status_line import StatusLine

RESOLVE_KEYS = {"kept": "k", "partly": "p", "broken": "b", "retracted": "x", "void": "v"}
RESOLVE_KEYS["unverifiable"] = "u"
RESOLVE = Binding.Group("Resolve", compact=True)
MOVES_ON = frozenset({"resolved", "revised"})
"""What takes a claim out of this pass: the next card shows after these."""
TALLY_WORDS = {"revised": "re-dated", "source-added": "noted", "created": "added"}
"""How the status line counts each kind of change (others read as their kind)."""


class NextCard(Message):
    """The queue's next claim, or None when this pass has shown every claim in it."""

    def __init__(self, detail: ClaimDetail | None, history: list[EventRecord]) -> None:
        super().__init__()
        self.detail = detail
        self.history = history


class QueueSize(Message):
    """How many open claims the queue holds now."""

    def __init__(self, size: int) -> None:
        super().__init__()
        self.queue_size = size


class ReviewScreen(LedgerScreen):
    """Overdue claims first, then claims inside their window, then those with no deadline."""

    BINDINGS: ClassVar[list[BindingType]] = [
        *(
            Binding(key, f"resolve('{outcome}')", outcome.capitalize(), group=RESOLVE)
            for outcome, key in RESOLVE_KEYS.items()
        ),
        *(
            Binding(
                key.upper(),
                f"resolve_with('{outcome}')",
                f"{outcome.capitalize()}, with date…",
                show=False,
            )
            for outcome, key in RESOLVE_KEYS.items()
        ),
        Binding("s", "skip", "Skip"),
        LedgerScreen.UNDO,
        *LedgerScreen.CLAIM_BINDINGS,
        LedgerScreen.ADD,
        *LedgerScreen.COMMON_BINDINGS,
        Binding("escape", "back", "Claims"),
    ]
    AUTO_FOCUS = "#card-pane"

    def __init__(self) -> None:
        super().__init__(name="Review queue")
        self.queue = ReviewQueue()
        self.queue_size: int | None = None
        self.card_id: int | None = None
        """The claim on the card, also while a write on it is on its way (`claim` is None then)."""
        self.last_said: Text | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        yield StatusLine(id="queue-status")
        with VerticalScroll(id="card-pane"):
            yield Static(Text("Finding the first claim to review…", "dim"), id="card")
        yield Static(id="last-action")
        yield Footer()

    def on_mount(self) -> None:
        self._show_last(None)
        self.claims_app.warm_writer()  # the reviewer reads the card meanwhile
        self.next_card()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("resolve", "resolve_with", "skip") and self.claim is None:
            return None
        return super().check_action(action, parameters)

    # Loading

    @work(thread=True, exclusive=True, group="queue")
    def next_card(self) -> None:
        """Show the next claim not yet seen in this pass, then count the queue."""
        today = self.claims_app.today()
        try:
            with self.gateway.reading() as reader:
                detail = self.queue.next_claim(reader, today)
                history = [] if detail is None else reader.history(detail.id)
                self.post_message(NextCard(detail, history))
                self.post_message(QueueSize(self.queue.size(reader, today)))
        except LedgerError as error:
            self.post_message(LedgerFailed(str(error)))

    @work(thread=True, exclusive=True, group="queue")
    def reload_card(self, claim_id: int) -> None:
        """Read the current claim again (after a forecast or a note, or on refresh)."""
        try:
            with self.gateway.reading() as reader:
                detail, history = reader.claim(claim_id), reader.history(claim_id)
                size = self.queue.size(reader, self.claims_app.today())
        except LedgerError as error:
            self.post_message(LedgerFailed(str(error)))
            return
        if detail.row.outcome is not None or detail.row.withdrawn:
            self.next_card()  # settled elsewhere meanwhile
        else:
            self.post_message(ClaimLoaded(detail, history))
            self.post_message(QueueSize(size))

    @on(NextCard)
    def _next_card(self, message: NextCard) -> None:
        if message.detail is None:
            self._show_done()
        else:
            self._show(message.detail, message.history)
            self.query_one("#card-pane").scroll_home(animate=False)

    @on(ClaimLoaded)
    def _reloaded(self, message: ClaimLoaded) -> None:
        if message.detail.id == self.card_id:  # else the reviewer has moved on
            self._show(message.detail, message.history)

    @on(QueueSize)
    def _sized(self, message: QueueSize) -> None:
        self.queue_size = message.queue_size
        self._show_status()

    def _show(self, detail: ClaimDetail, history: list[EventRecord]) -> None:
        self.claim = detail
        self.card_id = detail.id
        text = claim_text(detail, history, self.claims_app.today())
        self.query_one("#card", Static).update(text)
        self._show_status()
        self.refresh_bindings()

    def _show_done(self) -> None:
        self.claim = self.card_id = None
        today = self.claims_app.today()
        if self.queue.seen:
            done = f"Nothing left to review on {today}.\n\n"
            why = "Every claim overdue, due, or open with no deadline has come up in this pass."
            back = "r there starts a new pass, and skipped claims come back."
        else:
            done = f"Nothing to review on {today}.\n\n"
            why = "No claim is overdue, due, or open with no deadline."
            back = "a adds a claim."
        text = Text(done, "bold")
        text.append(f"{why}\nEsc goes back to the claims; {back}")
        self.query_one("#card", Static).update(text)
        self._show_status()
        self.refresh_bindings()

    def _show_status(self) -> None:
        tally = +self.queue.tally  # what undo took back does not count
        done = ", ".join(f"{count} {TALLY_WORDS.get(kind, kind)}" for kind, count in tally.items())
        size = "" if self.queue_size is None else f"{self.queue_size:,} open  ·  "
        line = f"Review queue  ·  {size}this pass: {done or 'nothing yet'}"
        self.query_one("#queue-status", StatusLine).show(Text(line, "bold"))

    # What the reviewer does

    def _show_last(self, text: Text | None) -> None:
        """The line above the footer: the last change recorded, or the one on its way."""
        last = self.query_one("#last-action", Static)
        last.update(text or "")
        last.display = text is not None

    def refresh_data(self) -> None:
        self._show_last(self.last_said)  # a write on its way has failed, if one was
        self.queue.forget_ahead()
        if self.card_id is not None:
            self.reload_card(self.card_id)

    def after_write(self, action: RecordedAction) -> None:
        kind, sign = action.net_effect()
        self.queue.tally[kind] += sign
        self.last_said = Text(f"Last: {escape_controls(action.message)}", "green")
        self._show_last(self.last_said)
        if kind in MOVES_ON and sign > 0:
            self.next_card()
        elif kind in MOVES_ON:  # undone: the claim comes back, the card it displaced comes next
            if self.card_id is not None and self.card_id != action.claim_id:
                self.queue.put_back(self.card_id)
            self.claim, self.card_id = None, action.claim_id  # no key acts on the old card
            self.refresh_bindings()
            self.reload_card(action.claim_id)
        elif self.card_id is not None:
            self.reload_card(self.card_id)

    def action_resolve(self, outcome: str) -> None:
        """Resolve the claim with this outcome, at once."""
        claim = self.claim
        if claim is None or outcome not in OUTCOMES:
            return
        self.claim = None  # no second key on the same claim while this one saves
        self.refresh_bindings()
        self._show_last(Text(f"Recording claim {claim.id} as {outcome}…", "dim"))
        now = self.claims_app.now()
        self.write(lambda: recording.resolve(self.gateway, claim, Resolution(outcome), now=now))

    def action_resolve_with(self, outcome: str) -> None:
        """Resolve with the day it happened, a note and evidence."""
        claim = self.claim
        if claim is None or outcome not in OUTCOMES:
            return
        app = self.claims_app

        def save(resolution: Resolution) -> RecordedAction:
            return recording.resolve(self.gateway, claim, resolution, now=app.now())

        self._open(ResolveDialog(claim, outcome, app.today(), save))

    def action_skip(self) -> None:
        """Leave this claim for another pass."""
        if self.claim is not None:
            self.queue.tally["skipped"] += 1
            self.claim = self.card_id = None
            self.next_card()

    def action_back(self) -> None:
        """Back to the claims list."""
        self.dismiss()
