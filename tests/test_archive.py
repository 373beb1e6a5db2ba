"""Export and import: lossless, idempotent by uid, all or nothing, refusing what is unsound."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from ledger.store import importer
from tests.conftest import DEMO_DB, GROK, Backend, Cli, dump
from tests.ledger_state import assert_consistent, build_busy_ledger


def lines_of(cli: Cli, db: str | Path) -> list[str]:
    return cli.ok("export", "--db", str(db)).out.splitlines(keepends=True)


@pytest.mark.parametrize("source", ["busy", "demo"])
def test_export_import_export_is_byte_identical(
    cli: Cli, tmp_path: Path, backend: Backend, source: str
) -> None:
    original = tmp_path / "original.db"
    if source == "demo":
        original.write_bytes(DEMO_DB.read_bytes())
    else:
        build_busy_ledger(cli, original)
    cli.ok("export", str(tmp_path / "a.jsonl"), "--db", str(original))
    copy = backend.url
    cli.ok("import", str(tmp_path / "a.jsonl"), "--db", copy)
    cli.ok("export", str(tmp_path / "b.jsonl"), "--db", copy)
    assert (tmp_path / "a.jsonl").read_bytes() == (tmp_path / "b.jsonl").read_bytes()
    assert_consistent(copy)
    before = backend.snapshot()
    out = cli.ok("import", str(tmp_path / "a.jsonl"), "--db", copy).out
    assert "0 claims added, 0 brought up to date" in out
    assert backend.snapshot() == before


def test_importing_into_a_ledger_with_other_claims_adds_them(cli: Cli, tmp_path: Path) -> None:
    demo = tmp_path / "demo.db"
    demo.write_bytes(DEMO_DB.read_bytes())
    cli.ok("export", str(tmp_path / "demo.jsonl"), "--db", str(demo))
    mine = tmp_path / "mine.db"
    cli.ok(*GROK, "--db", str(mine))
    cli.ok("--db", str(mine), "claimants", "alias", "Elon Musk", "Musk")
    out = cli.ok("import", str(tmp_path / "demo.jsonl"), "--db", str(mine)).out
    assert "8 claims added" in out
    assert len(json.loads(cli.ok("list", "--json", "--db", str(mine)).out)) == 9
    assert_consistent(mine)


def test_a_later_export_brings_imported_claims_forward(
    cli: Cli, tmp_path: Path, backend: Backend
) -> None:
    laptop, team = tmp_path / "laptop.db", backend.url
    cli.ok(*GROK, "--db", str(laptop))
    cli.ok("export", str(tmp_path / "first.jsonl"), "--db", str(laptop))
    cli.ok("import", str(tmp_path / "first.jsonl"), "--db", str(team))
    cli.ok("revise", "1", "--deadline", "2025", "--said", "2025-01-02", "--db", str(laptop))
    cli.ok("resolve", "1", "broken", "--db", str(laptop))
    cli.ok("export", str(tmp_path / "second.jsonl"), "--db", str(laptop))
    out = cli.ok("import", str(tmp_path / "second.jsonl"), "--db", str(team)).out
    assert "1 brought up to date" in out
    assert lines_of(cli, team) == lines_of(cli, laptop)
    assert_consistent(team)
    # The older file is now behind the team ledger: importing it changes nothing.
    before = backend.snapshot()
    cli.ok("import", str(tmp_path / "first.jsonl"), "--db", str(team))
    assert backend.snapshot() == before


def test_a_claim_changed_on_both_sides_refuses_the_whole_file(
    cli: Cli, tmp_path: Path, backend: Backend, monkeypatch: pytest.MonkeyPatch
) -> None:
    laptop, team = tmp_path / "laptop.db", backend.url
    cli.ok(*GROK, "--db", str(laptop))
    cli.ok("export", str(tmp_path / "first.jsonl"), "--db", str(laptop))
    cli.ok("import", str(tmp_path / "first.jsonl"), "--db", str(team))
    cli.ok("forecast", "1", "0.2", "--db", str(laptop))
    cli.ok("forecast", "1", "0.9", "--db", str(team))
    cli.ok("add", "New", "--by", "N", "--source", "https://n.example/", "--db", str(laptop))
    lines = lines_of(cli, laptop)
    # The new claim first, so that one batch is written before the conflict is found.
    lines[-2], lines[-1] = lines[-1], lines[-2]
    (tmp_path / "second.jsonl").write_text("".join(lines), encoding="utf-8")
    monkeypatch.setattr(importer, "BATCH", 1)
    before = backend.snapshot()
    result = cli("import", str(tmp_path / "second.jsonl"), "--db", str(team))
    assert result.code == 2
    assert "changed both in this ledger and in the file" in result.err
    assert backend.snapshot() == before


def _replace_line(
    index: int, edit: Callable[[dict[str, object]], None]
) -> Callable[[list[str]], str]:
    def mutate(lines: list[str]) -> str:
        data = json.loads(lines[index])
        edit(data)
        return "".join([*lines[:index], json.dumps(data) + "\n", *lines[index + 1 :]])

    return mutate


def _set(key: str, value: object) -> Callable[[dict[str, object]], None]:
    return lambda data: data.__setitem__(key, value)


def _set_in_source(key: str, value: object) -> Callable[[dict[str, object]], None]:
    def edit(data: dict[str, object]) -> None:
        sources = data["sources"]
        assert isinstance(sources, list)
        sources[0][key] = value

    return edit


CLAIM = 2  # header, claimant, then the claim
BAD_FILES: dict[str, Callable[[list[str]], str]] = {
    "empty": lambda lines: "",
    "not JSON": lambda lines: "".join(lines) + "{not json\n",
    "no header": lambda lines: "".join(lines[1:]),
    "a newer format": _replace_line(0, _set("version", 2)),
    "an unknown field": _replace_line(CLAIM, _set("colour", "red")),
    "a malformed uid": _replace_line(CLAIM, _set("uid", "1234")),
    "a javascript URL": _replace_line(CLAIM, _set_in_source("url", "javascript:alert(1)")),
    "an unknown outcome": _replace_line(CLAIM, _set("outcome", "fulfilled")),
    "a state its events do not reach": _replace_line(CLAIM, _set("statement", "Edited by hand")),
    "a NUL byte": _replace_line(CLAIM, _set("statement", "A\x00B")),
    "a timestamp without a zone": _replace_line(CLAIM, _set("created_at", "2026-11-29T12:00:00")),
    "a lone surrogate": lambda lines: "".join(lines).replace("xAI will", "xAI \\ud800 will", 1),
    "invalid UTF-8": lambda lines: "".join(lines) + "\udcff\n",
    "a claim before its claimant": lambda lines: "".join([lines[0], lines[2], lines[1]]),
    "a probability above 1": _replace_line(
        CLAIM, lambda d: d["forecasts"][0].update(probability=2)
    ),  # type: ignore[index]
}


@pytest.mark.parametrize("mutate", BAD_FILES.values(), ids=BAD_FILES.keys())
def test_a_bad_file_is_refused_in_one_line_and_nothing_is_written(
    cli: Cli, tmp_path: Path, db_path: Path, mutate: Callable[[list[str]], str]
) -> None:
    source = tmp_path / "source.db"
    cli.ok(*GROK, "--probability", "0.3", "--db", str(source))
    bad = tmp_path / "bad.jsonl"
    bad.write_bytes(mutate(lines_of(cli, source)).encode("utf-8", "surrogateescape"))
    cli.ok("add", "Already here", "--by", "A", "--source", "https://a.example/")
    before = dump(db_path)
    result = cli("import", str(bad))
    assert result.code == 2, result
    assert result.err.count("\n") == 1 and "Traceback" not in result.err
    assert dump(db_path) == before


def test_an_event_uid_that_belongs_to_another_claim_is_refused(
    cli: Cli, tmp_path: Path, db_path: Path
) -> None:
    cli.ok(*GROK)
    lines = lines_of(cli, db_path)
    data = json.loads(lines[2])
    data["uid"] = "00000000-0000-4000-8000-000000000000"
    data["events"][0]["change"]["uid"] = data["uid"]
    (tmp_path / "twin.jsonl").write_text(lines[0] + lines[1] + json.dumps(data) + "\n")
    result = cli("import", str(tmp_path / "twin.jsonl"))
    assert result.code == 2
    assert "recorded for another claim" in result.err


def test_import_reads_standard_input_and_a_missing_file_is_bad_input(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import io
    import sys

    source = tmp_path / "source.db"
    cli.ok(*GROK, "--db", str(source))
    text = cli.ok("export", "--db", str(source)).out
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(text.encode())))
    assert "1 claim added" in cli.ok("import", "-").out
    result = cli("import", str(tmp_path / "missing.jsonl"))
    assert result.code == 2
    assert "cannot read" in result.err
