"""Reading a large archive with worker processes: they check the claim lines and build their
rows while this process writes the rows they have finished.

Checking a claim (every field as strictly as `claims add`, then a replay of its events) costs
several times what inserting its rows costs, so it runs in forked workers, a few hundred lines a
task, a bounded number of tasks ahead. Results come back in file order: the first bad line stops
the import with the same message the single-process reader gives, and nothing is written (the
caller's transaction rolls back). The rare claim the ledger already holds is read again here,
whole, to compare histories.
"""

from __future__ import annotations

import multiprocessing
from collections import deque
from collections.abc import Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from typing import Any

from ledger.archive.items import ArchivedClaim, ArchivedClaimant, ArchivedEvent
from ledger.archive.jsonl import JsonlReader, read_record
from ledger.errors import InputError
from ledger.replay import NameMap
from ledger.store.claim_rows import ClaimRows, DbValue, claim_rows

CHUNK_LINES = 250
TASKS_AHEAD_PER_WORKER = 3


@dataclass(frozen=True, slots=True)
class ReadFailure:
    message: str


@dataclass(frozen=True, slots=True)
class ReadClaim:
    """A claim line's new rows, and the line itself should the ledger already hold the claim."""

    rows: ClaimRows
    raw: bytes
    where: str
    names: NameMap

    def archived(self) -> ArchivedClaim:
        item = read_record(self.raw, self.where, self.rows.line, self.names)
        assert isinstance(item, ArchivedClaim)
        return item


Checked = ClaimRows | ArchivedEvent | ReadFailure
PoolItem = ArchivedClaimant | ArchivedEvent | ReadClaim

# What the workers read, set before they are forked.
_job: dict[str, Any] = {}


def can_fork() -> bool:
    return "fork" in multiprocessing.get_all_start_methods()


class PooledReader:
    def __init__(self, reader: JsonlReader, *, db_value: DbValue, workers: int) -> None:
        self.reader = reader
        self.db_value = db_value
        self.workers = workers

    @property
    def bytes_read(self) -> int:
        return self.reader.bytes_read

    def __iter__(self) -> Iterator[PoolItem]:
        names, rest = yield from self.reader.claimants()
        _job.update(names=names, name=self.reader.name, db_value=self.db_value)
        pool = ProcessPoolExecutor(self.workers, mp_context=multiprocessing.get_context("fork"))
        pending: deque[tuple[int, list[bytes], Future[list[Checked]]]] = deque()
        try:
            for first, lines in _chunks(rest):
                pending.append((first, lines, pool.submit(_check_lines, first, lines)))
                if len(pending) >= self.workers * TASKS_AHEAD_PER_WORKER:
                    yield from self._results(*pending.popleft(), names)
            while pending:
                yield from self._results(*pending.popleft(), names)
        finally:
            pool.shutdown(wait=True, cancel_futures=True)
            _job.clear()

    def _results(
        self, first: int, lines: list[bytes], future: Future[list[Checked]], names: NameMap
    ) -> Iterator[PoolItem]:
        for item in future.result():
            if isinstance(item, ReadFailure):
                raise InputError(item.message)
            if isinstance(item, ClaimRows):
                where = f"{self.reader.name} line {item.line}"
                yield ReadClaim(item, lines[item.line - first], where, names)
            else:
                yield item


def _chunks(lines: Iterator[tuple[int, bytes]]) -> Iterator[tuple[int, list[bytes]]]:
    """Runs of consecutive lines: their first line number and their text."""
    first = 0
    chunk: list[bytes] = []
    for number, raw in lines:
        if not chunk:
            first = number
        chunk.append(raw)
        if len(chunk) == CHUNK_LINES:
            yield first, chunk
            chunk = []
    if chunk:
        yield first, chunk


def _check_lines(first: int, lines: list[bytes]) -> list[Checked]:
    """In a worker: each line checked; a claim's as its rows; stops at the first bad line."""
    names, name, db_value = _job["names"], _job["name"], _job["db_value"]
    checked: list[Checked] = []
    for number, raw in enumerate(lines, start=first):
        try:
            item = read_record(raw, f"{name} line {number}", number, names)
        except InputError as error:
            checked.append(ReadFailure(str(error)))
            break
        if isinstance(item, ArchivedClaim):
            checked.append(claim_rows(item, db_value))
        elif isinstance(item, ArchivedEvent):
            checked.append(item)
    return checked
