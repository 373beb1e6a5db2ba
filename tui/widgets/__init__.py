"""Widgets of the review app that know nothing of the ledger."""

from tui.widgets.cell_text import safe_cell_text
from tui.widgets.columns import Column
from tui.widgets.table_source import Cell, TableRow, TableSource
from tui.widgets.virtual_table import VirtualTable

__all__ = ["Cell", "Column", "TableRow", "TableSource", "VirtualTable", "safe_cell_text"]
