"""Claims a new one would repeat; its own module, since `claims add` asks on its lean path."""

from __future__ import annotations

from datetime import date

from ledger.sql import SqlRunner
from ledger.validate import name_key


def same_claims(runner: SqlRunner, statement: str, claimant: str, said_on: date) -> list[int]:
    """Listed claims with this statement, by this claimant (under any of their names), said
    on the same day: what a new claim would repeat."""
    rows = runner.rows(
        "SELECT c.id FROM claim c WHERE c.withdrawn_at IS NULL AND c.said_on = :said"
        " AND c.statement = :statement AND c.claimant_id IN (SELECT id FROM claimant WHERE"
        " name_key = :key UNION SELECT claimant_id FROM claimant_alias WHERE alias_key = :key)"
        " ORDER BY c.id LIMIT 3",
        {"said": said_on.isoformat(), "statement": statement, "key": name_key(claimant)},
    )
    return [int(row[0]) for row in rows]
