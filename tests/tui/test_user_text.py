"""User text shows literally in the app: markup stays text, escapes are shown, wide text aligns."""

from __future__ import annotations

from pathlib import Path

from rich.cells import cell_len

from ledger.api import Ledger
from ledger.location import locate_ledger
from ledger.validate import draft_claim
from tests.tui.app_fixtures import NOW, TODAY, make_app, notices, press, shown, until_claim_shown
from tests.tui.virtual_table_fakes import screen_lines
from tui.widgets import VirtualTable

MARKUP = "Vote [/] now [link=https://x.example]bbc.co.uk[/link]"
ESCAPES = "red \x1b[31malert\x1b[0m bell\x07 and \u202eabc"
WIDE = "東京都の新しい駅を二〇三〇年までに開業する 🚆🌱 " * 3
STATEMENTS = (MARKUP, ESCAPES, WIDE, "plain ascii statement")


def build(path: Path) -> None:
    with Ledger.open(locate_ledger(str(path)), actor="tester", create=True) as ledger:
        for text in STATEMENTS:
            draft = draft_claim(
                statement=text,
                claimant="[bold]東京都知事[/bold]",
                said="2026-01-01",
                deadline="this year",
                sources=["https://news.example/a"],
                today=TODAY,
                quote=text,
            )
            ledger.add(draft, now=NOW)


async def test_markup_escapes_and_wide_text_render_literally(tmp_path: Path) -> None:
    path = tmp_path / "text.db"
    build(path)
    app = make_app(path)
    async with app.run_test(size=(220, 40)) as pilot:
        await until_claim_shown(pilot)
        table = app.screen.query_one(VirtualTable)
        lines = screen_lines(table)[1:5]
        assert MARKUP in lines[0]
        assert "red \\x1b[31malert\\x1b[0m bell\\x07 and \\u202eabc" in lines[1]
        assert "[bold]東京都…" in lines[0]  # cut by display width, CJK counting double
        assert "…" in lines[2]
        assert {cell_len(line) for line in lines} == {table.scrollable_content_region.width}
        pairs = zip(lines, STATEMENTS, strict=True)
        starts = {cell_len(line[: line.index(text[:4])]) for line, text in pairs}
        assert len(starts) == 1  # the statements line up after the wide claimant names
        detail = shown(app, "#detail").splitlines()
        assert detail[1] == MARKUP
        assert "Claimant:  [bold]東京都知事[/bold]" in detail
        await press(pilot, "down")
        detail = shown(app, "#detail")
        assert "red \\x1b[31malert\\x1b[0m bell\\x07 and \\u202eabc" in detail
        assert "\x1b" not in detail and "\u202e" not in detail
        await press(pilot, "up", "f", *"40%", "enter")
        assert notices(app)[-1].startswith("Forecast recorded for claim 1: 40%")
