"""Checks on what users type: text, URLs, tags, probabilities; each refusal is one clear line."""

from __future__ import annotations

import functools
import math
import re
import unicodedata
from datetime import date

from ledger.dates import DeadlineWindow, SaidOn, parse_iso_date, parse_said_on
from ledger.drafts import ClaimChanges, ClaimDraft, SourceDraft, Target
from ledger.errors import DeadlineError, InputError
from ledger.rules import HEDGES

MAX_STATEMENT = 2_000
MAX_TEXT = 20_000
MAX_NAME = 200
MAX_URL = 2_048
MAX_TAG = 64
MAX_EXACT = 2**53  # the largest whole number a float holds exactly
_TAG_FORBIDDEN = re.compile(r"[\s,]")
# A host's characters: these ASCII ones, or any from U+00A0 to U+FFFF (a set, not a regex: the
# regex's wide range took four milliseconds to compile in every process).
_URL_HOST_ASCII = frozenset(
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789.-_~%[]:@!$&'()*+,;="
)


def clean_text(value: str | None, *, what: str, max_len: int = MAX_TEXT) -> str | None:
    """Strip `value`; None or blank gives None. Refuse NUL bytes, broken UTF-8 and huge text."""
    if value is None:
        return None
    if "\x00" in value:
        raise InputError(f"{what} holds a NUL byte, which the ledger cannot store")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise InputError(f"{what} is not valid UTF-8 text") from None
    cleaned = value.strip()
    if len(cleaned) > max_len:
        raise InputError(f"{what} is {len(cleaned):,} characters long; the limit is {max_len:,}")
    return cleaned or None


def required_text(value: str | None, *, what: str, max_len: int = MAX_TEXT) -> str:
    cleaned = clean_text(value, what=what, max_len=max_len)
    if cleaned is None:
        raise InputError(f"{what} is empty")
    return cleaned


# Characters that make two names look alike or print differently: controls (tab, newline, ESC),
# zero-width spaces and joiners' lookalikes, and bidi overrides. ZWJ and ZWNJ stay: emoji and
# some scripts (Persian, Indic) need them.
_NAME_FORBIDDEN = re.compile(
    "[\x00-\x1f\x7f-\x9f\u200b\u200e\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]"
)


def check_name(value: str | None, *, what: str) -> str:
    """A claimant's name or alias: text that prints as it reads, with no hidden characters."""
    name = required_text(value, what=what, max_len=MAX_NAME)
    if _NAME_FORBIDDEN.search(name):
        raise InputError(
            f"{what} {_short(name)} holds control or invisible characters; type it plainly"
        )
    return name


@functools.lru_cache(maxsize=4096)  # an import asks for the same few names and tags again and again
def name_key(name: str) -> str:
    """The form names are compared in: NFKC, case-folded, single spaces."""
    return " ".join(unicodedata.normalize("NFKC", name).casefold().split())


def check_url(value: str, *, what: str = "URL") -> str:
    """Only absolute http and https URLs with a host are stored or opened."""
    url = required_text(value, what=what, max_len=MAX_URL)
    scheme, sep, rest = url.partition("://")
    if not sep or scheme.lower() not in ("http", "https"):
        raise InputError(f"{what} {_short(url)} is not an http or https URL")
    host = rest.split("/", 1)[0].split("?", 1)[0].split("#", 1)[0]
    if not host or not (
        _URL_HOST_ASCII.issuperset(host)  # nearly every host, checked at C speed
        or all(c in _URL_HOST_ASCII or "\u00a0" <= c <= "\uffff" for c in host)
    ):
        raise InputError(f"{what} {_short(url)} has no valid host")
    port = host.rpartition("@")[2].rpartition("]")[2].partition(":")[2]
    if port and not (port.isdigit() and 0 < int(port) < 65536):
        raise InputError(f"{what} {_short(url)} has a port that cannot be one ({_short(port)})")
    plain_ascii = url.isascii() and url.isprintable() and " " not in url
    if not plain_ascii and any(
        ch.isspace() or unicodedata.category(ch) in ("Cc", "Cf", "Cs") for ch in url
    ):
        raise InputError(f"{what} {_short(url)} holds spaces or control characters")
    return scheme.lower() + "://" + rest


def check_tag(value: str) -> str:
    """A tag as given, without the `#` people often type before it (`#xAI` is `xAI`)."""
    tag = required_text(value, what="tag", max_len=MAX_TAG).lstrip("#")
    if not tag:
        raise InputError(f"tag {_short(value)} is empty")
    # Every character of category C (control, format, surrogate, private, unassigned) is
    # unprintable, so printable tags (nearly all) skip the look at each character.
    if _TAG_FORBIDDEN.search(tag) or (
        not tag.isprintable() and any(unicodedata.category(c)[0] == "C" for c in tag)
    ):
        raise InputError(f"tag {_short(tag)} may not hold spaces, commas or control characters")
    return tag


def check_tags(values: list[str] | tuple[str, ...]) -> tuple[str, ...]:
    seen: dict[str, str] = {}
    for value in values:
        tag = check_tag(value)
        seen.setdefault(name_key(tag), tag)
    return tuple(seen.values())


def check_hedge(value: str | None) -> str:
    hedge = (clean_text(value, what="hedge", max_len=20) or "will").lower()
    if hedge not in HEDGES:
        raise InputError(f"unknown hedge {value!r}; use one of {', '.join(HEDGES)}")
    return hedge


