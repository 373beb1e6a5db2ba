"""Calibration: Brier score, log score and bins counted by hand, and which forecast counts."""

from __future__ import annotations

import csv
import io
import json
import math
from datetime import UTC, date, datetime

import pytest

from ledger.reports.calibration import (
    LOG_FLOOR,
    bin_index,
    calibration,
    calibration_report,
    counting_forecast,
)
from ledger.reports.facts import ClaimFacts, ForecastFact
from tests.conftest import Backend, Cli

D = date.fromisoformat


def at(day: str, hour: int = 12) -> datetime:
    return datetime.fromisoformat(day).replace(hour=hour, tzinfo=UTC)


def claim(
    claim_id: int,
    outcome: str | None,
    end: str | None,
    *forecasts: tuple[float, str],
    resolved: str | None = None,
    claimant: str = "Ann",
    tags: tuple[str, ...] = (),
) -> ClaimFacts:
    return ClaimFacts(
        id=claim_id,
        statement=f"claim {claim_id}",
        claimant=claimant,
        said_on=D("2025-01-01"),
        outcome=outcome,
        happened_on=None,
        first_end=None if end is None else D(end),
        current_end=None if end is None else D(end),
        revisions=0,
        resolved_on=None if resolved is None else D(resolved),
        tags=tags,
        forecasts=tuple(ForecastFact(p, at(day)) for p, day in forecasts),
    )


CLAIMS = [
    # 0.8 counts (the 0.9 came after the window closed): (0.8 - 1)^2 = 0.04, ln 0.8
    claim(1, "kept", "2025-12-31", (0.8, "2025-06-01"), (0.9, "2026-01-05"), tags=("t",)),
    # (0.3 - 0)^2 = 0.09, ln 0.7
    claim(2, "broken", "2025-06-30", (0.3, "2025-02-01"), tags=("t",)),
    # certain and right: 0, ln 1 = 0
    claim(3, "kept", "2025-03-31", (1.0, "2025-01-05")),
    # certain and wrong: 1, ln 0.001 (the floor) = -6.907755
    claim(4, "broken", "2025-03-31", (1.0, "2025-01-05"), claimant="Bob"),
    # a forecast of exactly 0, and right: 0, ln 1 = 0
    claim(5, "broken", "2025-03-31", (0.0, "2025-01-05"), claimant="Bob"),
    # partly counts as not kept: (0.6 - 0)^2 = 0.36, ln 0.4
    claim(6, "partly", "2025-03-31", (0.6, "2025-01-05")),
    claim(7, "void", "2025-03-31", (0.5, "2025-01-05")),
    claim(8, None, "2025-03-31", (0.5, "2025-01-05")),
    claim(9, "kept", "2025-03-31"),
    # every forecast after the window closed: left out as late
    claim(10, "kept", "2025-03-31", (0.7, "2025-04-01")),
    claim(11, "retracted", "2025-03-31", (0.5, "2025-01-05")),
    claim(12, "unverifiable", "2025-03-31", (0.5, "2025-01-05")),
    # no window end: the last forecast on or before the day the outcome was recorded (0.5)
    claim(13, "kept", None, (0.5, "2025-04-01"), (0.95, "2025-05-02"), resolved="2025-05-01"),
]
BRIER = (0.04 + 0.09 + 0 + 1 + 0 + 0.36 + 0.25) / 7  # 1.74 / 7 = 0.248571
LOG = (
    math.log(0.8) + math.log(0.7) + 0 + math.log(0.001) + 0 + math.log(0.4) + math.log(0.5)
) / 7  # (-0.223144 - 0.356675 - 6.907755 - 0.916291 - 0.693147) / 7 = -1.299573


