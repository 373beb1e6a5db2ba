"""Build the demo ledger from colossus_claims.json, through the ledger's own API.

The build is reproducible: a pinned clock, a fixed actor, and uids derived from each claim's key.
It refuses to run if the deadline reader disagrees with a window recorded in the JSON.
"""

from __future__ import annotations

import json
import uuid
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from ledger.api import Ledger
from ledger.dates import SaidOn
from ledger.errors import InputError, LedgerError
from ledger.location import locate_ledger
from ledger.records import ClaimDraft, SourceDraft, Target
from ledger.validate import read_deadline_text

SOURCE = Path(__file__).with_name("colossus_claims.json")
DEMO_NOW = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)
DEMO_ACTOR = "claims-demo"
_UID_NAMESPACE = uuid.UUID("6f1c1d4e-3a52-4b7e-9a51-2f0f3c2d7a10")
ORGANISATIONS = ("Memphis Light, Gas and Water",)


def load_facts(source: Path = SOURCE) -> dict[str, Any]:
    facts: dict[str, Any] = json.loads(source.read_text(encoding="utf-8"))
    return facts


def demo_uid(key: str) -> str:
    return str(uuid.uuid5(_UID_NAMESPACE, key))


def build_demo(target: Path, *, force: bool = False, source: Path = SOURCE) -> int:
    """Write the demo ledger to `target` (atomically); return how many claims it holds."""
    if target.exists() and not force:
        raise InputError(f"{target} exists; add --force to replace it")
    facts = load_facts(source)
    building = target.with_name(target.name + ".building")
    building.unlink(missing_ok=True)
    ledger = Ledger.open(locate_ledger(str(building)), actor=DEMO_ACTOR, create=True)
    try:
        for claim in facts["claims"]:
            _add_claim(ledger, claim, facts["article"])
        for name in ORGANISATIONS:
            ledger.set_claimant_kind(name, "organisation", now=DEMO_NOW)
    except LedgerError:
        ledger.close()
        building.unlink(missing_ok=True)
        raise
    ledger.close()
    building.replace(target)
    return len(facts["claims"])


def _add_claim(ledger: Ledger, claim: dict[str, Any], article: dict[str, Any]) -> None:
    detail = ledger.add(_draft(claim, article), now=DEMO_NOW)
    for alias in claim.get("claimant_aliases", []):
        if alias not in detail.claimant_aliases:
            ledger.add_alias(claim["claimant"], alias, now=DEMO_NOW)
    for revision in claim.get("revisions", []):
        _revise(ledger, detail.id, claim["key"], revision)
    if claim.get("outcome"):
        happened = claim.get("happened_on")
        ledger.resolve(
            detail.id,
            claim["outcome"],
            happened_on=None if happened is None else date.fromisoformat(happened),
            evidence=tuple(SourceDraft(url, role="evidence") for url in claim["evidence"]),
            note=claim.get("resolution_note"),
            now=DEMO_NOW,
        )
    else:
        for url in claim["evidence"]:
            ledger.add_source(detail.id, SourceDraft(url), now=DEMO_NOW)


def _draft(claim: dict[str, Any], article: dict[str, Any]) -> ClaimDraft:
    """The claim as first recorded: sourced to the article, its window checked with the JSON."""
    said_on = SaidOn.of(date.fromisoformat(claim["said_on"]))
    window = read_deadline_text(claim["deadline_as_said"], said_on)
    _check_window(claim["key"], window.start, window.end, claim["deadline_window"])
    article_source = SourceDraft(
        url=None,
        title=article["title"],
        publisher=article["publisher"],
        published_on=date.fromisoformat(article["published_on"]),
        language=article["language"],
    )
    return ClaimDraft(
        statement=claim["statement"],
        claimant=claim["claimant"],
        said_on=said_on,
        deadline=window,
        sources=(article_source,),
        quote=claim.get("quote_zh"),
        tags=tuple(claim["tags"]),
        hedge=claim["hedge"],
        condition=claim.get("condition"),
        target=_target(claim.get("target")),
        uid=demo_uid(claim["key"]),
    )


def _revise(ledger: Ledger, claim_id: int, key: str, revision: dict[str, Any]) -> None:
    revised_on = SaidOn.of(date.fromisoformat(revision["said_on"]))
    window = read_deadline_text(revision["deadline_as_said"], revised_on)
    _check_window(key, window.start, window.end, revision["deadline_window"])
    ledger.revise(
        claim_id,
        phrase=revision["deadline_as_said"],
        said_on=revised_on,
        source=SourceDraft(revision["source"], role="revision"),
        now=DEMO_NOW,
    )


def _target(data: dict[str, Any] | None) -> Target | None:
    if not data:
        return None
    return Target(data["metric"], data.get("low"), data.get("high"), data.get("unit"))


def _check_window(
    key: str, start: date | None, end: date | None, expected: list[str] | None
) -> None:
    wanted = (None, None) if expected is None else tuple(date.fromisoformat(d) for d in expected)
    if (start, end) != wanted:
        raise InputError(f"demo claim {key}: the deadline reads as {start}..{end}, not {wanted}")
