"""Claimants: who said it, by every name they go by (马斯克 = Musk = Elon Musk)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import func
from sqlmodel import Session, col, select

from ledger.errors import InputError, NotFoundError
from ledger.models import Claim, Claimant, ClaimantAlias
from ledger.records import ClaimantRecord
from ledger.rules import CLAIMANT_KINDS
from ledger.store.common import find_claimant, record_event, row_id, touch
from ledger.validate import name_key


def list_claimants(session: Session) -> list[ClaimantRecord]:
    counts = dict(
        session.exec(
            select(Claim.claimant_id, func.count())
            .where(col(Claim.withdrawn_at).is_(None))
            .group_by(col(Claim.claimant_id))
        ).all()
    )
    aliases: dict[int, list[str]] = {}
    for alias in session.exec(select(ClaimantAlias).order_by(col(ClaimantAlias.alias_key))):
        aliases.setdefault(alias.claimant_id, []).append(alias.alias)
    return [
        ClaimantRecord(
            id=row_id(person),
            name=person.name,
            kind=person.kind,
            aliases=tuple(aliases.get(row_id(person), ())),
            claims=int(counts.get(row_id(person), 0)),
        )
        for person in session.exec(select(Claimant).order_by(col(Claimant.name_key)))
    ]


def require_claimant(session: Session, name: str) -> Claimant:
    found = find_claimant(session, name)
    if found is None:
        raise NotFoundError(f"no claimant called {name!r}")
    return found


def add_alias(
    *, session: Session, name: str, alias: str, actor: str, now: datetime
) -> ClaimantRecord:
    claimant = require_claimant(session, name)
    owner = find_claimant(session, alias)
    if owner is not None:
        if owner.id == claimant.id:
            raise InputError(f"{alias!r} already names {claimant.name}")
        raise InputError(
            f"{alias!r} already names another claimant, {owner.name}; "
            f"merge them instead (claims claimants merge {claimant.name!r} {owner.name!r})"
        )
    session.add(ClaimantAlias(claimant_id=row_id(claimant), alias=alias, alias_key=name_key(alias)))
    change = {"claimant": claimant.name, "alias": alias}
    record_event(session, claim_id=None, kind="claimant-alias", change=change, actor=actor, now=now)
    return ClaimantRecord(row_id(claimant), claimant.name, claimant.kind)


def set_kind(*, session: Session, name: str, kind: str, actor: str, now: datetime) -> bool:
    """Say whether a claimant is a person or an organisation; False when it already was."""
    if kind not in CLAIMANT_KINDS:
        raise InputError(f"unknown claimant kind {kind!r}; use {' or '.join(CLAIMANT_KINDS)}")
    claimant = require_claimant(session, name)
    if claimant.kind == kind:
        return False
    change = {"claimant": claimant.name, "kind": [claimant.kind, kind]}
    claimant.kind = kind
    record_event(session, claim_id=None, kind="claimant-kind", change=change, actor=actor, now=now)
    return True


def merge_claimants(*, session: Session, keep: str, absorb: str, actor: str, now: datetime) -> int:
    """Move `absorb`'s claims and names onto `keep`; return how many claims moved."""
    kept, gone = require_claimant(session, keep), require_claimant(session, absorb)
    if kept.id == gone.id:
        raise InputError(f"{keep!r} and {absorb!r} are already the same claimant")
    moved = session.exec(select(Claim).where(Claim.claimant_id == gone.id)).all()
    for claim in moved:
        claim.claimant_id = row_id(kept)
        touch(claim, now)
        record_event(
            session,
            claim_id=row_id(claim),
            kind="edited",
            change={"claimant": [gone.name, kept.name]},
            actor=actor,
            now=now,
        )
    for alias in session.exec(select(ClaimantAlias).where(ClaimantAlias.claimant_id == gone.id)):
        alias.claimant_id = row_id(kept)
    session.flush()
    gone_name, gone_id = gone.name, row_id(gone)
    session.delete(gone)
    session.flush()
    session.add(
        ClaimantAlias(claimant_id=row_id(kept), alias=gone_name, alias_key=name_key(gone_name))
    )
    change = {
        "kept": kept.name,
        "absorbed": gone_name,
        "absorbed_id": gone_id,
        "claims": len(moved),
    }
    record_event(
        session, claim_id=None, kind="claimant-merged", change=change, actor=actor, now=now
    )
    return len(moved)
