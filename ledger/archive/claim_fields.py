"""Archive records read back from JSON, checked field by field and then by replaying the events."""

from __future__ import annotations

from typing import Any

from ledger.archive.fields import Fields
from ledger.archive.items import ArchivedClaim, ArchivedClaimant, ArchivedEvent
from ledger.dates import PRECISIONS
from ledger.errors import InputError
from ledger.events import CLAIMANT_EVENTS, EVENT_KINDS
from ledger.records import Target
from ledger.replay import NameMap, ReplayError, replay
from ledger.rules import CLAIMANT_KINDS, HEDGES, OUTCOMES
from ledger.state import ClaimState, DeadlineState, ForecastState, SourceState, differences
from ledger.validate import MAX_NAME, MAX_STATEMENT

CLAIM_EVENTS = tuple(kind for kind in EVENT_KINDS if kind not in CLAIMANT_EVENTS)
SOURCE_ROLES = ("source", "evidence", "revision")
SAID_PRECISIONS = ("day", "month", "year")

_CLAIM_KEYS = frozenset(
    (
        "type",
        "uid",
        "statement",
        "quote",
        "claimant",
        "said_on",
        "hedge",
        "condition",
        "target",
        "tags",
        "deadlines",
        "sources",
        "forecasts",
        "outcome",
        "happened_on",
        "resolution_note",
        "resolved_at",
        "withdrawn_at",
        "withdrawn_reason",
        "created_at",
        "updated_at",
        "version",
        "events",
    )
)
_SOURCE_KEYS = frozenset(
    (
        "role",
        "url",
        "title",
        "publisher",
        "published_on",
        "language",
        "archive_url",
        "added_at",
    )
)
_DEADLINE_KEYS = frozenset(
    (
        "seq",
        "phrase",
        "said_on",
        "start",
        "end",
        "precision",
        "note",
        "source",
        "recorded_at",
    )
)
_FORECAST_KEYS = frozenset(("probability", "made_at", "forecaster", "recorded_at"))
_EVENT_KEYS = frozenset(("type", "uid", "at", "actor", "kind", "change"))


def claimant_from_json(data: Any, where: str, number: int) -> ArchivedClaimant:
    fields = Fields(data, where, allowed=("type", "name", "kind", "created_at", "aliases"))
    aliases = tuple(
        _text_item(fields, "aliases", index, value)
        for index, value in enumerate(fields.items("aliases"))
    )
    return ArchivedClaimant(
        name=fields.required_text("name", max_len=MAX_NAME),
        kind=str(fields.choice("kind", CLAIMANT_KINDS)),
        created_at=fields.required_moment("created_at"),
        aliases=aliases,
        line=number,
    )


def _text_item(fields: Fields, key: str, index: int, value: Any) -> str:
    if not isinstance(value, str) or not value.strip() or "\x00" in value:
        raise fields.fail(f"{key}[{index}]", "should be a name")
    return value


def event_from_json(
    data: Any, where: str, number: int, *, kinds: tuple[str, ...] = CLAIMANT_EVENTS
) -> ArchivedEvent:
    fields = Fields(data, where, allowed=_EVENT_KEYS)
    change = fields.obj("change")
    assert change is not None
    return ArchivedEvent(
        uid=fields.uid(),
        at=fields.required_moment("at"),
        actor=fields.required_text("actor", max_len=MAX_NAME),
        kind=str(fields.choice("kind", kinds)),
        change=change,
        line=number,
    )


def claim_from_json(data: Any, where: str, number: int, names: NameMap) -> ArchivedClaim:
    """A claim record, refused unless its events replay to exactly the state it states."""
    fields = Fields(data, where, allowed=_CLAIM_KEYS)
    uid = fields.uid()
    where = fields.where = f"{where} (claim {uid})"
    state = _claim_state(fields, uid)
    events = tuple(
        event_from_json(item, f"{where} events[{index}]", number, kinds=CLAIM_EVENTS)
        for index, item in enumerate(fields.items("events"))
    )
    try:
        replayed = replay(events, claimant_name=names)
    except ReplayError as error:
        raise InputError(f"{where}: {error}") from None
    # Equal states (nearly every line) need no field-by-field comparison.
    problems = [] if replayed == state else differences(replayed, state)
    if problems:
        raise InputError(f"{where}: its events do not lead to its state ({problems[0]})")
    return ArchivedClaim(state, events, line=number)


