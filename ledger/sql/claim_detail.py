"""One claim in full (sources, deadlines, forecasts) and its history, read with plain SQL."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ledger.errors import NotFoundError
from ledger.events import decode_change
from ledger.records import (
    ClaimDetail,
    DeadlineRecord,
    EventRecord,
    ForecastRecord,
    SourceRecord,
    Target,
)
from ledger.sql import SqlRunner
from ledger.sql.claim_list import FROM, ROW_COLUMNS, tags_by_claim, to_claim_row
from ledger.sql.values import as_date, as_datetime, as_said_on, as_timestamp

_DETAIL_COLUMNS = """
    c.quote, c.hedge, c.condition, c.target_metric, c.target_low, c.target_high, c.target_unit,
    c.resolution_note, c.resolved_at, c.withdrawn_at, c.withdrawn_reason, c.created_at,
    c.updated_at, c.version, c.claimant_id
"""


def resolve_claim_ref(runner: SqlRunner, ref: str) -> int:
    """A claim's id from `12`, `#12`, its uid, or a unique uid prefix of 4 or more characters."""
    text = ref.strip().removeprefix("#")
    if text.isascii() and text.isdigit() and len(text) < 19:
        rows = runner.rows("SELECT id FROM claim WHERE id = :id", {"id": int(text)})
    elif len(text) >= 4 and all(ch in "0123456789abcdef-" for ch in text.lower()):
        rows = runner.rows(
            "SELECT id FROM claim WHERE uid LIKE :prefix LIMIT 2", {"prefix": text.lower() + "%"}
        )
        if len(rows) > 1:
            raise NotFoundError(f"more than one claim has a uid starting {text!r}; give more of it")
    else:
        rows = []
    if not rows:
        short = not text.isdigit() and len(text) < 4
        hint = " (a claim is its number, or 4 or more characters of its uid)" if short else ""
        raise NotFoundError(f"no claim {ref!r} in this ledger{hint}")
    return int(rows[0][0])


def claim_detail(runner: SqlRunner, claim_id: int) -> ClaimDetail:
    rows = runner.rows(
        f"SELECT {ROW_COLUMNS}, {_DETAIL_COLUMNS} {FROM} WHERE c.id = :id", {"id": claim_id}
    )
    if not rows:
        raise NotFoundError(f"no claim {claim_id} in this ledger")
    row = rows[0]
    base = to_claim_row(row, tags_by_claim(runner, [claim_id]).get(claim_id, ()))
    extra = row[16:]
    return ClaimDetail(
        row=base,
        quote=extra[0],
        hedge=str(extra[1]),
        condition=extra[2],
        target=None if extra[3] is None else Target(extra[3], extra[4], extra[5], extra[6]),
        claimant_aliases=claimant_aliases(runner, int(extra[14])),
        resolution_note=extra[7],
        resolved_at=as_datetime(extra[8]),
        withdrawn_at=as_datetime(extra[9]),
        withdrawn_reason=extra[10],
        created_at=as_timestamp(extra[11]),
        updated_at=as_timestamp(extra[12]),
        version=int(extra[13]),
        sources=claim_sources(runner, claim_id),
        deadlines=claim_deadlines(runner, claim_id),
        forecasts=claim_forecasts(runner, claim_id),
    )


def claimant_aliases(runner: SqlRunner, claimant_id: int) -> tuple[str, ...]:
    rows = runner.rows(
        "SELECT alias FROM claimant_alias WHERE claimant_id = :id ORDER BY alias_key",
        {"id": claimant_id},
    )
    return tuple(str(row[0]) for row in rows)


def claim_sources(runner: SqlRunner, claim_id: int) -> tuple[SourceRecord, ...]:
    rows = runner.rows(
        "SELECT id, role, url, title, publisher, published_on, language, archive_url, added_at"
        " FROM source WHERE claim_id = :id ORDER BY id",
        {"id": claim_id},
    )
    return tuple(
        SourceRecord(
            id=int(r[0]),
            role=str(r[1]),
            url=r[2],
            title=r[3],
            publisher=r[4],
            published_on=as_date(r[5]),
            language=r[6],
            archive_url=r[7],
            added_at=as_timestamp(r[8]),
        )
        for r in rows
    )


def claim_deadlines(runner: SqlRunner, claim_id: int) -> tuple[DeadlineRecord, ...]:
    rows = runner.rows(
        "SELECT d.seq, d.phrase, d.said_on, d.said_precision, d.window_start, d.window_end,"
        " d.precision, d.note, s.url, d.recorded_at"
        " FROM deadline d LEFT JOIN source s ON s.id = d.source_id"
        " WHERE d.claim_id = :id ORDER BY d.seq",
        {"id": claim_id},
    )
    return tuple(
        DeadlineRecord(
            seq=int(r[0]),
            phrase=str(r[1]),
            said_on=as_said_on(r[2], r[3]),
            window_start=as_date(r[4]),
            window_end=as_date(r[5]),
            precision=str(r[6]),
            note=str(r[7]),
            source_url=r[8],
            recorded_at=as_timestamp(r[9]),
        )
        for r in rows
    )


def claim_forecasts(runner: SqlRunner, claim_id: int) -> tuple[ForecastRecord, ...]:
    rows = runner.rows(
        "SELECT id, probability, made_at, forecaster FROM forecast"
        " WHERE claim_id = :id ORDER BY made_at, id",
        {"id": claim_id},
    )
    return tuple(
        ForecastRecord(int(r[0]), float(r[1]), as_timestamp(r[2]), str(r[3])) for r in rows
    )


_EVENTS = "SELECT id, uid, claim_id, at, actor, kind, change FROM event"


def claim_history(runner: SqlRunner, claim_id: int) -> list[EventRecord]:
    rows = runner.rows(f"{_EVENTS} WHERE claim_id = :id ORDER BY id", {"id": claim_id})
    return [_event(row) for row in rows]


def ledger_history(runner: SqlRunner, *, limit: int, actor: str | None = None) -> list[EventRecord]:
    """The ledger's latest `limit` changes (to any claim, or to claimants), oldest first;
    only `actor`'s when given."""
    where = "WHERE actor = :actor " if actor else ""
    rows = runner.rows(
        f"{_EVENTS} {where}ORDER BY id DESC LIMIT :limit", {"actor": actor, "limit": limit}
    )
    return [_event(row) for row in reversed(rows)]


def _event(r: Sequence[Any]) -> EventRecord:
    return EventRecord(
        id=int(r[0]),
        uid=str(r[1]),
        claim_id=None if r[2] is None else int(r[2]),
        at=as_timestamp(r[3]),
        actor=str(r[4]),
        kind=str(r[5]),
        change=decode_change(str(r[6])),
    )
