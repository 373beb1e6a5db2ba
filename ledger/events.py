"""What the event log records for each change, built the same way by every write path."""

from __future__ import annotations

import json
import os
from datetime import date, datetime
from typing import Any

from ledger.dates import DeadlineWindow
from ledger.records import ClaimDraft, SourceDraft

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
)


def new_uid() -> str:
    """A random (version 4) UUID as text, without importing the uuid module on the hot path."""
    raw = bytearray(os.urandom(16))
    raw[6] = (raw[6] & 0x0F) | 0x40
    raw[8] = (raw[8] & 0x3F) | 0x80
    hexed = raw.hex()
    return f"{hexed[:8]}-{hexed[8:12]}-{hexed[12:16]}-{hexed[16:20]}-{hexed[20:]}"


def encode_change(change: dict[str, Any]) -> str:
    """Canonical JSON: sorted keys, no spaces, text kept as is."""
    return json.dumps(
        change, ensure_ascii=False, sort_keys=True, separators=(",", ":"), default=_plain
    )


def decode_change(text: str) -> dict[str, Any]:
    value = json.loads(text)
    return value if isinstance(value, dict) else {"value": value}


def _plain(value: object) -> str:
    if isinstance(value, date | datetime):
        return value.isoformat()
    raise TypeError(f"cannot record {type(value).__name__} in an event")


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


def window_change(window: DeadlineWindow) -> dict[str, Any]:
    return {
        "phrase": window.phrase,
        "start": window.start,
        "end": window.end,
        "precision": window.precision,
        "note": window.note,
    }
