"""The column values of a claim's rows, taken from its state: shared by import and undo."""

from __future__ import annotations

import dataclasses
import operator
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


CLAIM_COLUMNS = (
    *CLAIM_FIELDS,
    "target_metric",
    "target_low",
    "target_high",
    "target_unit",
    "deadline_phrase",
    "window_start",
    "window_end",
    "precision",
)
SOURCE_COLUMNS = tuple(field.name for field in dataclasses.fields(SourceState))
FORECAST_COLUMNS = tuple(field.name for field in dataclasses.fields(ForecastState))
# The deadline row's columns, then the DeadlineState field each is read from.
DEADLINE_COLUMNS = (
    "source_id",
    "seq",
    "phrase",
    "said_on",
    "said_precision",
    "window_start",
    "window_end",
    "precision",
    "note",
    "recorded_at",
)
DEADLINE_FIELDS = (
    "source",
    "seq",
    "phrase",
    "said_on",
    "said_precision",
    "start",
    "end",
    "precision",
    "note",
    "recorded_at",
)

_claim_fields = operator.attrgetter(*CLAIM_FIELDS)
_source_fields = operator.attrgetter(*SOURCE_COLUMNS)
_forecast_fields = operator.attrgetter(*FORECAST_COLUMNS)
_deadline_fields = operator.attrgetter(*DEADLINE_FIELDS)
_NO_TARGET = (None, None, None, None)


def claim_tuple(state: ClaimState) -> tuple[Any, ...]:
    """The claim row in CLAIM_COLUMNS order; the current window is the latest deadline's."""
    target, current = state.target, state.current
    return (
        *_claim_fields(state),
        *(_NO_TARGET if target is None else (target.metric, target.low, target.high, target.unit)),
        current.phrase,
        current.start,
        current.end,
        current.precision,
    )


def source_tuple(source: SourceState) -> tuple[Any, ...]:
    return _source_fields(source)


def forecast_tuple(forecast: ForecastState) -> tuple[Any, ...]:
    return _forecast_fields(forecast)


def deadline_tuple(deadline: DeadlineState) -> tuple[Any, ...]:
    """The deadline row in DEADLINE_COLUMNS order, `source_id` still the source's index."""
    return _deadline_fields(deadline)


def claim_values(state: ClaimState) -> dict[str, Any]:
    """Every claim column but id and claimant_id."""
    return dict(zip(CLAIM_COLUMNS, claim_tuple(state), strict=True))


def source_values(source: SourceState) -> dict[str, Any]:
    return dict(zip(SOURCE_COLUMNS, source_tuple(source), strict=True))


def forecast_values(forecast: ForecastState) -> dict[str, Any]:
    return dict(zip(FORECAST_COLUMNS, forecast_tuple(forecast), strict=True))


def deadline_values(
    claim_id: int, deadline: DeadlineState, source_ids: list[int]
) -> dict[str, Any]:
    values = dict(zip(DEADLINE_COLUMNS, deadline_tuple(deadline), strict=True))
    index = values["source_id"]
    return {
        **values,
        "claim_id": claim_id,
        "source_id": None if index is None else source_ids[index],
    }
