"""CSV for spreadsheets: one row per claim, flat and readable, with formula cells neutralised.

CSV is not the archive (JSON Lines is): a row holds a claim's fields, its first and current
deadline, outcome, tags, source URLs and latest forecast, but not its history. Importing a CSV
adds each row whose uid the ledger does not hold yet as a new claim, checked as `claims add`
checks input (the first deadline is read again from its phrase), then resolved and withdrawn as
the row says; a row whose uid is already there is left alone. A row without a uid gets one made
from its statement, claimant and said date, so importing the same sheet twice adds nothing.

A cell that a spreadsheet would run as a formula (it starts with = + - @, a tab or a carriage
return, perhaps after quotes) is written with one more `'` in front; import takes it off again.
"""

from __future__ import annotations

import csv
import io
import re
import uuid
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, BinaryIO

from ledger.archive.fields import UID
from ledger.archive.items import ArchivedClaim, ArchivedEvent, ArchiveItem
from ledger.archive.jsonl import said_text, timestamp
from ledger.dates import DeadlineWindow, SaidOn, parse_said_on
from ledger.errors import InputError
from ledger.events import (
    created_change,
    decode_change,
    encode_change,
    resolved_change,
    window_change,
)
from ledger.records import ClaimDraft, SourceDraft
from ledger.replay import replay
from ledger.rules import check_happened_on, check_outcome_name
from ledger.state import ClaimState
from ledger.validate import (
    check_url,
    clean_text,
    draft_claim,
    name_key,
    parse_optional_date,
    parse_target,
    read_deadline_text,
)

COLUMNS = (
    "uid",
    "statement",
    "claimant",
    "said_on",
    "hedge",
    "quote",
    "condition",
    "target_metric",
    "target_low",
    "target_high",
    "target_unit",
    "deadline",
    "window_start",
    "window_end",
    "precision",
    "current_deadline",
    "current_said_on",
    "current_window_start",
    "current_window_end",
    "outcome",
    "happened_on",
    "resolution_note",
    "tags",
    "sources",
    "evidence",
    "source_titles",
    "last_forecast",
    "withdrawn_at",
    "withdrawn_reason",
    "created_at",
    "updated_at",
)
REQUIRED = ("statement", "claimant", "said_on")
TITLE_SEPARATOR = " | "
_FORMULA = re.compile("'*[=+\\-@\t\r]")
_ROW_UIDS = uuid.UUID("0c8f6a52-7f0e-4d59-9e43-0d6a1b7c2e11")


def neutralise(cell: str) -> str:
    return "'" + cell if _FORMULA.match(cell) else cell


def restore(cell: str) -> str:
    return cell[1:] if cell.startswith("'") and _FORMULA.match(cell, 1) else cell


def csv_lines(items: Iterable[ArchiveItem]) -> Iterator[str]:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for item in items:
        if isinstance(item, ArchivedClaim):
            writer.writerow([neutralise(cell) for cell in row_cells(item.state)])
        yield buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
    yield buffer.getvalue()


def _number(value: float | None) -> str:
    if value is None:
        return ""
    return str(int(value)) if value.is_integer() and abs(value) < 1e15 else repr(value)


def _day(value: date | None) -> str:
    return "" if value is None else value.isoformat()


def _moment(value: datetime | None) -> str:
    return "" if value is None else timestamp(value)


def row_cells(state: ClaimState) -> list[str]:
    first, current, target = state.deadlines[0], state.current, state.target
    urls = {
        role: [s.url for s in state.sources if s.role == role and s.url]
        for role in ("source", "evidence")
    }
    titles = [s.title for s in state.sources if s.url is None and s.title]
    forecasts = sorted(enumerate(state.forecasts), key=lambda pair: (pair[1].made_at, pair[0]))
    return [
        state.uid,
        state.statement,
        state.claimant,
        said_text(state.said_on, state.said_precision),
        state.hedge,
        state.quote or "",
        state.condition or "",
        target.metric if target else "",
        _number(target.low if target else None),
        _number(target.high if target else None),
        (target.unit or "") if target else "",
        first.phrase,
        _day(first.start),
        _day(first.end),
        first.precision,
        current.phrase,
        said_text(current.said_on, current.said_precision),
        _day(current.start),
        _day(current.end),
        state.outcome or "",
        _day(state.happened_on),
        state.resolution_note or "",
        " ".join(state.tags),
        " ".join(str(url) for url in urls["source"]),
        " ".join(str(url) for url in urls["evidence"]),
        TITLE_SEPARATOR.join(str(title) for title in titles),
        _number(forecasts[-1][1].probability) if forecasts else "",
        _moment(state.withdrawn_at),
        state.withdrawn_reason or "",
        _moment(state.created_at),
        _moment(state.updated_at),
    ]


