"""Reading the ledger: list, show and history."""

from __future__ import annotations

import argparse

from ledger.cli import context
from ledger.cli.command import Command, add_json_option
from ledger.cli.filters import add_filter_options, add_sort_options, query_from_args
from ledger.cli.jsonout import claim_detail_json, claim_row_json, dumps, plain
from ledger.cli.terminal import Painter, terminal_width
from ledger.cli.views import claim_text, claims_table, history_text
from ledger.query import ClaimQuery
from ledger.textsafe import escape_controls


def _configure_list(parser: argparse.ArgumentParser) -> None:
    add_filter_options(parser)
    add_sort_options(parser, default_limit=100)
    add_json_option(parser)


def run_list(args: argparse.Namespace) -> int:
    query = query_from_args(args)
    today = context.today()
    with context.open_hot(args) as ledger:
        rows = ledger.claims(query, today=today)
        unknown = bool(not rows and query.claimant and not ledger.knows_claimant(query.claimant))
        total = len(rows)
        if query.limit is not None and len(rows) == query.limit:
            total = ledger.count(query._replace(limit=None), today=today)
    if args.json:
        print(dumps([claim_row_json(row, today) for row in rows]))
        return 0
    if not rows:
        print(no_claims_text(query, unknown_claimant=unknown))
        return 0
    print(claims_table(rows, today, width=terminal_width(), paint=Painter()))
    if total > len(rows):
        print(f"({len(rows)} of {total:,} claims; --limit 0 shows all)")
    return 0


def no_claims_text(query: ClaimQuery, *, unknown_claimant: bool) -> str:
    if unknown_claimant:
        name = escape_controls(query.claimant or "")
        return f"No claims match: no claimant goes by {name!r} (claims claimants lists them)."
    if query == ClaimQuery(limit=query.limit):
        return "This ledger has no claims yet; claims add records one."
    return "No claims match."


def _configure_show(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("claim", metavar="ID", help="claim id (or uid)")
    parser.add_argument("--no-history", action="store_true", help="leave out the history")
    add_json_option(parser)


def run_show(args: argparse.Namespace) -> int:
    today = context.today()
    with context.open_hot(args) as ledger:
        detail = ledger.claim(args.claim)
        history = None if args.no_history else ledger.history(args.claim)
    if args.json:
        print(dumps(claim_detail_json(detail, today, history)))
        return 0
    paint = Painter()
    print(claim_text(detail, today, paint=paint))
    if history:
        print(paint("History:", "bold"))
        print(history_text(history))
    return 0


def _configure_history(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "claim", metavar="ID", nargs="?", help="claim id (or uid); none: the whole ledger's"
    )
    parser.add_argument(
        "--limit",
        type=int,
        default=20,
        metavar="N",
        help="without ID: the latest N changes (default 20)",
    )
    parser.add_argument("--actor", metavar="NAME", help="without ID: only the changes NAME made")
    add_json_option(parser)


def run_history(args: argparse.Namespace) -> int:
    from ledger.errors import InputError
    from ledger.validate import clean_text

    if args.claim is not None and (args.actor is not None or args.limit != 20):
        raise InputError("--limit and --actor go with the whole ledger's history, not one claim's")
    if not 1 <= args.limit <= 100_000:
        raise InputError("--limit must be a number from 1 to 100,000")
    actor = clean_text(args.actor, what="--actor", max_len=200)
    with context.open_full(args) as ledger:
        if args.claim is None:
            events = ledger.ledger_history(limit=args.limit, actor=actor)
        else:
            events = ledger.history(args.claim)
    if args.json:
        print(dumps(plain(events)))
    elif not events:
        print("No changes yet." if actor is None else f"No changes by {escape_controls(actor)}.")
    else:
        print(history_text(events, with_claim=args.claim is None))
    return 0


COMMANDS = [
    Command(
        "list",
        "List claims, filtered and sorted.",
        "claims list --by Musk --outcome broken\n"
        "claims list --state overdue --sort deadline\n"
        "claims list --tag xAI --json",
        _configure_list,
        run_list,
        aliases=("ls",),
    ),
    Command(
        "show",
        "Show one claim in full: sources, deadlines, forecasts, outcome and history.",
        "claims show 1\nclaims show 1 --json",
        _configure_show,
        run_show,
    ),
    Command(
        "history",
        "Show every recorded change to a claim, or the ledger's latest changes: who, when, what.",
        "claims history 1\nclaims history --limit 50\nclaims history --actor ana",
        _configure_history,
        run_history,
    ),
]
