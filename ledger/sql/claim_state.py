"""Claims as stored, in bulk: their whole state and their events, for check, export and undo."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from ledger.archive.items import ArchivedClaimant
from ledger.records import EventRecord, Target
from ledger.replay import UNREADABLE
from ledger.sql import SqlRunner
from ledger.sql.values import as_date, as_datetime, as_timestamp
from ledger.state import ClaimState, DeadlineState, ForecastState, SourceState, sorted_tags

CHUNK = 500


@dataclass(frozen=True, slots=True)
class StoredClaim:
    """A claim's state as its rows hold it, with the copy of its current window on the claim row."""

    id: int
    state: ClaimState
    window_columns: tuple[Any, ...]

    def window_agrees(self) -> bool:
        current = self.state.current if self.state.deadlines else None
        if current is None:
            return False
        return self.window_columns == (
            current.phrase,
            current.start,
            current.end,
            current.precision,
        )


def claim_id_chunks(runner: SqlRunner, size: int = CHUNK) -> Iterator[list[int]]:
    """Every claim id, in order, `size` at a time."""
    after = 0
    while True:
        rows = runner.rows(
            "SELECT id FROM claim WHERE id > :after ORDER BY id LIMIT :size",
            {"after": after, "size": size},
        )
        if not rows:
            return
        ids = [int(row[0]) for row in rows]
        yield ids
        after = ids[-1]


def _in(ids: list[int]) -> str:
    return ", ".join(str(int(i)) for i in ids)


def _grouped(rows: Any, make: Callable[[Any], Any]) -> dict[int, list[Any]]:
    grouped: dict[int, list[Any]] = {}
    for row in rows:
        grouped.setdefault(int(row[0]), []).append(make(row))
    return grouped


_CLAIM_SQL = (
    "SELECT c.id, c.uid, c.statement, c.quote, p.name, c.said_on, c.said_precision, c.hedge,"
    " c.condition, c.target_metric, c.target_low, c.target_high, c.target_unit,"
    " c.outcome, c.happened_on, c.resolution_note, c.resolved_at, c.withdrawn_at,"
    " c.withdrawn_reason, c.created_at, c.updated_at, c.version,"
    " c.deadline_phrase, c.window_start, c.window_end, c.precision"
    " FROM claim c JOIN claimant p ON p.id = c.claimant_id WHERE c.id IN ({ids}) ORDER BY c.id"
)


@dataclass(frozen=True, slots=True)
class _Children:
    """The rows that hang off a set of claims, grouped by claim id."""

    source_ids: dict[int, list[Any]]
    sources: dict[int, list[Any]]
    deadlines: dict[int, list[Any]]
    forecasts: dict[int, list[Any]]
    tags: dict[int, list[Any]]


def _children(runner: SqlRunner, ids: list[int]) -> _Children:
    sources = runner.rows(
        "SELECT claim_id, id, role, url, title, publisher, published_on, language, archive_url,"
        f" added_at FROM source WHERE claim_id IN ({_in(ids)}) ORDER BY claim_id, id",
        {},
    )
    deadlines = runner.rows(
        "SELECT claim_id, seq, phrase, said_on, said_precision, window_start, window_end,"
        " precision, note, source_id, recorded_at"
        f" FROM deadline WHERE claim_id IN ({_in(ids)}) ORDER BY claim_id, seq",
        {},
    )
    forecasts = runner.rows(
        "SELECT claim_id, probability, made_at, forecaster, recorded_at"
        f" FROM forecast WHERE claim_id IN ({_in(ids)}) ORDER BY claim_id, id",
        {},
    )
    tags = runner.rows(
        "SELECT ct.claim_id, t.name FROM claim_tag ct JOIN tag t ON t.id = ct.tag_id"
        f" WHERE ct.claim_id IN ({_in(ids)})",
        {},
    )
    return _Children(
        source_ids=_grouped(sources, lambda r: int(r[1])),
        sources=_grouped(sources, _source_state),
        deadlines=_grouped(deadlines, lambda r: r),
        forecasts=_grouped(
            forecasts,
            lambda r: ForecastState(float(r[1]), as_timestamp(r[2]), str(r[3]), as_timestamp(r[4])),
        ),
        tags=_grouped(tags, lambda r: str(r[1])),
    )


def stored_claims(runner: SqlRunner, ids: list[int]) -> list[StoredClaim]:
    """The claims with these ids, in id order."""
    if not ids:
        return []
    children = _children(runner, ids)
    rows = runner.rows(_CLAIM_SQL.format(ids=_in(ids)), {})
    return [_stored_claim(row, children) for row in rows]


