"""Random sequences of changes: after every step the events replay to the stored state, export
then import into an empty ledger gives the same export, and a refused change wrote nothing."""

from __future__ import annotations

import io
import os
import shutil
import tempfile
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, precondition, rule

from ledger.api import Ledger
from ledger.archive.jsonl import JsonlReader, jsonl_lines
from ledger.dates import SaidOn
from ledger.errors import InputError
from ledger.location import locate_ledger
from ledger.records import ClaimChanges, SourceDraft
from ledger.rules import HEDGES, OUTCOMES
from ledger.store.common import SessionRunner
from ledger.store.integrity import CheckReport, check_events
from ledger.validate import draft_claim

TODAY = date(2026, 11, 29)
PHRASES = ["", "in December", "in March", "2026", "this year", "in a few months", "2026-06-30"]
NAMES = ["Elon Musk", "马斯克", "Tesla", "xAI", "[bold]Sam[/]"]
ALIASES = ["E. Musk", "musk", "特斯拉"]
TAGS = ["xAI", "XAI", "robots", "中文", "[/]"]
TEXT = st.text(
    st.characters(exclude_categories=("Cs", "Cc"), exclude_characters="\u2028\u2029"),
    min_size=1,
    max_size=20,
).filter(lambda text: bool(text.strip()))
SAID = st.builds(
    lambda day, precision: (
        SaidOn(day.replace(day=1) if precision != "day" else day, precision)
        if precision != "year"
        else SaidOn(day.replace(month=1, day=1), "year")
    ),
    st.dates(date(2024, 1, 1), date(2026, 6, 30)),
    st.sampled_from(["day", "day", "month", "year"]),
)


