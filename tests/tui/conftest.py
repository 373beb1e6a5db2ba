"""Fixtures for the review app: temporary ledgers built fresh, or copied from the demo."""

from __future__ import annotations

from pathlib import Path

import pytest
import textual._wait

from tests.tui.app_fixtures import build_review_ledger, copy_demo

# Pilot waits after each key until the process looks idle: under 1 ms of CPU in a 20 ms sleep.
# On some virtual machines a bare asyncio sleep of 20 ms is charged about 2 ms, so no window
# ever looks idle and every key waits out the one-second limit twice. Four milliseconds still
# tells work from rest there; the tests wait for the app's workers themselves (settle).
textual._wait.SLEEP_IDLE = max(textual._wait.SLEEP_IDLE, 0.004)


@pytest.fixture
def review_db(tmp_path: Path) -> Path:
    """A ledger with a claim in every place of the review queue (see REVIEW_CLAIMS)."""
    path = tmp_path / "review.db"
    build_review_ledger(path)
    return path


@pytest.fixture
def demo_db(tmp_path: Path) -> Path:
    """A copy of the demo ledger."""
    return copy_demo(tmp_path / "demo.db")
