"""The shape every dialog shares: fields checked as they are typed, saved in a worker.

A dialog reads its fields into a value (`read_form`, pure, on the UI thread); a refusal is shown
inline under the fields and nothing is saved. A valid value goes to `save` in a thread worker;
if the ledger refuses it too, that reason shows inline and the dialog stays open with what the
user typed. On success the dialog dismisses with the RecordedAction.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar, Generic, TypeVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Static

from ledger.errors import InputError, LedgerError
from ledger.textsafe import escape_controls, truncate
from tui.recording import RecordedAction

T = TypeVar("T")
KEYS_HINT = "Enter saves · Esc cancels"


def field(label: str, input_id: str, *, value: str = "", placeholder: str = "") -> ComposeResult:
    """A label over an input (labels are our own text; what the user types never is markup)."""
    yield Label(label, classes="field-label")
    yield Input(value=value, placeholder=placeholder, id=input_id)


class FormDialog(ModalScreen[RecordedAction | None], Generic[T]):
    """A small form that saves one value through `save` and returns what was recorded."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel"),
        Binding("ctrl+s", "save", "Save"),
    ]

    HEADING: ClassVar[str] = ""
    AUTO_FOCUS = "Input"

    def __init__(self, save: Callable[[T], RecordedAction], *, subject: str = "") -> None:
        super().__init__()
        self._save_value = save
        self.subject = subject
        self.saving = False
        self._preview_plain = ""

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog") as box:
            box.border_title = self.heading()
            box.border_subtitle = KEYS_HINT
            if self.subject:
                yield Static(Text(escape_controls(truncate(self.subject, 200))), classes="subject")
            yield from self.fields()
            yield Static(id="preview")
            yield Static(id="error")

    def heading(self) -> str:
        """The title on the dialog's border."""
        return self.HEADING

    def fields(self) -> ComposeResult:
        """The dialog's labels and inputs."""
        yield from ()

    def read_form(self) -> T:
        """The value the fields hold now, or an InputError that says what is wrong."""
        raise NotImplementedError

    def preview(self) -> Text | None:
        """A live line under the fields (e.g. how a deadline reads); None for none."""
        return None

    def value(self, input_id: str) -> str:
        return self.query_one(f"#{input_id}", Input).value

    def on_mount(self) -> None:
        self._show_preview()

    @on(Input.Changed)
    def _changed(self) -> None:
        self.show_error(None)
        self._show_preview()

    @on(Input.Submitted)
    def _submitted(self) -> None:
        self.action_save()

    def action_cancel(self) -> None:
        """Close without saving anything."""
        self.dismiss(None)

    def action_save(self) -> None:
        """Check the fields and, when they hold, save."""
        if self.saving:
            return
        try:
            value = self.read_form()
        except InputError as error:
            self.show_error(str(error))
            return
        self._set_saving(True)
        self._save(value)

    @work(thread=True, exclusive=True, group="save")
    def _save(self, value: T) -> None:
        try:
            action = self._save_value(value)
        except LedgerError as error:
            self.app.call_from_thread(self._refused, str(error))
        else:
            self.app.call_from_thread(self.dismiss, action)

    def _refused(self, reason: str) -> None:
        self._set_saving(False)
        self.show_error(reason)

    def _set_saving(self, saving: bool) -> None:
        """While a save is on its way the border says so (the first one opens the store)."""
        self.saving = saving
        self.query_one(".dialog").border_subtitle = "Saving…" if saving else KEYS_HINT

    def show_error(self, reason: str | None) -> None:
        """Say why nothing was saved, unless the preview line says it already."""
        shown = escape_controls(reason) if reason else ""
        if shown == self._preview_plain:
            shown = ""
        error = self.query_one("#error", Static)
        error.update(Text(shown, "red"))
        error.display = bool(shown)

    def _show_preview(self) -> None:
        line = self.preview()
        self._preview_plain = "" if line is None else line.plain
        preview = self.query_one("#preview", Static)
        preview.update(line or "")
        preview.display = line is not None
