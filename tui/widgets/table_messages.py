"""Messages a VirtualTable posts to its owner, and the ones its workers post to it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.message import Message

from tui.widgets.table_source import TableRow

if TYPE_CHECKING:
    from tui.widgets.virtual_table import VirtualTable


class TableMessage(Message, namespace="virtual_table"):
    """A message from a VirtualTable; `control` is the table, so `@on(..., "#id")` works."""

    def __init__(self, *, table: VirtualTable | None = None) -> None:
        super().__init__()
        self.table = table

    @property
    def control(self) -> VirtualTable | None:
        """The table that posted this message."""
        return self.table


class RowHighlighted(TableMessage, namespace="virtual_table"):
    """The cursor is on row `index`; `key` is that row's key, None until its page arrives.

    Posted when the cursor moves and again when the row under it loads or changes.
    """

    def __init__(self, key: int | None, index: int, *, table: VirtualTable | None = None) -> None:
        super().__init__(table=table)
        self.key = key
        self.index = index


class RowSelected(TableMessage, namespace="virtual_table"):
    """The user chose the loaded row `index` with key `key` (Enter, or a click on the cursor)."""

    def __init__(self, key: int, index: int, *, table: VirtualTable | None = None) -> None:
        super().__init__(table=table)
        self.key = key
        self.index = index


class SortRequested(TableMessage, namespace="virtual_table"):
    """The user asked to sort by `column_key`; the owner re-queries and calls `reload()`."""

    def __init__(self, column_key: str, *, table: VirtualTable | None = None) -> None:
        super().__init__(table=table)
        self.column_key = column_key


class RowsCounted(TableMessage, namespace="virtual_table"):
    """A reload finished: the source holds `count` rows now (posted before the cursor moves)."""

    def __init__(self, count: int, *, table: VirtualTable | None = None) -> None:
        super().__init__(table=table)
        self.count = count


class LoadFailed(TableMessage, namespace="virtual_table"):
    """The source raised `error` while counting or fetching; the table keeps what it showed.

    A later scroll or `reload()` asks the source again.
    """

    def __init__(self, error: Exception, *, table: VirtualTable | None = None) -> None:
        super().__init__(table=table)
        self.error = error


class PageFetched(Message, bubble=False):
    """A worker fetched one page of rows for the data version `generation`."""

    def __init__(self, generation: int, page: int, rows: tuple[TableRow, ...]) -> None:
        super().__init__()
        self.generation = generation
        self.page = page
        self.rows = rows


class SourceFailed(Message, bubble=False):
    """A worker's call to the source for the data version `generation` raised `error`."""

    def __init__(self, generation: int, error: Exception) -> None:
        super().__init__()
        self.generation = generation
        self.error = error


class Reloaded(Message, bubble=False):
    """A worker counted the rows again and fetched the first pages to show.

    With `final` false, `count` is only the rows fetched so far: the real count follows.
    """

    def __init__(
        self,
        generation: int,
        count: int,
        pages: dict[int, tuple[TableRow, ...]],
        keep_key: int | None,
        *,
        final: bool = True,
    ) -> None:
        super().__init__()
        self.generation = generation
        self.count = count
        self.pages = pages
        self.keep_key = keep_key
        self.final = final
