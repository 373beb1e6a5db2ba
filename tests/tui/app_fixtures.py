"""Ledgers and helpers for the review app's tests: a pinned clock, claims placed around today."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

from rich.text import Text
from textual.pilot import Pilot

from ledger.api import Ledger
from ledger.location import locate_ledger
from ledger.validate import draft_claim
from tests.conftest import DEMO_DB
from tests.tui.virtual_table_fakes import settle
from tui.app import ClaimsApp
from tui.gateway import LedgerGateway

NOW = datetime(2026, 11, 29, 12, 0, tzinfo=UTC)
TODAY = NOW.date()
SIZE = (120, 36)

# (key, statement, claimant, said, deadline): placed around TODAY with the deadline reader.
REVIEW_CLAIMS = (
    ("overdue-long", "Acme ships the rocket", "Elon Musk", "2025-01-05", "in January"),
    ("overdue-short", "The plant opens", "Sam Altman", "2026-09-01", "in October"),
    (
        "due-soon",
        "The model ships in a fortnight",
        "Elon Musk",
        "2026-11-20",
        "in one to two weeks",
    ),
    ("due-later", "Sales double this year", "Lisa Su", "2026-03-01", "this year"),
    ("upcoming", "The bridge opens in 2027", "Elon Musk", "2026-11-01", "2027"),
    ("no-deadline", "Robots will do the chores", "Elon Musk", "2026-01-10", ""),
    ("resolved", "It already happened", "Lisa Su", "2026-02-01", "this year"),
)


CLAIM_ID = {key: n for n, (key, *_rest) in enumerate(REVIEW_CLAIMS, start=1)}
"""The id each REVIEW_CLAIMS key gets (they are added in that order)."""


def build_review_ledger(path: Path) -> None:
    """A ledger with one claim in every queue position, and one resolved claim."""
    with Ledger.open(locate_ledger(str(path)), actor="tester", create=True) as ledger:
        for key, statement, claimant, said, deadline in REVIEW_CLAIMS:
            draft = draft_claim(
                statement=statement,
                claimant=claimant,
                said=said,
                deadline=deadline,
                sources=[f"https://news.example/{key}", f"https://blog.example/{key}"],
                today=TODAY,
                tags=[key.split("-")[0]],
            )
            detail = ledger.add(draft, now=NOW)
            if key == "resolved":
                ledger.resolve(detail.id, "kept", now=NOW)


def copy_demo(target: Path) -> Path:
    """A copy of the committed demo ledger (which no test ever writes to)."""
    shutil.copyfile(DEMO_DB, target)
    return target


def make_app(path: str | Path, *, start_in_queue: bool = False) -> ClaimsApp:
    gateway = LedgerGateway(locate_ledger(str(path)), actor="tester")
    return ClaimsApp(gateway, clock=lambda: NOW, start_in_queue=start_in_queue, warm_up=False)


@contextmanager
def read_back(path: str | Path) -> Iterator[Ledger]:
    """The ledger as the full store reads it, to check what the app wrote."""
    with Ledger.open(locate_ledger(str(path)), actor="checker") as ledger:
        yield ledger


def shown(app: ClaimsApp, selector: str) -> str:
    """The plain text a Static (or a StatusLine) shows now."""
    content = app.screen.query_one(selector).render()
    return content.plain if isinstance(content, Text) else str(content)


def notices(app: ClaimsApp) -> list[str]:
    return [notification.message for notification in app._notifications]


async def type_text(pilot: Pilot[None], text: str) -> None:
    await pilot.press(*text)


async def press(pilot: Pilot[None], *keys: str) -> None:
    """Press keys, then wait until every worker they started has finished."""
    await pilot.press(*keys)
    await settle(pilot)


async def until_claim_shown(pilot: Pilot[None]) -> None:
    """Wait until the detail pane shows a claim: its read starts only once the table's first
    rows are highlighted, which a busy machine may deliver after the workers went quiet."""
    for _ in range(200):
        await settle(pilot)
        if getattr(pilot.app.screen, "claim", None) is not None:
            return
        await pilot.pause(0.02)
    raise AssertionError("the detail pane never showed a claim")
