"""Run the whole benchmark and write BENCHMARKS.md: `uv run python -m bench`.

For each size it imports a made-up ledger through `claims import` (timed beside a raw
executemany of the same rows), then times whole-process `claims add`, `due`, `list --limit 50`
and `show` beside the floor (bare Python and sqlite3 running the same statements on the same
file) and, when `task` is installed, taskwarrior with as many tasks; at the largest size it
measures the review app. Processes run with bytecode enabled, after warm-up runs.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from datetime import date
from pathlib import Path

from bench import review_app, taskwarrior
from bench.floor import (
    delete_claim,
    latest_claim,
    time_floor,
    trace_statements,
    write_statements,
)
from bench.ledgers import claims_command, make_ledger, run_claims
from bench.report import CommandResult, Results, SizeResult, machine_facts, write_report
from bench.timing import time_process

SIZES = (0, 10_000, 100_000, 1_000_000)
TASKWARRIOR_MAX = 100_000  # importing a million tasks into taskwarrior takes hours
CLIMATE = {"CLAIMS_NOW": "2026-06-01T12:00:00", "CLAIMS_USER": "bench", "COLUMNS": "100"}


def command_lines(db: Path, claims: int) -> dict[str, list[str]]:
    middle = str(max(1, claims // 2))
    return {
        "add": [
            "add",
            "Benchmark claim {i}: the factory opens by the end of the year",
            *("--by", "Elon Musk 0", "--said", "2026-05-01"),
            *("--deadline", "by the end of the year", "--tag", "ai"),
            *("--source", "https://bench.example/{i}"),
        ],
        "due": ["due"],
        "list": ["list", "--limit", "50"],
        "show": ["show", middle],
    }


def measure_command(
    name: str, argv: list[str], db: Path, work: Path, *, runs: int, warmup: int
) -> CommandResult:
    def filled(index: int) -> list[str]:
        return [word.replace("{i}", str(index)) for word in argv] + ["--db", str(db)]

    statements = trace_statements(filled(10**6), db, work / f"{name}.json")
    script = write_statements(statements, work / f"{name}.sql")
    cleanup = None
    if name == "add":
        traced = latest_claim(db)
        delete_claim(db, traced)

        def cleanup() -> None:
            delete_claim(db, traced)

    # The floor first: the claims runs of `add` take the traced claim's id for their own.
    floor = time_floor(f"floor {name}", script, db, runs=runs, warmup=warmup, after=cleanup)
    claims = time_process(
        f"claims {name}",
        lambda i: claims_command(*filled(i)),
        runs=runs,
        env=CLIMATE,
        warmup=warmup,
    )
    return CommandResult(name, claims, floor, len(statements))


def measure_size(claims: int, work: Path, args: argparse.Namespace) -> SizeResult:
    print(f"== {claims:,} claims", flush=True)
    db, imported = make_ledger(work, claims)
    if imported:
        print(
            f"import: {imported.rate:,.0f} rows/s, raw executemany {imported.raw_rate:,.0f}"
            f" rows/s: {imported.rate / imported.raw_rate:.1%}",
            flush=True,
        )
    result = SizeResult(claims, imported)
    lines = command_lines(db, claims)
    # One claim first, so that the claimant and tag exist and every timed add (and the floor's
    # replay of its statements) does the same work, on an empty ledger too.
    run_claims(*[word.replace("{i}", "setup") for word in lines["add"]], "--db", str(db))
    for name, argv in lines.items():
        measured = measure_command(name, argv, db, work, runs=args.runs, warmup=args.warmup)
        result.commands.append(measured)
        print(f"{measured.claims.label}: {measured.claims.ms()}", flush=True)
        print(f"  floor: {measured.floor.ms()}  ratio {measured.ratio:.2f}x", flush=True)
    if args.taskwarrior and claims <= TASKWARRIOR_MAX:
        env = taskwarrior.make_taskdata(work / f"task-{claims}", claims, today=date.today())
        result.taskwarrior = taskwarrior.time_taskwarrior(env, runs=args.runs)
        for timing in result.taskwarrior:
            print(f"{timing.label}: {timing.ms()}", flush=True)
    if args.app and claims == max(args.sizes) and claims > 0:
        result.app = [review_app.run_once(db, warm_up=False) for _ in range(args.app_runs)]
        print(f"review app: {result.app}", flush=True)
    return result


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument(
        "--sizes",
        type=lambda text: tuple(int(x) for x in text.split(",")),
        default=SIZES,
        help="ledger sizes in claims, comma-separated (default: 0,10000,100000,1000000)",
    )
    parser.add_argument("--runs", type=int, default=10, help="timed runs of each command")
    parser.add_argument("--warmup", type=int, default=2, help="untimed runs before them")
    parser.add_argument("--app-runs", type=int, default=3, help="runs of the review app")
    parser.add_argument("--output", type=Path, default=Path("BENCHMARKS.md"))
    parser.add_argument(
        "--keep", type=Path, help="make (and keep) the ledgers in this folder, not a temp one"
    )
    parser.add_argument("--no-taskwarrior", dest="taskwarrior", action="store_false")
    parser.add_argument("--no-app", dest="app", action="store_false")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> None:
    args = parse_args(argv)
    results = Results(machine_facts(), args)
    with tempfile.TemporaryDirectory(prefix="claims-bench-") as scratch:
        work = args.keep or Path(scratch)
        work.mkdir(parents=True, exist_ok=True)
        for claims in args.sizes:
            results.sizes.append(measure_size(claims, work, args))
            write_report(results, args.output)  # a partial report survives a later failure
    print(f"Wrote {args.output}")
    print("\n".join(results.verdict_lines()))


if __name__ == "__main__":
    sys.exit(main())
