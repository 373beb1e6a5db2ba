"""Reading a whole ledger out as archive items, claim by claim, in a stable order."""

from __future__ import annotations

from collections.abc import Iterator

from ledger.archive.items import ArchivedClaim, ArchivedEvent, ArchiveItem
from ledger.records import EventRecord
from ledger.sql import SqlRunner
from ledger.sql.claim_state import (
    claim_events,
    claim_id_chunks,
    claimant_entries,
    ledger_events,
    stored_claims,
)


def archive_items(runner: SqlRunner) -> Iterator[ArchiveItem]:
    """Claimants by name, then claims by id with their events, then the claimant events."""
    yield from claimant_entries(runner)
    for ids in claim_id_chunks(runner):
        events = claim_events(runner, ids)
        for stored in stored_claims(runner, ids):
            log = tuple(archived(event) for event in events.get(stored.id, []))
            yield ArchivedClaim(stored.state, log)
    yield from (archived(event) for event in ledger_events(runner))


def archived(event: EventRecord) -> ArchivedEvent:
    return ArchivedEvent(event.uid, event.at, event.actor, event.kind, event.change)
