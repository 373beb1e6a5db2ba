"""How a VirtualTable's header and rows become terminal lines (Strips)."""

from __future__ import annotations

from collections.abc import Sequence

from rich.segment import Segment
from rich.style import Style
from textual.strip import Strip

from tui.widgets.cell_text import fit_cell, parse_cell_style, safe_cell_text
from tui.widgets.columns import COLUMN_GAP, Column
from tui.widgets.table_source import Cell, TableRow

SORT_MARKS = {False: "▲", True: "▼"}
"""The header mark for ascending (False) and descending (True) order."""

PLACEHOLDER = "…"
_EMPTY_CELL = Cell("")
_GAP = " " * COLUMN_GAP


def header_label(column: Column, width: int, sort: tuple[str, bool] | None) -> str:
    """The header text for `column`, `width` cells wide, its label followed by a mark if sorted.

    The mark sits right after the label (`State ▲`), never at the column's far edge, where it
    would read as belonging to the next column's label.
    """
    label = safe_cell_text(column.label)
    if sort is None or sort[0] != column.key:
        return fit_cell(label, width, column.align)
    mark = " " + SORT_MARKS[sort[1]]
    if width <= len(mark):
        return fit_cell(mark.strip(), width)
    return fit_cell(fit_cell(label, width - len(mark)).rstrip() + mark, width, column.align)


def header_strip(
    columns: Sequence[Column],
    widths: Sequence[int],
    sort: tuple[str, bool] | None,
    style: Style,
    row_width: int,
) -> Strip:
    """The header line: every column's label, `row_width` cells wide."""
    segments: list[Segment] = []
    for column, width in zip(columns, widths, strict=True):
        if width:
            segments.append(Segment(_GAP + header_label(column, width, sort), style))
    return Strip(segments).extend_cell_length(row_width, style)


def row_strip(
    columns: Sequence[Column],
    widths: Sequence[int],
    row: TableRow,
    style: Style,
    row_width: int,
) -> Strip:
    """One row's line: its cells shown literally, cut and padded by display width."""
    segments: list[Segment] = []
    for i, (column, width) in enumerate(zip(columns, widths, strict=True)):
        if not width:
            continue  # dropped to make room
        cell = row.cells[i] if i < len(row.cells) else _EMPTY_CELL
        text = fit_cell(safe_cell_text(cell.text), width, column.align)
        segments.append(Segment(_GAP, style))
        segments.append(Segment(text, style + parse_cell_style(cell.style)))
    return Strip(segments).extend_cell_length(row_width, style)


def placeholder_strip(style: Style, row_width: int, text: str = PLACEHOLDER) -> Strip:
    """The line for a row whose page has not arrived yet, or `text` in place of any row."""
    line = fit_cell(_GAP + safe_cell_text(text), row_width)
    return Strip([Segment(line, style)], row_width)
