"""`z` takes back the last change a screen recorded, and pressing it again redoes it."""

from __future__ import annotations

from pathlib import Path

from ledger.cli.main import main
from tests.tui.app_fixtures import CLAIM_ID, SIZE, make_app, notices, press, read_back, shown
from tests.tui.virtual_table_fakes import settle
from tui.screens.queue import ReviewScreen


async def test_z_in_the_queue_brings_the_resolved_claim_back_then_redoes(review_db: Path) -> None:
    first, second = CLAIM_ID["overdue-long"], CLAIM_ID["overdue-short"]
    app = make_app(review_db, start_in_queue=True)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ReviewScreen)
        await press(pilot, "b")
        assert screen.claim is not None and screen.claim.id == second
        await press(pilot, "z")
        assert f"Undid: Claim {first} resolved: broken" in notices(app)
        assert screen.claim is not None and screen.claim.id == first  # back on the card
        with read_back(review_db) as ledger:
            assert ledger.claim(first).row.outcome is None
            assert [e.kind for e in ledger.history(first)][-2:] == ["resolved", "undone"]
        await press(pilot, "z")
        assert f"Redid: Claim {first} resolved: broken" in notices(app)
    with read_back(review_db) as ledger:
        assert ledger.claim(first).row.outcome == "broken"
        assert [e.kind for e in ledger.history(first)][-3:] == ["resolved", "undone", "undone"]


async def test_the_claim_an_undo_displaced_comes_back_and_the_tally_counts_net(
    review_db: Path,
) -> None:
    first, second = CLAIM_ID["overdue-long"], CLAIM_ID["overdue-short"]
    app = make_app(review_db, start_in_queue=True)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ReviewScreen)
        await press(pilot, "b")
        assert "this pass: 1 resolved" in shown(app, "#queue-status")
        await press(pilot, "z")
        assert screen.claim is not None and screen.claim.id == first
        assert "this pass: nothing yet" in shown(app, "#queue-status")
        assert "queue  ·  5 open  ·  this pass" in shown(app, "#queue-status")
        await press(pilot, "z")  # redo: the displaced claim is the next card again
        assert screen.claim is not None and screen.claim.id == second
        assert "this pass: 1 resolved" in shown(app, "#queue-status")
        assert "queue  ·  4 open  ·  this pass" in shown(app, "#queue-status")
        await press(pilot, "z", "k")  # undo, then settle it another way
        assert screen.claim is not None and screen.claim.id == second
        assert "this pass: 1 resolved" in shown(app, "#queue-status")
    with read_back(review_db) as ledger:
        assert ledger.claim(first).row.outcome == "kept"
        assert ledger.claim(second).row.outcome is None


async def test_z_on_the_claims_screen_takes_back_a_forecast(review_db: Path) -> None:
    app = make_app(review_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "z")  # nothing recorded yet: the key says so and writes nothing
        assert notices(app) == ["Nothing to undo yet: z takes back the last change made here."]
        await press(pilot, "f", *"70%", "enter")
        with read_back(review_db) as ledger:
            assert [f.probability for f in ledger.claim(1).forecasts] == [0.7]
        await press(pilot, "z")
        assert "Undid: Forecast recorded for claim 1: 70%" in notices(app)[-1]
    with read_back(review_db) as ledger:
        assert ledger.claim(1).forecasts == ()


async def test_z_refuses_when_the_claim_changed_in_another_shell(review_db: Path) -> None:
    first = CLAIM_ID["overdue-long"]
    app = make_app(review_db, start_in_queue=True)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "k")
        assert main(["forecast", str(first), "0.5", "--db", str(review_db)]) == 0
        await press(pilot, "z")
        assert any("changed since" in n or "no longer" in n for n in notices(app)), notices(app)
    with read_back(review_db) as ledger:
        claim = ledger.claim(first)
        assert claim.row.outcome == "kept"
        assert [f.probability for f in claim.forecasts] == [0.5]
