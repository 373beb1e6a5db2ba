"""How a claim's standing is named in every front end: a symbol, a word and a colour name."""

from __future__ import annotations

from datetime import date
from typing import NamedTuple

from ledger.records import ClaimRow


class StatusLabel(NamedTuple):
    symbol: str
    word: str
    colour: str


_LABELS: dict[str, StatusLabel] = {
    "overdue": StatusLabel("!", "overdue", "red"),
    "due": StatusLabel("●", "due", "yellow"),
    "upcoming": StatusLabel("○", "upcoming", "cyan"),
    "open-ended": StatusLabel("∞", "open-ended", "bright_black"),
    "kept": StatusLabel("✓", "kept", "green"),
    "partly": StatusLabel("◐", "partly", "yellow"),
    "broken": StatusLabel("✗", "broken", "red"),
    "retracted": StatusLabel("↩", "retracted", "magenta"),
    "void": StatusLabel("∅", "void", "bright_black"),
    "unverifiable": StatusLabel("?", "unverifiable", "bright_black"),
    "withdrawn": StatusLabel("-", "withdrawn", "bright_black"),
}


def status_label(row: ClaimRow, today: date) -> StatusLabel:
    """The outcome when resolved, else the due state on `today`."""
    if row.withdrawn:
        return _LABELS["withdrawn"]
    return _LABELS[row.outcome or row.state(today)]


def label_for(name: str) -> StatusLabel:
    return _LABELS[name]