def test_brier_and_log_score_by_hand() -> None:
    c = calibration("all", "all claims", CLAIMS)
    assert c.scored == 7  # claims 1, 2, 3, 4, 5, 6, 13
    assert c.brier == pytest.approx(BRIER)
    assert c.brier == pytest.approx(0.248571, abs=1e-6)
    assert c.log_score == pytest.approx(LOG)
    assert c.log_score == pytest.approx(-1.299573, abs=1e-6)
    assert c.left_out == {
        "no_forecast": 1,
        "unresolved": 1,
        "void": 1,
        "retracted": 1,
        "unverifiable": 1,
        "partly": 0,
        "late": 1,
    }


def test_bins_by_hand() -> None:
    bins = calibration("all", "all claims", CLAIMS).bins
    filled = {i: (b.count, b.mean_forecast, b.observed) for i, b in enumerate(bins) if b.count}
    assert filled == {
        0: (1, 0.0, 0.0),  # claim 5
        3: (1, 0.3, 0.0),  # claim 2
        5: (1, 0.5, 1.0),  # claim 13
        6: (1, 0.6, 0.0),  # claim 6
        8: (1, 0.8, 1.0),  # claim 1
        9: (2, 1.0, 0.5),  # claims 3 and 4: one right, one wrong
    }
    assert [(b.low, b.high) for b in bins][::3] == [(0.0, 0.1), (0.3, 0.4), (0.6, 0.7), (0.9, 1.0)]


@pytest.mark.parametrize(
    ("probability", "index"),
    [(0.0, 0), (0.0999, 0), (0.1, 1), (0.3, 3), (0.7, 7), (0.29999999999999999, 3), (1.0, 9)],
)
def test_bin_edges(probability: float, index: int) -> None:
    assert bin_index(probability) == index


def test_partly_as_half_and_excluded() -> None:
    half = calibration("all", "all claims", CLAIMS, "half")
    # claim 6 scores (0.6 - 0.5)^2 = 0.01 and 0.5 ln 0.6 + 0.5 ln 0.4 = -0.713558
    assert half.brier == pytest.approx((1.74 - 0.36 + 0.01) / 7)  # 0.198571
    partly_log = 0.5 * math.log(0.6) + 0.5 * math.log(0.4)
    assert partly_log == pytest.approx(-0.713558, abs=1e-6)
    assert half.log_score == pytest.approx(LOG + (partly_log - math.log(0.4)) / 7)
    kept = calibration("all", "all claims", CLAIMS, "kept")
    assert kept.brier == pytest.approx((1.74 - 0.36 + 0.16) / 7)  # (0.6 - 1)^2 = 0.16
    excluded = calibration("all", "all claims", CLAIMS, "excluded")
    assert (excluded.scored, excluded.left_out["partly"]) == (6, 1)
    assert excluded.brier == pytest.approx(1.38 / 6)  # 0.23


def test_no_forecasts_score_nothing() -> None:
    c = calibration("all", "all claims", [claim(1, "kept", "2025-03-31")])
    assert (c.scored, c.brier, c.log_score) == (0, None, None)
    assert all(b.count == 0 and b.observed is None for b in c.bins)
    assert c.left_out["no_forecast"] == 1


def test_the_forecast_that_counts_is_the_last_before_the_window_closed() -> None:
    late_same_day = ForecastFact(0.4, datetime(2025, 3, 31, 23, 59, tzinfo=UTC))
    next_day = ForecastFact(0.9, datetime(2025, 4, 1, 0, 0, tzinfo=UTC))
    early = ForecastFact(0.1, datetime(2025, 1, 2, tzinfo=UTC))
    facts = claim(1, "kept", "2025-03-31")
    facts = ClaimFacts(**{**_fields(facts), "forecasts": (early, late_same_day, next_day)})
    assert counting_forecast(facts) == late_same_day
    assert LOG_FLOOR == 0.001


