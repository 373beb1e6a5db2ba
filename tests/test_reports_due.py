"""The due report: buckets and days counted by hand, as-of semantics, and every output format."""

from __future__ import annotations

import csv
import io
import json
import shutil
from datetime import date
from pathlib import Path

import pytest
from icalendar import Calendar

from ledger.dates import SaidOn
from ledger.errors import InputError
from ledger.reports.due import DueClaim, build_due_report, classify
from tests.conftest import DEMO_DB, Backend, Cli

DAY = date(2026, 11, 29)
HORIZON = date(2026, 12, 29)  # DAY + 30 days


def claim(claim_id: int, start: date | None, end: date) -> DueClaim:
    return DueClaim(
        id=claim_id,
        uid=f"uid-{claim_id}",
        statement=f"claim {claim_id}",
        claimant="Someone",
        said_on=SaidOn.of(date(2026, 1, 1)),
        deadline_phrase="",
        window_start=start,
        window_end=end,
        precision="day",
        deadline_seq=0,
    )


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        (date(2026, 11, 1), date(2026, 11, 19), ("overdue", 10)),  # 11-29 − 11-19
        (date(2026, 11, 1), date(2026, 11, 28), ("overdue", 1)),  # closed yesterday
        (date(2026, 11, 29), date(2026, 11, 29), ("due", 0)),  # closes today
        (date(2026, 11, 1), date(2026, 11, 30), ("due", 1)),  # 11-30 − 11-29
        (None, date(2027, 3, 1), ("due", 92)),  # no start: open since said; 1 + 31 + 31 + 28 + 1
        (date(2026, 11, 30), date(2026, 12, 31), ("upcoming", 1)),  # opens tomorrow
        (date(2026, 12, 29), date(2027, 1, 5), ("upcoming", 30)),  # opens on the horizon
        (date(2026, 12, 30), date(2027, 1, 5), None),  # a day past the horizon
    ],
)
def test_classify_counts_days_by_hand(
    start: date | None, end: date, expected: tuple[str, int] | None
) -> None:
    item = classify(claim(1, start, end), DAY, HORIZON)
    assert (None if item is None else (item.state, item.days)) == expected


def test_buckets_are_ordered_longest_overdue_closing_soonest_opening_soonest() -> None:
    claims = [
        claim(1, date(2026, 11, 1), date(2026, 11, 20)),  # overdue 9
        claim(2, date(2026, 10, 1), date(2026, 10, 31)),  # overdue 29
        claim(3, date(2026, 11, 1), date(2026, 12, 15)),  # due, 16 left
        claim(4, date(2026, 11, 1), date(2026, 12, 1)),  # due, 2 left
        claim(5, date(2026, 12, 20), date(2026, 12, 31)),  # opens in 21
        claim(6, date(2026, 12, 3), date(2027, 6, 30)),  # opens in 4
    ]
    report = build_due_report(claims, day=DAY, within=30)
    assert [(i.claim.id, i.days) for i in report.overdue] == [(2, 29), (1, 9)]
    assert [(i.claim.id, i.days) for i in report.due] == [(4, 2), (3, 16)]
    assert [(i.claim.id, i.days) for i in report.upcoming] == [(6, 4), (5, 21)]
    assert [i.days_overdue for i in report.items] == [29, 9, None, None, None, None]
    only = build_due_report(claims, day=DAY, within=30, states=("overdue",))
    assert (len(only.overdue), len(only.due), len(only.upcoming)) == (2, 0, 0)
    none_ahead = build_due_report(claims, day=DAY, within=0)
    assert none_ahead.upcoming == ()


def test_within_must_be_a_count_of_days() -> None:
    with pytest.raises(InputError):
        build_due_report([], day=DAY, within=-3)


# The CLI scenario (clock pinned to 2026-11-29). Claim ids in the order added:
#   1 A  said 2026-01-10, window 2026-11-19 (a day)        -> overdue 10 days
#   2 B  said 2026-01-10, in November: 11-01..11-30        -> due, 1 day left
#   3 C  said 2026-01-10, window 2026-11-29                -> due, closes today
#   4 D  said 2026-11-01, in December: 12-01..12-31        -> opens in 2 days
#   5 E  said 2026-11-01, in January: 2027-01-01..01-31    -> opens in 33 days (outside 30)
#   6 F  said 2026-01-10, no deadline                      -> never in the report
#   7 G  said 2026-01-10, window 2026-11-20, kept 11-15    -> resolved (recorded 11-29)
#   8 H  said 2026-01-10, window 2026-06-30, re-dated on 2026-07-01 to December -> opens in 2
#   9 W  said 2026-01-10, window 2026-11-01, withdrawn     -> never in the report
SCENARIO = [
    ("A", "2026-01-10", "2026-11-19"),
    ("B", "2026-01-10", "in November"),
    ("C", "2026-01-10", "2026-11-29"),
    ("D", "2026-11-01", "in December"),
    ("E", "2026-11-01", "in January"),
    ("F", "2026-01-10", ""),
    ("G", "2026-01-10", "2026-11-20"),
    ("H", "2026-01-10", "2026-06-30"),
    ("W", "2026-01-10", "2026-11-01"),
]


