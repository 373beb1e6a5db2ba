"""A bounded cache of fetched rows, kept in pages so memory stays flat."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Iterable, Sequence

from tui.widgets.table_source import TableRow


class RowPages:
    """The most recently wanted `max_pages` pages of `page_size` rows each.

    Pages are evicted least-recently-wanted first; `want` marks pages as wanted
    without the per-row lookups of rendering having to.
    """

    def __init__(self, page_size: int = 100, max_pages: int = 20) -> None:
        if page_size < 1 or max_pages < 4:
            raise ValueError("a page holds at least one row and the cache at least four pages")
        self.page_size = page_size
        self.max_pages = max_pages
        self._pages: OrderedDict[int, tuple[TableRow, ...]] = OrderedDict()

    def __len__(self) -> int:
        return len(self._pages)

    @property
    def row_count(self) -> int:
        """How many rows the cache holds now."""
        return sum(len(rows) for rows in self._pages.values())

    def pages_for(self, first: int, last: int) -> range:
        """The pages holding rows `first` to `last`, both included."""
        return range(first // self.page_size, last // self.page_size + 1)

    def row(self, index: int) -> TableRow | None:
        """The row at `index`, or None when its page is not here."""
        page, position = divmod(index, self.page_size)
        rows = self._pages.get(page)
        if rows is None or position >= len(rows):
            return None
        return rows[position]

    def want(self, pages: Iterable[int]) -> list[int]:
        """Mark `pages` as just wanted; return those that still need fetching."""
        missing = []
        for page in pages:
            if page in self._pages:
                self._pages.move_to_end(page)
            else:
                missing.append(page)
        return missing

    def store(self, page: int, rows: Sequence[TableRow]) -> None:
        """Keep a fetched page, evicting the least recently wanted beyond the bound."""
        self._pages[page] = tuple(rows)
        self._pages.move_to_end(page)
        while len(self._pages) > self.max_pages:
            self._pages.popitem(last=False)

    def find_key(self, key: int) -> int | None:
        """The index of the row with `key` among the cached rows, if it is here."""
        for page, rows in self._pages.items():
            for position, row in enumerate(rows):
                if row.key == key:
                    return page * self.page_size + position
        return None

    def clear(self) -> None:
        """Forget every row."""
        self._pages.clear()
