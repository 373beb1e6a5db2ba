"""Rebuilding a claim from its event log alone: pure functions, no database.

`replay` applies a claim's events, oldest first, and returns the state they describe; `claims
check` compares it with what the store holds, import refuses a claim whose events do not lead to
its state, and undo uses the states after each event to go back one step. The payload each kind
carries is documented in ledger.events.

Claimant names pass through `claimant_name`, which maps any name or alias to the claimant it now
belongs to: a claim created "by 马斯克" belongs to Elon Musk once that is an alias of his.
"""

from __future__ import annotations

import dataclasses
import operator
from collections.abc import Callable, Iterable, Sequence
from datetime import date, datetime
from typing import Any, Protocol

from ledger.dates import SaidOn
from ledger.records import Target
from ledger.state import (
    ClaimState,
    DeadlineState,
    ForecastState,
    SourceState,
    said_on_from_text,
    sorted_tags,
)
from ledger.validate import name_key

# The reason recorded when undo takes back the creation of a claim (it is withdrawn, not deleted).
CREATION_UNDONE = "its creation was undone"
UNREADABLE = "__unreadable__"

NameMap = Callable[[str], str]


class LoggedEvent(Protocol):
    """What replay needs of an event: the store's EventRecord and imported events both fit."""

    @property
    def uid(self) -> str: ...
    @property
    def at(self) -> datetime: ...
    @property
    def actor(self) -> str: ...
    @property
    def kind(self) -> str: ...
    @property
    def change(self) -> dict[str, Any]: ...


_STATE_FIELDS = tuple(field.name for field in dataclasses.fields(ClaimState))
_state_values = operator.attrgetter(*_STATE_FIELDS)
_POSITION = {name: index for index, name in enumerate(_STATE_FIELDS)}

Changes = dict[str, Any]


def evolve(state: ClaimState, **changes: Any) -> ClaimState:
    """`dataclasses.replace` for the one class replay changes, at a fraction of its cost."""
    values = list(_state_values(state))
    for name, value in changes.items():
        values[_POSITION[name]] = value
    return ClaimState(*values)


class ReplayError(ValueError):
    """The events cannot be replayed: a payload is malformed or the log is out of order."""


def _same_name(name: str) -> str:
    return name


def name_resolver(claimants: Iterable[tuple[str, Iterable[str]]]) -> NameMap:
    """Any name or alias of these (name, aliases) claimants, compared by key, to its name."""
    names: dict[str, str] = {}
    aliases: list[tuple[str, str]] = []
    for name, others in claimants:
        names[name_key(name)] = name
        aliases.extend((alias, name) for alias in others)
    for alias, name in aliases:
        names.setdefault(name_key(alias), name)

    def resolve(name: str) -> str:
        return names.get(name_key(name), name)

    return resolve


def replay(events: Sequence[LoggedEvent], *, claimant_name: NameMap = _same_name) -> ClaimState:
    """The state a claim's events describe; ReplayError if they describe none."""
    return replay_steps(events, claimant_name=claimant_name)[-1]


def replay_steps(
    events: Sequence[LoggedEvent], *, claimant_name: NameMap = _same_name
) -> list[ClaimState]:
    """The state after each event, in order."""
    if not events:
        raise ReplayError("the claim has no events")
    states: list[ClaimState] = []
    for index, event in enumerate(events):
        try:
            states.append(_step(states, events, index, claimant_name))
        except ReplayError:
            raise
        except (KeyError, TypeError, ValueError, AttributeError, IndexError) as error:
            raise ReplayError(
                f"event {event.uid} ({event.kind}) cannot be replayed: "
                f"{type(error).__name__} {error}"
            ) from None
    return states


def state_after_undo(
    states: Sequence[ClaimState], events: Sequence[LoggedEvent], *, at: datetime
) -> ClaimState:
    """The state once the last of `events` is undone (see ledger.events for the rule)."""
    if len(events) == 1:
        withdrawn = evolve(states[0], withdrawn_at=at, withdrawn_reason=CREATION_UNDONE)
        return evolve(withdrawn, version=states[-1].version + 1, updated_at=at)
    return evolve(states[-2], version=states[-1].version + 1, updated_at=at)


