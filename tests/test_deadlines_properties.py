"""Properties of the deadline reader that hold for any text and any said date."""

from __future__ import annotations

import ast
import datetime
import importlib
import pkgutil
import time
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import ledger.deadlines
from ledger.dates import PRECISIONS, DeadlineWindow, SaidOn
from ledger.deadlines import read_deadline
from ledger.errors import DeadlineError

TOKENS = [
    *("in", "by", "before", "no later than", "not until", "no earlier than", "after", "within"),
    *("the", "end", "of", "early", "mid", "late", "start", "this", "next", "last", "coming"),
    *("year", "month", "week", "quarter", "decade", "weekend", "fiscal", "fy", "days", "weeks"),
    *("months", "years", "December", "Dec.", "August 1", "Monday", "summer", "winter", "Q3"),
    *("H2", "3Q25", "FY2026", "2025", "2024-12-31", "04/05/2025", "31/12/2025", "9999", "10000"),
    *("0", "1", "12", "31", "a", "few", "several", "couple", "one", "to", "two", "twenty-five"),
    *("-", "/", ".", "'", ",", "at the latest", "at the earliest", "or later", "soon", "2020s"),
    *("年", "月", "日", "号", "底", "前", "内", "后", "起", "明年", "今年", "后年", "年底前"),
    *("上半年", "下半年", "第三季度", "几个月内", "未来两年", "三年内", "最快", "下个月", "十二"),
    *("〇", "二", "两", "半", "周", "星期一", "財年", "幾個月內", "年代", "旬", "Ｑ３", "\x00"),
]

said_days = st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31))
said_ons = st.one_of(
    said_days,
    st.builds(SaidOn, said_days, st.sampled_from(["day", "month", "year"])),
)
any_text = st.text(st.characters(exclude_categories=()), max_size=80)
token_mixes = st.lists(st.sampled_from(TOKENS), max_size=8)
phrases = st.one_of(
    any_text,
    token_mixes.map(" ".join),
    token_mixes.map("".join),
    st.tuples(token_mixes.map(" ".join), any_text).map("".join),
)
ordinary_said = st.dates(min_value=date(1950, 1, 1), max_value=date(2100, 12, 31))


def read_or_none(phrase: str, said: SaidOn | date) -> DeadlineWindow | None:
    try:
        return read_deadline(phrase, said)
    except DeadlineError:
        return None


def as_said_on(said: SaidOn | date) -> SaidOn:
    return said if isinstance(said, SaidOn) else SaidOn(said, "day")


@settings(max_examples=500, deadline=None)
@given(phrases, said_ons)
def test_any_text_gives_a_window_or_a_deadline_error(phrase: str, said: SaidOn | date) -> None:
    read_or_none(phrase, said)


@settings(max_examples=400, deadline=None)
@given(phrases, said_ons)
def test_no_window_ends_before_the_claim_was_said(phrase: str, said: SaidOn | date) -> None:
    window = read_or_none(phrase, said)
    if window is None:
        return
    first = as_said_on(said).first
    assert window.end is None or window.end >= first
    assert window.start is None or window.start >= first
    if window.start is not None and window.end is not None:
        assert window.start <= window.end


@settings(max_examples=400, deadline=None)
@given(phrases, said_ons)
def test_a_window_is_well_formed(phrase: str, said: SaidOn | date) -> None:
    window = read_or_none(phrase, said)
    if window is None:
        return
    assert window.precision in PRECISIONS
    assert (window.start is None) == (window.precision == "none")
    assert (window.end is None) == (window.precision in ("none", "open-ended"))
    assert window.note and "\n" not in window.note


@settings(max_examples=300, deadline=None)
@given(phrases, ordinary_said)
def test_the_phrase_is_kept_as_given(phrase: str, said: date) -> None:
    window = read_or_none(phrase, said)
    if window is not None:
        assert window.phrase == phrase.strip()


def test_very_long_text_is_refused_quickly() -> None:
    started = time.perf_counter()
    with pytest.raises(DeadlineError, match="longer than 200"):
        read_deadline("in December " * 10_000, date(2024, 9, 4))
    assert time.perf_counter() - started < 0.5


def _deadline_modules() -> list[str]:
    package = Path(ledger.deadlines.__file__).parent
    names = [f"ledger.deadlines.{info.name}" for info in pkgutil.iter_modules([str(package)])]
    return ["ledger.deadlines", *names]


def test_no_deadline_module_asks_for_the_time() -> None:
    clock_words = {"today", "now", "utcnow", "time", "time_ns", "monotonic", "localtime"}
    package = Path(ledger.deadlines.__file__).parent
    for source in sorted(package.glob("*.py")):
        tree = ast.parse(source.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Attribute):
                assert node.attr not in clock_words, f"{source.name} reads the clock"
            if isinstance(node, ast.ImportFrom | ast.Import):
                names = {alias.name for alias in node.names}
                assert "time" not in names and node.__dict__.get("module") != "time"


def _frozen_date(today: date) -> type[date]:
    class FrozenDate(date):
        @classmethod
        def today(cls) -> FrozenDate:
            return cls(today.year, today.month, today.day)

    return FrozenDate


def _read_under_clock(phrase: str, said: date, today: date) -> DeadlineWindow | None:
    frozen = _frozen_date(today)
    with pytest.MonkeyPatch.context() as patch:
        # The package's own `date` only checks the said date's type, so it stays real.
        for name in _deadline_modules()[1:]:
            module = importlib.import_module(name)
            if hasattr(module, "date"):
                patch.setattr(module, "date", frozen)
        patch.setattr(time, "time", lambda: datetime.datetime(today.year, 1, 1).timestamp())
        return read_or_none(phrase, said)


@settings(max_examples=200, deadline=None)
@given(phrases, ordinary_said)
def test_the_window_does_not_depend_on_today(phrase: str, said: date) -> None:
    early = _read_under_clock(phrase, said, date(2001, 1, 1))
    late = _read_under_clock(phrase, said, date(2099, 12, 31))
    assert early == late == read_or_none(phrase, said)


@pytest.mark.parametrize("phrase", ["in December", "this year", "in a few months", "明年上半年"])
def test_relative_phrases_do_not_depend_on_today(phrase: str) -> None:
    said = date(2024, 9, 4)
    assert _read_under_clock(phrase, said, date(2030, 6, 1)) == read_deadline(phrase, said)
