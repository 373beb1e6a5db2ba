"""What each command loads: the core never imports a front end; hot commands stay lean."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from bench.synthetic_ledger import write_archive
from tests.conftest import REPO

PROBE = """
import json, sys
from ledger.cli.main import main
code = main(sys.argv[1:])
print("MODULES=" + json.dumps(sorted(sys.modules)))
"""


def modules_loaded(
    argv: list[str], env_extra: dict[str, str] | None = None, *, stdin: str | None = None
) -> tuple[int, set[str]]:
    env = {**os.environ, **(env_extra or {})}
    done = subprocess.run(
        [sys.executable, "-c", PROBE, *argv],
        capture_output=True,
        text=True,
        env=env,
        cwd=REPO,
        timeout=120,
        input=stdin,
    )
    line = next(line for line in done.stdout.splitlines() if line.startswith("MODULES="))
    return done.returncode, set(json.loads(line.removeprefix("MODULES=")))


def top_level(modules: set[str]) -> set[str]:
    return {name.split(".")[0] for name in modules}


FRONT_ENDS = {"textual", "tui", "rich"}
HEAVY = {
    "sqlalchemy",
    "sqlmodel",
    "pydantic",
    "alembic",
    "textual",
    "tui",
    "rich",
    "icalendar",
    "plotext",
    # Making a dataclass costs about a millisecond at start-up (and dataclasses imports
    # inspect): the records the hot commands use are NamedTuples.
    "dataclasses",
    "inspect",
    # gettext imports locale to look argparse's messages up (the CLI takes them as written);
    # calendar imports locale too.
    "locale",
    "calendar",
    # The archive readers' JSON libraries: import only.
    "msgspec",
    "orjson",
}


def add_argv(db: Path) -> list[str]:
    return [
        "add",
        "Imports stay lean",
        "--by",
        "Tester",
        "--said",
        "2024-09-04",
        "--deadline",
        "in December",
        "--source",
        "https://a.example/",
        "--db",
        str(db),
    ]


def test_claims_add_imports_no_front_end(tmp_path: Path) -> None:
    db = tmp_path / "ledger.db"
    code, modules = modules_loaded(add_argv(db))
    assert code == 0
    assert not (top_level(modules) & FRONT_ENDS)


@pytest.fixture(scope="module")
def lean_ledger(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One ledger for the hot commands (made once: the full store's import is slow)."""
    db = tmp_path_factory.mktemp("lean") / "ledger.db"
    assert modules_loaded(add_argv(db))[0] == 0
    return db


@pytest.mark.parametrize(
    "argv",
    [
        ["list", "--limit", "50"],
        ["show", "1"],
        ["due"],
        ["due", "--as-of", "2024-12-15", "--csv"],
        ["add", "Second", "--by", "T", "--said", "2024-09-04", "--source", "https://a.example/"],
    ],
    ids=["list", "show", "due", "due-as-of-csv", "add"],
)
def test_hot_commands_on_a_current_sqlite_ledger_load_nothing_heavy(
    lean_ledger: Path, argv: list[str]
) -> None:
    code, modules = modules_loaded([*argv, "--db", str(lean_ledger)])
    assert code == 0
    assert not (top_level(modules) & HEAVY), sorted(top_level(modules) & HEAVY)


ADD_NEEDS_NOT = {
    "ledger.records",
    "ledger.query",
    "ledger.sql.claim_list",
    "ledger.sql.claim_detail",
    "ledger.cli.jsonout",
    "ledger.cli.views",
    "ledger.cli.terminal",
    "ledger.reports.due",
    "pathlib",
    "shutil",
}


def test_a_plain_add_loads_only_what_writing_a_claim_needs(lean_ledger: Path) -> None:
    argv = ["add", "Third", "--by", "T", "--said", "2024-09-04", "--source", "https://a.example/"]
    code, modules = modules_loaded([*argv, "--db", str(lean_ledger)])
    assert code == 0
    assert not (modules & ADD_NEEDS_NOT), sorted(modules & ADD_NEEDS_NOT)
    assert {"ledger.lean", "ledger.drafts", "ledger.deadlines"} <= modules


def test_forcing_the_full_store_does_load_sqlalchemy(tmp_path: Path) -> None:
    db = tmp_path / "ledger.db"
    modules_loaded(add_argv(db))
    code, modules = modules_loaded(["list", "--db", str(db)], {"CLAIMS_FULL_STORE": "1"})
    assert code == 0
    assert "sqlalchemy" in top_level(modules)


def test_the_core_never_imports_textual() -> None:
    for path in (REPO / "ledger").rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        for banned in ("import textual", "from textual", "import tui", "from tui"):
            if banned in text:
                assert path.name == "cmd_admin.py" and banned == "from tui", (path, banned)


def test_a_piped_import_takes_the_lean_path_and_the_workers(tmp_path: Path) -> None:
    """What comes down a pipe is kept in a temporary file, which can be read again and by
    worker processes: as a file named on the command line is."""
    archive, db = tmp_path / "made.jsonl", tmp_path / "ledger.db"
    write_archive(archive, 60)
    assert modules_loaded(["init", str(db)])[0] == 0
    code, modules = modules_loaded(
        ["import", "-", "--db", str(db)],
        {"CLAIMS_IMPORT_WORKERS": "2"},
        stdin=archive.read_text(encoding="utf-8"),
    )
    assert code == 0
    assert not (top_level(modules) & {"sqlalchemy", "sqlmodel", "pydantic", "alembic"})
    assert {
        "ledger.lean_import",
        "ledger.store.import_pool",
        "ledger.store.fork_pool",
    } <= modules
    assert "concurrent.futures" not in modules


def test_an_import_into_a_current_sqlite_ledger_loads_no_sqlalchemy(tmp_path: Path) -> None:
    """The lean path imports; a file that brings a claim forward goes on to the full store."""
    archive, db = tmp_path / "made.jsonl", tmp_path / "ledger.db"
    write_archive(archive, 30)
    assert modules_loaded(["init", str(db)])[0] == 0
    code, modules = modules_loaded(["import", str(archive), "--db", str(db)])
    assert code == 0
    assert not (top_level(modules) & {"sqlalchemy", "sqlmodel", "pydantic", "alembic"})
    assert "ledger.lean_import" in modules
    assert modules_loaded(["forecast", "1", "0.4", "--db", str(db)])[0] == 0
    later = tmp_path / "later.jsonl"
    assert modules_loaded(["export", str(later), "--db", str(db)])[0] == 0
    again = tmp_path / "again.db"
    assert modules_loaded(["import", str(archive), "--db", str(again)])[0] == 0
    code, modules = modules_loaded(["import", str(later), "--db", str(again)])
    assert code == 0
    assert "sqlalchemy" in top_level(modules)  # claim 1 was brought forward by the full store