def test_a_forecast_made_once_the_outcome_was_known_does_not_count() -> None:
    # Window to 2025-12-31; it happened on 2025-06-01 and was recorded on 2025-06-10.
    before = ForecastFact(0.3, datetime(2025, 5, 31, 23, 0, tzinfo=UTC))
    on_the_day = ForecastFact(0.9, datetime(2025, 6, 1, 8, 0, tzinfo=UTC))
    after_recording = ForecastFact(1.0, datetime(2025, 6, 20, tzinfo=UTC))
    facts = claim(1, "kept", "2025-12-31", resolved="2025-06-10")
    facts = ClaimFacts(
        **{**_fields(facts), "happened_on": date(2025, 6, 1), "forecasts": (before, on_the_day)}
    )
    assert counting_forecast(facts) == before
    only_hindsight = ClaimFacts(**{**_fields(facts), "forecasts": (on_the_day, after_recording)})
    assert counting_forecast(only_hindsight) is None
    # Resolved with no date it happened: forecasts from the day it was recorded on are hindsight.
    recorded = claim(
        2, "broken", "2026-12-31", (0.8, "2025-06-09"), (0.0, "2025-06-10"), resolved="2025-06-10"
    )
    report = calibration_report([recorded])
    assert report.overall.scored == 1
    assert report.overall.brier == 0.8**2


def _fields(facts: ClaimFacts) -> dict[str, object]:
    return {name: getattr(facts, name) for name in ClaimFacts.__slots__}


def test_report_groups_by_tag_and_claimant() -> None:
    report = calibration_report(CLAIMS)
    assert [(c.name, c.scored) for c in report.by_claimant] == [("Ann", 5), ("Bob", 2)]
    assert [(c.name, c.scored) for c in report.by_tag] == [("t", 2)]
    bob = report.by_claimant[1]
    assert bob.brier == pytest.approx(0.5)  # (1 + 0) / 2
    assert bob.log_score == pytest.approx(math.log(0.001) / 2)


def test_calibration_through_the_cli(cli: Cli, backend: Backend) -> None:
    for index, (said, deadline, outcome, on, p) in enumerate(
        [
            ("2025-01-01", "2025-03-31", "kept", "2025-03-01", "80%"),
            ("2025-01-01", "2025-03-31", "broken", None, "0.3"),
            ("2025-01-01", "2025-03-31", "kept", "2025-02-01", "1"),
            ("2025-01-01", "2025-03-31", "broken", None, "1"),
        ],
        start=1,
    ):
        cli.ok(
            "add", f"Claim {index}", "--by", "Ann", "--said", said, "--deadline", deadline,
            "--source", "https://a.example/", "--tag", "x",
        )  # fmt: skip
        cli.ok("forecast", str(index), p, "--at", "2025-01-05")
        cli.ok("resolve", str(index), outcome, *(("--on", on) if on else ()))
    cli.ok("forecast", "1", "0.1", "--at", "2025-04-02")  # after the window closed: ignored
    data = json.loads(cli.ok("calibration", "--json").out)
    overall = data["overall"]
    # (0.04 + 0.09 + 0 + 1) / 4 = 0.2825; (ln 0.8 + ln 0.7 + 0 + ln 0.001) / 4 = -1.871893
    assert overall["scored"] == 4
    assert overall["brier"] == pytest.approx(0.2825)
    assert overall["log_score"] == pytest.approx(-1.871893, abs=1e-6)
    assert overall["bins"][9]["count"] == 2
    rows = list(csv.DictReader(io.StringIO(cli.ok("calibration", "--csv").out)))
    assert len(rows) == 30  # 10 bins each for all claims, tag x and claimant Ann
    assert {r["brier"] for r in rows} == {"0.2825"}
    text = cli.ok("calibration").out
    assert "Calibration: 4 forecasts scored" in text
    assert "Brier score   0.2825" in text
    assert "90%–100%      2  100%       50%" in text
    chart = cli.ok("calibration", "--chart").out
    assert "Reliability" in chart
    assert (
        "| Forecast | Count | Mean forecast | Observed |" in cli.ok("calibration", "--markdown").out
    )
    assert cli("calibration", "--partly-as", "maybe").code == 2
