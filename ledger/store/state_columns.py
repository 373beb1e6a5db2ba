"""The column values of a claim's rows, taken from its state: shared by import and undo."""

from __future__ import annotations

import dataclasses
from typing import Any

from ledger.state import ClaimState, DeadlineState, ForecastState, SourceState

# ClaimState fields stored under the same name on the claim row.
CLAIM_FIELDS = (
    "uid",
    "statement",
    "quote",
    "said_on",
    "said_precision",
    "hedge",
    "condition",
    "outcome",
    "happened_on",
    "resolution_note",
    "resolved_at",
    "withdrawn_at",
    "withdrawn_reason",
    "created_at",
    "updated_at",
    "version",
)


def claim_values(state: ClaimState) -> dict[str, Any]:
    """Every claim column but id and claimant_id; the current window is the latest deadline's."""
    target, current = state.target, state.current
    return {
        **{field: getattr(state, field) for field in CLAIM_FIELDS},
        "target_metric": None if target is None else target.metric,
        "target_low": None if target is None else target.low,
        "target_high": None if target is None else target.high,
        "target_unit": None if target is None else target.unit,
        "deadline_phrase": current.phrase,
        "window_start": current.start,
        "window_end": current.end,
        "precision": current.precision,
    }


_SOURCE_FIELDS = tuple(field.name for field in dataclasses.fields(SourceState))
_FORECAST_FIELDS = tuple(field.name for field in dataclasses.fields(ForecastState))


def source_values(source: SourceState) -> dict[str, Any]:
    """Source columns, named as the state's fields (asdict would deep-copy every value)."""
    return {field: getattr(source, field) for field in _SOURCE_FIELDS}


def forecast_values(forecast: ForecastState) -> dict[str, Any]:
    return {field: getattr(forecast, field) for field in _FORECAST_FIELDS}


def deadline_values(
    claim_id: int, deadline: DeadlineState, source_ids: list[int]
) -> dict[str, Any]:
    return {
        "claim_id": claim_id,
        "seq": deadline.seq,
        "phrase": deadline.phrase,
        "said_on": deadline.said_on,
        "said_precision": deadline.said_precision,
        "window_start": deadline.start,
        "window_end": deadline.end,
        "precision": deadline.precision,
        "note": deadline.note,
        "source_id": None if deadline.source is None else source_ids[deadline.source],
        "recorded_at": deadline.recorded_at,
    }
