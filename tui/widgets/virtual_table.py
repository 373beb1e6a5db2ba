"""A table over millions of rows that asks its source only for the rows in view."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar, TypeAlias

from rich.style import Style
from textual import events, on
from textual.binding import Binding, BindingType
from textual.geometry import Size
from textual.scroll_view import ScrollView
from textual.strip import Strip

from tui.widgets import table_messages as messages
from tui.widgets.columns import Column, column_at, column_widths, row_span
from tui.widgets.row_loader import RowLoader
from tui.widgets.row_pages import RowPages
from tui.widgets.table_lines import PLACEHOLDER, header_strip, placeholder_strip, row_strip
from tui.widgets.table_messages import PageFetched, Reloaded, SourceFailed
from tui.widgets.table_source import TableSource


class VirtualTable(ScrollView, can_focus=True):
    """A table whose rows come a page at a time from a `TableSource`, in worker threads.

    Rows not loaded yet show as a dim placeholder until their page arrives. The table
    never sorts: a header click posts `SortRequested`, and the owner re-queries and
    calls `reload()`. When the source raises, the table posts `LoadFailed` and keeps
    what it showed.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up", "cursor_up", "Up", show=False),
        Binding("down", "cursor_down", "Down", show=False),
        Binding("pageup", "page_up", "Page up", show=False),
        Binding("pagedown", "page_down", "Page down", show=False),
        Binding("home", "first_row", "First row", show=False),
        Binding("end", "last_row", "Last row", show=False),
        Binding("enter", "select_cursor", "Open"),
    ]

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "virtual-table--header",
        "virtual-table--cursor",
        "virtual-table--placeholder",
    }

    DEFAULT_CSS = """
    VirtualTable {
        background: $surface;
        color: $foreground;
        height: 1fr;
        & > .virtual-table--header {
            text-style: bold;
            background: $panel;
            color: $foreground;
        }
        & > .virtual-table--placeholder {
            color: $text-muted;
            text-style: dim;
        }
        & > .virtual-table--cursor {
            background: $block-cursor-blurred-background;
            color: $block-cursor-blurred-foreground;
            text-style: $block-cursor-blurred-text-style;
        }
        &:focus > .virtual-table--cursor {
            background: $block-cursor-background;
            color: $block-cursor-foreground;
            text-style: $block-cursor-text-style;
        }
    }
    """

    RowHighlighted: TypeAlias = messages.RowHighlighted
    RowSelected: TypeAlias = messages.RowSelected
    SortRequested: TypeAlias = messages.SortRequested
    LoadFailed: TypeAlias = messages.LoadFailed
    RowsCounted: TypeAlias = messages.RowsCounted

    def __init__(
        self,
        columns: Sequence[Column],
        source: TableSource | None = None,
        *,
        page_size: int = 100,
        max_pages: int = 20,
        name: str | None = None,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self._columns = tuple(columns)
        self._source = source
        self._pages = RowPages(page_size, max_pages)
        self._loader = RowLoader(self, page_size)
        self._reloading = False
        self._row_count = 0
        self._cursor = 0
        self._sort: tuple[str, bool] | None = None
        self._announced: tuple[int | None, int] | None = None
        self._layout: tuple[int, list[int]] = (-1, [])
        self._empty_text = ""

    # Public API

    @property
    def columns(self) -> tuple[Column, ...]:
        """The columns, left to right."""
        return self._columns

    @property
    def row_count(self) -> int:
        """How many rows the source had at the last reload."""
        return self._row_count

    @property
    def cursor_index(self) -> int:
        """The index of the highlighted row (0 in an empty table)."""
        return self._cursor

    @property
    def cursor_key(self) -> int | None:
        """The key of the highlighted row, or None while its page loads or the table is empty."""
        row = self._pages.row(self._cursor) if self._cursor < self._row_count else None
        return None if row is None else row.key

    @property
    def counting(self) -> bool:
        """True while the rows shown came before the source's count (`row_count` is provisional)."""
        return self._reloading

    @property
    def cached_row_count(self) -> int:
        """How many rows the page cache holds now (it stays bounded however far one scrolls)."""
        return self._pages.row_count

    def set_source(self, source: TableSource, *, keep_cursor_key: int | None = None) -> None:
        """Show a different source: from its first row, or as `reload(keep_cursor_key)` does."""
        self._source = source
        if keep_cursor_key is None:
            self._cursor = 0
            self.scroll_to(0, 0, animate=False)
        self.reload(keep_cursor_key)

    def reload(self, keep_cursor_key: int | None = None) -> None:
        """Count again and fetch the rows in view; the old rows show until the new arrive.

        The cursor goes to the row with `keep_cursor_key` if that row is among the pages
        fetched first (the first page and the pages in view); otherwise it keeps its index,
        clamped to the new row count.
        """
        if self._source is None:
            return
        rows_first = self._row_count == 0 and not self._reloading
        self._reloading = True
        pages = dict.fromkeys([0, *self._window_pages()])
        self._loader.reload(self._source, list(pages), keep_cursor_key, rows_first=rows_first)

    def move_cursor(self, index: int) -> None:
        """Highlight row `index` (clamped to the rows there are) and scroll it into view."""
        self._cursor = max(0, min(index, self._row_count - 1))
        self._scroll_to_cursor()
        self._request_window()
        self._announce_cursor()
        self.refresh()

    def set_empty_text(self, text: str) -> None:
        """What the first row says when the source has no rows (shown literally, dim)."""
        self._empty_text = text
        self.refresh()

    def set_sort_indicator(self, column_key: str | None, descending: bool = False) -> None:
        """Mark the column the rows are sorted by (None: no mark); the table does not sort."""
        self._sort = None if column_key is None else (column_key, descending)
        self.refresh()

    # Actions

    def action_cursor_up(self) -> None:
        """Move the cursor up one row."""
        self.move_cursor(self._cursor - 1)

    def action_cursor_down(self) -> None:
        """Move the cursor down one row."""
        self.move_cursor(self._cursor + 1)

    def action_page_up(self) -> None:
        """Move the cursor and the view up one screen."""
        self._move_by_screen(-1)

    def action_page_down(self) -> None:
        """Move the cursor and the view down one screen."""
        self._move_by_screen(1)

    def action_first_row(self) -> None:
        """Move the cursor to the first row."""
        self.move_cursor(0)

    def action_last_row(self) -> None:
        """Move the cursor to the last row."""
        self.move_cursor(self._row_count - 1)

    def action_select_cursor(self) -> None:
        """Post RowSelected for the highlighted row, once it has loaded."""
        key = self.cursor_key
        if key is not None:
            self.post_message(self.RowSelected(key, self._cursor, table=self))

    def action_sort(self, column_key: str) -> None:
        """Ask the owner to sort by `column_key` (posts SortRequested)."""
        self.post_message(self.SortRequested(column_key, table=self))

    # Events

    def on_mount(self) -> None:
        self.reload()

    def on_resize(self, _: events.Resize) -> None:
        self._size_rows(self._row_count)
        self._request_window()
        self.refresh()

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None:
            return
        if offset.y == 0:
            widths = self._column_widths()
            column = column_at(self._columns, widths, offset.x + self.scroll_offset.x)
            if column is not None:
                self.action_sort(column.key)
            return
        index = self.scroll_offset.y + offset.y - 1
        if index == self._cursor:
            self.action_select_cursor()
        elif index < self._row_count:
            self.move_cursor(index)

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        super().watch_scroll_y(old_value, new_value)
        self._request_window()

    @on(Reloaded)
    def _install_reload(self, message: Reloaded) -> None:
        if message.generation != self._loader.generation:
            return
        self._reloading = not message.final
        self._pages.clear()
        for page, rows in message.pages.items():
            self._pages.store(page, rows)
        self._row_count = message.count
        self._size_rows(message.count)
        if message.final:
            self.post_message(self.RowsCounted(message.count, table=self))
        kept = None if message.keep_key is None else self._pages.find_key(message.keep_key)
        self.move_cursor(self._cursor if kept is None else kept)

    @on(PageFetched)
    def _install_page(self, message: PageFetched) -> None:
        if message.generation != self._loader.generation:
            return
        self._loader.arrived(message.page)
        self._pages.store(message.page, message.rows)
        self._announce_cursor()
        self.refresh()

    @on(SourceFailed)
    def _report_failure(self, message: SourceFailed) -> None:
        if message.generation != self._loader.generation:
            return
        self._reloading = False
        self._loader.failed()
        self.refresh()
        self.post_message(self.LoadFailed(message.error, table=self))

    # Fetching

    def _visible_rows(self) -> int:
        return max(1, self.scrollable_content_region.height - 1)

    def _window_pages(self) -> list[int]:
        """Pages in view first, then a screen's margin above and below, nearest first."""
        if self._row_count == 0:
            return []
        top, visible, last = self.scroll_offset.y, self._visible_rows(), self._row_count - 1
        margin = min(visible, self._pages.page_size)
        in_view = self._pages.pages_for(top, min(last, top + visible - 1))
        around = self._pages.pages_for(max(0, top - margin), min(last, top + visible + margin))
        return list(dict.fromkeys([*in_view, *around]))

    def _request_window(self) -> None:
        """Fetch the pages the window lacks, superseding any fetch for an older window."""
        if self._source is None or self._reloading:
            return
        self._loader.fetch(self._source, self._pages.want(self._window_pages()))

    # Cursor

    def _move_by_screen(self, direction: int) -> None:
        step = direction * self._visible_rows()
        self.scroll_to(y=self.scroll_offset.y + step, animate=False)
        self.move_cursor(self._cursor + step)

    def _scroll_to_cursor(self) -> None:
        top, visible = self.scroll_offset.y, self._visible_rows()
        if self._cursor < top:
            self.scroll_to(y=self._cursor, animate=False)
        elif self._cursor >= top + visible:
            self.scroll_to(y=self._cursor - visible + 1, animate=False)

    def _announce_cursor(self) -> None:
        """Post RowHighlighted when the cursor's index or the row under it changes."""
        state = (self.cursor_key, self._cursor)
        if state != self._announced:
            self._announced = state
            self.post_message(self.RowHighlighted(*state, table=self))

    # Rendering

    def _column_widths(self) -> list[int]:
        """The widths for the width in view: columns that do not fit are dropped (width 0)."""
        available = self.scrollable_content_region.width
        if self._layout[0] != available:
            self._layout = (available, column_widths(self._columns, available))
        return self._layout[1]

    def _row_width(self, widths: list[int]) -> int:
        return max(self.scrollable_content_region.width, row_span(widths))

    def _size_rows(self, count: int) -> None:
        """Scroll sideways only when even the columns left after dropping do not fit."""
        self.virtual_size = Size(row_span(self._column_widths()), count + 1)

    def render_line(self, y: int) -> Strip:
        widths = self._column_widths()
        row_width = self._row_width(widths)
        if y == 0:
            style = self.get_component_rich_style("virtual-table--header")
            strip = header_strip(self._columns, widths, self._sort, style, row_width)
        else:
            strip = self._row_line(self.scroll_offset.y + y - 1, widths, row_width)
        scroll_x = self.scroll_offset.x
        return strip.crop(scroll_x, scroll_x + self.scrollable_content_region.width)

    def _row_line(self, index: int, widths: list[int], row_width: int) -> Strip:
        style = self.rich_style
        if index >= self._row_count:
            if index == 0 and self._reloading:  # the first count is on its way
                return self._placeholder_line(style, row_width)
            if index == 0 and self._empty_text:
                return self._placeholder_line(style, row_width, self._empty_text)
            return Strip.blank(row_width, style)
        if index == self._cursor:
            style += self.get_component_rich_style("virtual-table--cursor")
        row = self._pages.row(index)
        if row is None:
            return self._placeholder_line(style, row_width)
        return row_strip(self._columns, widths, row, style, row_width)

    def _placeholder_line(self, style: Style, row_width: int, text: str = PLACEHOLDER) -> Strip:
        dim = self.get_component_rich_style("virtual-table--placeholder", partial=True)
        return placeholder_strip(style + dim, row_width, text)
