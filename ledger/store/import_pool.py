"""Reading a large archive with worker processes: they read and check the claim lines and
build their rows while this process writes the rows they have finished.

Checking a claim (every field as strictly as `claims add`, then a replay of its events) costs
more than inserting its rows, so it runs in forked workers. The part of the file after the
claimants is cut into spans of bytes (about half a megabyte, a few hundred claims; the first
ones smaller, so that rows come back sooner), and each span is one task, a bounded number of
tasks ahead. A worker reads its span from the file itself (the importing process reads none
of it) and takes the whole lines that start in it (see `span_lines`). It counts lines from 0;
the importing process numbers them as the results come back in file order. A batch of rows
comes back as msgpack, which costs a third of pickling it, beside the pickle of the rest.

The first bad line stops the import with the same message the single-process reader gives
(the line is read again here, with its number), and nothing is written (the caller's
transaction rolls back). The lines of a batch holding a claim the ledger already has are read
again here, whole, to compare histories.
"""

from __future__ import annotations

import os
import pickle
import stat
from collections.abc import Iterator
from dataclasses import dataclass, replace
from typing import Any

import msgspec

from ledger.archive.items import ArchivedClaim, ArchivedClaimant, ArchivedEvent
from ledger.archive.jsonl import JsonlReader, read_record
from ledger.errors import InputError, StorageError
from ledger.replay import NameMap
from ledger.store.claim_rows import ClaimBatch, DbValue
from ledger.store.fork_pool import ForkPool, WorkerDied

# msgpack as it is packed (a PickleBuffer) and as it arrives (a memoryview of what was read).
Buffer = pickle.PickleBuffer | memoryview
CHUNK_BYTES = 512 * 1024
# The first spans are smaller (each twice the one before), so that rows come back sooner.
FIRST_CHUNK_BYTES = 32 * 1024
TASKS_AHEAD_PER_WORKER = 3
# The workers run at a lower priority than this process. It writes every row they make, so its
# work is the one chain the import cannot shorten; given the first claim to a core whenever it
# has rows to write, it keeps up with them, and less is left for it once they are done (a tenth
# off the import at 10,000 claims on two cores). They still take whatever it leaves.
WORKER_NICENESS = 10


@dataclass(frozen=True, slots=True)
class Checked:
    """What a worker makes of a span: where its lines start in the file, how many bytes and
    lines they take, the claims' rows (packed, where they can be), the events about claimants,
    and the first bad line (its index in the span and its text; the lines after it are not
    read). Line numbers in the events count from the span's first line, 0."""

    offset: int
    size: int
    lines: int
    batch: ClaimBatch | Buffer
    ledger_events: list[ArchivedEvent]
    bad_line: tuple[int, bytes] | None = None


_PACK = msgspec.msgpack.Encoder()
_UNPACK = msgspec.msgpack.Decoder(ClaimBatch)


def packed(batch: ClaimBatch, db_value: DbValue) -> ClaimBatch | pickle.PickleBuffer:
    """The batch as msgpack when its values are plain text and numbers (SQLite's), which
    msgpack gives back exactly (tuples too: the decoder reads ClaimBatch's types), wrapped to
    travel beside the result's pickle (see ledger.store.fork_pool); as it is, to be pickled,
    otherwise: PostgreSQL's datetimes, or text msgpack cannot hold (a lone surrogate in an
    event's change, say)."""
    if not db_value.plain:
        return batch
    try:
        return pickle.PickleBuffer(_PACK.encode(batch))
    except (TypeError, ValueError, OverflowError):
        return batch


def unpacked(batch: ClaimBatch | Buffer) -> ClaimBatch:
    return batch if isinstance(batch, ClaimBatch) else _UNPACK.decode(batch)


@dataclass(frozen=True, slots=True)
class ReadBatch:
    """The rows of a span of claim lines, and where to read them again should the ledger
    already hold one of the claims."""

    batch: ClaimBatch
    first: int
    fd: int
    offset: int
    size: int
    name: str
    names: NameMap

    def archived(self) -> list[ArchivedClaim]:
        claims = []
        block = _read_exactly(self.fd, self.size, self.offset)
        for number, raw in enumerate(block_lines(block), start=self.first):
            item = read_record(raw, f"{self.name} line {number}", number, self.names)
            if isinstance(item, ArchivedClaim):
                claims.append(item)
        return claims


PoolItem = ArchivedClaimant | ArchivedEvent | ReadBatch

# What the workers read, set before they are forked.
_job: dict[str, Any] = {}


def can_fork() -> bool:
    return hasattr(os, "fork")


def can_read_apart(reader: JsonlReader) -> bool:
    """Whether workers can read spans of the archive themselves: a regular file."""
    return is_regular_file(reader.stream)


def is_regular_file(stream: Any) -> bool:
    """Whether the stream reads a regular file (not a pipe, a terminal or memory)."""
    try:
        return stat.S_ISREG(os.fstat(stream.fileno()).st_mode)
    except (OSError, ValueError, AttributeError):  # io.UnsupportedOperation is an OSError
        return False


