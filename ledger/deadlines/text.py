"""Deadline text made plain (one width, case, dash and spacing), then tokens and a cursor."""

from __future__ import annotations

import unicodedata

MOST_CHARS = 200

_PUNCTUATION = str.maketrans(
    {
        "‐": "-",
        "‑": "-",
        "‒": "-",
        "–": "-",
        "—": "-",
        "―": "-",
        "−": "-",
        "〜": "~",
        "〰": "~",
        "’": "'",
        "‘": "'",
        "`": "'",
        "´": "'",
        "。": ".",
        "、": ",",
        "“": '"',
        "”": '"',
        "「": '"',
        "」": '"',
        "『": '"',
        "』": '"',
        "《": '"',
        "》": '"',
        "\u3000": " ",
    }
)
_TRAILING = ".,;:!?"
_WRAPPERS = {'"': '"', "'": "'", "(": ")", "[": "]", "{": "}", "【": "】"}


def normalise(phrase: str) -> str:
    """Full-width forms folded (NFKC), lower case, single spaces, no trailing punctuation."""
    text = unicodedata.normalize("NFKC", phrase).translate(_PUNCTUATION)
    text = " ".join(text.lower().split())
    for _ in range(3):
        text = text.rstrip(_TRAILING).strip()
        if len(text) >= 2 and _WRAPPERS.get(text[0]) == text[-1]:
            text = text[1:-1].strip()
    return text


def is_chinese(text: str) -> bool:
    return any("\u4e00" <= char <= "\u9fff" or char == "〇" for char in text)


def tokenize(text: str) -> list[str]:
    """Words, digit runs and single symbols; commas and abbreviation dots dropped.

    A hyphen is kept only between two numbers ("2024-12-31", "1-2 weeks"): elsewhere it joins
    words ("mid-2026", "year-end", "2025-Q3") and reads as a space.
    """
    tokens: list[str] = []
    pos = 0
    while pos < len(text):
        char = text[pos]
        end = pos + 1
        if "0" <= char <= "9":
            while end < len(text) and "0" <= text[end] <= "9":
                end += 1
        elif char.isalpha():
            while end < len(text) and text[end].isalpha() and not "0" <= text[end] <= "9":
                end += 1
        if not char.isspace() and not (char == "," or _abbreviation_dot(text, pos)):
            tokens.append(text[pos:end])
        pos = end
    return _drop_joining_hyphens(tokens)


def _abbreviation_dot(text: str, pos: int) -> bool:
    return text[pos] == "." and not (pos > 0 and "0" <= text[pos - 1] <= "9")


def _drop_joining_hyphens(tokens: list[str]) -> list[str]:
    kept: list[str] = []
    for index, word in enumerate(tokens):
        if word == "-":
            before = tokens[index - 1] if index else ""
            after = tokens[index + 1] if index + 1 < len(tokens) else ""
            if not (before.isdigit() and after.isdigit()):
                continue
        kept.append(word)
    return kept


class Cursor:
    """A position in a token list that grammar rules advance and rewind.

    `far` is the furthest position any rule reached, so that a refusal can name the first
    token nothing understood.
    """

    __slots__ = ("far", "pos", "tokens")

    def __init__(self, tokens: list[str]) -> None:
        self.tokens = tokens
        self.pos = 0
        self.far = 0

    def peek(self, offset: int = 0) -> str:
        index = self.pos + offset
        return self.tokens[index] if index < len(self.tokens) else ""

    def at_end(self) -> bool:
        return self.pos >= len(self.tokens)

    def move(self, pos: int) -> None:
        self.pos = pos
        self.far = max(self.far, pos)

    def take(self, *words: str) -> bool:
        """Consume `words` if they come next, in order."""
        if tuple(self.tokens[self.pos : self.pos + len(words)]) != words:
            return False
        self.move(self.pos + len(words))
        return True

    def take_first(self, *options: tuple[str, ...]) -> tuple[str, ...] | None:
        """Consume the first of `options` (word sequences) that comes next."""
        for option in options:
            if self.take(*option):
                return option
        return None

    def take_word(self, table: dict[str, int]) -> int | None:
        """Consume the next token if `table` knows it, giving its value."""
        value = table.get(self.peek())
        if value is not None:
            self.move(self.pos + 1)
        return value
