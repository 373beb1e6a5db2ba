"""Table columns as data, and how they share a width."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rich.cells import cell_len

from tui.widgets.cell_text import Align

COLUMN_GAP = 1
"""Blank cells to the left of every column."""

SORT_MARK_CELLS = 2
"""Room a header keeps for " ▲" after its label."""


@dataclass(frozen=True, slots=True)
class Column:
    """One column: `width` cells if given; a flex column shares what fixed ones leave.

    A flex column ignores `width` and is never narrower than `min_width`. A column with
    neither a width nor flex is as wide as its label plus a sort mark. When a row is too narrow
    for every column, those with a `drop_order` are hidden, 1 first, then 2, and so on, until
    the rest fit; a column without one (0) always shows.
    """

    key: str
    label: str
    width: int | None = None
    min_width: int = 4
    align: Align = "left"
    flex: bool = False
    drop_order: int = 0

    def __post_init__(self) -> None:
        if self.min_width < 1 or (self.width is not None and self.width < 1):
            raise ValueError(f"column {self.key!r} needs a width of at least one cell")

    @property
    def natural_width(self) -> int:
        """The width this column takes before any flex sharing."""
        if self.flex:
            return self.min_width
        if self.width is not None:
            return self.width
        return max(self.min_width, cell_len(self.label) + SORT_MARK_CELLS)


def minimum_width(columns: Sequence[Column]) -> int:
    """The narrowest the whole row can be with all of `columns` shown."""
    return sum(column.natural_width + COLUMN_GAP for column in columns)


def shown_columns(columns: Sequence[Column], available: int) -> list[int]:
    """The indexes of the columns that show in `available` cells (see `Column.drop_order`)."""
    shown = list(range(len(columns)))
    droppable = [i for i in shown if columns[i].drop_order]
    droppable.sort(key=lambda i: columns[i].drop_order)
    for index in droppable:
        if minimum_width([columns[i] for i in shown]) <= available:
            break
        shown.remove(index)
    return shown


def column_widths(columns: Sequence[Column], available: int) -> list[int]:
    """Each column's width when the row may be `available` cells wide (0: dropped to fit)."""
    shown = shown_columns(columns, available)
    widths = [column.natural_width if i in shown else 0 for i, column in enumerate(columns)]
    flex_indexes = [i for i in shown if columns[i].flex]
    if not flex_indexes:
        return widths
    fixed = sum(widths[i] for i in shown if i not in flex_indexes)
    spare = available - fixed - COLUMN_GAP * len(shown)
    share, extra = divmod(max(spare, 0), len(flex_indexes))
    for n, i in enumerate(flex_indexes):
        widths[i] = max(columns[i].min_width, share + (1 if n < extra else 0))
    return widths


def row_span(widths: Sequence[int]) -> int:
    """How many cells a row laid out with `widths` takes, gaps included (dropped columns none)."""
    return sum(width + COLUMN_GAP for width in widths if width)


def column_at(columns: Sequence[Column], widths: Sequence[int], x: int) -> Column | None:
    """The column under cell `x` of a row laid out with `widths` (gaps count as theirs)."""
    right = 0
    for column, width in zip(columns, widths, strict=True):
        if not width:
            continue
        right += COLUMN_GAP + width
        if x < right:
            return column
    return None
