"""What an archive holds: claimants with their aliases, claims with their events, and the
events about claimants. Export yields these; import reads them back from JSON Lines or CSV."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from ledger.frozen import quick_init
from ledger.state import ClaimState


@quick_init
@dataclass(frozen=True, slots=True)
class ArchivedEvent:
    uid: str
    at: datetime
    actor: str
    kind: str
    change: dict[str, Any]
    line: int = 0


@quick_init
@dataclass(frozen=True, slots=True)
class ArchivedClaim:
    """A claim and its events; `history` is False for a CSV row, which carries none of its own."""

    state: ClaimState
    events: tuple[ArchivedEvent, ...]
    line: int = 0
    history: bool = True


@dataclass(frozen=True, slots=True)
class ArchivedClaimant:
    name: str
    kind: str
    created_at: datetime
    aliases: tuple[str, ...]
    line: int = 0


ArchiveItem = ArchivedClaimant | ArchivedClaim | ArchivedEvent