class PooledReader:
    def __init__(self, reader: JsonlReader, *, db_value: DbValue, workers: int) -> None:
        self.reader = reader
        self.db_value = db_value
        self.workers = workers
        self.number = 0  # the number of the next span's first line

    @property
    def bytes_read(self) -> int:
        return self.reader.bytes_read

    def __iter__(self) -> Iterator[PoolItem]:
        names, rest = yield from self.reader.claimants()
        first_line = next(rest, None)
        if first_line is None:
            return
        self.number, raw = first_line
        fd = self.reader.stream.fileno()
        origin = self.reader.bytes_read - len(raw)  # where the first line after them starts
        end = os.fstat(fd).st_size
        _job.update(
            names=names, name=self.reader.name, db_value=self.db_value, fd=fd, origin=origin
        )
        pool, pending = None, 0
        try:
            pool = ForkPool(self.workers, _check_span, nice=WORKER_NICENESS)
            for begin, stop in spans(origin, end, CHUNK_BYTES, FIRST_CHUNK_BYTES):
                pool.submit(begin, stop)
                pending += 1
                if pending >= self.workers * TASKS_AHEAD_PER_WORKER:
                    pending -= 1
                    yield from self._results(pool.result(), names)
            while pending:
                pending -= 1
                yield from self._results(pool.result(), names)
        except WorkerDied:
            raise StorageError(
                "a worker process checking the file stopped unexpectedly; nothing was imported "
                "(CLAIMS_IMPORT_WORKERS=0 imports without workers)"
            ) from None
        finally:
            if pool is not None:
                pool.close(wait=False)  # the import goes on while the system ends them
            _job.clear()

    def _results(self, checked: Checked, names: NameMap) -> Iterator[PoolItem]:
        first, name = self.number, self.reader.name
        if checked.bad_line is not None:
            index, raw = checked.bad_line
            read_record(raw, f"{name} line {first + index}", first + index, names)
            raise StorageError(f"{name} line {first + index} was refused by a worker process")
        fd = self.reader.stream.fileno()
        self.number += checked.lines
        self.reader.bytes_read = checked.offset + checked.size
        yield ReadBatch(
            unpacked(checked.batch), first, fd, checked.offset, checked.size, name, names
        )
        for event in checked.ledger_events:
            yield replace(event, line=first + event.line)


def block_lines(block: bytes) -> list[bytes]:
    """A block's lines, as iterating over the file gives them, but without their newlines."""
    lines = block.split(b"\n")
    if not lines[-1]:
        lines.pop()  # what follows the block's last newline
    return lines


def spans(origin: int, end: int, size: int, first: int) -> Iterator[tuple[int, int]]:
    """[begin, stop) byte ranges from `origin` to `end`: the first about `first` bytes, each
    next one twice the one before, up to `size`."""
    step = min(size, first)
    while origin < end:
        stop = min(end, origin + step)
        yield origin, stop
        origin, step = stop, min(size, step * 2)


def span_lines(fd: int, begin: int, stop: int, origin: int) -> tuple[int, bytes]:
    """The whole lines that start at or after `begin` and before `stop`, with where they
    start: a line starts at `origin` (the first line of the part of the file cut into spans)
    and after each newline. Spans side by side take every line once; the last line may run
    past `stop`, and a span inside a long line takes none."""
    at = begin if begin == origin else begin - 1  # the byte before says whether a line starts
    data = os.pread(fd, stop - at, at)
    offset = begin
    if at < begin:
        newline = data.find(b"\n")
        if newline < 0:
            return stop, b""
        offset, data = at + newline + 1, data[newline + 1 :]
    if not data or data.endswith(b"\n"):
        return offset, data
    rest, place = [data], stop
    while True:  # the last line, to its newline or the end of the file
        more = os.pread(fd, 64 * 1024, place)
        newline = more.find(b"\n")
        if newline >= 0:
            rest.append(more[: newline + 1])
            break
        if not more:
            break
        rest.append(more)
        place += len(more)
    return offset, b"".join(rest)


def _read_exactly(fd: int, size: int, offset: int) -> bytes:
    parts, done = [], 0
    while done < size:
        part = os.pread(fd, size - done, offset + done)
        if not part:
            raise StorageError("the file being imported got shorter while it was read")
        parts.append(part)
        done += len(part)
    return b"".join(parts)


def _check_span(begin: int, stop: int) -> Checked:
    """In a worker: the span's lines read, each checked and the claims' rows built; stops at
    the first bad line."""
    names, name, db_value = _job["names"], _job["name"], _job["db_value"]
    offset, block = span_lines(_job["fd"], begin, stop, _job["origin"])
    lines = block_lines(block)
    batch, events = ClaimBatch(), list[ArchivedEvent]()
    for index, raw in enumerate(lines):
        try:
            item = read_record(raw, f"{name} line {index}", index, names)
        except InputError:
            return Checked(offset, len(block), len(lines), batch, events, (index, raw))
        if isinstance(item, ArchivedClaim):
            batch.add(item, db_value)
        elif isinstance(item, ArchivedEvent):
            events.append(item)
    return Checked(offset, len(block), len(lines), packed(batch, db_value), events)
