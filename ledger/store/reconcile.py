"""Bringing a claim's rows to a given state: undo goes back a step, import brings a claim forward.

Rows that already match are kept (with their ids); only what differs is deleted and inserted.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlmodel import Session, col, select

from ledger.dates import DeadlineWindow
from ledger.errors import NotFoundError
from ledger.models import Claim, ClaimTag, Deadline, Forecast, Source, Tag
from ledger.state import ClaimState, DeadlineState
from ledger.store.common import (
    find_or_create_claimant,
    get_or_create_tag,
    row_id,
    set_current_window,
)
from ledger.validate import name_key

CLAIM_FIELDS = (
    "uid",
    "statement",
    "quote",
    "said_on",
    "said_precision",
    "hedge",
    "condition",
    "outcome",
    "happened_on",
    "resolution_note",
    "resolved_at",
    "withdrawn_at",
    "withdrawn_reason",
    "created_at",
    "updated_at",
    "version",
)


def write_state(session: Session, claim_id: int, current: ClaimState, target: ClaimState) -> None:
    """Change claim `claim_id`, now in state `current`, so that it holds `target`."""
    claim = session.get(Claim, claim_id)
    if claim is None:
        raise NotFoundError(f"no claim {claim_id} in this ledger")
    for field in CLAIM_FIELDS:
        setattr(claim, field, getattr(target, field))
    for column, value in target_columns(target).items():
        setattr(claim, column, value)
    claimant = find_or_create_claimant(session, target.claimant, now=target.updated_at)
    claim.claimant_id = row_id(claimant)
    set_current_window(claim, window_of(target.current))
    session.add(claim)
    _sync_children(session, claim_id, current, target)
    _sync_tags(session, claim_id, target.tags)
    session.flush()


def target_columns(state: ClaimState) -> dict[str, Any]:
    target = state.target
    return {
        "target_metric": None if target is None else target.metric,
        "target_low": None if target is None else target.low,
        "target_high": None if target is None else target.high,
        "target_unit": None if target is None else target.unit,
    }


def window_of(deadline: DeadlineState) -> DeadlineWindow:
    return DeadlineWindow(
        deadline.phrase, deadline.start, deadline.end, deadline.precision, deadline.note
    )


def _common_prefix(a: Sequence[Any], b: Sequence[Any]) -> int:
    count = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        count += 1
    return count


def _sync_children(
    session: Session, claim_id: int, current: ClaimState, target: ClaimState
) -> None:
    keep_sources = _common_prefix(current.sources, target.sources)
    keep_deadlines = 0
    for have, want in zip(current.deadlines, target.deadlines, strict=False):
        if have != want or (want.source is not None and want.source >= keep_sources):
            break
        keep_deadlines += 1
    keep_forecasts = _common_prefix(current.forecasts, target.forecasts)
    deadlines = session.exec(
        select(Deadline).where(Deadline.claim_id == claim_id).order_by(col(Deadline.seq))
    ).all()
    sources = session.exec(
        select(Source).where(Source.claim_id == claim_id).order_by(col(Source.id))
    ).all()
    forecasts = session.exec(
        select(Forecast).where(Forecast.claim_id == claim_id).order_by(col(Forecast.id))
    ).all()
    for row in [*deadlines[keep_deadlines:], *forecasts[keep_forecasts:]]:
        session.delete(row)
    session.flush()
    for source_row in sources[keep_sources:]:
        session.delete(source_row)
    session.flush()
    source_ids = [row_id(row) for row in sources[:keep_sources]]
    for source in target.sources[keep_sources:]:
        row = Source(
            claim_id=claim_id,
            role=source.role,
            url=source.url,
            title=source.title,
            publisher=source.publisher,
            published_on=source.published_on,
            language=source.language,
            archive_url=source.archive_url,
            added_at=source.added_at,
        )
        session.add(row)
        session.flush()
        source_ids.append(row_id(row))
    for deadline in target.deadlines[keep_deadlines:]:
        session.add(_deadline_row(claim_id, deadline, source_ids))
    for forecast in target.forecasts[keep_forecasts:]:
        session.add(
            Forecast(
                claim_id=claim_id,
                probability=forecast.probability,
                made_at=forecast.made_at,
                forecaster=forecast.forecaster,
                recorded_at=forecast.recorded_at,
            )
        )


def _deadline_row(claim_id: int, deadline: DeadlineState, source_ids: list[int]) -> Deadline:
    return Deadline(
        claim_id=claim_id,
        seq=deadline.seq,
        phrase=deadline.phrase,
        said_on=deadline.said_on,
        said_precision=deadline.said_precision,
        window_start=deadline.start,
        window_end=deadline.end,
        precision=deadline.precision,
        note=deadline.note,
        source_id=None if deadline.source is None else source_ids[deadline.source],
        recorded_at=deadline.recorded_at,
    )


def _sync_tags(session: Session, claim_id: int, names: tuple[str, ...]) -> None:
    wanted = {name_key(name): name for name in names}
    links = session.exec(select(ClaimTag, Tag).join(Tag).where(ClaimTag.claim_id == claim_id)).all()
    for link, tag in links:
        if wanted.pop(tag.name_key, None) is None:
            session.delete(link)
    for name in wanted.values():
        session.add(ClaimTag(claim_id=claim_id, tag_id=row_id(get_or_create_tag(session, name))))
