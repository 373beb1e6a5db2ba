"""Track records with every figure counted by hand, and the demo ledger's record for Elon Musk."""

from __future__ import annotations

import csv
import io
import json
import shutil
from datetime import date
from pathlib import Path

import pytest

from ledger.reports.facts import ClaimFacts
from ledger.reports.track import slip_histogram, time_multiplier, track_record, track_records
from ledger.sql.report_facts import publisher_name
from tests.conftest import DEMO_DB, Backend, Cli

D = date.fromisoformat


def facts(
    claim_id: int,
    said: str,
    first_end: str | None,
    outcome: str | None = None,
    happened: str | None = None,
    *,
    revisions: int = 0,
    tags: tuple[str, ...] = (),
) -> ClaimFacts:
    return ClaimFacts(
        id=claim_id,
        statement=f"claim {claim_id}",
        claimant="Ann",
        said_on=D(said),
        outcome=outcome,
        happened_on=None if happened is None else D(happened),
        first_end=None if first_end is None else D(first_end),
        current_end=None if first_end is None else D(first_end),
        revisions=revisions,
        tags=tags,
    )


ANN = [
    # kept early: 180 days taken (Jan 1 -> Jun 30) of 364 promised (Jan 1 -> Dec 31); slip 0
    facts(1, "2025-01-01", "2025-12-31", "kept", "2025-06-30", tags=("a",)),
    # re-dated, then broken; it happened 40 days after the FIRST deadline (Mar 31 -> May 10);
    # 129 days taken (Jan 1 -> May 10) of 89 promised (Jan 1 -> Mar 31)
    facts(2, "2025-01-01", "2025-03-31", "broken", "2025-05-10", revisions=1, tags=("a", "b")),
    # kept, no deadline: on time (it cannot be late), no slip, no multiplier
    facts(3, "2025-02-01", None, "kept", "2025-03-01"),
    # void: counted, never rated
    facts(4, "2025-01-01", "2025-02-01", "void"),
    # partly, 10 days late (Jan 31 -> Feb 10); 40 days taken of 30 promised
    facts(5, "2025-01-01", "2025-01-31", "partly", "2025-02-10", tags=("b",)),
    # open since 2024-06-01: the oldest open promise
    facts(6, "2024-06-01", "2024-12-31"),
    # broken and never happened: rated, not kept at all, no slip
    facts(7, "2025-01-01", "2025-06-30", "broken"),
    facts(8, "2025-03-01", "2025-12-31"),
]
KEPT_EARLY = 180 / 364
REDATED = 129 / 89
PARTLY = 40 / 30


def test_time_multiplier_by_hand() -> None:
    assert time_multiplier(ANN[0]) == pytest.approx(0.494505, abs=1e-6)
    assert time_multiplier(ANN[1]) == pytest.approx(1.449438, abs=1e-6)
    assert time_multiplier(ANN[2]) is None  # no deadline
    assert time_multiplier(facts(9, "2025-01-01", "2025-01-01", "kept", "2025-01-01")) is None


def test_record_with_partly_as_not_kept() -> None:
    r = track_record("claimant", "Ann", ANN)
    assert (r.claims, r.open, r.rated) == (8, 2, 5)  # rated: 1, 2, 3, 5, 7
    assert r.outcomes == {
        "kept": 2,
        "partly": 1,
        "broken": 2,
        "retracted": 0,
        "void": 1,
        "unverifiable": 0,
    }
    assert (r.on_time, r.kept_on_time) == (2, 2 / 5)  # 1 (early) and 3 (no deadline)
    assert (r.happened, r.kept_at_all) == (3, 3 / 5)  # 1, 2 (late) and 3
    assert r.slips == (0, 40)  # claims 1 and 2; 3 has no deadline, 5 counts as not kept
    assert (r.slip_median, r.slip_mean) == (20, 20)
    assert r.multipliers == pytest.approx((KEPT_EARLY, REDATED))
    assert r.multiplier_median == pytest.approx((KEPT_EARLY + REDATED) / 2)  # 0.971972
    assert r.multiplier_mean == pytest.approx(0.971972, abs=1e-6)
    assert (r.redated, r.redated_share) == (1, 1 / 8)
    assert r.oldest_open is not None
    assert (r.oldest_open.id, r.oldest_open.said_on) == (6, D("2024-06-01"))


def test_record_with_partly_as_kept_half_and_excluded() -> None:
    kept = track_record("claimant", "Ann", ANN, "kept")
    assert (kept.rated, kept.on_time, kept.happened) == (5, 2, 4)  # 5 came true, 10 days late
    assert kept.slips == (0, 10, 40)
    assert (kept.slip_median, kept.slip_mean) == (10, pytest.approx(50 / 3))  # 16.667
    assert kept.multiplier_median == pytest.approx(PARTLY)  # 1.3333
    assert kept.multiplier_mean == pytest.approx((KEPT_EARLY + PARTLY + REDATED) / 3)  # 1.092425
    half = track_record("claimant", "Ann", ANN, "half")
    assert (half.on_time, half.happened, half.kept_at_all) == (2, 3.5, 0.7)
    excluded = track_record("claimant", "Ann", ANN, "excluded")
    assert (excluded.rated, excluded.kept_on_time, excluded.kept_at_all) == (4, 0.5, 0.75)
    assert excluded.slips == (0, 40)


