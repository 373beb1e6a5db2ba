"""The filter options `list`, `due` and the reports share, and the ClaimQuery they make."""

from __future__ import annotations

import argparse

from ledger.dates import parse_iso_date
from ledger.query import SORT_KEYS, STATE_FILTERS, ClaimQuery, check_query


def add_filter_options(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("filters")
    group.add_argument("--by", metavar="CLAIMANT", help="claims by this claimant (any alias)")
    group.add_argument(
        "--tag",
        action="append",
        default=[],
        help="claims with this tag (repeat: claims with every one of them)",
    )
    group.add_argument(
        "--outcome",
        action="append",
        default=[],
        help="kept, partly, broken, retracted, void, unverifiable",
    )
    group.add_argument(
        "--state", action="append", default=[], help=f"due state: {', '.join(STATE_FILTERS)}"
    )
    group.add_argument("--before", metavar="DATE", help="window ends on or before DATE")
    group.add_argument("--after", metavar="DATE", help="window ends on or after DATE")
    group.add_argument("--search", "-s", metavar="TEXT", help="words in the statement or quote")
    group.add_argument("--withdrawn", action="store_true", help="include withdrawn claims")


def add_sort_options(parser: argparse.ArgumentParser, *, default_limit: int | None) -> None:
    parser.add_argument("--sort", default="id", help=f"one of {', '.join(SORT_KEYS)}")
    parser.add_argument("--reverse", action="store_true", help="sort descending")
    parser.add_argument(
        "--limit", type=int, default=default_limit, help="at most this many claims (0: all)"
    )


def query_from_args(args: argparse.Namespace) -> ClaimQuery:
    limit = getattr(args, "limit", None)
    query = ClaimQuery(
        claimant=args.by,
        tags=tuple(args.tag),
        outcomes=tuple(o.lower() for o in args.outcome),
        states=tuple(s.lower() for s in args.state),
        ends_before=None if args.before is None else parse_iso_date(args.before, what="--before"),
        ends_after=None if args.after is None else parse_iso_date(args.after, what="--after"),
        text=args.search,
        include_withdrawn=args.withdrawn,
        sort=getattr(args, "sort", "id"),
        descending=getattr(args, "reverse", False),
        limit=limit or None,
    )
    return check_query(query)
