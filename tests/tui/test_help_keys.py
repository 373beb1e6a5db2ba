"""Help, the palette and the footer list the app's own keys, undo among them, and no others."""

from __future__ import annotations

from pathlib import Path

from textual.pilot import Pilot
from textual.widgets._footer import FooterKey

from tests.tui.app_fixtures import SIZE, make_app, notices, press, shown
from tests.tui.virtual_table_fakes import settle
from tui.app import ClaimsApp
from tui.screens.help import HelpScreen

NOISE = ("Focus Next", "Focus Previous", "Copy selected text", "Scroll", "Page Left", "palette\n")


def footer_keys(app: ClaimsApp, width: int) -> list[str]:
    """The keys the footer shows whole within the first `width` cells."""
    keys = app.screen.query(FooterKey)
    return [key.key for key in keys if key.region.right <= width and key.region.width]


async def help_text(app: ClaimsApp, pilot: Pilot[None]) -> str:
    await press(pilot, "question_mark")
    assert isinstance(app.screen, HelpScreen)
    text = shown(app, "#help-keys")
    await press(pilot, "escape")
    return text


async def test_undo_shows_in_help_palette_and_footer_before_any_change(review_db: Path) -> None:
    app = make_app(review_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert "z" in footer_keys(app, 80 - 12)  # left of the palette hint
        keys = await help_text(app, pilot)
        assert f"  {'z':<16}Undo" in keys
        undo = next(c for c in app.get_system_commands(app.screen) if c.title == "Undo")
        assert undo.help == "key: z"
        await press(pilot, "z")
        assert notices(app)[-1].startswith("Nothing to undo yet")
        await press(pilot, "r")
        assert "z" in footer_keys(app, 80 - 12)
        assert f"  {'z':<16}Undo" in await help_text(app, pilot)


async def test_help_leaves_out_textuals_own_keys_and_lists_each_action_once(
    review_db: Path,
) -> None:
    app = make_app(review_db, start_in_queue=True)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        for keys in (await help_text(app, pilot), await _claims_help(app, pilot)):
            assert not [noise for noise in NOISE if noise in keys], keys
            lines = [line for line in keys.splitlines() if line.startswith("  ")]
            assert len(lines) == len(set(lines))
            assert "Command palette" in keys


async def _claims_help(app: ClaimsApp, pilot: Pilot[None]) -> str:
    await press(pilot, "escape", "enter")
    text = await help_text(app, pilot)
    assert "Back to list" in text  # the detail pane's own key
    return text
