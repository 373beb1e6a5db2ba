"""User text made safe to show: control characters escaped, widths measured in terminal cells.

Statements come from anywhere (pasted web pages, other tools); an escape sequence or a bidi
override in one must show as text, never act on the terminal. Both front ends use this.
"""

from __future__ import annotations

import unicodedata

# Characters that reorder or hide text (bidi embeddings, overrides and isolates).
_BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f")


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


def char_width(ch: str) -> int:
    if unicodedata.combining(ch) or unicodedata.category(ch) in ("Mn", "Me", "Cf"):
        return 0
    if ch == "\u200d" or "\ufe00" <= ch <= "\ufe0f":
        return 0
    return 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1


def display_width(text: str) -> int:
    """Terminal cells `text` takes: CJK and most emoji take two."""
    if text.isascii():
        return len(text)
    return sum(char_width(ch) for ch in text)


def fit(text: str, width: int, *, align: str = "left") -> str:
    """Cut `text` to `width` cells (with an ellipsis) and pad it to exactly `width`."""
    cut = truncate(text, width)
    pad = " " * (width - display_width(cut))
    return pad + cut if align == "right" else cut + pad


def truncate(text: str, width: int) -> str:
    if width <= 0:
        return ""
    if display_width(text) <= width:
        return text
    if text.isascii():
        return text[: width - 1] + "…"
    used, out = 0, []
    for ch in text:
        w = char_width(ch)
        if used + w > width - 1:
            break
        out.append(ch)
        used += w
    return "".join(out) + "…"
