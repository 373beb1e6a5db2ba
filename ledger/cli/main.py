"""Entry point of the `claims` command: builds the parser and turns errors into exit codes.

Exit status: 0 success, 1 a runtime failure, 2 bad input (one line on stderr, nothing written),
3 `claims due --fail-if-overdue` found overdue claims, 130 interrupted.
"""

from __future__ import annotations

import argparse
import os
import sys
from typing import NoReturn

from ledger.cli import (
    cmd_admin,
    cmd_browse,
    cmd_capture,
    cmd_claimants,
    cmd_lifecycle,
    cmd_reports,
)
from ledger.cli.command import Command
from ledger.errors import LedgerError

COMMAND_GROUPS: tuple[list[Command], ...] = (
    cmd_capture.COMMANDS[:1],
    cmd_browse.COMMANDS,
    cmd_reports.COMMANDS,
    cmd_lifecycle.COMMANDS,
    cmd_capture.COMMANDS[1:],
    cmd_claimants.COMMANDS,
    cmd_admin.COMMANDS,
)


class Parser(argparse.ArgumentParser):
    """argparse with one-line errors: `claims add: error: ... (see claims add --help)`."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{self.prog}: error: {message} (see {self.prog} --help)\n")


def all_commands() -> list[Command]:
    return [command for group in COMMAND_GROUPS for command in group]


def build_parser() -> Parser:
    common = Parser(add_help=False)
    common.add_argument(
        "--db",
        default=argparse.SUPPRESS,
        metavar="PATH|URL",
        help="the ledger: a SQLite file or a database URL (default: $CLAIMS_DB, else ./claims.db)",
    )
    parser = Parser(
        prog="claims",
        description="A ledger of public claims and predictions: who promised what, by when, "
        "and how it turned out.",
        epilog="Run `claims COMMAND --help` for a command's options and an example.",
        parents=[common],
    )
    parser.add_argument("--version", action="version", version=_version())
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=Parser)
    for command in all_commands():
        sub = commands.add_parser(
            command.name,
            aliases=list(command.aliases),
            help=command.summary,
            description=command.summary + ("\n\n" + command.details if command.details else ""),
            epilog=command.epilog(),
            formatter_class=argparse.RawDescriptionHelpFormatter,
            parents=[common],
        )
        command.configure(sub)
        sub.set_defaults(run=command.run)
    return parser


def _version() -> str:
    from ledger import __version__

    return f"claims {__version__}"


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not hasattr(args, "run"):
        parser.print_help()
        return 2
    try:
        return int(args.run(args))
    except LedgerError as error:
        print(f"claims: {first_line(str(error))}", file=sys.stderr)
        return error.exit_code
    except KeyboardInterrupt:
        print("claims: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # The reader (head, less) went away: stop quietly, without another error on exit.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except Exception as error:
        if os.environ.get("CLAIMS_DEBUG"):
            raise
        print(
            f"claims: internal error: {type(error).__name__}: {first_line(str(error))} "
            "(set CLAIMS_DEBUG=1 to see where)",
            file=sys.stderr,
        )
        return 1


def first_line(text: str) -> str:
    from ledger.textsafe import escape_controls

    lines = text.strip().splitlines()
    return escape_controls(lines[0] if lines else "unknown error")


def run() -> None:
    sys.exit(main())


if __name__ == "__main__":
    run()
