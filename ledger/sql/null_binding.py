"""NULLs bound to SQLite statements without the slow path CPython's sqlite3 gives them.

CPython's sqlite3 binds an int, float, str or bytearray directly but sends any other value,
None included, through its adaptation protocol: a lookup in the adapters registry, then a
search for `__adapt__` on the protocol type that raises an AttributeError, message formatted, only
to drop it, then one for `__conform__`. In CPython 3.11 that is some 3,000 instructions a NULL,
and an import's rows hold about fifteen NULLs a claim: a seventh of the writing process's work.
An adapter registered for None makes each one a lookup and a call that gives None back.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

_KEY = (type(None), sqlite3.PrepareProtocol)
# A callable in C that takes one value and returns None: the cheapest adapter there is.
_AS_NULL: Callable[[Any], None] = {}.get


@contextmanager
def nulls_bound_directly() -> Iterator[None]:
    """The adapter for None registered while the block runs; the registry as it was after."""
    if _KEY in sqlite3.adapters:
        yield
        return
    sqlite3.adapters[_KEY] = _AS_NULL
    try:
        yield
    finally:
        sqlite3.adapters.pop(_KEY, None)
