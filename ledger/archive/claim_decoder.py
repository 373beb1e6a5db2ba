"""A claim line read in one typed pass: the fast way in for an import, never the judge.

msgspec decodes a claim line straight into typed records in C, checking each field's type,
length and choices as it goes; the few rules it cannot state (uids, URLs, tags, dates and
times, the order of deadlines) are checked here, and then the events are replayed exactly as
ledger.archive.claim_fields does. `typed_claim` returns None for any line it does not accept
whole, and the caller reads that line again with claim_fields, which accepts or refuses it and
words the refusal. So this reader only ever decides "yes, and here is the same claim": it must
accept nothing claim_fields refuses and give what claim_fields gives (tests/test_claim_decoder.py
compares the two on generated and damaged lines).
"""

from __future__ import annotations

import math
import re
from datetime import date, datetime
from typing import Annotated, Any, Literal

import msgspec
import orjson
from msgspec import Meta, Struct

from ledger.archive.fields import UID
from ledger.archive.items import ArchivedClaim, ArchivedEvent
from ledger.errors import InputError
from ledger.events import CLAIMANT_EVENTS, EVENT_KINDS
from ledger.records import Target
from ledger.replay import NameMap, ReplayError, replay
from ledger.state import ClaimState, DeadlineState, ForecastState, SourceState, said_on_from_text
from ledger.validate import MAX_NAME, MAX_STATEMENT, MAX_TEXT, MAX_URL, check_tag, check_url

# The field types, as claim_fields reads them.
_Text = Annotated[str, Meta(max_length=MAX_TEXT)]
_Name = Annotated[str, Meta(max_length=MAX_NAME)]
_Statement = Annotated[str, Meta(max_length=MAX_STATEMENT)]
_Url = Annotated[str, Meta(max_length=4096)]
_Moment = Annotated[str, Meta(max_length=40)]
_Day = Annotated[str, Meta(min_length=10, max_length=10)]
_Said = Annotated[str, Meta(max_length=10)]
_Whole = Annotated[int, Meta(ge=0, lt=2**62)]
_Uid = Annotated[str, Meta(max_length=36)]

# Literal needs its choices spelled out for the type checker; the tests hold them to the rules.
_Hedge = Literal["will", "plans", "expects", "hopes", "could"]
_Outcome = Literal["kept", "partly", "broken", "retracted", "void", "unverifiable"]
_Role = Literal["source", "evidence", "revision"]
_Precision = Literal[
    "day", "week", "month", "quarter", "half", "year", "decade", "fuzzy", "open-ended", "none"
]


class _Target(Struct, kw_only=True, forbid_unknown_fields=True):
    metric: _Name
    low: float | None = None
    high: float | None = None
    unit: _Name | None = None


class _Source(Struct, kw_only=True, forbid_unknown_fields=True):
    role: _Role
    url: _Url | None = None
    title: _Text | None = None
    publisher: _Name | None = None
    published_on: _Day | None = None
    language: _Name | None = None
    archive_url: _Url | None = None
    added_at: _Moment


class _Deadline(Struct, kw_only=True, forbid_unknown_fields=True):
    seq: _Whole
    phrase: _Name | None = None
    said_on: _Said
    start: _Day | None = None
    end: _Day | None = None
    precision: _Precision
    note: _Text | None = None
    source: _Whole | None = None
    recorded_at: _Moment


class _Forecast(Struct, kw_only=True, forbid_unknown_fields=True):
    probability: float
    made_at: _Moment
    forecaster: _Name
    recorded_at: _Moment


class _Event(Struct, kw_only=True, forbid_unknown_fields=True):
    type: Any = None  # allowed, and ignored, as claim_fields does
    uid: _Uid
    at: _Moment
    actor: _Name
    kind: str
    change: msgspec.Raw  # read by orjson, as claim_fields reads it (a huge number, say)