class LedgerMachine(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.folder = Path(tempfile.mkdtemp(prefix="claims-stateful-"))
        self.ledger = Ledger.open(
            locate_ledger(str(self.folder / "ledger.db")), actor="machine", create=True
        )
        self.clock = datetime(2026, 11, 1, tzinfo=UTC)
        self.claims = 0
        self.exported = self.export()

    def teardown(self) -> None:
        self.ledger.close()
        shutil.rmtree(self.folder, ignore_errors=True)

    def now(self) -> datetime:
        self.clock += timedelta(minutes=7, microseconds=1)
        return self.clock

    def attempt(self, change: Callable[[], Any]) -> None:
        """Make a change; if the ledger refuses it, it must have written nothing."""
        try:
            change()
        except InputError:
            assert self.export() == self.exported

    def export(self) -> str:
        return "".join(jsonl_lines(self.ledger.archive()))

    @initialize(statement=TEXT, said=SAID, phrase=st.sampled_from(PHRASES))
    def first_claim(self, statement: str, said: SaidOn, phrase: str) -> None:
        self.add(statement, NAMES[0], said, phrase, (), None)

    @rule(
        statement=TEXT,
        claimant=st.sampled_from(NAMES),
        said=SAID,
        phrase=st.sampled_from(PHRASES),
        tags=st.lists(st.sampled_from(TAGS), max_size=3),
        probability=st.none() | st.floats(0, 1),
    )
    def add(
        self,
        statement: str,
        claimant: str,
        said: SaidOn,
        phrase: str,
        tags: list[str] | tuple[str, ...],
        probability: float | None,
    ) -> None:
        def change() -> None:
            draft = draft_claim(
                statement=statement,
                claimant=claimant,
                said=str(said),
                deadline=phrase,
                sources=["https://a.example/"],
                today=TODAY,
                tags=list(tags),
                probability=None if probability is None else str(probability),
            )
            self.ledger.add(draft, now=self.now())
            self.claims += 1

        self.attempt(change)

    def claim(self, data: st.DataObject) -> int:
        return data.draw(st.integers(1, self.claims))

    @precondition(lambda self: self.claims)
    @rule(data=st.data(), statement=st.none() | TEXT, hedge=st.none() | st.sampled_from(HEDGES))
    def edit(self, data: st.DataObject, statement: str | None, hedge: str | None) -> None:
        said = data.draw(st.none() | SAID)
        phrase = data.draw(st.none() | st.sampled_from(PHRASES))
        claimant = data.draw(st.none() | st.sampled_from(NAMES))
        changes = ClaimChanges(
            statement=statement,
            hedge=hedge,
            said_on=said,
            deadline_phrase=phrase,
            claimant=claimant,
            quote=data.draw(st.none() | TEXT),
        )
        if not changes.is_empty():
            self.attempt(lambda: self.ledger.edit(self.claim(data), changes, now=self.now()))

    @precondition(lambda self: self.claims)
    @rule(data=st.data(), said=SAID, phrase=st.sampled_from(PHRASES[1:]), with_source=st.booleans())
    def revise(self, data: st.DataObject, said: SaidOn, phrase: str, with_source: bool) -> None:
        source = SourceDraft("https://r.example/", role="revision") if with_source else None
        self.attempt(
            lambda: self.ledger.revise(
                self.claim(data), phrase=phrase, said_on=said, source=source, now=self.now()
            )
        )

    @precondition(lambda self: self.claims)
    @rule(data=st.data(), probability=st.floats(0, 1), days_ago=st.integers(0, 900))
    def forecast(self, data: st.DataObject, probability: float, days_ago: int) -> None:
        now = self.now()
        made_at = now - timedelta(days=days_ago)
        self.attempt(
            lambda: self.ledger.forecast(self.claim(data), probability, made_at=made_at, now=now)
        )

    @precondition(lambda self: self.claims)
    @rule(
        data=st.data(),
        outcome=st.sampled_from(OUTCOMES),
        happened=st.none() | st.dates(date(2024, 1, 1), TODAY),
        evidence=st.booleans(),
        note=st.none() | TEXT,
    )
    def resolve_or_reopen(
        self, data: st.DataObject, outcome: str, happened: date | None, evidence: bool, note: str
    ) -> None:
        """Reopen the claim if it is resolved, else resolve it."""
        claim = self.claim(data)
        if self.ledger.claim(claim).row.outcome is not None:
            self.attempt(lambda: self.ledger.reopen(claim, now=self.now()))
            return
        proof = (SourceDraft("https://e.example/", role="evidence"),) if evidence else ()
        self.attempt(
            lambda: self.ledger.resolve(
                claim, outcome, happened_on=happened, evidence=proof, note=note, now=self.now()
            )
        )

    @precondition(lambda self: self.claims)
    @rule(data=st.data(), add=st.lists(st.sampled_from(TAGS), max_size=2))
    def tag(self, data: st.DataObject, add: list[str]) -> None:
        remove = tuple(data.draw(st.lists(st.sampled_from(TAGS), max_size=2)))
        self.attempt(
            lambda: self.ledger.tag(self.claim(data), add=tuple(add), remove=remove, now=self.now())
        )

    @precondition(lambda self: self.claims)
    @rule(data=st.data(), title=st.none() | TEXT)
    def source(self, data: st.DataObject, title: str | None) -> None:
        source = SourceDraft("https://s.example/", title=title)
        self.attempt(lambda: self.ledger.add_source(self.claim(data), source, now=self.now()))

    @precondition(lambda self: self.claims)
    @rule(data=st.data())
    def withdraw(self, data: st.DataObject) -> None:
        self.attempt(lambda: self.ledger.withdraw(self.claim(data), reason=None, now=self.now()))

    @rule(data=st.data(), whole_ledger=st.booleans())
    def undo(self, data: st.DataObject, whole_ledger: bool) -> None:
        if whole_ledger or not self.claims:
            self.attempt(lambda: self.ledger.undo(None, now=self.now()))
        else:
            self.attempt(lambda: self.ledger.undo(self.claim(data), now=self.now()))

    @rule(name=st.sampled_from(NAMES), alias=st.sampled_from(ALIASES))
    def alias(self, name: str, alias: str) -> None:
        self.attempt(lambda: self.ledger.add_alias(name, alias, now=self.now()))

    @rule(keep=st.sampled_from(NAMES), absorb=st.sampled_from(NAMES))
    def merge(self, keep: str, absorb: str) -> None:
        self.attempt(lambda: self.ledger.merge_claimants(keep, absorb, now=self.now()))

    @invariant()
    def events_replay_and_export_round_trips(self) -> None:
        report = CheckReport("stateful")
        with self.ledger.db.read() as session:
            check_events(SessionRunner(session), report)
        assert report.ok, report.problems
        self.exported = self.export()
        copy = self.folder / f"copy-{self.clock.timestamp()}.db"
        with Ledger.open(locate_ledger(str(copy)), actor="copy", create=True) as other:
            other.import_archive(JsonlReader(io.BytesIO(self.exported.encode()), name="export"))
            assert "".join(jsonl_lines(other.archive())) == self.exported
        copy.unlink()


LedgerMachine.TestCase.settings = settings(
    # A longer hunt: STATEFUL_EXAMPLES=500 uv run pytest tests/test_stateful.py
    max_examples=int(os.environ.get("STATEFUL_EXAMPLES", "12")),
    stateful_step_count=15,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
TestLedgerMachine = LedgerMachine.TestCase
