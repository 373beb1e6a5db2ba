"""The SQLModel tables: the one definition of the ledger's schema (Alembic migrates to it)."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import Column, DateTime, Index, Text, TypeDecorator, UniqueConstraint, text
from sqlalchemy.engine import Dialect
from sqlmodel import Field, SQLModel


class UTCDateTime(TypeDecorator[datetime]):
    """Aware UTC datetimes in, aware UTC datetimes out; stored naive (UTC) on every backend."""

    impl = DateTime(timezone=False)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("timestamps must carry a time zone")
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value: Any, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        parsed = value if isinstance(value, datetime) else datetime.fromisoformat(str(value))
        return parsed.replace(tzinfo=UTC)


def _utc_column(*, nullable: bool = False, index: bool = False) -> Any:
    return Field(sa_column=Column(UTCDateTime(), nullable=nullable, index=index))


class Claimant(SQLModel, table=True):
    __tablename__ = "claimant"

    id: int | None = Field(default=None, primary_key=True)
    name: str
    name_key: str = Field(unique=True)
    kind: str = "person"
    created_at: datetime = _utc_column()


class ClaimantAlias(SQLModel, table=True):
    __tablename__ = "claimant_alias"

    id: int | None = Field(default=None, primary_key=True)
    claimant_id: int = Field(foreign_key="claimant.id", index=True)
    alias: str
    alias_key: str = Field(unique=True)


class Claim(SQLModel, table=True):
    """A claim; its current deadline is copied here from the latest Deadline row for indexing."""

    __tablename__ = "claim"
    __table_args__ = (
        Index("ix_claim_window_end_id", "window_end", "id"),
        # The due report: open claims by deadline, and the columns its counts need, so that a
        # big ledger's report reads the index alone.
        Index("ix_claim_due", "outcome", "window_end", "id", "window_start", "withdrawn_at"),
        # The claims lists show (not withdrawn), in the deadline order they sort by (no deadline
        # last) and by said date: deep pages of a big ledger are read off these, not sorted.
        Index(
            "ix_claim_listed_by_deadline",
            text("(window_end IS NULL)"),
            "window_end",
            "id",
            sqlite_where=text("withdrawn_at IS NULL"),
            postgresql_where=text("withdrawn_at IS NULL"),
        ),
        Index(
            "ix_claim_listed_by_said",
            "said_on",
            "id",
            sqlite_where=text("withdrawn_at IS NULL"),
            postgresql_where=text("withdrawn_at IS NULL"),
        ),
    )

    id: int | None = Field(default=None, primary_key=True)
    uid: str = Field(unique=True)
    statement: str = Field(sa_column=Column(Text, nullable=False))
    quote: str | None = Field(default=None, sa_column=Column(Text))
    claimant_id: int = Field(foreign_key="claimant.id", index=True)
    said_on: date = Field(index=True)
    said_precision: str = "day"
    hedge: str = "will"
    condition: str | None = Field(default=None, sa_column=Column(Text))
    target_metric: str | None = None
    target_low: float | None = None
    target_high: float | None = None
    target_unit: str | None = None
    deadline_phrase: str = ""
    window_start: date | None = None
    window_end: date | None = None
    precision: str = "none"
    outcome: str | None = None
    happened_on: date | None = None
    resolution_note: str | None = Field(default=None, sa_column=Column(Text))
    resolved_at: datetime | None = _utc_column(nullable=True)
    withdrawn_at: datetime | None = _utc_column(nullable=True)
    withdrawn_reason: str | None = None
    created_at: datetime = _utc_column()
    updated_at: datetime = _utc_column()
    version: int = 1


class Deadline(SQLModel, table=True):
    """Every deadline a claim was given: seq 0 as first said, then each revision."""

    __tablename__ = "deadline"
    __table_args__ = (UniqueConstraint("claim_id", "seq"),)

    id: int | None = Field(default=None, primary_key=True)
    claim_id: int = Field(foreign_key="claim.id")
    seq: int
    phrase: str
    said_on: date
    said_precision: str = "day"
    window_start: date | None = None
    window_end: date | None = None
    precision: str
    note: str
    source_id: int | None = Field(default=None, foreign_key="source.id")
    recorded_at: datetime = _utc_column()


class Source(SQLModel, table=True):
    """A web page behind a claim: where it was said (role source), a re-dating, or evidence."""

    __tablename__ = "source"

    id: int | None = Field(default=None, primary_key=True)
    claim_id: int = Field(foreign_key="claim.id", index=True)
    role: str = "source"
    url: str | None = None
    title: str | None = None
    publisher: str | None = None
    published_on: date | None = None
    language: str | None = None
    archive_url: str | None = None
    added_at: datetime = _utc_column()


class Tag(SQLModel, table=True):
    __tablename__ = "tag"

    id: int | None = Field(default=None, primary_key=True)
    name: str
    name_key: str = Field(unique=True)


class ClaimTag(SQLModel, table=True):
    __tablename__ = "claim_tag"

    claim_id: int = Field(foreign_key="claim.id", primary_key=True)
    tag_id: int = Field(foreign_key="tag.id", primary_key=True, index=True)


class Forecast(SQLModel, table=True):
    __tablename__ = "forecast"

    id: int | None = Field(default=None, primary_key=True)
    claim_id: int = Field(foreign_key="claim.id", index=True)
    probability: float
    made_at: datetime = _utc_column()
    forecaster: str
    recorded_at: datetime = _utc_column()


class Event(SQLModel, table=True):
    """The append-only log: one row for every change, written in the change's transaction."""

    __tablename__ = "event"

    id: int | None = Field(default=None, primary_key=True)
    uid: str = Field(unique=True)
    claim_id: int | None = Field(default=None, foreign_key="claim.id", index=True)
    at: datetime = _utc_column(index=True)
    actor: str
    kind: str
    change: str = Field(sa_column=Column(Text, nullable=False))
