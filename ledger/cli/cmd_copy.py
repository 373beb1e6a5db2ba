"""Moving a whole ledger between databases: SQLite to PostgreSQL and back, without loss."""

from __future__ import annotations

import argparse

from ledger.cli import context
from ledger.cli.command import Command


def _configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--from", dest="source", required=True, metavar="PATH|URL", help="the ledger to copy"
    )
    parser.add_argument(
        "--to", dest="target", required=True, metavar="PATH|URL", help="where to copy it"
    )
    parser.add_argument(
        "--merge",
        action="store_true",
        help="copy into a ledger that already holds claims (claims it has are kept, by uid)",
    )


def run(args: argparse.Namespace) -> int:
    from ledger.api import Ledger
    from ledger.cli.progress import ProgressBar
    from ledger.errors import InputError
    from ledger.location import locate_ledger
    from ledger.query import ClaimQuery

    source, target = locate_ledger(args.source), locate_ledger(args.target)
    if source.url == target.url:
        raise InputError("--from and --to name the same ledger")
    everything = ClaimQuery(include_withdrawn=True)
    today, actor = context.today(), context.actor()
    with Ledger.open(source, actor=actor) as origin:
        total = origin.count(everything, today=today)
        with Ledger.open(target, actor=actor, create=True) as destination:
            held = destination.count(everything, today=today)
            if held and not args.merge:
                raise InputError(
                    f"{target} already holds {held:,} claim{'' if held == 1 else 's'}; "
                    "copy into an empty ledger, "
                    "or add --merge to keep them and add the rest"
                )
            bar = ProgressBar(total)
            summary = destination.import_archive(
                origin.archive(), progress=lambda claims: bar.show(claims, claims)
            )
            bar.close()
    print(
        f"Copied {source} to {target}: {summary.claims_added:,} claims, "
        f"{summary.events_added:,} events and {summary.claimants_added:,} claimants added"
        + (f"; {summary.claims_unchanged:,} claims were there already." if args.merge else ".")
    )
    return 0


COMMANDS = [
    Command(
        "copy",
        "Copy a whole ledger to another database (SQLite or PostgreSQL), history and all.",
        "claims copy --from claims.db --to postgresql://ana@db.example/newsroom\n"
        "claims copy --from postgresql://ana@db.example/newsroom --to backup.db",
        _configure,
        run,
    ),
]
