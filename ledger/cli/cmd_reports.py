"""Reports: what has come due, track records by claimant, tag and publisher, and calibration."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from ledger.cli import context
from ledger.cli.command import Command
from ledger.cli.filters import add_filter_options, query_from_args
from ledger.rules import DUE_TABLE_LIMIT

if TYPE_CHECKING:
    from ledger.reports.calibration import CalibrationReport
    from ledger.reports.due import DueReport
    from ledger.reports.track import TrackRecord

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


def row_count(text: str) -> int:
    """An argparse type: how many rows, 0 or more."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value < 0:
        raise argparse.ArgumentTypeError(f"{text} is below 0 (0 lists them all)")
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
    parser.add_argument(
        "--limit",
        dest="table_limit",
        type=row_count,
        default=DUE_TABLE_LIMIT,
        metavar="N",
        help=f"the table lists at most N claims of each kind (default {DUE_TABLE_LIMIT}; "
        "0: all); the other formats hold them all",
    )
    add_format_options(parser, ("--ics", "an iCalendar file: one all-day event per deadline"))


def emit(args: argparse.Namespace, text: str) -> None:
    """Print a report. CSV, Markdown and iCalendar keep user text as it is, for files and pipes;
    on a terminal its control characters are shown escaped instead of acting on the terminal."""
    import sys

    if sys.stdout.isatty() and (args.csv or args.markdown or getattr(args, "ics", False)):
        from ledger.textsafe import escape_controls

        text = escape_controls(text.replace("\r\n", "\n"), keep_newlines=True)
    print(text, end="")


def run_due(args: argparse.Namespace) -> int:
    from ledger.dates import parse_iso_date

    query = query_from_args(args)
    if query.outcomes:
        from ledger.errors import InputError

        raise InputError(
            "the due report holds only open claims; --outcome does not fit it "
            "(claims list --outcome does)"
        )
    as_of = None if args.as_of is None else parse_iso_date(args.as_of, what="--as-of")
    table = not (args.ics or args.json or args.csv or args.markdown)
    per_bucket = args.table_limit if table else 0
    with context.open_hot(args) as ledger:
        report = ledger.due_report(
            query,
            today=context.today(),
            within=args.within,
            as_of=as_of,
            per_bucket=per_bucket or None,
        )
    emit(args, _due_output(args, report))
    return EXIT_OVERDUE if args.fail_if_overdue and report.bucket_size("overdue") else 0


def _due_output(args: argparse.Namespace, report: DueReport) -> str:
    if args.ics:
        from ledger.reports.calendar import due_calendar

        return due_calendar(report)
    if args.json:
        from ledger.cli.jsonout import dumps
        from ledger.cli.report_json import due_json

        return dumps(due_json(report)) + "\n"
    if args.csv or args.markdown:
        from ledger.reports import formats

        if args.markdown:
            return formats.due_markdown(report) + "\n"
        return formats.csv_text(*formats.due_table(report))
    from ledger.cli.report_views import due_text
    from ledger.cli.terminal import Painter, terminal_width

    limit = args.table_limit
    return due_text(report, width=terminal_width(), paint=Painter(), limit=limit) + "\n"


PARTLY_CHOICES = ("not-kept", "kept", "half", "excluded")
GROUPINGS = ("claimant", "tag", "publisher")


def add_partly_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--partly-as",
        choices=PARTLY_CHOICES,
        default="not-kept",
        help="how a partly kept claim counts (default: not-kept)",
    )


def _chart_width() -> int:
    from ledger.cli.terminal import terminal_width

    return min(terminal_width(), 100)


def _configure_report(parser: argparse.ArgumentParser) -> None:
    add_filter_options(parser)
    parser.add_argument(
        "--group",
        action="append",
        choices=GROUPINGS,
        help="only this grouping (repeat; default: claimant, tag and publisher)",
    )
    add_partly_option(parser)
    add_format_options(parser, ("--chart", "the table, then a histogram of slips"))


def run_report(args: argparse.Namespace) -> int:
    groupings = tuple(dict.fromkeys(args.group)) if args.group else GROUPINGS
    query = query_from_args(args)
    with context.open_full(args) as ledger:
        records = ledger.track_records(
            query, today=context.today(), partly_as=args.partly_as, groupings=groupings
        )
        unknown = bool(
            query.claimant
            and not any(record.claims for record in records)
            and not ledger.knows_claimant(query.claimant)
        )
    if unknown and not (args.json or args.csv or args.markdown):
        from ledger.cli.cmd_browse import no_claims_text

        print(no_claims_text(query, unknown_claimant=True))
        return 0
    emit(args, _track_output(args, records))
    return 0


