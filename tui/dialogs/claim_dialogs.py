"""Dialogs that act on one claim: re-date, forecast, note or evidence, resolve with details."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from rich.text import Text
from textual.app import ComposeResult
from textual.widgets import Static

from ledger.cli.views import window_line
from ledger.dates import DeadlineWindow, SaidOn, parse_said_on
from ledger.errors import InputError
from ledger.records import ClaimDetail
from ledger.rules import OUTCOME_MEANINGS, check_happened_on
from ledger.textsafe import escape_controls
from ledger.validate import (
    MAX_NAME,
    check_url,
    clean_text,
    parse_optional_date,
    parse_probability,
    read_deadline_text,
    required_text,
)
from tui.dialogs.form import FormDialog, field
from tui.recording import Evidence, RecordedAction, Redating, Resolution

NOTE_LIMIT = 500
HAPPENED_LABELS = {
    "kept": "Kept on",
    "partly": "Partly came true on",
    "broken": "Broken — it happened on",
    "retracted": "Retracted on",
    "void": "Became void on",
    "unverifiable": "Judged unverifiable on",
}
"""The resolve dialog's date field, as it reads for each outcome."""


def optional_url(text: str, *, what: str) -> str | None:
    """An http/https URL, or None for an empty field."""
    return check_url(text, what=what) if text.strip() else None


def reading(window: DeadlineWindow) -> Text:
    """How a deadline as typed is read; no phrase at all means no deadline."""
    if window.precision == "none" and not window.phrase.strip():
        return Text("No deadline: the claim stays open-ended.", "dim")
    return Text(escape_controls(window_line(window)), "green")


def refusal(error: InputError) -> Text:
    return Text(escape_controls(str(error)), "red")


class RedateDialog(FormDialog[Redating]):
    """The claimant gave a new deadline: the phrase is read as it is typed."""

    HEADING = "Re-date"

    def __init__(
        self, claim: ClaimDetail, today: date, save: Callable[[Redating], RecordedAction]
    ) -> None:
        super().__init__(save, subject=f"Claim {claim.id}: {claim.row.statement}")
        self.claim = claim
        self.today = today

    def fields(self) -> ComposeResult:
        yield from field(
            "New deadline, as the claimant said it", "phrase", placeholder="in one to two weeks"
        )
        yield from field("Said on (YYYY-MM-DD, YYYY-MM or YYYY)", "said", value=str(self.today))
        yield from field("Where it was said (URL, optional)", "source", placeholder="https://")

    def _window(self) -> tuple[str, SaidOn, DeadlineWindow]:
        phrase = required_text(self.value("phrase"), what="the new deadline", max_len=MAX_NAME)
        said_on = parse_said_on(self.value("said"), today=self.today)
        if said_on.first < self.claim.row.said_on.first:
            raise InputError(
                f"the new deadline was said on {said_on}, "
                f"before the claim itself ({self.claim.row.said_on})"
            )
        return phrase, said_on, read_deadline_text(phrase, said_on)

    def preview(self) -> Text:
        if not self.value("phrase").strip():
            return Text("Type the deadline as said; its window shows here.", "dim")
        try:
            return reading(self._window()[2])
        except InputError as error:
            return refusal(error)

    def read_form(self) -> Redating:
        phrase, said_on, _ = self._window()
        return Redating(phrase, said_on, optional_url(self.value("source"), what="source URL"))


class ForecastDialog(FormDialog[float]):
    """Your probability that the claim comes true by its deadline: 0.7 or 70%."""

    HEADING = "Forecast"

    def __init__(self, claim: ClaimDetail, save: Callable[[float], RecordedAction]) -> None:
        super().__init__(save, subject=f"Claim {claim.id}: {claim.row.statement}")
        self.claim = claim

    def fields(self) -> ComposeResult:
        last = self.claim.row.last_forecast
        hint = "" if last is None else f" (last: {last:.0%})"
        label = f"Probability it comes true in time{hint}"
        yield from field(label, "probability", placeholder="70%")

    def preview(self) -> Text | None:
        if not self.value("probability").strip():
            return None
        try:
            probability = parse_probability(self.value("probability"))
        except InputError as error:
            return refusal(error)
        end = self.claim.row.window_end
        by = f"by {end}" if end else "at all"
        return Text(f"{probability:.0%} that it comes true {by}", "green")

    def read_form(self) -> float:
        return parse_probability(self.value("probability"))


class NoteDialog(FormDialog[Evidence]):
    """A note, an evidence URL, or both, kept with the claim as evidence."""

    HEADING = "Note or evidence"

    def __init__(self, claim: ClaimDetail, save: Callable[[Evidence], RecordedAction]) -> None:
        super().__init__(save, subject=f"Claim {claim.id}: {claim.row.statement}")

    def fields(self) -> ComposeResult:
        yield from field("Note", "note", placeholder="what it shows, in a sentence")
        yield from field("Evidence URL, http or https", "url", placeholder="https://")

    def read_form(self) -> Evidence:
        url = optional_url(self.value("url"), what="evidence URL")
        note = clean_text(self.value("note"), what="note", max_len=NOTE_LIMIT)
        if url is None and note is None:
            raise InputError("give a note, an evidence URL, or both")
        return Evidence(url, note)


class ResolveDialog(FormDialog[Resolution]):
    """An outcome with the day it happened, a note and evidence: the slower, fuller resolve."""

    def __init__(
        self,
        claim: ClaimDetail,
        outcome: str,
        today: date,
        save: Callable[[Resolution], RecordedAction],
    ) -> None:
        super().__init__(save, subject=f"Claim {claim.id}: {claim.row.statement}")
        self.claim = claim
        self.outcome = outcome
        self.today = today

    def heading(self) -> str:
        return f"Resolve as {self.outcome}"

    def fields(self) -> ComposeResult:
        meaning = f"{self.outcome.capitalize()}: {OUTCOME_MEANINGS[self.outcome]}."
        yield Static(Text(meaning, "italic"), classes="meaning")
        empty = "if it has not happened" if self.outcome == "broken" else "if unknown"
        label = f"{HAPPENED_LABELS[self.outcome]}: leave empty {empty}"
        yield from field(label, "happened", placeholder="YYYY-MM-DD")
        yield from field("Note", "note", placeholder="how it turned out, in a sentence")
        yield from field("Evidence URL, optional", "evidence", placeholder="https://")

    def _happened_on(self) -> date | None:
        happened = parse_optional_date(self.value("happened"), what="the date it happened")
        row = self.claim.row
        first = self.claim.deadlines[0].window_end if self.claim.deadlines else row.window_end
        check_happened_on(
            outcome=self.outcome,
            happened_on=happened,
            said_on=row.said_on.first,
            first_end=first,
            current_end=row.window_end,
            today=self.today,
        )
        return happened

    def preview(self) -> Text | None:
        if not self.value("happened").strip():
            return None
        try:
            happened = self._happened_on()
        except InputError as error:
            return refusal(error)
        return Text(f"{self.outcome} on {happened}", "green")

    def read_form(self) -> Resolution:
        return Resolution(
            self.outcome,
            self._happened_on(),
            clean_text(self.value("note"), what="note"),
            optional_url(self.value("evidence"), what="evidence URL"),
        )