def test_a_kept_claim_with_no_date_is_on_time_unless_re_dated() -> None:
    plain = facts(1, "2025-01-01", "2025-03-31", "kept")
    redated = facts(2, "2025-01-01", "2025-03-31", "kept", revisions=1)
    assert track_record("all", "all", [plain]).kept_on_time == 1
    assert track_record("all", "all", [redated]).kept_on_time == 0
    assert track_record("all", "all", [redated]).kept_at_all == 1


def test_no_rated_claims_leave_rates_empty() -> None:
    r = track_record("all", "all", [facts(1, "2025-01-01", "2025-02-01", "void")])
    assert (r.rated, r.kept_on_time, r.kept_at_all, r.slip_median, r.multiplier_mean) == (
        0,
        None,
        None,
        None,
        None,
    )
    assert r.redated_share == 0
    assert r.oldest_open is None


def test_groups_all_then_claimant_tag_publisher_most_claims_first() -> None:
    records = track_records(ANN, groupings=("claimant", "tag"))
    assert [(r.group, r.name, r.claims) for r in records] == [
        ("all", "All claims", 8),
        ("claimant", "Ann", 8),
        ("tag", "a", 2),  # claims 1, 2
        ("tag", "b", 2),  # claims 2, 5
    ]
    b = records[3]
    assert (b.rated, b.happened, b.slips) == (2, 1, (40,))


def test_slip_histogram_buckets() -> None:
    assert slip_histogram([0, 0, 3, 7, 8, 30, 31, 90, 91, 365, 366]) == [
        ("on time", 2),
        ("1–7d", 2),
        ("8–30d", 2),
        ("31–90d", 2),
        ("91–365d", 2),
        (">1 year", 1),
    ]


def test_publisher_falls_back_to_the_site() -> None:
    assert publisher_name("Reuters ", "https://www.reuters.com/x") == "Reuters"
    assert publisher_name(None, "https://www.reuters.com/x") == "reuters.com"
    assert publisher_name("", None) is None


def test_report_through_the_cli_counts_aliases_as_one_claimant(cli: Cli, backend: Backend) -> None:
    cli.ok(
        "add", "One", "--by", "Elon Musk", "--said", "2025-01-01", "--deadline", "2025-03-31",
        "--source", "https://www.example.com/a", "--tag", "x",
    )  # fmt: skip
    cli.ok("claimants", "alias", "Elon Musk", "马斯克")
    cli.ok(
        "add", "Two", "--by", "马斯克", "--said", "2025-01-01", "--deadline", "2025-12-31",
        "--source", "https://b.example/", "--tag", "x",
    )  # fmt: skip
    cli.ok("resolve", "1", "broken", "--on", "2025-05-10")  # 40 days late
    cli.ok("resolve", "2", "kept", "--on", "2025-06-30")  # early
    data = json.loads(cli.ok("report", "--json").out)
    musk = next(r for r in data["records"] if r["group"] == "claimant")
    assert (musk["name"], musk["claims"], musk["slips"]) == ("Elon Musk", 2, [0, 40])
    assert musk["kept_on_time"] == 0.5
    assert musk["kept_at_all"] == 1.0
    publishers = [r["name"] for r in data["records"] if r["group"] == "publisher"]
    assert publishers == ["b.example", "example.com"]
    rows = list(csv.DictReader(io.StringIO(cli.ok("report", "--csv", "--group", "tag").out)))
    assert [(r["group"], r["name"], r["slip_median"]) for r in rows] == [
        ("all", "All claims", "20"),
        ("tag", "x", "20"),
    ]
    assert "| claimant | Elon Musk | 2 |" in cli.ok("report", "--markdown").out


def test_demo_report_shows_musk_with_the_grok3_slip(cli: Cli, tmp_path: Path) -> None:
    demo = tmp_path / "claims.db"
    shutil.copy(DEMO_DB, demo)
    out = cli.ok("report", "--group", "claimant", "--db", str(demo)).out
    musk = out.split("Elon Musk: 6 claims", 1)[1].split("Memphis", 1)[0]
    # Grok-3 came 48 days after its first deadline (2024-12-31 -> 2025-02-17); it is the only
    # claim of his that came true (the two partly kept count as not kept).
    assert "slip 48d median, 48d mean (1 claim)" in musk
    assert "time taken ×1.41 median" in musk  # 166 days taken of 118 promised
    assert "re-dated 1 of 6 (17%)" in musk
    data = json.loads(cli.ok("report", "--json", "--by", "Musk", "--db", str(demo)).out)
    assert data["records"][0]["slips"] == [48]
    chart = cli.ok("report", "--chart", "--by", "Musk", "--db", str(demo)).out
    assert "31–90d" in chart
    assert chart.startswith("Matching claims: 6 claims") and out.startswith("All claims: 8 claims")


def test_the_oldest_open_promise_is_dated_as_precisely_as_it_was_said(cli: Cli) -> None:
    cli.ok(
        "add", "Said some time in February", "--by", "Ana", "--said", "2026-02",
        "--deadline", "2027", "--source", "https://a.example/",
    )  # fmt: skip
    assert "oldest open #1, said 2026-02: Said some time" in cli.ok("report").out
    assert "#1 (2026-02) Said some time" in cli.ok("report", "--markdown").out
