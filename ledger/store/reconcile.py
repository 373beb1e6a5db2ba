"""Bringing a claim's rows to a given state: undo goes back a step, import brings a claim forward.

Rows that already match are kept (with their ids); only what differs is deleted and inserted.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import exc
from sqlmodel import Session, col, select

from ledger.errors import NotFoundError
from ledger.models import Claim, ClaimTag, Deadline, Forecast, Source, Tag
from ledger.state import ClaimState
from ledger.store.common import (
    SessionRunner,
    find_or_create_claimant,
    get_or_create_tag,
    row_id,
)
from ledger.store.state_columns import (
    claim_values,
    deadline_values,
    forecast_values,
    source_values,
)
from ledger.validate import name_key


class SessionImportTarget:
    """The full store as an import's target (see ledger.store.importer)."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.connection = session.connection()
        self.runner = SessionRunner(session)
        self.refusals: tuple[type[Exception], ...] = (exc.IntegrityError,)

    def write_state(self, claim_id: int, current: ClaimState, target: ClaimState) -> None:
        write_state(self.session, claim_id, current, target)


def write_state(session: Session, claim_id: int, current: ClaimState, target: ClaimState) -> None:
    """Change claim `claim_id`, now in state `current`, so that it holds `target`."""
    claim = session.get(Claim, claim_id)
    if claim is None:
        raise NotFoundError(f"no claim {claim_id} in this ledger")
    for column, value in claim_values(target).items():
        setattr(claim, column, value)
    claimant = find_or_create_claimant(session, target.claimant, now=target.updated_at)
    claim.claimant_id = row_id(claimant)
    session.add(claim)
    _sync_children(session, claim_id, current, target)
    _sync_tags(session, claim_id, target.tags)
    session.flush()


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
        row = Source(claim_id=claim_id, **source_values(source))
        session.add(row)
        session.flush()
        source_ids.append(row_id(row))
    for deadline in target.deadlines[keep_deadlines:]:
        session.add(Deadline(**deadline_values(claim_id, deadline, source_ids)))
    for forecast in target.forecasts[keep_forecasts:]:
        session.add(Forecast(claim_id=claim_id, **forecast_values(forecast)))


def _sync_tags(session: Session, claim_id: int, names: tuple[str, ...]) -> None:
    wanted = {name_key(name): name for name in names}
    links = session.exec(select(ClaimTag, Tag).join(Tag).where(ClaimTag.claim_id == claim_id)).all()
    for link, tag in links:
        if wanted.pop(tag.name_key, None) is None:
            session.delete(link)
    for name in wanted.values():
        session.add(ClaimTag(claim_id=claim_id, tag_id=row_id(get_or_create_tag(session, name))))
