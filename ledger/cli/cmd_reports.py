"""Reports: what has come due, track records by claimant, tag and publisher, and calibration."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from ledger.cli import context
from ledger.cli.command import Command
from ledger.cli.filters import add_filter_options, query_from_args

if TYPE_CHECKING:
    from ledger.reports.due import DueReport

EXIT_OVERDUE = 3


def days_count(text: str) -> int:
    """An argparse type: a whole number of days, 0 or more."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number of days") from None
    if not 0 <= value <= 36_500:
        raise argparse.ArgumentTypeError(f"{text} is not a number of days from 0 to 36500")
    return value


def add_format_options(parser: argparse.ArgumentParser, *extra: tuple[str, str]) -> None:
    group = parser.add_argument_group("output (one of)").add_mutually_exclusive_group()
    group.add_argument("--json", action="store_true", help="JSON")
    group.add_argument("--csv", action="store_true", help="CSV (formula-like cells neutralised)")
    group.add_argument("--markdown", action="store_true", help="a Markdown table")
    for flag, help_text in extra:
        group.add_argument(flag, action="store_true", help=help_text)


def _configure_due(parser: argparse.ArgumentParser) -> None:
    add_filter_options(parser)
    parser.add_argument(
        "--within",
        type=days_count,
        default=30,
        metavar="DAYS",
        help="also list claims whose window opens within DAYS (default 30)",
    )
    parser.add_argument(
        "--as-of", metavar="DATE", help="the report as it read on DATE (YYYY-MM-DD)"
    )
    parser.add_argument(
        "--fail-if-overdue",
        action="store_true",
        help=f"exit with status {EXIT_OVERDUE} when any claim is overdue (for cron and CI)",
    )
    add_format_options(parser, ("--ics", "an iCalendar file: one all-day event per deadline"))


def run_due(args: argparse.Namespace) -> int:
    from ledger.dates import parse_iso_date

    query = query_from_args(args)
    as_of = None if args.as_of is None else parse_iso_date(args.as_of, what="--as-of")
    with context.open_hot(args) as ledger:
        report = ledger.due_report(query, today=context.today(), within=args.within, as_of=as_of)
    print(_due_output(args, report), end="")
    return EXIT_OVERDUE if args.fail_if_overdue and report.overdue else 0


def _due_output(args: argparse.Namespace, report: DueReport) -> str:
    if args.ics:
        from ledger.reports.calendar import due_calendar

        return due_calendar(report)
    if args.json:
        from ledger.cli.jsonout import due_json, dumps

        return dumps(due_json(report)) + "\n"
    if args.csv or args.markdown:
        from ledger.reports import formats

        if args.markdown:
            return formats.due_markdown(report) + "\n"
        return formats.csv_text(*formats.due_table(report))
    from ledger.cli.report_views import due_text
    from ledger.cli.terminal import Painter, terminal_width

    return due_text(report, width=terminal_width(), paint=Painter()) + "\n"


DUE_DETAILS = """\
Overdue claims (longest overdue first), claims inside their window (closing soonest first), and
claims whose window opens within --within days. A claim's state comes from its current window
(the latest deadline it was given); days overdue count from that window's end. With --as-of the
report reads as it did on that day: claims said after it are left out, the deadline in force is
the latest said on or before it, and an outcome recorded after it counts as not yet recorded.
Exit status 3 with --fail-if-overdue when anything is overdue."""

COMMANDS = [
    Command(
        "due",
        "Show what has come due: overdue claims, claims inside their window, windows opening soon.",
        "claims due\n"
        "claims due --as-of 2025-01-05 --by Musk\n"
        "claims due --within 90 --ics > deadlines.ics\n"
        "claims due --fail-if-overdue --csv",
        _configure_due,
        run_due,
        details=DUE_DETAILS,
    ),
]
