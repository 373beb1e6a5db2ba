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
from ledger.validate import MAX_NAME, MAX_STATEMENT, MAX_TEXT, check_tag, check_url

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
    (refused when unpaired) are left to claim_fields, which looks at those more closely."""
    if b"\\u0000" in raw or b"\\ud" in raw or b"\\uD" in raw:
        return None
    try:
        record = _decoder.decode(raw)
        state = _state(record)
        events = tuple(_event(event, number) for event in record.events)
        replayed = replay(events, claimant_name=names)
    except (msgspec.DecodeError, _NotTyped, ValueError, InputError, ReplayError):
        return None
    return ArchivedClaim(state, events, line=number) if replayed == state else None


def _state(record: _Claim) -> ClaimState:
    if UID.fullmatch(record.uid) is None or not record.deadlines:
        raise _NotTyped
    said = said_on_from_text(record.said_on)
    sources = tuple(_source(source) for source in record.sources)
    return ClaimState(
        uid=record.uid,
        statement=record.statement,
        quote=record.quote,
        claimant=record.claimant,
        said_on=said.first,
        said_precision=said.precision,
        hedge=record.hedge,
        condition=record.condition,
        target=_target(record.target),
        deadlines=tuple(_deadline(d, i, len(sources)) for i, d in enumerate(record.deadlines)),
        sources=sources,
        tags=tuple(_tag(tag) for tag in record.tags),
        forecasts=tuple(_forecast(forecast) for forecast in record.forecasts),
        outcome=record.outcome,
        happened_on=_day(record.happened_on),
        resolution_note=record.resolution_note,
        resolved_at=_moment(record.resolved_at),
        withdrawn_at=_moment(record.withdrawn_at),
        withdrawn_reason=record.withdrawn_reason,
        created_at=_required_moment(record.created_at),
        updated_at=_required_moment(record.updated_at),
        version=record.version,
    )


def _target(target: _Target | None) -> Target | None:
    if target is None:
        return None
    for value in (target.low, target.high):
        if value is not None and not math.isfinite(value):
            raise _NotTyped
    return Target(target.metric, target.low, target.high, target.unit)


def _source(source: _Source) -> SourceState:
    if source.url is None and source.title is None:
        raise _NotTyped
    return SourceState(
        role=source.role,
        url=_url(source.url),
        title=source.title,
        publisher=source.publisher,
        published_on=_day(source.published_on),
        language=source.language,
        archive_url=_url(source.archive_url),
        added_at=_required_moment(source.added_at),
    )


def _deadline(deadline: _Deadline, index: int, sources: int) -> DeadlineState:
    if deadline.seq != index or (deadline.source is not None and deadline.source >= sources):
        raise _NotTyped
    said = said_on_from_text(deadline.said_on)
    return DeadlineState(
        seq=index,
        phrase=deadline.phrase or "",
        said_on=said.first,
        said_precision=said.precision,
        start=_day(deadline.start),
        end=_day(deadline.end),
        precision=deadline.precision,
        note=deadline.note or "",
        source=deadline.source,
        recorded_at=_required_moment(deadline.recorded_at),
    )


def _forecast(forecast: _Forecast) -> ForecastState:
    if not 0.0 <= forecast.probability <= 1.0:  # also refuses NaN
        raise _NotTyped
    return ForecastState(
        probability=forecast.probability,
        made_at=_required_moment(forecast.made_at),
        forecaster=forecast.forecaster,
        recorded_at=_required_moment(forecast.recorded_at),
    )


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


def _tag(tag: str) -> str:
    if check_tag(tag) != tag:
        raise _NotTyped
    return tag


def _url(url: str | None) -> str | None:
    if url is not None and check_url(url, what="url") != url:
        raise _NotTyped
    return url


def _day(text: str | None) -> date | None:
    return None if text is None else date.fromisoformat(text)


_moments: dict[str, datetime] = {}


def _required_moment(text: str) -> datetime:
    # A claim's times are mostly one moment (created, recorded, its first event): read it once.
    found = _moments.get(text)
    if found is None:
        found = datetime.fromisoformat(text)
        if found.tzinfo is None:
            raise _NotTyped
        if len(_moments) >= 10_000:
            _moments.clear()
        _moments[text] = found
    return found


def _moment(text: str | None) -> datetime | None:
    return None if text is None else _required_moment(text)
