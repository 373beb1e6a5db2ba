"""Placeholder deadline reader (replaced by the full reader): a few absolute forms only."""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta

from ledger.dates import DeadlineWindow, SaidOn
from ledger.errors import DeadlineError

_MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}


def read_deadline(phrase: str, said_on: SaidOn | date) -> DeadlineWindow:
    said = said_on if isinstance(said_on, SaidOn) else SaidOn(said_on, "day")
    text = " ".join(phrase.lower().split())
    ref = said.reference
    if not text:
        return DeadlineWindow.none(phrase.strip())
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        d = date.fromisoformat(text)
        window = DeadlineWindow(phrase, d, d, "day", "an exact day")
    elif m := re.fullmatch(r"in (\w+)", text):
        if m.group(1) not in _MONTHS:
            raise DeadlineError(f"cannot read the deadline {phrase!r}")
        month = _MONTHS[m.group(1)]
        year = ref.year if month >= ref.month else ref.year + 1
        start = date(year, month, 1)
        end = date(year, month, calendar.monthrange(year, month)[1])
        window = DeadlineWindow(phrase, max(start, ref), end, "month", "the next such month")
    elif text == "in a few months":
        end = ref.replace(year=ref.year + (ref.month + 4 - 1) // 12, month=(ref.month + 3) % 12 + 1)
        window = DeadlineWindow(phrase, ref, end, "fuzzy", "a few = up to 4 months")
    elif text == "in one to two weeks":
        window = DeadlineWindow(phrase, ref, ref + timedelta(days=14), "week", "up to 2 weeks")
    elif text == "this year":
        window = DeadlineWindow(phrase, ref, date(ref.year, 12, 31), "year", "this year")
    elif re.fullmatch(r"\d{4}", text):
        y = int(text)
        window = DeadlineWindow(phrase, max(date(y, 1, 1), ref), date(y, 12, 31), "year", "year")
    else:
        raise DeadlineError(f"cannot read the deadline {phrase!r}")
    if window.end is not None and window.end < said.first:
        raise DeadlineError(f"the window of {phrase!r} ends before the claim was said")
    return window
