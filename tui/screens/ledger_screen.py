"""What the claims list and the review queue share: the current claim, its dialogs, and writes.

A screen shows one claim at a time as "the current claim" (the highlighted row, the card in the
queue). The keys that act on it (re-date, forecast, note, open a source) open a dialog that saves
in a worker and returns a RecordedAction; the screen keeps the last one in `last_action`, for
undo, and tells the user exactly what was recorded.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, ClassVar, cast

from textual import on, work
from textual.binding import Binding, BindingType
from textual.screen import Screen

from ledger.errors import LedgerError
from ledger.query import ClaimQuery
from ledger.records import ClaimDetail, ClaimDraft
from tui import recording
from tui.dialogs.add_claim import AddClaimDialog
from tui.dialogs.claim_dialogs import ForecastDialog, NoteDialog, RedateDialog
from tui.dialogs.sources import SourcePicker
from tui.gateway import LedgerGateway
from tui.messages import ActionRecorded, LedgerFailed
from tui.recording import Evidence, RecordedAction, Redating
from tui.views.claim_text import openable_urls

if TYPE_CHECKING:
    from tui.app import ClaimsApp

CLAIM_ACTIONS = frozenset({"redate", "forecast", "note", "open_source"})


class LedgerScreen(Screen[None]):
    """A screen over the ledger with a current claim (None while it loads or when there is none)."""

    # Each screen lists these in its own order: the footer shows what fits, first come first.
    ADD = Binding("a", "add_claim", "Add claim")
    UNDO = Binding("z", "undo", "Undo")
    CLAIM_BINDINGS: ClassVar[list[BindingType]] = [
        Binding("d", "redate", "Re-date"),
        Binding("f", "forecast", "Forecast"),
        Binding("n", "note", "Note/evidence"),
        Binding("o", "open_source", "Open source", show=False),
    ]
    COMMON_BINDINGS: ClassVar[list[BindingType]] = [
        Binding("R", "reports", "Reports"),
        Binding("g,ctrl+r", "refresh", "Refresh", show=False),
    ]

    def __init__(self, *, name: str) -> None:
        super().__init__(name=name)
        self.claim: ClaimDetail | None = None
        self.last_action: RecordedAction | None = None

    @property
    def claims_app(self) -> ClaimsApp:
        return cast("ClaimsApp", self.app)

    @property
    def gateway(self) -> LedgerGateway:
        return self.claims_app.gateway

    # What each screen fills in

    def refresh_data(self) -> None:
        """Read the ledger again (another process may have written), keeping the user's place."""
        raise NotImplementedError

    def after_write(self, action: RecordedAction) -> None:
        """Show the ledger as `action` left it."""
        raise NotImplementedError

    # Actions on the current claim

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in CLAIM_ACTIONS and self.claim is None:
            return None  # shown, but dimmed and inert
        return True

    def claim_for(self, action: str) -> ClaimDetail | None:
        """The claim `action` applies to, or None when there is none (yet)."""
        return self.claim

    def action_refresh(self) -> None:
        """Read the ledger again."""
        self.refresh_data()

    def action_undo(self) -> None:
        """Take back the last change this screen recorded (press again to redo it)."""
        action, now = self.last_action, self.claims_app.now()
        if action is None:
            self.claims_app.say("Nothing to undo yet: z takes back the last change made here.")
        else:
            self.write(lambda: recording.undo(self.gateway, action, now=now))

    def report_query(self) -> ClaimQuery:
        """The claims the reports cover: those the screen shows."""
        return ClaimQuery()

    def action_reports(self) -> None:
        """Show the due report, track records and calibration."""
        from tui.screens.reports import ReportsScreen

        self.claims_app.warm_writer()
        self.app.push_screen(ReportsScreen(self.report_query()))

    def action_redate(self) -> None:
        """Record a new deadline the claimant gave."""
        claim, app = self.claim_for("redate"), self.claims_app
        if claim is not None:

            def save(redating: Redating) -> RecordedAction:
                return recording.redate(self.gateway, claim, redating, now=app.now())

            self._open(RedateDialog(claim, app.today(), save))

    def action_forecast(self) -> None:
        """Record your probability that the claim comes true in time."""
        claim, app = self.claim_for("forecast"), self.claims_app
        if claim is not None:

            def save(probability: float) -> RecordedAction:
                return recording.forecast(self.gateway, claim, probability, now=app.now())

            self._open(ForecastDialog(claim, save))

    def action_note(self) -> None:
        """Add a note, an evidence URL, or both."""
        claim, app = self.claim_for("note"), self.claims_app
        if claim is not None:

            def save(evidence: Evidence) -> RecordedAction:
                return recording.add_evidence(self.gateway, claim, evidence, now=app.now())

            self._open(NoteDialog(claim, save))

    def action_add_claim(self) -> None:
        """Record a new claim."""
        app = self.claims_app

        def save(draft: ClaimDraft) -> RecordedAction:
            return recording.add_claim(self.gateway, draft, now=app.now())

        self._open(AddClaimDialog(app.today(), save))

    def action_open_source(self) -> None:
        """Open one of the claim's web sources in the browser."""
        claim = self.claim_for("open_source")
        if claim is None:
            return
        urls = openable_urls(claim)
        if not urls:
            self.claims_app.say(f"Claim {claim.id} has no web source to open.")
        elif len(urls) == 1:
            self._open_url(urls[0])
        else:
            self.app.push_screen(SourcePicker(claim.id, urls), self._open_url)

    def _open_url(self, url: str | None) -> None:
        if url is not None:
            self.app.open_url(url)
            self.claims_app.say(f"Opening {url}")

    def _open(self, dialog: Screen[RecordedAction | None]) -> None:
        self.claims_app.warm_writer()
        self.app.push_screen(dialog, self.recorded)

    # Writes

    def write(self, work_: Callable[[], RecordedAction]) -> None:
        """Run one write in a worker; the result comes back as ActionRecorded or LedgerFailed."""
        self._write(work_)

    @work(thread=True, group="write")
    def _write(self, work_: Callable[[], RecordedAction]) -> None:
        try:
            action = work_()
        except LedgerError as error:
            self.post_message(LedgerFailed(str(error)))
        else:
            self.post_message(ActionRecorded(action))

    def recorded(self, action: RecordedAction | None) -> None:
        """Keep `action` as the last one, say what it recorded, and show its result."""
        if action is None:
            return
        self.last_action = action
        self.refresh_bindings()
        self.claims_app.say(action.message)
        self.after_write(action)

    @on(ActionRecorded)
    def _on_recorded(self, message: ActionRecorded) -> None:
        self.recorded(message.action)

    @on(LedgerFailed)
    def _on_failed(self, message: LedgerFailed) -> None:
        self.claims_app.say(message.text, severity="error")
        self.refresh_data()
