"""Export files are safe: formula cells neutralised, no overwrite, no links, never half-written."""

from __future__ import annotations

import csv
import errno
import io
import json
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ledger.archive import csv_format, jsonl
from ledger.archive.csv_format import neutralise, restore
from ledger.cli.progress import ProgressBar
from ledger.textsafe import is_unsafe
from tests.conftest import GROK, Cli, dump
from tests.ledger_state import assert_consistent, build_busy_ledger

DANGEROUS = ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx", "'=x", "''+x"]


@pytest.mark.parametrize("text", DANGEROUS)
def test_formula_cells_are_neutralised_and_restored(text: str) -> None:
    assert neutralise(text).startswith("'")
    assert neutralise(text)[1:] == text
    assert restore(neutralise(text)) == text


@given(st.text())
def test_neutralising_is_undone_exactly(text: str) -> None:
    assert restore(neutralise(text)) == text
    assert not neutralise(text).startswith(("=", "+", "-", "@", "\t", "\r"))


def test_csv_export_neutralises_every_cell_and_imports_back(cli: Cli, tmp_path: Path) -> None:
    cli.ok(
        "add",
        '=HYPERLINK("https://evil.example","click")',
        "--by",
        "@attacker",
        "--said",
        "2024-09-04",
        "--quote=-2+3",
        "--condition",
        "+cmd|' /C calc'!A0",
        "--source",
        "https://a.example/",
    )
    cli.ok("export", str(tmp_path / "out.csv"))
    with (tmp_path / "out.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    for cell in rows[1]:
        assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), cell
    assert rows[1][1] == '\'=HYPERLINK("https://evil.example","click")'
    copy = tmp_path / "copy.db"
    cli.ok("import", str(tmp_path / "out.csv"), "--db", str(copy))
    data = json.loads(cli.ok("show", "1", "--json", "--db", str(copy)).out)
    assert data["row"]["statement"] == '=HYPERLINK("https://evil.example","click")'
    assert data["row"]["claimant"] == "@attacker"
    assert data["quote"] == "-2+3"


def test_csv_round_trip_keeps_every_column(cli: Cli, tmp_path: Path, db_path: Path) -> None:
    build_busy_ledger(cli, db_path)
    cli.ok("export", str(tmp_path / "a.csv"))
    copy = tmp_path / "copy.db"
    cli.ok("import", str(tmp_path / "a.csv"), "--db", str(copy))
    assert_consistent(copy)
    cli.ok("export", str(tmp_path / "b.csv"), "--db", str(copy))
    assert (tmp_path / "a.csv").read_bytes() == (tmp_path / "b.csv").read_bytes()
    before = dump(copy)
    assert "3 already here" in cli.ok("import", str(tmp_path / "a.csv"), "--db", str(copy)).out
    assert dump(copy) == before


def test_a_hand_made_sheet_imports_once(cli: Cli, tmp_path: Path, db_path: Path) -> None:
    sheet = tmp_path / "sheet.csv"
    sheet.write_text(
        "statement,claimant,said_on,deadline,sources,outcome,happened_on\n"
        "Grok-3 in December,Elon Musk,2024-09-04,in December,https://a.example/,broken,2025-02-17\n"
        "Optimus for sale,Tesla,2025-01-01,2026,https://b.example/ https://c.example/,,\n",
        encoding="utf-8",
    )
    assert "2 claims added" in cli.ok("import", str(sheet)).out
    assert "2 already here" in cli.ok("import", str(sheet)).out
    rows = json.loads(cli.ok("list", "--json").out)
    assert [(r["outcome"], r["slip_days"]) for r in rows] == [("broken", 48), (None, None)]
    assert_consistent(db_path)


def test_evidence_on_an_open_claim_survives_the_sheet(
    cli: Cli, tmp_path: Path, db_path: Path
) -> None:
    cli.ok(*GROK)
    cli.ok("source", "1", "https://evidence.example/so-far", "--evidence")
    cli.ok("export", str(tmp_path / "a.csv"))
    copy = tmp_path / "copy.db"
    cli.ok("import", str(tmp_path / "a.csv"), "--db", str(copy))
    assert_consistent(copy)
    sources = json.loads(cli.ok("show", "1", "--json", "--db", str(copy)).out)["sources"]
    assert [(s["role"], s["url"]) for s in sources][-1] == (
        "evidence",
        "https://evidence.example/so-far",
    )
    cli.ok("export", str(tmp_path / "b.csv"), "--db", str(copy))
    assert (tmp_path / "a.csv").read_bytes() == (tmp_path / "b.csv").read_bytes()


