"""Fetching a table's rows in worker threads, coalesced to the window last asked for."""

from __future__ import annotations

import threading
from collections.abc import Sequence
from functools import partial

from textual.widget import Widget
from textual.worker import Worker, get_current_worker

from tui.widgets.table_messages import PageFetched, Reloaded, SourceFailed
from tui.widgets.table_source import TableRow, TableSource

PAGES_GROUP = "virtual-table-pages"
RELOAD_GROUP = "virtual-table-reload"


class RowLoader:
    """Runs a table's source calls in `host`'s thread workers and posts what they return.

    Each new request cancels the one before it (exclusive workers), and source calls run
    one at a time, so a burst of scrolling costs at most the call in progress plus the
    pages of the last window. Results carry a `generation`; the host ignores those from
    before its latest reload. A source that raises gets a SourceFailed posted instead of
    taking the app down: the host decides what to tell the user.
    """

    def __init__(self, host: Widget, page_size: int) -> None:
        self.host = host
        self.page_size = page_size
        self.generation = 0
        self._in_flight: set[int] = set()
        self._source_lock = threading.Lock()

    def reload(
        self,
        source: TableSource,
        pages: Sequence[int],
        keep_key: int | None,
        *,
        rows_first: bool = False,
    ) -> None:
        """Count again and fetch `pages`, superseding every fetch before; posts Reloaded.

        With `rows_first` (a table that shows nothing yet) the pages are fetched and posted
        before the count, which on a big table is the slow part: the first rows show sooner.
        """
        self.generation += 1
        self._in_flight.clear()
        self.host.workers.cancel_group(self.host, PAGES_GROUP)
        work = partial(
            self._count_and_fetch, self.generation, source, tuple(pages), keep_key, rows_first
        )
        self.host.run_worker(work, group=RELOAD_GROUP, exclusive=True, thread=True)

    def fetch(self, source: TableSource, pages: Sequence[int]) -> None:
        """Fetch `pages` (most wanted first) unless a fetch for them is already running."""
        if not pages or self._in_flight.issuperset(pages):
            return
        self._in_flight = set(pages)
        work = partial(self._fetch_pages, self.generation, source, tuple(pages))
        self.host.run_worker(work, group=PAGES_GROUP, exclusive=True, thread=True)

    def arrived(self, page: int) -> None:
        """Note that `page` is in the host's cache now."""
        self._in_flight.discard(page)

    def failed(self) -> None:
        """Forget the pages in flight, so that the next request asks for them again."""
        self._in_flight.clear()

    def _fetch_page(
        self, source: TableSource, page: int, worker: Worker[None]
    ) -> tuple[TableRow, ...] | None:
        """One page from the source, or None if this worker was superseded meanwhile."""
        with self._source_lock:
            if worker.is_cancelled:
                return None
            return tuple(source.fetch(page * self.page_size, self.page_size))

    def _fetch_pages(self, generation: int, source: TableSource, pages: tuple[int, ...]) -> None:
        worker: Worker[None] = get_current_worker()
        for page in pages:
            try:
                rows = self._fetch_page(source, page, worker)
            except Exception as error:
                self.host.post_message(SourceFailed(generation, error))
                return
            if rows is None:
                return
            self.host.post_message(PageFetched(generation, page, rows))

    def _count_and_fetch(
        self,
        generation: int,
        source: TableSource,
        pages: tuple[int, ...],
        keep_key: int | None,
        rows_first: bool,
    ) -> None:
        try:
            if rows_first:
                self._fetch_then_count(generation, source, pages, keep_key)
            else:
                self._count_and_fetch_pages(generation, source, pages, keep_key)
        except Exception as error:
            self.host.post_message(SourceFailed(generation, error))

    def _count_and_fetch_pages(
        self,
        generation: int,
        source: TableSource,
        pages: tuple[int, ...],
        keep_key: int | None,
    ) -> None:
        worker: Worker[None] = get_current_worker()
        with self._source_lock:
            count = source.count()
        fetched: dict[int, tuple[TableRow, ...]] = {}
        for page in pages:
            if page * self.page_size >= count:
                continue
            rows = self._fetch_page(source, page, worker)
            if rows is None:
                return
            fetched[page] = rows
        self.host.post_message(Reloaded(generation, count, fetched, keep_key))

    def _fetch_then_count(
        self,
        generation: int,
        source: TableSource,
        pages: tuple[int, ...],
        keep_key: int | None,
    ) -> None:
        worker: Worker[None] = get_current_worker()
        fetched: dict[int, tuple[TableRow, ...]] = {}
        for page in sorted(pages):
            rows = self._fetch_page(source, page, worker)
            if rows is None:
                return
            fetched[page] = rows
            if len(rows) < self.page_size:  # the last page: the count is known without asking
                count = page * self.page_size + len(rows)
                self.host.post_message(Reloaded(generation, count, fetched, keep_key))
                return
        seen = max((page + 1) * self.page_size for page in fetched) if fetched else 0
        self.host.post_message(Reloaded(generation, seen, fetched, keep_key, final=False))
        with self._source_lock:
            count = source.count()
        kept = {page: rows for page, rows in fetched.items() if page * self.page_size < count}
        self.host.post_message(Reloaded(generation, count, kept, keep_key))
