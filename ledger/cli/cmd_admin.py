"""Setting up: create a ledger, build the demo, read a deadline, open the review app."""

from __future__ import annotations

import argparse
from pathlib import Path

from ledger.cli import context
from ledger.cli.command import Command, add_json_option
from ledger.textsafe import escape_controls


def _configure_init(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "path", nargs="?", help="file to create (default: --db, CLAIMS_DB or ./claims.db)"
    )


def run_init(args: argparse.Namespace) -> int:
    from ledger.api import Ledger
    from ledger.errors import InputError
    from ledger.location import is_blank_database, locate_ledger

    if args.path and getattr(args, "db", None):
        raise InputError("give the new ledger's path or --db, not both")
    location = locate_ledger(args.path) if args.path else context.location(args)
    if (
        location.path is not None
        and location.path.exists()
        and not is_blank_database(location.path)
    ):
        raise InputError(f"{location.path} exists already")
    with Ledger.open(location, actor=context.actor(), create=True):
        pass
    print(f"Created an empty ledger at {escape_controls(str(location))}.")
    return 0


def _configure_build_demo(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("path", help="where to write the demo ledger, e.g. claims.db")
    parser.add_argument("--force", action="store_true", help="replace the file if it exists")


def run_build_demo(args: argparse.Namespace) -> int:
    from ledger.demo.build import SOURCE, build_demo

    count = build_demo(Path(args.path).absolute(), force=args.force)
    where = escape_controls(args.path)
    print(f"Built the demo ledger at {where}: {count} claims from {SOURCE.name}.")
    return 0


def _configure_parse_deadline(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("phrase", help="the deadline as said, e.g. 'by the end of next year'")
    parser.add_argument("--said", metavar="DATE", help="when it was said (default today)")
    add_json_option(parser)


def run_parse_deadline(args: argparse.Namespace) -> int:
    from ledger.cli.jsonout import dumps, plain
    from ledger.cli.views import window_line
    from ledger.dates import parse_said_on
    from ledger.validate import read_deadline_text

    today = context.today()
    said_on = parse_said_on(args.said or today.isoformat(), today=today)
    window = read_deadline_text(args.phrase, said_on)
    if args.json:
        print(dumps({"said_on": str(said_on), **plain(window)}))
    else:
        print(escape_controls(window_line(window)))
    return 0


def _configure_review(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--queue", action="store_true", help="start in the review queue")


def run_review(args: argparse.Namespace) -> int:
    from tui.launch import run_app

    return run_app(context.location(args), actor=context.actor(), start_in_queue=args.queue)


COMMANDS = [
    Command(
        "review",
        "Open the review app: browse, review and resolve claims in the terminal.",
        "claims review\nclaims review --db team.db --queue",
        _configure_review,
        run_review,
    ),
    Command(
        "parse-deadline",
        "Show how a deadline phrase reads, without storing anything.",
        'claims parse-deadline "in December" --said 2024-09-04\n'
        'claims parse-deadline "明年上半年" --said 2024-09-05 --json',
        _configure_parse_deadline,
        run_parse_deadline,
    ),
    Command(
        "init",
        "Create an empty ledger.",
        "claims init team.db",
        _configure_init,
        run_init,
    ),
    Command(
        "build-demo",
        "Build the demo ledger from the article facts kept in the repository.",
        "claims build-demo claims.db --force",
        _configure_build_demo,
        run_build_demo,
    ),
]
