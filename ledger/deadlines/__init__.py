"""Deadlines as people say them, read into windows relative to the day the claim was said.

`read_deadline(phrase, said_on)` turns "in December", "by the end of next year", "within a few
months" or "明年上半年" into a DeadlineWindow (inclusive start and end, a precision, the phrase as
given and a one-line note on how it was read), or raises DeadlineError naming what it could not
read. It is pure: it never reads the clock, and the same phrase and said date always give the
same window. docs/deadlines.md holds the table of phrase forms; the rules in short:

- The text is folded first: full-width forms (NFKC), case, spaces, dashes, trailing punctuation,
  traditional Chinese characters. Phrases over 200 characters are refused unread.
- Reading is relative to the said date. A said date known only to a month or a year
  (SaidOn precision "month"/"year") is read from its last day (`said_on.reference`) for
  anything relative ("next month", "in 3 months", "in December"), while windows start no
  earlier than its first day (`said_on.first`).
- A window never opens before the claim was said: a period the claim was said inside starts on
  the said date. A window that ends before the said date's first day is refused ("the window
  ends before the claim was said").
- Named periods without a year are the one the claim was said in, else the next ("in
  December"); "next X" is the first X that starts after the said date; weekdays are the first
  such day after it. "this/next/last year, quarter, month, week, decade" step calendar units.
- "by X" runs from the said date to the end of X; "before X" to the day before X starts
  ("before 2030" ends 2029-12-31); "before/by the end of X" to the end of X.
  "not until X" / "no earlier than X" / 最快 X opens at the start of X with no end
  ("open-ended"); "after X" the day after X ends.
- "the end of" a year is its last quarter, "the start of" its first; early/mid/late a year
  are January-April, May-August, September-December (see parts.py for other periods).
- Quarters and halves are calendar ones unless a fiscal year is named (FY2026, fiscal Q1 2026,
  2026财年): fiscal years follow the US federal year, FY2026 = 2025-10-01..2026-09-30, and the
  note says so.
- Spans count from the said date: "within N units" / "in N units" = D..D+N units, exact
  counts take the unit's precision, vague ones ("a few" = 4, "a couple" = 2, "several" = 6,
  "the coming months" = 6 months, ranges at their upper end) are "fuzzy" (see spans.py).
- Numeric dates are read only when one order is possible: 2025-12-31, 31/12/2025 and
  12/31/2025 are read; 04/05/2025 is refused as ambiguous, as are two-digit years in them.
  Written years must be 1900..9999; two-digit years are read as 20YY only in compact forms
  (3Q25, FY26, '25, 25年底).
- Vague phrases ("soon", "eventually", "at some point", 很快, 将来) and the empty phrase read
  as no window (precision "none"); text with no date in it is refused.
"""

from __future__ import annotations

import re
from datetime import date, datetime

from ledger.dates import DeadlineWindow, SaidOn
from ledger.deadlines.text import MOST_CHARS, is_chinese, normalise
from ledger.deadlines.windows import Reading, finish
from ledger.errors import DeadlineError

__all__ = ["read_deadline"]


def read_deadline(phrase: str, said_on: SaidOn | date) -> DeadlineWindow:
    """The window `phrase` names for a claim said on `said_on` (a plain date is a day)."""
    said = _said(said_on)
    if not isinstance(phrase, str):
        raise DeadlineError(f"a deadline must be text, not {type(phrase).__name__}")
    if len(phrase) > MOST_CHARS:
        raise DeadlineError(f"the deadline is longer than {MOST_CHARS} characters; shorten it")
    kept = phrase.strip()
    reading = _read(normalise(phrase), said)
    return DeadlineWindow(kept, reading.start, reading.end, reading.precision, reading.note)


def _said(said_on: SaidOn | date) -> SaidOn:
    if isinstance(said_on, SaidOn):
        return said_on
    if isinstance(said_on, datetime):
        return SaidOn(said_on.date(), "day")
    if isinstance(said_on, date):
        return SaidOn(said_on, "day")
    raise TypeError(f"said_on must be a SaidOn or a date, not {type(said_on).__name__}")


_FRACTION = re.compile(r"\d+[.,]\d+\s*(?:years?|yrs?|months?|weeks?|days?|quarters?)\b")


def _read(text: str, said: SaidOn) -> Reading:
    if not text:
        return Reading(None, None, "none", "no deadline was given")
    # The grammars load on first use: a process that only imports the package (or reads only
    # English) does not pay for both.
    if is_chinese(text):
        from ledger.deadlines.chinese import read_chinese as reader
    else:
        from ledger.deadlines.english import read_english as reader
    try:
        return finish(reader(text, said), said)
    except DeadlineError:
        fraction = _FRACTION.search(text)
        if fraction is None:
            raise
        raise DeadlineError(
            f"'{fraction.group()}': fractions of a unit are not read; "
            "write whole units, e.g. 'within 18 months' for a year and a half"
        ) from None
    except (ValueError, OverflowError):
        # Calendar arithmetic at the edges of the calendar (year 1 or 9999) fails this way.
        raise DeadlineError("the window falls outside the calendar (years 1 to 9999)") from None
