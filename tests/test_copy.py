"""`claims copy`: a whole ledger to another database and back, without loss."""

from __future__ import annotations

import shutil
from pathlib import Path

from tests.conftest import DEMO_DB, Backend, Cli


def export(cli: Cli, db: str) -> str:
    return cli.ok("export", "--db", db).out


def test_the_demo_goes_there_and_back_with_the_same_export(
    cli: Cli, backend: Backend, tmp_path: Path
) -> None:
    demo = tmp_path / "demo.db"
    shutil.copy(DEMO_DB, demo)
    out = cli.ok("copy", "--from", str(demo), "--to", backend.url).out
    assert out.startswith(f"Copied {demo} to ")
    assert "8 claims, 21 events and 2 claimants added." in out
    assert "+psycopg" not in out
    back = tmp_path / "back.db"
    cli.ok("copy", "--from", backend.url, "--to", str(back))
    assert export(cli, str(back)) == export(cli, str(demo))
    assert export(cli, backend.url) == export(cli, str(demo))
    added = cli.ok(
        "add",
        "After the copy",
        "--by",
        "Ana",
        "--said",
        "2025-01-01",
        "--source",
        "https://a.example/",
        "--db",
        backend.url,
    )
    assert "Added claim 9" in added.out  # ids go on after the copied ones


def test_copy_refuses_a_ledger_that_holds_claims_unless_merging(
    cli: Cli, backend: Backend, tmp_path: Path
) -> None:
    cli.ok(
        "add",
        "Already here",
        "--by",
        "Ben",
        "--said",
        "2025-01-01",
        "--source",
        "https://b.example/",
        "--db",
        backend.url,
    )
    before = backend.snapshot()
    refused = cli("copy", "--from", str(DEMO_DB), "--to", backend.url)
    assert refused.code == 2
    assert "already holds 1 claim;" in refused.err
    assert refused.err.count("\n") == 1
    assert backend.snapshot() == before
    merged = cli.ok("copy", "--from", str(DEMO_DB), "--to", backend.url, "--merge").out
    assert "8 claims" in merged
    again = cli.ok("copy", "--from", str(DEMO_DB), "--to", backend.url, "--merge").out
    assert "0 claims" in again and "8 claims were there already" in again
    assert len(backend.snapshot()["claim"]) == 9


def test_copy_refuses_the_same_ledger_and_a_missing_source(cli: Cli, tmp_path: Path) -> None:
    same = cli("copy", "--from", str(DEMO_DB), "--to", str(DEMO_DB))
    assert same.code == 2 and "same ledger" in same.err
    missing = cli("copy", "--from", str(tmp_path / "nope.db"), "--to", str(tmp_path / "x.db"))
    assert missing.code == 2 and "no ledger at" in missing.err
    assert not (tmp_path / "x.db").exists()