class _Claim(Struct, kw_only=True, forbid_unknown_fields=True):
    type: Literal["claim"]
    uid: _Uid
    statement: _Statement
    quote: _Text | None = None
    claimant: _Name
    said_on: _Said
    hedge: _Hedge
    condition: _Text | None = None
    target: _Target | None = None
    tags: list[str]
    deadlines: list[_Deadline]
    sources: list[_Source]
    forecasts: list[_Forecast]
    outcome: _Outcome | None = None
    happened_on: _Day | None = None
    resolution_note: _Text | None = None
    resolved_at: _Moment | None = None
    withdrawn_at: _Moment | None = None
    withdrawn_reason: _Text | None = None
    created_at: _Moment
    updated_at: _Moment
    version: _Whole
    events: list[_Event]


_decoder = msgspec.json.Decoder(_Claim)
_CLAIM_EVENTS = frozenset(kind for kind in EVENT_KINDS if kind not in CLAIMANT_EVENTS)


class _NotTyped(Exception):
    """This reader does not accept the line; claim_fields decides."""


def typed_claim(raw: bytes, number: int, names: NameMap) -> ArchivedClaim | None:
    """The claim on this line, checked as claim_fields checks it; None to have claim_fields
    read the line instead (it may be fine: only claim_fields refuses). Lines with an escaped
    NUL (refused in text fields, kept in an event's change) or a UTF-16 surrogate escape
    (refused when unpaired) are left to claim_fields, which looks at those more closely.

    The state is the replay of the events; the line's own fields are compared with it where
    they stand, rather than made into a second state to compare."""
    # A lone backslash is found at memchr speed; a two-byte pattern takes ten times as long.
    if b"\\" in raw and b"\\u" in raw and (b"\\u0000" in raw or b"\\ud" in raw or b"\\uD" in raw):
        return None
    try:
        record = _decoder.decode(raw)
        events = tuple(_event(event, number) for event in record.events)
        state = replay(events, claimant_name=names)
        agrees = _agrees(record, state)
    except (msgspec.DecodeError, _NotTyped, ValueError, InputError, ReplayError):
        return None
    return ArchivedClaim(state, events, line=number) if agrees else None


def _agrees(record: _Claim, state: ClaimState) -> bool:
    """Whether the line's fields hold exactly `state` and keep the rules msgspec cannot state:
    what claim_fields' state equal to the replay comes to."""
    said = said_on_from_text(record.said_on)
    return (
        record.uid == state.uid
        and UID.fullmatch(record.uid) is not None
        and record.statement == state.statement
        and record.quote == state.quote
        and record.claimant == state.claimant
        and said.first == state.said_on
        and said.precision == state.said_precision
        and record.hedge == state.hedge
        and record.condition == state.condition
        and _same_target(record.target, state.target)
        and _same_tags(record.tags, state.tags)
        and _same_sources(record.sources, state.sources)
        and _same_deadlines(record.deadlines, state.deadlines, len(record.sources))
        and _same_forecasts(record.forecasts, state.forecasts)
        and record.outcome == state.outcome
        and _day(record.happened_on) == state.happened_on
        and record.resolution_note == state.resolution_note
        and _moment(record.resolved_at) == state.resolved_at
        and _moment(record.withdrawn_at) == state.withdrawn_at
        and record.withdrawn_reason == state.withdrawn_reason
        and _required_moment(record.created_at) == state.created_at
        and _required_moment(record.updated_at) == state.updated_at
        and record.version == state.version
    )


def _same_target(target: _Target | None, held: Target | None) -> bool:
    if target is None or held is None:
        return target is None and held is None
    for value in (target.low, target.high):
        if value is not None and not math.isfinite(value):
            return False
    return (target.metric, target.low, target.high, target.unit) == (
        held.metric,
        held.low,
        held.high,
        held.unit,
    )


def _same_tags(tags: list[str], held: tuple[str, ...]) -> bool:
    return tuple(tags) == held and all(_good_tag(tag) for tag in tags)


