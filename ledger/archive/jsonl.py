"""The archival format, JSON Lines: one object per line, written the same way every time.

A header line, then every claimant (with aliases), every claim (its state and its events), and
the events about claimants. Keys come in a fixed order, timestamps as `2024-09-04T12:00:00.000000Z`,
and characters that could act on a terminal (C1 controls, bidi overrides, line separators) as
`\\uXXXX` escapes, which JSON reads back unchanged. The README's "Export format" section is the
reader's guide; this module is the definition.
"""

from __future__ import annotations

import itertools
import json
import math
import re
from collections.abc import Generator, Iterable, Iterator
from datetime import UTC, date, datetime
from typing import Any, BinaryIO

import orjson

from ledger.archive.claim_decoder import typed_claim
from ledger.archive.claim_fields import claim_from_json, claimant_from_json, event_from_json
from ledger.archive.items import ArchivedClaim, ArchivedClaimant, ArchivedEvent, ArchiveItem
from ledger.errors import InputError
from ledger.replay import NameMap, name_resolver
from ledger.state import ClaimState

FORMAT = "claims-ledger"
FORMAT_VERSION = 1
_CLAIM_LINE = b'{"type":"claim",'  # how export starts a claim line
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")
Line = tuple[int, bytes]  # a line's number (from 1) and its bytes
_TERMINAL_UNSAFE = re.compile("[\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]")


def timestamp(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def _day(value: date | None) -> str | None:
    return None if value is None else value.isoformat()


def said_text(day: date, precision: str) -> str:
    if precision == "month":
        return day.strftime("%Y-%m")
    if precision == "year":
        return f"{day.year:04d}"
    return day.isoformat()


def _canonical(value: Any) -> Any:
    if isinstance(value, dict):
        return {key: _canonical(value[key]) for key in sorted(value)}
    if isinstance(value, list):
        return [_canonical(item) for item in value]
    return value


def line(value: dict[str, Any]) -> str:
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return _TERMINAL_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text) + "\n"


def jsonl_lines(items: Iterable[ArchiveItem]) -> Iterator[str]:
    yield line({"type": "header", "format": FORMAT, "version": FORMAT_VERSION})
    for item in items:
        if isinstance(item, ArchivedClaimant):
            yield line(claimant_json(item))
        elif isinstance(item, ArchivedClaim):
            yield line(claim_json(item))
        else:
            yield line({"type": "event", **event_json(item)})


def claimant_json(claimant: ArchivedClaimant) -> dict[str, Any]:
    return {
        "type": "claimant",
        "name": claimant.name,
        "kind": claimant.kind,
        "created_at": timestamp(claimant.created_at),
        "aliases": list(claimant.aliases),
    }


def event_json(event: ArchivedEvent) -> dict[str, Any]:
    return {
        "uid": event.uid,
        "at": timestamp(event.at),
        "actor": event.actor,
        "kind": event.kind,
        "change": _canonical(event.change),
    }


def claim_json(claim: ArchivedClaim) -> dict[str, Any]:
    state = claim.state
    target = state.target
    return {
        "type": "claim",
        "uid": state.uid,
        "statement": state.statement,
        "quote": state.quote,
        "claimant": state.claimant,
        "said_on": said_text(state.said_on, state.said_precision),
        "hedge": state.hedge,
        "condition": state.condition,
        "target": None
        if target is None
        else {"metric": target.metric, "low": target.low, "high": target.high, "unit": target.unit},
        "tags": list(state.tags),
        "deadlines": [_deadline_json(d) for d in state.deadlines],
        "sources": [_source_json(s) for s in state.sources],
        "forecasts": [
            {
                "probability": f.probability,
                "made_at": timestamp(f.made_at),
                "forecaster": f.forecaster,
                "recorded_at": timestamp(f.recorded_at),
            }
            for f in state.forecasts
        ],
        **_outcome_json(state),
        "created_at": timestamp(state.created_at),
        "updated_at": timestamp(state.updated_at),
        "version": state.version,
        "events": [event_json(event) for event in claim.events],
    }


def _deadline_json(deadline: Any) -> dict[str, Any]:
    return {
        "seq": deadline.seq,
        "phrase": deadline.phrase,
        "said_on": said_text(deadline.said_on, deadline.said_precision),
        "start": _day(deadline.start),
        "end": _day(deadline.end),
        "precision": deadline.precision,
        "note": deadline.note,
        "source": deadline.source,
        "recorded_at": timestamp(deadline.recorded_at),
    }


def _source_json(source: Any) -> dict[str, Any]:
    return {
        "role": source.role,
        "url": source.url,
        "title": source.title,
        "publisher": source.publisher,
        "published_on": _day(source.published_on),
        "language": source.language,
        "archive_url": source.archive_url,
        "added_at": timestamp(source.added_at),
    }


