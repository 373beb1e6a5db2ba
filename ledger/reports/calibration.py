"""Calibration of the user's forecasts: Brier score, log score and a 10-bin reliability table.

The rules, stated exactly (the README and `claims calibration --help` repeat them):

- One forecast counts per claim: the last one made before the outcome could be known, that is
  on or before the last day of the claim's window (its current deadline) and before both the
  day it happened and the day its outcome was recorded. Later ones are hindsight; a claim whose
  forecasts all came later is left out ("late").
- Scored claims are kept (outcome 1) and broken (outcome 0). Partly kept counts as 0 unless
  `partly_as` says kept (1), half (0.5) or excluded (left out).
- Left out, and counted: claims with no forecast, unresolved, void, retracted, unverifiable,
  partly (when excluded), late.
- Brier score: the mean of (p − outcome)²; 0 is perfect, 0.25 is always saying 50%.
- Log score: the mean of outcome·ln p + (1 − outcome)·ln(1 − p); 0 is perfect, lower is worse.
  A probability of 0 given to what happened counts as 0.001, so one certain miss costs
  ln 0.001 ≈ −6.91 rather than minus infinity.
- Bins: [0, 0.1), [0.1, 0.2), …, [0.9, 1.0]; each shows its count, mean forecast and the
  observed frequency (the mean outcome).
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from ledger.reports.facts import (
    DEFAULT_PARTLY,
    LEFT_OUT_OUTCOMES,
    ClaimFacts,
    ForecastFact,
    check_partly,
)

LOG_FLOOR = 0.001
BIN_COUNT = 10
LEFT_OUT_REASONS: tuple[str, ...] = (
    "no_forecast",
    "unresolved",
    *LEFT_OUT_OUTCOMES,
    "partly",
    "late",
)


@dataclass(frozen=True, slots=True)
class ScoredForecast:
    claim_id: int
    probability: float
    outcome: float


@dataclass(frozen=True, slots=True)
class CalibrationBin:
    low: float
    high: float
    count: int
    mean_forecast: float | None
    observed: float | None


@dataclass(frozen=True, slots=True)
class Calibration:
    group: str
    name: str
    scored: int
    brier: float | None
    log_score: float | None
    bins: tuple[CalibrationBin, ...]
    left_out: dict[str, int]


@dataclass(frozen=True, slots=True)
class CalibrationReport:
    partly_as: str
    overall: Calibration
    by_tag: tuple[Calibration, ...]
    by_claimant: tuple[Calibration, ...]


ONE_DAY = timedelta(days=1)


def forecast_cutoff(
    *, window_end: date | None, happened_on: date | None, resolved_on: date | None
) -> date | None:
    """The last day a forecast on the claim can count (None: no limit yet).

    A forecast made on the day it happened or the day its outcome was recorded, or later, is
    hindsight; one made after the window closed comes too late.
    """
    known = [day - ONE_DAY for day in (happened_on, resolved_on) if day is not None]
    limits = known + ([window_end] if window_end is not None else [])
    return min(limits, default=None)


def counting_forecast(facts: ClaimFacts) -> ForecastFact | None:
    """The last forecast made before the outcome could be known: on or before the window's last
    day, and before the day it happened and the day its outcome was recorded."""
    cutoff = forecast_cutoff(
        window_end=facts.current_end, happened_on=facts.happened_on, resolved_on=facts.resolved_on
    )
    made = [f for f in facts.forecasts if cutoff is None or f.made_at.date() <= cutoff]
    return max(made, key=lambda f: f.made_at, default=None)


def score_claim(facts: ClaimFacts, partly_as: str) -> ScoredForecast | str:
    """The claim's scored forecast, or the reason it is left out."""
    if not facts.forecasts:
        return "no_forecast"
    if facts.outcome is None:
        return "unresolved"
    if facts.outcome in LEFT_OUT_OUTCOMES:
        return facts.outcome
    outcome = facts.kept_weight(partly_as)
    if outcome is None:
        return "partly"
    forecast = counting_forecast(facts)
    if forecast is None:
        return "late"
    return ScoredForecast(facts.id, forecast.probability, outcome)


def brier_score(scored: list[ScoredForecast]) -> float | None:
    if not scored:
        return None
    return math.fsum((s.probability - s.outcome) ** 2 for s in scored) / len(scored)


def log_score(scored: list[ScoredForecast]) -> float | None:
    if not scored:
        return None

    def one(s: ScoredForecast) -> float:
        yes = s.outcome * math.log(max(s.probability, LOG_FLOOR))
        return yes + (1 - s.outcome) * math.log(max(1 - s.probability, LOG_FLOOR))

    return math.fsum(one(s) for s in scored) / len(scored)


def bin_index(probability: float) -> int:
    # The small nudge keeps 0.3 (stored as 0.29999…) in the 30–40% bin.
    return min(BIN_COUNT - 1, math.floor(probability * BIN_COUNT + 1e-9))


def calibration_bins(scored: list[ScoredForecast]) -> tuple[CalibrationBin, ...]:
    members: list[list[ScoredForecast]] = [[] for _ in range(BIN_COUNT)]
    for s in scored:
        members[bin_index(s.probability)].append(s)
    bins = []
    for index, inside in enumerate(members):
        count = len(inside)
        bins.append(
            CalibrationBin(
                low=index / BIN_COUNT,
                high=(index + 1) / BIN_COUNT,
                count=count,
                mean_forecast=math.fsum(s.probability for s in inside) / count if count else None,
                observed=math.fsum(s.outcome for s in inside) / count if count else None,
            )
        )
    return tuple(bins)


def calibration(
    group: str, name: str, claims: Iterable[ClaimFacts], partly_as: str = DEFAULT_PARTLY
) -> Calibration:
    scored: list[ScoredForecast] = []
    left_out = dict.fromkeys(LEFT_OUT_REASONS, 0)
    for facts in claims:
        result = score_claim(facts, partly_as)
        if isinstance(result, str):
            left_out[result] += 1
        else:
            scored.append(result)
    return Calibration(
        group=group,
        name=name,
        scored=len(scored),
        brier=brier_score(scored),
        log_score=log_score(scored),
        bins=calibration_bins(scored),
        left_out=left_out,
    )


def calibration_report(
    claims: list[ClaimFacts], *, partly_as: str = DEFAULT_PARTLY, scope: str = "All claims"
) -> CalibrationReport:
    """Overall, then by tag and by claimant (groups holding a forecast; most scored first)."""
    partly_as = check_partly(partly_as)
    by_tag: dict[str, list[ClaimFacts]] = {}
    by_claimant: dict[str, list[ClaimFacts]] = {}
    for facts in claims:
        by_claimant.setdefault(facts.claimant, []).append(facts)
        for tag in facts.tags:
            by_tag.setdefault(tag, []).append(facts)

    def ranked(kind: str, groups: dict[str, list[ClaimFacts]]) -> tuple[Calibration, ...]:
        # A group is shown when one of its claims has a forecast; its counts take in all of
        # its claims, those left out for want of a forecast too.
        found = [
            calibration(kind, name, members, partly_as)
            for name, members in groups.items()
            if any(facts.forecasts for facts in members)
        ]
        return tuple(sorted(found, key=lambda c: (-c.scored, c.name.casefold())))

    return CalibrationReport(
        partly_as=partly_as,
        overall=calibration("all", scope, claims, partly_as),
        by_tag=ranked("tag", by_tag),
        by_claimant=ranked("claimant", by_claimant),
    )
