"""English deadline phrases: a bound ("by", "not until"), then a span or a period, then a tail.

phrase  := vague | filler* bound? target tail?
bound   := by | before | no later than | not until | no earlier than | after | in | within ...
target  := counted ("within 3 months", "in one to two weeks", "the coming months")
         | range ("between March and May", "2025-2026")
         | period (see english_periods)
tail    := at the latest | at the earliest | or later | onwards | or so
"""

from __future__ import annotations

from ledger.dates import SaidOn
from ledger.deadlines import english_words as words
from ledger.deadlines.english_periods import period
from ledger.deadlines.numbers import english_number
from ledger.deadlines.periods import Span
from ledger.deadlines.spans import (
    COUPLE,
    FEW,
    HANDFUL,
    SEVERAL,
    Count,
    counted_span,
    exact,
    ranged,
    vague,
)
from ledger.deadlines.text import Cursor, tokenize
from ledger.deadlines.windows import Reading, apply_bound, describe, no_window
from ledger.errors import DeadlineError

VAGUE = frozenset(
    {
        "soon",
        "eventually",
        "in the future",
        "at some point",
        "at some point in the future",
        "some day",
        "someday",
        "one day",
        "one of these days",
        "sometime",
        "some time",
        "sometime soon",
        "in due course",
        "in due time",
        "in time",
        "in the near future",
        "in the not too distant future",
        "in the foreseeable future",
        "in the fullness of time",
        "in the long run",
        "in the long term",
        "in the medium term",
        "in the short term",
        "later",
        "later on",
        "at a later date",
        "down the road",
        "down the line",
        "sooner or later",
        "before long",
        "shortly",
        "imminently",
        "any day now",
        "any time now",
        "anytime now",
        "asap",
        "a s a p",
        "as soon as possible",
        "when it ' s ready",
        "when ready",
        "tbd",
        "tba",
        "tbc",
        "to be determined",
        "to be announced",
        "to be confirmed",
        "unknown",
        "unspecified",
        "not specified",
        "none",
        "no deadline",
        "n / a",
        "indefinitely",
    }
)
_INTENSIFIERS = frozenset({"very", "pretty", "quite", "fairly", "really", "relatively"})
_FILLERS = frozenset(
    {"hopefully", "probably", "possibly", "maybe", "perhaps", "likely", "sometime", "expected"}
)
_APPROXIMATE = frozenset({"about", "around", "roughly", "approximately", "circa"})

_PREFIXES: dict[tuple[str, ...], str] = {
    ("by", "no", "later", "than"): "by",
    ("no", "later", "than"): "by",
    ("not", "later", "than"): "by",
    ("on", "or", "before"): "by",
    ("by",): "by",
    ("prior", "to"): "before",
    ("ahead", "of"): "before",
    ("before",): "before",
    ("not", "until"): "from",
    ("not", "till"): "from",
    ("no", "earlier", "than"): "from",
    ("not", "earlier", "than"): "from",
    ("no", "sooner", "than"): "from",
    ("not", "before"): "from",
    ("on", "or", "after"): "from",
    ("starting", "in"): "from",
    ("starting", "from"): "from",
    ("starting",): "from",
    ("from",): "from",
    ("later", "than"): "after",
    ("after",): "after",
    ("some", "time", "in"): "in",
    ("during",): "in",
    ("within",): "in",
    ("inside", "of"): "in",
    ("inside",): "in",
    ("over",): "in",
    ("in",): "in",
    ("on",): "in",
    ("at",): "in",
}
_TAILS: dict[tuple[str, ...], str] = {
    ("at", "the", "latest"): "by",
    ("or", "earlier"): "by",
    ("or", "sooner"): "by",
    ("or", "before"): "by",
    ("at", "the", "earliest"): "from",
    ("or", "later"): "from",
    ("onwards",): "from",
    ("onward",): "from",
    ("and", "beyond"): "from",
    ("on",): "from",
    ("or", "so"): "about",
    ("or", "thereabouts"): "about",
}
_QUALIFIERS: dict[tuple[str, ...], bool] = {
    ("less", "than"): False,
    ("fewer", "than"): False,
    ("no", "more", "than"): False,
    ("at", "most"): False,
    ("under",): False,
    ("just",): False,
    ("only",): False,
    **{(word,): True for word in _APPROXIMATE},
}
_FROM_NOW = (("from", "now"), ("from", "today"), ("'", "s", "time"), ("'", "time"), ("time",))


def read_english(text: str, said: SaidOn) -> Reading:
    """The window an English phrase (already normalised) gives for a claim said on `said`."""
    tokens = tokenize(text)
    if _is_vague(tokens):
        return no_window(f"{text!r} names no time, so there is no window")
    cur = Cursor(tokens)
    approx = _skip_fillers(cur)
    taken = cur.take_first(*_PREFIXES)
    bound = _PREFIXES[taken] if taken else "in"
    after_bound = cur.pos
    for target in (_counted, _range, period):
        cur.pos = after_bound
        span = target(cur, said)
        if span is None:
            continue
        tail = cur.take_first(*_TAILS)
        if not cur.at_end():
            continue
        span, final = _settle(span, bound, _TAILS[tail] if tail else "", approx)
        return apply_bound(final, span, said)
    raise _not_understood(cur, text)


def _is_vague(tokens: list[str]) -> bool:
    start = 0
    while start < len(tokens) and tokens[start] in _INTENSIFIERS:
        start += 1
    return " ".join(tokens[start:]) in VAGUE


