"""Timing whole processes: the median of many runs, with the minimum and maximum."""

from __future__ import annotations

import os
import statistics
import subprocess
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Timing:
    """Wall-clock seconds of repeated runs of one command."""

    label: str
    runs: tuple[float, ...]

    @property
    def median(self) -> float:
        return statistics.median(self.runs)

    @property
    def low(self) -> float:
        return min(self.runs)

    @property
    def high(self) -> float:
        return max(self.runs)

    def ms(self) -> str:
        return (
            f"{self.median * 1000:.1f} ms (min {self.low * 1000:.1f}, max {self.high * 1000:.1f})"
        )


def child_env(extra: dict[str, str] | None = None) -> dict[str, str]:
    """The environment of a measured process: as a user's, so Python writes and reuses its
    bytecode (.pyc) files even where this shell sets PYTHONDONTWRITEBYTECODE."""
    env = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}
    return {**env, **(extra or {})}


def time_process(
    label: str,
    argv: Sequence[str] | Callable[[int], Sequence[str]],
    *,
    runs: int,
    env: dict[str, str] | None = None,
    warmup: int = 2,
    after: Callable[[], None] | None = None,
    ok: tuple[int, ...] = (0, 3),
) -> Timing:
    """Run `argv` (or `argv(i)` for the i-th run) `runs` times after `warmup` runs, calling
    `after` (untimed) after each; fail loudly."""
    merged = child_env(env)
    results = []
    for index in range(warmup + runs):
        command = argv(index) if callable(argv) else argv
        start = time.perf_counter()
        done = subprocess.run(command, env=merged, capture_output=True, text=True, check=False)
        elapsed = time.perf_counter() - start
        if done.returncode not in ok:
            raise RuntimeError(
                f"{label}: {' '.join(command)} exited {done.returncode}: {done.stderr}"
            )
        if index >= warmup:
            results.append(elapsed)
        if after is not None:
            after()
    return Timing(label, tuple(results))
