"""Reading a CSV (an export, or a sheet in its columns) as new claims with their events.

Each row whose uid the ledger does not hold yet becomes a new claim, checked as `claims add`
checks input (the first deadline is read again from its phrase), re-dated, resolved and withdrawn
as the row says; a row whose uid is already there is left alone, since a row carries no history
to compare. A row without a uid gets one made from its statement, claimant and said date, and
each event a uid made from the claim's, so importing the same sheet twice adds nothing.
"""

from __future__ import annotations

import csv
import io
import uuid
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, BinaryIO

from ledger.archive.csv_format import COLUMNS, REQUIRED, TITLE_SEPARATOR, restore
from ledger.archive.fields import UID
from ledger.archive.items import ArchivedClaim, ArchivedEvent, ArchiveItem
from ledger.dates import DeadlineWindow, SaidOn, parse_said_on
from ledger.errors import InputError
from ledger.events import (
    created_change,
    decode_change,
    encode_change,
    resolved_change,
    source_change,
    window_change,
)
from ledger.records import ClaimDraft, SourceDraft
from ledger.replay import replay
from ledger.rules import check_happened_on, check_outcome_name
from ledger.validate import (
    MAX_NAME,
    check_url,
    clean_text,
    draft_claim,
    name_key,
    parse_optional_date,
    parse_target,
    read_deadline_text,
)

_ROW_UIDS = uuid.UUID("0c8f6a52-7f0e-4d59-9e43-0d6a1b7c2e11")


class Row:
    """One row's cells by column, formula quotes taken off; an empty or missing cell is None."""

    def __init__(self, cells: dict[str | None, Any]) -> None:
        if None in cells:
            raise InputError("the row has more cells than the header has columns")
        self.cells = cells

    def __call__(self, column: str) -> str | None:
        value = self.cells.get(column)
        return restore(value) if value else None

    def words(self, column: str, separator: str | None = None) -> list[str]:
        return [word for word in (self(column) or "").split(separator) if word.strip()]


@dataclass
class CsvReader:
    """Reads rows into archived claims; `bytes_read` tells how far it got."""

    stream: BinaryIO
    name: str
    today: date
    now: datetime
    actor: str
    bytes_read: int = 0

    def __iter__(self) -> Iterator[ArchiveItem]:
        text = io.TextIOWrapper(self.stream, encoding="utf-8-sig", newline="")
        reader = csv.DictReader(text)
        try:
            self._check_header(reader.fieldnames)
            for cells in reader:
                self.bytes_read = _position(self.stream, self.bytes_read)
                yield self._claim(cells, reader.line_num)
        except UnicodeDecodeError:
            raise InputError(f"{self.name}: not UTF-8 text") from None
        except csv.Error as error:
            raise InputError(f"{self.name} line {reader.line_num}: {error}") from None

    def _check_header(self, names: Sequence[str] | None) -> None:
        if not names:
            raise InputError(f"{self.name} is empty: no header row")
        unknown = [name for name in names if name not in COLUMNS]
        if unknown:
            raise InputError(
                f"{self.name}: unknown column {unknown[0]!r}; the columns are {', '.join(COLUMNS)}"
            )
        missing = [name for name in REQUIRED if name not in names]
        if missing:
            raise InputError(f"{self.name}: the column {missing[0]!r} is missing")

    def _claim(self, cells: dict[str | None, Any], line: int) -> ArchivedClaim:
        try:
            events = self._events(Row(cells))
        except InputError as error:
            raise InputError(f"{self.name} line {line}: {error}") from None
        return ArchivedClaim(replay(events), tuple(events), line=line, history=False)

    def _events(self, row: Row) -> list[ArchivedEvent]:
        draft = _draft(row, self.today)
        uid = _uid(row("uid"), draft)
        created_at = _parse_moment(row("created_at"), "created_at") or self.now
        forecast = _forecast(row, draft, self.now)
        if forecast is not None:  # its own event, made when the row says and by whom
            draft = draft._replace(probability=None)
        changes: list[tuple[str, datetime, dict[str, Any]]] = [
            ("created", created_at, created_change(draft, uid))
        ]
        current = draft.deadline
        revision = _revision(row, draft, self.today)
        if revision is not None:
            said, current, source = revision
            change = {"seq": 1, "said_on": str(said), "deadline": window_change(current)}
            if source is not None:
                change["source"] = source_change(source)
            changes.append(("revised", created_at, change))
        if forecast is not None:
            changes.append(("forecast", created_at, forecast))
        if row("outcome") is not None:
            resolved_at = _parse_moment(row("updated_at"), "updated_at") or created_at
            resolution = _resolution(row, draft, current.end, self.today)
            changes.append(("resolved", resolved_at, resolution))
        else:  # evidence gathered before the verdict
            changes.extend(
                ("source-added", created_at, source_change(source)) for source in _evidence(row)
            )
        withdrawn_at = _parse_moment(row("withdrawn_at"), "withdrawn_at")
        if withdrawn_at is not None:
            reason = clean_text(row("withdrawn_reason"), what="withdrawn_reason", max_len=500)
            changes.append(("withdrawn", withdrawn_at, {"reason": reason}))
        # Through JSON and back, so that each change is exactly what the event log will hold.
        forecaster = clean_text(row("last_forecaster"), what="last_forecaster", max_len=MAX_NAME)
        return [
            ArchivedEvent(
                str(uuid.uuid5(_ROW_UIDS, f"{uid}/{i}")),
                at,
                (forecaster or self.actor) if kind == "forecast" else self.actor,
                kind,
                decode_change(encode_change(change)),
            )
            for i, (kind, at, change) in enumerate(changes)
        ]


