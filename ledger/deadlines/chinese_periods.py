"""Chinese names of periods: 明年, 2025年底, 下半年, 第三季度, 12月, 下个月, 下周一, 2020年代.

A year word or a written year (今年, 明年, 2025年, 二〇二五年, 25年底 with a part after it) may be
followed by a part of it: 年底/年末 (its last quarter), 年初 (its first quarter), 年中 (May to
August), 上半年/下半年, 第N季度, N月 (with 上旬/中旬/下旬, 初/中/底, or N日/号), or a season.
Without a year the part is the one the claim was said in, else the next (as in English).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

from ledger.dates import SaidOn
from ledger.deadlines import chinese_words as words
from ledger.deadlines.numbers import chinese_number
from ledger.deadlines.parts import part_of
from ledger.deadlines.periods import (
    MONTH_NAMES,
    WEEKDAY_NAMES,
    Span,
    calendar_half,
    calendar_quarter,
    day_span,
    decade_span,
    fiscal_half,
    fiscal_quarter,
    fiscal_year,
    month_span,
    next_weekday,
    occurrence,
    real_date,
    season_span,
    written_year,
    year_span,
)
from ledger.deadlines.recurring import month_day_named, relative_unit
from ledger.errors import DeadlineError

Sub = Callable[[Span], Span | None]
Rule = Callable[[words.Text, SaidOn], Span | None]


def period(cur: words.Text, said: SaidOn) -> Span | None:
    start = cur.pos
    for rule in _RULES:
        span = rule(cur, said)
        if span is not None:
            return span._replace(relative=span.relative or bool(span.how))
        cur.pos = start
    return None


def _day_word(cur: words.Text, said: SaidOn) -> Span | None:
    taken = cur.take(*words.DAY_WORDS)
    if taken is None:
        return None
    offset = words.DAY_WORDS[taken]
    how = ("the day it was said", "the day after it was said")[offset] if offset < 2 else ""
    how = how or f"{('two', 'three')[offset - 2]} days after it was said"
    return day_span(said.reference + timedelta(days=offset))._replace(how=how)


def _weekend(cur: words.Text, said: SaidOn) -> Span | None:
    taken = cur.take(*words.WEEKEND_WORDS)
    if taken is None:
        return None
    return relative_unit("weekend", words.WEEKEND_WORDS[taken], said.reference)


def _week(cur: words.Text, said: SaidOn) -> Span | None:
    """下周, 本周, 下周一 (Monday of next week), 周五 (the next Friday)."""
    taken = cur.take(*words.WEEK_WORDS)
    if taken is None:
        if cur.take(*words.WEEKDAY_WORDS) is None:
            return None
        weekday = cur.take(*words.WEEKDAY_NUMBERS)
        if weekday is None:
            return None
        return next_weekday(said.reference, words.WEEKDAY_NUMBERS[weekday])
    week = relative_unit("week", words.WEEK_WORDS[taken], said.reference)
    weekday = cur.take(*words.WEEKDAY_NUMBERS)
    if weekday is None:
        return week
    number = words.WEEKDAY_NUMBERS[weekday]
    how = f"the {WEEKDAY_NAMES[number]} of {week.how}"
    return day_span(week.start + timedelta(days=number))._replace(how=how)


def _month_word(cur: words.Text, said: SaidOn) -> Span | None:
    """下个月, 本月底, 下月初, 下个月15号."""
    taken = cur.take(*words.MONTH_WORDS)
    if taken is None:
        return None
    month = relative_unit("month", words.MONTH_WORDS[taken], said.reference)
    return _month_tail(cur, month)


def _month_tail(cur: words.Text, month: Span) -> Span:
    day = _day_of_month(cur)
    if day is not None:
        start = month.start
        return day_span(real_date(start.year, start.month, day))._replace(how=month.how)
    part = cur.take(*words.MONTH_PARTS)
    return part_of(month, words.MONTH_PARTS[part]) if part else month


def _quarter_word(cur: words.Text, said: SaidOn) -> Span | None:
    taken = cur.take(*words.QUARTER_WORDS)
    if taken is None:
        return None
    quarter = relative_unit("quarter", words.QUARTER_WORDS[taken], said.reference)
    part = cur.take(*words.QUARTER_PARTS)
    return part_of(quarter, words.QUARTER_PARTS[part]) if part else quarter


def _fiscal_word(cur: words.Text, said: SaidOn) -> Span | None:
    taken = cur.take(*words.FISCAL_WORDS)
    if taken is None:
        return None
    year = relative_unit("fiscal year", words.FISCAL_WORDS[taken], said.reference)
    return _with_sub(cur, year)


def _with_sub(cur: words.Text, year: Span) -> Span:
    sub = _sub(cur, after_year=True)
    if sub is None:
        return year
    span = sub[1](year)
    if span is None:
        raise DeadlineError(f"{sub[0]} does not fall in {year.label}")
    return span


def _bare_unit(cur: words.Text, said: SaidOn) -> Span | None:
    """年内, 月内, 周内, 季度内: the unit the claim was said in (the 内 is left for the tail)."""
    unit = cur.take(*words.BARE_UNITS)
    if unit is None or not cur.rest().startswith(("内", "之内", "以内")):
        return None
    return relative_unit(words.BARE_UNITS[unit], 0, said.reference)


def _decade(cur: words.Text, said: SaidOn) -> Span | None:
    """2020年代, 2020年代末."""
    read = chinese_number(cur.text, cur.pos)
    if read is None or read[0] < 1000:
        return None
    cur.move(read[1])
    if cur.take("年代") is None:
        return None
    decade = decade_span(written_year(read[0]))
    part = cur.take(*words.QUARTER_PARTS, "中")
    return part_of(decade, "mid" if part == "中" else words.QUARTER_PARTS[part]) if part else decade


def _year_based(cur: words.Text, said: SaidOn) -> Span | None:
    """明年, 2025年, 明年上半年, 2025年底, 今年第三季度, 明年3月, 2026财年第一季度."""
    year = _year_word(cur, said)
    return _with_sub(cur, year) if year is not None else None


def _year_word(cur: words.Text, said: SaidOn) -> Span | None:
    taken = cur.take(*words.YEAR_WORDS)
    if taken is not None:
        return relative_unit("year", words.YEAR_WORDS[taken], said.reference)
    read = chinese_number(cur.text, cur.pos)
    if read is None:
        return None
    value, end = read
    cur.move(end)
    if cur.take(*words.FISCAL_SUFFIXES):
        return fiscal_year(written_year(value if value >= 100 else 2000 + value))
    if cur.take("年") is None:
        return year_span(written_year(value)) if value >= 1000 and _sub_follows(cur) else None
    if value >= 100:
        return year_span(written_year(value))
    return year_span(2000 + value) if _sub_follows(cur) else None


def _sub_follows(cur: words.Text) -> bool:
    """Whether a part of a year comes next (so that 25年底 reads as 2025 and 25年内 does not)."""
    start = cur.pos
    found = _sub(cur, after_year=True) is not None
    cur.pos = start
    return found


def _recurring(cur: words.Text, said: SaidOn) -> Span | None:
    """A part of a year named without one (12月, 下半年, 第三季度, 年底): this one or the next."""
    sub = _sub(cur, after_year=False)
    if sub is None:
        return None
    name, build = sub
    return occurrence(lambda year: build(year_span(year)), said.reference, name)


def _sub(cur: words.Text, *, after_year: bool) -> tuple[str, Sub] | None:
    start = cur.pos
    for reader in (_year_part, _half, _quarter, _month, _season):
        found = reader(cur, after_year)
        if found is not None:
            return found
        cur.pos = start
    return None


def _year_part(cur: words.Text, after_year: bool) -> tuple[str, Sub] | None:
    options = words.YEAR_PARTS if after_year else ("年底", "年末", "年初", "年中")
    taken = cur.take(*options)
    if taken is None:
        return None
    part = words.YEAR_PARTS[taken]
    name = {"end": "year-end", "start": "start of a year", "mid": "middle of a year"}[part]
    return name, lambda year: part_of(year, part)


def _half(cur: words.Text, after_year: bool) -> tuple[str, Sub] | None:
    taken = cur.take(*words.HALVES) if after_year else cur.take("上半年", "下半年")
    number = words.HALVES[taken] if taken else None
    if number is None and cur.take("h"):
        number = _digit(cur)
    if number is None:
        return None
    half = number

    def build(year: Span) -> Span:
        if year.start.month != 1:
            return fiscal_half(year.end.year, half)
        return calendar_half(year.start.year, half)

    return f"H{half}", build


def _quarter(cur: words.Text, after_year: bool) -> tuple[str, Sub] | None:
    """第三季度, 三季度, 第3季, Q3; with 末/底/初 for its last or first month."""
    if cur.take("q"):
        number = _digit(cur)
    else:
        cur.take("第")
        read = chinese_number(cur.text, cur.pos)
        if read is None:
            return None
        cur.move(read[1])
        number = read[0] if cur.take("季度", "季") else None
    if number is None:
        return None
    quarter = number
    part = cur.take(*words.QUARTER_PARTS)

    def build(year: Span) -> Span:
        if year.start.month != 1:
            span = fiscal_quarter(year.end.year, quarter)
        else:
            span = calendar_quarter(year.start.year, quarter)
        return part_of(span, words.QUARTER_PARTS[part]) if part else span

    return f"Q{quarter}", build


def _month(cur: words.Text, after_year: bool) -> tuple[str, Sub] | None:
    """12月, 十二月份, 12月底, 12月上旬, 12月31日."""
    read = chinese_number(cur.text, cur.pos)
    if read is None:
        return None
    cur.move(read[1])
    if cur.take("月") is None:
        return None
    cur.take("份")
    month = read[0]
    if not 1 <= month <= 12:
        raise DeadlineError(f"there is no month {month} (months run 1 to 12)")
    day = _day_of_month(cur)
    if day is not None:
        day_build = month_day_named(month, day).build
        assert day_build is not None
        return f"{MONTH_NAMES[month - 1]} {day}", lambda year: day_build(_calendar_year(year))
    part = cur.take(*words.MONTH_PARTS)

    def build(year: Span) -> Span:
        span = month_span(_calendar_year(year), month)
        return part_of(span, words.MONTH_PARTS[part]) if part else span

    return MONTH_NAMES[month - 1], build


def _day_of_month(cur: words.Text) -> int | None:
    start = cur.pos
    read = chinese_number(cur.text, cur.pos)
    if read is not None:
        cur.move(read[1])
        if cur.take("日", "号"):
            return read[0]
    cur.pos = start
    return None


def _season(cur: words.Text, after_year: bool) -> tuple[str, Sub] | None:
    taken = cur.take(*words.SEASONS)
    if taken is None:
        return None
    name = words.SEASONS[taken]
    return name, lambda year: season_span(_calendar_year(year), name)


def _calendar_year(year: Span) -> int:
    if year.start.month != 1:
        raise DeadlineError("months and seasons of a fiscal year are not read; give the dates")
    return year.start.year


def _digit(cur: words.Text) -> int | None:
    read = chinese_number(cur.text, cur.pos)
    if read is None:
        return None
    cur.move(read[1])
    return read[0]


_RULES: tuple[Rule, ...] = (
    _day_word,
    _weekend,
    _week,
    _month_word,
    _quarter_word,
    _fiscal_word,
    _bare_unit,
    _decade,
    _year_based,
    _recurring,
)
