"""BENCHMARKS.md: the machine, the versions, every figure, and a verdict on each budget."""

from __future__ import annotations

import argparse
import os
import platform
import sqlite3
import statistics
from dataclasses import dataclass, field
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path
from typing import Any

from bench import taskwarrior
from bench.ledgers import ImportRun
from bench.timing import Timing

BUDGET_RATIO = 5.0
PACKAGES = ("claims", "sqlalchemy", "sqlmodel", "pydantic", "alembic", "textual")


@dataclass
class CommandResult:
    name: str
    claims: Timing
    floor: Timing
    statements: int

    @property
    def ratio(self) -> float:
        return self.claims.median / self.floor.median


@dataclass
class SizeResult:
    claims: int
    imported: ImportRun | None
    commands: list[CommandResult] = field(default_factory=list)
    taskwarrior: tuple[Timing, Timing] | None = None
    app: list[dict[str, Any]] | None = None

    def command(self, name: str) -> CommandResult | None:
        return next((c for c in self.commands if c.name == name), None)


@dataclass
class Results:
    machine: dict[str, str]
    args: argparse.Namespace
    sizes: list[SizeResult] = field(default_factory=list)

    def size(self, claims: int) -> SizeResult | None:
        return next((s for s in self.sizes if s.claims == claims), None)

    def verdict_lines(self) -> list[str]:
        return [f"- **{'PASS' if ok else 'FAIL'}** {text}" for ok, text in self._verdicts()]

    def _verdicts(self) -> list[tuple[bool, str]]:
        found: list[tuple[bool, str]] = []
        for claims in (0, 1_000_000):
            size = self.size(claims)
            for name in ("add", "due"):
                command = size.command(name) if size else None
                if command is not None:
                    found.append(
                        (
                            command.ratio <= BUDGET_RATIO,
                            f"`claims {name}` at {claims:,} claims: {command.ratio:.2f}x the "
                            f"floor (budget {BUDGET_RATIO:.0f}x)",
                        )
                    )
        for size in self.sizes:
            if size.taskwarrior is None or size.claims not in (10_000, 100_000):
                continue
            for name, theirs in zip(("add", "due"), size.taskwarrior, strict=True):
                ours = size.command(name)
                if ours is not None:
                    found.append(
                        (
                            ours.claims.median < theirs.median,
                            f"`claims {name}` at {size.claims:,}: {_ms(ours.claims.median)} vs "
                            f"`{theirs.label}` {_ms(theirs.median)}",
                        )
                    )
        for size in self.sizes:
            if size.imported is not None:
                share = size.imported.rate / size.imported.raw_rate
                found.append(
                    (
                        share >= 0.5,
                        f"import at {size.claims:,} claims: {share:.1%} of the raw executemany "
                        "rate (budget 50%)",
                    )
                )
        for size in self.sizes:
            if size.app:
                found.extend(_app_verdicts(size))
        return found


def _app_verdicts(size: SizeResult) -> list[tuple[bool, str]]:
    assert size.app is not None
    paint = statistics.median(float(run["first_rows_s"]) for run in size.app)
    memory = max(float(run["max_rss_mb"]) for run in size.app)
    keys = max(float(run["key_ms_p95"]) for run in size.app)
    where = f"at {size.claims:,} claims"
    return [
        (paint < 1.0, f"review app {where}: first screen with rows {paint:.2f} s (budget 1 s)"),
        (memory < 200, f"review app {where}: peak memory {memory:.0f} MB (budget 200 MB)"),
        (keys < 50, f"review app {where}: key press p95 {keys:.1f} ms (budget 50 ms)"),
    ]


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:,.1f} ms"


def _cell(timing: Timing) -> str:
    return f"{_ms(timing.median)} ({timing.low * 1000:,.1f}–{timing.high * 1000:,.1f})"


def machine_facts() -> dict[str, str]:
    facts = {
        "CPU": _cpu_model(),
        "cores": str(os.cpu_count()),
        "memory": _memory(),
        "OS": f"{platform.system()} {platform.release()} ({platform.machine()})",
        "Python": platform.python_version(),
        "SQLite": sqlite3.sqlite_version,
        "taskwarrior": taskwarrior.available() or "not installed",
    }
    for package in PACKAGES:
        try:
            facts[package] = metadata.version(package)
        except metadata.PackageNotFoundError:
            facts[package] = "not installed"
    return facts


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text(encoding="utf-8").splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def _memory() -> str:
    try:
        for line in Path("/proc/meminfo").read_text(encoding="utf-8").splitlines():
            if line.startswith("MemTotal"):
                return f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
    except OSError:
        pass
    return "unknown"


def write_report(results: Results, path: Path) -> None:
    path.write_text("\n".join(report_lines(results)) + "\n", encoding="utf-8")


