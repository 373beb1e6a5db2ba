"""Import stays strict while it runs fast: a claim whose events do not replay to its line is
refused, and then nothing at all is written."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bench.synthetic_ledger import write_archive
from tests.conftest import Cli, dump


def tampered(archive: Path, line_number: int, change: dict[str, object]) -> None:
    lines = archive.read_text(encoding="utf-8").splitlines()
    record = json.loads(lines[line_number])
    record.update(change)
    lines[line_number] = json.dumps(record, ensure_ascii=False)
    archive.write_text("\n".join(lines) + "\n", encoding="utf-8")


@pytest.mark.parametrize(
    "change",
    [
        {"statement": "Not what the events say"},
        {"version": 9},
        {"tags": ["not-in-the-events"]},
        {"updated_at": "2030-01-01T00:00:00.000000Z"},
    ],
    ids=["statement", "version", "tags", "updated_at"],
)
def test_a_claim_whose_events_do_not_replay_is_refused_and_nothing_written(
    cli: Cli, tmp_path: Path, change: dict[str, object]
) -> None:
    archive, db = tmp_path / "made.jsonl", tmp_path / "made.db"
    write_archive(archive, 2500)
    cli.ok("init", str(db))
    before = dump(db)
    tampered(archive, 1 + 200 + 2400, change)  # header, claimants, then well past one batch
    result = cli("import", str(archive), "--db", str(db))
    assert result.code == 2
    assert "its events do not lead to its state" in result.err
    assert dump(db) == before


def test_tags_differing_only_in_case_still_replay(cli: Cli, tmp_path: Path) -> None:
    archive, db = tmp_path / "made.jsonl", tmp_path / "made.db"
    write_archive(archive, 5)
    record = json.loads(archive.read_text(encoding="utf-8").splitlines()[201])
    tampered(archive, 201, {"tags": [tag.upper() for tag in record["tags"]]})
    assert "5 claims added" in cli.ok("import", str(archive), "--db", str(db)).out
