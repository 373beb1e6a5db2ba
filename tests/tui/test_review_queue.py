"""The review queue by keys: its order, each resolve key, skip, and what the ledger holds."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import pytest

from ledger.rules import OUTCOMES
from tests.tui.app_fixtures import CLAIM_ID, SIZE, make_app, notices, press, read_back, shown
from tests.tui.virtual_table_fakes import settle
from tui import recording
from tui.recording import RecordedAction
from tui.screens.queue import RESOLVE_KEYS, ReviewScreen

QUEUE_ORDER = ["overdue-long", "overdue-short", "due-soon", "due-later", "no-deadline"]


async def test_the_queue_shows_overdue_longest_first_then_due_closing_soonest(
    review_db: Path,
) -> None:
    app = make_app(review_db, start_in_queue=True)
    seen = []
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ReviewScreen)
        while screen.claim is not None:
            seen.append(screen.claim.id)
            await press(pilot, "s")
        assert "Nothing left to review on 2026-11-29" in shown(app, "#card")
        assert "5 skipped" in shown(app, "#queue-status")
    assert seen == [CLAIM_ID[key] for key in QUEUE_ORDER]


@pytest.mark.parametrize("outcome", OUTCOMES)
async def test_each_resolve_key_records_its_outcome_and_moves_on(
    review_db: Path, outcome: str
) -> None:
    app = make_app(review_db, start_in_queue=True)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        first = CLAIM_ID["overdue-long"]
        assert app.screen.claim is not None and app.screen.claim.id == first
        await press(pilot, RESOLVE_KEYS[outcome])
        message = f"Claim {first} resolved: {outcome}"
        assert message in notices(app)
        assert f"Last: {message}" in shown(app, "#last-action")
        assert app.screen.claim is not None
        assert app.screen.claim.id == CLAIM_ID["overdue-short"]
        assert isinstance(app.screen, ReviewScreen)
        last = app.screen.last_action
        assert last is not None and (last.claim_id, last.kind) == (first, "resolved")
    with read_back(review_db) as ledger:
        claim = ledger.claim(first)
        assert (claim.row.outcome, claim.row.happened_on) == (outcome, None)
        assert ledger.history(first)[-1].actor == "tester"
        assert last.version == claim.version  # what undo will check


async def test_shift_b_resolves_with_the_day_it_happened_a_note_and_evidence(
    review_db: Path,
) -> None:
    app = make_app(review_db, start_in_queue=True)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "B")
        await pilot.press(*"2025-01-10")
        assert "broken means it had not happened by 2025-01-31" in shown(app, "#preview")
        await pilot.press(*["backspace"] * 5, *"02-20")
        assert shown(app, "#preview") == "broken on 2025-02-20"
        await pilot.press("tab", *"Shipped three weeks late", "tab", *"https://news.example/late")
        await press(pilot, "enter")
        assert (
            "Claim 1 resolved: broken on 2025-02-20, 20 days after the first deadline"
            in (notices(app)[-1])
        )
    with read_back(review_db) as ledger:
        claim = ledger.claim(CLAIM_ID["overdue-long"])
        assert claim.row.outcome == "broken"
        assert str(claim.row.happened_on) == "2025-02-20"
        assert claim.resolution_note == "Shipped three weeks late"
        assert [s.url for s in claim.evidence] == ["https://news.example/late"]


async def test_a_claim_resolved_elsewhere_meanwhile_is_refused_not_overwritten(
    review_db: Path,
) -> None:
    app = make_app(review_db, start_in_queue=True)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        with read_back(review_db) as other_shell:
            other_shell.forecast(1, 0.5, made_at=app.now(), now=app.now())
        await press(pilot, "k")
        assert any("was changed by checker" in text for text in notices(app))
        assert not app.screen.query_one("#last-action").display  # no "Recording…" left behind
        assert app.screen.claim is not None and app.screen.claim.id == CLAIM_ID["overdue-long"]
    with read_back(review_db) as ledger:
        assert ledger.claim(CLAIM_ID["overdue-long"]).row.outcome is None


async def test_a_resolve_on_its_way_says_so_until_the_ledger_answers(
    review_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    release, real_resolve = threading.Event(), recording.resolve

    def slow_resolve(*args: Any, **kwargs: Any) -> RecordedAction:
        release.wait(timeout=10)
        return real_resolve(*args, **kwargs)

    monkeypatch.setattr(recording, "resolve", slow_resolve)
    app = make_app(review_db, start_in_queue=True)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("k")
        await pilot.pause()
        assert shown(app, "#last-action") == "Recording claim 1 as kept…"
        release.set()
        await settle(pilot)
        assert shown(app, "#last-action") == "Last: Claim 1 resolved: kept"
