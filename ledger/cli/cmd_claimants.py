"""Claimants: list them, add an alias, merge two that are the same, set person or organisation."""

from __future__ import annotations

import argparse

from ledger.cli import context
from ledger.cli.command import Command, add_json_option
from ledger.cli.jsonout import dumps
from ledger.cli.terminal import Cell, Column, Painter, render_table, terminal_width
from ledger.records import ClaimantRecord
from ledger.rules import CLAIMANT_KINDS
from ledger.textsafe import escape_controls


def _configure(parser: argparse.ArgumentParser) -> None:
    actions = parser.add_subparsers(dest="action", metavar="ACTION")
    actions.add_parser("list", help="every claimant with aliases and claim counts")
    alias = actions.add_parser("alias", help="add another name for a claimant")
    alias.add_argument("name", help="a name the claimant already has")
    alias.add_argument("alias", help="the other name, e.g. 马斯克")
    merge = actions.add_parser("merge", help="merge the second claimant into the first")
    merge.add_argument("keep", help="the claimant to keep")
    merge.add_argument("absorb", help="the claimant whose claims and names move over")
    merge.add_argument(
        "--yes", action="store_true", help="do not ask first (it asks only on a terminal)"
    )
    kind = actions.add_parser("kind", help="set whether a claimant is a person or an organisation")
    kind.add_argument("name")
    kind.add_argument("kind", type=_kind, choices=CLAIMANT_KINDS)
    for action in (actions.choices["list"], alias, merge, kind):
        # --db may come after the action too: `claims claimants alias A B --db team.db`.
        action.add_argument(
            "--db", default=argparse.SUPPRESS, metavar="PATH|URL", help="the ledger"
        )
    add_json_option(parser)
    actions.choices["list"].add_argument(
        "--json", action="store_true", default=argparse.SUPPRESS, help="print JSON instead of text"
    )


def _kind(text: str) -> str:
    word = text.strip().lower()
    return "organisation" if word in ("organization", "org") else word


def run(args: argparse.Namespace) -> int:
    from ledger.cli.terminal import plural
    from ledger.validate import check_name

    action = args.action or "list"
    for field in ("name", "alias", "keep", "absorb"):
        if getattr(args, field, None) is not None:
            setattr(args, field, check_name(getattr(args, field), what=field))
    with context.open_full(args) as ledger:
        if action == "alias":
            record = ledger.add_alias(args.name, args.alias, now=context.now())
            print(escape_controls(f"{record.name} is now also known as {args.alias}."))
        elif action == "merge":
            if not args.yes and not _confirmed(args.keep, args.absorb):
                print("Nothing was merged.")
                return 1
            moved = ledger.merge_claimants(args.keep, args.absorb, now=context.now())
            moved_text = plural(moved, "claim")
            print(escape_controls(f"Merged {args.absorb} into {args.keep}: {moved_text} moved."))
        elif action == "kind":
            changed = ledger.set_claimant_kind(args.name, args.kind, now=context.now())
            article = "an" if args.kind[0] in "aeiou" else "a"
            already = "now" if changed else "already"
            print(escape_controls(f"{args.name} is {already} recorded as {article} {args.kind}."))
        else:
            _print_claimants(args, ledger.claimants())
    return 0


def _confirmed(keep: str, absorb: str) -> bool:
    """On a terminal, ask before a merge: it cannot be taken back. Elsewhere (scripts), go on."""
    import sys

    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        return True
    question = (
        f"Merge {absorb} into {keep}? Its claims and names move over for good "
        "(undo cannot take a merge back). [y/N] "
    )
    try:
        answer = input(escape_controls(question))
    except EOFError:
        return False
    return answer.strip().lower() in ("y", "yes")


def _print_claimants(args: argparse.Namespace, claimants: list[ClaimantRecord]) -> None:
    if args.json:
        print(dumps(claimants))
        return
    columns = [
        Column("NAME", max_width=30),
        Column("KIND"),
        Column("CLAIMS", align="right"),
        Column("ALSO KNOWN AS", flex=True),
    ]
    rows = [
        [Cell(c.name), Cell(c.kind), Cell(str(c.claims)), Cell(", ".join(c.aliases))]
        for c in claimants
    ]
    print(render_table(columns, rows, width=terminal_width(), paint=Painter()))


COMMANDS = [
    Command(
        "claimants",
        "List claimants; add an alias, merge two, or set person/organisation.",
        "claims claimants\n"
        'claims claimants alias "Elon Musk" 马斯克\n'
        'claims claimants merge "Elon Musk" "E. Musk"',
        _configure,
        run,
    ),
]
