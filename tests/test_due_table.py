"""The due table lists the first claims of each kind; the other formats hold them all."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from bench.raw_ledger import build_ledger
from ledger.lean import open_lean
from ledger.location import locate_ledger
from ledger.query import ClaimQuery
from ledger.reports.due import DUE_BUCKETS
from ledger.textsafe import truncate
from tests.conftest import Cli


def test_the_due_table_lists_at_most_limit_claims_of_each_kind(cli: Cli) -> None:
    for number in range(4):
        cli.ok(
            "add",
            f"Overdue {number}",
            "--by",
            "T",
            "--said",
            "2024-01-01",
            "--deadline",
            "by March 2024",
            "--source",
            "https://a.example/",
        )
    cli.ok(
        "add",
        "Due now",
        "--by",
        "T",
        "--said",
        "2024-01-01",
        "--deadline",
        "in 2025",
        "--source",
        "https://a.example/",
    )
    text = cli.ok("due", "--as-of", "2025-01-05", "--limit", "2").out
    assert "Overdue 0" in text and "Overdue 1" in text and "Overdue 2" not in text
    assert "Due now" in text
    assert "(2 more not listed" in text
    everything = cli.ok("due", "--as-of", "2025-01-05", "--limit", "0").out
    assert "Overdue 3" in everything and "more not listed" not in everything
    rows = json.loads(cli.ok("due", "--as-of", "2025-01-05", "--limit", "2", "--json").out)
    assert len(rows["overdue"]) == 4


def test_truncate_cuts_wide_text_to_its_cells() -> None:
    assert truncate("新しい駅を年末までに開業する", 9) == "新しい駅…"
    assert truncate("新しい駅", 8) == "新しい駅"
    assert truncate("Fleet 🌱 goes", 7) == "Fleet …"
    assert truncate("abc", 2) == "a…"


def test_the_first_claims_of_each_kind_are_those_the_whole_report_lists_first(
    tmp_path: Path,
) -> None:
    """The table's report reads only the first claims of each bucket, and counts them all."""
    path = tmp_path / "big.db"
    build_ledger(path, 3_000, first_day=date(2026, 1, 1))
    lean = open_lean(locate_ledger(str(path)), actor="test")
    assert lean is not None
    queries = [
        ClaimQuery(),
        ClaimQuery(claimant="Elon Musk"),
        ClaimQuery(tags=("ai",), text="model"),
        ClaimQuery(states=("due", "upcoming")),
    ]
    for today in (date(2026, 3, 1), date(2026, 9, 15), date(2031, 1, 1)):
        for query in queries:
            whole = lean.due_report(query, today=today, within=45)
            first = lean.due_report(query, today=today, within=45, per_bucket=7)
            assert first.totals is not None and whole.totals is None
            for bucket in DUE_BUCKETS:
                assert first.bucket_size(bucket) == whole.bucket_size(bucket), (
                    today,
                    query,
                    bucket,
                )
                assert getattr(first, bucket) == getattr(whole, bucket)[:7], (today, bucket)
    busy = lean.due_report(ClaimQuery(), today=date(2026, 9, 15), within=45, per_bucket=7)
    assert all(busy.bucket_size(bucket) > 7 for bucket in DUE_BUCKETS)  # the test means something
