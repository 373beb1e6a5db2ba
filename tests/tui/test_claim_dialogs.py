"""Re-date, forecast and note from the keyboard: live previews, inline errors, what is saved."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import Label

from tests.tui.app_fixtures import CLAIM_ID, SIZE, make_app, notices, press, read_back, shown
from tests.tui.virtual_table_fakes import settle
from tui import recording
from tui.dialogs.claim_dialogs import ForecastDialog, NoteDialog, RedateDialog, ResolveDialog
from tui.recording import RecordedAction
from tui.screens.queue import ReviewScreen

FIRST = CLAIM_ID["overdue-long"]


async def test_redate_reads_the_phrase_as_it_is_typed_then_saves_it(review_db: Path) -> None:
    app = make_app(review_db, start_in_queue=True)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "d")
        assert isinstance(app.screen, RedateDialog)
        assert "its window shows here" in shown(app, "#preview")
        await pilot.press(*"in one to two")
        assert "->" not in shown(app, "#preview")  # the reader's refusal, in red
        await pilot.press(*" weeks")
        assert shown(app, "#preview").startswith("in one to two weeks -> 2026-11-29..2026-12-13")
        await pilot.press("tab", *["backspace"] * 10, *"2026-11-20")
        assert "2026-11-20..2026-12-04" in shown(app, "#preview")
        await pilot.press("tab", *"https://news.example/redated")
        await press(pilot, "enter")
        assert isinstance(app.screen, ReviewScreen)
        assert notices(app)[-1].startswith(
            f"Claim {FIRST} re-dated (said 2026-11-20): "
            "in one to two weeks -> 2026-11-20..2026-12-04"
        )
        assert app.screen.claim is not None and app.screen.claim.id != FIRST  # moved on
    with read_back(review_db) as ledger:
        claim = ledger.claim(FIRST)
        assert [d.phrase for d in claim.deadlines] == ["in January", "in one to two weeks"]
        latest = claim.deadlines[-1]
        assert (str(latest.said_on), str(latest.window_end)) == ("2026-11-20", "2026-12-04")
        assert latest.source_url == "https://news.example/redated"
        assert claim.row.state(app.today()) == "due"


async def test_redate_said_before_the_claim_is_refused_inline_and_nothing_is_saved(
    review_db: Path,
) -> None:
    app = make_app(review_db, start_in_queue=True)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "d")
        await pilot.press(*"2026", "tab", *["backspace"] * 10, *"2024-01-01")
        assert "before the claim itself (2025-01-05)" in shown(app, "#preview")
        await press(pilot, "enter")
        assert isinstance(app.screen, RedateDialog)
        assert shown(app, "#error") == ""  # the preview says it; not twice
        await press(pilot, "escape")
        assert isinstance(app.screen, ReviewScreen)
    with read_back(review_db) as ledger:
        assert len(ledger.claim(FIRST).deadlines) == 1


async def test_forecast_takes_a_percentage_or_a_fraction(review_db: Path) -> None:
    app = make_app(review_db, start_in_queue=True)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "f")
        assert isinstance(app.screen, ForecastDialog)
        await pilot.press(*"170%")
        assert "outside 0..1" in shown(app, "#preview")
        await press(pilot, "enter")
        assert isinstance(app.screen, ForecastDialog)
        assert shown(app, "#error") == ""  # said once, by the preview
        assert notices(app) == []
        await pilot.press("home", "delete")
        assert shown(app, "#preview") == "70% that it comes true by 2025-01-31"
        await press(pilot, "enter")
        assert notices(app)[-1] == f"Forecast recorded for claim {FIRST}: 70% (2026-11-29)"
        assert app.screen.claim is not None and app.screen.claim.id == FIRST  # still on it
        await press(pilot, "f", *"0.25", "enter")
    with read_back(review_db) as ledger:
        claim = ledger.claim(FIRST)
        assert [f.probability for f in claim.forecasts] == [0.7, 0.25]
        assert claim.row.last_forecast == 0.25


async def test_note_keeps_a_note_and_an_evidence_url(review_db: Path) -> None:
    app = make_app(review_db, start_in_queue=True)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "n")
        assert isinstance(app.screen, NoteDialog)
        await press(pilot, "enter")
        assert shown(app, "#error") == "give a note, an evidence URL, or both"
        assert app.screen.query_one("#note").has_focus  # the note comes first
        await pilot.press("tab", *"ftp://files.example/x")
        await press(pilot, "enter")
        assert "is not an http or https URL" in shown(app, "#error")
        await pilot.press(*["backspace"] * 21, *"https://news.example/proof")
        await pilot.press("shift+tab", *"Launch video, [not] markup")
        await press(pilot, "enter")
        assert notices(app)[-1] == (
            f"Claim {FIRST}: evidence added: https://news.example/proof  "
            "“Launch video, [not] markup”"
        )
        assert "[3] https://news.example/proof  “Launch video, [not] markup”" in shown(app, "#card")
        await press(pilot, "n", *"Only a note", "enter")
    with read_back(review_db) as ledger:
        evidence = ledger.claim(FIRST).evidence
        assert [(s.url, s.title) for s in evidence] == [
            ("https://news.example/proof", "Launch video, [not] markup"),
            (None, "Only a note"),
        ]


@pytest.mark.parametrize(
    ("key", "label"),
    [("K", "Kept on"), ("B", "Broken — it happened on"), ("X", "Retracted on")],
)
async def test_the_resolve_dialog_names_its_date_by_outcome_and_says_a_refusal_once(
    review_db: Path, key: str, label: str
) -> None:
    app = make_app(review_db, start_in_queue=True)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, key)
        assert isinstance(app.screen, ResolveDialog)
        assert str(app.screen.query(Label).first().render()).startswith(label)
        await pilot.press(*"2030-01-01")
        await press(pilot, "enter")
        assert "is in the future" in shown(app, "#preview")
        assert shown(app, "#error") == ""
        assert notices(app) == []
    with read_back(review_db) as ledger:
        assert ledger.claim(FIRST).row.outcome is None


async def test_a_dialog_says_it_is_saving_until_the_ledger_answers(
    review_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    release, real_forecast = threading.Event(), recording.forecast

    def slow_forecast(*args: Any, **kwargs: Any) -> RecordedAction:
        release.wait(timeout=10)
        return real_forecast(*args, **kwargs)

    monkeypatch.setattr(recording, "forecast", slow_forecast)
    app = make_app(review_db, start_in_queue=True)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "f")
        await pilot.press(*"70%", "enter")
        await pilot.pause()
        assert app.screen.query_one(".dialog").border_subtitle == "Saving…"
        release.set()
        await settle(pilot)
        assert isinstance(app.screen, ReviewScreen)
    with read_back(review_db) as ledger:
        assert [f.probability for f in ledger.claim(FIRST).forecasts] == [0.7]
