"""Track records: how a claimant's (a tag's, a publisher's) claims turned out, and how late.

Rated claims are those kept, broken or partly kept (partly as `--partly-as` says; excluded
takes it out of every figure). Retracted, void and unverifiable claims are counted, not rated.

- kept on time: rated claims that came true by the end of their FIRST deadline (a claim with no
  deadline cannot be late; a kept claim with no date counts as on time only if never re-dated);
- kept at all: rated claims that came true, however late (broken with a date it happened counts);
- slip: days from the end of the first deadline to the day it happened (0 when on time or early),
  for rated claims that came true (partly only when it counts as kept or half) with both dates;
- time multiplier: (happened − said) / (first deadline's end − said), for the same claims when
  the promised time is at least one day; below 1 means early;
- re-dated: claims given a later deadline at least once, out of all claims;
- oldest open: the unresolved claim said first.
"""

from __future__ import annotations

import statistics
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date

from ledger.dates import SaidOn, SaidPrecision
from ledger.errors import InputError
from ledger.reports.facts import DEFAULT_PARTLY, ClaimFacts, check_partly
from ledger.rules import OUTCOMES

GROUPINGS: tuple[str, ...] = ("claimant", "tag", "publisher")
SLIP_BUCKETS: tuple[tuple[str, int, int], ...] = (
    ("on time", 0, 0),
    ("1–7d", 1, 7),
    ("8–30d", 8, 30),
    ("31–90d", 31, 90),
    ("91–365d", 91, 365),
    (">1 year", 366, 10**9),
)


@dataclass(frozen=True, slots=True)
class OpenPromise:
    id: int
    said_on: date
    statement: str
    said_precision: SaidPrecision = "day"

    @property
    def said(self) -> str:
        """When it was said, as precisely as that is known: 2024-09-04, 2024-09 or 2024."""
        return str(SaidOn(self.said_on, self.said_precision))


@dataclass(frozen=True, slots=True)
class TrackRecord:
    """One group's record. Rates are None when no claim is rated; weights make counts float."""

    group: str
    name: str
    claims: int
    open: int
    outcomes: dict[str, int]
    rated: int
    on_time: float
    happened: float
    kept_on_time: float | None
    kept_at_all: float | None
    slips: tuple[int, ...]
    slip_median: float | None
    slip_mean: float | None
    multipliers: tuple[float, ...]
    multiplier_median: float | None
    multiplier_mean: float | None
    redated: int
    redated_share: float | None
    oldest_open: OpenPromise | None


def on_time_weight(facts: ClaimFacts, weight: float) -> float:
    if facts.outcome == "broken":
        return 0.0
    if facts.first_end is None:
        return weight
    if facts.happened_on is not None:
        return weight if facts.happened_on <= facts.first_end else 0.0
    return weight if facts.revisions == 0 else 0.0


def happened_weight(facts: ClaimFacts, weight: float) -> float:
    if facts.outcome == "broken":
        return 1.0 if facts.happened_on is not None else 0.0
    return weight


def time_multiplier(facts: ClaimFacts) -> float | None:
    """Time taken over time promised, both counted from the day it was said."""
    if facts.happened_on is None or facts.first_end is None:
        return None
    promised = (facts.first_end - facts.said_on).days
    if promised < 1:
        return None
    return (facts.happened_on - facts.said_on).days / promised


def track_record(
    group: str, name: str, claims: Iterable[ClaimFacts], partly_as: str = DEFAULT_PARTLY
) -> TrackRecord:
    members = list(claims)
    rated = [(f, w) for f in members if (w := f.kept_weight(partly_as)) is not None]
    came_true = [f for f, w in rated if happened_weight(f, w) > 0]
    slips = sorted(s for f in came_true if (s := f.slip) is not None)
    multipliers = sorted(m for f in came_true if (m := time_multiplier(f)) is not None)
    on_time = sum(on_time_weight(f, w) for f, w in rated)
    happened = sum(happened_weight(f, w) for f, w in rated)
    open_claims = [f for f in members if f.outcome is None]
    redated = sum(1 for f in members if f.revisions > 0)
    oldest = min(open_claims, key=lambda f: (f.said_on, f.id), default=None)
    return TrackRecord(
        group=group,
        name=name,
        claims=len(members),
        open=len(open_claims),
        outcomes={o: sum(1 for f in members if f.outcome == o) for o in OUTCOMES},
        rated=len(rated),
        on_time=on_time,
        happened=happened,
        kept_on_time=_share(on_time, len(rated)),
        kept_at_all=_share(happened, len(rated)),
        slips=tuple(slips),
        slip_median=statistics.median(slips) if slips else None,
        slip_mean=statistics.fmean(slips) if slips else None,
        multipliers=tuple(multipliers),
        multiplier_median=statistics.median(multipliers) if multipliers else None,
        multiplier_mean=statistics.fmean(multipliers) if multipliers else None,
        redated=redated,
        redated_share=_share(redated, len(members)),
        oldest_open=None
        if oldest is None
        else OpenPromise(oldest.id, oldest.said_on, oldest.statement, oldest.said_precision),
    )


def _share(part: float, whole: int) -> float | None:
    return part / whole if whole else None


def group_members(
    claims: list[ClaimFacts], keys: Callable[[ClaimFacts], Iterable[str]]
) -> dict[str, list[ClaimFacts]]:
    groups: dict[str, list[ClaimFacts]] = {}
    for facts in claims:
        for key in keys(facts):
            groups.setdefault(key, []).append(facts)
    return groups


_KEYS: dict[str, Callable[[ClaimFacts], Iterable[str]]] = {
    "claimant": lambda f: (f.claimant,),
    "tag": lambda f: f.tags,
    "publisher": lambda f: f.publishers,
}


def track_records(
    claims: list[ClaimFacts],
    *,
    groupings: tuple[str, ...] = GROUPINGS,
    partly_as: str = DEFAULT_PARTLY,
    scope: str = "All claims",
) -> list[TrackRecord]:
    """The record of all claims, then of each claimant, tag and publisher (most claims first)."""
    partly_as = check_partly(partly_as)
    for grouping in groupings:
        if grouping not in _KEYS:
            raise InputError(f"cannot group by {grouping!r}; use {', '.join(GROUPINGS)}")
    records = [track_record("all", scope, claims, partly_as)]
    for grouping in groupings:
        groups = group_members(claims, _KEYS[grouping])
        ordered = sorted(groups.items(), key=lambda item: (-len(item[1]), item[0].casefold()))
        records += [track_record(grouping, name, members, partly_as) for name, members in ordered]
    return records


def slip_histogram(slips: Iterable[int]) -> list[tuple[str, int]]:
    """How many slips fall in each bucket: on time, up to a week, a month, a quarter, a year."""
    values = list(slips)
    return [
        (label, sum(1 for s in values if low <= s <= high)) for label, low, high in SLIP_BUCKETS
    ]
