"""JSON of the due report (kept apart from jsonout so that list and show never import reports)."""

from __future__ import annotations

from typing import Any

from ledger.cli.jsonout import plain
from ledger.reports.due import DUE_BUCKETS, DueItem, DueReport


def due_item_json(item: DueItem) -> dict[str, Any]:
    data: dict[str, Any] = plain(item.claim)
    data["said_on"] = str(item.claim.said_on)
    data.update(
        state=item.state,
        days_overdue=item.days_overdue,
        days_left=item.days_left,
        days_to_open=item.days_to_open,
    )
    return data


def due_json(report: DueReport) -> dict[str, Any]:
    buckets = {name: getattr(report, name) for name in DUE_BUCKETS}
    return {
        "day": report.day,
        "as_of": report.as_of,
        "within": report.within,
        "horizon": report.horizon,
        "counts": {name: report.bucket_size(name) for name in buckets},
        **{name: [due_item_json(item) for item in items] for name, items in buckets.items()},
    }
