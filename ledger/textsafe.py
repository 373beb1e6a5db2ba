"""User text made safe to show: control characters escaped, widths measured in terminal cells.

Statements come from anywhere (pasted web pages, other tools); an escape sequence or a bidi
override in one must show as text, never act on the terminal. Both front ends use this.
"""

from __future__ import annotations

import functools
import re
import unicodedata

# Characters that reorder or hide text (bidi embeddings, overrides and isolates).
_BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f")


# is_unsafe as a pattern, newline aside: for whole documents, searched at C speed.
UNSAFE_BUT_NEWLINE = re.compile(
    "[\x00-\x09\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff]"
)


def _escape(ch: str) -> str:
    code = ord(ch)
    if code < 0x100:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


def is_unsafe(ch: str) -> bool:
    """C0 and C1 control codes, DEL, bidi controls, and lone surrogates."""
    code = ord(ch)
    return code < 0x20 or 0x7F <= code <= 0x9F or ch in _BIDI_CONTROLS or 0xD800 <= code <= 0xDFFF


def escape_controls(text: str, *, keep_newlines: bool = False) -> str:
    """`text` with every unsafe character written as an escape such as `\\x1b`."""
    # Every unsafe character is non-printable, so printable text (nearly all of it) is done
    # at C speed; the `claims due` and `list` tables pass every cell through here.
    if text.isprintable() or not any(is_unsafe(ch) for ch in text):
        return text
    kept = "\n" if keep_newlines else ""
    return "".join(_escape(ch) if is_unsafe(ch) and ch not in kept else ch for ch in text)


def one_line(text: str) -> str:
    """Newlines and tabs folded to spaces, then controls escaped: for table cells."""
    if text.isprintable():
        return text
    folded = " ".join(text.replace("\t", " ").splitlines())
    return escape_controls(folded)


@functools.lru_cache(maxsize=4096)
def char_width(ch: str) -> int:
    # Cached: a table of 10,000 claims asks about the same few hundred characters a million
    # times, and three Unicode look-ups a time were most of `claims due`.
    if unicodedata.combining(ch) or unicodedata.category(ch) in ("Mn", "Me", "Cf"):
        return 0
    if ch == "\u200d" or "\ufe00" <= ch <= "\ufe0f":
        return 0
    return 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1


def display_width(text: str) -> int:
    """Terminal cells `text` takes: CJK and most emoji take two."""
    if text.isascii():
        return len(text)
    return sum(map(char_width, text))


def fit(text: str, width: int, *, align: str = "left") -> str:
    """Cut `text` to `width` cells (with an ellipsis) and pad it to exactly `width`."""
    cut = truncate(text, width)
    pad = " " * (width - display_width(cut))
    return pad + cut if align == "right" else cut + pad


def truncate(text: str, width: int) -> str:
    """`text` if it fits in `width` cells, else as much of it as fits before an ellipsis."""
    if width <= 0:
        return ""
    if text.isascii():
        return text if len(text) <= width else text[: width - 1] + "…"
    # One pass that stops at the cut: a long statement is not measured to its end.
    used, cut = 0, 0
    for index, ch in enumerate(text):
        used += char_width(ch)
        if used <= width - 1:
            cut = index + 1
        elif used > width:
            return text[:cut] + "…"
    return text
