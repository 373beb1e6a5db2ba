"""Keeping the record: export, import, backup and check."""

from __future__ import annotations

import argparse
import gc
import io
import sys
from collections.abc import Iterable, Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from ledger.cli import context
from ledger.cli.command import Command, add_json_option
from ledger.cli.terminal import plural
from ledger.errors import InputError
from ledger.textsafe import escape_controls

if TYPE_CHECKING:
    from ledger.api import Ledger
    from ledger.archive.csv_import import CsvReader
    from ledger.archive.items import ArchiveItem
    from ledger.archive.jsonl import JsonlReader
    from ledger.lean import LeanLedger
    from ledger.store.importer import ImportSummary

FORMATS = ("jsonl", "csv")
PARALLEL_FROM_BYTES = 2_000_000
MAX_PROBLEMS_SHOWN = 50


def file_format(path: str, chosen: str | None) -> str:
    """--format when given, else `csv` for a .csv file and the archive format otherwise."""
    if chosen is not None:
        return chosen
    return "csv" if path.lower().endswith(".csv") else "jsonl"


JSONL_EXTENSIONS = (".jsonl", ".ndjson", ".jsonlines")


def export_format(path: str, chosen: str | None) -> str:
    """`file_format`, refusing a name that says another format (`.json`, `.xlsx`)."""
    suffix = Path(path).suffix.lower()
    if chosen is None and suffix and suffix != ".csv" and suffix not in JSONL_EXTENSIONS:
        raise InputError(
            f"cannot tell which format to write from {suffix!r}: name the file .jsonl (the "
            "archive) or .csv, or give --format"
        )
    return file_format(path, chosen)


def _configure_export(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "path", nargs="?", default="-", metavar="PATH", help="file to write (default: - , stdout)"
    )
    parser.add_argument(
        "--format", choices=FORMATS, help="jsonl, the archive (default), or csv for spreadsheets"
    )
    parser.add_argument("--force", action="store_true", help="replace PATH if it exists")


def run_export(args: argparse.Namespace) -> int:
    from ledger.archive.atomic import atomic_output, check_target, open_text
    from ledger.archive.csv_format import csv_lines
    from ledger.archive.jsonl import jsonl_lines

    kind = export_format(args.path, args.format)
    write = csv_lines if kind == "csv" else jsonl_lines
    target = None if args.path == "-" else file_path(args.path)
    if target is not None:
        check_target(target, force=args.force)
    with context.open_full(args) as ledger:
        counted = _Counter(ledger.archive())
        if target is None:
            _to_stdout(write(counted), escape=kind == "csv" and sys.stdout.isatty())
            return 0
        with atomic_output(target, force=args.force) as temp, open_text(temp) as handle:
            handle.writelines(write(counted))
    where = escape_controls(str(target))
    print(f"Exported {plural(counted.claims, 'claim')} to {where} ({kind}).")
    return 0


class _Counter:
    """Passes archive items through, counting the claims."""

    def __init__(self, items: Iterable[ArchiveItem]) -> None:
        self.items = items
        self.claims = 0

    def __iter__(self) -> Iterator[ArchiveItem]:
        from ledger.archive.items import ArchivedClaim

        for item in self.items:
            self.claims += isinstance(item, ArchivedClaim)
            yield item


def _to_stdout(lines: Iterable[str], *, escape: bool) -> None:
    # CSV cells keep control characters; on a terminal they are shown escaped instead.
    for line in lines:
        shown = escape_controls(line.replace("\r\n", "\n"), keep_newlines=True)
        sys.stdout.write(shown if escape else line)