def _track_output(args: argparse.Namespace, records: list[TrackRecord]) -> str:
    from ledger.reports import formats, report_tables

    if args.json:
        from ledger.cli.jsonout import dumps

        return dumps({"partly_as": args.partly_as, "records": records}) + "\n"
    if args.markdown:
        return report_tables.track_markdown(records) + "\n"
    if args.csv:
        return formats.csv_text(*report_tables.track_table(records))
    from ledger.cli.report_views import track_text
    from ledger.cli.terminal import Painter, terminal_width

    paint = Painter()
    text = track_text(records, width=terminal_width(), paint=paint)
    if args.chart:
        from ledger.reports.charts import slip_chart
        from ledger.reports.track import slip_histogram

        histogram = slip_histogram(records[0].slips)
        text += "\n\n" + slip_chart(histogram, width=_chart_width(), colour=paint.enabled)
    return text + "\n"


def _configure_calibration(parser: argparse.ArgumentParser) -> None:
    add_filter_options(parser)
    add_partly_option(parser)
    add_format_options(parser, ("--chart", "the table, then a reliability diagram"))


def run_calibration(args: argparse.Namespace) -> int:
    with context.open_full(args) as ledger:
        report = ledger.calibration(
            query_from_args(args), today=context.today(), partly_as=args.partly_as
        )
    emit(args, _calibration_output(args, report))
    return 0


def _calibration_output(args: argparse.Namespace, report: CalibrationReport) -> str:
    from ledger.reports import formats, report_tables

    if args.json:
        from ledger.cli.jsonout import dumps

        return dumps(report) + "\n"
    if args.markdown:
        return report_tables.calibration_markdown(report) + "\n"
    if args.csv:
        return formats.csv_text(*report_tables.calibration_table(report))
    from ledger.cli.report_views import calibration_text
    from ledger.cli.terminal import Painter, terminal_width

    paint = Painter()
    text = calibration_text(report, width=terminal_width(), paint=paint)
    if args.chart:
        from ledger.reports.charts import reliability_chart

        bins = report.overall.bins
        text += "\n\n" + reliability_chart(bins, width=_chart_width(), colour=paint.enabled)
    return text + "\n"


DUE_DETAILS = """\
Overdue claims (longest overdue first), claims inside their window (closing soonest first), and
claims whose window opens within --within days. A claim's state comes from its current window
(the latest deadline it was given); days overdue count from that window's end. With --as-of the
report reads as it did on that day: claims said after it are left out, the deadline in force is
the latest said on or before it, and a claim is resolved if it stood resolved at the end of that
day: an outcome recorded after it does not count yet, one reopened or undone later still does.
Exit status 3 with --fail-if-overdue when anything is overdue."""

REPORT_DETAILS = """\
For all matching claims, then each claimant (aliases merged), tag and source publisher: claims
per outcome; kept on time (came true by the end of the FIRST deadline); kept at all (came true,
however late); median and mean slip in days after the first deadline; the time multiplier (time
taken / time promised, both from the day it was said, for claims that came true); how many were
re-dated; the oldest promise still open. Rates count kept, broken and partly kept claims (partly
as --partly-as says); retracted, void and unverifiable claims are counted but not rated."""

CALIBRATION_DETAILS = """\
Scores your forecasts on resolved claims. The forecast that counts is the last one made before
the outcome could be known: on or before the last day of the claim's window (its current
deadline), and before the day it happened and the day its outcome was recorded. Later ones are
hindsight and ignored. Kept counts as 1, broken as 0, partly kept as 0
unless --partly-as says kept (1), half (0.5) or excluded. Left out, and counted: claims with no
forecast, unresolved, void, retracted, unverifiable, partly (when excluded), and claims whose
forecasts all came too late. Brier score: mean of (p - outcome)^2. Log score: mean
of outcome*ln(p) + (1 - outcome)*ln(1 - p), a probability of 0 given to what happened counting as
0.001. Bins: 0-10%, 10-20%, ..., 90-100% (a bin holds its lower edge; 100% is in the last)."""

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
    Command(
        "report",
        "Show track records by claimant, tag and publisher: outcomes, rates kept, slip, re-dating.",
        "claims report\n"
        "claims report --by Musk --chart\n"
        "claims report --group tag --partly-as half --markdown",
        _configure_report,
        run_report,
        details=REPORT_DETAILS,
    ),
    Command(
        "calibration",
        "Score your forecasts: Brier score, log score and a 10-bin calibration table.",
        "claims calibration\n"
        "claims calibration --tag xAI --chart\n"
        "claims calibration --partly-as half --csv",
        _configure_calibration,
        run_calibration,
        details=CALIBRATION_DETAILS,
    ),
]