@dataclass
class CsvReader:
    """Reads a CSV export (or a sheet in its columns) into new claims with synthesized events."""

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
            for row in reader:
                self.bytes_read = _position(self.stream, self.bytes_read)
                yield self._claim(row, f"{self.name} line {reader.line_num}", reader.line_num)
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

    def _claim(self, row: dict[str | None, Any], where: str, line: int) -> ArchivedClaim:
        try:
            events = self._events(row)
        except InputError as error:
            raise InputError(f"{where}: {error}") from None
        return ArchivedClaim(replay(events), tuple(events), line=line, history=False)

    def _events(self, row: dict[str | None, Any]) -> list[ArchivedEvent]:
        if None in row:
            raise InputError("the row has more cells than the header has columns")

        def cell(key: str) -> str | None:
            value = row.get(key)
            return None if not value else restore(value)

        titles = (cell("source_titles") or "").split(TITLE_SEPARATOR)
        draft = draft_claim(
            statement=cell("statement") or "",
            claimant=cell("claimant") or "",
            said=cell("said_on") or "",
            deadline=cell("deadline"),
            sources=(cell("sources") or "").split(),
            today=self.today,
            quote=cell("quote"),
            tags=(cell("tags") or "").split(),
            hedge=cell("hedge"),
            condition=cell("condition"),
            target=parse_target(
                cell("target_metric"), cell("target_low"), cell("target_high"), cell("target_unit")
            ),
            probability=cell("last_forecast"),
            titled_sources=tuple(
                SourceDraft(None, title=clean_text(title, what="source title", max_len=500))
                for title in titles
                if title.strip()
            ),
        )
        uid = self._uid(cell("uid"), draft)
        created_at = _parse_moment(cell("created_at"), "created_at") or self.now
        updated_at = _parse_moment(cell("updated_at"), "updated_at") or created_at
        changes = [("created", created_at, created_change(draft, uid))]
        current = draft.deadline
        revision = self._revision(cell, draft)
        if revision is not None:
            said, current = revision
            change = {"seq": 1, "said_on": str(said), "deadline": window_change(current)}
            changes.append(("revised", created_at, change))
        outcome = cell("outcome")
        if outcome is not None:
            resolution = self._resolution(cell, draft, outcome, current.end)
            changes.append(("resolved", updated_at, resolution))
        withdrawn_at = _parse_moment(cell("withdrawn_at"), "withdrawn_at")
        if withdrawn_at is not None:
            reason = clean_text(cell("withdrawn_reason"), what="withdrawn_reason", max_len=500)
            changes.append(("withdrawn", withdrawn_at, {"reason": reason}))
        # Through JSON and back, so that each change is exactly what the event log will hold.
        return [
            ArchivedEvent(
                str(uuid.uuid5(_ROW_UIDS, f"{uid}/{i}")),
                at,
                self.actor,
                kind,
                decode_change(encode_change(change)),
            )
            for i, (kind, at, change) in enumerate(changes)
        ]

    def _revision(
        self, cell: Callable[[str], str | None], draft: ClaimDraft
    ) -> tuple[SaidOn, DeadlineWindow] | None:
        """The current deadline, when the row says the claimant re-dated the claim."""
        phrase, given = cell("current_deadline"), cell("current_said_on")
        if phrase is None and given is None:
            return None
        said = parse_said_on(given or "", today=self.today)
        if (phrase or "", str(said)) == (draft.deadline.phrase, str(draft.said_on)):
            return None
        if said.first < draft.said_on.first:
            raise InputError(f"current_said_on {said} is before the claim was said")
        return said, read_deadline_text(phrase, said)

    def _resolution(
        self,
        cell: Callable[[str], str | None],
        draft: ClaimDraft,
        outcome: str,
        current_end: date | None,
    ) -> dict[str, Any]:
        name = check_outcome_name(outcome)
        happened_on = parse_optional_date(cell("happened_on"), what="happened_on")
        check_happened_on(
            outcome=name,
            happened_on=happened_on,
            said_on=draft.said_on.first,
            first_end=draft.deadline.end,
            current_end=current_end,
            today=self.today,
        )
        evidence = tuple(
            SourceDraft(check_url(url, what="evidence URL"), role="evidence")
            for url in (cell("evidence") or "").split()
        )
        note = clean_text(cell("resolution_note"), what="resolution_note")
        return resolved_change(name, happened_on, note, evidence)

    def _uid(self, given: str | None, draft: ClaimDraft) -> str:
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
