"""Worker processes forked from this one, each running one function on the spans sent to it.

The import's workers need little of what multiprocessing and concurrent.futures offer, and those
take about fifteen milliseconds to import, with two threads started in this process. Here each
worker has a pipe of its own that brings it tasks (two numbers) and a pipe of its own that takes
its results back (pickled), so tasks go to the workers in turn and their results come back in
the order the tasks were sent, with no thread and no lock. A large buffer in a result, wrapped in
pickle.PickleBuffer, travels beside the pickle rather than copied into it, and arrives as a
memoryview of the bytes read. A result pipe holds a megabyte where the system allows, so a
worker rarely waits for this process to read what it has finished.

A worker that dies (killed, out of memory) closes its result pipe: the next read of it raises
WorkerDied. An exception in a worker comes back and is raised here. Workers ignore Ctrl-C, which
reaches the whole process group: this process stops them itself.
"""

from __future__ import annotations

import atexit
import contextlib
import os
import pickle
import signal
import struct
from collections.abc import Callable
from typing import Any

_TASK = struct.Struct("<qq")
# Whether the work ended in an exception, the length of its pickle, and how many buffers the
# pickle left out; then each buffer's length, the pickle, and the buffers.
_HEADER = struct.Struct("<?QI")
_LENGTH = struct.Struct("<Q")
RESULT_PIPE_BYTES = 1 << 20

Work = Callable[[int, int], Any]


class WorkerDied(Exception):
    """A worker ended before sending a result it owed."""


class ForkPool:
    """`workers` processes forked now, each running `work(begin, stop)` on the tasks sent to it,
    `nice` steps below this process's priority. `submit` sends a task, `result` gives the
    oldest task's result (waiting for it), `close` stops the workers (and, unless told not to,
    waits for them to end)."""

    def __init__(self, workers: int, work: Work, *, nice: int = 0) -> None:
        self.tasks: list[int] = []  # this process's ends of the task pipes
        self.results: list[int] = []  # and of the result pipes
        self.pids: list[int] = []
        self.sent = self.received = 0
        pipes = [(os.pipe(), os.pipe()) for _ in range(workers)]
        for _, (_, result_end) in pipes:
            _widen(result_end)
        held = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
        try:
            for index in range(workers):
                pid = os.fork()
                if pid == 0:  # pragma: no cover - runs in the worker, which never returns
                    _worker(work, pipes, index, nice)
                self.pids.append(pid)
        finally:
            signal.pthread_sigmask(signal.SIG_SETMASK, held)
            for (task_read, task_write), (result_read, result_write) in pipes:
                os.close(task_read)
                os.close(result_write)
                self.tasks.append(task_write)
                self.results.append(result_read)
            if len(self.pids) < workers:
                self.close()

    def submit(self, begin: int, stop: int) -> None:
        try:
            _write_all(self.tasks[self.sent % len(self.tasks)], _TASK.pack(begin, stop))
        except BrokenPipeError:  # the worker is gone
            raise WorkerDied from None
        self.sent += 1

    def result(self) -> Any:
        source = self.results[self.received % len(self.results)]
        self.received += 1
        failed, size, count = _HEADER.unpack(_read_exactly(source, _HEADER.size))
        lengths = [_LENGTH.unpack(_read_exactly(source, _LENGTH.size))[0] for _ in range(count)]
        payload = _read_exactly(source, size)
        buffers = [_read_exactly(source, length) for length in lengths]
        try:
            # From a worker this process forked, through a pipe only the two of them hold.
            value = pickle.loads(payload, buffers=buffers)  # noqa: S301
        except Exception:  # an exception class that does not unpickle: say what is known
            if not failed:
                raise
            value = RuntimeError("a worker process failed")
        if failed:
            raise value
        return value

    def close(self, *, wait: bool = True) -> None:
        """Stop the workers (a worker still busy is killed) and, with `wait`, wait for them to
        end; without, they are waited for by `reap` (at the latest when this process exits),
        and the few milliseconds the system takes to end them are not spent waiting."""
        for fd in self.tasks + self.results:
            os.close(fd)
        self.tasks, self.results = [], []
        for pid in self.pids:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
        _stopped.extend(self.pids)
        self.pids = []
        if wait:
            reap()


_stopped: list[int] = []  # workers killed and not yet waited for


def reap() -> None:
    """Wait for the workers stopped without waiting (each was killed, so ends at once)."""
    while _stopped:
        with contextlib.suppress(ChildProcessError):
            os.waitpid(_stopped.pop(), 0)


atexit.register(reap)


def _widen(fd: int) -> None:
    """A pipe that holds a whole result, where the system lets it (Linux, up to its limit)."""
    try:
        import fcntl

        fcntl.fcntl(fd, fcntl.F_SETPIPE_SZ, RESULT_PIPE_BYTES)
    except (ImportError, AttributeError, OSError):
        pass


def _worker(
    work: Work, pipes: list[tuple[tuple[int, int], tuple[int, int]]], index: int, nice: int
) -> None:
    """In a worker: take tasks until this process closes the pipe, then end. Never returns to
    the caller's code (its `finally` blocks belong to this process)."""
    code = 1
    try:
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        with contextlib.suppress(OSError):  # a system that will not lower a priority
            os.nice(nice)
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})
        (tasks, _), (_, results) = pipes[index]
        for fd in {fd for pair in pipes for pipe in pair for fd in pipe} - {tasks, results}:
            os.close(fd)
        while True:
            task = _read_exactly(tasks, _TASK.size, eof_ok=True)
            if not task:
                break
            begin, stop = _TASK.unpack(task)
            buffers: list[pickle.PickleBuffer] = []
            try:
                value = work(begin, stop)
                failed, payload = False, pickle.dumps(value, 5, buffer_callback=buffers.append)
            except Exception as error:  # sent back, to be raised in the importing process
                failed, payload, buffers = True, _pickled_error(error), []
            views = [buffer.raw() for buffer in buffers]
            head = [_HEADER.pack(failed, len(payload), len(views))]
            head.extend(_LENGTH.pack(view.nbytes) for view in views)
            _write_all(results, b"".join(head), payload, *views)
        code = 0
    finally:
        os._exit(code)


def _pickled_error(error: Exception) -> bytes:
    try:
        return pickle.dumps(error, pickle.HIGHEST_PROTOCOL)
    except Exception:  # an exception that does not pickle: its words still reach the user
        return pickle.dumps(RuntimeError(f"{type(error).__name__}: {error}"))


def _read_exactly(fd: int, size: int, *, eof_ok: bool = False) -> bytearray:
    """`size` bytes from the pipe; none at its end before the first byte when `eof_ok`."""
    buffer = bytearray(size)
    view, done = memoryview(buffer), 0
    while done < size:
        got = os.readv(fd, [view[done:]])
        if not got:
            if eof_ok and done == 0:
                return bytearray()
            raise WorkerDied
        done += got
    return buffer


def _write_all(fd: int, *parts: bytes | memoryview) -> None:
    for part in parts:
        view = memoryview(part)
        while view:
            view = view[os.write(fd, view) :]
