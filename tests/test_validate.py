"""The fast paths of the tag and URL checks decide exactly as the rules they stand for."""

from __future__ import annotations

import re
import unicodedata

from hypothesis import example, given
from hypothesis import strategies as st

from ledger.errors import InputError
from ledger.validate import _URL_HOST_ASCII, MAX_TAG, check_tag, check_url

# Text with a good share of the characters the rules are about.
TRICKY = st.text(
    alphabet=st.one_of(
        st.characters(),
        st.sampled_from("ab#, \t\u00a0\u200b\u200d\u202e\u2028\ufeff\x00\x1b\x7f\x85é漢"),
    ),
    max_size=12,
)


def tag_rule(value: str) -> bool:
    """A tag is accepted when, stripped of spaces and leading #, it is non-empty, short, and
    holds no space, comma or character of category C."""
    if "\x00" in value:
        return False
    tag = value.strip()
    if not tag or len(tag) > MAX_TAG:
        return False
    tag = tag.lstrip("#")
    return (
        bool(tag)
        and not re.search(r"[\s,]", tag)
        and not any(unicodedata.category(c)[0] == "C" for c in tag)
    )


def accepted(check: object, value: str) -> bool:
    try:
        check(value)  # type: ignore[operator]
    except InputError:
        return False
    return True


@given(TRICKY)
@example("xAI")
@example("a\u200bb")  # a zero-width space: format, category Cf
@example("a\ue000b")  # private use, category Co
@example("a\u00a0b")  # no-break space: a space, not category C
def test_check_tag_accepts_exactly_what_the_rule_accepts(value: str) -> None:
    assert accepted(check_tag, value) == tag_rule(value), ascii(value)


def host_rule(host: str) -> bool:
    return bool(host) and all(c in _URL_HOST_ASCII or "\u00a0" <= c <= "\uffff" for c in host)


@given(TRICKY)
@example("example.com")
@example("münchen.de")
@example("exa mple.com")
@example("\U0001f600.example")  # beyond U+FFFF
def test_check_url_takes_exactly_the_hosts_the_rule_takes(host: str) -> None:
    url = f"https://{host}/page"
    clean_host = url.strip().partition("://")[2].split("/", 1)[0].split("?", 1)[0].split("#")[0]
    if accepted(check_url, url):
        assert host_rule(clean_host), ascii(url)
    elif host_rule(clean_host) and clean_host.isascii() and clean_host.isprintable():
        # A plain ASCII host the rule takes is refused only for its port.
        assert ":" in clean_host, ascii(url)
