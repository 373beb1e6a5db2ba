"""What a user can ask the ledger for: filters and sort orders shared by the CLI and the app."""

from __future__ import annotations

import shlex
from datetime import date
from typing import NamedTuple

from ledger.dates import parse_iso_date
from ledger.errors import InputError
from ledger.rules import DUE_STATES, OUTCOMES
from ledger.validate import MAX_NAME, MAX_TAG, clean_text

SORT_KEYS: tuple[str, ...] = ("id", "said", "deadline", "claimant", "statement", "state", "outcome")
STATE_FILTERS: tuple[str, ...] = (*DUE_STATES, "open")
MAX_LIMIT = 2**62
MAX_SEARCH = 1_000


class ClaimQuery(NamedTuple):
    """Filters (all must hold) and an order. States are derived on the day the query runs."""

    claimant: str | None = None
    tags: tuple[str, ...] = ()
    outcomes: tuple[str, ...] = ()
    states: tuple[str, ...] = ()
    ends_before: date | None = None
    ends_after: date | None = None
    text: str | None = None
    include_withdrawn: bool = False
    sort: str = "id"
    descending: bool = False
    limit: int | None = None
    offset: int = 0

    def page(self, offset: int, limit: int) -> ClaimQuery:
        return self._replace(offset=offset, limit=limit)

    @property
    def scope(self) -> str:
        """What the claims it picks are called in a report's heading."""
        filters = (self.claimant, self.tags, self.outcomes, self.states, self.text)
        picked = any(filters) or self.ends_before is not None or self.ends_after is not None
        return "Matching claims" if picked else "All claims"


def check_query(query: ClaimQuery) -> ClaimQuery:
    """Refuse unknown outcomes, states and sort keys with one clear line."""
    for outcome in query.outcomes:
        if outcome not in OUTCOMES:
            raise InputError(f"unknown outcome {outcome!r}; use one of {', '.join(OUTCOMES)}")
    for state in query.states:
        if state not in STATE_FILTERS:
            raise InputError(f"unknown state {state!r}; use one of {', '.join(STATE_FILTERS)}")
    if query.sort not in SORT_KEYS:
        raise InputError(f"cannot sort by {query.sort!r}; use one of {', '.join(SORT_KEYS)}")
    clean_text(query.claimant, what="the claimant to filter by", max_len=MAX_NAME)
    clean_text(query.text, what="the search text", max_len=MAX_SEARCH)
    for tag in query.tags:
        clean_text(tag, what="the tag to filter by", max_len=MAX_TAG)
    if query.limit is not None and not 0 <= query.limit <= MAX_LIMIT:
        raise InputError(
            "--limit must be 0 or more"
            if query.limit < 0
            else f"--limit {query.limit:,} is too big"
        )
    return query


_LIST_FILTERS = {"tag": "tags", "outcome": "outcomes", "state": "states"}
_FILTER_KEYS = ("by", "claimant", "tag", "outcome", "state", "before", "after", "sort", "text")


class _FilterTerms:
    """The terms of a filter line, gathered as it is read."""

    def __init__(self) -> None:
        self.claimant: str | None = None
        self.tags: list[str] = []
        self.outcomes: list[str] = []
        self.states: list[str] = []
        self.words: list[str] = []
        self.ends_before: date | None = None
        self.ends_after: date | None = None
        self.sort: str | None = None

    def add(self, key: str, value: str) -> None:
        if key not in _FILTER_KEYS:
            known = ", ".join(_FILTER_KEYS)
            raise InputError(f"unknown filter {key!r}; use {known}, or plain words to search")
        if key in ("by", "claimant"):
            self.claimant = value
        elif key == "tag":
            self.tags.append(value)
        elif key in ("outcome", "state"):
            getattr(self, _LIST_FILTERS[key]).append(value.lower())
        elif key == "before":
            self.ends_before = parse_iso_date(value, what="before date")
        elif key == "after":
            self.ends_after = parse_iso_date(value, what="after date")
        elif key == "sort":
            self.sort = value
        else:
            self.words.append(value)


def parse_filter(expression: str, base: ClaimQuery | None = None) -> ClaimQuery:
    """Read a filter line such as `by:musk tag:xAI state:overdue grok` (or `--by musk ...`).

    Words without a key search the statement and quote; `sort:-deadline` sorts descending.
    """
    try:
        tokens = shlex.split(expression)
    except ValueError as error:
        raise InputError(f"cannot read the filter: {error}") from None
    terms = _FilterTerms()
    index = 0
    while index < len(tokens):
        key, value, index = _next_filter_term(tokens, index)
        terms.add(key, value)
    query = (base or ClaimQuery())._replace(
        claimant=terms.claimant,
        tags=tuple(terms.tags),
        outcomes=tuple(terms.outcomes),
        states=tuple(terms.states),
        ends_before=terms.ends_before,
        ends_after=terms.ends_after,
        text=" ".join(terms.words) or None,
    )
    if terms.sort is not None:
        query = query._replace(sort=terms.sort.lstrip("-"), descending=terms.sort.startswith("-"))
    return check_query(query)


def _next_filter_term(tokens: list[str], index: int) -> tuple[str, str, int]:
    token = tokens[index]
    if token.startswith("--") and len(token) > 2:
        key, _, value = token[2:].partition("=")
        if not value:
            if index + 1 >= len(tokens):
                raise InputError(f"the filter {token} needs a value")
            return key, tokens[index + 1], index + 2
        return key, value, index + 1
    key, sep, value = token.partition(":")
    if sep and key in _FILTER_KEYS and value:
        return key, value, index + 1
    return "text", token, index + 1
