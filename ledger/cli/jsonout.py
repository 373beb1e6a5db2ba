"""JSON output: records as plain objects, with the derived fields (state, slip) of the day."""

from __future__ import annotations

import json
from datetime import date, datetime
from typing import Any

from ledger.dates import SaidOn
from ledger.records import ClaimDetail, ClaimRow, EventRecord
from ledger.textsafe import UNSAFE_BUT_NEWLINE


def plain(value: Any) -> Any:
    """Records (dataclasses and NamedTuples), dates and tuples as JSON values."""
    if isinstance(value, SaidOn):
        return str(value)
    if isinstance(value, datetime):
        return value.isoformat().replace("+00:00", "Z")
    if isinstance(value, date):
        return value.isoformat()
    # A dataclass, known without importing dataclasses (the hot commands never load it).
    names = getattr(type(value), "__dataclass_fields__", None)
    if names is not None:
        return {name: plain(getattr(value, name)) for name in names}
    if isinstance(value, tuple) and hasattr(value, "_fields"):  # a NamedTuple record
        return {name: plain(item) for name, item in zip(value._fields, value, strict=True)}
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    return value


def claim_row_json(row: ClaimRow, today: date) -> dict[str, Any]:
    data: dict[str, Any] = plain(row)
    data["state"] = row.state(today)
    data["slip_days"] = row.slip
    data["days_overdue"] = row.days_overdue(today)
    return data


def claim_detail_json(
    detail: ClaimDetail, today: date, history: list[EventRecord] | None = None
) -> dict[str, Any]:
    data: dict[str, Any] = plain(detail)
    data["row"] = claim_row_json(detail.row, today)
    if history is not None:
        data["history"] = plain(history)
    return data


def dumps(value: Any) -> str:
    """Readable UTF-8 JSON in which control and bidi characters stay escaped."""
    text = json.dumps(plain(value), ensure_ascii=False, indent=2)
    return UNSAFE_BUT_NEWLINE.sub(lambda found: f"\\u{ord(found.group()):04x}", text)