def parse_probability(value: str | float) -> float:
    """0..1, or a percentage such as 70%."""
    text = str(value).strip()
    try:
        number = float(text[:-1]) / 100 if text.endswith("%") else float(text)
    except ValueError:
        raise InputError(f"probability {_short(text)} is not a number") from None
    if math.isnan(number) or not 0.0 <= number <= 1.0:
        hint = f"; did you mean {text}%?" if 1.0 < number <= 100.0 and "%" not in text else ""
        raise InputError(f"probability {_short(text)} is outside 0..1{hint}")
    return number


def parse_number(value: str | None, *, what: str) -> float | None:
    text = clean_text(value, what=what, max_len=64)
    if text is None:
        return None
    try:
        number = float(text.replace(",", "").replace("_", ""))
    except ValueError:
        raise InputError(f"{what} {_short(text)} is not a number") from None
    if not math.isfinite(number):
        raise InputError(f"{what} {_short(text)} is not a finite number")
    if abs(number) > MAX_EXACT:
        raise InputError(f"{what} {_short(text)} is too large to store exactly (at most 2^53)")
    return number


def parse_target(
    metric: str | None, low: str | None, high: str | None, unit: str | None
) -> Target | None:
    metric_text = clean_text(metric, what="target metric", max_len=MAX_NAME)
    low_value = parse_number(low, what="target low")
    high_value = parse_number(high, what="target high")
    unit_text = clean_text(unit, what="target unit", max_len=40)
    if metric_text is None:
        if (low_value, high_value, unit_text) != (None, None, None):
            raise InputError("a numeric target needs --metric to say what is measured")
        return None
    if low_value is not None and high_value is not None and low_value > high_value:
        raise InputError(f"target low {low_value:g} is above target high {high_value:g}")
    return Target(metric_text, low_value, high_value, unit_text)


def edit_target(
    current: Target | None,
    metric: str | None,
    low: str | None,
    high: str | None,
    unit: str | None,
) -> Target | None:
    """The target after an edit: what is given replaces, what is not keeps the current value."""
    if (metric, low, high, unit) == (None, None, None, None):
        return None
    if current is None:
        return parse_target(metric, low, high, unit)

    def kept(value: float | None) -> str | None:
        return None if value is None else repr(value)

    return parse_target(
        current.metric if metric is None else metric,
        kept(current.low) if low is None else low,
        kept(current.high) if high is None else high,
        current.unit if unit is None else unit,
    )


def parse_optional_date(value: str | None, *, what: str) -> date | None:
    text = clean_text(value, what=what, max_len=40)
    return None if text is None else parse_iso_date(text, what=what)


def draft_claim(
    *,
    statement: str,
    claimant: str,
    said: str,
    deadline: str | None,
    sources: list[str],
    today: date,
    quote: str | None = None,
    tags: list[str] | tuple[str, ...] = (),
    hedge: str | None = None,
    condition: str | None = None,
    target: Target | None = None,
    probability: str | None = None,
    source_titles: list[str] | tuple[str, ...] = (),
) -> ClaimDraft:
    """Check every field of a new claim and read its deadline; refuse the first fault.

    `source_titles` name sources without a URL (print, broadcast); blank ones are dropped.
    """
    said_on = parse_said_on(required_text(said, what="said date", max_len=40), today=today)
    titles = [clean_text(title, what="source title", max_len=500) for title in source_titles]
    titled_sources = tuple(SourceDraft(None, title=title) for title in titles if title)
    if not sources and not titled_sources:
        raise InputError(
            "a claim needs at least one source: give --source URL (or, for print, --source-title)"
        )
    return ClaimDraft(
        statement=required_text(statement, what="statement", max_len=MAX_STATEMENT),
        claimant=check_name(claimant, what="claimant"),
        said_on=said_on,
        deadline=read_deadline_text(deadline, said_on),
        sources=tuple(SourceDraft(check_url(url, what="source URL")) for url in sources)
        + titled_sources,
        quote=clean_text(quote, what="quote"),
        tags=check_tags(tags),
        hedge=check_hedge(hedge),
        condition=clean_text(condition, what="condition"),
        target=target,
        probability=None if probability is None else parse_probability(probability),
    )


def draft_changes(
    *,
    statement: str | None,
    quote: str | None,
    claimant: str | None,
    hedge: str | None,
    condition: str | None,
    said: str | None,
    deadline: str | None,
    target: Target | None,
    clear_target: bool,
    today: date,
) -> ClaimChanges:
    """Check the fields of an edit; an empty quote or condition clears it."""
    changes = ClaimChanges(
        statement=None
        if statement is None
        else required_text(statement, what="statement", max_len=MAX_STATEMENT),
        quote=None if quote is None else clean_text(quote, what="quote") or "",
        claimant=None if claimant is None else check_name(claimant, what="claimant"),
        hedge=None if hedge is None else check_hedge(hedge),
        condition=None if condition is None else clean_text(condition, what="condition") or "",
        said_on=None if said is None else parse_said_on(said, today=today),
        target=target,
        clear_target=clear_target,
        deadline_phrase=None
        if deadline is None
        else clean_text(deadline, what="deadline", max_len=MAX_NAME) or "",
    )
    if changes.is_empty():
        raise InputError("nothing to change: give at least one field to edit")
    return changes


def read_deadline_text(phrase: str | None, said_on: SaidOn) -> DeadlineWindow:
    from ledger.deadlines import read_deadline

    text = clean_text(phrase, what="deadline", max_len=MAX_NAME)
    try:
        return read_deadline(text or "", said_on)
    except (ValueError, OverflowError) as error:
        # Calendar arithmetic out of range (a 30th of February, a year 0) is bad input too.
        raise DeadlineError(f"cannot read the deadline {text!r}: {error}") from None


def _short(text: str, limit: int = 60) -> str:
    shown = text if len(text) <= limit else text[: limit - 1] + "…"
    return repr(shown)
