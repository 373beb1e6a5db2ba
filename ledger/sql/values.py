"""Reading column values the same way from SQLite (text) and PostgreSQL (typed values)."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from ledger.dates import SaidOn


def as_date(value: Any) -> date | None:
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])


def as_datetime(value: Any) -> datetime | None:
    """Stored timestamps are naive UTC; hand them out aware."""
    if value is None:
        return None
    parsed = value if isinstance(value, datetime) else datetime.fromisoformat(str(value))
    return parsed.replace(tzinfo=UTC) if parsed.tzinfo is None else parsed.astimezone(UTC)


def as_said_on(day: Any, precision: Any) -> SaidOn:
    first = as_date(day)
    assert first is not None
    kind = str(precision or "day")
    if kind == "month":
        return SaidOn(first, "month")
    if kind == "year":
        return SaidOn(first, "year")
    return SaidOn(first, "day")


def db_timestamp(moment: datetime) -> str:
    """The one text form of a UTC timestamp in SQLite, as SQLAlchemy's DateTime writes it."""
    utc = moment.astimezone(UTC).replace(tzinfo=None)
    return utc.isoformat(sep=" ", timespec="microseconds")


def like_pattern(text: str) -> str:
    """A case-folded LIKE pattern matching `text` anywhere, with wildcards escaped."""
    escaped = text.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def as_timestamp(value: Any) -> datetime:
    """A timestamp from a NOT NULL column."""
    parsed = as_datetime(value)
    if parsed is None:
        raise ValueError("a required timestamp is missing")
    return parsed
