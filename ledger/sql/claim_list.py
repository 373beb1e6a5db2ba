"""The claim list: one SELECT built from a ClaimQuery, and its rows as ClaimRow records."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from ledger.query import ClaimQuery
from ledger.records import ClaimRow
from ledger.sql import SqlRunner
from ledger.sql.values import as_date, as_said_on, like_pattern
from ledger.validate import name_key

ROW_COLUMNS = """
    c.id, c.uid, c.statement, p.name, c.said_on, c.said_precision, c.deadline_phrase,
    c.window_start, c.window_end, c.precision,
    (SELECT d.window_end FROM deadline d WHERE d.claim_id = c.id AND d.seq = 0),
    c.outcome, c.happened_on,
    (SELECT f.probability FROM forecast f WHERE f.claim_id = c.id
        ORDER BY f.made_at DESC, f.id DESC LIMIT 1),
    c.withdrawn_at,
    (SELECT max(d.seq) FROM deadline d WHERE d.claim_id = c.id)
"""
NO_LIMIT = 2**62
FROM = "FROM claim c JOIN claimant p ON p.id = c.claimant_id"

_STATE_SQL = {
    "resolved": "c.outcome IS NOT NULL",
    "open": "c.outcome IS NULL",
    "open-ended": "(c.outcome IS NULL AND c.window_end IS NULL)",
    "overdue": "(c.outcome IS NULL AND c.window_end < :today)",
    "due": "(c.outcome IS NULL AND c.window_end >= :today"
    " AND (c.window_start IS NULL OR c.window_start <= :today))",
    "upcoming": "(c.outcome IS NULL AND c.window_start > :today)",
}
_STATE_RANK = (
    "CASE WHEN c.outcome IS NOT NULL THEN 4 WHEN c.window_end IS NULL THEN 3"
    " WHEN c.window_end < :today THEN 0 WHEN c.window_start > :today THEN 2 ELSE 1 END"
)
_ORDER = {
    "id": ["c.id"],
    "said": ["c.said_on", "c.id"],
    "deadline": ["(c.window_end IS NULL)", "c.window_end", "c.id"],
    "claimant": ["p.name_key", "c.id"],
    "statement": ["lower(c.statement)", "c.id"],
    "state": [_STATE_RANK, "c.window_end", "c.id"],
    "outcome": ["coalesce(c.outcome, '')", "c.id"],
}


def claimant_ids(runner: SqlRunner, name: str) -> list[int]:
    """Claimants called `name` or known by it; failing that, those whose names contain it."""
    key = name_key(name)
    exact = runner.rows(
        "SELECT id FROM claimant WHERE name_key = :key "
        "UNION SELECT claimant_id FROM claimant_alias WHERE alias_key = :key",
        {"key": key},
    )
    if exact:
        return sorted(int(row[0]) for row in exact)
    loose = runner.rows(
        "SELECT id FROM claimant WHERE name_key LIKE :pattern ESCAPE '\\' "
        "UNION SELECT claimant_id FROM claimant_alias WHERE alias_key LIKE :pattern ESCAPE '\\'",
        {"pattern": like_pattern(key)},
    )
    return sorted(int(row[0]) for row in loose)


def where_clause(runner: SqlRunner, query: ClaimQuery, today: date) -> tuple[str, dict[str, Any]]:
    conditions: list[str] = []
    params: dict[str, Any] = {"today": today.isoformat()}
    if not query.include_withdrawn:
        conditions.append("c.withdrawn_at IS NULL")
    if query.claimant:
        ids = claimant_ids(runner, query.claimant) or [-1]
        conditions.append(f"c.claimant_id IN ({', '.join(str(i) for i in ids)})")
    for index, tag in enumerate(query.tags):
        params[f"tag{index}"] = name_key(tag)
        conditions.append(
            "EXISTS (SELECT 1 FROM claim_tag ct JOIN tag t ON t.id = ct.tag_id"
            f" WHERE ct.claim_id = c.id AND t.name_key = :tag{index})"
        )
    if query.outcomes:
        names = [f":outcome{i}" for i in range(len(query.outcomes))]
        params.update({name[1:]: value for name, value in zip(names, query.outcomes, strict=True)})
        conditions.append(f"c.outcome IN ({', '.join(names)})")
    if query.states:
        conditions.append("(" + " OR ".join(_STATE_SQL[s] for s in query.states) + ")")
    if query.ends_before is not None:
        params["ends_before"] = query.ends_before.isoformat()
        conditions.append("c.window_end <= :ends_before")
    if query.ends_after is not None:
        params["ends_after"] = query.ends_after.isoformat()
        conditions.append("c.window_end >= :ends_after")
    if query.text:
        params["text"] = like_pattern(query.text)
        conditions.append(
            "(lower(c.statement) LIKE :text ESCAPE '\\'"
            " OR lower(coalesce(c.quote, '')) LIKE :text ESCAPE '\\')"
        )
    return ("WHERE " + " AND ".join(conditions)) if conditions else "", params


def list_sql(runner: SqlRunner, query: ClaimQuery, today: date) -> tuple[str, dict[str, Any]]:
    """The list's SELECT. A page (limit or offset) picks its claim ids first, sorting only the
    sort keys, and only then reads the page's columns: sorting whole rows, with the correlated
    subqueries computed for every row skipped, makes deep pages of big ledgers take seconds."""
    where, params = where_clause(runner, query, today)
    direction = " DESC" if query.descending else ""
    order = ", ".join(term + direction for term in _ORDER[query.sort])
    if query.limit is None and not query.offset:
        return f"SELECT {ROW_COLUMNS} {FROM} {where} ORDER BY {order}", params
    joined = " JOIN claimant p ON p.id = c.claimant_id" if query.sort == "claimant" else ""
    page = f"SELECT c.id FROM claim c{joined} {where} ORDER BY {order} LIMIT :limit OFFSET :offset"
    params.update(limit=NO_LIMIT if query.limit is None else query.limit, offset=query.offset)
    return f"SELECT {ROW_COLUMNS} {FROM} WHERE c.id IN ({page}) ORDER BY {order}", params


def query_claim_rows(runner: SqlRunner, query: ClaimQuery, today: date) -> list[ClaimRow]:
    sql, params = list_sql(runner, query, today)
    rows = runner.rows(sql, params)
    tags = tags_by_claim(runner, [int(row[0]) for row in rows])
    return [to_claim_row(row, tags.get(int(row[0]), ())) for row in rows]


def count_claims(runner: SqlRunner, query: ClaimQuery, today: date) -> int:
    where, params = where_clause(runner, query, today)
    rows = runner.rows(f"SELECT count(*) FROM claim c {where}", params)
    return int(rows[0][0])


def tags_by_claim(runner: SqlRunner, claim_ids: list[int]) -> dict[int, tuple[str, ...]]:
    if not claim_ids:
        return {}
    found: dict[int, list[str]] = {}
    for start in range(0, len(claim_ids), 500):
        chunk = ", ".join(str(i) for i in claim_ids[start : start + 500])
        for claim_id, name in runner.rows(
            "SELECT ct.claim_id, t.name FROM claim_tag ct JOIN tag t ON t.id = ct.tag_id"
            f" WHERE ct.claim_id IN ({chunk}) ORDER BY ct.claim_id, t.name_key",
            {},
        ):
            found.setdefault(int(claim_id), []).append(str(name))
    return {key: tuple(value) for key, value in found.items()}


def to_claim_row(row: Sequence[Any], tags: tuple[str, ...]) -> ClaimRow:
    return ClaimRow(
        id=int(row[0]),
        uid=str(row[1]),
        statement=str(row[2]),
        claimant=str(row[3]),
        said_on=as_said_on(row[4], row[5]),
        deadline_phrase=str(row[6] or ""),
        window_start=as_date(row[7]),
        window_end=as_date(row[8]),
        precision=str(row[9]),
        first_window_end=as_date(row[10]),
        outcome=row[11],
        happened_on=as_date(row[12]),
        tags=tags,
        last_forecast=None if row[13] is None else float(row[13]),
        withdrawn=row[14] is not None,
        revisions=int(row[15] or 0),
    )
