"""The reports screen: the figures of claims due, report and calibration, for the filtered list."""

from __future__ import annotations

from pathlib import Path

from ledger.cli.main import main
from tests.tui.app_fixtures import SIZE, make_app, press, shown
from tests.tui.virtual_table_fakes import settle
from tui.screens.reports import ReportsScreen


async def test_reports_show_the_demo_track_record_and_charts(demo_db: Path) -> None:
    app = make_app(demo_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "R")
        assert isinstance(app.screen, ReportsScreen)
        due = shown(app, "#report-due")
        assert due.startswith("Today, 2026-11-29: 0 overdue, 0 inside their window")
        track = shown(app, "#report-track")
        assert "Elon Musk: 6 claims" in track
        assert "slip 48d median, 48d mean (1 claim)" in track
        assert "Slip: claims that came true" in track
        calibration = shown(app, "#report-calibration")
        assert "Calibration: 0 forecasts scored" in calibration
        assert "left out: 8 no forecast" in calibration
        await press(pilot, "escape")
        assert not isinstance(app.screen, ReportsScreen)


async def test_reports_follow_the_filter_and_score_new_forecasts(review_db: Path) -> None:
    app = make_app(review_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "slash", *"by:musk", "enter")
        await press(pilot, "R")
        due = shown(app, "#report-due")
        assert due.startswith("Today, 2026-11-29: 1 overdue, 1 inside their window")
        assert "Acme ships the rocket" in due
        assert "The plant opens" not in due  # Sam Altman's, outside the filter
        assert "left out: 4 no forecast" in shown(app, "#report-calibration")
        db = str(review_db)
        assert main(["forecast", "1", "0.2", "--at", "2025-01-06", "--db", db]) == 0
        assert main(["resolve", "1", "broken", "--db", db]) == 0
        await press(pilot, "g")
        calibration = shown(app, "#report-calibration")
        # One forecast of 20% on a claim that was broken: Brier (0.2 - 0)^2 = 0.04.
        assert "Calibration: 1 forecast scored" in calibration
        assert "0.040" in calibration
        assert "left out: 3 no forecast" in calibration