def build_scenario(cli: Cli) -> Cli:
    for name, said, deadline in SCENARIO:
        extra = ("--deadline", deadline) if deadline else ()
        cli.ok(
            "add", f"Claim {name}", "--by", f"Person {name}", "--said", said,
            "--source", f"https://{name.lower()}.example/", *extra,
        )  # fmt: skip
    cli.ok("resolve", "7", "kept", "--on", "2026-11-15")
    cli.ok("revise", "8", "--deadline", "in December", "--said", "2026-07-01")
    cli.ok("withdraw", "9")
    return cli


@pytest.fixture
def scenario(cli: Cli, backend: Backend) -> Cli:
    """The scenario above, on SQLite and on PostgreSQL."""
    return build_scenario(cli)


def due_json(cli: Cli, *args: str) -> dict[str, list[tuple[int, int]]]:
    data = json.loads(cli.ok("due", "--json", *args).out)
    days = {"overdue": "days_overdue", "due": "days_left", "upcoming": "days_to_open"}
    return {bucket: [(i["id"], i[key]) for i in data[bucket]] for bucket, key in days.items()}


def test_due_today(scenario: Cli) -> None:
    assert due_json(scenario) == {
        "overdue": [(1, 10)],
        "due": [(3, 0), (2, 1)],
        "upcoming": [(4, 2), (8, 2)],
    }
    assert due_json(scenario, "--within", "33")["upcoming"] == [(4, 2), (8, 2), (5, 33)]
    assert due_json(scenario, "--within", "32")["upcoming"] == [(4, 2), (8, 2)]
    assert due_json(scenario, "--state", "due")["overdue"] == []
    assert due_json(scenario, "--by", "Person B")["due"] == [(2, 1)]
    assert due_json(scenario, "--search", "claim c")["due"] == [(3, 0)]


def test_due_as_of_reads_the_deadline_in_force_and_later_outcomes_as_open(scenario: Cli) -> None:
    # 2026-11-25: G's outcome was recorded on 11-29, so it was still open (11-25 − 11-20 = 5).
    assert due_json(scenario, "--as-of", "2026-11-25") == {
        "overdue": [(1, 6), (7, 5)],
        "due": [(2, 5)],
        "upcoming": [(3, 4), (4, 6), (8, 6)],
    }
    assert due_json(scenario, "--as-of", "2026-11-25", "--before", "2026-11-19")["overdue"] == [
        (1, 6)
    ]
    assert due_json(scenario, "--as-of", "2026-11-25", "--after", "2026-12-01")["due"] == []
    # 2026-06-30: D and E were not said yet; H's first deadline (06-30) is in force, closing today.
    assert due_json(scenario, "--as-of", "2026-06-30") == {
        "overdue": [],
        "due": [(8, 0)],
        "upcoming": [],
    }
    # 2026-07-03: the re-dating of 07-01 is in force, so H is not 3 days overdue.
    assert due_json(scenario, "--as-of", "2026-07-03") == {
        "overdue": [],
        "due": [],
        "upcoming": [],
    }


def test_due_as_of_reads_an_outcome_later_reopened_or_undone_as_it_stood(
    cli: Cli, backend: Backend, monkeypatch: pytest.MonkeyPatch
) -> None:
    def on(moment: str, *argv: str) -> None:
        monkeypatch.setenv("CLAIMS_NOW", moment)
        cli.ok(*argv)

    for name, deadline in (("A", "2026-11-19"), ("B", "in November"), ("C", "2026-11-29")):
        on(
            "2026-11-01T08:00:00Z", "add", f"Claim {name}", "--by", f"Person {name}",
            "--said", "2026-01-10", "--source", f"https://{name.lower()}.example/",
            "--deadline", deadline,
        )  # fmt: skip
    on("2026-11-10T09:00:00Z", "resolve", "2", "void")  # B, window 11-01..11-30
    on("2026-11-20T09:00:00Z", "resolve", "1", "broken")  # A, window closed 11-19
    on("2026-11-26T09:00:00Z", "resolve", "3", "void")  # C, window 11-29
    on("2026-11-27T09:00:00Z", "reopen", "1")
    on("2026-11-27T10:00:00Z", "reopen", "2")
    on("2026-11-28T09:00:00Z", "resolve", "2", "kept", "--on", "2026-11-28")
    on("2026-11-28T10:00:00Z", "undo", "3")
    monkeypatch.setenv("CLAIMS_NOW", "2026-11-29T12:00:00Z")

    def listed(*argv: str) -> list[int]:
        return sorted(
            claim_id for bucket in due_json(cli, *argv).values() for claim_id, _ in bucket
        )

    # 11-25: A and B stood resolved (reopened later; B resolved again later), C not yet.
    assert listed("--as-of", "2026-11-25") == [3]
    assert listed("--as-of", "2026-11-26") == []  # C resolved that day
    assert listed("--as-of", "2026-11-27") == [1, 2]  # A and B reopened that day
    assert listed("--as-of", "2026-11-28") == [1, 3]  # B resolved again, C's resolution undone
    assert listed() == [1, 3]


