"""Writing claims down: add one, edit its fields, attach sources and tags. Each logs an event."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlmodel import Session, select

from ledger.errors import InputError
from ledger.events import created_change, first_deadline_change, new_uid, source_change
from ledger.models import Claim, Claimant, ClaimTag, Deadline, Forecast, Tag
from ledger.records import ClaimChanges, ClaimDraft, SourceDraft
from ledger.rules import check_said_date_fits
from ledger.sql.values import as_said_on
from ledger.store.common import (
    add_source_row,
    deadline_row,
    deadline_window,
    find_or_create_claimant,
    get_or_create_tag,
    load_claim,
    record_event,
    refuse_if_withdrawn,
    row_id,
    set_current_window,
    touch,
)
from ledger.validate import name_key, read_deadline_text


def add_claim(*, session: Session, draft: ClaimDraft, actor: str, now: datetime) -> int:
    """Store a new claim with its sources, first deadline, tags and forecast; return its id."""
    claimant = find_or_create_claimant(session, draft.claimant, now=now)
    uid = draft.uid or new_uid()
    claim = Claim(
        uid=uid,
        statement=draft.statement,
        quote=draft.quote,
        claimant_id=row_id(claimant),
        said_on=draft.said_on.first,
        said_precision=draft.said_on.precision,
        hedge=draft.hedge,
        condition=draft.condition,
        created_at=now,
        updated_at=now,
        **_target_columns(draft),
    )
    set_current_window(claim, draft.deadline)
    session.add(claim)
    session.flush()
    claim_id = row_id(claim)
    sources = [add_source_row(session, claim_id, source, now=now) for source in draft.sources]
    first_source = row_id(sources[0]) if sources else None
    session.add(deadline_row(claim_id, 0, draft.deadline, draft.said_on, now, first_source))
    for tag in draft.tags:
        session.add(ClaimTag(claim_id=claim_id, tag_id=row_id(get_or_create_tag(session, tag))))
    if draft.probability is not None:
        session.add(
            Forecast(
                claim_id=claim_id,
                probability=draft.probability,
                made_at=now,
                forecaster=actor,
                recorded_at=now,
            )
        )
    record_event(
        session,
        claim_id=claim_id,
        kind="created",
        change=created_change(draft, uid),
        actor=actor,
        now=now,
    )
    session.flush()
    return claim_id


def _target_columns(draft: ClaimDraft) -> dict[str, Any]:
    target = draft.target
    if target is None:
        return {}
    return {
        "target_metric": target.metric,
        "target_low": target.low,
        "target_high": target.high,
        "target_unit": target.unit,
    }


def edit_claim(
    *,
    session: Session,
    claim_id: int,
    changes: ClaimChanges,
    actor: str,
    now: datetime,
    expected_version: int | None = None,
) -> dict[str, list[Any]]:
    """Correct a claim's fields; a new said date or deadline phrase re-reads the first deadline."""
    claim = load_claim(session, claim_id, expected_version=expected_version)
    refuse_if_withdrawn(claim, "edited")
    diff: dict[str, list[Any]] = {}

    def put(field: str, value: Any) -> None:
        old = getattr(claim, field)
        if old != value:
            diff[field] = [old, value]
            setattr(claim, field, value)

    for field in ("statement", "quote", "hedge", "condition"):
        value = getattr(changes, field)
        if value is not None:
            put(field, value or None if field in ("quote", "condition") else value)
    if changes.claimant is not None:
        claimant = find_or_create_claimant(session, changes.claimant, now=now)
        previous = session.get(Claimant, claim.claimant_id)
        if previous is not None and previous.id != claimant.id:
            diff["claimant"] = [previous.name, claimant.name]
            claim.claimant_id = row_id(claimant)
    if changes.clear_target or changes.target is not None:
        target = changes.target
        put("target_metric", target.metric if target else None)
        put("target_low", target.low if target else None)
        put("target_high", target.high if target else None)
        put("target_unit", target.unit if target else None)
    if changes.said_on is not None or changes.deadline_phrase is not None:
        _reread_first_deadline(session, claim, changes, put, diff)
    if not diff:
        raise InputError(f"nothing to change: claim {claim_id} already reads so")
    touch(claim, now)
    record_event(
        session, claim_id=claim_id, kind="edited", change=_jsonable(diff), actor=actor, now=now
    )
    return diff