def _skip_fillers(cur: Cursor) -> bool:
    approx = False
    while True:
        word = cur.peek()
        if word in _FILLERS or word in _APPROXIMATE:
            approx = approx or word in _APPROXIMATE
            cur.move(cur.pos + 1)
        elif not cur.take("some", "time"):
            return approx


def _settle(span: Span, bound: str, tail: str, approx: bool) -> tuple[Span, str]:
    """The span made approximate if so said, and the one bound the prefix and tail agree on."""
    if tail == "about":
        approx, tail = True, ""
    if approx and span.unit == "span" and span.precision != "fuzzy":
        how = f"{span.how}; " if span.how else ""
        span = span._replace(precision="fuzzy", how=f"{how}said as approximate")
    if span.unit == "range" and bound == "from":
        bound = "in"
    if tail and bound not in ("in", tail):
        raise DeadlineError(f"the phrase sets two different bounds ({bound!r} and {tail!r})")
    return span, tail or bound


def _counted(cur: Cursor, said: SaidOn) -> Span | None:
    """ "3 months", "the next two years", "a few weeks from now", "one to two weeks"."""
    after_in = cur.pos > 0 and cur.tokens[cur.pos - 1] in ("in", "within")
    had_the = cur.take("the")
    lead = cur.take_first(("next",), ("coming",), ("following",), ("upcoming",))
    qualifier = cur.take_first(*_QUALIFIERS)
    approx = _QUALIFIERS[qualifier] if qualifier else False
    count = _count(cur)
    unit_word = cur.peek()
    unit = words.UNITS.get(unit_word)
    if unit is None:
        return None
    cur.move(cur.pos + 1)
    plural = unit_word in words.PLURAL_UNITS
    if count is None:
        if lead is not None and (plural or had_the):
            count = vague(SEVERAL, f"{lead[0]} {unit}s") if plural else exact(1)
        elif plural and after_in and not had_the:
            count = vague(FEW, f"{unit}s")
        else:
            return None
    count = _count_tail(cur, count)
    cur.take_first(*_FROM_NOW)
    span = counted_span(count, unit, said)
    if approx and not count.vague:
        span = span._replace(precision="fuzzy", how="said as approximate")
    return span


def _count(cur: Cursor) -> Count | None:
    """ "3", "three", "a", "a few", "several", "a couple of", "one to two", "half a"."""
    for said, value in (
        (("a", "few"), FEW),
        (("few",), FEW),
        (("a", "couple", "of"), COUPLE),
        (("a", "couple"), COUPLE),
        (("couple", "of"), COUPLE),
        (("several",), SEVERAL),
        (("a", "handful", "of"), HANDFUL),
    ):
        if cur.take(*said):
            return vague(value, " ".join(said[:2]).removesuffix(" of"))
    if cur.take_first(("half", "a"), ("half", "an"), ("a", "half")):
        return Count(0, half=True)
    read = english_number(cur.tokens, cur.pos)
    if read is None:
        return exact(1) if cur.take_first(("a",), ("an",)) else None
    cur.move(read[1])
    if cur.take("and", "a", "half"):
        return Count(read[0], half=True)
    if cur.peek() in ("to", "-", "~", "or"):
        upper = english_number(cur.tokens, cur.pos + 1)
        if (
            upper is not None
            and cur.tokens[upper[1] : upper[1] + 1] != []
            and (cur.tokens[upper[1]] in words.UNITS)
        ):
            cur.move(upper[1])
            return ranged(read[0], upper[0])
    return exact(read[0])


def _count_tail(cur: Cursor, count: Count) -> Count:
    """ "a week or two", "a year and a half"."""
    if cur.take("and", "a", "half"):
        return Count(count.value, count.vague, half=True)
    if cur.peek() == "or":
        upper = english_number(cur.tokens, cur.pos + 1)
        if upper is not None:
            cur.move(upper[1])
            return ranged(count.value, upper[0])
    return count


def _range(cur: Cursor, said: SaidOn) -> Span | None:
    """ "between March and May", "from 2025 to 2026", "2025-2026"."""
    between = cur.take("between")
    left = period(cur, said)
    if left is None:
        return None
    joined = cur.take("and") if between else cur.take_first(*_RANGE_JOINS)
    right = period(cur, said) if joined else None
    if right is None:
        return None
    if left.how and not right.how:
        raise DeadlineError(f"give the year of both ends of the range ({left.label} has none)")
    if right.end < left.start:
        raise DeadlineError(f"the range ends before it starts ({describe(right)})")
    precision = left.precision if left.precision == right.precision else "fuzzy"
    label = f"from {describe(left)} to {describe(right)}"
    return Span(left.start, right.end, "range", precision, label, relative=left.relative)


_RANGE_JOINS = (("to",), ("through",), ("thru",), ("until",), ("till",), ("-",), ("~",))


def _not_understood(cur: Cursor, text: str) -> DeadlineError:
    known = any(token.isdigit() or token in words.VOCABULARY for token in cur.tokens)
    if not known:
        return DeadlineError(f"found no date or period in {text!r}")
    if cur.far >= len(cur.tokens):
        return DeadlineError(f"{text!r} stops short: the date or period is incomplete")
    return DeadlineError(f"did not understand {cur.tokens[cur.far]!r} in {text!r}")
