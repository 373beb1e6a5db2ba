"""Turning user text into terminal-safe, width-exact cell strings."""

from __future__ import annotations

import unicodedata
from functools import lru_cache
from typing import Literal

from rich.cells import cell_len, get_character_cell_size
from rich.errors import StyleSyntaxError
from rich.style import Style

Align = Literal["left", "right"]

ELLIPSIS = "…"
LINE_BREAK_MARK = "⏎"

# Bidi embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069) can reorder
# everything after them on the terminal line, so they are shown, never obeyed.
_BIDI_CONTROLS = frozenset({"LRE", "RLE", "PDF", "LRO", "RLO", "LRI", "RLI", "FSI", "PDI"})
_LINE_BREAKS = ("\r\n", "\n", "\r", "\u2028", "\u2029")


def safe_cell_text(text: str) -> str:
    """Return `text` with nothing a terminal would act on: one line, controls escaped.

    Line breaks become "⏎" and tabs a space; other control characters (C0, DEL, C1),
    bidi controls and lone surrogates become visible escapes such as `\\x1b` or `\\u202e`.
    """
    if text.isprintable():
        return text
    for line_break in _LINE_BREAKS:
        text = text.replace(line_break, LINE_BREAK_MARK)
    return "".join(_escape_char(char) for char in text.replace("\t", " "))


def _escape_char(char: str) -> str:
    category = unicodedata.category(char)
    if category in ("Cc", "Cs") or unicodedata.bidirectional(char) in _BIDI_CONTROLS:
        code = ord(char)
        return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"
    return char


def fit_cell(text: str, width: int, align: Align = "left") -> str:
    """Cut or pad `text` to exactly `width` terminal cells, ending a cut with "…".

    Widths are display widths: a CJK character or an emoji takes two cells.
    """
    if width <= 0:
        return ""
    if cell_len(text) > width:
        text = _first_cells(text, width - 1) + ELLIPSIS
    padding = " " * (width - cell_len(text))
    return padding + text if align == "right" else text + padding


def _first_cells(text: str, cells: int) -> str:
    """The longest start of `text` that fits in `cells` (a wide character is never split)."""
    used = 0
    for index, char in enumerate(text):
        used += get_character_cell_size(char)
        if used > cells:
            return text[:index]
    return text


@lru_cache(maxsize=256)
def parse_cell_style(style: str) -> Style:
    """The Rich style for a caller's style string; an invalid string means no style."""
    if not style:
        return Style.null()
    try:
        return Style.parse(style)
    except StyleSyntaxError:
        return Style.null()