def _reread_first_deadline(
    session: Session, claim: Claim, changes: ClaimChanges, put: Any, diff: dict[str, list[Any]]
) -> None:
    """Re-read the first deadline; record it before and after in `diff` when it changed."""
    first = session.exec(
        select(Deadline).where(Deadline.claim_id == claim.id, Deadline.seq == 0)
    ).one()
    old_said = as_said_on(first.said_on, first.said_precision)
    before = first_deadline_change(deadline_window(first), old_said)
    said = changes.said_on or as_said_on(claim.said_on, first.said_precision)
    if changes.said_on is not None:
        _check_said_date(session, claim, said.first)
    phrase = first.phrase if changes.deadline_phrase is None else changes.deadline_phrase
    window = read_deadline_text(phrase, said)
    put("said_on", said.first)
    put("said_precision", said.precision)
    first.said_on, first.said_precision = said.first, said.precision
    first.phrase, first.window_start, first.window_end = window.phrase, window.start, window.end
    first.precision, first.note = window.precision, window.note
    session.add(first)
    revised = session.exec(
        select(Deadline).where(Deadline.claim_id == claim.id, Deadline.seq > 0)
    ).first()
    if revised is None:
        for field, value in (
            ("deadline_phrase", window.phrase),
            ("window_start", window.start),
            ("window_end", window.end),
            ("precision", window.precision),
        ):
            put(field, value)
    after = first_deadline_change(window, said)
    if after != before:
        diff["first_deadline"] = [before, after]


def _nothing_to_tag(claim_id: int, add: tuple[str, ...], remove: tuple[str, ...]) -> str:
    if remove and not add:
        return f"claim {claim_id} has no tag {', '.join(repr(n) for n in remove)}"
    if add and not remove:
        return f"claim {claim_id} already has {', '.join(repr(n) for n in add)}"
    return f"nothing to change: claim {claim_id} already has those tags and lacks the others"


def _check_said_date(session: Session, claim: Claim, said: date) -> None:
    claim_id = row_id(claim)
    revisions = session.exec(
        select(Deadline).where(Deadline.claim_id == claim_id, Deadline.seq > 0)
    ).all()
    forecasts = session.exec(select(Forecast).where(Forecast.claim_id == claim_id)).all()
    check_said_date_fits(
        claim_id,
        said,
        revisions=[revision.said_on for revision in revisions],
        forecasts=[forecast.made_at.date() for forecast in forecasts],
        happened_on=claim.happened_on,
    )


def _jsonable(diff: dict[str, list[Any]]) -> dict[str, Any]:
    return {key: [_plain(v) for v in pair] for key, pair in diff.items()}


def _plain(value: Any) -> Any:
    return value.isoformat() if hasattr(value, "isoformat") else value


def add_source(
    *,
    session: Session,
    claim_id: int,
    source: SourceDraft,
    actor: str,
    now: datetime,
) -> int:
    claim = load_claim(session, claim_id)
    refuse_if_withdrawn(claim, "given a source")
    row = add_source_row(session, claim_id, source, now=now)
    touch(claim, now)
    record_event(
        session,
        claim_id=claim_id,
        kind="source-added",
        change=source_change(source),
        actor=actor,
        now=now,
    )
    return row_id(row)


def tag_claim(
    *,
    session: Session,
    claim_id: int,
    add: tuple[str, ...],
    remove: tuple[str, ...],
    actor: str,
    now: datetime,
) -> dict[str, list[str]]:
    claim = load_claim(session, claim_id)
    refuse_if_withdrawn(claim, "tagged")
    both = {name_key(n) for n in add} & {name_key(n) for n in remove}
    if both:
        raise InputError(f"tag {sorted(both)[0]!r} is both added and removed; choose one")
    links = session.exec(select(ClaimTag).where(ClaimTag.claim_id == claim_id)).all()
    current = {link.tag_id: link for link in links}
    added: list[str] = []
    removed: list[str] = []
    for name in add:
        tag = get_or_create_tag(session, name)
        if row_id(tag) not in current:
            link = ClaimTag(claim_id=claim_id, tag_id=row_id(tag))
            session.add(link)
            current[row_id(tag)] = link
            added.append(tag.name)
    for name in remove:
        known = session.exec(select(Tag).where(Tag.name_key == name_key(name))).first()
        if known is not None and current.pop(row_id(known), None) is not None:
            session.delete(session.get(ClaimTag, (claim_id, row_id(known))))
            removed.append(known.name)
    if not added and not removed:
        raise InputError(_nothing_to_tag(claim_id, add, remove))
    touch(claim, now)
    change = {"added": added, "removed": removed}
    record_event(session, claim_id=claim_id, kind="tagged", change=change, actor=actor, now=now)
    return change