def _claim_state(fields: Fields, uid: str) -> ClaimState:
    said = fields.said_on()
    sources = tuple(
        _source(Fields(item, f"{fields.where} sources[{i}]", allowed=_SOURCE_KEYS))
        for i, item in enumerate(fields.items("sources"))
    )
    deadlines = tuple(
        _deadline(
            Fields(item, f"{fields.where} deadlines[{i}]", allowed=_DEADLINE_KEYS), i, sources
        )
        for i, item in enumerate(fields.items("deadlines"))
    )
    if not deadlines:
        raise fields.fail("deadlines", "is empty: every claim has its first deadline")
    return ClaimState(
        uid=uid,
        statement=fields.required_text("statement", max_len=MAX_STATEMENT),
        quote=fields.text("quote", optional=True),
        claimant=fields.required_text("claimant", max_len=MAX_NAME),
        said_on=said.first,
        said_precision=said.precision,
        hedge=str(fields.choice("hedge", HEDGES)),
        condition=fields.text("condition", optional=True),
        target=_target(fields),
        deadlines=deadlines,
        sources=sources,
        tags=tuple(fields.tag(tag, i) for i, tag in enumerate(fields.items("tags"))),
        forecasts=tuple(
            _forecast(Fields(item, f"{fields.where} forecasts[{i}]", allowed=_FORECAST_KEYS))
            for i, item in enumerate(fields.items("forecasts"))
        ),
        outcome=fields.choice("outcome", OUTCOMES, optional=True),
        happened_on=fields.day("happened_on"),
        resolution_note=fields.text("resolution_note", optional=True),
        resolved_at=fields.moment("resolved_at", optional=True),
        withdrawn_at=fields.moment("withdrawn_at", optional=True),
        withdrawn_reason=fields.text("withdrawn_reason", optional=True),
        created_at=fields.required_moment("created_at"),
        updated_at=fields.required_moment("updated_at"),
        version=int(fields.integer("version") or 0),
    )


def _target(fields: Fields) -> Target | None:
    data = fields.obj("target", optional=True)
    if data is None:
        return None
    target = Fields(data, f"{fields.where} target", allowed=("metric", "low", "high", "unit"))
    return Target(
        target.required_text("metric", max_len=MAX_NAME),
        target.number("low"),
        target.number("high"),
        target.text("unit", optional=True, max_len=MAX_NAME),
    )


def _source(fields: Fields) -> SourceState:
    source = SourceState(
        role=str(fields.choice("role", SOURCE_ROLES)),
        url=fields.url("url"),
        title=fields.text("title", optional=True),
        publisher=fields.text("publisher", optional=True, max_len=MAX_NAME),
        published_on=fields.day("published_on"),
        language=fields.text("language", optional=True, max_len=MAX_NAME),
        archive_url=fields.url("archive_url"),
        added_at=fields.required_moment("added_at"),
    )
    if source.url is None and source.title is None:
        raise fields.fail("url", "is missing: a source needs a URL or at least a title")
    return source


def _deadline(fields: Fields, index: int, sources: tuple[SourceState, ...]) -> DeadlineState:
    said = fields.said_on()
    seq = fields.integer("seq")
    if seq != index:
        raise fields.fail("seq", f"is {seq}; deadlines are numbered 0, 1, 2… in order")
    source = fields.integer("source", optional=True)
    if source is not None and source >= len(sources):
        raise fields.fail("source", f"{source} names no source of this claim")
    return DeadlineState(
        seq=index,
        phrase=str(fields.text("phrase", optional=True, max_len=MAX_NAME) or ""),
        said_on=said.first,
        said_precision=said.precision,
        start=fields.day("start"),
        end=fields.day("end"),
        precision=str(fields.choice("precision", PRECISIONS)),
        note=str(fields.text("note", optional=True) or ""),
        source=source,
        recorded_at=fields.required_moment("recorded_at"),
    )


def _forecast(fields: Fields) -> ForecastState:
    probability = fields.number("probability", optional=False)
    assert probability is not None
    if not 0.0 <= probability <= 1.0:
        raise fields.fail("probability", f"{probability} is outside 0..1")
    return ForecastState(
        probability=probability,
        made_at=fields.required_moment("made_at"),
        forecaster=fields.required_text("forecaster", max_len=MAX_NAME),
        recorded_at=fields.required_moment("recorded_at"),
    )
