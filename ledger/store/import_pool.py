"""Reading a large archive with worker processes: they check the claim lines and build their
rows while this process writes the rows they have finished.

Checking a claim (every field as strictly as `claims add`, then a replay of its events) costs
more than inserting its rows, so it runs in forked workers. A batch of rows comes back as
msgpack, which costs a third of pickling it. This process reads the file in
blocks of whole lines (about half a megabyte, a few hundred claims), and each block is one task,
a bounded number of tasks ahead, coming back as one batch of rows: the lines are split and
read in the workers. Results come
back in file order: the first bad line stops the import with the same message the
single-process reader gives, and nothing is written (the caller's transaction rolls back). The
lines of a batch holding a claim the ledger already has are read again here, whole, to compare
histories.
"""

from __future__ import annotations

import multiprocessing
import signal
from collections import deque
from collections.abc import Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from typing import Any

import msgspec

from ledger.archive.items import ArchivedClaim, ArchivedClaimant, ArchivedEvent
from ledger.archive.jsonl import JsonlReader, read_record
from ledger.errors import InputError, StorageError
from ledger.replay import NameMap
from ledger.store.claim_rows import ClaimBatch, DbValue

CHUNK_BYTES = 512 * 1024
# The first blocks are smaller, so that this process has rows to write sooner.
FIRST_CHUNK_BYTES = 32 * 1024
TASKS_AHEAD_PER_WORKER = 3


@dataclass(frozen=True, slots=True)
class Checked:
    """What a worker makes of its lines: the claims' rows (packed, where they can be), the
    events about claimants, and the first bad line's message (the lines after it are not read)."""

    batch: ClaimBatch | bytes
    ledger_events: list[ArchivedEvent]
    failure: str | None


_PACK = msgspec.msgpack.Encoder()
_UNPACK = msgspec.msgpack.Decoder(ClaimBatch)


def packed(batch: ClaimBatch, db_value: DbValue) -> ClaimBatch | bytes:
    """The batch as msgpack when its values are plain text and numbers (SQLite's), which
    msgpack gives back exactly (tuples too: the decoder reads ClaimBatch's types); as it is,
    to be pickled, otherwise: PostgreSQL's datetimes, or text msgpack cannot hold (a lone
    surrogate in an event's change, say)."""
    if not db_value.plain:
        return batch
    try:
        return _PACK.encode(batch)
    except (TypeError, ValueError, OverflowError):
        return batch


def unpacked(batch: ClaimBatch | bytes) -> ClaimBatch:
    return _UNPACK.decode(batch) if isinstance(batch, bytes) else batch


@dataclass(frozen=True, slots=True)
class ReadBatch:
    """The rows of a block of claim lines, and the block itself should the ledger already hold
    one of the claims."""

    batch: ClaimBatch
    first: int
    block: bytes
    name: str
    names: NameMap

    def archived(self) -> list[ArchivedClaim]:
        claims = []
        for number, raw in enumerate(block_lines(self.block), start=self.first):
            item = read_record(raw, f"{self.name} line {number}", number, self.names)
            if isinstance(item, ArchivedClaim):
                claims.append(item)
        return claims


PoolItem = ArchivedClaimant | ArchivedEvent | ReadBatch

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
        pool = _start_pool(self.workers)
        pending: deque[tuple[int, bytes, Future[Checked]]] = deque()
        try:
            for first, block in self.reader.blocks(rest, CHUNK_BYTES, start=FIRST_CHUNK_BYTES):
                pending.append((first, block, pool.submit(_check_block, first, block)))
                if len(pending) >= self.workers * TASKS_AHEAD_PER_WORKER:
                    yield from self._results(*pending.popleft(), names)
            while pending:
                yield from self._results(*pending.popleft(), names)
        except BrokenProcessPool:
            raise StorageError(
                "a worker process checking the file stopped unexpectedly; nothing was imported "
                "(CLAIMS_IMPORT_WORKERS=0 imports without workers)"
            ) from None
        finally:
            pool.shutdown(wait=True, cancel_futures=True)
            _job.clear()

    def _results(
        self, first: int, block: bytes, future: Future[Checked], names: NameMap
    ) -> Iterator[PoolItem]:
        checked = future.result()
        if checked.failure is not None:
            raise InputError(checked.failure)
        yield ReadBatch(unpacked(checked.batch), first, block, self.reader.name, names)
        yield from checked.ledger_events


def _start_pool(workers: int) -> ProcessPoolExecutor:
    """Workers forked now, deaf to Ctrl-C: it reaches the whole process group, and the
    importing process stops them itself (each would print a traceback). Ctrl-C is held back
    while they fork, and reaches this process once they have."""
    pool = ProcessPoolExecutor(
        workers, mp_context=multiprocessing.get_context("fork"), initializer=_deaf_to_ctrl_c
    )
    held = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        try:
            pool.submit(int).result()  # forks every worker (a fork pool starts them at once)
        finally:
            signal.pthread_sigmask(signal.SIG_SETMASK, held)
    except BaseException:
        pool.shutdown(wait=True, cancel_futures=True)
        raise
    return pool


def _deaf_to_ctrl_c() -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})


def block_lines(block: bytes) -> list[bytes]:
    """A block's lines, as iterating over the file gives them, but without their newlines."""
    lines = block.split(b"\n")
    if not lines[-1]:
        lines.pop()  # what follows the block's last newline
    return lines


def _check_block(first: int, block: bytes) -> Checked:
    """In a worker: each line checked, the claims' rows built; stops at the first bad line."""
    names, name, db_value = _job["names"], _job["name"], _job["db_value"]
    batch, events = ClaimBatch(), list[ArchivedEvent]()
    for number, raw in enumerate(block_lines(block), start=first):
        try:
            item = read_record(raw, f"{name} line {number}", number, names)
        except InputError as error:
            return Checked(batch, events, str(error))
        if isinstance(item, ArchivedClaim):
            batch.add(item, db_value)
        elif isinstance(item, ArchivedEvent):
            events.append(item)
    return Checked(packed(batch, db_value), events, None)