def _stored_claim(row: Any, children: _Children) -> StoredClaim:
    claim_id = int(row[0])
    positions = {sid: index for index, sid in enumerate(children.source_ids.get(claim_id, []))}
    deadlines = children.deadlines.get(claim_id, [])
    state = ClaimState(
        uid=str(row[1]),
        statement=str(row[2]),
        quote=row[3],
        claimant=str(row[4]),
        said_on=_required_date(row[5]),
        said_precision=str(row[6]),
        hedge=str(row[7]),
        condition=row[8],
        target=None if row[9] is None else Target(row[9], row[10], row[11], row[12]),
        deadlines=tuple(_deadline_state(r, positions) for r in deadlines),
        sources=tuple(children.sources.get(claim_id, [])),
        tags=sorted_tags(children.tags.get(claim_id, [])),
        forecasts=tuple(children.forecasts.get(claim_id, [])),
        outcome=row[13],
        happened_on=as_date(row[14]),
        resolution_note=row[15],
        resolved_at=as_datetime(row[16]),
        withdrawn_at=as_datetime(row[17]),
        withdrawn_reason=row[18],
        created_at=as_timestamp(row[19]),
        updated_at=as_timestamp(row[20]),
        version=int(row[21]),
    )
    window = (str(row[22]), as_date(row[23]), as_date(row[24]), str(row[25]))
    return StoredClaim(claim_id, state, window)


def _required_date(value: Any) -> Any:
    day = as_date(value)
    if day is None:
        raise ValueError("a required date is missing")
    return day


def _source_state(r: Any) -> SourceState:
    return SourceState(
        role=str(r[2]),
        url=r[3],
        title=r[4],
        publisher=r[5],
        published_on=as_date(r[6]),
        language=r[7],
        archive_url=r[8],
        added_at=as_timestamp(r[9]),
    )


def _deadline_state(r: Any, positions: dict[int, int]) -> DeadlineState:
    # A source of another claim (or none at all) shows as -1, which no replay produces.
    source = None if r[9] is None else positions.get(int(r[9]), -1)
    return DeadlineState(
        seq=int(r[1]),
        phrase=str(r[2]),
        said_on=_required_date(r[3]),
        said_precision=str(r[4]),
        start=as_date(r[5]),
        end=as_date(r[6]),
        precision=str(r[7]),
        note=str(r[8]),
        source=source,
        recorded_at=as_timestamp(r[10]),
    )


def claim_events(runner: SqlRunner, ids: list[int]) -> dict[int, list[EventRecord]]:
    """The events of these claims, oldest first, grouped by claim id."""
    if not ids:
        return {}
    rows = runner.rows(
        "SELECT claim_id, id, uid, at, actor, kind, change FROM event"
        f" WHERE claim_id IN ({_in(ids)}) ORDER BY claim_id, id",
        {},
    )
    return _grouped(rows, event_record)


def ledger_events(runner: SqlRunner) -> list[EventRecord]:
    """Events about claimants rather than claims (aliases, merges), oldest first."""
    rows = runner.rows(
        "SELECT claim_id, id, uid, at, actor, kind, change FROM event"
        " WHERE claim_id IS NULL ORDER BY id",
        {},
    )
    return [event_record(row) for row in rows]


def event_record(r: Any) -> EventRecord:
    return EventRecord(
        id=int(r[1]),
        uid=str(r[2]),
        claim_id=None if r[0] is None else int(r[0]),
        at=as_timestamp(r[3]),
        actor=str(r[4]),
        kind=str(r[5]),
        change=_decoded(str(r[6])),
    )


def _decoded(text: str) -> dict[str, Any]:
    try:
        value = json.loads(text)
    except ValueError:
        return {UNREADABLE: text}
    return value if isinstance(value, dict) else {UNREADABLE: text}


def claimant_entries(runner: SqlRunner) -> list[ArchivedClaimant]:
    """Every claimant with its aliases, in name order."""
    aliases = _grouped(
        runner.rows(
            "SELECT claimant_id, alias FROM claimant_alias ORDER BY claimant_id, alias_key", {}
        ),
        lambda r: str(r[1]),
    )
    return [
        ArchivedClaimant(
            str(r[1]), str(r[2]), as_timestamp(r[3]), tuple(aliases.get(int(r[0]), ()))
        )
        for r in runner.rows(
            "SELECT id, name, kind, created_at FROM claimant ORDER BY name_key, id", {}
        )
    ]
