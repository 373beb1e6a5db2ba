"""Shared fixtures: a pinned clock, temporary ledgers, and a way to run the CLI in-process."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from ledger.cli.main import main

PINNED_NOW = "2026-11-29T12:00:00"
REPO = Path(__file__).resolve().parent.parent
DEMO_DB = REPO / "claims.db"


@dataclass
class Result:
    code: int
    out: str
    err: str


@pytest.fixture(autouse=True)
def pinned_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Every test: a pinned clock, a fixed actor, no colour, and a ledger in its own folder."""
    monkeypatch.setenv("CLAIMS_NOW", PINNED_NOW)
    monkeypatch.setenv("CLAIMS_USER", "tester")
    monkeypatch.setenv("CLAIMS_COLOR", "never")
    monkeypatch.setenv("COLUMNS", "120")
    monkeypatch.setenv("CLAIMS_DB", str(tmp_path / "ledger.db"))
    monkeypatch.delenv("CLAIMS_FULL_STORE", raising=False)


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "ledger.db"


class Cli:
    """Runs `claims ...` in this process, as a user would type it."""

    def __init__(self, capsys: pytest.CaptureFixture[str]) -> None:
        self.capsys = capsys

    def __call__(self, *argv: str) -> Result:
        self.capsys.readouterr()
        try:
            code = main(list(argv))
        except SystemExit as stop:
            code = int(stop.code or 0)
        captured = self.capsys.readouterr()
        return Result(code, captured.out, captured.err)

    def ok(self, *argv: str) -> Result:
        result = self(*argv)
        assert result.code == 0, result.err
        return result


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str]) -> Cli:
    return Cli(capsys)


def dump(path: Path) -> list[str]:
    """Every row of a SQLite ledger as SQL text, for before/after comparisons."""
    if not path.exists():
        return []
    connection = sqlite3.connect(path)
    try:
        return list(connection.iterdump())
    finally:
        connection.close()


GROK = (
    "add",
    "xAI will release Grok-3 in December",
    "--by",
    "Elon Musk",
    "--said",
    "2024-09-04",
    "--deadline",
    "in December",
    "--source",
    "https://example.com/grok",
    "--tag",
    "xAI",
)


@pytest.fixture
def grok(cli: Cli) -> Iterator[str]:
    """A ledger holding one claim (id 1)."""
    cli.ok(*GROK)
    yield "1"


def run_claims(
    *argv: str, env: dict[str, str] | None = None, cwd: Path | None = None
) -> subprocess.CompletedProcess[str]:
    """`claims ...` as a separate process."""
    return subprocess.run(
        [sys.executable, "-m", "ledger", *argv],
        capture_output=True,
        text=True,
        env=env,
        cwd=cwd,
        timeout=120,
    )
