"""Messages the app's workers post back to their screens."""

from __future__ import annotations

from textual.message import Message

from ledger.records import ClaimDetail, EventRecord
from tui.recording import RecordedAction


class ActionRecorded(Message):
    """A write finished: `action` says what the ledger now holds."""

    def __init__(self, action: RecordedAction) -> None:
        super().__init__()
        self.action = action


class LedgerFailed(Message):
    """The ledger refused or failed at something; `text` is its one-line reason."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text


class ClaimLoaded(Message):
    """One claim in full and its history, read for the screen that asked."""

    def __init__(self, detail: ClaimDetail, history: list[EventRecord]) -> None:
        super().__init__()
        self.detail = detail
        self.history = history
