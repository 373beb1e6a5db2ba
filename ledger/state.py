"""A claim's whole state as plain values: what its events replay to, what export writes.

A `ClaimState` holds everything the ledger stores about one claim except local row ids: its
fields, every deadline it was given, its sources, tags and forecasts, its outcome, and the
timestamps and version of the claim row. Two states are compared with `differences`, which
matches tags by their case-folded key (tag rows are shared, so a claim tagged `XAI` links to an
existing `xAI`).
"""

from __future__ import annotations

import dataclasses
import functools
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from ledger.dates import SaidOn
from ledger.frozen import quick_init
from ledger.records import Target
from ledger.validate import name_key


@quick_init
@dataclass(frozen=True, slots=True)
class SourceState:
    role: str
    url: str | None
    title: str | None
    publisher: str | None
    published_on: date | None
    language: str | None
    archive_url: str | None
    added_at: datetime


@quick_init
@dataclass(frozen=True, slots=True)
class DeadlineState:
    """One deadline; `source` is the index, in the claim's sources, of where it was said."""

    seq: int
    phrase: str
    said_on: date
    said_precision: str
    start: date | None
    end: date | None
    precision: str
    note: str
    source: int | None
    recorded_at: datetime


@quick_init
@dataclass(frozen=True, slots=True)
class ForecastState:
    probability: float
    made_at: datetime
    forecaster: str
    recorded_at: datetime


@quick_init
@dataclass(frozen=True, slots=True)
class ClaimState:
    """Every stored fact of a claim; sources and forecasts in the order they were recorded."""

    uid: str
    statement: str
    quote: str | None
    claimant: str
    said_on: date
    said_precision: str
    hedge: str
    condition: str | None
    target: Target | None
    deadlines: tuple[DeadlineState, ...]
    sources: tuple[SourceState, ...]
    tags: tuple[str, ...]
    forecasts: tuple[ForecastState, ...]
    outcome: str | None
    happened_on: date | None
    resolution_note: str | None
    resolved_at: datetime | None
    withdrawn_at: datetime | None
    withdrawn_reason: str | None
    created_at: datetime
    updated_at: datetime
    version: int

    @property
    def current(self) -> DeadlineState:
        """The deadline in force: the latest one given."""
        return self.deadlines[-1]


@functools.lru_cache(maxsize=4096)
def said_on_from_text(text: str) -> SaidOn:
    """`2024-09-04`, `2024-09` or `2024`, as written by `str(SaidOn)`; cached, as an import
    reads the same few days many times."""
    parts = text.split("-")
    if len(parts) == 3:
        return SaidOn(date.fromisoformat(text), "day")
    if len(parts) == 2 and len(parts[0]) == 4 and len(parts[1]) == 2:
        return SaidOn(date(int(parts[0]), int(parts[1]), 1), "month")
    if len(parts) == 1 and len(text) == 4 and text.isascii() and text.isdigit():
        return SaidOn(date(int(text), 1, 1), "year")
    raise ValueError(f"{text!r} is not a said date")


def sorted_tags(names: list[str] | tuple[str, ...]) -> tuple[str, ...]:
    """Tag names without repeats (by key), in key order."""
    seen: dict[str, str] = {}
    for name in names:
        seen.setdefault(name_key(name), name)
    return tuple(seen[key] for key in sorted(seen))


def _comparable(state: ClaimState, field: str) -> Any:
    value = getattr(state, field)
    if field == "tags":
        return tuple(name_key(tag) for tag in value)
    return value


# The fields that hold a tuple of records, compared record by record.
_RECORD_LISTS = frozenset({"deadlines", "sources", "forecasts"})


def differences(expected: ClaimState, actual: ClaimState) -> list[str]:
    """One line per field in which `actual` differs from `expected` (empty when they agree)."""
    lines = []
    for field in dataclasses.fields(ClaimState):
        want, got = _comparable(expected, field.name), _comparable(actual, field.name)
        if want == got:
            continue
        if field.name in _RECORD_LISTS:
            lines.extend(_list_differences(field.name, want, got))
        else:
            lines.append(f"{field.name}: the events say {_show(want)}, stored {_show(got)}")
    return lines


def _list_differences(name: str, want: tuple[Any, ...], got: tuple[Any, ...]) -> list[str]:
    if len(want) != len(got):
        return [f"{name}: the events say {len(want)}, stored {len(got)}"]
    lines = []
    for index, (a, b) in enumerate(zip(want, got, strict=True)):
        for field in dataclasses.fields(a):
            x, y = getattr(a, field.name), getattr(b, field.name)
            if x != y:
                lines.append(
                    f"{name}[{index}].{field.name}: the events say {_show(x)}, stored {_show(y)}"
                )
    return lines


def _show(value: Any) -> str:
    if isinstance(value, datetime | date):
        return value.isoformat()
    text = repr(value)
    return text if len(text) <= 80 else text[:79] + "…"
