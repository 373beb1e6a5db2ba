"""The import binds its NULLs through an adapter for None, registered only while it runs."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import pytest

from bench.synthetic_ledger import write_archive
from ledger.sql import null_binding
from ledger.sql.null_binding import nulls_bound_directly
from tests.conftest import Cli, dump

KEY = (type(None), sqlite3.PrepareProtocol)


def test_none_binds_as_null_in_the_block_and_the_registry_is_put_back() -> None:
    connection = sqlite3.connect(":memory:")
    connection.execute("CREATE TABLE t (a, b)")
    with nulls_bound_directly():
        assert KEY in sqlite3.adapters
        connection.executemany("INSERT INTO t VALUES (?, ?)", [(None, 1), ("x", None)])
    assert KEY not in sqlite3.adapters
    rows = connection.execute("SELECT typeof(a), typeof(b) FROM t").fetchall()
    assert rows == [("null", "integer"), ("text", "null")]


def test_an_adapter_for_none_registered_before_is_left_as_it_was(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def mine(value: Any) -> str:
        return "nothing"

    monkeypatch.setitem(sqlite3.adapters, KEY, mine)
    with nulls_bound_directly():
        assert sqlite3.adapters[KEY] is mine
    assert sqlite3.adapters[KEY] is mine


def test_an_import_binds_its_nulls_through_the_adapter_and_writes_them(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    archive = tmp_path / "made.jsonl"
    write_archive(archive, 40)
    plain, adapted = tmp_path / "plain.db", tmp_path / "adapted.db"
    monkeypatch.setenv("CLAIMS_IMPORT_WORKERS", "0")
    nulls = []

    def counted(value: None) -> None:
        nulls.append(value)

    monkeypatch.setattr(null_binding, "_AS_NULL", counted)
    cli.ok("import", str(archive), "--db", str(adapted))
    assert len(nulls) > 40  # every claim's row holds NULLs
    assert KEY not in sqlite3.adapters
    monkeypatch.setattr("ledger.store.importer.nulls_bound_directly", _Unchanged)
    cli.ok("import", str(archive), "--db", str(plain))
    assert dump(adapted) == dump(plain)


class _Unchanged:
    """nulls_bound_directly's stand-in that registers nothing."""

    def __enter__(self) -> None:
        return None

    def __exit__(self, *exc: object) -> None:
        return None
