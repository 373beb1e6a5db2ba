"""Chinese deadline phrases, simplified and traditional: 年底前, 明年上半年, 几个月内, 最快明年.

phrase := vague | filler* lead? target tail? approx?
lead   := 最快 | 最早 | 不早于 (no earlier than) | 从 (from)
        | 最迟 | 最晚 | 不晚于 | 截至 | 到 (by)
target := span (三年内, 未来两年, 几个月, 一两周) | period (明年上半年, 2025年底, 12月, 下个月)
tail   := 前 | 之前 | 以前 (by the end of) | 内 | 之内 | 以内 (within) | 后 | 以后 (after)
        | 起 | 开始 (from)
approx := 左右 | 前后
"""

from __future__ import annotations

from ledger.dates import SaidOn
from ledger.deadlines import chinese_words as words
from ledger.deadlines.chinese_periods import period
from ledger.deadlines.numbers import chinese_number
from ledger.deadlines.periods import Span
from ledger.deadlines.spans import FEW, SEVERAL, Count, counted_span, exact, ranged, vague
from ledger.deadlines.windows import Reading, apply_bound, no_window
from ledger.errors import DeadlineError


def read_chinese(text: str, said: SaidOn) -> Reading:
    """The window a Chinese phrase (already normalised) gives for a claim said on `said`."""
    folded = words.simplified(text)
    if _is_vague(folded):
        return no_window(f"{text!r} names no time, so there is no window")
    cur = words.Text(folded)
    while cur.take(*words.FILLERS):
        pass
    lead = cur.take(*words.LEADS)
    cur.take(*words.FILLERS)
    after_lead = cur.pos
    for target in (_span, period):
        cur.pos = after_lead
        span = target(cur, said)
        if span is None:
            continue
        approx = cur.take(*words.APPROXIMATE) is not None
        tail = cur.take(*words.TAILS)
        approx = cur.take(*words.APPROXIMATE) is not None or approx
        if not cur.at_end():
            continue
        bound = _bound(span, words.LEADS.get(lead or "", "in"), words.TAILS.get(tail or "", ""))
        if approx and span.unit == "span":
            span = span._replace(precision="fuzzy", how=span.how or "said as approximate")
        return apply_bound(bound, span, said)
    raise _not_understood(cur, text)


def _is_vague(text: str) -> bool:
    """很快, 将来, 在不久的将来: a vague word, perhaps after 在/将/会/很."""
    while text not in words.VAGUE:
        filler = next((word for word in words.VAGUE_FILLERS if text.startswith(word)), None)
        if filler is None:
            return False
        text = text[len(filler) :]
    return True


def _bound(span: Span, lead: str, tail: str) -> str:
    """One bound from the lead and the tail; on a span 后 means "in" (三个月后: in 3 months)."""
    if span.unit == "span":
        if tail == "by":
            raise DeadlineError("a span with 前 counts back in time (三个月前 is three months ago)")
        if tail in ("after", "in"):
            tail = ""
    if tail == "in":
        tail = ""
    if tail and lead not in ("in", tail):
        raise DeadlineError(f"the phrase sets two different bounds ({lead!r} and {tail!r})")
    return tail or lead


def _span(cur: words.Text, said: SaidOn) -> Span | None:
    """三年内, 未来两年, 几个月, 一两周, 半年, 一年半, 两到三个月."""
    cur.take(*words.SPAN_LEADS)
    count = _count(cur)
    if count is None:
        return None
    if count.value >= 1000 and cur.rest().startswith("年"):
        return None  # 2025年 is a year, not a span of 2025 years
    unit_word = cur.take(*words.SPAN_UNITS)
    if unit_word is None:
        if count.vague and cur.take("月"):  # 数月, 几月: no other reading
            unit_word = "个月"
        else:
            return None
    unit = words.SPAN_UNITS[unit_word]
    if unit == "year" and cur.take("半"):
        count = Count(count.value, count.vague, half=True)
    return counted_span(count, unit, said)


def _count(cur: words.Text) -> Count | None:
    pair = cur.take(*words.ROUGH_PAIRS)
    if pair is not None:
        return ranged(*words.ROUGH_PAIRS[pair])
    if cur.take("几"):
        return vague(FEW, "几")
    if cur.take("数"):
        return vague(SEVERAL, "数")
    if cur.take("半"):
        return Count(0, half=True)
    read = chinese_number(cur.text, cur.pos)
    if read is None:
        return None
    cur.move(read[1])
    if cur.take(*words.RANGE_MARKS):
        upper = chinese_number(cur.text, cur.pos)
        if upper is None:
            return None
        cur.move(upper[1])
        return ranged(read[0], upper[0])
    return exact(read[0])


def _not_understood(cur: words.Text, text: str) -> DeadlineError:
    if not any(char in words.DATE_CHARACTERS for char in cur.text):
        return DeadlineError(f"found no date or period in {text!r}")
    if cur.far >= len(cur.text):
        return DeadlineError(f"{text!r} stops short: the date or period is incomplete")
    return DeadlineError(f"did not understand {cur.text[cur.far : cur.far + 6]!r} in {text!r}")
