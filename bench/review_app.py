"""Measure `claims review` on a big ledger: first paint, memory, and key latency.

Each run is a fresh process (headless, 120x36), so imports count as they do for a user.
First frame is the time from starting the process to the app's first screen (its table still
counting); first rows, to the first screen that shows claim rows.
Key latency is how long a key press takes to be handled and the screen updated, while rows
page in behind it; it is measured as the user browses, and again while the full ledger
(SQLAlchemy) is imported in the background, which the app does only when the review queue
or a dialog opens, since it slows keys (see ClaimsApp.warm_writer).

Example:
    python -m bench.synthetic_ledger million.jsonl --claims 1000000
    claims import million.jsonl --db million.db
    python -m bench.review_app million.db
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

from bench.timing import child_env

CHILD = """
import asyncio, json, resource, sys, time
start = float(sys.argv[2])
from datetime import UTC, datetime
from textual import events
from ledger.location import locate_ledger
from tui.app import ClaimsApp
from tui.gateway import LedgerGateway
from tui.widgets import VirtualTable

KEYS = ["down"] * 30 + ["pagedown"] * 30 + ["up"] * 30 + ["pageup"] * 10 + ["end", "home"]

async def key_latency(app, table, key):
    # seconds from the key reaching the app to its handler having moved the cursor
    before = table.cursor_index
    began = time.perf_counter()
    app._driver.send_message(events.Key(key, None))
    while table.cursor_index == before:
        await asyncio.sleep(0)
    await asyncio.sleep(0)  # let the refresh it scheduled run
    return time.perf_counter() - began

def peak_memory_mb():
    # VmHWM is this process's own peak; ru_maxrss also counts the parent's before exec
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return round(int(line.split()[1]) / 1024, 1)
    except OSError:
        pass
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)

async def main(path, warm_up):
    gateway = LedgerGateway(locate_ledger(path), actor="bench")
    clock = lambda: datetime(2026, 11, 29, 12, tzinfo=UTC)
    app = ClaimsApp(gateway, clock=clock, warm_up=True)
    result = {}
    async with app.run_test(size=(120, 36)) as pilot:
        result["first_frame_s"] = time.time() - start
        while True:
            table = app.screen.query(VirtualTable)
            if table and table.first().cursor_key is not None:
                break
            await asyncio.sleep(0.002)
        await pilot.pause()
        result["first_rows_s"] = time.time() - start
        table = app.screen.query_one(VirtualTable)
        if warm_up:
            app.warm_writer()  # the worst case: the full ledger imports while keys come in
        latencies = []
        for key in KEYS:
            latencies.append(await key_latency(app, table, key))
            await asyncio.sleep(0.03)  # keyboard auto-repeat speed
        await asyncio.sleep(1.5)
        result["sqlalchemy_loaded"] = "sqlalchemy" in sys.modules
        source = app.screen.source
        result["rows_fetched"] = source.fetched_rows
        result["rows_cached"] = app.screen.query_one(VirtualTable).cached_row_count
        latencies.sort()
        result["key_ms_p50"] = round(latencies[len(latencies) // 2] * 1000, 1)
        result["key_ms_p95"] = round(latencies[int(len(latencies) * 0.95)] * 1000, 1)
        result["key_ms_max"] = round(latencies[-1] * 1000, 1)
    result["max_rss_mb"] = peak_memory_mb()
    print("RESULT " + json.dumps(result), flush=True)

asyncio.run(main(sys.argv[1], sys.argv[3] == "warm"))
"""


def run_once(path: Path, warm_up: bool) -> dict[str, object]:
    repo = Path(__file__).resolve().parent.parent
    start = time.time()
    done = subprocess.run(
        [sys.executable, "-c", CHILD, str(path), repr(start), "warm" if warm_up else "cold"],
        capture_output=True,
        text=True,
        cwd=repo,
        env=child_env({"PYTHONPATH": str(repo)}),
        timeout=600,
    )
    line = next((x for x in done.stdout.splitlines() if x.startswith("RESULT ")), None)
    if line is None:
        raise SystemExit(done.stderr or "the app did not report")
    result: dict[str, object] = json.loads(line.removeprefix("RESULT "))
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("path", type=Path, help="a ledger (see bench.synthetic_ledger)")
    parser.add_argument("--runs", type=int, default=3, help="runs of each kind")
    args = parser.parse_args()
    for warm_up in (False, True):
        for _ in range(args.runs):
            print(json.dumps({"warm_up": warm_up, **run_once(args.path, warm_up)}))


if __name__ == "__main__":
    main()
