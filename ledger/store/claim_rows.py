"""New claims' rows, built from their checked states in the driver's types, for the importer.

A `ClaimBatch` numbers its claims 0, 1, 2… and their sources likewise; the importer adds the
first free id of each table in the INSERT itself (`? + 41`), so the rows need no rewriting once
the write lock is held and ids are known. A claim row names its claimant by key, a claim_tag row
its tag by key; the INSERT looks the id up. Building a batch is plain work on values, so it can
run in the worker processes that check an archive's lines.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any, TypeGuard

import orjson

from ledger.archive.claim_decoder import text_read
from ledger.archive.items import ArchivedClaim, ArchivedEvent
from ledger.events import encode_change
from ledger.records import Target
from ledger.sql.values import db_timestamp
from ledger.state import ClaimState, DeadlineState, ForecastState, SourceState
from ledger.store.state_columns import (
    CLAIM_COLUMNS,
    CLAIM_FIELDS,
    DEADLINE_FIELDS,
    FORECAST_COLUMNS,
    SOURCE_COLUMNS,
    claim_tuple,
    deadline_tuple,
    forecast_tuple,
    source_tuple,
)
from ledger.validate import name_key

Row = tuple[Any, ...]
EVENT_COLUMNS = ("uid", "at", "actor", "kind", "change")


@dataclass(slots=True)
class ClaimBatch:
    """Rows in the column order of ledger.store.state_columns, led by batch-local numbers:
    `claims` (number, claimant key, *CLAIM_COLUMNS); `sources` (source number, claim number,
    *SOURCE_COLUMNS); `deadlines` (claim number, *DEADLINE_COLUMNS with the source's number);
    `forecasts` and `events` (claim number, *columns); `tags` (claim number, tag key).
    `claimants` and `tag_names` give each key's first spelling (and a claimant's first claim's
    creation time), in the order they first appear."""

    claim_uids: list[str] = field(default_factory=list)
    event_uids: list[str] = field(default_factory=list)
    claims: list[Row] = field(default_factory=list)
    sources: list[Row] = field(default_factory=list)
    deadlines: list[Row] = field(default_factory=list)
    forecasts: list[Row] = field(default_factory=list)
    tags: list[Row] = field(default_factory=list)
    events: list[Row] = field(default_factory=list)
    claimants: dict[str, tuple[str, Any]] = field(default_factory=dict)
    tag_names: dict[str, str] = field(default_factory=dict)

    def add(self, claim: ArchivedClaim, db_value: DbValue) -> None:
        state = claim.state
        number = len(self.claims)
        first_source = len(self.sources)
        key = name_key(state.claimant)
        row = _converted(claim_tuple(state), _CLAIM_TIMES, db_value)
        if key not in self.claimants:
            self.claimants[key] = (state.claimant, row[_CREATED_AT])
        self.claims.append((number, key, *row))
        self.claim_uids.append(state.uid)
        for index, source in enumerate(state.sources):
            values = _converted(source_tuple(source), _SOURCE_TIMES, db_value)
            self.sources.append((first_source + index, number, *values))
        for deadline in state.deadlines:
            index, *rest = _converted(deadline_tuple(deadline), _DEADLINE_TIMES, db_value)
            self.deadlines.append((number, None if index is None else first_source + index, *rest))
        for forecast in state.forecasts:
            self.forecasts.append(
                (number, *_converted(forecast_tuple(forecast), _FORECAST_TIMES, db_value))
            )
        for tag in state.tags:
            tag_key = name_key(tag)
            if tag_key not in self.tag_names:
                self.tag_names[tag_key] = tag
            self.tags.append((number, tag_key))
        for event in claim.events:
            self.events.append((number, *event_row(event, db_value)))
            self.event_uids.append(event.uid)

    def __len__(self) -> int:
        return len(self.claims)


def claim_batch(claims: Sequence[ArchivedClaim], db_value: DbValue) -> ClaimBatch:
    batch = ClaimBatch()
    for claim in claims:
        batch.add(claim, db_value)
    return batch


def event_row(event: ArchivedEvent, db_value: DbValue) -> Row:
    """An event row in EVENT_COLUMNS order."""
    return (
        event.uid,
        db_value.time(event.at),
        event.actor,
        event.kind,
        encoded_change(event.change),
    )


# orjson writes a change as the standard library does (sorted keys, no spaces, text as is) at a
# fraction of the cost, except some floats: below 1e-4 it writes 0.00001 where the standard
# library writes 1e-05, and older releases write 1e16 for 1e+16. So a change whose text holds a
# number with an exponent or four zeros after the point (or text that looks like one) is written
# by the standard library; values orjson does not take raise. tests/test_claim_decoder.py holds
# the two to the same text.
_ORJSON_OPTIONS = (
    orjson.OPT_SORT_KEYS
    | orjson.OPT_PASSTHROUGH_DATETIME
    | orjson.OPT_PASSTHROUGH_DATACLASS
    | orjson.OPT_PASSTHROUGH_SUBCLASS
)
# One search for each character a number can follow: three patterns led by a literal, which re
# scans for quickly, take half the time of one led by a character class.
_after_colon, _after_comma, _after_bracket = (
    re.compile(re.escape(before) + rb"-?(?:[0-9][0-9.]*[eE]|0\.0000)").search
    for before in (b":", b",", b"[")
)


def encoded_change(change: dict[str, Any]) -> str:
    """ledger.events.encode_change, sooner."""
    try:
        text = orjson.dumps(change, option=_ORJSON_OPTIONS)
    except TypeError:  # a value orjson does not write as the standard library does
        return encode_change(change)
    if _after_colon(text) or _after_comma(text) or _after_bracket(text):
        return encode_change(change)
    return text.decode()


def _converted(row: Row, columns: _TimeColumns, db_value: DbValue) -> list[Any]:
    """The row with its dates and times in the driver's types."""
    values = list(row)
    time, day = db_value.time, db_value.day
    for position in columns.times:
        value = values[position]
        if value is not None:
            values[position] = time(value)
    if day is not None:
        for position in columns.dates:
            value = values[position]
            if value is not None:
                values[position] = day(value)
    return values