def _draft(row: Row, today: date) -> ClaimDraft:
    if not row.words("sources") and not row.words("source_titles", TITLE_SEPARATOR):
        raise InputError(
            "a claim needs at least one source: fill in its sources (URLs) or, for print, "
            "source_titles"
        )
    return draft_claim(
        statement=row("statement") or "",
        claimant=row("claimant") or "",
        said=row("said_on") or "",
        deadline=row("deadline"),
        sources=row.words("sources"),
        today=today,
        quote=row("quote"),
        tags=row.words("tags"),
        hedge=row("hedge"),
        condition=row("condition"),
        target=parse_target(
            row("target_metric"), row("target_low"), row("target_high"), row("target_unit")
        ),
        probability=row("last_forecast"),
        source_titles=row.words("source_titles", TITLE_SEPARATOR),
    )


def _forecast(row: Row, draft: ClaimDraft, now: datetime) -> dict[str, Any] | None:
    """The row's last forecast as a `forecast` change, when the row says when it was made."""
    made_at = _parse_moment(row("last_forecast_at"), "last_forecast_at")
    if made_at is None or draft.probability is None:
        return None
    if made_at > now:
        raise InputError(f"last_forecast_at {made_at:%Y-%m-%d} is in the future")
    if made_at.date() < draft.said_on.first:
        raise InputError(f"last_forecast_at {made_at:%Y-%m-%d} is before the claim was said")
    return {"probability": draft.probability, "made_at": made_at.isoformat()}


def _revision(
    row: Row, draft: ClaimDraft, today: date
) -> tuple[SaidOn, DeadlineWindow, SourceDraft | None] | None:
    """The current deadline and where it was said, when the row says the claimant re-dated
    the claim."""
    phrase, given, url = row("current_deadline"), row("current_said_on"), row("current_source")
    said = None if phrase is None and given is None else parse_said_on(given or "", today=today)
    if said is None or (phrase or "", str(said)) == (draft.deadline.phrase, str(draft.said_on)):
        if url is not None:
            raise InputError(
                "current_source is given, but current_deadline and current_said_on do not say "
                "the claim was re-dated"
            )
        return None
    if said.first < draft.said_on.first:
        raise InputError(f"current_said_on {said} is before the claim was said")
    source = (
        None
        if url is None
        else SourceDraft(check_url(url, what="current_source URL"), role="revision")
    )
    return said, read_deadline_text(phrase, said), source


def _resolution(
    row: Row, draft: ClaimDraft, current_end: date | None, today: date
) -> dict[str, Any]:
    outcome = check_outcome_name(row("outcome") or "")
    happened_on = parse_optional_date(row("happened_on"), what="happened_on")
    check_happened_on(
        outcome=outcome,
        happened_on=happened_on,
        said_on=draft.said_on.first,
        first_end=draft.deadline.end,
        current_end=current_end,
        today=today,
    )
    note = clean_text(row("resolution_note"), what="resolution_note")
    return resolved_change(outcome, happened_on, note, _evidence(row))


def _evidence(row: Row) -> tuple[SourceDraft, ...]:
    return tuple(
        SourceDraft(check_url(url, what="evidence URL"), role="evidence")
        for url in row.words("evidence")
    )


def _uid(given: str | None, draft: ClaimDraft) -> str:
    if given is None:
        key = "\x1f".join((draft.statement, name_key(draft.claimant), str(draft.said_on)))
        return str(uuid.uuid5(_ROW_UIDS, key))
    if not UID.fullmatch(given):
        raise InputError(f"uid {given!r} is not a uid (36 characters such as 9b06876f-…)")
    return given


def _parse_moment(text: str | None, what: str) -> datetime | None:
    if text is None:
        return None
    try:
        moment = datetime.fromisoformat(text.strip())
    except ValueError:
        raise InputError(f"{what} {text!r} is not an ISO time") from None
    if moment.tzinfo is None:
        raise InputError(f"{what} {text!r} has no time zone (end it in Z for UTC)")
    return moment


def _position(stream: BinaryIO, fallback: int) -> int:
    try:
        return stream.tell()
    except (OSError, ValueError):
        return fallback
