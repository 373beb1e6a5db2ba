"""The writes the app makes, each returning a RecordedAction that says exactly what it recorded.

These block (they run in thread workers). Each passes the version of the claim the user was
looking at, so a change made meanwhile (say `claims resolve` in another shell) is refused with a
ConflictError instead of being overwritten.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from ledger.dates import SaidOn
from ledger.records import ClaimDetail, ClaimDraft, SourceDraft
from ledger.textsafe import truncate
from tui.gateway import LedgerGateway


@dataclass(frozen=True, slots=True)
class RecordedAction:
    """One write the app made: what it recorded, on which claim, and the version it left.

    Each screen keeps its last one (`LedgerScreen.last_action`): undo takes it back with
    `Ledger.undo(claim_id, now=...)`, and `version` lets it refuse when the claim has changed
    since (its version moved on).
    """

    claim_id: int
    kind: str
    """The event kind written: created, resolved, revised, forecast, source-added or undone."""
    message: str
    """What the user is told, e.g. "Claim 1 resolved: broken on 2025-02-17"."""
    version: int
    detail: ClaimDetail
    """The claim as it stands after the write."""
    event_uid: str
    """The event the write appended: undo takes back exactly this one, or refuses."""
    takes_back: RecordedAction | None = None
    """For an undo (kind "undone"), the action it took back; an undo of an undo redoes."""

    def net_effect(self) -> tuple[str, int]:
        """The kind of change this action makes, and +1 if it makes it or -1 if it takes it back.

        A resolve is ("resolved", 1), its undo ("resolved", -1), and the redo ("resolved", 1).
        """
        if self.takes_back is None:
            return self.kind, 1
        kind, sign = self.takes_back.net_effect()
        return kind, -sign


@dataclass(frozen=True, slots=True)
class Resolution:
    """An outcome, with the day it happened, a note and an evidence URL when given."""

    outcome: str
    happened_on: date | None = None
    note: str | None = None
    evidence_url: str | None = None


@dataclass(frozen=True, slots=True)
class Redating:
    """A new deadline as the claimant said it, when, and where (a URL) if known."""

    phrase: str
    said_on: SaidOn
    source_url: str | None = None


@dataclass(frozen=True, slots=True)
class Evidence:
    """A note, an evidence URL, or both (at least one is set)."""

    url: str | None
    note: str | None


def _done(
    gateway: LedgerGateway,
    detail: ClaimDetail,
    kind: str,
    message: str,
    takes_back: RecordedAction | None = None,
) -> RecordedAction:
    # Every event moves a claim's version on by one, so the event that left version v is the
    # v-th of its history, whatever another process appended since.
    with gateway.reading() as reader:
        event = reader.history(detail.id)[detail.version - 1]
    return RecordedAction(detail.id, kind, message, detail.version, detail, event.uid, takes_back)


def undo(gateway: LedgerGateway, action: RecordedAction, *, now: datetime) -> RecordedAction:
    """Take back `action` (an undo of an undo redoes); refuse if the claim changed since."""
    _undone, detail = gateway.writer().undo(action.claim_id, event=action.event_uid, now=now)
    if action.kind == "undone":
        verb, _, what = action.message.partition(": ")
        verb = "Redid" if verb == "Undid" else "Undid"
    else:
        verb, what = "Undid", action.message
    return _done(gateway, detail, "undone", f"{verb}: {what}", takes_back=action)


def resolve(
    gateway: LedgerGateway, claim: ClaimDetail, resolution: Resolution, *, now: datetime
) -> RecordedAction:
    url = resolution.evidence_url
    evidence = () if url is None else (SourceDraft(url, role="evidence"),)
    detail = gateway.writer().resolve(
        claim.id,
        resolution.outcome,
        happened_on=resolution.happened_on,
        evidence=evidence,
        note=resolution.note,
        now=now,
        version=claim.version,
    )
    on = f" on {resolution.happened_on}" if resolution.happened_on else ""
    slip = f", {detail.row.slip} days after the first deadline" if detail.row.slip else ""
    extras = [name for name, given in (("note", resolution.note), ("evidence", url)) if given]
    recorded = f" (with {' and '.join(extras)})" if extras else ""
    message = f"Claim {detail.id} resolved: {resolution.outcome}{on}{slip}{recorded}"
    return _done(gateway, detail, "resolved", message)


def redate(
    gateway: LedgerGateway, claim: ClaimDetail, redating: Redating, *, now: datetime
) -> RecordedAction:
    url = redating.source_url
    detail = gateway.writer().revise(
        claim.id,
        phrase=redating.phrase,
        said_on=redating.said_on,
        source=None if url is None else SourceDraft(url, role="revision"),
        now=now,
        version=claim.version,
    )
    window = detail.deadlines[-1].window
    message = f"Claim {detail.id} re-dated (said {redating.said_on}): {window.describe()}"
    return _done(gateway, detail, "revised", message)


def forecast(
    gateway: LedgerGateway, claim: ClaimDetail, probability: float, *, now: datetime
) -> RecordedAction:
    detail = gateway.writer().forecast(claim.id, probability, made_at=now, now=now)
    message = f"Forecast recorded for claim {detail.id}: {probability:.0%} ({now:%Y-%m-%d})"
    return _done(gateway, detail, "forecast", message)


def add_evidence(
    gateway: LedgerGateway, claim: ClaimDetail, evidence: Evidence, *, now: datetime
) -> RecordedAction:
    """Kept as one evidence source: the URL if given, the note as its title."""
    source = SourceDraft(evidence.url, role="evidence", title=evidence.note)
    detail = gateway.writer().add_source(claim.id, source, now=now)
    note = evidence.note and f"“{truncate(evidence.note, 60)}”"
    shown = "  ".join(part for part in (evidence.url, note) if part)
    return _done(gateway, detail, "source-added", f"Claim {detail.id}: evidence added: {shown}")


def add_claim(gateway: LedgerGateway, draft: ClaimDraft, *, now: datetime) -> RecordedAction:
    detail = gateway.add(draft, now=now)
    window = detail.deadlines[0].window if detail.deadlines else None
    deadline = "none" if window is None or window.precision == "none" else window.describe()
    statement = truncate(detail.row.statement, 60)
    return _done(
        gateway, detail, "created", f"Added claim {detail.id}: {statement}; deadline {deadline}"
    )
