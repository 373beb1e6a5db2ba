"""Adding a claim: the window shows as the deadline is typed; nothing saves until all is valid."""

from __future__ import annotations

from pathlib import Path

from ledger.query import ClaimQuery
from tests.tui.app_fixtures import SIZE, TODAY, make_app, notices, press, read_back, shown
from tests.tui.virtual_table_fakes import settle
from tui.dialogs.add_claim import AddClaimDialog
from tui.screens.claims import ClaimsScreen

MARKUP = "Vote [/] now [link=https://x.example]bbc.co.uk[/link]"


def claim_count(path: Path) -> int:
    with read_back(path) as ledger:
        return ledger.count(ClaimQuery(include_withdrawn=True), today=TODAY)


async def test_add_shows_the_window_live_and_refuses_until_every_field_holds(
    review_db: Path,
) -> None:
    before = claim_count(review_db)
    app = make_app(review_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "a")
        assert isinstance(app.screen, AddClaimDialog)
        assert app.screen.value("said") == "2026-11-29"
        assert shown(app, "#deadline-reading") == "No deadline: the claim stays open-ended."
        await pilot.press(*MARKUP, "tab", *"马斯克", "tab", "tab", *"in Decembre")
        assert "->" not in shown(app, "#deadline-reading")  # the reader's refusal, in red
        await pilot.press("backspace", "backspace", *"er")
        assert shown(app, "#deadline-reading").startswith(
            "in December -> 2026-12-01..2026-12-31 (month)"
        )
        await pilot.press(*" maybe", "tab", "tab", "tab", *"two words", "tab", *"sometimes")
        await press(pilot, "enter")
        assert isinstance(app.screen, AddClaimDialog)
        assert shown(app, "#error") == "3 fields need a look; nothing was saved"
        assert shown(app, "#sources-error") == "a claim needs at least one source URL"
        assert "unknown hedge 'sometimes'" in shown(app, "#hedge-error")
        assert shown(app, "#deadline-error") == ""  # the reading says it already
        assert "may not hold spaces" not in shown(app, "#tags-error")  # spaces split tags
        assert app.screen.query_one("#deadline").has_focus  # the first field at fault
        assert claim_count(review_db) == before

        await pilot.press("end", *["backspace"] * 6, "tab", *"https://news.example/vote")
        assert shown(app, "#sources-error") == ""
        await pilot.press(*["tab"] * 3, *["backspace"] * 9, *"hopes", "tab", "tab", *"30%")
        await press(pilot, "ctrl+s")
        assert isinstance(app.screen, ClaimsScreen)
        new_id = before + 1
        assert notices(app)[-1].startswith(f"Added claim {new_id}: Vote [/] now [link=")
    with read_back(review_db) as ledger:
        claim = ledger.claim(new_id)
        assert claim.row.statement == MARKUP
        assert claim.row.claimant == "马斯克"
        assert (str(claim.row.said_on), str(claim.row.window_end)) == ("2026-11-29", "2026-12-31")
        assert claim.row.tags == ("two", "words")
        assert claim.hedge == "hopes"
        assert claim.row.last_forecast == 0.3
        assert [s.url for s in claim.sources] == ["https://news.example/vote"]


async def test_escape_leaves_the_form_and_saves_nothing(review_db: Path) -> None:
    before = claim_count(review_db)
    app = make_app(review_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "a", *"Half typed", "escape")
        assert isinstance(app.screen, ClaimsScreen)
    assert claim_count(review_db) == before
