"""A progress bar on stderr for long imports, drawn only when stderr is a terminal."""

from __future__ import annotations

import os
import stat
import sys
from typing import BinaryIO, TextIO


class ProgressBar:
    """`importing [#######---------]  41%  12,000 claims`, redrawn in place."""

    def __init__(self, total: int | None, stream: TextIO | None = None, width: int = 30) -> None:
        self.stream = stream if stream is not None else sys.stderr
        self.enabled = self.stream.isatty()
        self.total = total
        self.width = width
        self.drawn = 0

    @classmethod
    def for_file(cls, source: BinaryIO) -> ProgressBar:
        """A bar measured in bytes of `source` when it is a regular file, else a bare count."""
        try:
            info = os.fstat(source.fileno())
        except (OSError, ValueError):
            return cls(None)
        return cls(info.st_size if stat.S_ISREG(info.st_mode) and info.st_size else None)

    def show(self, done: int, claims: int) -> None:
        if not self.enabled:
            return
        if self.total:
            share = min(1.0, done / self.total)
            filled = round(share * self.width)
            bar = "#" * filled + "-" * (self.width - filled)
            text = f"importing [{bar}] {share:4.0%}  {claims:,} claims"
        else:
            text = f"importing  {claims:,} claims"
        self.stream.write("\r" + text.ljust(self.drawn))
        self.stream.flush()
        self.drawn = len(text)

    def close(self) -> None:
        if self.enabled and self.drawn:
            self.stream.write("\r" + " " * self.drawn + "\r")
            self.stream.flush()