def test_due_fail_if_overdue_exits_3_for_cron(scenario: Cli) -> None:
    assert scenario("due", "--fail-if-overdue").code == 3
    assert scenario("due", "--fail-if-overdue", "--state", "due").code == 0
    assert scenario("due").code == 0


def test_due_table_fits_80_columns_with_symbols(
    scenario: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    out = scenario.ok("due").out
    lines = out.splitlines()
    assert lines[0] == (
        "Today, 2026-11-29: 1 overdue, 2 inside their window, 2 opening within 30 days."
    )
    assert all(len(line) <= 80 for line in lines)
    assert "! overdue 10d  2026-11-19" in out
    assert "● due today" in out
    assert "○ opens in 2d" in out


def test_due_full_store_and_lean_path_print_the_same(
    cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    scenario = build_scenario(cli)  # a SQLite file: the lean path serves only those
    for args in ((), ("--as-of", "2026-11-25", "--csv")):
        lean = scenario.ok("due", *args).out
        monkeypatch.setenv("CLAIMS_FULL_STORE", "1")
        assert scenario.ok("due", *args).out == lean
        monkeypatch.delenv("CLAIMS_FULL_STORE")


def test_due_ics_parses_with_one_event_per_deadline(scenario: Cli) -> None:
    text = scenario.ok("due", "--ics").out
    calendar = Calendar.from_ical(text)
    events = calendar.walk("VEVENT")
    assert len(events) == 5
    uids = [str(e["UID"]) for e in events]
    assert len(set(uids)) == 5
    assert uids == [
        str(e["UID"]) for e in Calendar.from_ical(scenario.ok("due", "--ics").out).walk("VEVENT")
    ]
    first = events[0]
    assert first.decoded("DTSTART") == date(2026, 11, 19)
    assert first.decoded("DTEND") == date(2026, 11, 20)
    assert "Claim A" in str(first["SUMMARY"])
    assert "https://a.example/" in str(first["DESCRIPTION"])
    redated = next(e for e in events if "Claim H" in str(e["SUMMARY"]))
    assert str(redated["UID"]).endswith("-deadline-1@claims.ledger")


def test_due_csv_neutralises_formula_cells(cli: Cli, backend: Backend) -> None:
    for statement in ('=HYPERLINK("x")', "+1", "-2", "@SUM(A1)"):
        cli.ok(
            "add", statement, "--by", "=cmd", "--said", "2026-01-10", "--deadline", "2026-11-20",
            "--source", "https://a.example/",
        )  # fmt: skip
    rows = list(csv.DictReader(io.StringIO(cli.ok("due", "--csv").out)))
    assert [r["statement"] for r in rows] == ['\'=HYPERLINK("x")', "'+1", "'-2", "'@SUM(A1)"]
    assert {r["claimant"] for r in rows} == {"'=cmd"}
    assert {r["days_overdue"] for r in rows} == {"9"}


def test_due_markdown_escapes_user_text(cli: Cli, backend: Backend) -> None:
    cli.ok(
        "add", "Pipes | and <b>tags</b>", "--by", "X", "--said", "2026-01-10",
        "--deadline", "2026-11-20", "--source", "https://a.example/",
    )  # fmt: skip
    out = cli.ok("due", "--markdown").out
    assert "#1 Pipes \\| and \\<b\\>tags\\</b\\>" in out
    assert "| overdue | 9 days overdue | 2026-11-20 | X |" in out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--within", "-3"), "--within"),
        (("--within", "soon"), "--within"),
        (("--as-of", "2025-13-01"), "--as-of"),
        (("--as-of", "yesterday"), "--as-of"),
        (("--json", "--csv"), "not allowed with"),
        (("--ics", "--markdown"), "not allowed with"),
        (("--state", "late"), "unknown state"),
    ],
)
def test_due_refuses_bad_input_in_one_line(cli: Cli, args: tuple[str, ...], message: str) -> None:
    result = cli("due", *args)
    assert result.code == 2
    assert message in result.err
    assert len(result.err.strip().splitlines()) == 1


@pytest.fixture
def demo(tmp_path: Path) -> Path:
    copy = tmp_path / "claims.db"
    shutil.copy(DEMO_DB, copy)
    return copy


def test_demo_grok3_inside_its_window_then_overdue(cli: Cli, demo: Path) -> None:
    before = json.loads(cli.ok("due", "--as-of", "2024-12-15", "--json", "--db", str(demo)).out)
    grok = next(i for i in before["due"] if "Grok-3" in i["statement"])
    assert (grok["window_end"], grok["days_left"]) == ("2024-12-31", 16)
    after = json.loads(cli.ok("due", "--as-of", "2025-01-05", "--json", "--db", str(demo)).out)
    grok = next(i for i in after["overdue"] if "Grok-3" in i["statement"])
    assert grok["days_overdue"] == 5  # 2025-01-05 − 2024-12-31
    table = cli.ok("due", "--as-of", "2025-01-05", "--db", str(demo)).out
    assert "! overdue 5d  2024-12-31  Elon Musk  xAI will release Grok-3" in table
