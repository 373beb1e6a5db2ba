"""The review queue's order and its pass through the ledger, one claim at a time.

Overdue claims come first, longest overdue first; then claims inside their window, the one
closing soonest first; then open claims with no deadline, which no date will ever bring up
(oldest first). Upcoming claims wait until their window opens. Each claim comes up once per
pass: skipped and handled claims are remembered, so the next claim is always one not yet seen,
whatever was written meanwhile. The queue fetches a few claims ahead, so that the next card
shows at once even on a ledger of a million claims.
"""

from __future__ import annotations

import threading
from collections import Counter, deque
from datetime import date

from ledger.query import ClaimQuery
from ledger.records import ClaimDetail
from tui.gateway import LedgerReader

REVIEW_QUERY = ClaimQuery(states=("overdue", "due", "open-ended"), sort="state")
"""The ledger's state order is overdue, due, upcoming, open-ended, then by window end and id."""

AHEAD = 20


class ReviewQueue:
    """A pass through the review queue. Thread-safe: workers call it one after another."""

    def __init__(self) -> None:
        self.seen: set[int] = set()
        self.tally: Counter[str] = Counter()
        self._ahead: deque[int] = deque()
        self._returning: deque[int] = deque()
        self._lock = threading.Lock()

    def next_claim(self, reader: LedgerReader, today: date) -> ClaimDetail | None:
        """The first open claim in queue order not seen in this pass, or None when done."""
        with self._lock:
            while True:
                if self._returning:
                    claim_id = self._returning.popleft()
                else:
                    if not self._ahead:
                        self._refill(reader, today)
                    if not self._ahead:
                        return None
                    claim_id = self._ahead.popleft()
                self.seen.add(claim_id)
                detail = reader.claim(claim_id)
                if detail.row.outcome is None and not detail.row.withdrawn:
                    return detail

    def size(self, reader: LedgerReader, today: date) -> int:
        """How many open claims are in the queue now, seen or not (a count: slow when huge)."""
        return reader.count(REVIEW_QUERY, today=today)

    def put_back(self, claim_id: int) -> None:
        """Show `claim_id` next: an undo took its place on the card before it was handled."""
        with self._lock:
            self._returning.appendleft(claim_id)

    def forget_ahead(self) -> None:
        """Drop the claims fetched ahead, so the next one is read fresh (after a refresh)."""
        with self._lock:
            self._ahead.clear()

    def _refill(self, reader: LedgerReader, today: date) -> None:
        rows = reader.claims(REVIEW_QUERY.page(0, len(self.seen) + AHEAD), today=today)
        self._ahead = deque(row.id for row in rows if row.id not in self.seen)
