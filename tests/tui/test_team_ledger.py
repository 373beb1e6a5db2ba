"""The app on a team ledger: the same keys on PostgreSQL, and a concurrent change refused."""

from __future__ import annotations

from ledger.cli.main import main
from tests.conftest import DEMO_DB, Backend
from tests.tui.app_fixtures import SIZE, make_app, notices, press, read_back
from tests.tui.virtual_table_fakes import settle


async def test_the_queue_resolves_a_demo_claim_on_either_backend(backend: Backend) -> None:
    assert main(["copy", "--from", str(DEMO_DB), "--to", backend.url]) == 0
    app = make_app(backend.url, start_in_queue=True)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert app.screen.claim is not None and app.screen.claim.id == 6
        await press(pilot, "u")
        assert "Claim 6 resolved: unverifiable" in notices(app)
    with read_back(backend.url) as ledger:
        assert ledger.claim(6).row.outcome == "unverifiable"
        assert ledger.history(6)[-1].actor == "tester"


async def test_a_change_made_elsewhere_meanwhile_is_refused_with_who_and_when(
    backend: Backend,
) -> None:
    assert main(["copy", "--from", str(DEMO_DB), "--to", backend.url]) == 0
    app = make_app(backend.url, start_in_queue=True)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert main(["forecast", "6", "0.1", "--db", backend.url]) == 0  # ana, in another shell
        await press(pilot, "k")
        refusal = notices(app)[-1]
        assert "claim 6 was changed by tester at" in refusal
        assert "reload and try again" in refusal
    with read_back(backend.url) as ledger:
        assert ledger.claim(6).row.outcome is None
