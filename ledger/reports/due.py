"""The due report: overdue claims, claims inside their window, and windows opening soon.

A claim is in the report on day D (today, or the `as_of` day) when it is unresolved on D and
its window (the latest deadline said by D) has closed (overdue), holds D (due), or opens within
`within` days of D (upcoming). Days overdue count from the end of that window, not the first one.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import NamedTuple

from ledger.dates import SaidOn
from ledger.errors import InputError
from ledger.query import ClaimQuery, check_query
from ledger.rules import DEFAULT_WITHIN
from ledger.sql import SqlRunner

DUE_BUCKETS: tuple[str, ...] = ("overdue", "due", "upcoming")
MAX_WITHIN = 36_500


class DueClaim(NamedTuple):
    """An unresolved claim with the window in force on the report's day."""

    id: int
    uid: str
    statement: str
    claimant: str
    said_on: SaidOn
    deadline_phrase: str
    window_start: date | None
    window_end: date
    precision: str
    deadline_seq: int
    source: str | None = None


class DueItem(NamedTuple):
    """A claim in one bucket, with the days that matter for it on the report's day."""

    claim: DueClaim
    state: str
    days: int

    @property
    def days_overdue(self) -> int | None:
        return self.days if self.state == "overdue" else None

    @property
    def days_left(self) -> int | None:
        """Days until the window closes: 0 when it closes on the report's day."""
        return self.days if self.state == "due" else None

    @property
    def days_to_open(self) -> int | None:
        return self.days if self.state == "upcoming" else None


class DueReport(NamedTuple):
    day: date
    within: int
    as_of: date | None
    overdue: tuple[DueItem, ...]
    due: tuple[DueItem, ...]
    upcoming: tuple[DueItem, ...]
    # How many claims each bucket holds, when the buckets list only the first few of them.
    totals: tuple[int, int, int] | None = None

    @property
    def items(self) -> tuple[DueItem, ...]:
        return self.overdue + self.due + self.upcoming

    def bucket_size(self, bucket: str) -> int:
        """How many claims the bucket holds, listed or not."""
        index = DUE_BUCKETS.index(bucket)
        if self.totals is not None:
            return self.totals[index]
        return len((self.overdue, self.due, self.upcoming)[index])

    @property
    def total(self) -> int:
        return sum(self.bucket_size(bucket) for bucket in DUE_BUCKETS)

    @property
    def horizon(self) -> date:
        return self.day + timedelta(days=self.within)


def check_within(within: int) -> int:
    if not 0 <= within <= MAX_WITHIN:
        raise InputError(f"--within must be a number of days from 0 to {MAX_WITHIN}, not {within}")
    return within


def report_horizon(day: date, within: int) -> date:
    """The last day a report on `day` looks ahead to; refused when it, or the day after it
    (where the report stops reading), is past the last day the calendar holds."""
    within = check_within(within)
    if (date.max - day).days <= within:
        raise InputError(
            f"a due report on {day.isoformat()} cannot look {within} days ahead: "
            f"the calendar ends on {date.max.isoformat()}"
        )
    return day + timedelta(days=within)


def classify(claim: DueClaim, day: date, horizon: date) -> DueItem | None:
    """The bucket a claim falls in on `day`, or None when its window opens after `horizon`."""
    if claim.window_end < day:
        return DueItem(claim, "overdue", (day - claim.window_end).days)
    if claim.window_start is None or claim.window_start <= day:
        return DueItem(claim, "due", (claim.window_end - day).days)
    if claim.window_start <= horizon:
        return DueItem(claim, "upcoming", (claim.window_start - day).days)
    return None


def build_due_report(
    claims: list[DueClaim],
    *,
    day: date,
    within: int,
    as_of: date | None = None,
    states: tuple[str, ...] = (),
    totals: tuple[int, int, int] | None = None,
) -> DueReport:
    """Sort claims into buckets: longest overdue first, closing soonest, opening soonest."""
    horizon = report_horizon(day, within)
    wanted = wanted_buckets(states)
    buckets: dict[str, list[DueItem]] = {name: [] for name in DUE_BUCKETS}
    for claim in claims:
        item = classify(claim, day, horizon)
        if item is not None and item.state in wanted:
            buckets[item.state].append(item)

    def by_end(item: DueItem) -> tuple[date, int]:
        return item.claim.window_end, item.claim.id

    def by_opening(item: DueItem) -> tuple[int, date, int]:
        return item.days, item.claim.window_end, item.claim.id

    return DueReport(
        day=day,
        within=within,
        as_of=as_of,
        overdue=tuple(sorted(buckets["overdue"], key=by_end)),
        due=tuple(sorted(buckets["due"], key=by_end)),
        upcoming=tuple(sorted(buckets["upcoming"], key=by_opening)),
        totals=totals,
    )


def wanted_buckets(states: tuple[str, ...]) -> set[str]:
    """The buckets `--state` picks (all of them when it picks none, or `open`)."""
    unknown = set(states) - {*DUE_BUCKETS, "open"}
    if unknown:
        raise InputError(
            f"the due report holds only {', '.join(DUE_BUCKETS)} claims; "
            f"--state {sorted(unknown)[0]} does not fit it (claims list --state does)"
        )
    return set(DUE_BUCKETS) if not states or "open" in states else set(states)


def due_report(
    runner: SqlRunner,
    query: ClaimQuery,
    *,
    today: date,
    within: int = DEFAULT_WITHIN,
    as_of: date | None = None,
    per_bucket: int | None = None,
) -> DueReport:
    """The report on `today`, or as it read on `as_of` (deadlines said and outcomes recorded
    by then). The query's filters apply; its states pick buckets; sort and limit are ignored.

    With `per_bucket`, each bucket lists only its first claims (the report still counts them
    all): on a big ledger that reads a few rows off the index instead of every open claim."""
    from ledger.sql.due import due_claims, due_claims_as_of, first_due_claims

    query = check_query(query)
    day = as_of or today
    horizon = report_horizon(day, within)
    plain = query._replace(states=(), sort="id", descending=False, limit=None, offset=0)
    totals = None
    if as_of is None and per_bucket:
        wanted = wanted_buckets(query.states)
        claims, totals = first_due_claims(
            runner, plain, day=day, horizon=horizon, buckets=wanted, per_bucket=per_bucket
        )
    elif as_of is None:
        claims = due_claims(runner, plain, day=day, horizon=horizon)
    else:
        claims = due_claims_as_of(runner, plain, day=day, horizon=horizon)
    return build_due_report(
        claims, day=day, within=within, as_of=as_of, states=query.states, totals=totals
    )
