"""The claims behind track records and calibration: four queries filtered by one WHERE clause."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any
from urllib.parse import urlsplit

from ledger.query import ClaimQuery
from ledger.reports.facts import ClaimFacts, ForecastFact
from ledger.sql import SqlRunner
from ledger.sql.claim_list import where_clause
from ledger.sql.values import as_date, as_datetime, as_said_on, as_timestamp

_CLAIMS = """
SELECT c.id, c.statement, p.name, c.said_on, c.outcome, c.happened_on, d0.window_end,
    c.window_end, (SELECT max(d.seq) FROM deadline d WHERE d.claim_id = c.id), c.resolved_at,
    c.said_precision
FROM claim c JOIN claimant p ON p.id = c.claimant_id
LEFT JOIN deadline d0 ON d0.claim_id = c.id AND d0.seq = 0
"""


def claim_facts(runner: SqlRunner, query: ClaimQuery, *, today: date) -> list[ClaimFacts]:
    """Every claim the query matches (sort and limit ignored), with tags, publishers, forecasts."""
    plain = query._replace(sort="id", descending=False, limit=None, offset=0)
    where, params = where_clause(runner, plain, today)
    rows = runner.rows(f"{_CLAIMS} {where} ORDER BY c.id", params)
    chosen = f"(SELECT c.id FROM claim c {where})"
    tags = _grouped(
        runner.rows(
            "SELECT ct.claim_id, t.name FROM claim_tag ct JOIN tag t ON t.id = ct.tag_id"
            f" WHERE ct.claim_id IN {chosen} ORDER BY ct.claim_id, t.name_key",
            params,
        ),
        lambda row: str(row[1]),
    )
    publishers = _grouped(
        runner.rows(
            "SELECT s.claim_id, s.publisher, s.url FROM source s"
            f" WHERE s.role = 'source' AND s.claim_id IN {chosen} ORDER BY s.claim_id, s.id",
            params,
        ),
        lambda row: publisher_name(row[1], row[2]),
    )
    forecasts = _grouped(
        runner.rows(
            "SELECT f.claim_id, f.probability, f.made_at FROM forecast f"
            f" WHERE f.claim_id IN {chosen} ORDER BY f.claim_id, f.made_at, f.id",
            params,
        ),
        lambda row: ForecastFact(float(row[1]), as_timestamp(row[2])),
    )
    return [
        _facts(row, tags.get(int(row[0]), ()), publishers.get(int(row[0]), ()), forecasts)
        for row in rows
    ]


def publisher_name(publisher: Any, url: Any) -> str | None:
    """The source's publisher, else its web site's host name (without `www.`)."""
    if publisher and str(publisher).strip():
        return str(publisher).strip()
    if not url:
        return None
    host = urlsplit(str(url)).hostname or ""
    return host.removeprefix("www.") or None


def _grouped(rows: Sequence[Sequence[Any]], value: Any) -> dict[int, tuple[Any, ...]]:
    found: dict[int, list[Any]] = {}
    for row in rows:
        item = value(row)
        if item is not None and item not in found.setdefault(int(row[0]), []):
            found[int(row[0])].append(item)
    return {key: tuple(items) for key, items in found.items()}


def _facts(
    row: Sequence[Any],
    tags: tuple[str, ...],
    publishers: tuple[str, ...],
    forecasts: dict[int, tuple[ForecastFact, ...]],
) -> ClaimFacts:
    said_on = as_date(row[3])
    assert said_on is not None
    resolved_at = as_datetime(row[9])
    return ClaimFacts(
        id=int(row[0]),
        statement=str(row[1]),
        claimant=str(row[2]),
        said_on=said_on,
        outcome=row[4],
        happened_on=as_date(row[5]),
        first_end=as_date(row[6]),
        current_end=as_date(row[7]),
        revisions=int(row[8] or 0),
        resolved_on=None if resolved_at is None else resolved_at.date(),
        said_precision=as_said_on(said_on, row[10]).precision,
        tags=tags,
        publishers=publishers,
        forecasts=forecasts.get(int(row[0]), ()),
    )
