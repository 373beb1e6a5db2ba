"""What a new user meets: no terminal, an empty ledger, and status text without nested brackets."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from ledger.cli.main import main
from tests.tui.app_fixtures import CLAIM_ID, SIZE, make_app, notices, press, shown
from tests.tui.virtual_table_fakes import screen_lines, settle
from tui.app import ClaimsApp
from tui.widgets import VirtualTable


def nested_brackets(text: str) -> bool:
    depth = 0
    for char in text:
        depth += {"(": 1, ")": -1}.get(char, 0)
        if depth > 1:
            return True
    return False


@pytest.fixture
def empty_db(tmp_path: Path) -> Path:
    path = tmp_path / "empty.db"
    assert main(["init", str(path)]) == 0
    return path


def test_review_without_a_terminal_says_so_in_one_line_and_exits_2(
    empty_db: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def never(_app: ClaimsApp) -> None:
        raise AssertionError("the app ran without a terminal")

    monkeypatch.setattr(ClaimsApp, "run", never)
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    capsys.readouterr()
    assert main(["review", "--db", str(empty_db)]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err.startswith("claims: review needs a terminal")
    assert err.count("\n") == 1


async def test_an_empty_ledger_says_how_to_add_a_claim(empty_db: Path) -> None:
    app = make_app(empty_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        table = app.screen.query_one(VirtualTable)
        assert "No claims yet: press a to add one, or run `claims add`" in screen_lines(table)[1]
        assert "`claims add --help`" in shown(app, "#detail")
        await press(pilot, "slash", *"by:nobody", "enter")
        assert "No claims match the filter" in screen_lines(table)[1]
        assert shown(app, "#detail").startswith("No claims match the filter")
        await press(pilot, "r")
        assert shown(app, "#card").startswith("Nothing to review on 2026-11-29.")
        assert "a adds a claim" in shown(app, "#card")


async def test_added_claims_and_their_deadlines_read_without_nested_brackets(
    review_db: Path,
) -> None:
    app = make_app(review_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "a", *"Robots fold laundry", "tab", *"Elon Musk", "tab", "tab")
        await press(pilot, *"in December", "tab", *"https://news.example/r", "enter")
        assert notices(app)[-1].endswith("deadline in December -> 2026-12-01..2026-12-31 (month)")
        assert not any(nested_brackets(notice) for notice in notices(app))
        assert app.screen.claim is not None and app.screen.claim.id == 8  # the new claim
        await press(pilot, *["up"] * 2)  # the claim with no deadline
        assert app.screen.claim is not None
        assert app.screen.claim.id == CLAIM_ID["no-deadline"]
        assert "Deadline:  none given" in shown(app, "#detail")
        assert not nested_brackets(shown(app, "#detail"))


def test_the_app_refuses_an_empty_file_and_leaves_it_empty(tmp_path: Path) -> None:
    from ledger.errors import NotFoundError
    from ledger.location import locate_ledger
    from tui.launch import make_app as launch_app

    empty = tmp_path / "empty.db"
    empty.touch()
    with pytest.raises(NotFoundError, match="empty database, not a claims ledger yet"):
        launch_app(locate_ledger(str(empty)), actor="tester")
    assert empty.stat().st_size == 0
