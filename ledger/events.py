"""What the event log records for each change, built the same way by every write path.

Every change to a claim appends one event row in the change's own transaction: its uid, the
claim, when (`at`, UTC), who (`actor`), its `kind`, and `change`, a JSON object written in one
canonical form (sorted keys, no spaces, UTF-8). The log alone rebuilds every claim
(ledger.replay); `claims check` proves it does. Each event also bumps the claim's version and
sets its updated time to `at`. The payloads, by kind:

- `created`: the whole claim: uid, statement, claimant (the name as given; it resolves through
  aliases), said_on (`2024-09-04`, `2024-09` or `2024`), hedge, deadline (a window: phrase, start,
  end, precision, note), sources (each: url, role, and title, publisher, published_on, language,
  archive_url when set), tags, and quote, condition, target {metric, low, high, unit} and
  probability when set. Sources, the first deadline and a forecast are recorded at `at`, the
  forecast by `actor`.
- `edited`: {field: [old, new]} for each claim field that changed (statement, quote, claimant,
  hedge, condition, said_on, said_precision, target_metric, target_low, target_high,
  target_unit, and the current-window columns for display), plus `first_deadline`: [old, new]
  (a window with its said_on) when a new said date or phrase re-read the first deadline.
- `source-added`: the source, as in `created`.
- `tagged`: {added: [...], removed: [...]}, tag names as stored, applied in that order.
- `revised`: seq, said_on, deadline (a window), and source when one was given.
- `forecast`: probability and made_at (ISO time); the forecaster is the actor.
- `resolved`: outcome, and happened_on, note and evidence (a list of sources) when given.
- `reopened`: the outcome, happened_on and note it cleared (for the reader; replay needs none).
- `withdrawn`: {reason}.
- `undone`: {event: uid, kind}: the claim's previous event was taken back. Undo always reverts a
  claim's latest event, so the claim returns to the state it had before that event; undoing
  `created` withdraws the claim instead (nothing is deleted), and undoing an `undone` redoes
  what it took back. The log itself is never edited or shortened.
- `claimant-alias` {claimant, alias}, `claimant-merged` {kept, absorbed, absorbed_id, claims}
  and `claimant-kind` {claimant, kind: [old, new]}: about claimants, with no claim (a merge also
  logs an `edited` claimant change on each claim it moved).
"""

from __future__ import annotations

import json
import os
from datetime import date, datetime
from typing import Any

from ledger.dates import DeadlineWindow, SaidOn
from ledger.drafts import ClaimDraft, SourceDraft

EVENT_KINDS: tuple[str, ...] = (
    "created",
    "edited",
    "source-added",
    "tagged",
    "revised",
    "forecast",
    "resolved",
    "reopened",
    "withdrawn",
    "undone",
    "claimant-alias",
    "claimant-merged",
    "claimant-kind",
)
# The kinds that concern claimants, not one claim: logged with no claim, never replayed.
CLAIMANT_EVENTS: tuple[str, ...] = ("claimant-alias", "claimant-merged", "claimant-kind")


def new_uid() -> str:
    """A random (version 4) UUID as text, without importing the uuid module on the hot path."""
    raw = bytearray(os.urandom(16))
    raw[6] = (raw[6] & 0x0F) | 0x40
    raw[8] = (raw[8] & 0x3F) | 0x80
    hexed = raw.hex()
    return f"{hexed[:8]}-{hexed[8:12]}-{hexed[12:16]}-{hexed[16:20]}-{hexed[20:]}"


def encode_change(change: dict[str, Any]) -> str:
    """Canonical JSON: sorted keys, no spaces, text kept as is."""
    return _change_encoder.encode(change)


def decode_change(text: str) -> dict[str, Any]:
    value = json.loads(text)
    return value if isinstance(value, dict) else {"value": value}


def _plain(value: object) -> str:
    if isinstance(value, date | datetime):
        return value.isoformat()
    raise TypeError(f"cannot record {type(value).__name__} in an event")


# One encoder for every change: json.dumps with options builds a new one each call.
_change_encoder = json.JSONEncoder(
    ensure_ascii=False,
    sort_keys=True,
    separators=(",", ":"),
    default=_plain,
    check_circular=False,  # a change is a tree of plain values
)


def source_change(source: SourceDraft) -> dict[str, Any]:
    return {
        key: value
        for key, value in (
            ("url", source.url),
            ("role", source.role),
            ("title", source.title),
            ("publisher", source.publisher),
            ("published_on", source.published_on),
            ("language", source.language),
            ("archive_url", source.archive_url),
        )
        if value is not None
    }


def created_change(draft: ClaimDraft, uid: str) -> dict[str, Any]:
    """Everything a new claim was created with, so that the log alone can rebuild it."""
    change: dict[str, Any] = {
        "uid": uid,
        "statement": draft.statement,
        "claimant": draft.claimant,
        "said_on": str(draft.said_on),
        "hedge": draft.hedge,
        "deadline": window_change(draft.deadline),
        "sources": [source_change(s) for s in draft.sources],
        "tags": list(draft.tags),
    }
    optional = {
        "quote": draft.quote,
        "condition": draft.condition,
        "probability": draft.probability,
    }
    change.update({key: value for key, value in optional.items() if value is not None})
    if draft.target is not None:
        change["target"] = {
            "metric": draft.target.metric,
            "low": draft.target.low,
            "high": draft.target.high,
            "unit": draft.target.unit,
        }
    return change


def resolved_change(
    outcome: str, happened_on: date | None, note: str | None, evidence: tuple[SourceDraft, ...]
) -> dict[str, Any]:
    change: dict[str, Any] = {"outcome": outcome}
    if happened_on is not None:
        change["happened_on"] = happened_on.isoformat()
    if note is not None:
        change["note"] = note
    if evidence:
        change["evidence"] = [source_change(item) for item in evidence]
    return change


def first_deadline_change(window: DeadlineWindow, said_on: SaidOn) -> dict[str, Any]:
    """A first deadline as `edited` records it: the window and the day it was said."""
    return {**window_change(window), "said_on": str(said_on)}


def undone_change(event_uid: str, kind: str) -> dict[str, Any]:
    return {"event": event_uid, "kind": kind}


def window_change(window: DeadlineWindow) -> dict[str, Any]:
    return {
        "phrase": window.phrase,
        "start": window.start,
        "end": window.end,
        "precision": window.precision,
        "note": window.note,
    }
