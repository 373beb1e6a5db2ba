"""A writer killed at any moment (kill -9) leaves a sound ledger whose claims match their events."""

from __future__ import annotations

import os
import random
import signal
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import NoReturn

import pytest

from ledger.api import Ledger
from ledger.location import locate_ledger
from ledger.records import SourceDraft
from tests.conftest import GROK, Cli
from tests.ledger_state import assert_consistent

KILLS = 50
NOW = datetime(2026, 11, 29, 12, tzinfo=UTC)


def resolve_forever(db: Path, report: int) -> NoReturn:
    """Resolve and reopen claims in a loop, writing B before each change and C after it."""
    try:
        ledger = Ledger.open(locate_ledger(str(db)), actor="crash")
        evidence = (SourceDraft("https://e.example/proof", role="evidence"),)
        while True:
            for claim in (1, 2, 3):
                os.write(report, b"B")
                if ledger.claim(claim).row.outcome is None:
                    ledger.resolve(claim, "kept", evidence=evidence, note="done " * 50, now=NOW)
                else:
                    ledger.reopen(claim, now=NOW)
                os.write(report, b"C")
    finally:
        os._exit(1)


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs os.fork")
def test_kill_9_while_resolving_never_damages_the_ledger(cli: Cli, db_path: Path) -> None:
    for _ in range(3):
        cli.ok(*GROK)
    chance = random.Random(6)
    inside_a_change = 0
    for _ in range(KILLS):
        read_end, write_end = os.pipe()
        pid = os.fork()
        if pid == 0:
            os.close(read_end)
            resolve_forever(db_path, write_end)
        os.close(write_end)
        os.read(read_end, 1)  # it has started its first change
        time.sleep(chance.uniform(0, 0.05))
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        trail = b""
        while chunk := os.read(read_end, 4096):
            trail += chunk
        os.close(read_end)
        inside_a_change += trail.endswith(b"B")
        assert_consistent(db_path)
    # Most kills land inside a change, since that is where the writer spends its time.
    assert inside_a_change > 0
