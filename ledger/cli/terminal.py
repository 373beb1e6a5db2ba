"""Terminal output without Rich (too slow to import for the hot commands): colour and tables."""

from __future__ import annotations

import os
import sys
from typing import NamedTuple

from ledger.textsafe import display_width, fit, one_line

_ANSI = {
    "red": "31",
    "green": "32",
    "yellow": "33",
    "blue": "34",
    "magenta": "35",
    "cyan": "36",
    "bright_black": "90",
    "bold": "1",
    "dim": "2",
}


class Painter:
    """Colours text when stdout is a terminal (NO_COLOR and CLAIMS_COLOR=never turn it off)."""

    def __init__(self, enabled: bool | None = None) -> None:
        self.enabled = colour_wanted() if enabled is None else enabled

    def __call__(self, text: str, colour: str | None) -> str:
        if not self.enabled or not colour or colour not in _ANSI:
            return text
        return f"\x1b[{_ANSI[colour]}m{text}\x1b[0m"


def colour_wanted() -> bool:
    choice = os.environ.get("CLAIMS_COLOR", "auto").lower()
    if choice in ("always", "never"):
        return choice == "always"
    if os.environ.get("NO_COLOR") or os.environ.get("TERM") == "dumb":
        return False
    return sys.stdout.isatty()


def terminal_width() -> int:
    """COLUMNS when set, else the terminal's width, else 100 (output to a file or a pipe)."""
    columns = os.environ.get("COLUMNS", "")
    if columns.isdigit():
        return max(40, int(columns))
    try:
        return max(40, os.get_terminal_size(sys.stdout.fileno()).columns)
    except (OSError, ValueError):
        return 100


class Column(NamedTuple):
    header: str
    flex: bool = False
    align: str = "left"
    max_width: int = 40


class Cell(NamedTuple):
    text: str
    colour: str | None = None


def render_table(
    columns: list[Column], rows: list[list[Cell]], *, width: int, paint: Painter
) -> str:
    """Rows under a header, cut to `width` cells; the flex column takes what is left."""
    cleaned = [[Cell(one_line(c.text), c.colour) for c in row] for row in rows]
    widths = [
        0
        if col.flex  # takes what is left: measuring its cells would be wasted work
        else min(
            col.max_width,
            max([display_width(col.header)] + [display_width(r[i].text) for r in cleaned]),
        )
        for i, col in enumerate(columns)
    ]
    spare = width - sum(widths) - 2 * (len(columns) - 1)
    widths = [max(8, spare) if col.flex else w for w, col in zip(widths, columns, strict=True)]
    lines = [_line([Cell(c.header, "bold") for c in columns], columns, widths, paint)]
    lines += [_line(row, columns, widths, paint) for row in cleaned]
    return "\n".join(lines)


def _line(cells: list[Cell], columns: list[Column], widths: list[int], paint: Painter) -> str:
    parts = [
        paint(fit(cell.text, w, align=col.align), cell.colour)
        for cell, col, w in zip(cells, columns, widths, strict=True)
    ]
    return "  ".join(parts).rstrip()


def plural(count: int, noun: str, nouns: str | None = None) -> str:
    """`1 forecast`, `1,204 forecasts`; `nouns` where the plural is not noun + s."""
    return f"{count:,} {noun}" if count == 1 else f"{count:,} {nouns or noun + 's'}"
