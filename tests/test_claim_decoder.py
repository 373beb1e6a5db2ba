"""The typed claim reader (ledger.archive.claim_decoder) only ever agrees with the field-by-field
reader (ledger.archive.claim_fields): on every good line it gives the very same claim, and on a
damaged line it either gives what the field reader gives or steps aside (None) so that the field
reader words the refusal."""

from __future__ import annotations

import json
import shutil
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any, get_args

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bench.synthetic_ledger import archive_lines
from ledger.archive import claim_decoder
from ledger.archive.claim_fields import SOURCE_ROLES, claim_from_json
from ledger.archive.items import ArchivedClaim
from ledger.archive.jsonl import _decode, read_record
from ledger.dates import PRECISIONS
from ledger.errors import InputError
from ledger.events import encode_change
from ledger.replay import NameMap, name_resolver
from ledger.rules import HEDGES, OUTCOMES
from ledger.sql.values import db_timestamp
from ledger.store.claim_rows import (
    DbValue,
    claim_batch,
    encoded_change,
    postgres_value,
    sqlite_value,
)
from ledger.validate import check_url
from tests.conftest import Cli

ROOT = Path(__file__).resolve().parent.parent


def field_reader(raw: bytes, names: NameMap) -> ArchivedClaim | str:
    """What claim_fields makes of a line: the claim, or its refusal."""
    try:
        data = _decode(raw, "line 1")
        if data is None or data.get("type") != "claim":
            return "not a claim line"
        return claim_from_json(data, "line 1", 1, names)
    except InputError as error:
        return str(error)


def synthetic() -> tuple[list[bytes], NameMap]:
    lines = [line.encode() for line in archive_lines(300, seed=11)]
    claimants = [json.loads(line) for line in lines if b'"type":"claimant"' in line]
    names = name_resolver((c["name"], c["aliases"]) for c in claimants)
    return [line for line in lines if line.startswith(b'{"type":"claim",')], names


SYNTHETIC, NAMES = synthetic()


def test_the_choices_are_the_rules() -> None:
    assert get_args(claim_decoder._Hedge) == HEDGES
    assert get_args(claim_decoder._Outcome) == OUTCOMES
    assert get_args(claim_decoder._Role) == SOURCE_ROLES
    assert get_args(claim_decoder._Precision) == PRECISIONS


def test_every_generated_claim_is_read_the_same_both_ways() -> None:
    for raw in SYNTHETIC:
        typed = claim_decoder.typed_claim(raw, 1, NAMES)
        assert typed is not None, raw[:120]
        assert typed == field_reader(raw, NAMES)


def test_the_demo_ledgers_claims_are_read_the_same_both_ways(cli: Cli, tmp_path: Path) -> None:
    db, archive = tmp_path / "demo.db", tmp_path / "demo.jsonl"
    shutil.copy(ROOT / "claims.db", db)
    cli.ok("export", str(archive), "--db", str(db))
    lines = archive.read_bytes().splitlines()
    claimants = [json.loads(line) for line in lines if b'"type":"claimant"' in line]
    names = name_resolver((c["name"], c["aliases"]) for c in claimants)
    claims = [line for line in lines if line.startswith(b'{"type":"claim",')]
    assert len(claims) >= 5
    for raw in claims:
        typed = claim_decoder.typed_claim(raw, 1, names)
        assert typed is not None, raw[:120]
        assert typed == field_reader(raw, names)