@pytest.mark.parametrize(
    "sheet",
    [
        "statement,claimant,said_on,colour\nA,B,2024-01-01,red\n",
        "statement,claimant\nA,B\n",
        "statement,claimant,said_on,sources\nA,B,2024-01-01,javascript:alert(1)\n",
        "statement,claimant,said_on,sources,deadline\nA,B,2024-01-01,https://a.example/,pigs fly\n",
        "statement,claimant,said_on,sources\nA,B,2024-01-01,https://a.example/,extra\n",
        "",
    ],
    ids=["unknown column", "no said date", "bad URL", "bad deadline", "extra cell", "empty"],
)
def test_a_bad_sheet_is_refused_and_nothing_is_written(
    cli: Cli, tmp_path: Path, db_path: Path, sheet: str
) -> None:
    cli.ok(*GROK)
    before = dump(db_path)
    (tmp_path / "bad.csv").write_text(sheet, encoding="utf-8")
    result = cli("import", str(tmp_path / "bad.csv"))
    assert result.code == 2, result
    assert result.err.count("\n") == 1
    assert dump(db_path) == before


def test_export_never_overwrites_without_force(cli: Cli, grok: str, tmp_path: Path) -> None:
    target = tmp_path / "out.jsonl"
    target.write_text("keep me")
    result = cli("export", str(target))
    assert result.code == 2
    assert "--force" in result.err
    assert target.read_text() == "keep me"
    cli.ok("export", str(target), "--force")
    assert target.read_text().startswith('{"type":"header"')


def test_export_never_writes_through_a_link(cli: Cli, grok: str, tmp_path: Path) -> None:
    victim = tmp_path / "victim.txt"
    victim.write_text("precious")
    link = tmp_path / "out.jsonl"
    link.symlink_to(victim)
    for argv in (("export", str(link)), ("export", str(link), "--force")):
        result = cli(*argv)
        assert result.code == 2
        assert "symbolic link" in result.err
    assert victim.read_text() == "precious"
    assert link.is_symlink()
    assert cli("export", str(tmp_path)).code == 2  # a folder


def _failing_lines(error: BaseException) -> object:
    def lines(items: object) -> Iterator[str]:
        yield '{"type":"header"}\n'
        raise error

    return lines