class _TimeColumns:
    """Where a row's dates and its times are, from the annotations of the values."""

    def __init__(self, *sources: tuple[type, Sequence[str]]) -> None:
        kinds = [str(cls.__annotations__.get(name, "")) for cls, names in sources for name in names]
        self.times = tuple(i for i, kind in enumerate(kinds) if "datetime" in kind)
        self.dates = tuple(
            i for i, kind in enumerate(kinds) if "date" in kind.replace("datetime", "")
        )


_CLAIM_TIMES = _TimeColumns(
    (ClaimState, CLAIM_FIELDS),
    (Target, ("metric", "low", "high", "unit")),
    (DeadlineState, ("phrase", "start", "end", "precision")),
)
_SOURCE_TIMES = _TimeColumns((SourceState, SOURCE_COLUMNS))
_DEADLINE_TIMES = _TimeColumns((DeadlineState, DEADLINE_FIELDS))
_FORECAST_TIMES = _TimeColumns((ForecastState, FORECAST_COLUMNS))
_CREATED_AT = CLAIM_COLUMNS.index("created_at")


@dataclass(frozen=True, slots=True)
class DbValue:
    """Turns dates and times into what the database driver stores, by their exact type (the
    import's values come from fromisoformat, never a subclass); other values pass as they are.
    `day` is None where dates pass as they are; `plain` says every value ends up text, a
    number or None."""

    time: Callable[[datetime], Any]
    day: Callable[[date], Any] | None
    plain: bool

    def __call__(self, value: Any) -> Any:
        kind = type(value)
        if kind is datetime:
            return self.time(value)
        if kind is date and self.day is not None:
            return self.day(value)
        return value


_stamps: dict[int, tuple[datetime, str]] = {}


def _sqlite_timestamp(moment: datetime) -> str:
    """db_timestamp, sooner. A claim's times are mostly one moment (created, recorded, its first
    event), which the typed reader gives as one datetime object: converted once and found again
    by identity (hashing an aware datetime costs more than converting it). Each entry holds its
    datetime, so no other object can take its id while it is there. A time in UTC that the
    typed reader read from an archive is that text cut; any other time in UTC, its ISO text up
    to the offset (the year always has four digits)."""
    known = _stamps.get(id(moment))
    if known is not None and known[0] is moment:
        return known[1]
    if len(_stamps) >= 10_000:
        _stamps.clear()
    if moment.tzinfo is not UTC:
        text = db_timestamp(moment)
    elif _as_exported(written := text_read(moment)):
        text = f"{written[:10]} {written[11:26]}"
    else:
        text = moment.isoformat(" ", "microseconds")[:26]
    _stamps[id(moment)] = (moment, text)
    return text


_days: dict[date, str] = {}


def _sqlite_day(day: date) -> str:
    """date.isoformat, sooner: a claim's dates are few (said on, its window's ends), and finding
    one's text again costs a tenth of formatting it."""
    text = _days.get(day)
    if text is None:
        if len(_days) >= 10_000:
            _days.clear()
        text = _days[day] = day.isoformat()
    return text


def _as_exported(text: str | None) -> TypeGuard[str]:
    """Whether a time was read from text as export writes it, `2024-09-04T12:00:00.000000Z`: a
    calendar date (a week date, `2024-W36-3`, has its dashes elsewhere), any one character, the
    time to the microsecond and Z. Its first 26 characters, with a space for the eleventh, are
    SQLite's text: cutting them costs a fifth of writing the time again."""
    return (
        text is not None
        and len(text) == 27
        and text[26] == "Z"
        and text[19] == "."
        and text[4] == text[7] == "-"
        and text[13] == text[16] == ":"
    )


def _naive_utc(moment: datetime) -> datetime:
    return moment.astimezone(UTC).replace(tzinfo=None)


# As the store writes them: text in SQLite, naive UTC timestamps in PostgreSQL (see
# ledger.models.UTCDateTime).
sqlite_value = DbValue(time=_sqlite_timestamp, day=_sqlite_day, plain=True)
postgres_value = DbValue(time=_naive_utc, day=None, plain=False)