def test_read_record_takes_the_typed_reader_for_a_claim_line(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    taken: list[bytes] = []

    def typed(raw: bytes, number: int, names: NameMap) -> ArchivedClaim | None:
        taken.append(raw)
        return None  # step aside: the field reader still reads it

    monkeypatch.setattr("ledger.archive.jsonl.typed_claim", typed)
    item = read_record(SYNTHETIC[0], "line 1", 1, NAMES)
    assert taken == [SYNTHETIC[0]]
    assert item == field_reader(SYNTHETIC[0], NAMES)


# Values a damaged line may hold where a good one holds something else.
ODD_VALUES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-3, max_value=3),
    st.sampled_from([2**62, 2**64, 10**30, -(2**63)]),
    st.floats(allow_nan=False, allow_infinity=False),
    st.sampled_from(
        [
            "",
            " ",
            "x",
            "\x00",
            "a\x00b",
            "\ud800",
            "2024-02-30",
            "2024-13",
            "2024",
            "20240901",
            "2024-09-01T12:00:00",
            "2024-09-01T12:00:00Z",
            "2024-09-01T12:00:00.000000+02:00",
            "http://x.example/a b",
            "https://X.example",
            "javascript:alert(1)",
            " padded ",
            "kept",
            "month",
            "evidence",
            "00000000-0000-4000-8000-00000000000A",
            "00000000-0000-4000-8000-000000000001",
            "y" * 201,
            "z" * 2001,
            "🌱" * 200,
        ]
    ),
    st.text(max_size=12),
    st.lists(st.integers(), max_size=2),
    st.dictionaries(st.sampled_from(["seq", "url", "role", "odd"]), st.integers(), max_size=2),
)