def _same_sources(sources: list[_Source], held: tuple[SourceState, ...]) -> bool:
    if len(sources) != len(held):
        return False
    for source, state in zip(sources, held, strict=True):
        if not (
            (source.url is not None or source.title is not None)
            and source.role == state.role
            and source.url == state.url
            and source.title == state.title
            and source.publisher == state.publisher
            and _day(source.published_on) == state.published_on
            and source.language == state.language
            and source.archive_url == state.archive_url
            and _required_moment(source.added_at) == state.added_at
            and _good_url(source.url)
            and _good_url(source.archive_url)
        ):
            return False
    return True


def _same_deadlines(
    deadlines: list[_Deadline], held: tuple[DeadlineState, ...], sources: int
) -> bool:
    if len(deadlines) != len(held):
        return False
    for index, (deadline, state) in enumerate(zip(deadlines, held, strict=True)):
        said = said_on_from_text(deadline.said_on)
        if not (
            deadline.seq == index == state.seq
            and (deadline.source is None or deadline.source < sources)
            and deadline.source == state.source
            and (deadline.phrase or "") == state.phrase
            and said.first == state.said_on
            and said.precision == state.said_precision
            and _day(deadline.start) == state.start
            and _day(deadline.end) == state.end
            and deadline.precision == state.precision
            and (deadline.note or "") == state.note
            and _required_moment(deadline.recorded_at) == state.recorded_at
        ):
            return False
    return True


def _same_forecasts(forecasts: list[_Forecast], held: tuple[ForecastState, ...]) -> bool:
    if len(forecasts) != len(held):
        return False
    for forecast, state in zip(forecasts, held, strict=True):
        if not (
            0.0 <= forecast.probability <= 1.0  # also refuses NaN
            and forecast.probability == state.probability
            and _required_moment(forecast.made_at) == state.made_at
            and forecast.forecaster == state.forecaster
            and _required_moment(forecast.recorded_at) == state.recorded_at
        ):
            return False
    return True


def _event(event: _Event, number: int) -> ArchivedEvent:
    change = orjson.loads(memoryview(event.change))
    if event.kind not in _CLAIM_EVENTS or UID.fullmatch(event.uid) is None:
        raise _NotTyped
    if not isinstance(change, dict):
        raise _NotTyped
    return ArchivedEvent(
        uid=event.uid,
        at=_required_moment(event.at),
        actor=event.actor,
        kind=event.kind,
        change=change,
        line=number,
    )


_good_tags: set[str] = set()


def _good_tag(tag: str) -> bool:
    """Whether check_tag takes the tag as it is; the few tags of a ledger are checked once."""
    if tag in _good_tags:
        return True
    if check_tag(tag) != tag:
        return False
    if len(_good_tags) >= 10_000:
        _good_tags.clear()
    _good_tags.add(tag)
    return True


# An http or https URL with a plain ASCII host (no port, no user) and no spaces or controls,
# which check_url takes as it is: most URLs, recognised in a third of check_url's time.
_PLAIN_URL = re.compile(r"https?://[A-Za-z0-9.\-]+(?:[/?#][!-~]*)?")


def _good_url(url: str | None) -> bool:
    return (
        url is None
        or (len(url) <= MAX_URL and _PLAIN_URL.fullmatch(url) is not None)
        or check_url(url, what="url") == url
    )


def _day(text: str | None) -> date | None:
    return None if text is None else date.fromisoformat(text)


_moments: dict[str, datetime] = {}
_read_from: dict[int, tuple[datetime, str]] = {}


def _required_moment(text: str) -> datetime:
    # A claim's times are mostly one moment (created, recorded, its first event): read it once.
    found = _moments.get(text)
    if found is None:
        found = datetime.fromisoformat(text)
        if found.tzinfo is None:
            raise _NotTyped
        if len(_moments) >= 10_000:
            _moments.clear()
            _read_from.clear()
        _moments[text] = found
        _read_from[id(found)] = (found, text)
    return found


def text_read(moment: datetime) -> str | None:
    """The text this reader made `moment` from, if it made it and still holds it (each entry
    holds its moment, so no other object can take its id while it is there)."""
    entry = _read_from.get(id(moment))
    return entry[1] if entry is not None and entry[0] is moment else None


def _moment(text: str | None) -> datetime | None:
    return None if text is None else _required_moment(text)
