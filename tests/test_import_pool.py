"""Importing with worker processes writes what one process writes, and refuses what it refuses.

The CLI uses workers only for files of some size; these tests force them on small archives
(CLAIMS_IMPORT_WORKERS) and cut the lines a task takes, so every file spans many tasks.
"""

from __future__ import annotations

import io
import json
import os
import pickle
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bench.synthetic_ledger import archive_lines, write_archive
from ledger.archive.items import ArchivedClaim
from ledger.archive.jsonl import JsonlReader, read_record
from ledger.cli.cmd_archive import PARALLEL_FROM_BYTES, import_workers
from ledger.replay import name_resolver
from ledger.store import import_pool
from ledger.store.claim_rows import claim_batch, postgres_value, sqlite_value
from tests.conftest import DEMO_DB, Backend, Cli, dump, run_claims
from tests.ledger_state import assert_consistent, build_busy_ledger

pytestmark = pytest.mark.skipif(not import_pool.can_fork(), reason="workers are forked")

LINES = list(archive_lines(200, seed=5))
NAMES = name_resolver(
    (c["name"], c["aliases"]) for c in map(json.loads, LINES) if c["type"] == "claimant"
)
CLAIM_LINES = [line for line in LINES if line.startswith('{"type":"claim",')]


@pytest.fixture
def small_tasks(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(import_pool, "CHUNK_BYTES", 7 * 1500)  # a handful of claims a task


def import_with(
    cli: Cli, monkeypatch: pytest.MonkeyPatch, workers: int, archive: Path, db: Path
) -> tuple[int, str, str]:
    monkeypatch.setenv("CLAIMS_IMPORT_WORKERS", str(workers))
    result = cli("import", str(archive), "--db", str(db))
    return result.code, result.out, result.err


def start_import(archive: Path, db: Path, env: dict[str, str]) -> subprocess.Popen[str]:
    """`claims import` started as a process of its own, in a process group of its own (as a
    terminal's foreground job), its output piped back."""
    return subprocess.Popen(
        [sys.executable, "-m", "ledger", "import", str(archive), "--db", str(db)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        start_new_session=True,
    )


def indexes(db: Path) -> list[tuple[str, str]]:
    with sqlite3.connect(db) as connection:
        return connection.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' ORDER BY name"
        ).fetchall()


def archive_of(cli: Cli, tmp_path: Path, source: str) -> Path:
    archive = tmp_path / f"{source}.jsonl"
    if source == "synthetic":
        write_archive(archive, 120)
        return archive
    db = tmp_path / f"{source}.db"
    if source == "demo":
        db.write_bytes(DEMO_DB.read_bytes())
    else:
        build_busy_ledger(cli, db)
    cli.ok("export", str(archive), "--db", str(db))
    return archive


@pytest.mark.parametrize("source", ["busy", "demo", "synthetic"])
def test_workers_write_the_rows_one_process_writes(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, small_tasks: None, source: str
) -> None:
    archive = archive_of(cli, tmp_path, source)
    alone, pooled = tmp_path / "alone.db", tmp_path / "pooled.db"
    for db in (alone, pooled):
        cli.ok("init", str(db))
    serial = import_with(cli, monkeypatch, 0, archive, alone)
    parallel = import_with(cli, monkeypatch, 2, archive, pooled)
    assert serial[0] == parallel[0] == 0
    assert parallel[1] == serial[1]
    assert dump(pooled) == dump(alone)
    assert indexes(pooled) == indexes(alone)
    assert_consistent(pooled)
    again = import_with(cli, monkeypatch, 2, archive, pooled)
    assert "0 claims added" in again[1] and dump(pooled) == dump(alone)


def test_a_pooled_import_brings_a_claim_forward(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, small_tasks: None
) -> None:
    archive = archive_of(cli, tmp_path, "synthetic")
    laptop, team = tmp_path / "laptop.db", tmp_path / "team.db"
    import_with(cli, monkeypatch, 0, archive, laptop)
    import_with(cli, monkeypatch, 2, archive, team)
    cli.ok("forecast", "60", "0.3", "--db", str(laptop))
    later = tmp_path / "later.jsonl"
    cli.ok("export", str(later), "--db", str(laptop))
    code, out, err = import_with(cli, monkeypatch, 2, later, team)
    assert code == 0, err
    assert "0 claims added, 1 brought up to date, 119 already here" in out

    def rows(db: Path) -> list[str]:
        return [line for line in dump(db) if "sqlite_stat" not in line]  # sampled at import

    assert rows(team) == rows(laptop)


def claim_lines(lines: list[str]) -> list[int]:
    return [i for i, text in enumerate(lines) if json.loads(text)["type"] == "claim"]


def corrupted(archive: Path, claim: int) -> tuple[Path, int]:
    """The archive with the statement of its `claim`th claim a number; and that line's number."""
    lines = archive.read_text(encoding="utf-8").splitlines(keepends=True)
    index = claim_lines(lines)[claim]
    record = json.loads(lines[index])
    record["statement"] = 42
    lines[index] = json.dumps(record, ensure_ascii=False) + "\n"
    bad = archive.with_name("bad.jsonl")
    bad.write_text("".join(lines), encoding="utf-8")
    return bad, index + 1


@pytest.mark.parametrize("claim", [40, 110])
def test_a_bad_line_stops_a_pooled_import_as_it_stops_one_process(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, small_tasks: None, claim: int
) -> None:
    bad, line = corrupted(archive_of(cli, tmp_path, "synthetic"), claim)
    alone, pooled = tmp_path / "alone.db", tmp_path / "pooled.db"
    for db in (alone, pooled):
        cli.ok("init", str(db))
    before, fresh_indexes = dump(pooled), indexes(pooled)
    serial = import_with(cli, monkeypatch, 0, bad, alone)
    parallel = import_with(cli, monkeypatch, 2, bad, pooled)
    assert serial[0] == parallel[0] == 2
    assert f"line {line}" in parallel[2] and "statement should be text" in parallel[2]
    assert parallel[2] == serial[2].replace(str(alone), str(pooled))
    assert dump(pooled) == before
    assert indexes(pooled) == fresh_indexes


@pytest.mark.parametrize("workers", [0, 2])
def test_an_event_uid_twice_in_a_file_is_refused(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, small_tasks: None, workers: int
) -> None:
    archive = archive_of(cli, tmp_path, "synthetic")
    lines = archive.read_text(encoding="utf-8").splitlines(keepends=True)
    claims = claim_lines(lines)
    first, later = json.loads(lines[claims[3]]), json.loads(lines[claims[90]])
    later["events"][0]["uid"] = first["events"][0]["uid"]
    lines[claims[90]] = json.dumps(later, ensure_ascii=False) + "\n"
    archive.write_text("".join(lines), encoding="utf-8")
    db = tmp_path / "pooled.db"
    cli.ok("init", str(db))
    before = dump(db)
    code, _, err = import_with(cli, monkeypatch, workers, archive, db)
    assert code == 2
    uid = first["events"][0]["uid"]
    assert f"line {claims[90] + 1}: event {uid} of claim {later['uid']} appears earlier" in err
    assert dump(db) == before


def test_workers_are_used_for_files_of_some_size(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("CLAIMS_IMPORT_WORKERS", raising=False)
    small, large = tmp_path / "small.jsonl", tmp_path / "large.jsonl"
    small.write_bytes(b"{}\n")
    with large.open("wb") as handle:
        handle.truncate(PARALLEL_FROM_BYTES)
    with small.open("rb") as handle:
        assert import_workers(handle) == 0
    with large.open("rb") as handle:
        assert import_workers(handle) == (os.cpu_count() or 1)
        monkeypatch.setenv("CLAIMS_IMPORT_WORKERS", "0")
        assert import_workers(handle) == 0
    assert import_workers(io.BytesIO(b"x" * PARALLEL_FROM_BYTES)) == 0


def worker_pids(pid: int) -> list[int]:
    children = Path(f"/proc/{pid}/task/{pid}/children")
    return [int(p) for p in children.read_text().split()] if children.exists() else []


def signal_masks(pid: int) -> list[str]:
    """The blocked and ignored signals of `pid`, to explain a Ctrl-C that went unheard."""
    status = Path(f"/proc/{pid}/status")
    lines = status.read_text().splitlines() if status.exists() else []
    return [line for line in lines if line.startswith(("SigBlk", "SigIgn", "SigPnd", "ShdPnd"))]


@pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="reads /proc for the workers")
def test_ctrl_c_stops_a_pooled_import_with_one_line_and_nothing_written(tmp_path: Path) -> None:
    archive, db = tmp_path / "big.jsonl", tmp_path / "ledger.db"
    write_archive(archive, 4000)
    assert run_claims("init", str(db)).returncode == 0
    before = dump(db)
    env = {**os.environ, "CLAIMS_IMPORT_WORKERS": "2"}
    importing = start_import(archive, db, env)
    deadline = time.monotonic() + 60
    while len(worker_pids(importing.pid)) < 2 and importing.poll() is None:
        assert time.monotonic() < deadline, "the workers never started"
        time.sleep(0.02)
    signals = signal_masks(importing.pid)
    os.killpg(importing.pid, signal.SIGINT)  # what Ctrl-C sends
    _, err = importing.communicate(timeout=120)
    assert importing.returncode == 130, (err, signals)
    assert err == "claims: interrupted\n"
    assert dump(db) == before


def test_a_pooled_import_into_either_backend_exports_what_one_process_imported(
    cli: Cli,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    small_tasks: None,
    backend: Backend,
) -> None:
    archive, alone = archive_of(cli, tmp_path, "synthetic"), tmp_path / "alone.db"
    import_with(cli, monkeypatch, 0, archive, alone)
    monkeypatch.setenv("CLAIMS_IMPORT_WORKERS", "2")
    cli.ok("import", str(archive), "--db", backend.url)
    assert lines_of(cli, backend.url) == lines_of(cli, alone)
    before = backend.snapshot()
    env = {**os.environ, "CLAIMS_IMPORT_WORKERS": "2"}
    again = run_claims("import", str(archive), "--db", backend.url, env=env)
    assert "0 claims added, 0 brought up to date, 120 already here" in again.stdout
    assert again.stderr == ""  # nothing from the database driver either
    assert backend.snapshot() == before


def lines_of(cli: Cli, db: str | Path) -> list[str]:
    return cli.ok("export", "--db", str(db)).out.splitlines()


_check_span = import_pool._check_span


def dies_a_few_tasks_in(begin: int, stop: int) -> import_pool.Checked:
    """In a worker: as the kernel's OOM killer would end it, a few spans into the file."""
    if begin > 5 * import_pool.CHUNK_BYTES:
        os._exit(9)
    return _check_span(begin, stop)


def test_a_worker_that_dies_ends_the_import_with_one_line_and_nothing_written(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, small_tasks: None
) -> None:
    archive, db = archive_of(cli, tmp_path, "synthetic"), tmp_path / "ledger.db"
    cli.ok("init", str(db))
    before = dump(db)
    monkeypatch.setattr(import_pool, "_check_span", dies_a_few_tasks_in)
    code, _, err = import_with(cli, monkeypatch, 2, archive, db)
    assert code == 1
    assert err.startswith("claims: a worker process checking the file stopped unexpectedly")
    assert err.count("\n") == 1 and "Traceback" not in err
    assert dump(db) == before


@settings(max_examples=300, deadline=None)
@given(
    lines=st.lists(
        st.sampled_from(
            [
                b"",
                b"\r",
                b"  ",
                b"{}",
                b'{"type":"claim"}',
                b'{"a":"%s"}' % (b"y" * 60),
                '{"a":"あ"}'.encode(),
            ]
        ),
        max_size=30,
    ),
    last_newline=st.booleans(),
    size=st.integers(min_value=1, max_value=90),
    first=st.integers(min_value=1, max_value=90),
)
def test_spans_hold_the_same_numbered_lines_as_reading_line_by_line(
    lines: list[bytes], last_newline: bool, size: int, first: int
) -> None:
    """Spans side by side, as the workers read them, take every line once, in order, and
    tile the file from the first line after the claimants to its end."""
    text = b"\n".join(lines) + (b"\n" if last_newline and lines else b"")
    header = b'{"type":"header","format":"claims-ledger","version":1}\n'
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "archive.jsonl"
        path.write_bytes(header + text)
        with path.open("rb") as stream:
            reader = JsonlReader(stream, name="test")
            claimants = reader.claimants()
            with pytest.raises(StopIteration) as done:
                next(claimants)
            rest = done.value.value[1]
            first_line = next(rest, None)
            if first_line is None:
                return
            # As the pooled reader starts: at the first line after the header and blank lines.
            origin = reader.bytes_read - len(first_line[1])
            by_line = [(number, raw.removesuffix(b"\n")) for number, raw in [first_line, *rest]]
        with path.open("rb") as stream:
            end, number, by_span = len(header + text), by_line[0][0], []
            for begin, stop in import_pool.spans(origin, end, size, first):
                offset, block = import_pool.span_lines(stream.fileno(), begin, stop, origin)
                assert block == b"" or offset == origin  # the spans tile the file
                origin += len(block)
                for line in import_pool.block_lines(block):
                    by_span.append((number, line))
                    number += 1
    assert by_span == by_line
    assert origin == end


def test_a_batch_of_sqlite_rows_comes_back_from_msgpack_exactly() -> None:
    """Every row and every value of its type: tuples as tuples, floats as floats (1.0 too)."""
    claims = [read_record(line.encode(), "x", n, NAMES) for n, line in enumerate(CLAIM_LINES)]
    batch = claim_batch([c for c in claims if isinstance(c, ArchivedClaim)], sqlite_value)
    assert batch.forecasts and batch.events
    sent = import_pool.packed(batch, sqlite_value)
    assert isinstance(sent, pickle.PickleBuffer)  # sent beside the pickle, as a bytearray
    back = import_pool.unpacked(memoryview(bytes(sent)))
    assert back == batch
    for table in ("claims", "sources", "deadlines", "forecasts", "tags", "events"):
        for row, again in zip(getattr(batch, table), getattr(back, table), strict=True):
            assert type(again) is tuple
            assert [type(value) for value in again] == [type(value) for value in row]


def test_a_batch_msgpack_cannot_hold_goes_as_it_is() -> None:
    claims = [read_record(line.encode(), "x", n, NAMES) for n, line in enumerate(CLAIM_LINES)]
    batch = claim_batch([c for c in claims if isinstance(c, ArchivedClaim)], sqlite_value)
    assert import_pool.packed(batch, postgres_value) is batch  # datetimes: pickled
    uid, at, actor, kind, _ = batch.events[0][1:]
    batch.events[0] = (0, uid, at, actor, kind, '{"note":"\ud800"}')  # a lone surrogate
    assert import_pool.packed(batch, sqlite_value) is batch


def test_a_piped_archive_is_imported_by_the_workers_as_the_file_is(tmp_path: Path) -> None:
    """`claims import -` from a pipe keeps what comes down it in a temporary file, so that
    the lean path and the workers can read it; the ledger is the file's, byte for byte."""
    archive = tmp_path / "made.jsonl"
    write_archive(archive, 300)
    env = {**os.environ, "CLAIMS_IMPORT_WORKERS": "2", "CLAIMS_NOW": "2026-06-01"}
    piped, from_file = tmp_path / "piped.db", tmp_path / "file.db"
    command = [sys.executable, "-m", "ledger", "import"]
    done = subprocess.run(
        [*command, "-", "--db", str(piped)],
        input=archive.read_bytes(), capture_output=True, env=env, timeout=120, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert b"Imported stdin: 300 claims added" in done.stdout
    assert run_claims("import", str(archive), "--db", str(from_file), env=env).returncode == 0
    assert dump(piped) == dump(from_file)
    lines = archive.read_bytes().splitlines(keepends=True)
    lines[250] = lines[250].replace(b'"hedge":"', b'"hedge":"x', 1)
    bad = subprocess.run(
        [*command, "-", "--db", str(tmp_path / "bad.db")],
        input=b"".join(lines), capture_output=True, env=env, timeout=120, check=False,
    )  # fmt: skip
    assert bad.returncode == 2
    assert bad.stderr.decode().startswith("claims: stdin line 251 (claim ")
    assert not (tmp_path / "bad.db").exists()


def test_an_import_ends_with_its_output_written_and_its_workers_gone(tmp_path: Path) -> None:
    """The import's process ends without tearing the interpreter down, yet its buffered output
    reaches the pipe and no worker outlives it."""
    archive, db = tmp_path / "made.jsonl", tmp_path / "ledger.db"
    write_archive(archive, 300)
    env = {**os.environ, "CLAIMS_IMPORT_WORKERS": "2"}
    env.pop("PYTHONUNBUFFERED", None)  # output to a pipe waits in a buffer, as it does by default
    importing = start_import(archive, db, env)
    out, err = importing.communicate(timeout=120)
    assert (importing.returncode, err) == (0, "")
    assert out.splitlines()[-1].startswith("Imported ")
    assert "300 claims added" in out
    with pytest.raises(ProcessLookupError):
        os.killpg(importing.pid, 0)  # nothing is left in the import's process group