def report_lines(results: Results) -> list[str]:
    args = results.args
    sizes = ",".join(str(s) for s in args.sizes)
    lines = [
        "# Benchmarks",
        "",
        f"Written by `uv run python -m bench --sizes {sizes} --runs {args.runs}` on "
        f"{datetime.now(UTC):%Y-%m-%d %H:%M} UTC. Budgets: DESIGN.md §5 and issue 7.",
        "",
        "## Verdict",
        "",
        *results.verdict_lines(),
        "",
        "## Machine",
        "",
        "| | |",
        "|---|---|",
        *(f"| {key} | {value} |" for key, value in results.machine.items()),
        "",
        "## How",
        "",
        "- Each ledger is made by `claims import` of a generated JSON Lines archive (see "
        "`bench/synthetic_ledger.py`: claimants with aliases, tags, sources, deadlines, "
        "re-dated, forecast and resolved claims) into an empty ledger made by `claims init`. "
        "The import's time is the whole `claims import` process (start-up, reading and "
        "checking every line, writing, commit); the raw rate is a plain `executemany` of the "
        "same rows, already in memory, into another empty ledger, in one transaction with the "
        "commit. The two run in turn, five times each up to 60,000 claims, three times at "
        "100,000 and once at 1,000,000, after an untimed import that writes the .pyc files; "
        "the share compares their medians.",
        "- Every figure is a whole process, wall clock: the median of "
        f"{args.runs} runs after {args.warmup} warm-up runs, with the minimum and maximum.",
        "- The measured processes run with bytecode enabled (PYTHONDONTWRITEBYTECODE is "
        "removed from their environment, and the warm-up runs write the .pyc files), as on a "
        "user's install.",
        "- The floor is a bare Python process (`python -c` importing only sqlite3) that opens "
        "the same file and runs the same SQL statements the command ran, recorded from the "
        "command by sqlite3's trace callback (for `add`, with fresh uids each run).",
        "- The clock is pinned (`CLAIMS_NOW=2026-06-01`); output goes to a pipe (no colour, "
        "100 columns). Taskwarrior runs on a data folder of its own with as many pending tasks, "
        "a third of them overdue.",
        "",
    ]
    for size in results.sizes:
        lines += _size_lines(size)
    return lines


def _size_lines(size: SizeResult) -> list[str]:
    lines = [f"## {size.claims:,} claims", ""]
    if size.imported is not None:
        imported = size.imported
        lines += [
            f"Import: {imported.rows:,} rows in {_seconds(imported.runs)} = "
            f"**{imported.rate:,.0f} rows/s**; raw executemany of the same rows into a fresh "
            f"ledger: {_seconds(imported.raw_runs)} = {imported.raw_rate:,.0f} rows/s; import at "
            f"**{imported.rate / imported.raw_rate:.1%}** of raw ({_times(len(imported.runs))}).",
            "",
        ]
    lines += [
        "| command | claims, median (min–max) | floor, median (min–max) | ratio | statements |",
        "|---|---|---|---|---|",
    ]
    for command in size.commands:
        lines.append(
            f"| `claims {command.name}` | {_cell(command.claims)} | {_cell(command.floor)} | "
            f"{command.ratio:.2f}x | {command.statements} |"
        )
    if size.taskwarrior is not None:
        lines += ["", "| taskwarrior | median (min–max) | claims ÷ taskwarrior |", "|---|---|---|"]
        for name, theirs in zip(("add", "due"), size.taskwarrior, strict=True):
            ours = size.command(name)
            ratio = f"{ours.claims.median / theirs.median:.2f}" if ours else "–"
            lines.append(f"| `{theirs.label}` | {_cell(theirs)} | {ratio} (`claims {name}`) |")
    if size.app:
        lines += [
            "",
            "Review app (headless, 120x36; first paint = process start to the first frame; "
            "first rows = to the first frame showing claims; keys: 112 presses while rows page "
            "in; memory = peak RSS):",
            "",
            "| run | first paint | first rows | peak memory | key p50 | key p95 | key max |",
            "|---|---|---|---|---|---|---|",
        ]
        for index, run in enumerate(size.app, start=1):
            lines.append(
                f"| {index} | {run['first_frame_s']:.2f} s | {run['first_rows_s']:.2f} s | "
                f"{run['max_rss_mb']:.0f} MB | {run['key_ms_p50']} ms | {run['key_ms_p95']} ms | "
                f"{run['key_ms_max']} ms |"
            )
    return [*lines, ""]


def _seconds(runs: list[float]) -> str:
    """The median of the runs, with the fastest and slowest where there are several."""
    middle = f"{statistics.median(runs):.2f} s"
    return middle if len(runs) == 1 else f"{middle} ({min(runs):.2f}–{max(runs):.2f})"


def _times(count: int) -> str:
    return "once" if count == 1 else f"medians of {count} runs each, in turn"
