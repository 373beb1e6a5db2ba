"""Fixtures for the review app: temporary ledgers built fresh, or copied from the demo."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.tui.app_fixtures import build_review_ledger, copy_demo


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
