"""Reading the values of an imported record, each checked as strictly as the CLI checks input."""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from datetime import date, datetime
from typing import Any

from ledger.dates import SaidOn
from ledger.errors import InputError
from ledger.state import said_on_from_text
from ledger.validate import MAX_TEXT, check_tag, check_url

UID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
_MISSING = object()


class Fields:
    """The keys of one JSON object, read by type; `where` names it in every error."""

    def __init__(self, data: Any, where: str, *, allowed: Iterable[str]) -> None:
        if not isinstance(data, dict):
            raise InputError(f"{where}: expected an object, found {_kind(data)}")
        known = allowed if isinstance(allowed, frozenset) else frozenset(allowed)
        if not known.issuperset(data):
            raise InputError(f"{where}: unknown field {sorted(data.keys() - known)[0]!r}")
        self.data = data
        self.where = where

    def fail(self, key: str, problem: str) -> InputError:
        return InputError(f"{self.where}: {key} {problem}")

    def _get(self, key: str, optional: bool) -> Any:
        value = self.data.get(key, _MISSING)
        if value is _MISSING or value is None:
            if optional:
                return None
            raise self.fail(key, "is missing")
        return value

    def text(self, key: str, *, optional: bool = False, max_len: int = MAX_TEXT) -> str | None:
        # The hottest check of an import (some forty calls a claim): the common case first.
        value = self.data.get(key)
        if isinstance(value, str) and len(value) <= max_len and "\x00" not in value:
            return value
        if value is None:
            self._get(key, optional)  # raises unless optional
            return None
        if not isinstance(value, str):
            raise self.fail(key, f"should be text, not {_kind(value)}")
        if "\x00" in value:
            raise self.fail(key, "holds a NUL byte")
        raise self.fail(key, f"is longer than {max_len:,} characters")

    def required_text(self, key: str, *, max_len: int = MAX_TEXT) -> str:
        value = self.text(key, max_len=max_len)
        assert value is not None
        return value

    def uid(self, key: str = "uid") -> str:
        value = self.required_text(key, max_len=36)
        if not UID.fullmatch(value):
            raise self.fail(key, f"{value!r} is not a uid (36 characters such as 9b06876f-…)")
        return value

    def choice(self, key: str, choices: Iterable[str], *, optional: bool = False) -> str | None:
        value = self.text(key, optional=optional, max_len=40)
        if value is not None and value not in choices:
            raise self.fail(key, f"{value!r} is not one of {', '.join(choices)}")
        return value

    def url(self, key: str) -> str | None:
        value = self.text(key, optional=True, max_len=4096)
        if value is None:
            return None
        try:
            checked = check_url(value, what=key)
        except InputError as error:
            raise InputError(f"{self.where}: {error}") from None
        if checked != value:
            raise self.fail(key, f"{value!r} is not written as the ledger stores URLs")
        return value

    def tag(self, value: Any, index: int) -> str:
        if not isinstance(value, str):
            raise self.fail(f"tags[{index}]", f"should be text, not {_kind(value)}")
        try:
            checked = check_tag(value)
        except InputError as error:
            raise InputError(f"{self.where}: {error}") from None
        if checked != value:
            raise self.fail(f"tags[{index}]", f"{value!r} has spaces around it")
        return value

    def day(self, key: str, *, optional: bool = True) -> date | None:
        value = self.text(key, optional=optional, max_len=10)
        if value is None:
            return None
        try:
            return date.fromisoformat(value) if len(value) == 10 else _bad()
        except ValueError:
            raise self.fail(key, f"{value!r} is not a date (YYYY-MM-DD)") from None

    def said_on(self, key: str = "said_on") -> SaidOn:
        value = self.required_text(key, max_len=10)
        try:
            return said_on_from_text(value)
        except ValueError:
            raise self.fail(
                key, f"{value!r} is not a said date (YYYY-MM-DD, YYYY-MM or YYYY)"
            ) from None

    def moment(self, key: str, *, optional: bool = False) -> datetime | None:
        value = self.text(key, optional=optional, max_len=40)
        if value is None:
            return None
        try:
            parsed = datetime.fromisoformat(value)
        except ValueError:
            raise self.fail(key, f"{value!r} is not an ISO time") from None
        if parsed.tzinfo is None:
            raise self.fail(key, f"{value!r} has no time zone (end it in Z for UTC)")
        return parsed

    def required_moment(self, key: str) -> datetime:
        value = self.moment(key)
        assert value is not None
        return value

    def number(self, key: str, *, optional: bool = True) -> float | None:
        value = self._get(key, optional)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise self.fail(key, f"should be a number, not {_kind(value)}")
        if not math.isfinite(value):
            raise self.fail(key, "is not a finite number")
        return float(value)

    def integer(self, key: str, *, optional: bool = False) -> int | None:
        value = self._get(key, optional)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int):
            raise self.fail(key, f"should be a whole number, not {_kind(value)}")
        if not 0 <= value < 2**62:
            raise self.fail(key, f"{value} is out of range")
        return value

    def items(self, key: str, *, optional: bool = False) -> list[Any]:
        value = self._get(key, optional)
        if value is None:
            return []
        if not isinstance(value, list):
            raise self.fail(key, f"should be a list, not {_kind(value)}")
        return value

    def obj(self, key: str, *, optional: bool = False) -> dict[str, Any] | None:
        value = self._get(key, optional)
        if value is not None and not isinstance(value, dict):
            raise self.fail(key, f"should be an object, not {_kind(value)}")
        return value


def _bad() -> date:
    raise ValueError("not ten characters")


def _kind(value: Any) -> str:
    names = {dict: "an object", list: "a list", str: "text", bool: "true/false", type(None): "null"}
    return names.get(type(value), "a number")