@pytest.mark.parametrize(
    ("error", "code"),
    [(OSError(errno.ENOSPC, "No space left on device"), 1), (KeyboardInterrupt(), 130)],
    ids=["disk full", "interrupted"],
)
def test_a_failed_export_leaves_no_file_behind(
    cli: Cli,
    grok: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    error: BaseException,
    code: int,
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    monkeypatch.setattr(jsonl, "jsonl_lines", _failing_lines(error))
    result = cli("export", str(out / "x.jsonl"))
    assert result.code == code
    assert result.err.count("\n") == 1
    assert list(out.iterdir()) == []
    (out / "x.jsonl").write_text("old")
    monkeypatch.setattr(csv_format, "csv_lines", _failing_lines(error))
    assert cli("export", str(out / "x.jsonl"), "--format", "csv", "--force").code == code
    assert [p.name for p in out.iterdir()] == ["x.jsonl"]
    assert (out / "x.jsonl").read_text() == "old"


def test_json_lines_escape_what_could_act_on_a_terminal(cli: Cli, db_path: Path) -> None:
    tricky = "Vote [/] now \x1b[2J \x9b31m \u202eevil\u202c \x7f \u2028"
    cli.ok("add", tricky, "--by", "[bold]Someone[/]", "--source", "https://a.example/")
    text = cli.ok("export").out
    assert not any(is_unsafe(ch) and ch != "\n" for ch in text)
    assert "\u2028" not in text
    claim = json.loads(text.splitlines()[2])
    assert claim["statement"] == tricky.strip()
    assert claim["claimant"] == "[bold]Someone[/]"


def test_the_progress_bar_draws_only_on_a_terminal() -> None:
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    screen = Terminal()
    bar = ProgressBar(1000, screen, width=10)
    bar.show(500, 1200)
    bar.close()
    assert "[#####-----]  50%  1,200 claims" in screen.getvalue()
    assert screen.getvalue().endswith("\r")
    pipe = io.StringIO()
    ProgressBar(1000, pipe).show(500, 1)
    assert pipe.getvalue() == ""
    with Path(os.devnull).open("rb") as empty:
        assert ProgressBar.for_file(empty).total is None


def test_a_csv_round_trip_keeps_what_calibration_scores(
    cli: Cli, tmp_path: Path, db_path: Path
) -> None:
    cli.ok(*GROK)
    cli.ok("forecast", "1", "0.3", "--at", "2024-09-10")
    cli.ok("resolve", "1", "broken", "--on", "2025-02-17")
    before = json.loads(cli.ok("calibration", "--json").out)["overall"]
    assert before["scored"] == 1
    cli.ok("export", str(tmp_path / "a.csv"))
    copy = tmp_path / "copy.db"
    cli.ok("import", str(tmp_path / "a.csv"), "--db", str(copy))
    assert_consistent(copy)
    forecasts = json.loads(cli.ok("show", "1", "--json", "--db", str(copy)).out)["forecasts"]
    assert [(f["probability"], f["made_at"][:10]) for f in forecasts] == [(0.3, "2024-09-10")]
    assert json.loads(cli.ok("calibration", "--json", "--db", str(copy)).out)["overall"] == before


def test_a_csv_round_trip_keeps_where_the_current_deadline_was_said(
    cli: Cli, tmp_path: Path, db_path: Path
) -> None:
    cli.ok(*GROK)
    cli.ok("revise", "1", "--deadline", "early 2025", "--said", "2024-12-20")
    cli.ok(
        "revise",
        "1",
        "--deadline",
        "in February",
        "--said",
        "2025-01-06",
        "--source",
        "https://x.example/feb",
    )
    cli.ok("export", str(tmp_path / "a.csv"))
    copy = tmp_path / "copy.db"
    cli.ok("import", str(tmp_path / "a.csv"), "--db", str(copy))
    assert_consistent(copy)
    shown = json.loads(cli.ok("show", "1", "--json", "--db", str(copy)).out)
    revision = [s for s in shown["sources"] if s["role"] == "revision"]
    assert [s["url"] for s in revision] == ["https://x.example/feb"]
    assert [(d["phrase"], d["source_url"]) for d in shown["deadlines"]] == [
        ("in December", "https://example.com/grok"),
        ("in February", "https://x.example/feb"),  # the CSV keeps the first and the current
    ]
    cli.ok("export", str(tmp_path / "b.csv"), "--db", str(copy))
    assert (tmp_path / "a.csv").read_bytes() == (tmp_path / "b.csv").read_bytes()


@pytest.mark.parametrize(
    ("cells", "message"),
    [
        (
            "X,Y,2024-01-01,in 2025,,,,",
            "line 2: a claim needs at least one source: fill in its sources (URLs) or, for "
            "print, source_titles",
        ),
        (
            "X,Y,2024-01-01,in 2025,https://q.example/,,,https://z.example/",
            "line 2: current_source is given, but current_deadline and current_said_on do not "
            "say the claim was re-dated",
        ),
    ],
)
def test_a_bad_sheet_into_a_missing_ledger_is_refused_and_makes_no_file(
    cli: Cli, tmp_path: Path, cells: str, message: str
) -> None:
    sheet, db = tmp_path / "sheet.csv", tmp_path / "new.db"
    sheet.write_text(
        "statement,claimant,said_on,deadline,sources,current_deadline,current_said_on,"
        f"current_source\n{cells}\n",
        encoding="utf-8",
    )
    result = cli("import", str(sheet), "--db", str(db))
    assert (result.code, result.err) == (2, f"claims: {sheet} {message}\n")
    assert list(tmp_path.iterdir()) == [sheet]


def test_an_import_into_a_missing_ledger_says_it_made_one(cli: Cli, tmp_path: Path) -> None:
    sheet, db = tmp_path / "sheet.csv", tmp_path / "new.db"
    sheet.write_text(
        "statement,claimant,said_on,deadline,sources\nX,Y,2024-01-01,in 2025,https://q.example/\n",
        encoding="utf-8",
    )
    out = cli.ok("import", str(sheet), "--db", str(db)).out
    assert out.splitlines()[0] == f"Made a new ledger: {db}"
    assert "Made a new ledger" not in cli.ok("import", str(sheet), "--db", str(db)).out
