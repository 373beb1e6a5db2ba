"""Shared fixtures: a pinned clock, temporary ledgers, and a way to run the CLI in-process."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

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


PG_VARIABLE = "CLAIMS_TEST_PG"


@dataclass
class Backend:
    """A fresh, empty ledger location on one database backend (CLAIMS_DB points at it)."""

    name: str
    url: str

    def snapshot(self) -> dict[str, list[tuple[Any, ...]]]:
        return snapshot(self.url)


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """Tests that take `backend` run on SQLite and on PostgreSQL (when CLAIMS_TEST_PG is set)."""
    if "backend" in metafunc.fixturenames:
        metafunc.parametrize("backend", ["sqlite", "postgresql"], indirect=True)


@pytest.fixture
def backend(
    request: pytest.FixtureRequest, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Backend]:
    if request.param == "sqlite":
        chosen = Backend("sqlite", str(tmp_path / "ledger.db"))
        monkeypatch.setenv("CLAIMS_DB", chosen.url)
        yield chosen
        return
    server = os.environ.get(PG_VARIABLE)
    if not server:
        pytest.skip(
            f"PostgreSQL tests need {PG_VARIABLE}, e.g. postgresql://postgres@127.0.0.1:5432/test"
        )
    with pg_schema(server) as url:
        monkeypatch.setenv("CLAIMS_DB", url)
        yield Backend("postgresql", url)


@contextmanager
def pg_schema(server: str) -> Iterator[str]:
    """A schema of its own on the test server, dropped afterwards; yields a URL that uses it."""
    import psycopg

    schema = f"claims_test_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(server, autocommit=True) as connection:
        connection.execute(f'CREATE SCHEMA "{schema}"')
    separator = "&" if "?" in server else "?"
    try:
        yield f"{server}{separator}options=-csearch_path%3D{schema}"
    finally:
        with psycopg.connect(server, autocommit=True) as connection:
            connection.execute(f'DROP SCHEMA "{schema}" CASCADE')


def snapshot(url: str) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table of a ledger on any backend, in a stable order."""
    from sqlalchemy import create_engine, inspect, text

    from ledger.location import locate_ledger

    location = locate_ledger(url)
    if location.path is not None and not location.path.exists():
        return {}
    engine = create_engine(location.url)
    try:
        with engine.connect() as connection:
            tables = sorted(inspect(connection).get_table_names())
            return {
                table: sorted(
                    (tuple(row) for row in connection.execute(text(f'SELECT * FROM "{table}"'))),
                    key=repr,
                )
                for table in tables
            }
    finally:
        engine.dispose()


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


def pytest_terminal_summary(terminalreporter: Any) -> None:
    """One line on the PostgreSQL runs that were skipped, and why, instead of one per test."""
    skipped = [
        report
        for report in terminalreporter.stats.get("skipped", [])
        if PG_VARIABLE in str(getattr(report, "longrepr", ""))
    ]
    if skipped:
        terminalreporter.write_line(
            f"{len(skipped)} tests skipped on PostgreSQL: set {PG_VARIABLE} "
            "(e.g. postgresql://postgres@127.0.0.1:5432/test) to run them there too"
        )
