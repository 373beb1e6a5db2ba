"""The import's fork pool: results in the order the tasks were sent, a worker's exception raised
here, a dead worker noticed, and no worker left behind."""

from __future__ import annotations

import os
import pickle
import signal

import pytest

from ledger.errors import StorageError
from ledger.store.fork_pool import ForkPool, WorkerDied, reap

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="workers are forked")


def spelled(begin: int, stop: int) -> tuple[int, int, str]:
    """Which worker did the task, and a result bigger than a pipe's usual 64 KB."""
    return os.getpid(), begin, "x" * (stop - begin)


def test_results_come_back_in_the_order_the_tasks_were_sent() -> None:
    pool = ForkPool(3, spelled)
    try:
        tasks = [(n, n + 100_000 + 7 * n) for n in range(20)]
        for begin, stop in tasks[:6]:
            pool.submit(begin, stop)
        back = []
        for begin, stop in tasks[6:]:
            back.append(pool.result())
            pool.submit(begin, stop)
        back.extend(pool.result() for _ in range(6))
    finally:
        pool.close()
    assert [(begin, len(text)) for _, begin, text in back] == [
        (begin, stop - begin) for begin, stop in tasks
    ]
    workers = {pid for pid, _, _ in back}
    assert len(workers) == 3 and os.getpid() not in workers


def wrapped(begin: int, stop: int) -> tuple[int, pickle.PickleBuffer, pickle.PickleBuffer]:
    return begin, pickle.PickleBuffer(bytes(range(256)) * begin), pickle.PickleBuffer(b"")


def test_a_buffer_in_a_result_travels_beside_the_pickle_and_arrives_whole() -> None:
    pool = ForkPool(2, wrapped)
    try:
        for begin in (3000, 1, 0):
            pool.submit(begin, 0)
        back = [pool.result() for _ in range(3)]
    finally:
        pool.close()
    for (begin, big, empty), expected in zip(back, (3000, 1, 0), strict=True):
        assert begin == expected
        assert isinstance(big, memoryview) and big == bytes(range(256)) * expected
        assert empty == b""


def refuses_odd_spans(begin: int, stop: int) -> int:
    if begin % 2:
        raise StorageError(f"span {begin} is odd")
    return begin


def test_an_exception_in_a_worker_is_raised_here_and_the_pool_goes_on() -> None:
    pool = ForkPool(2, refuses_odd_spans)
    try:
        for begin in (2, 3, 4):
            pool.submit(begin, begin + 1)
        assert pool.result() == 2
        with pytest.raises(StorageError, match="span 3 is odd"):
            pool.result()
        assert pool.result() == 4
    finally:
        pool.close()


def dies_on_span_5(begin: int, stop: int) -> int:
    if begin == 5:
        os._exit(9)  # as the kernel's OOM killer would end it
    return begin


def test_a_worker_that_dies_is_noticed_when_its_result_is_due() -> None:
    pool = ForkPool(2, dies_on_span_5)
    try:
        pool.submit(4, 5)
        pool.submit(5, 6)
        assert pool.result() == 4
        with pytest.raises(WorkerDied):
            pool.result()
    finally:
        pool.close()


def test_close_ends_every_worker_even_a_busy_one() -> None:
    pool = ForkPool(2, lambda begin, stop: signal.pause())
    pids = list(pool.pids)
    pool.submit(0, 1)  # a worker now waits forever
    pool.close()
    for pid in pids:
        with pytest.raises(ChildProcessError):  # reaped: no zombie left
            os.waitpid(pid, os.WNOHANG)
    assert pool.pids == []


def niceness(begin: int, stop: int) -> int:
    return os.nice(0)


def test_workers_run_the_given_steps_below_this_process() -> None:
    pool = ForkPool(2, niceness, nice=7)
    try:
        pool.submit(0, 1)
        pool.submit(1, 2)
        assert [pool.result(), pool.result()] == [os.nice(0) + 7] * 2
    finally:
        pool.close()


def test_workers_closed_without_waiting_are_reaped_later() -> None:
    pool = ForkPool(2, spelled)
    pids = list(pool.pids)
    pool.close(wait=False)
    reap()
    for pid in pids:
        with pytest.raises(ChildProcessError):
            os.waitpid(pid, os.WNOHANG)
