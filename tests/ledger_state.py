"""Test helpers that look at a ledger from outside: is it consistent, what does it export."""

from __future__ import annotations

from pathlib import Path

from ledger.api import Ledger, check_ledger
from ledger.archive.jsonl import jsonl_lines
from ledger.location import locate_ledger
from tests.conftest import GROK, Cli


def assert_consistent(path: str | Path) -> None:
    """`claims check` finds nothing wrong: sound pages, known schema, every claim replays."""
    report = check_ledger(locate_ledger(str(path)))
    assert report.ok, report.problems


def export_jsonl(path: str | Path) -> str:
    with Ledger.open(locate_ledger(str(path)), actor="tests") as ledger:
        return "".join(jsonl_lines(ledger.archive()))


def build_busy_ledger(cli: Cli, db: Path) -> None:
    """A ledger in which every kind of change has happened at least once."""

    def run(*argv: str) -> None:
        cli.ok("--db", str(db), *argv)

    run(
        *GROK,
        "--probability",
        "40%",
        "--metric",
        "GPUs",
        "--low",
        "100000",
        "--quote",
        "我们希望能在12月发布Grok-3",
    )
    run(
        "add",
        "Optimus for sale",
        "--by",
        "E. Musk",
        "--said",
        "2025-01",
        "--deadline",
        "2026",
        "--source",
        "https://t.example/o",
    )
    run("revise", "1", "--deadline", "in one to two weeks", "--said", "2025-02-13")
    run(
        "revise",
        "1",
        "--deadline",
        "2025-02-20",
        "--said",
        "2025-02-14",
        "--source",
        "https://example.com/redated",
    )
    run("forecast", "1", "0.25", "--at", "2024-09-10")
    run(
        "resolve",
        "1",
        "kept",
        "--on",
        "2024-12-20",
        "--evidence",
        "https://e.example/x",
        "--note",
        "early",
    )
    run("reopen", "1")
    run("resolve", "1", "broken", "--on", "2025-02-21")
    run("edit", "2", "--said", "2025-02-01", "--hedge", "plans", "--condition", "if ready")
    run("edit", "2", "--deadline", "in December", "--clear-target", "--quote", "q")
    run("tag", "2", "robots", "Tesla")
    run("tag", "2", "--remove", "robots")
    run(
        "source",
        "2",
        "https://s.example/x",
        "--title",
        "Title",
        "--publisher",
        "P",
        "--published",
        "2025-02-02",
        "--language",
        "en",
    )
    run("claimants", "alias", "Elon Musk", "马斯克")
    run("claimants", "merge", "Elon Musk", "E. Musk")
    run(
        "add", "Mistake", "--by", "马斯克", "--said", "2025-01-01", "--source", "https://m.example/"
    )
    run("withdraw", "3", "--reason", "duplicate")
