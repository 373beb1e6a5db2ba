"""Add a claim: the fields of `claims add`, its deadline read live, every fault shown in place."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Input, Label, Static

from ledger.dates import parse_said_on
from ledger.errors import InputError
from ledger.records import ClaimDraft, Target
from ledger.textsafe import escape_controls
from ledger.validate import (
    MAX_NAME,
    MAX_STATEMENT,
    check_hedge,
    check_tags,
    check_url,
    clean_text,
    draft_claim,
    parse_probability,
    parse_target,
    read_deadline_text,
    required_text,
)
from tui.dialogs.claim_dialogs import reading, refusal
from tui.dialogs.form import FormDialog
from tui.recording import RecordedAction

FIELDS: tuple[tuple[str, str, str], ...] = (
    ("statement", "Statement", "xAI will release Grok-3 in December"),
    ("claimant", "Claimant", "Elon Musk"),
    ("said", "Said on", "YYYY-MM-DD, YYYY-MM or YYYY"),
    ("deadline", "Deadline", "as said: in December, by end of 2025, … (empty: none)"),
    ("sources", "Sources", "https://… (one or more, space between)"),
    ("quote", "Quote", "the words as said, any language"),
    ("tags", "Tags", "xAI grok (space or comma between)"),
    ("hedge", "Hedge", "will, plans, expects, hopes or could"),
    ("condition", "Condition", "if xAI gets 50k H200s"),
    ("probability", "Forecast", "your probability: 0.7 or 70%"),
    ("metric", "Target", "what is measured, e.g. GPUs in Colossus"),
    ("low", "  low", "lower bound"),
    ("high", "  high", "upper bound"),
    ("unit", "  unit", "GPUs, USD, MW"),
)


def split_list(text: str) -> list[str]:
    return text.replace(",", " ").split()


class AddClaimDialog(FormDialog[ClaimDraft]):
    """A new claim; nothing is saved until every field holds."""

    HEADING: ClassVar[str] = "Add a claim"

    def __init__(self, today: date, save: Callable[[ClaimDraft], RecordedAction]) -> None:
        super().__init__(save)
        self.today = today
        self._reading_plain = ""

    def fields(self) -> ComposeResult:
        with VerticalScroll(id="claim-form", can_focus=False):
            for key, label, placeholder in FIELDS:
                with Horizontal(classes="form-row"):
                    yield Label(label, classes="form-label")
                    value = str(self.today) if key == "said" else ""
                    yield Input(value=value, placeholder=placeholder, id=key)
                if key == "deadline":
                    yield Static(id="deadline-reading", classes="form-note")
                yield Static(id=f"{key}-error", classes="field-error")

    def on_mount(self) -> None:
        super().on_mount()
        self._show_reading()
        for error in self.query(".field-error"):
            error.display = False

    @on(Input.Changed)
    def _field_changed(self, event: Input.Changed) -> None:
        if event.input.id is not None:
            self._field_error(event.input.id, None)
        if event.input.id in ("deadline", "said"):
            self._show_reading()

    def _show_reading(self) -> None:
        try:
            said_on = parse_said_on(self.value("said"), today=self.today)
            line = reading(read_deadline_text(self.value("deadline"), said_on))
        except InputError as error:
            line = refusal(error)
        self._reading_plain = line.plain
        self.query_one("#deadline-reading", Static).update(line)

    def _field_error(self, key: str, reason: str | None) -> None:
        shown = escape_controls(reason) if reason else None
        if key == "deadline" and shown == self._reading_plain:
            shown = None  # the reading under the field says it already
        error = self.query_one(f"#{key}-error", Static)
        error.update(Text(shown, "red") if shown else "")
        error.display = shown is not None

    def _check(self, key: str, check: Callable[[], object]) -> bool:
        try:
            check()
        except InputError as error:
            self._field_error(key, str(error))
            return False
        return True

    def read_form(self) -> ClaimDraft:
        said = self.value("said")
        checks: dict[str, Callable[[], object]] = {
            "statement": lambda: required_text(
                self.value("statement"), what="statement", max_len=MAX_STATEMENT
            ),
            "claimant": lambda: required_text(
                self.value("claimant"), what="claimant", max_len=MAX_NAME
            ),
            "said": lambda: parse_said_on(said, today=self.today),
            "deadline": lambda: read_deadline_text(
                self.value("deadline"), parse_said_on(said, today=self.today)
            ),
            "sources": self._sources,
            "quote": lambda: clean_text(self.value("quote"), what="quote"),
            "tags": lambda: check_tags(split_list(self.value("tags"))),
            "hedge": lambda: check_hedge(self.value("hedge")),
            "condition": lambda: clean_text(self.value("condition"), what="condition"),
            "probability": self._probability,
            "metric": self._target,
        }
        failed = [key for key, check in checks.items() if not self._check(key, check)]
        if failed:
            first = self.query_one(f"#{failed[0]}", Input)
            first.focus()
            noun = "field needs" if len(failed) == 1 else "fields need"
            raise InputError(f"{len(failed)} {noun} a look; nothing was saved")
        return draft_claim(
            statement=self.value("statement"),
            claimant=self.value("claimant"),
            said=said,
            deadline=self.value("deadline"),
            sources=split_list(self.value("sources")),
            today=self.today,
            quote=self.value("quote"),
            tags=split_list(self.value("tags")),
            hedge=self.value("hedge") or None,
            condition=self.value("condition"),
            target=self._target(),
            probability=self.value("probability").strip() or None,
        )

    def _sources(self) -> None:
        urls = split_list(self.value("sources"))
        if not urls:
            raise InputError("a claim needs at least one source URL")
        for url in urls:
            check_url(url, what="source URL")

    def _probability(self) -> None:
        if self.value("probability").strip():
            parse_probability(self.value("probability"))

    def _target(self) -> Target | None:
        values = (self.value(key) for key in ("metric", "low", "high", "unit"))
        return parse_target(*(value or None for value in values))
