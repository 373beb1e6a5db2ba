"""Entry point of the `claims` command: builds the parser and turns errors into exit codes.

Exit status: 0 success, 1 a runtime failure, 2 bad input (one line on stderr, nothing written),
3 `claims due --fail-if-overdue` found overdue claims, 130 interrupted.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from typing import Any, NoReturn

from ledger.cli.command import Command
from ledger.errors import LedgerError

# Which module defines each command, in the order `claims --help` lists them. A run imports only
# the module of the command it runs: the hot commands cannot afford to load the others.
COMMAND_MODULES: dict[str, str] = {
    "add": "cmd_capture",
    "list": "cmd_browse",
    "show": "cmd_browse",
    "history": "cmd_browse",
    "due": "cmd_reports",
    "report": "cmd_reports",
    "calibration": "cmd_reports",
    "resolve": "cmd_lifecycle",
    "reopen": "cmd_lifecycle",
    "revise": "cmd_lifecycle",
    "forecast": "cmd_lifecycle",
    "undo": "cmd_lifecycle",
    "edit": "cmd_capture",
    "tag": "cmd_capture",
    "source": "cmd_capture",
    "withdraw": "cmd_capture",
    "claimants": "cmd_claimants",
    "review": "cmd_admin",
    "parse-deadline": "cmd_admin",
    "init": "cmd_admin",
    "build-demo": "cmd_admin",
    "export": "cmd_archive",
    "import": "cmd_archive",
    "backup": "cmd_archive",
    "check": "cmd_archive",
    "copy": "cmd_copy",
}
COMMAND_ALIASES: dict[str, str] = {"add-claim": "add", "ls": "list"}
# Commands that end their process without tearing the interpreter down: an import leaves
# millions of objects whose freeing one by one costs more at exit than anything it still owes.
EXIT_WITHOUT_TEARDOWN = frozenset({"import"})


def _as_written(message: str) -> str:
    return message


def _as_written_n(singular: str, plural: str, count: int) -> str:
    return singular if count == 1 else plural


# argparse passes each of its own messages through gettext, which searches the locale folders
# for a translation on every call (about half a millisecond each, some eight times a run, plus
# importing locale); the CLI speaks English throughout, so argparse's words are taken as written.
setattr(argparse, "_", _as_written)  # noqa: B010 (argparse does not declare these names)
setattr(argparse, "ngettext", _as_written_n)  # noqa: B010


class Parser(argparse.ArgumentParser):
    """argparse with one-line errors: `claims add: error: ... (see claims add --help)`."""

    # The command whose help an error points to: an unrecognised argument is found by the
    # top parser, after the command's own parser has taken what it knows.
    help_of: str | None = None

    def error(self, message: str) -> NoReturn:
        from ledger.textsafe import escape_controls

        text = escape_controls(message)
        self.exit(2, f"{self.prog}: error: {text} (see {self.help_of or self.prog} --help)\n")


class HelpFormatter(argparse.RawDescriptionHelpFormatter):
    """argparse's formatter, told the width: left to itself it imports shutil (and with it bz2
    and lzma) to ask, on every run, because `add_argument` builds a formatter to check metavars."""

    def __init__(self, prog: str, **options: Any) -> None:
        options.setdefault("width", _help_width())
        super().__init__(prog, **options)


def _help_width() -> int:
    # shutil.get_terminal_size's answer (COLUMNS, else the terminal, else 80), less argparse's 2
    columns = os.environ.get("COLUMNS", "")
    if columns.isdigit() and int(columns) > 0:
        return int(columns) - 2
    try:
        return os.get_terminal_size(sys.stdout.fileno()).columns - 2
    except (AttributeError, OSError, ValueError):
        return 78


def load_commands(names: list[str]) -> list[Command]:
    """The Command records of `names`, importing only the modules that define them."""
    found: dict[str, Command] = {}
    for module_name in dict.fromkeys(COMMAND_MODULES[name] for name in names):
        module = importlib.import_module(f"ledger.cli.{module_name}")
        found.update({command.name: command for command in module.COMMANDS})
    return [found[name] for name in names]


def all_commands() -> list[Command]:
    return load_commands(list(COMMAND_MODULES))


def chosen_command(argv: list[str]) -> str | None:
    """The command named on the line (None for `claims --help` or an unknown name)."""
    words = iter(argv)
    for word in words:
        if word == "--db":
            next(words, None)
        elif not word.startswith("-"):
            name = COMMAND_ALIASES.get(word, word)
            return name if name in COMMAND_MODULES else None
    return None


def build_parser(only: str | None = None) -> Parser:
    """The parser for every command, or, when `only` is given, for that one alone."""
    common = Parser(add_help=False, formatter_class=HelpFormatter)
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
        formatter_class=HelpFormatter,
    )
    parser.add_argument("--version", action="version", version=_version())
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=Parser)
    for command in load_commands([only]) if only else all_commands():
        sub = commands.add_parser(
            command.name,
            aliases=list(command.aliases),
            help=command.summary,
            description=command.summary + ("\n\n" + command.details if command.details else ""),
            epilog=command.epilog(),
            formatter_class=HelpFormatter,
            parents=[common],
        )
        command.configure(sub)
        sub.set_defaults(run=command.run)
    return parser


def _version() -> str:
    from ledger import __version__

    return f"claims {__version__}"


def main(argv: list[str] | None = None) -> int:
    words = sys.argv[1:] if argv is None else argv
    chosen = chosen_command(words)
    parser = build_parser(chosen)
    if chosen is not None:
        parser.help_of = f"claims {chosen}"
    args = parser.parse_args(words)
    if not hasattr(args, "run"):
        parser.print_help()
        print("claims: give a command, one of those listed above", file=sys.stderr)
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
    words = sys.argv[1:]
    status = main(words)
    if chosen_command(words) in EXIT_WITHOUT_TEARDOWN:
        exit_without_teardown(status)
    sys.exit(status)


def exit_without_teardown(status: int) -> None:
    """End the process with `status` once what it owes is done: its output flushed and its exit
    handlers run (they reap worker processes); returns, for a normal exit, while another thread
    runs or the output cannot be flushed. Ledgers are closed by then: the commands close theirs."""
    import atexit
    import contextlib
    import threading

    if threading.active_count() > 1:
        return
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (OSError, ValueError):
        return
    atexit._run_exitfuncs()
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError, ValueError):
            stream.flush()
    os._exit(status)


if __name__ == "__main__":
    run()