def paths(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every place in a decoded line: keys of objects and indexes of lists, nested."""
    found = [prefix] if prefix else []
    if isinstance(value, dict):
        for key, item in value.items():
            found.extend(paths(item, (*prefix, key)))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found.extend(paths(item, (*prefix, index)))
    return found


def damaged(raw: bytes, choice: int, how: str, value: Any, *, ascii: bool) -> bytes:
    record = json.loads(raw)
    where = paths(record)[choice % len(paths(record))]
    parent = record
    for step in where[:-1]:
        parent = parent[step]
    last = where[-1]
    if how == "drop" and isinstance(parent, dict):
        del parent[last]
    elif how == "add" and isinstance(parent, dict):
        parent["unexpected"] = value
    else:
        parent[last] = value
    text = json.dumps(record, ensure_ascii=ascii, allow_nan=False)
    return text.encode("utf-8", "surrogatepass")  # a lone surrogate makes bytes that are not UTF-8


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    line=st.integers(min_value=0, max_value=len(SYNTHETIC) - 1),
    choice=st.integers(min_value=0, max_value=10_000),
    how=st.sampled_from(["set", "set", "set", "drop", "add"]),
    value=ODD_VALUES,
    ascii=st.booleans(),
)
def test_a_damaged_line_is_read_the_same_or_left_to_the_field_reader(
    line: int, choice: int, how: str, value: Any, ascii: bool
) -> None:
    raw = damaged(SYNTHETIC[line], choice, how, value, ascii=ascii)
    typed = claim_decoder.typed_claim(raw, 1, NAMES)
    if typed is not None:
        assert typed == field_reader(raw, NAMES)


@pytest.mark.parametrize("number", ["NaN", "-Infinity", "1e999"])
def test_numbers_json_has_not_are_refused(number: str) -> None:
    """Python's JSON reader takes NaN and Infinity; an event's change holding one could not be
    written back as JSON."""
    record = json.loads(SYNTHETIC[0])
    record["events"][0]["change"]["odd"] = "PLACE"
    raw = json.dumps(record, ensure_ascii=False).replace('"PLACE"', number).encode()
    assert field_reader(raw, NAMES) == "line 1: not a JSON object (" + (
        "the number 1e999 is too large)" if number == "1e999" else f"{number} is not a JSON number)"
    )


@pytest.mark.parametrize(
    "text",
    [
        '{"type":"claim","uid":"x"',  # cut short
        "[1, 2]",
        '{"type":"claim","statement":NaN}',
        "",
    ],
)
def test_lines_that_are_not_claims_are_left_to_the_field_reader(text: str) -> None:
    assert claim_decoder.typed_claim(text.encode(), 1, NAMES) is None


@pytest.mark.parametrize("db_value", [sqlite_value, postgres_value], ids=["sqlite", "postgres"])
def test_batch_rows_hold_every_date_and_time_in_the_drivers_type(db_value: DbValue) -> None:
    """The rows convert exactly the values a type-by-type conversion of every value would."""
    claims = [field_reader(raw, NAMES) for raw in SYNTHETIC]
    batch = claim_batch([c for c in claims if isinstance(c, ArchivedClaim)], db_value)
    rows = [*batch.claims, *batch.sources, *batch.deadlines, *batch.forecasts, *batch.events]
    assert len(rows) > 3 * len(claims)
    for row in rows:
        assert list(row) == [db_value(value) for value in row]
    if db_value is sqlite_value:
        assert not any(isinstance(value, date) for row in rows for value in row)


# What a change read from an archive can hold: the readers refuse NaN and infinities.
JSON_VALUES = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.sampled_from([1e16, 1e-4, 9.999e-5, 1e15 + 0.5, 5e-324, -0.0, 2**64, 2**63 - 1])
    | st.sampled_from(["0.00001", "x:1e5", "[1e5", "3e4-uid"])
    | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
    max_leaves=12,
)


@settings(max_examples=500, deadline=None)
@given(change=st.dictionaries(st.text(), JSON_VALUES, max_size=6))
def test_a_change_is_written_the_same_by_either_encoder(change: dict[str, Any]) -> None:
    try:
        expected = encode_change(change)
    except (ValueError, TypeError):  # a lone surrogate, say: neither may write it
        with pytest.raises((ValueError, TypeError)):
            encoded_change(change)
        return
    assert encoded_change(change) == expected


@settings(max_examples=300, deadline=None)
@given(
    moment=st.datetimes(
        min_value=datetime(2, 1, 1),
        max_value=datetime(9998, 12, 31),
        timezones=st.sampled_from(
            [UTC, timezone(timedelta(hours=2)), timezone(-timedelta(hours=9, minutes=30))]
        ),
    )
)
def test_a_time_is_stored_as_db_timestamp_writes_it(moment: datetime) -> None:
    """The rows' quick way with a UTC time (its ISO text cut at the offset) and the general
    way with any other give db_timestamp's text."""
    assert sqlite_value.time(moment) == db_timestamp(moment)
    assert sqlite_value(moment) == db_timestamp(moment)


def written_ways(moment: datetime) -> list[str]:
    """Texts fromisoformat reads as `moment` (in UTC): as export writes it, with a space for
    the T, as a week date (as long as export's form), with an offset, to the millisecond."""
    day, clock = moment.date(), moment.strftime("%H:%M:%S")
    year, week, weekday = day.isocalendar()
    micro, milli = f"{moment.microsecond:06d}", f"{moment.microsecond // 1000:03d}"
    return [
        f"{day.isoformat()}T{clock}.{micro}Z",
        f"{day.isoformat()} {clock}.{micro}Z",
        f"{year:04d}-W{week:02d}-{weekday}T{clock}.{micro}Z",
        f"{day.isoformat()}T{clock}.{micro}+00:00",
        f"{day.isoformat()}T{clock}.{milli}Z",
    ]


@settings(max_examples=200, deadline=None)
@given(
    moment=st.datetimes(
        min_value=datetime(2, 1, 4), max_value=datetime(9998, 12, 31), timezones=st.just(UTC)
    )
)
def test_a_time_read_from_an_archive_is_stored_as_db_timestamp_writes_it(
    moment: datetime,
) -> None:
    """The rows cut the text the typed reader read a time from, where it is export's form;
    every other text it reads the same time from is written again."""
    for text in written_ways(moment):
        read = claim_decoder._required_moment(text)
        assert claim_decoder.text_read(read) == text
        assert sqlite_value.time(read) == db_timestamp(read), text


@settings(max_examples=500, deadline=None)
@given(
    url=st.builds(
        lambda scheme, host, rest: scheme + host + rest,
        st.sampled_from(["https://", "http://", "HTTP://", "ftp://", "https:/", ""]),
        st.from_regex(r"[a-z0-9.\-]{1,10}", fullmatch=True)
        | st.text(alphabet="ab.-_:@[]1é ", max_size=12),
        st.from_regex(r"[/?#][!-~]{0,15}", fullmatch=True)
        | st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=20)
        | st.sampled_from(["", "/a b", "/\x7f", "/" + "a" * 2050]),
    )
)
def test_a_url_the_typed_reader_takes_at_a_glance_is_one_check_url_takes_as_it_is(
    url: str,
) -> None:
    """The quick look at a URL says yes only where check_url would take it unchanged (any
    other URL goes to check_url itself)."""
    if claim_decoder._PLAIN_URL.fullmatch(url) is not None and len(url) <= 2048:
        assert check_url(url, what="url") == url
