"""CSV for spreadsheets: one row per claim, flat and readable, with formula cells neutralised.

CSV is not the archive (JSON Lines is): a row holds a claim's fields, its first and current
deadline (with the URL where the current one was said), outcome, tags, source URLs and latest
forecast (with when it was made and by whom, so that calibration still scores it), but not its
history. Reading one back is ledger.archive.csv_import's job.

A cell that a spreadsheet would run as a formula (it starts with = + - @, a tab or a carriage
return, perhaps after quotes) is written with one more `'` in front; import takes it off again.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Iterator
from datetime import date, datetime

from ledger.archive.items import ArchivedClaim, ArchiveItem
from ledger.archive.jsonl import said_text, timestamp
from ledger.state import ClaimState

COLUMNS = (
    "uid",
    "statement",
    "claimant",
    "said_on",
    "hedge",
    "quote",
    "condition",
    "target_metric",
    "target_low",
    "target_high",
    "target_unit",
    "deadline",
    "window_start",
    "window_end",
    "precision",
    "current_deadline",
    "current_said_on",
    "current_window_start",
    "current_window_end",
    "current_source",
    "outcome",
    "happened_on",
    "resolution_note",
    "tags",
    "sources",
    "evidence",
    "source_titles",
    "last_forecast",
    "last_forecast_at",
    "last_forecaster",
    "withdrawn_at",
    "withdrawn_reason",
    "created_at",
    "updated_at",
)
REQUIRED = ("statement", "claimant", "said_on")
TITLE_SEPARATOR = " | "
_FORMULA = re.compile("'*[=+\\-@\t\r]")


def neutralise(cell: str) -> str:
    return "'" + cell if _FORMULA.match(cell) else cell


def restore(cell: str) -> str:
    return cell[1:] if cell.startswith("'") and _FORMULA.match(cell, 1) else cell


def csv_lines(items: Iterable[ArchiveItem]) -> Iterator[str]:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for item in items:
        if isinstance(item, ArchivedClaim):
            writer.writerow([neutralise(cell) for cell in row_cells(item.state)])
        yield buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
    yield buffer.getvalue()


def _number(value: float | None) -> str:
    if value is None:
        return ""
    return str(int(value)) if value.is_integer() and abs(value) < 1e15 else repr(value)


def _day(value: date | None) -> str:
    return "" if value is None else value.isoformat()


def _moment(value: datetime | None) -> str:
    return "" if value is None else timestamp(value)


def _revision_url(state: ClaimState) -> str:
    """Where the claimant gave the current deadline, when it was re-dated with a source."""
    current = state.current
    if current.seq == 0 or current.source is None:
        return ""
    return state.sources[current.source].url or ""


def row_cells(state: ClaimState) -> list[str]:
    first, current, target = state.deadlines[0], state.current, state.target
    urls = {
        role: [s.url for s in state.sources if s.role == role and s.url]
        for role in ("source", "evidence")
    }
    titles = [s.title for s in state.sources if s.url is None and s.title]
    forecasts = sorted(enumerate(state.forecasts), key=lambda pair: (pair[1].made_at, pair[0]))
    return [
        state.uid,
        state.statement,
        state.claimant,
        said_text(state.said_on, state.said_precision),
        state.hedge,
        state.quote or "",
        state.condition or "",
        target.metric if target else "",
        _number(target.low if target else None),
        _number(target.high if target else None),
        (target.unit or "") if target else "",
        first.phrase,
        _day(first.start),
        _day(first.end),
        first.precision,
        current.phrase,
        said_text(current.said_on, current.said_precision),
        _day(current.start),
        _day(current.end),
        _revision_url(state),
        state.outcome or "",
        _day(state.happened_on),
        state.resolution_note or "",
        " ".join(state.tags),
        " ".join(str(url) for url in urls["source"]),
        " ".join(str(url) for url in urls["evidence"]),
        TITLE_SEPARATOR.join(str(title) for title in titles),
        _number(forecasts[-1][1].probability) if forecasts else "",
        _moment(forecasts[-1][1].made_at) if forecasts else "",
        forecasts[-1][1].forecaster if forecasts else "",
        _moment(state.withdrawn_at),
        state.withdrawn_reason or "",
        _moment(state.created_at),
        _moment(state.updated_at),
    ]