def _outcome_json(state: ClaimState) -> dict[str, Any]:
    return {
        "outcome": state.outcome,
        "happened_on": _day(state.happened_on),
        "resolution_note": state.resolution_note,
        "resolved_at": None if state.resolved_at is None else timestamp(state.resolved_at),
        "withdrawn_at": None if state.withdrawn_at is None else timestamp(state.withdrawn_at),
        "withdrawn_reason": state.withdrawn_reason,
    }


class JsonlReader:
    """Reads an archive line by line, checking each record; `bytes_read` tells how far it got."""

    def __init__(self, stream: BinaryIO, *, name: str) -> None:
        self.stream = stream
        self.name = name
        self.bytes_read = 0

    def __iter__(self) -> Iterator[ArchiveItem]:
        names, rest = yield from self.claimants()
        for number, raw in rest:
            item = read_record(raw, f"{self.name} line {number}", number, names)
            if item is not None:
                yield item

    def claimants(self) -> Generator[ArchivedClaimant, None, tuple[NameMap, Iterator[Line]]]:
        """Yield the header's claimants; return their names and the lines after them."""
        lines = self._lines()
        claimants: list[tuple[str, tuple[str, ...]]] = []
        seen_header = False
        for number, raw in lines:
            where = f"{self.name} line {number}"
            data = _decode(raw, where)
            if data is None:
                continue
            if not seen_header:
                _check_header(data, where)
                seen_header = True
            elif data.get("type") == "claimant":
                claimant = claimant_from_json(data, where, number)
                claimants.append((claimant.name, claimant.aliases))
                yield claimant
            else:
                return name_resolver(claimants), itertools.chain([(number, raw)], lines)
        if not seen_header:
            raise InputError(f"{self.name} is empty: not a claims export")
        return name_resolver(claimants), iter(())

    def _lines(self) -> Iterator[Line]:
        for number, raw in enumerate(self.stream, start=1):
            self.bytes_read += len(raw)
            yield number, raw


def read_record(raw: bytes, where: str, number: int, names: NameMap) -> ArchiveItem | None:
    """A claim or event line after the claimants, checked; None for a blank line. A claim line
    as export writes it is read in one typed pass when it can be (ledger.archive.claim_decoder);
    any other line, or one that pass does not accept, is read field by field."""
    if raw.startswith(_CLAIM_LINE):
        claim = typed_claim(raw, number, names)
        if claim is not None:
            return claim
    data = _decode(raw, where)
    if data is None:
        return None
    kind = data.get("type")
    if kind == "claim":
        return claim_from_json(data, where, number, names)
    if kind == "event":
        return event_from_json(data, where, number)
    if kind == "claimant":
        raise InputError(f"{where}: claimants must come before the claims")
    if kind is None:
        raise InputError(f'{where}: has no "type" (claim, event or claimant)')
    raise InputError(f"{where}: unknown record type {kind!r} (claim, event or claimant)")


def _decode(raw: bytes, where: str) -> dict[str, Any] | None:
    """A line's object; None for a blank line. orjson reads well-formed lines (most of the
    time an import takes is reading); whatever it refuses is read again by the standard
    library, which decides, so that both accept and refuse exactly the same lines."""
    try:
        data = orjson.loads(raw)
    except orjson.JSONDecodeError:
        return _decode_exactly(raw, where)
    if not isinstance(data, dict):
        raise InputError(f"{where}: not a JSON object")
    return data


def _decode_exactly(raw: bytes, where: str) -> dict[str, Any] | None:
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise InputError(f"{where}: not UTF-8 text") from None
    if not text.strip():
        return None
    try:
        data = json.loads(text, parse_constant=_not_json, parse_float=_finite)
    except json.JSONDecodeError as error:  # its own "line 1" would contradict `where`
        problem = f"{error.msg.removesuffix(' at')} at column {error.colno}"
        raise InputError(f"{where}: not a JSON object ({problem})") from None
    except RecursionError:
        raise InputError(f"{where}: not a JSON object (nested too deeply)") from None
    except ValueError as error:  # a number too long to read, say
        raise InputError(f"{where}: not a JSON object ({str(error)[:80]})") from None
    if not isinstance(data, dict):
        raise InputError(f"{where}: not a JSON object")
    if _SURROGATE_ESCAPE.search(text):
        try:
            json.dumps(data, ensure_ascii=False).encode("utf-8")
        except UnicodeEncodeError:
            raise InputError(f"{where}: holds text that is not valid Unicode") from None
    return data


def _not_json(constant: str) -> float:
    """NaN and Infinity, which Python's JSON reader takes and JSON has not."""
    raise ValueError(f"{constant} is not a JSON number")


def _finite(text: str) -> float:
    value = float(text)
    if math.isinf(value):
        raise ValueError(f"the number {text[:40]} is too large")
    return value


def _check_header(data: dict[str, Any], where: str) -> None:
    if data.get("type") != "header" or data.get("format") != FORMAT:
        raise InputError(f"{where}: not a claims export (the first line should be its header)")
    version = data.get("version")
    if version != FORMAT_VERSION:
        raise InputError(
            f"{where}: export format {version!r} is not one this version of claims reads "
            f"({FORMAT_VERSION})"
        )