def _configure_import(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", metavar="FILE", help="a JSON Lines export or a CSV (- : stdin)")
    parser.add_argument("--format", choices=FORMATS, help="jsonl or csv (default: by the name)")


def run_import(args: argparse.Namespace) -> int:
    name = "stdin" if args.file == "-" else escape_controls(args.file)
    with _open_input(args.file) as stream:
        kind = file_format(args.file, args.format)
        new_file = context.missing_ledger_file(args)
        try:
            summary = _import_file(args, stream, kind, name)
        except BaseException:
            if new_file is not None:
                context.discard_new_ledger(new_file)
            raise
    from ledger.cli.terminal import plural

    if new_file is not None:
        print(f"Made a new ledger: {new_file}")
    print(
        f"Imported {name}: {plural(summary.claims_added, 'claim')} added, "
        f"{summary.claims_updated:,} brought up to date, "
        f"{summary.claims_unchanged:,} already here; {plural(summary.events_added, 'event')}, "
        f"{plural(summary.claimants_added, 'claimant')} and "
        f"{plural(summary.aliases_added, 'alias', 'aliases')} added."
    )
    return 0


def _import_file(args: argparse.Namespace, stream: BinaryIO, kind: str, name: str) -> ImportSummary:
    summary = None
    lean = _lean_ledger(args, kind, stream)
    if lean is not None:
        with lean:
            summary = _import_into(lean, stream, kind, name)
    if summary is None:
        with context.open_full(args, create=True) as ledger:
            summary = _import_into(ledger, stream, kind, name)
        assert summary is not None
    return summary


def _lean_ledger(args: argparse.Namespace, kind: str, stream: BinaryIO) -> LeanLedger | None:
    """The lean path (ledger.lean_import) for a JSON Lines file that can be read again from
    its start, should it need the full store after all; None for the full store."""
    if kind != "jsonl" or not stream.seekable():
        return None
    from ledger.lean import open_lean

    return open_lean(context.location(args), actor=context.actor())


def _import_into(
    ledger: LeanLedger | Ledger, stream: BinaryIO, kind: str, name: str
) -> ImportSummary | None:
    """The file imported; None, with nothing written and the file rewound, when the lean path
    needs the full store."""
    from ledger.cli.progress import ProgressBar
    from ledger.lean_import import NeedsFullStore

    reader = _reader(kind, stream, name)
    bar = ProgressBar.for_file(stream)
    try:
        with _no_cycle_collection():
            return ledger.import_archive(
                reader,
                progress=lambda claims: bar.show(reader.bytes_read, claims),
                workers=import_workers(stream),
            )
    except NeedsFullStore:
        stream.seek(0)
        return None
    finally:
        bar.close()  # so that a refusal or "interrupted" starts a line of its own


def import_workers(stream: BinaryIO) -> int:
    """Worker processes to check an archive with: one a core for a file of some size (below
    that, starting them costs more than they save); CLAIMS_IMPORT_WORKERS sets the number."""
    import os

    chosen = os.environ.get("CLAIMS_IMPORT_WORKERS", "").strip()
    if chosen.isdigit():
        return int(chosen)
    try:
        size = os.fstat(stream.fileno()).st_size
    except (OSError, ValueError, io.UnsupportedOperation):
        return 0
    return (os.cpu_count() or 1) if size >= PARALLEL_FROM_BYTES else 0


@contextmanager
def _no_cycle_collection() -> Iterator[None]:
    """Pause the cycle collector: an import allocates millions of short-lived containers that
    reference counting frees, and the collector's passes over them cost a sixth of the time."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _reader(kind: str, stream: BinaryIO, name: str) -> JsonlReader | CsvReader:
    if kind == "csv":
        from ledger.archive.csv_import import CsvReader

        return CsvReader(stream, name, context.today(), context.now(), context.actor())
    from ledger.archive.jsonl import JsonlReader

    return JsonlReader(stream, name=name)


def file_path(text: str) -> Path:
    """A file named on the command line; refuse names no file system can hold."""
    from ledger.errors import InputError

    if "\x00" in text or not text.strip():
        raise InputError(f"{escape_controls(text)!r} is not a file name")
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        raise InputError(f"{escape_controls(text)!r} is not a file name (not UTF-8)") from None
    return Path(text).absolute()


def _open_input(path: str) -> AbstractContextManager[BinaryIO]:
    from ledger.errors import InputError

    if path == "-":
        return _as_file(sys.stdin.buffer)
    try:
        return file_path(path).open("rb")
    except OSError as error:
        raise InputError(f"cannot read {escape_controls(path)}: {error.strerror}") from None


@contextmanager
def _as_file(stream: BinaryIO) -> Iterator[BinaryIO]:
    """Standard input as a file that can be read again, and by worker processes: itself when it
    is one (`claims import - < ledger.jsonl`), else a temporary copy of what comes down the pipe,
    gone when the import ends. So a piped archive takes the lean path and the workers too."""
    from ledger.store.import_pool import is_regular_file

    if is_regular_file(stream):
        yield stream
        return
    import shutil
    import tempfile

    from ledger.errors import StorageError

    def refused(error: OSError) -> StorageError:
        return StorageError(
            f"cannot keep standard input in a temporary file ({error.strerror}); "
            "import the file itself, or set TMPDIR to a folder with room"
        )

    try:
        copy = tempfile.TemporaryFile()  # noqa: SIM115 (closed by the with below)
    except OSError as error:
        raise refused(error) from None
    with copy:
        try:
            shutil.copyfileobj(stream, copy, 1 << 20)
            copy.seek(0)
        except OSError as error:
            raise refused(error) from None
        yield copy


def _configure_backup(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "path", nargs="?", metavar="PATH", help="where to write (default: beside the ledger)"
    )
    parser.add_argument("--force", action="store_true", help="replace PATH if it exists")


def run_backup(args: argparse.Namespace) -> int:
    from ledger.api import backup_ledger

    target = None if args.path is None else file_path(args.path)
    location = context.location(args)
    written = backup_ledger(location, target, now=context.now(), force=args.force)
    print(f"Backed up {escape_controls(str(location))} to {escape_controls(str(written))}.")
    return 0


def _configure_check(parser: argparse.ArgumentParser) -> None:
    add_json_option(parser)


def run_check(args: argparse.Namespace) -> int:
    from ledger.api import check_ledger
    from ledger.cli.jsonout import dumps

    report = check_ledger(context.location(args))
    if args.json:
        print(dumps({**vars(report), "ok": report.ok}))
        return 0 if report.ok else 1
    print(f"Ledger {escape_controls(report.ledger)}")
    for fact in report.facts:
        print(f"  {escape_controls(fact)}")
    if report.ok:
        print("All good: every claim matches its history.")
        return 0
    count = len(report.problems)
    print(f"{count:,} problem{'' if count == 1 else 's'}:")
    for problem in report.problems[:MAX_PROBLEMS_SHOWN]:
        print(f"  {escape_controls(problem)}")
    if len(report.problems) > MAX_PROBLEMS_SHOWN:
        print(f"  … and {len(report.problems) - MAX_PROBLEMS_SHOWN:,} more (--json lists all)")
    return 1


COMMANDS = [
    Command(
        "export",
        "Write every claim with its history as JSON Lines (the archive) or CSV.",
        "claims export ledger.jsonl\nclaims export claims.csv --force\n"
        "claims export - | gzip > ledger.jsonl.gz",
        _configure_export,
        run_export,
    ),
    Command(
        "import",
        "Add claims from a JSON Lines export or a CSV; importing twice changes nothing.",
        "claims import ledger.jsonl\nclaims import sheet.csv --db team.db",
        _configure_import,
        run_import,
    ),
    Command(
        "backup",
        "Copy the ledger consistently, even while others write to it.",
        "claims backup\nclaims backup /mnt/usb/claims-copy.db",
        _configure_backup,
        run_backup,
    ),
    Command(
        "check",
        "Check the ledger's integrity, schema, and that every claim matches its history.",
        "claims check\nclaims check --db team.db --json",
        _configure_check,
        run_check,
    ),
]
