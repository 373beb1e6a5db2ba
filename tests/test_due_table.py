"""The due table lists the first claims of each kind; the other formats hold them all."""

from __future__ import annotations

import json

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
