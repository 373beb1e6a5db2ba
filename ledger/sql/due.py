"""The due report's queries: unresolved claims whose window has closed, is open, or opens soon.

Today's report reads the claim table's current window through the due index (ix_claim_due).
A report as of an earlier day reads the history instead: the latest deadline said on or before
that day, and whether the claim stood resolved at the end of it, from the last resolution,
reopening or undo recorded by then (an undo is settled by replaying the claim's events up to
that day).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime, time, timedelta
from itertools import takewhile
from typing import Any

from ledger.query import ClaimQuery
from ledger.reports.due import DueClaim
from ledger.sql import SqlRunner
from ledger.sql.claim_list import where_clause
from ledger.sql.values import as_date, as_said_on

_SOURCE = (
    "LEFT JOIN source s ON s.id = (SELECT min(s2.id) FROM source s2"
    " WHERE s2.claim_id = c.id AND s2.role = 'source')"
)
_COLUMNS = (
    "c.id, c.uid, c.statement, p.name, c.said_on, c.said_precision, {w}.{phrase}, "
    "{w}.window_start, {w}.window_end, {w}.precision, {seq}, s.url, s.title, s.publisher"
)
_CURRENT_SEQ = "(SELECT max(d.seq) FROM deadline d WHERE d.claim_id = c.id)"


def due_claims(runner: SqlRunner, query: ClaimQuery, *, day: date, horizon: date) -> list[DueClaim]:
    """Open claims whose current window has closed, holds `day`, or opens by `horizon`."""
    where, params = where_clause(runner, query, day)
    columns = _COLUMNS.format(w="c", phrase="deadline_phrase", seq=_CURRENT_SEQ)
    conditions = [
        "c.outcome IS NULL",
        "c.window_end IS NOT NULL",
        "(c.window_start IS NULL OR c.window_start <= :horizon)",
    ]
    sql = (
        f"SELECT {columns} FROM claim c JOIN claimant p ON p.id = c.claimant_id {_SOURCE} "
        f"{_and(where, conditions)} ORDER BY c.window_end, c.id"
    )
    params["horizon"] = horizon.isoformat()
    return [_due_claim(row) for row in runner.rows(sql, params)]


# The buckets as SQL over a claim's current window, in the order the report lists each.
_BUCKET_SQL = {
    "overdue": ("c.window_end < :day", "c.window_end, c.id"),
    "due": (
        "c.window_end >= :day AND (c.window_start IS NULL OR c.window_start <= :day)",
        "c.window_end, c.id",
    ),
    "upcoming": (
        "c.window_end >= :day AND c.window_start > :day",
        "c.window_start, c.window_end, c.id",
    ),
}


def first_due_claims(
    runner: SqlRunner,
    query: ClaimQuery,
    *,
    day: date,
    horizon: date,
    buckets: set[str],
    per_bucket: int,
) -> tuple[list[DueClaim], tuple[int, int, int]]:
    """The first `per_bucket` claims of each wanted bucket, and how many each bucket holds."""
    where, params = where_clause(runner, query, day)
    params.update(day=day.isoformat(), horizon=horizon.isoformat(), first=per_bucket)
    base = _and(
        where,
        [
            "c.outcome IS NULL",
            "c.window_end IS NOT NULL",
            "(c.window_start IS NULL OR c.window_start <= :horizon)",
        ],
    )
    counted = ", ".join(
        f"coalesce(sum(CASE WHEN {test} THEN 1 ELSE 0 END), 0)" for test, _ in _BUCKET_SQL.values()
    )
    found = runner.rows(f"SELECT {counted} FROM claim c {base}", params)[0]
    counts = {
        name: int(n) if name in buckets else 0 for name, n in zip(_BUCKET_SQL, found, strict=True)
    }
    columns = _COLUMNS.format(w="c", phrase="deadline_phrase", seq=_CURRENT_SEQ)
    claims: list[DueClaim] = []
    for name, (test, order) in _BUCKET_SQL.items():
        if counts[name]:
            sql = (
                f"SELECT {columns} FROM claim c JOIN claimant p ON p.id = c.claimant_id "
                f"{_SOURCE} {base} AND {test} ORDER BY {order} LIMIT :first"
            )
            claims.extend(_due_claim(row) for row in runner.rows(sql, params))
    return claims, (counts["overdue"], counts["due"], counts["upcoming"])


def due_claims_as_of(
    runner: SqlRunner, query: ClaimQuery, *, day: date, horizon: date
) -> list[DueClaim]:
    """The same claims as they stood on `day`: said by then, with the deadline in force then,
    and unresolved then (an outcome recorded after `day` does not count yet, and one recorded
    by then and later reopened or undone still does)."""
    plain = query._replace(ends_before=None, ends_after=None)
    where, params = where_clause(runner, plain, day)
    taken_back = "c.id IN (SELECT claim_id FROM taken_back)"
    columns = _COLUMNS.format(w="d", phrase="phrase", seq="d.seq") + f", {taken_back}"
    conditions = [
        "c.said_on <= :day",
        "(c.outcome IS NULL OR c.resolved_at IS NULL OR c.resolved_at >= :next_day"
        f" OR {taken_back})",
        "d.window_end IS NOT NULL",
        "(d.window_start IS NULL OR d.window_start <= :horizon)",
    ]
    if query.ends_before is not None:
        conditions.append("d.window_end <= :ends_before")
        params["ends_before"] = query.ends_before.isoformat()
    if query.ends_after is not None:
        conditions.append("d.window_end >= :ends_after")
        params["ends_after"] = query.ends_after.isoformat()
    in_force = (
        "JOIN deadline d ON d.claim_id = c.id AND d.seq = (SELECT max(d2.seq) FROM deadline d2"
        " WHERE d2.claim_id = c.id AND d2.said_on <= :day)"
    )
    sql = (
        f"WITH taken_back AS {_TAKEN_BACK} SELECT {columns} FROM claim c"
        f" JOIN claimant p ON p.id = c.claimant_id {in_force} {_SOURCE}"
        f" {_and(where, conditions)} ORDER BY d.window_end, c.id"
    )
    next_day = day + timedelta(days=1)
    params.update(day=day.isoformat(), next_day=next_day.isoformat(), horizon=horizon.isoformat())
    rows = runner.rows(sql, params)
    reopened = [int(row[0]) for row in rows if row[-1]]
    resolved = _resolved_by(runner, reopened, datetime.combine(next_day, time(), UTC))
    return [_due_claim(row) for row in rows if int(row[0]) not in resolved]


# Claims whose outcome was reopened or undone after :day (an undo may take back a reopening),
# so that their current outcome and resolution time need not be how they stood then; any other
# claim's outcome stood then as it stands now, unless it was recorded after :day.
_TAKEN_BACK = (
    "(SELECT e.claim_id FROM event e WHERE e.kind IN ('reopened', 'undone') AND e.at >= :next_day)"
)


def _resolved_by(runner: SqlRunner, ids: list[int], moment: datetime) -> set[int]:
    """Which of these claims stood resolved at `moment`, by replaying their events up to it
    (rare: replay is imported only then)."""
    if not ids:
        return set()
    from ledger.replay import ReplayError, replay
    from ledger.sql.claim_state import claim_events

    resolved = set()
    for claim_id, events in claim_events(runner, ids).items():
        before = list(takewhile(lambda event: event.at < moment, events))  # a prefix of the log
        try:
            if before and replay(before).outcome is not None:
                resolved.add(claim_id)
        except ReplayError:  # a damaged log (`claims check` says where): listed, as it stands
            continue
    return resolved


def _and(where: str, conditions: list[str]) -> str:
    joined = " AND ".join(conditions)
    return f"{where} AND {joined}" if where else f"WHERE {joined}"


def _due_claim(row: Sequence[Any]) -> DueClaim:
    end = as_date(row[8])
    assert end is not None
    return DueClaim(
        id=int(row[0]),
        uid=str(row[1]),
        statement=str(row[2]),
        claimant=str(row[3]),
        said_on=as_said_on(row[4], row[5]),
        deadline_phrase=str(row[6] or ""),
        window_start=as_date(row[7]),
        window_end=end,
        precision=str(row[9]),
        deadline_seq=int(row[10] or 0),
        source=_source_text(row[11], row[12], row[13]),
    )


def _source_text(url: Any, title: Any, publisher: Any) -> str | None:
    parts = [str(part) for part in (url, title, publisher) if part]
    return " — ".join(parts) if parts else None