def _step(
    states: list[ClaimState], events: Sequence[LoggedEvent], index: int, names: NameMap
) -> ClaimState:
    event = events[index]
    if not isinstance(event.change, dict) or UNREADABLE in event.change:
        raise ReplayError(f"event {event.uid} ({event.kind}) holds no readable change")
    if index == 0:
        if event.kind != "created":
            raise ReplayError(f"the first event is {event.kind!r}, not 'created'")
        return _created(event, names)
    if event.kind == "undone":
        named = event.change.get("event")
        if named != events[index - 1].uid:
            raise ReplayError(
                f"undo {event.uid} names {named!r}, which is not the change just before it"
            )
        return state_after_undo(states, events[:index], at=event.at)
    apply = _APPLY.get(event.kind)
    if apply is None:
        raise ReplayError(f"event {event.uid} has a kind a claim cannot have: {event.kind!r}")
    return evolve(
        states[-1],
        **apply(states[-1], event, names),
        version=states[-1].version + 1,
        updated_at=event.at,
    )


def _date(value: Any) -> date | None:
    return None if value is None else date.fromisoformat(value)


def _text(value: Any) -> str | None:
    if value is not None and not isinstance(value, str):
        raise ReplayError(f"expected text, found {value!r}")
    return value


def _source(data: dict[str, Any], at: datetime) -> SourceState:
    return SourceState(
        role=str(data.get("role", "source")),
        url=_text(data.get("url")),
        title=_text(data.get("title")),
        publisher=_text(data.get("publisher")),
        published_on=_date(data.get("published_on")),
        language=_text(data.get("language")),
        archive_url=_text(data.get("archive_url")),
        added_at=at,
    )


def _deadline(
    seq: int, window: dict[str, Any], said_on: SaidOn, source: int | None, at: datetime
) -> DeadlineState:
    return DeadlineState(
        seq=seq,
        phrase=str(window["phrase"]),
        said_on=said_on.first,
        said_precision=said_on.precision,
        start=_date(window["start"]),
        end=_date(window["end"]),
        precision=str(window["precision"]),
        note=str(window["note"]),
        source=source,
        recorded_at=at,
    )


def _target(data: dict[str, Any] | None) -> Target | None:
    if data is None:
        return None
    low, high = data.get("low"), data.get("high")
    return Target(
        str(data["metric"]),
        None if low is None else float(low),
        None if high is None else float(high),
        _text(data.get("unit")),
    )


def _created(event: LoggedEvent, names: NameMap) -> ClaimState:
    change, at = event.change, event.at
    said = said_on_from_text(str(change["said_on"]))
    sources = tuple(_source(item, at) for item in change.get("sources", []))
    probability = change.get("probability")
    forecasts = (
        () if probability is None else (ForecastState(float(probability), at, event.actor, at),)
    )
    return ClaimState(
        uid=str(change["uid"]),
        statement=str(change["statement"]),
        quote=_text(change.get("quote")),
        claimant=names(str(change["claimant"])),
        said_on=said.first,
        said_precision=said.precision,
        hedge=str(change["hedge"]),
        condition=_text(change.get("condition")),
        target=_target(change.get("target")),
        deadlines=(_deadline(0, change["deadline"], said, 0 if sources else None, at),),
        sources=sources,
        tags=sorted_tags([str(tag) for tag in change.get("tags", [])]),
        forecasts=forecasts,
        outcome=None,
        happened_on=None,
        resolution_note=None,
        resolved_at=None,
        withdrawn_at=None,
        withdrawn_reason=None,
        created_at=at,
        updated_at=at,
        version=1,
    )


# Claim columns an edit records only for the history display: the current window is always the
# latest deadline's, so replay takes it from the deadlines.
_DERIVED_COLUMNS = frozenset({"deadline_phrase", "window_start", "window_end", "precision"})
_TEXT_COLUMNS = frozenset({"statement", "quote", "hedge", "condition", "said_precision"})
_TARGET_COLUMNS = ("target_metric", "target_low", "target_high", "target_unit")


def _edited(state: ClaimState, event: LoggedEvent, names: NameMap) -> Changes:
    updates: dict[str, Any] = {}
    target = dict(zip(_TARGET_COLUMNS, _target_values(state.target), strict=True))
    for field, pair in event.change.items():
        new = pair[1]
        if field in _TEXT_COLUMNS:
            updates[field] = _text(new)
        elif field == "said_on":
            updates["said_on"] = date.fromisoformat(new)
        elif field == "claimant":
            updates["claimant"] = names(str(new))
        elif field in target:
            target[field] = new
        elif field == "first_deadline":
            first = state.deadlines[0]
            updates["deadlines"] = (
                _deadline(
                    0, new, said_on_from_text(new["said_on"]), first.source, first.recorded_at
                ),
                *state.deadlines[1:],
            )
        elif field not in _DERIVED_COLUMNS:
            raise ReplayError(f"an edit of an unknown field {field!r}")
    metric = target["target_metric"]
    if metric is not None:
        updates["target"] = _target(
            {
                "metric": metric,
                "low": target["target_low"],
                "high": target["target_high"],
                "unit": target["target_unit"],
            }
        )
    elif any(key.startswith("target_") for key in event.change):
        updates["target"] = None
    return updates


def _target_values(target: Target | None) -> tuple[Any, ...]:
    if target is None:
        return (None, None, None, None)
    return (target.metric, target.low, target.high, target.unit)


def _source_added(state: ClaimState, event: LoggedEvent, _names: NameMap) -> Changes:
    return {"sources": (*state.sources, _source(event.change, event.at))}


def _tagged(state: ClaimState, event: LoggedEvent, _names: NameMap) -> Changes:
    # The store adds first, then removes: a tag named in both ends up removed.
    added = [str(tag) for tag in event.change.get("added", [])]
    removed = {name_key(str(tag)) for tag in event.change.get("removed", [])}
    tags = [tag for tag in sorted_tags([*state.tags, *added]) if name_key(tag) not in removed]
    return {"tags": tuple(tags)}


def _revised(state: ClaimState, event: LoggedEvent, _names: NameMap) -> Changes:
    change = event.change
    seq = int(change["seq"])
    if seq != len(state.deadlines):
        raise ReplayError(f"revision {seq} follows {len(state.deadlines)} deadlines")
    sources = state.sources
    if change.get("source") is not None:
        sources = (*sources, _source(change["source"], event.at))
    source = len(sources) - 1 if change.get("source") is not None else None
    said = said_on_from_text(str(change["said_on"]))
    deadline = _deadline(seq, change["deadline"], said, source, event.at)
    return {"sources": sources, "deadlines": (*state.deadlines, deadline)}


def _forecast(state: ClaimState, event: LoggedEvent, _names: NameMap) -> Changes:
    made_at = datetime.fromisoformat(event.change["made_at"])
    forecast = ForecastState(float(event.change["probability"]), made_at, event.actor, event.at)
    return {"forecasts": (*state.forecasts, forecast)}


def _resolved(state: ClaimState, event: LoggedEvent, _names: NameMap) -> Changes:
    change = event.change
    evidence = tuple(_source(item, event.at) for item in change.get("evidence", []))
    return {
        "sources": state.sources + evidence,
        "outcome": str(change["outcome"]),
        "happened_on": _date(change.get("happened_on")),
        "resolution_note": _text(change.get("note")),
        "resolved_at": event.at,
    }


def _reopened(_state: ClaimState, _event: LoggedEvent, _names: NameMap) -> Changes:
    return {"outcome": None, "happened_on": None, "resolution_note": None, "resolved_at": None}


def _withdrawn(_state: ClaimState, event: LoggedEvent, _names: NameMap) -> Changes:
    return {"withdrawn_at": event.at, "withdrawn_reason": _text(event.change.get("reason"))}


# Each kind's changes to the state before it; _step adds the version and time.
_APPLY: dict[str, Callable[[ClaimState, LoggedEvent, NameMap], Changes]] = {
    "edited": _edited,
    "source-added": _source_added,
    "tagged": _tagged,
    "revised": _revised,
    "forecast": _forecast,
    "resolved": _resolved,
    "reopened": _reopened,
    "withdrawn": _withdrawn,
}
